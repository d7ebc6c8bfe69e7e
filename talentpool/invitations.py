"""Invitations: a recruiter invites a pool candidate to apply to one of their unit's open postings; the candidate
accepts (an application whose source is the talent pool, made by applicants' `application_submit`, so eligibility
and the cap apply) or declines.

Who may invite whom (`invitation_send` checks it all again, whatever page called it):
- the recruiter reviews the posting's unit (a recruiter or hiring manager of it, or an admin:
  postings.access.reviewing_units): a viewer only looks;
- the candidate's entry is visible to that unit for that posting (`invitable_entries`): available (consent, not
  expired, not left, nothing in the way), not turned down by the unit for the posting's role category, and not an
  applicant to the posting already (each role takes one application per candidate);
- the posting takes applications now;
- one invitation under way per entry and posting: the database's constraint settles a double submit.

The candidate is told in their language, in /me/ and by email, which unit, which role, the recruiter's message and
why they were suggested (matching.reasons_in_words). The reasons are kept on the invitation as the candidate read
them; they never hold another unit's rejection reason or name (matching.py keeps only "at another unit").
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from applicants.models import Application
from applicants.services import ApplicationRefused, application_submit
from postings.access import reviewing_units
from postings.models import Posting
from recruit.accounts.languages import address_in
from recruit.notifications.services import absolute_url, notify, recipient_language

from . import access, matching
from .models import Invitation, PoolEntry, Suggestion

# The recruiter's message: a few paragraphs, not a letter.
MAX_MESSAGE_LENGTH = 2000


class InvitationRefused(Exception):
    """Sending or answering an invitation was refused; `reasons` say why in the reader's words."""

    def __init__(self, *reasons: str):
        super().__init__(" ".join(reasons))
        self.reasons = list(reasons)


class InvitationNotFound(InvitationRefused):
    """Something the user may not see (another unit's posting, an entry hidden from the unit, another candidate's
    invitation): the page answers 404, as for anything not theirs."""


# --- Who may invite whom ------------------------------------------------------------------


def invitable_postings(user):
    """The postings `user` may invite pool candidates to (any status: sending checks it takes applications)."""
    return Posting.objects.filter(unit__in=reviewing_units(user))


def invitable_entries(posting, *, now: dt.datetime | None = None):
    """The pool entries the posting's unit may see and invite for this posting (module docstring): what its pages
    show for the posting (talentpool/access.py), less those who applied to it."""
    entries = access.not_turned_down(access.available_entries(now), unit=posting.unit_id, category=posting.category_id)
    return entries.exclude(
        Exists(Application.objects.filter(candidate_id=OuterRef("candidate_id"), posting_id=posting.pk))
    )


def invitation_under_way(*, entry, posting) -> Invitation | None:
    """The invitation of this entry to this posting that is sent or accepted, if any."""
    return Invitation.objects.filter(entry=entry, posting=posting, state__in=Invitation.ACTIVE).first()


def suggestion_reasons(*, entry, posting, now: dt.datetime | None = None) -> list[dict]:
    """Why `entry` is suggested for `posting`, as data: the suggestion's reasons, or (a candidate found by search)
    a fresh ranking of this one entry; [] when the ranking would not suggest them."""
    suggestion = Suggestion.objects.filter(entry=entry, posting=posting).only("reasons").first()
    if suggestion is not None:
        return suggestion.reasons
    (loaded,) = matching.load_postings([posting])
    ranked = matching.rank(loaded, limit=1, now=now, entry_ids=[entry.pk])
    return ranked[0].reasons if ranked else []


# --- Sending -------------------------------------------------------------------------------


@transaction.atomic
def invitation_send(*, entry, posting, recruiter, message: str = "", now: dt.datetime | None = None) -> Invitation:
    """Invite the candidate of `entry` to apply to `posting`, mark the suggestion invited and tell the candidate.

    Raises InvitationNotFound when the recruiter may not invite to this posting or the unit may not see the entry,
    InvitationRefused when the posting does not take applications, the message is too long, or the candidate is
    already invited to it (a double submit: the second is refused, one invitation stays).
    """
    now = now or timezone.now()
    posting = (
        invitable_postings(recruiter)
        .select_related("program", "unit", "category")
        .prefetch_related("locations")
        .filter(pk=posting.pk)
        .first()
    )
    if posting is None:
        raise InvitationNotFound(_("This role is not one of your units'."))
    # The entry's row, locked: a concurrent send, or an event changing the entry, waits for this one.
    PoolEntry.objects.select_for_update().filter(pk=entry.pk).values_list("pk").first()
    entry = invitable_entries(posting, now=now).select_related("candidate").filter(pk=entry.pk).first()
    if entry is None:
        raise InvitationNotFound(_("This candidate is not in the talent pool for this role."))
    if not posting.is_accepting(now):
        raise InvitationRefused(_("This role does not take applications now, so no one can be invited to it."))
    message = (message or "").strip()
    if len(message) > MAX_MESSAGE_LENGTH:
        raise InvitationRefused(
            _("Keep the message to %(count)d characters or fewer.") % {"count": MAX_MESSAGE_LENGTH}
        )
    already = _("This candidate is already invited to this role.")
    if invitation_under_way(entry=entry, posting=posting):
        raise InvitationRefused(already)
    reasons = suggestion_reasons(entry=entry, posting=posting, now=now)
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                entry=entry, posting=posting, recruiter=recruiter, message=message, reasons=reasons
            )
    except IntegrityError:
        # Sent by a concurrent request (the constraint: one invitation under way per entry and posting).
        raise InvitationRefused(already) from None
    Suggestion.objects.filter(entry=entry, posting=posting).update(state=Suggestion.State.INVITED, updated_at=now)
    _notify_candidate(invitation)
    return invitation


def _notify_candidate(invitation: Invitation) -> None:
    """The invitation's email and in-app notification, in the candidate's language: the unit, the role, the
    recruiter's message, why they were suggested. Never the recruiter's name (the candidate's page names units)."""
    candidate = invitation.entry.candidate
    posting = invitation.posting
    language = recipient_language(candidate)
    notify(
        recipient=candidate,
        email=candidate.email,
        event="pool_invitation",
        key=f"pool-invitation-{invitation.pk}",
        context={
            "invitation": invitation,
            "posting": posting,
            "unit": posting.unit,
            "candidate_name": candidate.name or candidate.email,
            "message": invitation.message,
            "reasons": matching.reasons_in_words(invitation.reasons, language),
            "posting_url": absolute_url(address_in(posting.get_absolute_url(), language)),
        },
        link=reverse("my_pool:home"),
    )


# --- Answering -------------------------------------------------------------------------------


def _own_invitation(invitation, candidate) -> Invitation:
    """The invitation, locked for this transaction, if it is the candidate's; InvitationNotFound otherwise."""
    own = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("posting", "entry")
        .filter(pk=invitation.pk, entry__candidate_id=candidate.pk)
        .first()
    )
    if own is None:
        raise InvitationNotFound(_("This invitation is not yours."))
    return own


def _not_open(invitation: Invitation) -> InvitationRefused:
    if invitation.state == Invitation.State.ACCEPTED:
        return InvitationRefused(_("You already accepted this invitation: your application is under way."))
    if invitation.state == Invitation.State.DECLINED:
        return InvitationRefused(_("You declined this invitation."))
    return InvitationRefused(_("This invitation is no longer open."))


@transaction.atomic
def invitation_accept(
    *, invitation, candidate, cross_border_consent: bool = False, now: dt.datetime | None = None
) -> Application:
    """Accept the invitation: the candidate applies to its posting (source: the talent pool).

    The applicants' `application_submit` decides, as for any application: every reason it refuses for (the role
    closed, the cap, an incomplete profile, a role abroad without the transfer consent) comes back as an
    InvitationRefused, and nothing changes. Accepting twice is refused too; another candidate's invitation raises
    InvitationNotFound.
    """
    now = now or timezone.now()
    invitation = _own_invitation(invitation, candidate)
    if invitation.state != Invitation.State.SENT:
        raise _not_open(invitation)
    try:
        application = application_submit(
            candidate=candidate,
            posting=invitation.posting,
            cross_border_consent=cross_border_consent,
            source=Application.Source.TALENT_POOL,
            now=now,
        )
    except ApplicationRefused as refusal:
        raise InvitationRefused(*refusal.reasons) from None
    invitation.state = Invitation.State.ACCEPTED
    invitation.answered_at = now
    invitation.application = application
    invitation.save(update_fields=["state", "answered_at", "application"])
    return application


@transaction.atomic
def invitation_decline(*, invitation, candidate, now: dt.datetime | None = None) -> Invitation:
    """Decline the invitation; declining again changes nothing. An accepted one is refused (the application is
    withdrawn from its own page); another candidate's raises InvitationNotFound."""
    invitation = _own_invitation(invitation, candidate)
    if invitation.state == Invitation.State.DECLINED:
        return invitation
    if invitation.state != Invitation.State.SENT:
        raise _not_open(invitation)
    invitation.state = Invitation.State.DECLINED
    invitation.answered_at = now or timezone.now()
    invitation.save(update_fields=["state", "answered_at"])
    return invitation
