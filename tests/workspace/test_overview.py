"""The program overview and a unit's figures: the numbers on a hand-built season where the right ones are known,
who may see them, the page, the charts beside their tables and the CSV files."""

import datetime as dt

import pytest

from applicants.figures import compute_figures
from applicants.models import Application, StageChange
from postings.models import Posting
from tests.factories import (
    ApplicationFactory,
    CandidateProfileFactory,
    LocationFactory,
    PostingFactory,
    RoleCategoryFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

S = Application.Status
T0 = dt.datetime(2026, 9, 1, 10, 0, tzinfo=dt.UTC)

# Each application: posting, candidate, history as (day after T0, status reached).
SEASON = {
    "a1": (
        "p1",
        "c1",
        [(0, S.SUBMITTED), (2, S.SCREENING), (5, S.ASSESSMENT), (9, S.INTERVIEW), (13, S.OFFER), (15, S.HIRED)],
    ),
    "a2": ("p1", "c2", [(0, S.SUBMITTED), (4, S.SCREENING), (8, S.INTERVIEW), (10, S.OFFER), (12, S.DECLINED)]),
    "a3": ("p1", "c3", [(0, S.SUBMITTED), (1, S.SCREENING), (3, S.REJECTED)]),
    "a4": ("p2", "c4", [(0, S.SUBMITTED), (3, S.SCREENING), (4, S.ASSESSMENT)]),
    "a5": ("p2", "c5", [(0, S.SUBMITTED)]),
    "a6": ("p3", "c6", [(0, S.SUBMITTED), (6, S.SCREENING), (7, S.INTERVIEW), (9, S.OFFER), (12, S.HIRED)]),
    "a7": ("p3", "c7", [(0, S.SUBMITTED), (2, S.REJECTED)]),
    "a8": ("p3", "c8", [(0, S.SUBMITTED), (0.5, S.WITHDRAWN)]),
    # c4's second preference, released when... it waited, then was released at day 3.
    "a11": ("p1", "c4", [(0, S.QUEUED), (3, S.SUBMITTED), (6.5, S.SCREENING)]),
    # Never released to the unit: counted nowhere.
    "a9": ("p1", "c9", [(0, S.QUEUED)]),
    "a10": ("p2", "c10", [(0, S.QUEUED), (1, S.WITHDRAWN)]),
}
SCHOOLS = {"c1": "Zhejiang University", "c2": "Zhejiang University", "c3": "Peking University",
           "c4": "Zhejiang University", "c5": "Tsinghua University", "c6": "Peking University", "c7": "",
           "c9": "Zhejiang University", "c10": "Fudan University"}  # c8 has no profile  # fmt: skip


def build_history(application, steps):
    """Stage changes dated as given, the application's status, release and stage time to match."""
    previous = ""
    for day, status in steps:
        change = StageChange.objects.create(application=application, from_status=previous, to_status=status)
        StageChange.objects.filter(pk=change.pk).update(created_at=T0 + dt.timedelta(days=day))
        previous = status
    released = next((T0 + dt.timedelta(days=day) for day, status in steps if status == S.SUBMITTED), None)
    Application.objects.filter(pk=application.pk).update(
        status=previous, submitted_at=released, stage_entered_at=T0 + dt.timedelta(days=steps[-1][0])
    )


@pytest.fixture
def season(unit_a, unit_b):
    """Three announced postings (two of unit A, one of unit B) and a draft; eleven applications, nine of them
    released to their units, with the histories of SEASON."""
    ai = RoleCategoryFactory(name="AI Infrastructure Engineer", name_zh_hans="AI基础设施工程师", is_ai=True)
    frontend = RoleCategoryFactory(name="Frontend Engineer", name_zh_hans="前端开发工程师", is_ai=False)
    hangzhou = LocationFactory(name="Hangzhou", name_zh_hans="杭州")
    singapore = LocationFactory(name="Singapore", name_zh_hans="新加坡", country_code="SG", in_mainland_china=False)
    postings = {
        "p1": PostingFactory(unit=unit_a, category=ai, headcount=3, locations=[hangzhou]),
        "p2": PostingFactory(unit=unit_a, category=frontend, headcount=1, locations=[hangzhou, singapore]),
        "p3": PostingFactory(unit=unit_b, category=ai, headcount=2, locations=[singapore]),
    }
    # A draft is no opening yet.
    PostingFactory(unit=unit_a, category=ai, headcount=5, status=Posting.Status.DRAFT, published_at=None)
    candidates = {}
    for key in sorted({candidate for _posting, candidate, _steps in SEASON.values()}):
        candidates[key] = UserFactory(email=f"{key}@example.com", name=f"Candidate {key}")
        if key in SCHOOLS:
            CandidateProfileFactory(user=candidates[key], school=SCHOOLS[key])
    applications = {}
    for key, (posting, candidate, steps) in SEASON.items():
        applications[key] = ApplicationFactory(posting=postings[posting], candidate=candidates[candidate])
        build_history(applications[key], steps)
    return {"postings": postings, "applications": applications, "ai": ai, "frontend": frontend}


# --- The numbers --------------------------------------------------------------------


def test_the_funnel_counts_how_far_each_released_application_got(season):
    figures = compute_figures()

    assert [(step.stage, step.reached) for step in figures.funnel] == [
        (S.SUBMITTED, 9),
        (S.SCREENING, 6),
        # a2 and a6 went from screening straight to interview: they passed assessment too.
        (S.ASSESSMENT, 4),
        (S.INTERVIEW, 3),
        (S.OFFER, 3),
        (S.HIRED, 2),
    ]
    conversions = [step.conversion for step in figures.funnel]
    assert conversions[0] is None
    assert conversions[1:] == pytest.approx([6 / 9, 4 / 6, 3 / 4, 1.0, 2 / 3])
    assert [step.share for step in figures.funnel] == pytest.approx([1, 6 / 9, 4 / 9, 3 / 9, 3 / 9, 2 / 9])


def test_median_days_in_each_stage_count_the_stays_that_ended(season):
    figures = compute_figures()

    assert [(time.stage, time.median_days, time.stays) for time in figures.stage_times] == [
        # 0.5, 1, 2, 2, 3, 3.5, 4, 6 (a5 is still there; a11's stay began when it was released)
        (S.SUBMITTED, pytest.approx(2.5), 8),
        # 1, 1, 2, 3, 4 (a11 is still there)
        (S.SCREENING, pytest.approx(2), 5),
        (S.ASSESSMENT, pytest.approx(4), 1),
        (S.INTERVIEW, pytest.approx(2), 3),
        (S.OFFER, pytest.approx(2), 3),
    ]


def test_statuses_offers_and_totals_count_only_released_applications(season):
    figures = compute_figures()

    assert figures.statuses == {
        S.HIRED: 2,
        S.DECLINED: 1,
        S.REJECTED: 2,
        S.ASSESSMENT: 1,
        S.SUBMITTED: 1,
        S.WITHDRAWN: 1,
        S.SCREENING: 1,
    }
    assert (figures.applications, figures.hires) == (9, 2)
    assert figures.offers == {"made": 3, "accepted": 2, "declined": 1, "open": 0, "acceptance": pytest.approx(2 / 3)}


def test_openings_applications_and_hires_per_unit_category_and_city(season, unit_a):
    figures = compute_figures()

    def table(rows):
        return {row.name.en: (row.roles, row.openings, row.applications, row.hires) for row in rows}

    assert table(figures.units) == {"Alibaba Cloud": (2, 4, 6, 1), "Amap": (1, 2, 3, 1)}
    assert [row.key for row in figures.units] == ["alibaba-cloud", "amap"]
    assert table(figures.categories) == {"AI Infrastructure Engineer": (2, 5, 7, 2), "Frontend Engineer": (1, 1, 2, 0)}
    assert [row.is_ai for row in figures.categories] == [True, False]
    # A role offered in two cities counts in each.
    assert table(figures.locations) == {"Hangzhou": (2, 4, 6, 1), "Singapore": (2, 3, 5, 1)}
    assert figures.categories[0].name.zh_hans == "AI基础设施工程师"


def test_the_ai_share_of_openings_and_of_applications(season):
    figures = compute_figures()

    assert (figures.roles, figures.openings, figures.ai_openings) == (3, 6, 5)
    assert figures.ai_openings_share == pytest.approx(5 / 6)
    assert figures.ai_applications_share == pytest.approx(7 / 9)


def test_schools_by_candidates_not_applications(season):
    figures = compute_figures()

    # c4 applied twice (a4, a11): one candidate, two applications. c9 and c10 were never released to a unit.
    assert [(row.school, row.candidates, row.applications) for row in figures.schools] == [
        ("Zhejiang University", 3, 4),
        ("Peking University", 2, 2),
        ("Tsinghua University", 1, 1),
    ]


def test_a_units_figures_are_its_own(season, unit_a):
    figures = compute_figures(unit=unit_a)

    assert figures.units == []
    assert [step.reached for step in figures.funnel] == [6, 5, 3, 2, 2, 1]
    assert (figures.applications, figures.hires, figures.openings) == (6, 1, 4)
    assert [row.name.en for row in figures.locations] == ["Hangzhou", "Singapore"]
    assert [(row.applications, row.openings) for row in figures.locations] == [(6, 4), (2, 1)]
    assert [row.school for row in figures.schools] == [
        "Zhejiang University",
        "Peking University",
        "Tsinghua University",
    ]


def test_an_empty_season_has_no_figures_and_no_division_by_zero(db):
    figures = compute_figures()

    assert [step.reached for step in figures.funnel] == [0] * 6
    assert all(step.conversion is None for step in figures.funnel)
    assert all(time.median_days is None and time.stays == 0 for time in figures.stage_times)
    assert figures.ai_openings_share is None and figures.ai_applications_share is None
    assert figures.offers["acceptance"] is None
    assert figures.units == figures.categories == figures.locations == figures.schools == []
