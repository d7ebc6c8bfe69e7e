"""The recruiter's invitation page: /recruit/pool/invite/<entry>/<posting>/.

What the unit may see of the candidate (their pool profile: no contact details until they apply) and why they are
suggested, a message, Send. Who may invite whom is `invitations.py`'s: another unit's posting, or a candidate the
unit may not see for it, answers 404.
"""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from applicants.models import CandidateProfile
from applicants.workspace.frame import workspace_context, workspace_view

from . import matching
from .invitations import (
    MAX_MESSAGE_LENGTH,
    InvitationNotFound,
    InvitationRefused,
    invitable_entries,
    invitable_postings,
    invitation_send,
    invitation_under_way,
    suggestion_reasons,
)


class InvitationForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Your message to the candidate"),
        required=False,
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "Sent with the invitation, as you write it. The candidate also reads the unit, the role and why they "
            "were suggested, in their language."
        ),
        error_messages={
            "max_length": gettext_lazy(
                "Keep the message to %(limit_value)d characters or fewer (it has %(show_value)d)."
            )
        },
    )


def default_message(posting) -> str:
    """The message the form starts with, in the recruiter's language (they may rewrite it in the candidate's)."""
    return _(
        "Hello, we read your profile in the talent pool and think you would do well as %(title)s at %(unit)s. "
        "We would be glad to receive your application."
    ) % {"title": posting.title, "unit": posting.unit.name}


def pool_summary(entry) -> dict:
    """What the unit may read of a pool candidate: their pool profile, never their email, phone or links."""
    profile = (
        CandidateProfile.objects.filter(user_id=entry.candidate_id)
        .prefetch_related("preferred_categories", "preferred_locations")
        .first()
    )
    name = entry.candidate.name or _("a pool candidate")
    return {
        "name": name,
        # As the candidate wrote it, in no particular language.
        "name_html": format_html('<span lang="">{}</span>', name),
        "profile": profile,
        "skills": list(entry.skills.all()),
        "stage": entry.get_highest_stage_reached_display() if entry.highest_stage_reached else "",
    }


def _back_url(posting) -> str:
    """The posting's suggestions, when the pool's pages are installed; else the workspace."""
    try:
        return reverse("pool:posting", args=[posting.pk])
    except NoReverseMatch:
        return reverse("workspace:home")


@workspace_view
@require_http_methods(["GET", "HEAD", "POST"])
def invitation_form(request, entry_pk, posting_pk):
    """Invite a pool candidate to apply to one of the unit's postings (the service checks everything again)."""
    postings = invitable_postings(request.user).select_related("program", "unit", "category")
    posting = get_object_or_404(postings.prefetch_related("locations"), pk=posting_pk)
    entry = get_object_or_404(invitable_entries(posting).select_related("candidate"), pk=entry_pk)
    form = InvitationForm(request.POST or None, initial={"message": default_message(posting)})
    if request.method == "POST" and form.is_valid():
        try:
            invitation_send(entry=entry, posting=posting, recruiter=request.user, message=form.cleaned_data["message"])
        except InvitationNotFound:
            raise Http404 from None
        except InvitationRefused as refusal:
            for reason in refusal.reasons:
                form.add_error(None, reason)
        else:
            messages.success(
                request,
                _("%(name)s is invited. They are told by email and on their page, in their language.")
                % {"name": entry.candidate.name or _("The candidate")},
            )
            return redirect(_back_url(posting))
    reasons = suggestion_reasons(entry=entry, posting=posting)
    context = {
        **workspace_context(request, unit=posting.unit),
        "workspace_section": "pool",
        "posting": posting,
        "entry": entry,
        "summary": pool_summary(entry),
        "reasons": matching.reasons_in_words(reasons, translation.get_language()),
        "invitation": invitation_under_way(entry=entry, posting=posting),
        "accepting": posting.is_accepting(),
        "form": form,
        "back_url": _back_url(posting),
    }
    return render(request, "talentpool/invite/invitation_form.html", context)
