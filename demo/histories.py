"""Applications with a past: each move at its own date, checked against the workflow, then written in bulk.

The rows are written directly, not through the services: the history is in
the past (each StageChange at its own date), and seeding sends no emails and
writes no notifications. Every move is checked against `workflow.check_move`.
"""

import datetime as dt
import importlib
import itertools
import random
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from applicants.models import CROSS_BORDER_CONSENT_VERSION, Application, RejectionReason, Resume, StageChange
from applicants.workflow import Mover, check_move
from demo.catalogue import PostingsDemo
from demo.data.candidates import (
    AFTER_HIRE,
    DECLINED_SHARE,
    HIRED_SHARE,
    REACHED,
    REJECTED_SHARE,
    REJECTION_REASONS,
    WITHDRAWAL_REASONS,
    WITHDRAWN_SHARE,
)
from postings.models import Posting

if TYPE_CHECKING:
    from recruit.accounts.models import User

S = Application.Status
BATCH_SIZE = 500


# --- Plans: what happened, in days after the candidate first applied -----------


class Move(NamedTuple):
    day: float
    from_status: str
    to_status: str
    by: Mover
    # The mover's note (internal).
    reason: str = ""
    # A rejection's reason from the list (a RejectionReason code).
    rejection: str = ""


@dataclass
class Plan:
    """One application's history; its status is where the last move left it."""

    posting: Posting
    rank: int
    moves: list[Move]


@dataclass
class History:
    """A candidate's applications, placed in time: day d of a plan is `start + d * scale` days."""

    candidate: "User"
    start: dt.datetime
    plans: list[Plan]
    resume: Resume | None = None
    scale: float = 1.0

    def at(self, day: float) -> dt.datetime:
        return self.start + dt.timedelta(days=day * self.scale)


@dataclass
class SeedContext:
    """What every part of the candidates' seeding needs to know."""

    postings_demo: PostingsDemo
    recruiter: "User"
    recruiter_units: set[int]
    abroad: set[int]
    now: dt.datetime
    # The applications written on this run (write_histories), for the workspace's reviews and interviews.
    written: list[Application] = field(default_factory=list)

    @cached_property
    def rejection_reasons(self) -> dict[str, RejectionReason]:
        """The reasons a rejection picks from, by code: the list the migrations fill in (any missing code
        is put back from it, as after a test database was flushed)."""
        reasons = {reason.code: reason for reason in RejectionReason.objects.all()}
        listed = importlib.import_module("applicants.migrations.0003_review_workspace").REJECTION_REASONS
        for position, (code, name_en, name_zh_hans, resurfacing) in enumerate(listed):
            if code not in reasons:
                reasons[code] = RejectionReason.objects.create(
                    code=code,
                    name=name_en,
                    name_en=name_en,
                    name_zh_hans=name_zh_hans,
                    allows_resurfacing=resurfacing,
                    position=position,
                )
        return reasons

    def open_postings(self, program_slug: str, degree: str, *, published_before=None) -> list[Posting]:
        """The demo's published postings of a program that accept this degree (published before a time, if given)."""
        program = self.postings_demo.catalogue.programs[program_slug]
        return [
            posting
            for posting in self.postings_demo.postings
            if posting.program_id == program.pk
            and posting.status == Posting.Status.PUBLISHED
            and degree in posting.degree_levels
            and (published_before is None or posting.published_at <= published_before)
        ]


def abroad_postings(postings: list[Posting]) -> set[int]:
    """Ids of the postings with a location outside mainland China (applying records the cross-border consent)."""
    links = Posting.locations.through.objects.filter(
        posting__in=postings, location__in_mainland_china=False
    ).values_list("posting_id", flat=True)
    return set(links)


# --- How a season goes ------------------------------------------------------------


def weighted(rng: random.Random, weights: dict):
    """One key of `weights`, drawn with its weight."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def first_preference(rng: random.Random) -> list[Move]:
    """Applied, moved forward by the unit as far as it got, perhaps ended (hired, rejected, withdrawn, declined)."""
    reached = weighted(rng, REACHED)
    path = [S.SUBMITTED, S.SCREENING, S.ASSESSMENT, S.INTERVIEW, S.OFFER]
    path = path[: path.index(reached) + 1]
    if reached in (S.INTERVIEW, S.OFFER) and rng.random() < 0.4:
        path.remove(S.ASSESSMENT)  # Some units interview without an assessment.
    moves = [Move(0.0, "", S.SUBMITTED, Mover.CANDIDATE)]
    day = 0.0
    for previous, current in itertools.pairwise(path):
        day += rng.uniform(2, 12)
        moves.append(Move(day, previous, current, Mover.RECRUITER))
    day += rng.uniform(2, 12)
    roll = rng.random()
    if reached == S.OFFER:
        if roll < HIRED_SHARE:
            moves.append(Move(day, S.OFFER, S.HIRED, Mover.RECRUITER))
        elif roll < HIRED_SHARE + DECLINED_SHARE:
            moves.append(Move(day, S.OFFER, S.DECLINED, Mover.CANDIDATE))
    elif roll < REJECTED_SHARE[reached]:
        code, note = rng.choice(REJECTION_REASONS[reached])
        moves.append(Move(day, reached, S.REJECTED, Mover.RECRUITER, note, rejection=code))
    elif roll < REJECTED_SHARE[reached] + WITHDRAWN_SHARE:
        moves.append(Move(day, reached, S.WITHDRAWN, Mover.CANDIDATE, rng.choice(WITHDRAWAL_REASONS)))
    return moves


def second_preference(rng: random.Random, first: list[Move]) -> list[Move]:
    """Ordered review: waits while the first is under way; released when it ends without a hire."""
    # Applied within a day and a half of the first, before the unit's first move (2 days at least).
    moves = [Move(rng.uniform(0.05, 1.5), "", S.QUEUED, Mover.CANDIDATE)]
    end = first[-1]
    if end.to_status in (S.REJECTED, S.WITHDRAWN, S.DECLINED):
        moves.append(Move(end.day, S.QUEUED, S.SUBMITTED, Mover.SYSTEM))
        if rng.random() < 0.3:
            moves.append(Move(end.day + rng.uniform(2, 10), S.SUBMITTED, S.SCREENING, Mover.RECRUITER))
    elif end.to_status == S.HIRED:
        moves.append(Move(end.day + rng.uniform(0.1, 2), S.QUEUED, S.WITHDRAWN, Mover.CANDIDATE, AFTER_HIRE))
    return moves


def write_histories(context: SeedContext, histories: list[History]) -> int:
    """Insert the applications and their stage changes, dated as planned; how many applications.

    Each application is in its stage since its last change (`stage_entered_at`); a rejected one carries the
    reason its rejection picked from the list. The applications are added to `context.written`.
    """
    applications, changes = [], []
    for history in histories:
        candidate = history.candidate
        for plan in history.plans:
            for move in plan.moves[1:]:
                check_move(current=move.from_status, target=move.to_status, by=move.by)
            times = [history.at(move.day) for move in plan.moves]
            last = plan.moves[-1]
            application = Application(
                candidate=candidate,
                posting=plan.posting,
                rank=plan.rank,
                status=last.to_status,
                stage_entered_at=times[-1],
                rejection_reason=context.rejection_reasons[last.rejection] if last.to_status == S.REJECTED else None,
                resume=history.resume,
                submitted_at=next(
                    (when for move, when in zip(plan.moves, times, strict=True) if move.to_status == S.SUBMITTED),
                    None,
                ),
            )
            if plan.posting.pk in context.abroad:
                application.cross_border_consent_version = CROSS_BORDER_CONSENT_VERSION
                application.cross_border_consent_at = times[0]
            applications.append((application, {"created_at": times[0], "updated_at": times[-1]}))
            for move, when in zip(plan.moves, times, strict=True):
                change = StageChange(
                    application=application,
                    actor=_actor(context, move, candidate, plan.posting),
                    from_status=move.from_status,
                    to_status=move.to_status,
                    reason=move.reason,
                )
                changes.append((change, {"created_at": when}))
    Application.objects.bulk_create([application for application, _ in applications], batch_size=BATCH_SIZE)
    backdate(Application, applications)
    context.written.extend(application for application, _ in applications)
    StageChange.objects.bulk_create([change for change, _ in changes], batch_size=BATCH_SIZE)
    backdate(StageChange, changes)
    return len(applications)


def _actor(context: SeedContext, move: Move, candidate, posting: Posting):
    if move.by == Mover.CANDIDATE:
        return candidate
    # The demo has one recruiter account (Alibaba Cloud); other units' moves
    # and releases from the queue are recorded without a person, as the
    # service records releases.
    if move.by == Mover.RECRUITER and posting.unit_id in context.recruiter_units:
        return context.recruiter
    return None


def backdate(model, rows: list[tuple]) -> None:
    """Set each row's timestamps to the planned ones; auto_now_add overwrote them on insert."""
    if not rows:
        return
    fields = list(rows[0][1])
    for obj, values in rows:
        for name, value in values.items():
            setattr(obj, name, value)
    model.objects.bulk_update([obj for obj, _ in rows], fields, batch_size=BATCH_SIZE)
