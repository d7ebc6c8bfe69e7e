"""The postings workflow's notifications (postings/publishing.py): a topic recruiters and admins may turn off.

Each submission, approval, return and closing is also on the posting's page and, for admins, in the approvals
queue, so a recruiter or admin who follows the workspace may do without the emails.
"""

from django.utils.translation import gettext_lazy as _

from recruit.notifications.kinds import Kind, Topic


def recruits_or_approves(user) -> bool:
    """Recruiters and hiring managers of a unit, and admins: who the postings workflow writes to."""
    from .access import is_admin
    from .models import UnitMembership

    return is_admin(user) or user.unit_memberships.filter(role__in=UnitMembership.REVIEW_ROLES).exists()


TOPICS = [
    Topic(
        "posting_workflow",
        _("Postings: submitted for approval, approved, returned or closed"),
        help=_("For the recruiters of the posting's unit, who submitted it, and the admins who approve postings."),
        applies_to=recruits_or_approves,
    ),
]
KINDS = [
    Kind(event, topic="posting_workflow")
    for event in ("posting_submitted", "posting_approved", "posting_returned", "posting_closed")
]
