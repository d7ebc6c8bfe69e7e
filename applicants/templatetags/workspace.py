from django import template
from django.utils.translation import gettext as _

from postings.access import has_workspace as _has_workspace
from recruit.accounts.personal import personal_cached

register = template.Library()


@register.simple_tag
def has_workspace(user) -> bool:
    """Whether the navigation links to /recruit/: a unit member or an admin. Kept under the user's personal
    version, which their memberships and their user row (staff status) change; a permission granted later shows
    with the next change of theirs."""
    if not user.is_authenticated:
        return False
    return personal_cached(user, "has-workspace", lambda: _has_workspace(user))


@register.filter
def applicant_name(application) -> str:
    """The name reviewers see: "Applicant 123" while blind screening hides it (Application.is_blind), a
    placeholder once the candidate deleted their account. Load the application with `posting` and `candidate`."""
    if application.is_blind:
        return _("Applicant %(number)s") % {"number": application.pk}
    if application.candidate is None:
        return _("Deleted candidate")
    return application.candidate.name or application.candidate.email


@register.filter
def applicant_school(application, school: str) -> str:
    """`school` (from the candidate's profile), or a dash while blind screening hides it."""
    if application.is_blind:
        return "—"
    return school or "—"
