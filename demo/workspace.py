"""The recruiter workspace's demo: the demo recruiter's unit (Alibaba Cloud) has applicants in every stage, reviews
by the recruiter and a second reviewer, interviews this week and next, and a posting waiting for the demo
admin's approval.

`demo.candidates.seed` calls `showcase_plans` (the applicants, written with the other candidates' helpers) and
then `seed`, in the same transaction. Rows are written directly, as `demo.histories` explains; what was written
once is left as it is on the next run (reviews and interviews only go with applications written on this run;
the posting waiting for approval is made once).
"""

import datetime as dt
import random
import statistics
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Count
from django.utils import timezone

from applicants.figures import week_of
from applicants.models import Application, Interview, Review
from applicants.workflow import Mover
from demo.catalogue import POSTING_FIELDS, PostingsDemo, columns, refresh_search_text
from demo.data import workspace as data
from demo.data.catalogue import INTERNSHIP, SEED
from demo.histories import Move, Plan, SeedContext, backdate
from postings.models import Posting, PostingStatusChange, UnitMembership

S = Application.Status
SHANGHAI = "Asia/Shanghai"
# Interviews are held at these local hours, on weekdays.
INTERVIEW_HOURS = (10, 14, 16)
# The stages an application has passed screening in: the second reviewer reviews from the assessment on.
REVIEWED_BY_ONE = {S.SCREENING}
UNREVIEWED = {S.SUBMITTED, S.QUEUED}


@dataclass(frozen=True)
class Showcase:
    """One applicant of the demo recruiter's unit, ready for `demo.candidates` to write."""

    number: int
    email: str
    name: str
    school: str
    degree_level: str
    major: str
    plan: Plan
    start: dt.datetime


def showcase(context: SeedContext) -> list[Showcase]:
    """The applicants of data.SHOWCASE, each with a plan on one of the unit's postings that accepts their degree
    (taken in turn), placed in time backwards from now."""
    now = context.now
    unit_postings = [
        posting
        for posting in context.postings_demo.postings
        if posting.unit_id in context.recruiter_units
        and posting.status == Posting.Status.PUBLISHED
        and posting.program.slug == INTERNSHIP
        and posting.published_at <= now - dt.timedelta(days=60)
    ]
    unit_postings.sort(key=lambda posting: (posting.published_at, posting.pk))
    people = []
    for number, (name, school, degree, major, steps) in enumerate(data.SHOWCASE, start=1):
        fitting = [posting for posting in unit_postings if degree in posting.degree_levels]
        if not fitting:
            continue
        first_day = steps[0][0]
        moves, previous = [], ""
        for day, status, *why in steps:
            note, code = [*why, "", ""][:2]
            by = Mover.CANDIDATE if not previous or status in (S.WITHDRAWN, S.DECLINED) else Mover.RECRUITER
            moves.append(Move(first_day - day, previous, status, by, note, rejection=code))
            previous = status
        people.append(
            Showcase(
                number=number,
                email=data.SHOWCASE_EMAIL.format(number=number),
                name=name,
                school=school,
                degree_level=degree,
                major=major,
                plan=Plan(fitting[number % len(fitting)], rank=1, moves=moves),
                start=now - dt.timedelta(days=first_day),
            )
        )
    return people


def seed(context: SeedContext) -> None:
    """Reviews and interviews for the unit's applications written on this run; the posting waiting for approval."""
    reviewers = _reviewers(context)
    mine = [
        application
        for application in context.written
        if application.posting.unit_id in context.recruiter_units and application.status not in UNREVIEWED
    ]
    _seed_reviews(context, mine, reviewers)
    _seed_interviews(context, [application for application in mine if application.status == S.INTERVIEW], reviewers)
    seed_waiting_posting(context.postings_demo)


def _reviewers(context: SeedContext) -> list:
    """The demo recruiter first, then the unit's other reviewers (the demo's second reviewer)."""
    others = [
        membership.user
        for membership in UnitMembership.objects.filter(
            unit__in=context.recruiter_units, role__in=UnitMembership.REVIEW_ROLES
        )
        .exclude(user=context.recruiter)
        .select_related("user")
        .order_by("pk")
    ]
    return [context.recruiter, *others[:1]]


def _entered(application: Application, stage: str) -> dt.datetime | None:
    """When the application reached `stage` (from its stage changes, in memory)."""
    return next((change.created_at for change in _changes(application) if change.to_status == stage), None)


def _changes(application: Application) -> list:
    return sorted(application.stage_changes.all(), key=lambda change: (change.created_at, change.pk))


def _seed_reviews(context: SeedContext, applications: list[Application], reviewers: list) -> None:
    """Each application past the unit's first look reviewed by the recruiter, and from the assessment on by the
    second reviewer too: scores in line with how far it got, then its average and count."""
    if not applications:
        return
    applications = list(
        Application.objects.filter(pk__in=[a.pk for a in applications]).prefetch_related("stage_changes")
    )
    furthest = {S.SCREENING: 2.1, S.ASSESSMENT: 2.6, S.INTERVIEW: 3.0, S.OFFER: 3.4, S.HIRED: 3.6}
    reviews = []
    for application in applications:
        rng = random.Random(f"{SEED}-review-{application.pk}")  # noqa: S311 -- demo content, not a secret
        reached = [change.to_status for change in _changes(application)]
        level = max((furthest.get(stage, 1.8) for stage in reached), default=1.8)
        screened = _entered(application, S.SCREENING)
        if screened is None:
            continue
        deep = any(stage in reached for stage in (S.ASSESSMENT, S.INTERVIEW, S.OFFER, S.HIRED))
        for number, reviewer in enumerate(reviewers if deep else reviewers[:1]):
            scores = {key: min(4, max(1, round(level + rng.uniform(-0.9, 0.9)))) for key in data.COMPETENCIES}
            mean = statistics.fmean(scores.values())
            when = min(screened + dt.timedelta(hours=5 + 20 * number), context.now - dt.timedelta(minutes=30))
            review = Review(
                application=application,
                reviewer=reviewer,
                scores=scores,
                score=round(mean, 2),
                recommendation=recommendation(mean),
                notes=rng.choice(data.REVIEW_NOTES[min(4, max(1, round(mean)))]),
            )
            reviews.append((review, {"created_at": when, "updated_at": when}))
    Review.objects.bulk_create([review for review, _ in reviews])
    backdate(Review, reviews)
    by_application: dict[int, list[float]] = {}
    for review, _ in reviews:
        by_application.setdefault(review.application_id, []).append(review.score)
    for application in applications:
        scores = by_application.get(application.pk, [])
        application.review_count = len(scores)
        application.average_score = round(statistics.fmean(scores), 2) if scores else None
    Application.objects.bulk_update(applications, ["average_score", "review_count"])


def recommendation(mean: float) -> str:
    if mean < 1.75:
        return Review.Recommendation.STRONG_NO
    if mean < 2.5:
        return Review.Recommendation.NO
    if mean < 3.25:
        return Review.Recommendation.YES
    return Review.Recommendation.STRONG_YES


def interview_slots(now: dt.datetime, zone_name: str = SHANGHAI) -> tuple[list[dt.datetime], list[dt.datetime]]:
    """Interview times from an hour from now: the rest of this week's, and next week's, at INTERVIEW_HOURS on
    weekdays. Late in the week, this week's weekend; in its last hours, one slot then."""
    zone = ZoneInfo(zone_name)
    start, end = week_of(now, zone_name)
    soonest = now + dt.timedelta(hours=1)

    def slots(first_day: int, days: int, *, weekends: bool) -> list[dt.datetime]:
        moments = [
            dt.datetime.combine(start.date() + dt.timedelta(days=offset), dt.time(hour), tzinfo=zone)
            for offset in range(first_day, first_day + days)
            for hour in INTERVIEW_HOURS
        ]
        return [moment for moment in moments if moment >= soonest and (weekends or moment.weekday() < 5)]

    this_week = slots(0, 7, weekends=False) or slots(0, 7, weekends=True)
    if not this_week and soonest < end:
        this_week = [soonest.replace(second=0, microsecond=0)]
    return [moment for moment in this_week if moment < end], slots(7, 7, weekends=False)


def _seed_interviews(context: SeedContext, applications: list[Application], reviewers: list) -> None:
    """An interview for each application at the interview stage, alternately this week and next (with the
    unit's reviewers as interviewers), after it reached the stage; when this week has no time left, the next."""
    this_week, next_week = interview_slots(context.now)
    applications = sorted(applications, key=lambda application: (application.stage_entered_at, application.pk))
    for number, application in enumerate(applications):
        slots = this_week if number % 2 == 0 and this_week else next_week
        starts_at = slots.pop(0)
        interview = Interview.objects.create(
            application=application,
            starts_at=starts_at,
            time_zone=SHANGHAI,
            duration_minutes=45 if number % 2 else 60,
            place="" if number % 2 else data.INTERVIEW_PLACE,
            video_link=data.INTERVIEW_VIDEO.format(number=application.pk) if number % 2 else "",
            created_by=context.recruiter,
        )
        interview.interviewers.set(reviewers)


def seed_waiting_posting(postings_demo: PostingsDemo) -> Posting:
    """The unit's draft submitted for approval, with its history (drafted, then submitted by the recruiter).

    Made once, submitted: after that its status is the demo admin's to change (approve, return). Its texts are
    written on every run, in both languages, as the demo's other postings' are.
    """
    spec = data.WAITING_POSTING
    catalogue = postings_demo.catalogue
    program = catalogue.programs[INTERNSHIP]
    unit = catalogue.units[spec["unit"]]
    posting = Posting.objects.filter(program=program, unit=unit, title_en=spec["title"]).order_by("pk").first()
    created = posting is None
    if created:
        posting = Posting(program=program, unit=unit, status=Posting.Status.SUBMITTED)
    posting.category = catalogue.categories[spec["category"]]
    for column, value in columns(Posting, spec, POSTING_FIELDS).items():
        setattr(posting, column, value)
    posting.save()
    posting.skills.set([catalogue.skills[name] for name in spec["skills"]])
    posting.locations.set([catalogue.locations[slug] for slug in spec["locations"]])
    refresh_search_text([posting.pk])
    if created:
        recruiter, now = postings_demo.accounts["recruiter"], timezone.now()
        history = [
            (PostingStatusChange(posting=posting, actor=recruiter, from_status="", to_status=Posting.Status.DRAFT),
             {"created_at": now - dt.timedelta(days=3, hours=4)}),
            (PostingStatusChange(posting=posting, actor=recruiter, from_status=Posting.Status.DRAFT,
                                 to_status=Posting.Status.SUBMITTED, comment=spec["comment"]),
             {"created_at": now - dt.timedelta(days=1, hours=2)}),
        ]  # fmt: skip
        PostingStatusChange.objects.bulk_create([change for change, _ in history])
        backdate(PostingStatusChange, history)
    return posting


def summary(recruiter) -> list[str]:
    """Lines for the command's report: what the demo recruiter's workspace holds now."""
    units = UnitMembership.objects.filter(user=recruiter).values("unit")
    applications = Application.objects.reviewed_by(recruiter).filter(posting__unit__in=units)
    by_status = dict(applications.order_by().values_list("status").annotate(count=Count("pk")))
    statuses = ", ".join(f"{by_status[status]} {status}" for status in S if by_status.get(status))
    now = timezone.now()
    interviews = Interview.objects.filter(
        application__in=applications, status=Interview.Status.SCHEDULED, starts_at__gte=now
    ).count()
    waiting = Posting.objects.filter(unit__in=units, status=Posting.Status.SUBMITTED).count()
    return [
        f"the demo recruiter's unit: {sum(by_status.values())} applicants ({statuses or 'none'}), "
        f"{Review.objects.filter(application__in=applications).count()} reviews, {interviews} upcoming interviews, "
        f"{waiting} posting(s) waiting for approval"
    ]
