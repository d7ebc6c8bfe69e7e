"""Applications at volume, for benchmarks: `manage.py seed_volume --applications N`.

Candidates (with profiles) apply to the published postings of the given
units, one or two preferences each, and go through a season as the demo's
candidates do (`demo.histories.first_preference` and `second_preference`):
stage changes at their own dates, `stage_entered_at` at the last, rejections
with a reason from the list, some reviews by the unit's reviewers (with the
application's average and count), interviews for those at the interview
stage. The same seed and database give the same rows.

How applications spread over units is chosen for the benchmark: the first
unit (by id) gets a tenth of them, the last a hundredth, the others share
the rest evenly, so a unit's applicant list and CSV export can be measured
at two sizes (20,000 and 2,000 rows of 200,000).

Speed: rows are written with `bulk_create` in chunks of candidates, their
timestamps given explicitly (`explicit_timestamps`) rather than set on
insert and corrected by a bulk update, which at this size would take longer
than the inserts themselves. No resumes: benchmarks read no files.
"""

import datetime as dt
import random
import statistics
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Exists, OuterRef

from applicants.models import (
    CROSS_BORDER_CONSENT_VERSION,
    Application,
    CandidateProfile,
    Interview,
    RejectionReason,
    Review,
    StageChange,
)
from applicants.workflow import Mover
from demo import histories
from demo.data.candidates import (
    CN_FAMILY,
    CN_GIVEN,
    DEGREE_WEIGHTS,
    FIELD_WEIGHTS,
    FIELDS,
    GRADUATION_IN_WINDOW,
    REGIONS,
    REJECTION_REASONS,
    TWO_PREFERENCES_SHARE,
)
from demo.data.workspace import COMPETENCIES, REVIEW_NOTES
from demo.workspace import recommendation
from postings.models import BusinessUnit, Posting, UnitMembership

S = Application.Status
EMAIL = "volume.candidate.{number:07d}@volume.example"
EMAIL_PREFIX = "volume.candidate."
REVIEWER_EMAIL = "volume.reviewer.{unit}.{number}@volume.example"
LARGE_SHARE, SMALL_SHARE = 0.10, 0.01
# Candidates written (with their applications) per round of inserts.
CHUNK = 4000


@dataclass
class VolumeResult:
    candidates: int = 0
    applications: int = 0
    stage_changes: int = 0
    reviews: int = 0
    interviews: int = 0
    # Applications per unit id.
    by_unit: dict[int, int] = field(default_factory=dict)


@contextmanager
def explicit_timestamps(*models):
    """Inside, `auto_now` and `auto_now_add` fields of `models` keep the values given, so bulk-inserted history
    carries its own dates. The fields' flags are restored on the way out, whatever happens."""
    fields = [
        model_field
        for model in models
        for model_field in model._meta.concrete_fields
        if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False)
    ]
    saved = [(model_field, model_field.auto_now, model_field.auto_now_add) for model_field in fields]
    try:
        for model_field in fields:
            model_field.auto_now = model_field.auto_now_add = False
        yield
    finally:
        for model_field, auto_now, auto_now_add in saved:
            model_field.auto_now, model_field.auto_now_add = auto_now, auto_now_add


@dataclass(frozen=True)
class Target:
    """A posting applications go to: what placing and writing them needs, without loading the posting."""

    pk: int
    unit_id: int
    published_at: dt.datetime
    abroad: bool


def unit_shares(units: list[BusinessUnit]) -> list[float]:
    """The share of applications of each unit (in the order given): LARGE_SHARE for the first, SMALL_SHARE for
    the last, the rest evenly; fewer than three units share evenly."""
    if len(units) < 3:
        return [1 / len(units)] * len(units)
    middle = (1 - LARGE_SHARE - SMALL_SHARE) / (len(units) - 2)
    return [LARGE_SHARE, *[middle] * (len(units) - 2), SMALL_SHARE]


def seed_applications(*, units: list[BusinessUnit], count: int, seed: int, batch_size: int, now) -> VolumeResult:
    """Write `count` applications over the published postings of `units` (those that have any), with their
    candidates and history. Runs inside the caller's transaction."""
    result = VolumeResult()
    targets = _targets(units, now)
    units = [unit for unit in sorted(units, key=lambda unit: unit.pk) if targets.get(unit.pk)]
    if count <= 0 or not units:
        return result
    shares = unit_shares(units)
    reviewers = _reviewers(units)
    reasons = _rejection_reasons()
    user_model = get_user_model()
    first_number = user_model.objects.filter(email__startswith=EMAIL_PREFIX).count() + 1
    rng = random.Random(f"{seed}-applications-{first_number}")  # noqa: S311 -- made-up data, not a secret
    pools = _pools()
    context = _Writer(rng=rng, now=now, reviewers=reviewers, reasons=reasons, batch_size=batch_size, result=result)
    number = first_number
    with explicit_timestamps(CandidateProfile, Application, StageChange, Review, Interview):
        while result.applications < count:
            people = []
            planned = 0
            while planned < count - result.applications and len(people) < CHUNK:
                wanted = 2 if rng.random() < TWO_PREFERENCES_SHARE and count - result.applications - planned > 1 else 1
                chosen = []
                while len(chosen) < wanted:
                    unit = rng.choices(units, shares)[0]
                    target = rng.choice(targets[unit.pk])
                    if target not in chosen:
                        chosen.append(target)
                people.append(_person(rng, pools, number, chosen))
                planned += len(chosen)
                number += 1
            context.write(people)
    return result


def _targets(units, now) -> dict[int, list[Target]]:
    """{unit id: its published postings, published a day before now at least}."""
    abroad = Posting.locations.through.objects.filter(posting=OuterRef("pk"), location__in_mainland_china=False)
    rows = (
        Posting.objects.filter(
            unit__in=units, status=Posting.Status.PUBLISHED, published_at__lte=now - dt.timedelta(days=1)
        )
        .annotate(abroad=Exists(abroad))
        .order_by("pk")
        .values_list("pk", "unit_id", "published_at", "abroad")
    )
    targets: dict[int, list[Target]] = {}
    for pk, unit_id, published_at, is_abroad in rows:
        targets.setdefault(unit_id, []).append(Target(pk, unit_id, published_at, is_abroad))
    return targets


def _reviewers(units) -> dict[int, list]:
    """Two reviewers per unit (a recruiter and a hiring manager), made once: {unit id: [users]}."""
    user_model = get_user_model()
    reviewers = {}
    for unit in units:
        people = []
        for number, role in enumerate((UnitMembership.Role.RECRUITER, UnitMembership.Role.HIRING_MANAGER), start=1):
            email = REVIEWER_EMAIL.format(unit=unit.slug, number=number)
            user = user_model.objects.filter(email=email).first()
            if user is None:
                user = user_model(email=email, name=f"{unit.name_en} Reviewer {number}")
                user.set_unusable_password()
                user.save()
            UnitMembership.objects.get_or_create(user=user, unit=unit, defaults={"role": role})
            people.append(user)
        reviewers[unit.pk] = people
    return reviewers


def _rejection_reasons() -> dict[str, RejectionReason]:
    reasons = {reason.code: reason for reason in RejectionReason.objects.all()}
    if not reasons:
        raise RuntimeError("The list of rejection reasons is empty: run `manage.py migrate`, which fills it.")
    fallback = next(iter(reasons.values()))
    return {code: reasons.get(code, fallback) for code in {code for codes in _CODES.values() for code in codes}}


_CODES = {stage: [code for code, _note in reasons] for stage, reasons in REJECTION_REASONS.items()}


@dataclass(frozen=True)
class _Pools:
    schools: list[str]
    school_weights: list[float]
    fields: list[str]
    field_weights: list[int]
    degrees: list[str]
    degree_weights: list[int]
    graduations: list[dt.date]
    graduation_weights: list[int]


def _pools() -> _Pools:
    schools, weights = [], []
    for region in REGIONS.values():
        total = sum(entry[1] for entry in region["schools"])
        for entry in region["schools"]:
            schools.append(entry[0])
            weights.append(region["weight"] * entry[1] / total)
    return _Pools(
        schools=schools,
        school_weights=weights,
        fields=list(FIELD_WEIGHTS),
        field_weights=list(FIELD_WEIGHTS.values()),
        degrees=list(DEGREE_WEIGHTS),
        degree_weights=list(DEGREE_WEIGHTS.values()),
        graduations=list(GRADUATION_IN_WINDOW),
        graduation_weights=list(GRADUATION_IN_WINDOW.values()),
    )


def _person(rng: random.Random, pools: _Pools, number: int, targets: list[Target]) -> dict:
    area = FIELDS[rng.choices(pools.fields, pools.field_weights)[0]]
    first = histories.first_preference(rng)
    plans = [(targets[0], first)]
    if len(targets) == 2:
        plans.append((targets[1], histories.second_preference(rng, first)))
    return {
        "email": EMAIL.format(number=number),
        "name": f"{rng.choice(CN_FAMILY)} {rng.choice(CN_GIVEN)}",
        "school": rng.choices(pools.schools, pools.school_weights)[0],
        "degree_level": rng.choices(pools.degrees, pools.degree_weights)[0],
        "major": rng.choice(area["majors"]),
        "graduation_date": rng.choices(pools.graduations, pools.graduation_weights)[0],
        "plans": plans,
    }


@dataclass
class _Writer:
    """Writes a chunk of candidates with everything they lead to, in bulk."""

    rng: random.Random
    now: dt.datetime
    reviewers: dict[int, list]
    reasons: dict[str, RejectionReason]
    batch_size: int
    result: VolumeResult

    def write(self, people: list[dict]) -> None:
        rng, now = self.rng, self.now
        user_model = get_user_model()
        users = []
        for person in people:
            self._place(person)
            users.append(
                user_model(
                    email=person["email"],
                    name=person["name"],
                    # Unusable (they never sign in), and made from the seeded generator: Django's own
                    # make_password(None) draws each from the system's secure source, a tenth of the run.
                    password=f"{UNUSABLE_PASSWORD_PREFIX}{rng.getrandbits(160):040x}",
                    date_joined=person["start"] - dt.timedelta(days=rng.uniform(1, 20)),
                )
            )
        user_model.objects.bulk_create(users, batch_size=self.batch_size)
        CandidateProfile.objects.bulk_create(
            [
                CandidateProfile(
                    user=user,
                    school=person["school"],
                    degree_level=person["degree_level"],
                    major=person["major"],
                    graduation_date=person["graduation_date"],
                    created_at=user.date_joined,
                    updated_at=user.date_joined,
                )
                for person, user in zip(people, users, strict=True)
            ],
            batch_size=self.batch_size,
        )
        applications, moves, reviews = [], [], []
        for person, user in zip(people, users, strict=True):
            for rank, (target, plan) in enumerate(person["plans"], start=1):
                times = [person["start"] + dt.timedelta(days=move.day * person["scale"]) for move in plan]
                last = plan[-1]
                released = next((t for m, t in zip(plan, times, strict=True) if m.to_status == S.SUBMITTED), None)
                application = Application(
                    candidate=user,
                    posting_id=target.pk,
                    rank=rank,
                    status=last.to_status,
                    created_at=times[0],
                    updated_at=times[-1],
                    submitted_at=released,
                    stage_entered_at=times[-1],
                    rejection_reason=self.reasons[last.rejection] if last.to_status == S.REJECTED else None,
                )
                if target.abroad:
                    application.cross_border_consent_version = CROSS_BORDER_CONSENT_VERSION
                    application.cross_border_consent_at = times[0]
                # Reviewed before it is written, so its average and count go in with it.
                reviews += self._reviews(application, plan, times, self.reviewers[target.unit_id])
                applications.append(application)
                moves.append((application, target, plan, times))
        Application.objects.bulk_create(applications, batch_size=self.batch_size)
        changes, interviews, interview_units = [], [], []
        for application, target, plan, times in moves:
            unit_reviewers = self.reviewers[target.unit_id]
            for move, when in zip(plan, times, strict=True):
                actor = application.candidate if move.by == Mover.CANDIDATE else None
                if move.by == Mover.RECRUITER:
                    actor = unit_reviewers[0]
                changes.append(
                    StageChange(
                        application=application,
                        actor=actor,
                        from_status=move.from_status,
                        to_status=move.to_status,
                        reason=move.reason,
                        created_at=when,
                    )
                )
            if application.status == S.INTERVIEW:
                starts = now + dt.timedelta(hours=rng.randrange(-72, 240))
                interviews.append(
                    Interview(
                        application=application,
                        starts_at=starts.replace(minute=0, second=0, microsecond=0),
                        time_zone="Asia/Shanghai",
                        created_by=unit_reviewers[0],
                        video_link=f"https://meet.volume.example/{application.pk}",
                        created_at=times[-1],
                        updated_at=times[-1],
                    )
                )
                interview_units.append(target.unit_id)
            self.result.by_unit[target.unit_id] = self.result.by_unit.get(target.unit_id, 0) + 1
        StageChange.objects.bulk_create(changes, batch_size=self.batch_size)
        Review.objects.bulk_create(reviews, batch_size=self.batch_size)
        Interview.objects.bulk_create(interviews, batch_size=self.batch_size)
        Interview.interviewers.through.objects.bulk_create(
            [
                Interview.interviewers.through(interview_id=interview.pk, user_id=reviewer.pk)
                for interview, unit_id in zip(interviews, interview_units, strict=True)
                for reviewer in self.reviewers[unit_id]
            ],
            batch_size=self.batch_size,
        )
        self.result.candidates += len(users)
        self.result.applications += len(applications)
        self.result.stage_changes += len(changes)
        self.result.reviews += len(reviews)
        self.result.interviews += len(interviews)

    def _place(self, person: dict) -> None:
        """When the candidate first applied, so the history ends before now and follows publication (a history
        longer than the time left is compressed, `scale`)."""
        rng = self.rng
        earliest = max(target.published_at for target, _plan in person["plans"]) + dt.timedelta(
            hours=rng.uniform(2, 48)
        )
        span = max(move.day for _target, plan in person["plans"] for move in plan)
        room = max((self.now - earliest).total_seconds() / 86400 - 0.5, 0.0)
        person["scale"] = 1.0 if span <= room or span == 0 else room / span
        person["start"] = earliest + dt.timedelta(days=rng.uniform(0, max(room - span * person["scale"], 0.0)))

    def _reviews(self, application, plan, times, unit_reviewers) -> list[Review]:
        """Reviews of an application past screening: one by the unit's recruiter, a second from the assessment on;
        the application's average and count set to match."""
        reached = [move.to_status for move in plan]
        if S.SCREENING not in reached:
            return []
        screened = times[reached.index(S.SCREENING)]
        deep = any(stage in reached for stage in (S.ASSESSMENT, S.INTERVIEW, S.OFFER, S.HIRED))
        level = 3.2 if S.OFFER in reached else 2.7 if deep else 2.1
        reviews = []
        for number, reviewer in enumerate(unit_reviewers if deep else unit_reviewers[:1]):
            scores = {key: min(4, max(1, round(level + self.rng.uniform(-1, 1)))) for key in COMPETENCIES}
            mean = statistics.fmean(scores.values())
            when = min(screened + dt.timedelta(hours=4 + 18 * number), self.now)
            reviews.append(
                Review(
                    application=application,
                    reviewer=reviewer,
                    scores=scores,
                    score=round(mean, 2),
                    recommendation=recommendation(mean),
                    notes=self.rng.choice(REVIEW_NOTES[min(4, max(1, round(mean)))]),
                    created_at=when,
                    updated_at=when,
                )
            )
        application.review_count = len(reviews)
        application.average_score = round(statistics.fmean(review.score for review in reviews), 2)
        return reviews
