"""Writes of the talent pool: an entry kept current with the events that change it, leaving and rejoining,
expiry and its reminder.

`entry_refresh` recomputes a candidate's entry from their consent, current resume and applications, in the
caller's transaction: the applicants services send their signals inside their own (receivers.py), so the entry
commits or rolls back with the event. Reading everything again (a handful of queries) rather than patching the
entry by event keeps one rule (availability.py) and makes a refresh idempotent.
"""

import datetime as dt
import re
from functools import lru_cache

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from applicants.models import Application, CandidateProfile, Resume, StageChange
from applicants.services import pool_consent_give, pool_consent_withdraw
from applicants.services.candidates import lock_candidate
from postings.models import Skill

from . import availability, match_profiles, search
from .availability import PastApplication, PoolFacts
from .models import STAGES, PoolEntry, Suggestion, Turndown, stage_rank

S = Application.Status

# Days before expiry when the candidate is reminded that they may renew consent.
REMINDER_DAYS = 30


def retention_days() -> int:
    """How long an entry rests on one consent: TALENT_POOL_RETENTION_DAYS, 365 days unless set."""
    return int(getattr(settings, "TALENT_POOL_RETENTION_DAYS", 365))


# --- Skills a resume names ---------------------------------------------------------------


def _skill_pattern(name: str) -> re.Pattern | None:
    """A pattern that finds a skill's name as a whole word (Go, C++, Node.js), or inside Chinese text."""
    name = name.strip()
    if not name:
        return None
    if re.search(r"[\u3400-\u9fff]", name):
        # Chinese is written without spaces between words: a substring is a mention.
        return re.compile(re.escape(name))
    # Short names (Go, R, C) only as written, so "go" in running English is not the language.
    flags = 0 if len(name) <= 2 else re.IGNORECASE
    # Latin letters and digits bound a word; Chinese does not ("熟悉Kubernetes" names Kubernetes).
    return re.compile(rf"(?<![A-Za-z0-9_+#.-]){re.escape(name)}(?![A-Za-z0-9_+#]|\.[A-Za-z0-9_])", flags)


@lru_cache(maxsize=4)
def _skill_patterns(version: tuple) -> list[tuple[int, list[re.Pattern]]]:
    return [(pk, [pattern for name in names if (pattern := _skill_pattern(name or ""))]) for pk, *names in version]


def skills_named_in(text: str) -> set[int]:
    """Ids of the catalogue's skills whose name, in either language, the text mentions."""
    if not text:
        return set()
    catalogue = tuple(Skill.objects.order_by("pk").values_list("pk", "name_en", "name_zh_hans"))
    return {pk for pk, patterns in _skill_patterns(catalogue) if any(p.search(text) for p in patterns)}


# --- Refresh ----------------------------------------------------------------------------


def _reached(application_pks, changes) -> dict[int, str]:
    """The furthest stage each application reached, from its history."""
    best: dict[int, str] = {}
    for application_id, to_status in changes:
        stage = S.OFFER if to_status == S.HIRED else to_status
        if stage_rank(stage) > stage_rank(best.get(application_id, "")):
            best[application_id] = stage
    return {pk: best.get(pk, "") for pk in application_pks}


def entry_refresh(candidate, *, now: dt.datetime | None = None) -> PoolEntry:
    """Create or bring up to date the candidate's pool entry, in the current transaction; `candidate` is a user
    or a user id. The entry keeps the resume text and skills only while it rests on consent and is neither
    expired nor left; it loses its new suggestions when it stops being available."""
    now = now or timezone.now()
    candidate_id = getattr(candidate, "pk", candidate)
    with transaction.atomic():
        entry, _created = PoolEntry.objects.select_for_update().get_or_create(candidate_id=candidate_id)
        profile = (
            CandidateProfile.objects.filter(user_id=candidate_id)
            .values("pk", "pool_consent_version", "pool_consent_at")
            .first()
        ) or {"pk": None, "pool_consent_version": "", "pool_consent_at": None}
        resume = (
            Resume.objects.filter(candidate_id=candidate_id, is_current=True).values("text", "uploaded_at").first()
        )
        applications = list(
            Application.objects.filter(candidate_id=candidate_id).values(
                "pk",
                "status",
                "stage_entered_at",
                "created_at",
                "posting__unit_id",
                "posting__category_id",
                "rejection_reason__allows_resurfacing",
            )
        )
        reached = _reached(
            [a["pk"] for a in applications],
            StageChange.objects.filter(
                application__candidate_id=candidate_id, to_status__in=[*STAGES, S.HIRED]
            ).values_list("application_id", "to_status"),
        )
        facts = PoolFacts(
            consent_at=profile["pool_consent_at"],
            has_resume=resume is not None,
            applications=[
                PastApplication(
                    status=a["status"],
                    status_since=a["stage_entered_at"],
                    created_at=a["created_at"],
                    allows_resurfacing=a["rejection_reason__allows_resurfacing"]
                    if a["status"] == S.REJECTED
                    else None,
                )
                for a in applications
            ],
            left_at=entry.left_at,
        )
        decision = availability.availability(facts, now=now, retention_days=retention_days())

        if entry.left_at and not availability.has_left(facts):
            entry.left_at = None  # consent given again: rejoined
        if entry.consent_at != facts.consent_at:
            entry.reminded_at = None  # a new consent period, reminded afresh
        entry.consent_version = profile["pool_consent_version"] if facts.consent_at else ""
        entry.consent_at = facts.consent_at
        entry.expires_at = decision.expires_at
        if decision.available and not entry.is_available:
            # When the last thing in the way cleared (consent, a resume, an application's end), not when this
            # refresh ran: pool_sync over an existing pool keeps the real order.
            cleared = [facts.consent_at, resume and resume["uploaded_at"]]
            cleared += [a["stage_entered_at"] for a in applications if a["status"] in Application.TERMINAL]
            entry.available_since = min(now, max(moment for moment in cleared if moment))
        elif not decision.available:
            entry.available_since = None
        entry.status = decision.status
        entry.unavailable_reasons = list(decision.reasons)

        best = max(applications, key=lambda a: (stage_rank(reached[a["pk"]]), a["created_at"]), default=None)
        if best is not None and reached[best["pk"]]:
            entry.highest_stage_reached = reached[best["pk"]]
            entry.highest_stage_unit_id = best["posting__unit_id"]
        else:
            entry.highest_stage_reached, entry.highest_stage_unit_id = "", None

        keeps_copy = decision.status in (PoolEntry.Status.AVAILABLE, PoolEntry.Status.UNAVAILABLE) and bool(
            facts.consent_at
        )
        entry.resume_text = (resume["text"] if resume else "") if keeps_copy else ""
        entry.resume_uploaded_at = resume["uploaded_at"] if resume and keeps_copy else None
        entry.save()

        if keeps_copy:
            profile_skills = set(
                CandidateProfile.skills.through.objects.filter(candidateprofile_id=profile["pk"]).values_list(
                    "skill_id", flat=True
                )
            )
            entry.skills.set(profile_skills | skills_named_in(entry.resume_text))
        else:
            entry.skills.clear()
        search.entry_search_refresh(entry, keep=keeps_copy)

        _turndowns_sync(entry, applications, reached)
        if not decision.available:
            entry.suggestions.filter(state=Suggestion.State.NEW).delete()
        match_profiles.refresh([entry.pk])
    return entry


def _turndowns_sync(entry: PoolEntry, applications: list[dict], reached: dict[int, str]) -> None:
    """One Turndown per rejected application of the candidate (the unit, the category, the reason's answer)."""
    rejected = {a["pk"]: a for a in applications if a["status"] == S.REJECTED}
    existing = set(entry.turndowns.values_list("application_id", flat=True))
    if stale := existing - rejected.keys():
        entry.turndowns.filter(application_id__in=stale).delete()
    Turndown.objects.bulk_create(
        [
            Turndown(
                entry=entry,
                application_id=pk,
                unit_id=a["posting__unit_id"],
                category_id=a["posting__category_id"],
                # A rejection made before reasons were required counts as one that allows resurfacing.
                allows_resurfacing=a["rejection_reason__allows_resurfacing"] is not False,
                stage_reached=reached[pk],
                turned_down_at=a["stage_entered_at"],
            )
            for pk, a in rejected.items()
            if pk not in existing
        ]
    )


def entries_sync(*, batch_size: int = 500) -> int:
    """Create or refresh the entry of every candidate (a profile or a resume): `manage.py pool_sync`. Returns
    how many entries it refreshed. Each candidate in their own transaction, so a long run holds no long lock."""
    User = get_user_model()
    candidates = (
        User.objects.filter(Q(candidate_profile__isnull=False) | Q(resumes__isnull=False))
        .distinct()
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    count = 0
    for candidate_id in candidates.iterator(chunk_size=batch_size):
        with transaction.atomic():
            lock_candidate(candidate_id)
            entry_refresh(candidate_id)
        count += 1
    return count


# --- Leaving and rejoining -----------------------------------------------------------


@transaction.atomic
def pool_leave(*, candidate, now: dt.datetime | None = None) -> PoolEntry:
    """The candidate leaves the pool: consent withdrawn, the resume text and skills erased from the entry, no unit
    is suggested them again until they rejoin."""
    now = now or timezone.now()
    lock_candidate(candidate.pk)
    entry, _created = PoolEntry.objects.select_for_update().get_or_create(candidate_id=candidate.pk)
    entry.left_at = now
    entry.save(update_fields=["left_at", "updated_at"])
    # Its signal refreshes the entry (receivers.py): status "left".
    pool_consent_withdraw(candidate=candidate)
    return PoolEntry.objects.get(pk=entry.pk)


@transaction.atomic
def pool_rejoin(*, candidate, now: dt.datetime | None = None) -> PoolEntry:
    """The candidate rejoins: consent given again (the current text's version), a new retention period."""
    lock_candidate(candidate.pk)
    # Its signal refreshes the entry: consent given after leaving is rejoining.
    pool_consent_give(candidate=candidate, now=now)
    return PoolEntry.objects.get(candidate_id=candidate.pk)


# --- Expiry ----------------------------------------------------------------------------


def entries_due_reminder(now: dt.datetime | None = None):
    """Entries that expire within REMINDER_DAYS and whose candidate was not yet reminded in this consent period."""
    now = now or timezone.now()
    return PoolEntry.objects.filter(
        status__in=[PoolEntry.Status.AVAILABLE, PoolEntry.Status.UNAVAILABLE],
        consent_at__isnull=False,
        expires_at__gt=now,
        expires_at__lte=now + dt.timedelta(days=REMINDER_DAYS),
        reminded_at__isnull=True,
    )


def entry_mark_reminded(*, entry: PoolEntry, now: dt.datetime | None = None) -> bool:
    """Claim the reminder of `entry` (a conditional update): True for the one caller that should send it."""
    return bool(
        PoolEntry.objects.filter(pk=entry.pk, reminded_at__isnull=True).update(
            reminded_at=now or timezone.now(), updated_at=timezone.now()
        )
    )


def entries_expire(now: dt.datetime | None = None, *, batch_size: int = 500) -> int:
    """Expire the entries past retention: status expired, the resume text and skills erased, their new
    suggestions gone. Returns how many expired; running it again expires nothing more. A batch per transaction,
    so the first run over a large pool holds no long lock."""
    now = now or timezone.now()
    due = PoolEntry.objects.filter(expires_at__lte=now).exclude(
        status__in=[PoolEntry.Status.EXPIRED, PoolEntry.Status.LEFT]
    )
    count = 0
    while True:
        with transaction.atomic():
            ids = list(due.select_for_update().order_by("pk").values_list("pk", flat=True)[:batch_size])
            if not ids:
                return count
            PoolEntry.objects.filter(pk__in=ids).update(
                status=PoolEntry.Status.EXPIRED,
                unavailable_reasons=[],
                available_since=None,
                resume_text="",
                search_text="",
                resume_uploaded_at=None,
                updated_at=now,
            )
            PoolEntry.skills.through.objects.filter(poolentry_id__in=ids).delete()
            Suggestion.objects.filter(entry_id__in=ids, state=Suggestion.State.NEW).delete()
            match_profiles.refresh(ids)
        count += len(ids)


# --- Suggestions ----------------------------------------------------------------------------


def suggestion_dismiss(*, suggestion: Suggestion, now: dt.datetime | None = None) -> bool:
    """A recruiter dismisses a new suggestion: later refreshes keep it dismissed. False when it was no longer new
    (dismissed already, or invited), so a second submit changes nothing."""
    return bool(
        Suggestion.objects.filter(pk=suggestion.pk, state=Suggestion.State.NEW).update(
            state=Suggestion.State.DISMISSED, updated_at=now or timezone.now()
        )
    )
