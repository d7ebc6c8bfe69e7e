"""seed_demo: the demo program, its catalogue, postings, information sessions and accounts."""

import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command

from demo.data.sessions import INFO_SESSIONS
from infosessions.models import Registration
from postings.models import (
    BusinessUnit,
    DegreeLevel,
    InfoSession,
    Location,
    Posting,
    Program,
    RoleCategory,
    Skill,
    UnitMembership,
)
from recruit.accounts.models import User

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
BERLIN = ZoneInfo("Europe/Berlin")
# Each session city's zone, as the tz database names it.
CITY_ZONES = {
    "Hangzhou": "Asia/Shanghai",
    "Beijing": "Asia/Shanghai",
    "Shanghai": "Asia/Shanghai",
    "Singapore": "Asia/Singapore",
    "Munich": "Europe/Berlin",
    "Stanford": "America/Los_Angeles",
    "Sunnyvale": "America/Los_Angeles",
    # Online sessions are given in the presenters' zone.
    "Online": "Asia/Shanghai",
}
# The words that name a degree level in a posting's text.
DEGREE_WORDS = {
    "bachelor": re.compile(r"\bbachelor(?:'s|s)?\b", re.IGNORECASE),
    "master": re.compile(r"\bmaster(?:'s|s)?\b", re.IGNORECASE),
    "doctorate": re.compile(r"\b(?:doctora(?:l|tes?)|ph\.?d)\b", re.IGNORECASE),
}
NAMED_UNITS = {
    "Alibaba Holding Group",
    "Alibaba Cloud",
    "Taotian Group",
    "Taobao Deals",
    "Alibaba International",
    "Tongyi Laboratory",
    "Wukong Business Unit (formerly DingTalk)",
    "Qianwen Business Unit",
    "T-Head",
    "Amap",
}
AI_CATEGORIES = {
    "AI Application R&D Engineer",
    "AI Application Algorithm Engineer",
    "AI Agent Optimization Engineer",
    "Agent Infrastructure Engineer",
    "AI Data Engineer",
    "AI Infrastructure Engineer",
    "AI Site Reliability Engineer",
}

# The candidates and their applications are tested in
# tests/applicants/test_seed_applicants.py; here a few keep the runs quick.
FEW_CANDIDATES = ("--candidates", "10")


def run(command, *args):
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    # seed_demo stores the demo candidates' resumes.
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


@pytest.fixture
def seeded(debug):
    return run("seed_demo", *FEW_CANDIDATES)


def degrees_named(posting) -> set[str]:
    text = f"{posting.description}\n{posting.requirements}"
    return {level for level, word in DEGREE_WORDS.items() if word.search(text)}


def published():
    return Posting.objects.filter(status=Posting.Status.PUBLISHED)


def internship():
    return Program.objects.get(slug="2027-internship")


def all_values(model) -> list[dict]:
    """The model's rows, every column: both languages' (modeltranslation's values() without names leaves them out)."""
    return list(model.objects.order_by("pk").values(*(field.attname for field in model._meta.concrete_fields)))


def snapshot():
    """Every row seed_demo writes, as plain values (timestamps aside)."""
    return {
        "postings": list(
            Posting.objects.order_by("pk").values_list(
                "pk",
                "program__slug",
                "unit__slug",
                "category__slug",
                "title",
                "title_en",
                "title_zh_hans",
                "description",
                "description_en",
                "description_zh_hans",
                "requirements",
                "requirements_en",
                "requirements_zh_hans",
                "headcount",
                "degree_levels",
                "status",
                "published_at",
                "closes_at",
                "search_text",
            )
        ),
        "posting_skills": sorted(Posting.skills.through.objects.values_list("posting_id", "skill_id")),
        "posting_locations": sorted(Posting.locations.through.objects.values_list("posting_id", "location_id")),
        "programs": all_values(Program),
        "units": all_values(BusinessUnit),
        "categories": all_values(RoleCategory),
        "locations": all_values(Location),
        "skills": all_values(Skill),
        "sessions": all_values(InfoSession),
        "session_units": sorted(InfoSession.units.through.objects.values_list("infosession_id", "businessunit_id")),
        "session_registrations": sorted(
            Registration.objects.values_list("user_id", "session_id", "state", "check_in_code")
        ),
        "users": list(User.objects.order_by("pk").values_list("pk", "email", "name", "is_staff", "is_superuser")),
        "emails": list(
            EmailAddress.objects.order_by("pk").values_list("pk", "user_id", "email", "verified", "primary")
        ),
        "memberships": list(UnitMembership.objects.order_by("pk").values_list("pk", "user_id", "unit_id", "role")),
    }


# --- seed_demo: running it ----------------------------------------------------


def test_seed_demo_is_idempotent(seeded):
    before = snapshot()

    run("seed_demo", *FEW_CANDIDATES)

    assert snapshot() == before


def test_seed_demo_refuses_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="known passwords"):
        run("seed_demo")

    assert not Posting.objects.exists()
    assert not User.objects.exists()


def test_seed_demo_force_runs_with_debug_off(settings):
    settings.DEBUG = False

    run("seed_demo", "--force", *FEW_CANDIDATES)

    assert published().count() > 100
    assert User.objects.filter(email="candidate@demo.example").exists()


def test_seed_demo_prints_the_counts_and_the_three_credentials(seeded):
    assert "16 business units (6 marked demo)" in seeded
    for email, password in [
        ("admin@demo.example", "demo-admin-2027"),
        ("recruiter@demo.example", "demo-recruiter-2027"),
        ("candidate@demo.example", "demo-candidate-2027"),
    ]:
        assert email in seeded
        assert password in seeded


def test_seed_demo_runs_after_seed_volume_repeated_its_titles(debug):
    run("seed_demo", *FEW_CANDIDATES)
    run("seed_volume", "--postings", "300")
    before = snapshot()

    run("seed_demo", *FEW_CANDIDATES)

    assert snapshot() == before


# --- seed_demo: the catalogue ---------------------------------------------------


def test_sixteen_units_with_six_marked_demo(seeded):
    units = BusinessUnit.objects.all()
    assert units.count() == 16
    assert {unit.name for unit in units if not unit.is_demo} == NAMED_UNITS
    demo = [unit for unit in units if unit.is_demo]
    assert len(demo) == 6
    assert all("Demo data" in unit.summary for unit in demo)
    assert all(unit.summary for unit in units)


def test_the_seven_ai_categories_and_a_few_others(seeded):
    assert set(RoleCategory.objects.filter(is_ai=True).values_list("name", flat=True)) == AI_CATEGORIES
    assert 3 <= RoleCategory.objects.filter(is_ai=False).count() <= 4
    assert not RoleCategory.objects.filter(summary="").exists()


def test_the_six_locations_and_which_are_in_mainland_china(seeded):
    locations = {location.name: location for location in Location.objects.all()}
    assert {name for name, location in locations.items() if location.in_mainland_china} == {
        "Hangzhou",
        "Beijing",
        "Shanghai",
    }
    assert {name: location.country_code for name, location in locations.items() if not location.in_mainland_china} == {
        "Singapore": "SG",
        "Frankfurt": "DE",
        "Sunnyvale": "US",
    }


def test_skills_have_slugs(seeded):
    assert Skill.objects.count() >= 35
    assert Skill.objects.get(name="C++").slug == "cpp"
    assert not Skill.objects.filter(slug="").exists()


def test_the_internship_program_carries_the_announced_window_and_rules(seeded):
    program = internship()
    assert program.name == "2027 Global Campus Recruitment — Internship"
    assert program.track == Program.Track.INTERNSHIP
    assert (program.graduation_start, program.graduation_end) == (dt.date(2026, 11, 1), dt.date(2027, 10, 30))
    assert program.applications_open == dt.datetime(2026, 3, 18, 0, 0, tzinfo=SHANGHAI)
    assert program.applications_close == dt.datetime(2027, 5, 31, 23, 59, tzinfo=SHANGHAI)
    assert program.max_active_applications == 2
    assert program.review == Program.Review.ORDERED


def test_the_star_program_has_postings_in_its_five_areas(seeded):
    star = Program.objects.get(slug="2027-star")
    assert star.track == Program.Track.RESEARCH
    titles = list(star.postings.filter(status=Posting.Status.PUBLISHED).values_list("title", flat=True))
    assert 6 <= len(titles) <= 10
    for area in [
        "Fundamental models",
        "AI infrastructure",
        "Large model applications",
        "Industrial AI",
        "Computing architecture",
    ]:
        assert any(area in title for title in titles), area


# --- seed_demo: the postings ---------------------------------------------------


def test_about_120_published_internship_postings_plus_drafts_and_closed_ones(seeded):
    postings = internship().postings
    assert 110 <= postings.filter(status=Posting.Status.PUBLISHED).count() <= 130
    assert 4 <= postings.filter(status=Posting.Status.DRAFT).count() <= 6
    assert 2 <= postings.filter(status=Posting.Status.CLOSED).count() <= 3


def test_ai_roles_are_over_80_percent_of_published_postings(seeded):
    figures = published().figures()
    assert figures["ai_roles"] / figures["roles"] > 0.8


def test_every_published_posting_has_a_location_and_its_search_text(seeded):
    postings = published().select_related("unit", "category").prefetch_related("skills", "locations")
    for posting in postings:
        assert posting.locations.all(), posting
        assert posting.search_text == posting.build_search_text(), posting


def test_postings_read_like_real_ones(seeded):
    levels = set(DegreeLevel.values)
    for posting in Posting.objects.prefetch_related("skills", "locations"):
        posting.full_clean()
        assert 3 <= len(posting.skills.all()) <= 6, posting
        assert 1 <= len(posting.locations.all()) <= 3, posting
        assert 1 <= posting.headcount <= 5, posting
        assert posting.degree_levels and set(posting.degree_levels) <= levels, posting
        assert all(line.startswith("- ") for line in posting.requirements.splitlines()), posting
        assert len(posting.requirements.splitlines()) >= 3, posting


def test_every_research_posting_names_exactly_the_degrees_it_accepts(seeded):
    research = list(Posting.objects.filter(program__track=Program.Track.RESEARCH))

    assert len(research) >= 6
    for posting in research:
        assert degrees_named(posting) == set(posting.degree_levels), posting.title
    # What the Star program's summary says: master's and doctoral students, or doctoral students only.
    assert {tuple(posting.degree_levels) for posting in research} == {("master", "doctorate"), ("doctorate",)}
    assert "master's and doctoral students, or doctoral students only" in research[0].program.summary


def test_every_internship_posting_names_exactly_the_degrees_it_accepts(seeded):
    for posting in internship().postings.all():
        assert degrees_named(posting) == set(posting.degree_levels), posting.title


def test_published_postings_are_dated_within_the_season(seeded):
    for posting in published():
        assert dt.datetime(2026, 3, 18, tzinfo=SHANGHAI) <= posting.published_at
        assert posting.published_at <= dt.datetime(2026, 11, 20, 23, 59, tzinfo=SHANGHAI)
        if posting.closes_at:
            assert dt.datetime(2027, 1, 15, tzinfo=SHANGHAI) <= posting.closes_at
            assert posting.closes_at <= dt.datetime(2027, 5, 31, 23, 59, tzinfo=SHANGHAI)
    assert published().filter(closes_at__isnull=True).count() > published().count() / 2


def test_drafts_have_no_publishing_date(seeded):
    assert not Posting.objects.filter(status=Posting.Status.DRAFT, published_at__isnull=False).exists()


def test_titles_are_unique_within_a_unit(seeded):
    keys = list(Posting.objects.values_list("program", "unit", "title"))
    assert len(keys) == len(set(keys))


def test_titles_vary(seeded):
    assert published().values("title").distinct().count() > 40


def test_chinese_search_finds_some_postings(seeded):
    assert 1 <= published().matching("大模型").count() < published().count()
    assert published().matching("岗位职责").exists()


# --- seed_demo: information sessions -------------------------------------------


def test_information_sessions_past_and_upcoming_at_universities(seeded):
    sessions = list(InfoSession.objects.prefetch_related("units"))
    assert 8 <= len(sessions) <= 20
    assert {"Zhejiang University", "Peking University", "Tsinghua University", "Shanghai Jiao Tong University"} <= {
        session.university for session in sessions
    }
    spring = [
        s
        for s in sessions
        if dt.datetime(2026, 3, 18, tzinfo=SHANGHAI) <= s.starts_at < dt.datetime(2026, 5, 1, tzinfo=SHANGHAI)
    ]
    upcoming = [
        s
        for s in sessions
        if dt.datetime(2026, 12, 1, tzinfo=SHANGHAI)
        <= s.starts_at
        <= dt.datetime(2027, 4, 30, 23, 59, tzinfo=SHANGHAI)
    ]
    assert len(spring) >= 3
    assert len(upcoming) >= 4
    for session in sessions:
        assert session.ends_at - session.starts_at == dt.timedelta(hours=2)
        assert session.city and session.venue and session.summary
        assert session.units.all()


def test_the_munich_session_starts_at_18_00_berlin_time(seeded):
    session = InfoSession.objects.get(university="Technical University of Munich")

    assert session.starts_at == dt.datetime(2027, 1, 20, 18, 0, tzinfo=BERLIN)
    assert session.starts_at == dt.datetime(2027, 1, 20, 17, 0, tzinfo=dt.UTC)
    assert session.ends_at == dt.datetime(2027, 1, 20, 20, 0, tzinfo=BERLIN)


def test_every_session_is_written_in_its_city_zone_at_a_sensible_local_time(seeded):
    seeded_sessions = {(session.university, session.starts_at): session for session in InfoSession.objects.all()}

    # And the monthly online one, three weeks ahead of the seeding day (test_a_session_is_always_ahead).
    assert len(seeded_sessions) == len(INFO_SESSIONS) + 1
    for spec in INFO_SESSIONS:
        zone = ZoneInfo(CITY_ZONES[spec["city"]])
        assert spec["time_zone"] == zone.key, spec["university"]
        assert spec["starts_at"].tzinfo.key == zone.key, spec["university"]
        session = seeded_sessions[spec["university"], spec["starts_at"]]
        assert session.time_zone == zone.key, spec["university"]
        starts, ends = session.starts_at.astimezone(zone), session.ends_at.astimezone(zone)
        # A talk on a weekday, over by the same evening, local time.
        assert starts.weekday() < 5, spec["university"]
        assert dt.time(9) <= starts.time() and ends.time() <= dt.time(21, 30), spec["university"]
        assert ends.date() == starts.date(), spec["university"]


def test_the_spring_tour_of_2027_and_a_session_always_ahead(seeded):
    from django.utils import timezone

    late_march = InfoSession.objects.filter(
        starts_at__gte=dt.datetime(2027, 3, 15, tzinfo=SHANGHAI),
        starts_at__lt=dt.datetime(2027, 4, 1, tzinfo=SHANGHAI),
    )
    assert {"Zhejiang University", "Peking University", "Tsinghua University", "Shanghai Jiao Tong University"} <= set(
        late_march.values_list("university_en", flat=True)
    )
    assert InfoSession.objects.filter(city_en="Sunnyvale", time_zone="America/Los_Angeles").exists()
    assert InfoSession.objects.exclude(online_url="").exists()
    ahead = InfoSession.objects.filter(starts_at__gt=timezone.now() + dt.timedelta(days=14))
    assert ahead.filter(university_en="Monthly online Q&A").exists()


def test_demo_registrations_fill_a_session_and_its_waitlist(seeded):
    from infosessions.models import Registration

    demo_candidate = User.objects.get(email="candidate@demo.example")
    assert Registration.objects.filter(user=demo_candidate, state="registered").count() >= 2
    tsinghua = InfoSession.objects.get(university_en="Tsinghua University", capacity=3)
    assert Registration.objects.filter(session=tsinghua, state="registered").count() == 3
    assert Registration.objects.filter(session=tsinghua, state="waitlisted").exists()


# --- seed_demo: accounts -------------------------------------------------------


def test_demo_candidate_can_sign_in(seeded, client):
    response = client.post("/accounts/login/", {"login": "candidate@demo.example", "password": "demo-candidate-2027"})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(email="candidate@demo.example").pk)


@pytest.mark.parametrize(
    ("email", "password"),
    [("admin@demo.example", "demo-admin-2027"), ("recruiter@demo.example", "demo-recruiter-2027")],
)
def test_demo_staff_can_sign_in(seeded, client, email, password):
    assert client.login(email=email, password=password)


def test_demo_accounts_have_verified_primary_addresses(seeded):
    for user in User.objects.all():
        assert EmailAddress.objects.filter(user=user, email=user.email, verified=True, primary=True).exists()
        assert user.name


def test_demo_admin_is_a_superuser_and_the_recruiter_recruits_for_alibaba_cloud(seeded):
    admin = User.objects.get(email="admin@demo.example")
    assert admin.is_staff and admin.is_superuser
    recruiter = User.objects.get(email="recruiter@demo.example")
    assert not recruiter.is_staff
    membership = recruiter.unit_memberships.get()
    assert (membership.unit.name, membership.role) == ("Alibaba Cloud", "recruiter")
    candidate = User.objects.get(email="candidate@demo.example")
    assert not candidate.is_staff and not candidate.unit_memberships.exists()


def test_seed_demo_resets_a_changed_demo_password(seeded, client):
    candidate = User.objects.get(email="candidate@demo.example")
    candidate.set_password("something-else-entirely")
    candidate.save()

    run("seed_demo", *FEW_CANDIDATES)

    assert client.login(email="candidate@demo.example", password="demo-candidate-2027")
