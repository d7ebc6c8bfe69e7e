"""From a unit's draft to a public role and back off the board: drafting, approval, publishing, closing.

A unit's recruiters (and hiring managers) write a draft and submit it; an
admin (the publish permission) approves it, which publishes it now or at a
chosen time, or returns it to the unit with a comment; an admin closes it, or
its closing date does (postings.services.postings_close_expired). Every
change of status is one transaction that locks the posting, writes a
PostingStatusChange (who, when, from, to, comment) and queues the
notifications of the people concerned, so two admins approving at once
publish it once, and a double submit changes nothing the second time.

The workspace's views, the Django admin's actions and the closing task all
come here: nothing else changes a posting's status.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from recruit.notifications.services import notify
from recruit.wording import join_words

from . import sanitize
from .access import PUBLISH_PERMISSION, is_admin
from .models import Competency, Posting, PostingStatusChange, UnitMembership

S = Posting.Status

# What a draft form may change; status and publishing dates are the admins' (through the services below).
DRAFT_FIELDS = (
    "program",
    "category",
    "title_en",
    "title_zh_hans",
    "description_en",
    "description_zh_hans",
    "requirements_en",
    "requirements_zh_hans",
    "headcount",
    "degree_levels",
    "closes_at",
    "blind_screening",
)
FORMATTED_FIELDS = ("description_en", "description_zh_hans", "requirements_en", "requirements_zh_hans")
MAX_COMPETENCIES = 10
# posting_approve's closing date when the caller does not set one: the posting's own stays.
KEEP = object()


class PublishingRefused(Exception):
    """A change the posting's status does not allow; `message` says why, in words for the page."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class AlreadyDone(PublishingRefused):
    """The change was already made (a double submit, two admins at once): nothing to do, nothing broken."""


class PostingIncomplete(PublishingRefused):
    """What the posting still lacks before it can be submitted or published: `gaps` (submission_gaps), and
    `needs`, the same as running text ("the title in English, at least one location")."""

    def __init__(self, gaps: list[str]):
        self.gaps = gaps
        self.needs = join_words(gaps)
        super().__init__(_("It still needs %(gaps)s.") % {"gaps": self.needs})


# --- States, as the workspace tells them (pure) ------------------------------


class State(models.TextChoices):
    """A posting's status as people think of it: a published posting is "scheduled" until it goes live and
    "closed" once its closing date passed, even before the hourly job records the closing."""

    DRAFT = "draft", gettext_lazy("Draft")
    SUBMITTED = "submitted", gettext_lazy("Waiting for approval")
    SCHEDULED = "scheduled", pgettext_lazy("a posting approved to go live later", "Scheduled")
    PUBLISHED = "published", gettext_lazy("Published")
    CLOSED = "closed", gettext_lazy("Closed")


def state_conditions(now: dt.datetime) -> dict[State, Q]:
    """Each state as a filter on postings, for lists and their counts."""
    past_closing = Q(closes_at__isnull=False, closes_at__lte=now)
    return {
        State.DRAFT: Q(status=S.DRAFT),
        State.SUBMITTED: Q(status=S.SUBMITTED),
        State.SCHEDULED: Q(status=S.PUBLISHED, published_at__gt=now) & ~past_closing,
        State.PUBLISHED: Q(status=S.PUBLISHED, published_at__lte=now) & ~past_closing,
        State.CLOSED: Q(status=S.CLOSED) | (Q(status=S.PUBLISHED) & past_closing),
    }


def posting_state(posting: Posting, now: dt.datetime | None = None) -> State:
    """The state of one posting (the same rules as state_conditions)."""
    now = now or timezone.now()
    if posting.status in (S.DRAFT, S.SUBMITTED):
        return State(posting.status)
    if posting.status == S.CLOSED or (posting.closes_at and posting.closes_at <= now):
        return State.CLOSED
    return State.SCHEDULED if posting.published_at and posting.published_at > now else State.PUBLISHED


def submission_gaps(posting: Posting, *, has_location: bool, now: dt.datetime | None = None) -> list[str]:
    """What the posting lacks before an admin may publish it, each as words to list ("the title in English");
    empty when it is complete.

    The English text is required (the portal's pages fall back to it); the
    Chinese is recommended (translation_gaps) but not required.
    """
    now = now or timezone.now()
    gaps = []
    if not (posting.title_en or "").strip():
        gaps.append(_("the title in English"))
    if not (posting.description_en or "").strip():
        gaps.append(_("the description in English"))
    if not (posting.requirements_en or "").strip():
        gaps.append(_("the requirements in English"))
    if not has_location:
        gaps.append(_("at least one location"))
    if not posting.degree_levels:
        gaps.append(_("at least one accepted degree level"))
    if posting.program.applications_close <= now:
        gaps.append(_("a program that still takes applications (this one has closed)"))
    if posting.closes_at and posting.closes_at <= now:
        gaps.append(_("a closing date in the future, or none"))
    return gaps


def translation_gaps(posting: Posting) -> list[str]:
    """The Chinese text not written yet: Chinese pages show the English instead (marked as English)."""
    labels = {
        "title_zh_hans": _("the title"),
        "description_zh_hans": _("the description"),
        "requirements_zh_hans": _("the requirements"),
    }
    return [label for field, label in labels.items() if not (getattr(posting, field) or "").strip()]


# --- Services ------------------------------------------------------------------


@transaction.atomic
def posting_draft_save(*, posting: Posting, actor, skills, locations, competencies: list[tuple[str, str]]) -> Posting:
    """Save a new draft (with its unit set) or a changed draft, with its skills, locations and scorecard lines
    (English, Chinese). Only DRAFT_FIELDS are written: a draft form cannot publish. The description and
    requirements are stored sanitised (postings.sanitize).

    Raises PublishingRefused when the posting is no longer a draft (submitted meanwhile, say).
    """
    for field in FORMATTED_FIELDS:
        setattr(posting, field, sanitize.posting_text(getattr(posting, field) or ""))
    if posting.pk is None:
        posting.status = S.DRAFT
        posting.published_at = None
        posting.save()
        _record(posting, actor=actor, from_status="", to_status=S.DRAFT)
    else:
        current = _lock(posting)
        if current.status != S.DRAFT:
            raise PublishingRefused(
                _("Only a draft can be changed; this posting is %(state)s.") % {"state": _state_words(current)}
            )
        posting.save(update_fields=[*DRAFT_FIELDS, "updated_at"])
    posting.skills.set(skills)
    posting.locations.set(locations)
    _competencies_replace(posting, competencies)
    posting.update_search_text()
    return posting


def _competencies_replace(posting: Posting, lines: list[tuple[str, str]]) -> None:
    """The scorecard's lines in this order; rows kept where a line stays (a draft has no reviews yet, but
    the rows' ids are what reviews refer to)."""
    lines = [(english.strip(), chinese.strip()) for english, chinese in lines if english.strip() or chinese.strip()]
    lines = lines[:MAX_COMPETENCIES]
    existing = list(posting.competencies.order_by("position", "id"))
    for position, (english, chinese) in enumerate(lines):
        row = existing[position] if position < len(existing) else Competency(posting=posting)
        row.name_en, row.name_zh_hans, row.position = english, chinese, position
        row.save()
    stale = [row.pk for row in existing[len(lines) :]]
    if stale:
        Competency.objects.filter(pk__in=stale).delete()


@transaction.atomic
def posting_submit(*, posting: Posting, actor) -> PostingStatusChange:
    """Submit a draft for approval and tell every admin. Raises PostingIncomplete with what is missing,
    AlreadyDone when it is already waiting, PublishingRefused otherwise."""
    current = _lock(posting)
    if current.status == S.SUBMITTED:
        raise AlreadyDone(_("This posting is already waiting for approval."))
    if current.status != S.DRAFT:
        raise PublishingRefused(
            _("Only a draft can be submitted; this posting is %(state)s.") % {"state": _state_words(current)}
        )
    gaps = submission_gaps(current, has_location=current.locations.exists())
    if gaps:
        raise PostingIncomplete(gaps)
    change = _status_change(current, posting, actor=actor, to_status=S.SUBMITTED)
    for admin in admins().exclude(pk=getattr(actor, "pk", None)):
        _notify(change, "posting_submitted", admin)
    return change


@transaction.atomic
def posting_approve(
    *, posting: Posting, actor, publish_at: dt.datetime | None = None, closes_at=KEEP, comment: str = ""
) -> PostingStatusChange:
    """Approve a submitted posting (or an admin's draft, which needs no one else's approval): it is published
    now, or at `publish_at` (scheduled: the public board shows it from then on), with `closes_at` as its
    closing date (None: none; not given: the posting's own). Recorded now, with the time it goes live; the
    unit's recruiters and the submitter are told.

    Raises PublishingRefused unless `actor` is an admin and the posting is not published yet (AlreadyDone
    when it was just approved), PostingIncomplete when it lacks something or its dates are out of order.
    """
    _require_admin(actor)
    current = _lock(posting)
    if current.status == S.PUBLISHED:
        raise AlreadyDone(_("This posting was already approved."))
    if current.status == S.CLOSED:
        raise PublishingRefused(_("A closed posting is not published again: write a new one."))
    now = timezone.now()
    current.published_at = publish_at if publish_at and publish_at > now else now
    if closes_at is not KEEP:
        current.closes_at = closes_at
    # Judged at the time it goes live: a closing date must come after it.
    gaps = submission_gaps(current, has_location=current.locations.exists(), now=current.published_at)
    if gaps:
        raise PostingIncomplete(gaps)
    change = _status_change(
        current, posting, actor=actor, to_status=S.PUBLISHED, comment=comment, fields=["published_at", "closes_at"]
    )
    _notify_unit(change, "posting_approved")
    return change


@transaction.atomic
def posting_return(*, posting: Posting, actor, comment: str) -> PostingStatusChange:
    """Return a submitted posting to its unit as a draft, with the admin's comment (required: it says what to
    change); the unit's recruiters and the submitter are told."""
    _require_admin(actor)
    comment = (comment or "").strip()
    if not comment:
        raise PublishingRefused(_("Say what the unit should change: a comment is required to return a posting."))
    current = _lock(posting)
    if current.status != S.SUBMITTED:
        if current.status == S.DRAFT:
            raise AlreadyDone(_("This posting was already returned to its unit."))
        raise PublishingRefused(
            _("Only a posting waiting for approval can be returned; this one is %(state)s.")
            % {"state": _state_words(current)}
        )
    change = _status_change(current, posting, actor=actor, to_status=S.DRAFT, comment=comment)
    _notify_unit(change, "posting_returned")
    return change


@transaction.atomic
def posting_close(*, posting: Posting, actor, comment: str = "") -> PostingStatusChange:
    """Close a published (or scheduled) posting now: it leaves the board, applications stop; the unit's
    recruiters and the submitter are told."""
    _require_admin(actor)
    current = _lock(posting)
    if current.status == S.CLOSED:
        raise AlreadyDone(_("This posting is already closed."))
    if current.status != S.PUBLISHED:
        raise PublishingRefused(
            _("Only a published posting can be closed; this one is %(state)s.") % {"state": _state_words(current)}
        )
    change = _status_change(current, posting, actor=actor, to_status=S.CLOSED, comment=(comment or "").strip())
    _notify_unit(change, "posting_closed")
    return change


@transaction.atomic
def postings_close_due(*, now: dt.datetime | None = None) -> int:
    """Close every published posting whose closing date has passed, each with its recorded change (no actor:
    its date closed it) and its notifications; returns how many. Rows another run holds are left to it."""
    now = now or timezone.now()
    due = list(
        Posting.objects.select_for_update(skip_locked=True)
        .select_related("unit")
        .filter(status=S.PUBLISHED, closes_at__lt=now)
        .order_by("pk")
    )
    if not due:
        return 0
    Posting.objects.filter(pk__in=[posting.pk for posting in due]).update(status=S.CLOSED, updated_at=now)
    for posting in due:
        posting.status = S.CLOSED
        change = _record(posting, actor=None, from_status=S.PUBLISHED, to_status=S.CLOSED)
        change.posting = posting
        _notify_unit(change, "posting_closed")
    return len(due)


# --- Who is told ------------------------------------------------------------------


def admins():
    """The active admins (staff with the publish permission, directly, through a group, or superusers)."""
    app_label, codename = PUBLISH_PERMISSION.split(".")
    granted = Q(user_permissions__codename=codename, user_permissions__content_type__app_label=app_label) | Q(
        groups__permissions__codename=codename, groups__permissions__content_type__app_label=app_label
    )
    return get_user_model().objects.filter(Q(is_superuser=True) | granted, is_active=True, is_staff=True).distinct()


def submitter_of(posting: Posting):
    """Who submitted the posting last (None before its first submission, or once their account is gone)."""
    change = (
        posting.status_changes.filter(to_status=S.SUBMITTED, actor__isnull=False)
        .select_related("actor")
        .order_by("-created_at", "-id")
        .first()
    )
    return change.actor if change else None


def people_concerned(posting: Posting, *, exclude=None) -> list:
    """The unit's recruiters and hiring managers, and the submitter (who may be an admin of no unit), each
    once; not `exclude` (who made the change knows it)."""
    members = get_user_model().objects.filter(
        unit_memberships__unit=posting.unit_id,
        unit_memberships__role__in=UnitMembership.REVIEW_ROLES,
        is_active=True,
    )
    people = {person.pk: person for person in members}
    submitter = submitter_of(posting)
    if submitter is not None and submitter.is_active:
        people.setdefault(submitter.pk, submitter)
    people.pop(getattr(exclude, "pk", None), None)
    return sorted(people.values(), key=lambda person: person.pk)


def _notify_unit(change: PostingStatusChange, event: str) -> None:
    for person in people_concerned(change.posting, exclude=change.actor):
        _notify(change, event, person)


def _notify(change: PostingStatusChange, event: str, recipient) -> None:
    """One notification of `change` to `recipient`, in their language; keyed by the change, so each change
    reaches each person once."""
    posting = change.posting
    notify(
        recipient=recipient,
        event=event,
        key=f"posting-status-change-{change.pk}",
        context={
            "posting": posting,
            "change": change,
            "actor_name": _name(change.actor),
            "recipient_name": _name(recipient),
            "scheduled": bool(posting.published_at and posting.published_at > change.created_at),
        },
        link=reverse("workspace:posting_detail", args=[posting.pk]),
    )


def _name(user) -> str:
    return (user.name or user.email) if user else ""


# --- Helpers ------------------------------------------------------------------------


def _require_admin(actor) -> None:
    if not is_admin(actor):
        raise PublishingRefused(_("Only an admin may approve, return or close postings."))


def _lock(posting: Posting) -> Posting:
    """The posting's row, locked until the transaction ends: the status read here is the one changed."""
    return Posting.objects.select_for_update(of=("self",)).select_related("program", "unit").get(pk=posting.pk)


def _status_change(current: Posting, posting: Posting, *, actor, to_status, comment="", fields=()):
    """Move the locked row `current` to `to_status` (saving `fields` too), record it, and bring the caller's
    `posting` up to date."""
    from_status = current.status
    current.status = to_status
    current.save(update_fields=["status", *fields, "updated_at"])
    for field in ("status", "published_at", "closes_at", "updated_at"):
        setattr(posting, field, getattr(current, field))
    change = _record(current, actor=actor, from_status=from_status, to_status=to_status, comment=comment)
    change.posting = current
    return change


def _record(posting: Posting, *, actor, from_status: str, to_status: str, comment: str = "") -> PostingStatusChange:
    return PostingStatusChange.objects.create(
        posting=posting, actor=actor, from_status=from_status, to_status=to_status, comment=comment
    )


def _state_words(posting: Posting) -> str:
    """The state in lower case for a sentence ("this posting is closed")."""
    return str(posting_state(posting).label).lower()
