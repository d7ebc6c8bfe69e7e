"""The talent pool's notifications: an invitation, the reminder before an entry expires, the recruiters' digest.

None of them is essential, so each is a topic its recipient may turn off:

- An invitation from another unit is an offer to apply, not a decision on an application; it stays on the
  candidate's pool page (/me/pool/) to accept or decline whether or not it was emailed.
- The expiry reminder asks the candidate to renew a consent. Had it no off switch, the portal could keep asking a
  person to go on sharing their data; turning it off lets the consent run out as the candidate agreed when they
  gave it (the end date is on /me/pool/, and leaving or rejoining is one click there). Running out is the
  privacy-preserving outcome and loses no application (they are kept whatever the pool does), so nothing the
  candidate must know depends on this email.
- The daily digest of new matches is a recruiter's convenience; the suggestions are in the workspace.
"""

from django.utils.translation import gettext_lazy as _

from recruit.notifications.kinds import Kind, Topic


def in_the_pool(user) -> bool:
    """Candidates with a pool entry: who invitations and expiry reminders are written to."""
    from .models import PoolEntry

    return PoolEntry.objects.filter(candidate=user).exists()


def reviews_applications(user) -> bool:
    """Recruiters and hiring managers of a unit: who the digest is written to."""
    from postings.models import UnitMembership

    return user.unit_memberships.filter(role__in=UnitMembership.REVIEW_ROLES).exists()


TOPICS = [
    Topic(
        "pool_invitations",
        _("Invitations from other units to apply to their roles"),
        help=_("Invitations still wait for your answer on your talent pool page."),
        applies_to=in_the_pool,
    ),
    Topic(
        "pool_expiry_reminder",
        _("The reminder 30 days before your talent-pool consent ends"),
        help=_("Without it your resume leaves the pool on the day shown on your talent pool page."),
        applies_to=in_the_pool,
    ),
    Topic(
        "pool_digest",
        _("Daily digest of new talent-pool matches for your open roles"),
        help=_("The suggestions are always in the talent pool of the workspace."),
        applies_to=reviews_applications,
    ),
]
KINDS = [
    Kind("pool_invitation", topic="pool_invitations"),
    Kind("pool_expiry_reminder", topic="pool_expiry_reminder"),
    Kind("pool_digest", topic="pool_digest"),
]
