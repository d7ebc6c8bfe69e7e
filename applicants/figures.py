"""The workspace's figures as plain data: a unit's dashboard and the program overview, from aggregate queries.

Nothing here renders: the views (applicants/workspace/figures.py) turn the
data into tables, charts (applicants/workspace/charts.py) and CSV files.

Which applications count: those released to their unit (`submitted_at` set).
A queued application waits, unseen by its unit, behind an earlier preference
(applicants.queries.HIDDEN_FROM_UNIT); one withdrawn while it waited was never
the unit's either. Neither is counted anywhere here.

Every figure is one aggregate query (or a handful per table), never a loop
over rows in Python: the overview of 200,000 applications is computed by the
database. The program overview is also cached (`program_figures`).
"""

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.db import connection
from django.db.models import Case as SqlCase
from django.db.models import Count, F, Max, Q, Sum, Value, When, Window
from django.db.models.functions import Lead
from django.utils import timezone

from postings.access import reviewing_units
from postings.cache import catalogue_version
from postings.models import BusinessUnit, Location, Posting, RoleCategory, UnitMembership

from .models import Application, Interview, StageChange
from .queries import HIDDEN_FROM_UNIT

S = Application.Status

# The stages a unit works an application through, in order (the board's columns).
ACTIVE_STAGES = (S.SUBMITTED, S.SCREENING, S.ASSESSMENT, S.INTERVIEW, S.OFFER)
# The funnel: how far applications got. An application counts in every stage up to the furthest it reached, so
# one that went from screening straight to interview (no assessment) counts as having passed assessment too.
FUNNEL = (*ACTIVE_STAGES, S.HIRED)
# Postings whose figures count: those announced (published, or closed since), not drafts.
ANNOUNCED = (Posting.Status.PUBLISHED, Posting.Status.CLOSED)


def released_applications():
    """Every application released to its unit: what the workspace's figures count."""
    return Application.objects.exclude(status__in=HIDDEN_FROM_UNIT).filter(submitted_at__isnull=False)


# --- The unit's dashboard ---------------------------------------------------------

# A visit ends after this long without a new one: "new since your last visit" means since the one before.
VISIT_GAP = dt.timedelta(minutes=30)
# Who has no visit to compare with (an admin without a membership, a first visit) sees the last week's.
RECENT = dt.timedelta(days=7)
WAITING_LIMIT = 10
NEW_LIMIT = 10
# New applications are counted up to this many ("more than 100"): a count of a week's releases would read them all.
NEW_COUNTED = 100
POSTING_LIMIT = 30
INTERVIEW_LIMIT = 20


@dataclass(frozen=True)
class Since:
    """Where "new" starts: the previous visit, or (`last_visit` False) a week ago."""

    moment: dt.datetime
    last_visit: bool


def visit_recorded(*, user, unit, now=None) -> Since:
    """Record `user`'s visit to `unit`'s dashboard; where their "new since" starts.

    A visit starts when the last one started more than VISIT_GAP ago: then
    the last becomes the previous visit, so the figures count what arrived
    since the previous visit began, and reloading the page within a visit
    does not reset them. Only the start of a visit is written (at most one
    write per half hour and member), by a conditional UPDATE that a
    concurrent request cannot apply twice. An admin who is not a member has
    no visits: the last week is shown.
    """
    now = now or timezone.now()
    membership = (
        UnitMembership.objects.filter(user=user, unit=unit).only("pk", "last_visit_at", "previous_visit_at").first()
    )
    if membership is None:
        return Since(now - RECENT, last_visit=False)
    previous = membership.previous_visit_at
    last = membership.last_visit_at
    if last is None or now - last > VISIT_GAP:
        UnitMembership.objects.filter(pk=membership.pk, last_visit_at=last).update(
            previous_visit_at=last, last_visit_at=now
        )
        previous = last
    if previous is None:
        return Since(now - RECENT, last_visit=False)
    return Since(previous, last_visit=True)


def open_posting_counts(unit) -> tuple[list["StageCounts"], "StageCounts", int]:
    """The busiest POSTING_LIMIT open (published) postings of `unit` with their applications per stage, the
    totals of all its open postings, and how many there are.

    One GROUP BY with conditional counts over the unit's applications, kept in the cache until the catalogue
    changes or an application moves (the overview's tokens: `program_figures`): exact, and read once per change.
    """
    key = f"unit-counts:{FIGURES_VERSION}:{unit.pk}:{catalogue_version()}:{_moves_token()}"
    entry = cache.get(key)
    if entry is None:
        postings = (
            Posting.objects.filter(unit=unit, status=Posting.Status.PUBLISHED)
            .annotate(**_stage_counts("applications__"))
            .only("pk", "title_en", "title_zh_hans", "published_at")
            .order_by("-active", "-published_at", "pk")
        )
        counted = [StageCounts.of(posting, posting) for posting in postings]
        # Sums of the few hundred counted rows at most (a unit's open postings), not of applications.
        totals = StageCounts(
            None,
            [sum(stages) for stages in zip(*(row.stages for row in counted), strict=True)] or [0] * len(ACTIVE_STAGES),
            sum(row.hired for row in counted),
            sum(row.active for row in counted),
        )
        entry = (counted[:POSTING_LIMIT], totals, len(counted))
        cache.set(key, entry, FIGURES_MAX_AGE)
    return entry


def reviews_unit(user, unit) -> bool:
    """Whether `user` reads the applicants of `unit` (a recruiter, a hiring manager or an admin; not a viewer)."""
    return BusinessUnit.objects.filter(pk=unit.pk, pk__in=reviewing_units(user)).exists()


def week_of(now: dt.datetime, zone_name: str) -> tuple[dt.datetime, dt.datetime]:
    """Monday 00:00 to the next Monday 00:00 of the week holding `now`, in the zone `zone_name`."""
    zone = ZoneInfo(zone_name)
    today = now.astimezone(zone).date()
    monday = today - dt.timedelta(days=today.weekday())
    start = dt.datetime.combine(monday, dt.time.min, tzinfo=zone)
    return start, dt.datetime.combine(monday + dt.timedelta(days=7), dt.time.min, tzinfo=zone)


def _stage_counts(prefix: str = "") -> dict:
    """Conditional counts of applications per active stage, hired and active in all, for `aggregate` or
    `annotate` over `prefix` (the relation to applications: "applications__" from postings).

    An application in one of these stages has been released to its unit: queued ones never count.
    """
    pk = f"{prefix}pk" if prefix else "pk"
    counts = {f"stage_{stage}": Count(pk, filter=Q(**{f"{prefix}status": stage})) for stage in ACTIVE_STAGES}
    counts["hired"] = Count(pk, filter=Q(**{f"{prefix}status": S.HIRED}))
    counts["active"] = Count(pk, filter=Q(**{f"{prefix}status__in": ACTIVE_STAGES}))
    return counts


@dataclass(frozen=True)
class StageCounts:
    """A posting's (or all open postings') applications in each of ACTIVE_STAGES, hired, and active in all."""

    posting: Posting | None
    stages: list[int]
    hired: int
    active: int

    @classmethod
    def of(cls, counts, posting=None) -> "StageCounts":
        """From the conditional counts of `_stage_counts`: a dict, or a posting annotated with them."""
        get = counts.get if isinstance(counts, dict) else lambda name: getattr(counts, name)
        return cls(posting, [get(f"stage_{stage}") for stage in ACTIVE_STAGES], get("hired"), get("active"))


@dataclass
class Dashboard:
    """What a unit's dashboard shows; the applicant parts are empty for who may not read applicants."""

    since: Since
    reviews: bool
    postings: list[StageCounts] = field(default_factory=list)
    open_postings: int = 0
    totals: StageCounts | None = None
    new_count: int = 0
    more_new: bool = False
    newest: list = field(default_factory=list)
    waiting: list = field(default_factory=list)
    interviews: list = field(default_factory=list)
    more_interviews: bool = False
    # Monday 00:00 and the next Monday 00:00 in the viewer's zone; the Sunday between, to say so.
    week: tuple = ()
    week_last_day: dt.datetime | None = None
    pending: list = field(default_factory=list)
    # Without a last visit, "new" is the last week's: the moment its oldest counted release leaves the week.
    new_window_moves: dt.datetime | None = None

    def changes_at(self, now: dt.datetime) -> dt.datetime:
        """The first moment after `now` at which the dashboard changes with no write: the week ends, an
        application waiting gets a day older, a release leaves the last week's "new"."""
        ticks = [
            moment + dt.timedelta(days=(now - moment).days + 1)
            for moment in (application.stage_entered_at for application in self.waiting)
        ]
        moments = [*ticks, self.week[1] if self.week else None, self.new_window_moves]
        return min((moment for moment in moments if moment is not None), default=now + dt.timedelta(days=1))


def unit_dashboard(*, user, unit, since: Since, zone_name: str, now=None) -> Dashboard:
    """The dashboard of `unit` for `user`, in a fixed number of queries whatever the number of applications.

    - open postings (published), busiest first, each with its applications per stage
      (`open_posting_counts`), and their totals per stage;
    - applications released to its open postings since `since` (how many, up to NEW_COUNTED; the latest ten);
    - the ten applications waiting longest in an active stage;
    - scheduled interviews starting this week (Monday to Sunday in `zone_name`): the first twenty;
    - postings waiting for an admin's approval.

    Postings and their counts are figures every member sees; applications, interviews and names only who
    reviews the unit's applicants (not a viewer).
    """
    now = now or timezone.now()
    week = week_of(now, zone_name)
    board = Dashboard(
        since=since, reviews=reviews_unit(user, unit), week=week, week_last_day=week[1] - dt.timedelta(days=1)
    )
    board.postings, board.totals, board.open_postings = open_posting_counts(unit)
    board.pending = list(
        Posting.objects.filter(unit=unit, status=Posting.Status.SUBMITTED)
        .annotate(submitted_on=Max("status_changes__created_at", filter=Q(status_changes__to_status="submitted")))
        .only("pk", "title_en", "title_zh_hans", "updated_at")
        .order_by("submitted_on", "pk")
    )
    if not board.reviews:
        return board
    applicants = (
        Application.objects.reviewed_by(user)
        .filter(posting__unit=unit)
        .select_related("posting", "candidate__candidate_profile")
    )
    # New: released to the open postings since, read backwards from the stage changes into "submitted" (an index
    # on their time; the open postings as conditions on the join, not a subquery, so the reading stops early).
    released = StageChange.objects.filter(
        to_status=S.SUBMITTED,
        created_at__gt=since.moment,
        application__posting__unit=unit,
        application__posting__status=Posting.Status.PUBLISHED,
        application__posting__unit__in=reviewing_units(user),
    ).exclude(application__status__in=HIDDEN_FROM_UNIT)
    # One read: the latest NEW_COUNTED (and one more, to say "more than"), of which the page lists NEW_LIMIT.
    latest = list(
        released.select_related("application__posting", "application__candidate__candidate_profile").order_by(
            "-created_at", "-pk"
        )[: NEW_COUNTED + 1]
    )
    board.new_count, board.more_new = min(len(latest), NEW_COUNTED), len(latest) > NEW_COUNTED
    if latest and not since.last_visit:
        board.new_window_moves = latest[-1].created_at + RECENT
    board.newest = [change.application for change in latest[:NEW_LIMIT]]
    waiting = applicants.filter(status__in=ACTIVE_STAGES).order_by("stage_entered_at", "pk")
    board.waiting = list(waiting[:WAITING_LIMIT])
    start, end = board.week
    # Joined from the week's interviews (an index range) to their applications, rather than the unit's
    # applications searched for interviews: the same scope, a fraction of the rows.
    this_week = Interview.objects.filter(
        status=Interview.Status.SCHEDULED,
        starts_at__gte=start,
        starts_at__lt=end,
        application__posting__unit=unit,
        application__posting__unit__in=reviewing_units(user),
    ).exclude(application__status__in=HIDDEN_FROM_UNIT)
    # The first INTERVIEW_LIMIT in time order, read forwards from the week's start (an index on their time) and
    # one more to know whether the week holds more than are shown.
    interviews = list(
        this_week.select_related("application__posting", "application__candidate")
        .prefetch_related("interviewers")
        .order_by("starts_at", "pk")[: INTERVIEW_LIMIT + 1]
    )
    board.interviews, board.more_interviews = interviews[:INTERVIEW_LIMIT], len(interviews) > INTERVIEW_LIMIT
    return board


# --- The program overview ---------------------------------------------------------

# Computed figures are cached (`program_figures`). An entry is used while the applications have not moved since
# it was computed; after a move, for FIGURES_FRESH seconds more, so a season in full swing (moves every few
# seconds) costs one computation a minute, not one a page; it ends after FIGURES_MAX_AGE seconds whatever happens,
# which bounds what the moves do not show (a school edited on a profile, an application deleted in the admin).
FIGURES_FRESH = 60
FIGURES_MAX_AGE = 600
# Part of every key: bump it when what an entry holds changes shape, so a deploy never reads an older one.
FIGURES_VERSION = 2


@dataclass(frozen=True)
class Name:
    """A catalogue name in both languages (the page picks one, marked with its language if it falls back)."""

    en: str
    zh_hans: str

    def text(self, language: str) -> tuple[str, str]:
        """The name in `language` and the language it is written in ("" when it is the page's)."""
        if language.startswith("zh"):
            return (self.zh_hans, "") if self.zh_hans else (self.en, "en")
        return (self.en, "") if self.en else (self.zh_hans, "zh-Hans")


@dataclass(frozen=True)
class GroupRow:
    """One unit, category or location: its announced roles and openings, its applications and hires."""

    key: str
    name: Name
    roles: int
    openings: int
    applications: int
    hires: int
    is_ai: bool = False


@dataclass(frozen=True)
class FunnelStep:
    stage: str
    reached: int
    # Of those that reached the previous stage, the share that reached this one (None for the first).
    conversion: float | None
    # Of all applications, the share that reached this stage.
    share: float | None


@dataclass(frozen=True)
class StageTime:
    stage: str
    median_days: float | None
    stays: int


@dataclass(frozen=True)
class SchoolRow:
    school: str
    candidates: int
    applications: int


@dataclass(frozen=True)
class Figures:
    """The figures of the program (`unit` None) or of one unit, as the overview shows them."""

    unit: int | None
    units: list[GroupRow]
    categories: list[GroupRow]
    locations: list[GroupRow]
    funnel: list[FunnelStep]
    stage_times: list[StageTime]
    schools: list[SchoolRow]
    statuses: dict[str, int]
    computed_at: dt.datetime

    @property
    def applications(self) -> int:
        return sum(self.statuses.values())

    @property
    def hires(self) -> int:
        return self.statuses.get(S.HIRED, 0)

    @property
    def roles(self) -> int:
        return sum(row.roles for row in self.categories)

    @property
    def openings(self) -> int:
        return sum(row.openings for row in self.categories)

    @property
    def ai_openings(self) -> int:
        return sum(row.openings for row in self.categories if row.is_ai)

    @property
    def ai_applications(self) -> int:
        return sum(row.applications for row in self.categories if row.is_ai)

    @property
    def ai_openings_share(self) -> float | None:
        return _share(self.ai_openings, self.openings)

    @property
    def ai_applications_share(self) -> float | None:
        return _share(self.ai_applications, self.applications)

    @property
    def offers(self) -> dict:
        """Offers made (applications that reached the offer stage), accepted (hired), declined, still open, and
        the share accepted of those decided."""
        reached = next((step.reached for step in self.funnel if step.stage == S.OFFER), 0)
        accepted, declined = self.statuses.get(S.HIRED, 0), self.statuses.get(S.DECLINED, 0)
        return {
            "made": reached,
            "accepted": accepted,
            "declined": declined,
            "open": self.statuses.get(S.OFFER, 0),
            "acceptance": _share(accepted, accepted + declined),
        }


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def program_figures(*, unit: BusinessUnit | None = None) -> Figures:
    """The program's figures (or `unit`'s), from the cache while they are current.

    The key holds the catalogue version (postings/cache.py: any change to
    postings, units, categories or locations makes new figures at once); the
    entry holds the last stage change's id when it was computed (every
    application made, released or moved writes one). Both are read by
    primary key, two small queries. An entry whose applications have moved
    since is still used within FIGURES_FRESH seconds of its computing, as
    the page says ("counted at"). The entry is language-independent: names
    are kept in both languages and chosen when the page is drawn.
    """
    key = f"figures:{FIGURES_VERSION}:{unit.pk if unit else 'all'}:{catalogue_version()}"
    token = _moves_token()
    entry = cache.get(key)
    if entry is not None:
        computed_for, figures = entry
        if computed_for == token or timezone.now() - figures.computed_at < dt.timedelta(seconds=FIGURES_FRESH):
            return figures
    figures = compute_figures(unit=unit)
    cache.set(key, (token, figures), FIGURES_MAX_AGE)
    return figures


def _moves_token() -> int:
    return StageChange.objects.aggregate(last=Max("pk"))["last"] or 0


def compute_figures(*, unit: BusinessUnit | None = None) -> Figures:
    """The figures, computed now (about a dozen aggregate queries, whatever the number of applications)."""
    applications = released_applications()
    postings = Posting.objects.filter(status__in=ANNOUNCED)
    if unit is not None:
        applications = applications.filter(posting__unit=unit)
        postings = postings.filter(unit=unit)
    return Figures(
        unit=unit.pk if unit else None,
        units=[] if unit is not None else _units(postings, applications),
        categories=_categories(postings, applications),
        locations=_locations(postings, applications),
        funnel=funnel(applications),
        stage_times=stage_times(applications),
        schools=schools(applications),
        statuses=dict(applications.order_by().values_list("status").annotate(count=Count("pk"))),
        computed_at=timezone.now(),
    )


def _grouped(postings, applications, *, posting_key: str, application_key: str) -> tuple[dict, dict]:
    """({key: (roles, openings)}, {key: (applications, hires)}) grouped by a posting relation (a None key, a
    posting without a city, is left to `_rows` to drop)."""
    roles = {
        row[posting_key]: (row["roles"], row["openings"] or 0)
        for row in postings.order_by()
        .values(posting_key)
        .annotate(roles=Count("pk", distinct=True), openings=Sum("headcount"))
    }
    counts = {
        row[application_key]: (row["applications"], row["hires"])
        for row in applications.order_by()
        .values(application_key)
        .annotate(applications=Count("pk"), hires=Count("pk", filter=Q(status=S.HIRED)))
    }
    return roles, counts


def _rows(names, roles: dict, counts: dict, *, flag: str = "") -> list[GroupRow]:
    """A row per named group that has roles or applications, most applications first."""
    rows = [
        GroupRow(
            key=item["slug"],
            name=Name(item["name_en"] or "", item["name_zh_hans"] or ""),
            roles=roles.get(item["pk"], (0, 0))[0],
            openings=roles.get(item["pk"], (0, 0))[1],
            applications=counts.get(item["pk"], (0, 0))[0],
            hires=counts.get(item["pk"], (0, 0))[1],
            is_ai=bool(item.get(flag)) if flag else False,
        )
        for item in names
        if item["pk"] in roles or item["pk"] in counts
    ]
    return sorted(rows, key=lambda row: (-row.applications, -row.openings, row.name.en))


def _units(postings, applications) -> list[GroupRow]:
    roles, counts = _grouped(postings, applications, posting_key="unit", application_key="posting__unit")
    names = BusinessUnit.objects.values("pk", "slug", "name_en", "name_zh_hans")
    return _rows(names, roles, counts)


def _categories(postings, applications) -> list[GroupRow]:
    roles, counts = _grouped(postings, applications, posting_key="category", application_key="posting__category")
    names = RoleCategory.objects.values("pk", "slug", "name_en", "name_zh_hans", "is_ai")
    return _rows(names, roles, counts, flag="is_ai")


def _locations(postings, applications) -> list[GroupRow]:
    """Per city: a role offered in several cities counts in each (its openings too)."""
    roles, counts = _grouped(postings, applications, posting_key="locations", application_key="posting__locations")
    names = Location.objects.values("pk", "slug", "name_en", "name_zh_hans")
    return _rows(names, roles, counts)


def funnel(applications) -> list[FunnelStep]:
    """How many of `applications` reached each stage of FUNNEL, from their stage changes, in one query.

    Each application's furthest stage is the highest FUNNEL position among
    the stages its changes went to (a rejection or withdrawal keeps the
    stage it left); the outer count takes those at or past each stage.
    """
    position = SqlCase(
        *[When(to_status=stage, then=Value(number)) for number, stage in enumerate(FUNNEL, start=1)],
        default=Value(0),
    )
    furthest = (
        StageChange.objects.filter(application__in=applications.values("pk"), to_status__in=FUNNEL)
        .order_by()
        .values("application")
        .annotate(furthest=Max(position))
    )
    reached = furthest.aggregate(
        **{
            f"reached_{number}": Count("application", filter=Q(furthest__gte=number))
            for number, _stage in enumerate(FUNNEL, start=1)
        }
    )
    counts = [reached[f"reached_{number}"] for number in range(1, len(FUNNEL) + 1)]
    first = counts[0]
    return [
        FunnelStep(
            stage=stage,
            reached=count,
            conversion=None if number == 0 else _share(count, counts[number - 1]),
            share=_share(count, first),
        )
        for number, (stage, count) in enumerate(zip(FUNNEL, counts, strict=True))
    ]


def stage_times(applications) -> list[StageTime]:
    """The median days an application of `applications` spent in each active stage, over the stays that ended.

    A stay starts with the stage change into the stage and ends with the
    application's next change; the window function LEAD pairs them. Stays
    still under way are left out (their length is not known yet).
    PostgreSQL takes the median with percentile_cont; SQLite, which has no
    percentile aggregate, averages the middle one or two of the ordered
    durations (ROW_NUMBER over COUNT): the same median, exactly.
    """
    changes = (
        StageChange.objects.filter(application__in=applications.values("pk"))
        .order_by()
        .annotate(
            left=Window(Lead("created_at"), partition_by=[F("application_id")], order_by=[F("created_at"), F("pk")])
        )
        .values(stage=F("to_status"), entered=F("created_at"), left_at=F("left"))
    )
    inner, params = changes.query.sql_with_params()
    stages = ", ".join(["%s"] * len(ACTIVE_STAGES))
    if connection.vendor == "postgresql":
        sql = (
            "SELECT stays.stage, percentile_cont(0.5) WITHIN GROUP "  # noqa: S608 -- parameters; Django's own SQL
            "(ORDER BY EXTRACT(EPOCH FROM (stays.left_at - stays.entered)) / 86400.0), COUNT(*) "
            f"FROM ({inner}) stays WHERE stays.left_at IS NOT NULL AND stays.stage IN ({stages}) GROUP BY stays.stage"
        )
    else:
        sql = (
            "SELECT stage, AVG(days), MAX(total) FROM ("  # noqa: S608 -- parameters; Django's own SQL
            "SELECT stage, days, ROW_NUMBER() OVER (PARTITION BY stage ORDER BY days) AS position, "
            "COUNT(*) OVER (PARTITION BY stage) AS total FROM ("
            "SELECT stays.stage AS stage, julianday(stays.left_at) - julianday(stays.entered) AS days "
            f"FROM ({inner}) stays WHERE stays.left_at IS NOT NULL AND stays.stage IN ({stages}))) "
            "WHERE position IN ((total + 1) / 2, (total + 2) / 2) GROUP BY stage"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *ACTIVE_STAGES])
        medians = {stage: (float(days), int(count)) for stage, days, count in cursor.fetchall()}
    return [
        StageTime(stage=stage, median_days=medians.get(stage, (None, 0))[0], stays=medians.get(stage, (None, 0))[1])
        for stage in ACTIVE_STAGES
    ]


SCHOOL_LIMIT = 15


def schools(applications) -> list[SchoolRow]:
    """The SCHOOL_LIMIT schools most applicants come from (as candidates wrote them), by candidates then name."""
    rows = (
        applications.filter(candidate__candidate_profile__school__gt="")
        .order_by()
        .values(school=F("candidate__candidate_profile__school"))
        .annotate(candidates=Count("candidate", distinct=True), applications=Count("pk"))
        .order_by("-candidates", "-applications", "school")[:SCHOOL_LIMIT]
    )
    return [SchoolRow(row["school"], row["candidates"], row["applications"]) for row in rows]
