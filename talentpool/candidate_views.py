"""The candidate's side of the talent pool, /me/pool/: where they stand, their invitations, leaving and rejoining,
which units viewed their pool profile.

Every page is the signed-in candidate's own; an invitation of anyone else answers 404. Changes are POSTs that call
one service (talentpool.services, talentpool.invitations) and come back here with a message.
"""

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from . import matching, services
from .invitations import InvitationNotFound, InvitationRefused, invitation_accept, invitation_decline
from .models import Invitation, PoolEntry, PoolView

# Views listed on the page: the latest, one line per unit and day.
VIEWS_SHOWN = 50

U = PoolEntry.Unavailable
# Why the candidate is not suggested to units now, in their words. A reason that rules out other units is a unit's
# internal judgement: the candidate reads what lifts it, never the rejection reason.
NOT_AVAILABLE_WORDS = {
    U.NO_CONSENT: gettext_lazy("You have not agreed to the talent pool."),
    U.NO_RESUME: gettext_lazy("You have no resume: units read it to judge a match."),
    U.ACTIVE_APPLICATION: gettext_lazy(
        "An application of yours is under way: while it is, other units do not invite you."
    ),
    U.HIRED: gettext_lazy("You have been hired: other units no longer invite you this season."),
    U.NOT_RESURFACED: gettext_lazy(
        "Units are not suggested your profile for now. Applying to a role yourself changes that."
    ),
}


class AcceptForm(forms.Form):
    """Accepting is applying: a role outside mainland China asks for the transfer consent, as the apply page does."""

    cross_border_consent = forms.BooleanField(required=False)


def _entry(user) -> PoolEntry | None:
    return PoolEntry.objects.filter(candidate=user).first()


def _invitations(user):
    """The candidate's invitations, those still to answer first, then the newest."""
    pending_first = Case(
        When(state=Invitation.State.SENT, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return (
        Invitation.objects.filter(entry__candidate=user)
        .select_related("posting__unit", "posting__program", "application")
        .prefetch_related("posting__locations")
        .annotate(pending_first=pending_first)
        .order_by("pending_first", "-created_at", "-id")
    )


def _views(entry) -> list[PoolView]:
    """Which units viewed the pool profile and when: one line per unit and day, the latest first; never who."""
    if entry is None:
        return []
    rows = PoolView.objects.filter(entry=entry).select_related("unit")[: VIEWS_SHOWN * 4]
    seen, lines = set(), []
    for view in rows:
        key = (view.unit_id, timezone.localdate(view.viewed_at))
        if key not in seen:
            seen.add(key)
            lines.append(view)
    return lines[:VIEWS_SHOWN]


@login_required
def home(request):
    """Where the candidate stands in the talent pool, their invitations (to answer here), who looked."""
    entry = _entry(request.user)
    invitations = list(_invitations(request.user))
    language = request.LANGUAGE_CODE
    context = {
        "entry": entry,
        "not_available": [NOT_AVAILABLE_WORDS[code] for code in entry.unavailable_reasons if code in U]
        if entry
        else [],
        "invitations": [
            (invitation, matching.reasons_in_words(invitation.reasons, language)) for invitation in invitations
        ],
        "pending": sum(1 for invitation in invitations if invitation.state == Invitation.State.SENT),
        "views": _views(entry),
        # Renewing (consent given again) starts a new retention period today.
        "renew_until": timezone.now() + dt.timedelta(days=services.retention_days()),
    }
    return render(request, "talentpool/me/pool_home.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def leave(request):
    """Confirm, then leave the pool (POST): consent withdrawn, the resume text erased from the pool."""
    entry = _entry(request.user)
    if request.method == "POST":
        services.pool_leave(candidate=request.user)
        messages.success(request, _("You left the talent pool. Units no longer find you or invite you."))
        return redirect("my_pool:home")
    if entry is None or entry.status == PoolEntry.Status.LEFT or not entry.consent_at:
        messages.info(request, _("You are not in the talent pool."))
        return redirect("my_pool:home")
    return render(request, "talentpool/me/pool_leave.html", {"entry": entry})


@require_POST
@login_required
def rejoin(request):
    """Join, rejoin or renew: consent given again (the current text), a new retention period."""
    services.pool_rejoin(candidate=request.user)
    messages.success(request, _("You are in the talent pool. Other units may consider you and invite you."))
    return redirect("my_pool:home")


def _own_invitation(user, pk) -> Invitation:
    return get_object_or_404(
        Invitation.objects.filter(entry__candidate=user).select_related("posting__unit", "posting__program"), pk=pk
    )


@require_POST
@login_required
def accept(request, pk):
    """Accept: apply to the role. Whatever keeps the candidate from applying is shown, and nothing changes."""
    invitation = _own_invitation(request.user, pk)
    form = AcceptForm(request.POST)
    consent = form.is_valid() and form.cleaned_data["cross_border_consent"]
    try:
        application = invitation_accept(invitation=invitation, candidate=request.user, cross_border_consent=consent)
    except InvitationNotFound:
        raise Http404 from None
    except InvitationRefused as refusal:
        for reason in refusal.reasons:
            messages.error(request, reason)
        return redirect("my_pool:home")
    messages.success(
        request,
        _("Your application to %(title)s at %(unit)s is sent.")
        % {"title": invitation.posting.title, "unit": invitation.posting.unit.name},
    )
    return redirect(application)


@require_POST
@login_required
def decline(request, pk):
    invitation = _own_invitation(request.user, pk)
    try:
        invitation_decline(invitation=invitation, candidate=request.user)
    except InvitationNotFound:
        raise Http404 from None
    except InvitationRefused as refusal:
        for reason in refusal.reasons:
            messages.error(request, reason)
    else:
        messages.success(request, _("You declined the invitation."))
    return redirect("my_pool:home")
