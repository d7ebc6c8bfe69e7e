"""The program overview and a unit's figures: the numbers on a hand-built season where the right ones are known,
who may see them, the page, the charts beside their tables and the CSV files."""

import csv
import datetime as dt
import io
import re

import pytest
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import override

from applicants.figures import FIGURES_FRESH, compute_figures, program_figures
from applicants.models import Application, CandidateProfile, StageChange
from postings.models import Posting, UnitMembership
from tests.factories import (
    ApplicationFactory,
    CandidateProfileFactory,
    LocationFactory,
    PostingFactory,
    RoleCategoryFactory,
    UnitMembershipFactory,
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
    released to their units, with the histories of SEASON. Names given in English are stored as English
    whatever language an earlier test left active."""
    with override("en"):
        return _season(unit_a, unit_b)


def _season(unit_a, unit_b):
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


# --- Who may see them -------------------------------------------------------------------


def test_admins_see_the_program_overview_and_nobody_else(client, season, admin_user, recruiter_a, candidate):
    assert client.get("/recruit/overview/").status_code == 302
    for person in (recruiter_a, candidate):
        client.force_login(person)
        assert client.get("/recruit/overview/").status_code == 404
        assert client.get("/recruit/overview/funnel.csv").status_code == 404
    client.force_login(admin_user)
    assert client.get("/recruit/overview/").status_code == 200
    assert client.get("/recruit/overview/funnel.csv").status_code == 200


def test_a_units_members_see_its_figures_and_other_units_do_not(client, season, unit_a, recruiter_a, recruiter_b):
    viewer = UnitMembershipFactory(unit=unit_a, role=UnitMembership.Role.VIEWER).user
    for person in (recruiter_a, viewer):
        client.force_login(person)
        assert client.get(f"/recruit/units/{unit_a.slug}/figures/").status_code == 200
        assert client.get(f"/recruit/units/{unit_a.slug}/figures/schools.csv").status_code == 200
    client.force_login(recruiter_b)
    assert client.get(f"/recruit/units/{unit_a.slug}/figures/").status_code == 404
    assert client.get(f"/recruit/units/{unit_a.slug}/figures/schools.csv").status_code == 404


def test_unknown_tables_are_404(client, season, admin_user, unit_a):
    client.force_login(admin_user)

    for url in (
        "/recruit/overview/nothing.csv",
        "/recruit/overview/x0-probe.csv",
        # A unit's figures have no table of units.
        f"/recruit/units/{unit_a.slug}/figures/units.csv",
        "/recruit/units/no-such-unit/figures/",
        "/recruit/units/no-such-unit/figures/funnel.csv",
    ):
        assert client.get(url).status_code == 404, url


# --- The page -----------------------------------------------------------------------------


def page_tables(html: str) -> dict[str, list[list[str]]]:
    """{section id: rows of cell texts} of the overview's tables."""
    tables = {}
    for section, body in re.findall(
        r'<section class="figure-section" id="([^"]+)".*?<tbody>(.*?)</tbody>', html, re.S
    ):
        rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
        tables[section] = [
            [
                " ".join(re.sub(r"<[^>]+>", "", cell).split())
                for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
            ]
            for row in rows
        ]
    return tables


def test_the_overview_shows_each_table_beside_its_chart(client, season, admin_user):
    client.force_login(admin_user)

    response = client.get("/recruit/overview/")

    html = response.content.decode()
    tables = page_tables(html)
    assert list(tables) == [
        "funnel",
        "stage-days",
        "units",
        "categories",
        "locations",
        "ai-share",
        "schools",
        "offers",
    ]
    assert tables["funnel"][1] == ["Screening", "6", "66.7%", "66.7%"]
    assert tables["stage-days"][0] == ["Submitted", "2.5 days", "8"]
    assert tables["units"] == [["Alibaba Cloud", "2", "4", "6", "1"], ["Amap", "1", "2", "3", "1"]]
    assert tables["categories"][0] == ["AI Infrastructure Engineer", "Yes", "2", "5", "7", "2"]
    assert tables["ai-share"] == [["Openings", "5", "6", "83.3%"], ["Applications", "7", "9", "77.8%"]]
    assert tables["schools"][0] == ["Zhejiang University", "3", "4"]
    assert tables["offers"][-1] == ["Accepted, of the offers decided", "66.7%"]
    assert html.count('<svg class="chart"') == 8
    for slug in tables:
        assert f'href="/recruit/overview/{slug}.csv"' in html


def test_a_units_figures_page_leaves_out_the_units_table(client, season, unit_a, recruiter_a):
    client.force_login(recruiter_a)

    html = client.get(f"/recruit/units/{unit_a.slug}/figures/").content.decode()

    tables = page_tables(html)
    assert "units" not in tables
    assert [row[1] for row in tables["funnel"]] == ["6", "5", "3", "2", "2", "1"]
    assert f'href="/recruit/units/{unit_a.slug}/figures/funnel.csv"' in html


def test_in_chinese_the_catalogue_names_are_chinese_and_a_missing_one_is_marked_english(
    client, season, admin_user, unit_b
):
    admin_user.language = "zh-hans"
    admin_user.save(update_fields=["language"])
    unit_b.name_zh_hans = ""
    unit_b.save()
    client.force_login(admin_user)

    html = client.get("/recruit/overview/").content.decode()

    assert "AI基础设施工程师" in html and "杭州" in html
    assert '<th scope="row" lang="en">Amap</th>' in html
    assert '<text class="chart__label" x="0" y="' in html and 'lang="en">Amap</text>' in html
    # Schools are as candidates typed them: their language is not known.
    assert '<th scope="row" lang="">Zhejiang University</th>' in html


def test_the_figures_follow_the_catalogue_at_once_and_the_moves_within_a_minute(season, monkeypatch):
    assert program_figures().applications == 9
    counted = program_figures().computed_at

    # A posting's headcount is the catalogue's: new figures at once.
    Posting.objects.filter(pk=season["postings"]["p1"].pk).update(headcount=10)
    assert program_figures().openings == 13

    # A release is a stage change: within a minute of the last count the cached figures stand (the page says
    # when they were counted), then they follow.
    queued = season["applications"]["a9"]
    StageChange.objects.create(application=queued, from_status=S.QUEUED, to_status=S.SUBMITTED)
    Application.objects.filter(pk=queued.pk).update(status=S.SUBMITTED, submitted_at=timezone.now())
    assert program_figures().applications == 9
    later = timezone.now() + dt.timedelta(seconds=FIGURES_FRESH + 1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert program_figures().applications == 10
    assert program_figures().computed_at > counted


def test_the_figures_are_cached_while_nothing_moves(season, monkeypatch, django_assert_num_queries):
    program_figures()
    later = timezone.now() + dt.timedelta(minutes=5)
    monkeypatch.setattr(timezone, "now", lambda: later)

    # The catalogue version and the last stage change.
    with django_assert_num_queries(2):
        assert program_figures().applications == 9


@pytest.mark.parametrize("extra", [0, 30])
def test_the_overview_costs_the_same_queries_whatever_the_data(
    client, season, admin_user, unit_a, extra, django_assert_num_queries
):
    posting = season["postings"]["p2"]
    for number in range(extra):
        application = ApplicationFactory(posting=posting, candidate=UserFactory())
        build_history(application, [(0, S.SUBMITTED), (number % 5 + 1, S.SCREENING)])
    client.force_login(admin_user)
    client.get("/recruit/overview/")

    cache.clear()
    with django_assert_num_queries(OVERVIEW_QUERIES):
        assert client.get("/recruit/overview/").status_code == 200


# Session, user, workspace, the admin's permissions (their own, their groups'); the catalogue version and the last
# stage change (the cache key); the figures: units, categories and cities (postings, applications, names: three
# each), the funnel, the stages' medians, the schools, the statuses; the frame's units; the navigation's parts
# (the cache was emptied: whether the user has a workspace, the unread notifications).
OVERVIEW_QUERIES = 23


# --- CSV ----------------------------------------------------------------------------------


def read_csv(response) -> list[list[str]]:
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def test_each_table_downloads_as_csv_with_its_numbers(client, season, admin_user):
    client.force_login(admin_user)

    response = client.get("/recruit/overview/units.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert re.fullmatch(
        r'attachment; filename="program-figures-units-\d{4}-\d{2}-\d{2}.csv"', response["Content-Disposition"]
    )
    assert read_csv(response) == [
        ["Unit", "Roles", "Openings", "Applications", "Hires"],
        ["Alibaba Cloud", "2", "4", "6", "1"],
        ["Amap", "1", "2", "3", "1"],
    ]
    funnel = read_csv(client.get("/recruit/overview/funnel.csv"))
    assert funnel[0] == ["Stage", "Reached", "From the stage before (%)", "Of all applications (%)"]
    assert funnel[1] == ["Submitted", "9", "", "100.0"]
    assert read_csv(client.get("/recruit/overview/stage-days.csv"))[1] == ["Submitted", "2.5", "8"]


def test_csv_cells_that_would_run_as_formulas_are_neutralised(client, season, admin_user):
    CandidateProfile.objects.filter(user__email="c3@example.com").update(school='=HYPERLINK("http://x.example")')
    CandidateProfile.objects.filter(user__email="c6@example.com").update(school="@SUM(A1)")
    client.force_login(admin_user)

    rows = read_csv(client.get("/recruit/overview/schools.csv"))

    schools = [row[0] for row in rows[1:]]
    assert '\'=HYPERLINK("http://x.example")' in schools
    assert "'@SUM(A1)" in schools
    assert not any(school.startswith(("=", "@", "+", "-")) for school in schools)


def test_the_csv_is_in_the_users_language(client, season, admin_user):
    admin_user.language = "zh-hans"
    admin_user.save(update_fields=["language"])
    client.force_login(admin_user)

    rows = read_csv(client.get("/recruit/overview/categories.csv"))

    assert rows[0][0] == "岗位类别"
    assert rows[1][0] == "AI基础设施工程师"
