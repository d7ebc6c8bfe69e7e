"""The personal apply panel of a posting page: rendered per request, apart from any cached part of the page."""

from django import template

from applicants.eligibility import may_apply
from applicants.queries import candidacy_of

register = template.Library()


@register.inclusion_tag("applicants/_apply_panel.html", takes_context=True)
def apply_panel(context, posting):
    """For a signed-in user: "you may apply" with the button, or every reason not; for a visitor: sign in to apply.

    The posting needs its program and locations loaded (`Posting.objects.for_cards()`).
    """
    user = context["request"].user
    eligibility = may_apply(candidacy=candidacy_of(user), posting=posting) if user.is_authenticated else None
    return {"posting": posting, "user": user, "eligibility": eligibility, "request": context["request"]}
