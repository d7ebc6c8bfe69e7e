"""The personal apply panel of a posting page: rendered per request, apart from any cached part of the page."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from applicants.eligibility import may_apply
from applicants.queries import candidacy_of
from recruit.accounts.personal import personal_token

register = template.Library()


@register.simple_tag(takes_context=True)
def apply_panel(context, posting_id):
    """For a signed-in user: "you may apply" with the button, or every reason not; for a visitor: sign in to apply.

    The context's `posting` needs its program and locations loaded (`Posting.objects.for_cards()`); it is
    read only when the panel is rendered. Given the page's `catalogue` (postings.cache.Catalogue), the panel
    is kept in the cache until the catalogue or anything of the user's changes (their personal version), or
    the catalogue's next time-driven change.
    """
    user = context["request"].user

    def render() -> str:
        posting = context["posting"]
        eligibility = may_apply(candidacy=candidacy_of(user), posting=posting) if user.is_authenticated else None
        return render_to_string(
            "applicants/_apply_panel.html", {"posting": posting, "user": user, "eligibility": eligibility}
        )

    catalogue = context.get("catalogue")
    if catalogue is None:
        return render()
    viewer = (user.pk, personal_token(user)) if user.is_authenticated else None
    return mark_safe(catalogue.cached("apply-panel", (posting_id, viewer), render))  # noqa: S308
