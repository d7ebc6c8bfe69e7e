"""The workspace's sessions: who sees and manages which, the session form, registrations, check-in by code."""

import datetime as dt

import pytest
from django.utils import timezone

from infosessions.models import Registration
from infosessions.services import registration_create
from postings.models import InfoSession, UnitMembership
from tests.factories import ProgramFactory, UnitMembershipFactory
from tests.infosessions.conftest import make_session, person

pytestmark = pytest.mark.django_db
State = Registration.State


@pytest.fixture
def viewer_a(unit_a):
    return UnitMembershipFactory(unit=unit_a, role=UnitMembership.Role.VIEWER, user__email="val@example.com").user


def sign_in(client, who):
    if who is not None:
        client.force_login(who)
    return client


# --- Who sees what ----------------------------------------------------------------------

PAGES = ["/recruit/sessions/{pk}/", "/recruit/sessions/{pk}/edit/"]


@pytest.mark.parametrize(
    ("persona", "list_status", "detail_status", "edit_status"),
    [
        ("visitor", 302, 302, 302),
        ("candidate", 404, 404, 404),
        ("recruiter_a", 200, 200, 200),
        ("viewer_a", 200, 200, 404),
        ("recruiter_b", 200, 404, 404),
        ("admin_user", 200, 200, 200),
    ],
)
def test_the_access_matrix(request, client, session, persona, list_status, detail_status, edit_status):
    who = None if persona == "visitor" else request.getfixturevalue(persona)
    sign_in(client, who)
    assert client.get("/recruit/sessions/").status_code == list_status
    assert client.get(f"/recruit/sessions/{session.pk}/").status_code == detail_status
    assert client.get(f"/recruit/sessions/{session.pk}/edit/").status_code == edit_status


def test_a_recruiter_of_another_unit_cannot_check_in_or_cancel(client, session, recruiter_b):
    registration = registration_create(user=person(1), session=session)
    client.force_login(recruiter_b)
    assert (
        client.post(f"/recruit/sessions/{session.pk}/check-in/", {"code": registration.check_in_code}).status_code
        == 404
    )
    assert client.post(f"/recruit/sessions/{session.pk}/cancel/").status_code == 404
    registration.refresh_from_db()
    session.refresh_from_db()
    assert registration.state == State.REGISTERED and session.status == "scheduled"


def test_the_list_shows_only_the_units_sessions_with_their_counts(client, session, unit_b, recruiter_a):
    make_session(units=[unit_b], university="Other Unit University")
    people = [person(n) for n in range(3)]
    for p in people:
        registration_create(user=p, session=session)
    client.force_login(recruiter_a)
    page = client.get("/recruit/sessions/").text
    assert "Other Unit University" not in page
    assert 'data-label="Registered">2<' in page
    assert 'data-label="Waitlist">1<' in page
    assert 'aria-current="page">Sessions<' in page


def test_the_workspace_navigation_has_sessions(client, recruiter_a, unit_a):
    client.force_login(recruiter_a)
    assert 'href="/recruit/sessions/"' in client.get(f"/recruit/units/{unit_a.slug}/").text


def test_the_list_runs_a_fixed_number_of_queries(client, recruiter_a, unit_a, django_assert_max_num_queries):
    client.force_login(recruiter_a)
    make_session(units=[unit_a])
    with django_assert_max_num_queries(12) as few:
        client.get("/recruit/sessions/")
    for day in range(-5, 10):
        session = make_session(units=[unit_a], days=day, capacity=1)
        if day > 0:
            registration_create(user=person(day), session=session)
            registration_create(user=person(100 + day), session=session)
    with django_assert_max_num_queries(len(few)):
        assert client.get("/recruit/sessions/").status_code == 200


def test_the_registrations_page_names_people_by_state(client, session, recruiter_a):
    names = []
    for n in range(3):
        registration_create(user=person(n), session=session)
        names.append(f"Student {n}")
    client.force_login(recruiter_a)
    page = client.get(f"/recruit/sessions/{session.pk}/").text
    page = page[page.index('id="people-title"') :]
    for name in names:
        assert name in page
    assert page.index("Student 0") < page.index("<h3>Waitlist</h3>") < page.index("Student 2")


# --- Creating and changing a session ---------------------------------------------------


def form_data(unit, **changes):
    data = {
        "program": ProgramFactory().pk,
        "university_en": "Zhejiang University",
        "university_zh_hans": "浙江大学",
        "city_en": "Hangzhou",
        "city_zh_hans": "杭州",
        "venue_en": "Zijingang Campus",
        "venue_zh_hans": "",
        "summary_en": "The spring session.",
        "summary_zh_hans": "",
        "date": "2027-03-24",
        "time": "19:00",
        "time_zone": "Asia/Shanghai",
        "duration_minutes": "90",
        "capacity": "150",
        "online_url": "",
        "units": [unit.pk],
    }
    data.update(changes)
    return data


def test_a_recruiter_creates_a_session_in_its_zone(client, recruiter_a, unit_a):
    client.force_login(recruiter_a)
    data = form_data(unit_a, time_zone="America/Los_Angeles", city_en="Sunnyvale", date="2027-03-23", time="18:00")
    response = client.post("/recruit/sessions/new/", data)
    session = InfoSession.objects.get()
    assert response.status_code == 302 and response.url == f"/recruit/sessions/{session.pk}/"
    assert session.starts_at == dt.datetime(2027, 3, 24, 1, 0, tzinfo=dt.UTC)
    assert session.duration == dt.timedelta(minutes=90)
    assert session.time_zone == "America/Los_Angeles"
    assert session.capacity == 150 and list(session.units.all()) == [unit_a]
    assert session.university_zh_hans == "浙江大学"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"capacity": "0"}, "capacity", "greater than or equal to 1"),
        ({"capacity": "-4"}, "capacity", "greater than or equal to 1"),
        ({"capacity": "many"}, "capacity", "Enter a whole number"),
        ({"capacity": "9" * 30}, "capacity", "less than or equal to"),
        ({"time_zone": "Mars/Olympus"}, "time_zone", "Choose a time zone from the list"),
        ({"time_zone": "\x00"}, "time_zone", ""),
        ({"date": "2020-01-01"}, "date", "This time has passed"),
        ({"date": "31/12/2027"}, "date", "Enter a date such as"),
        ({"time": "25:00"}, "time", "Enter a time such as"),
        # The clocks in Los Angeles skip 02:00-03:00 on 14 March 2027.
        ({"date": "2027-03-14", "time": "02:30", "time_zone": "America/Los_Angeles"}, "time", "does not exist"),
        ({"duration_minutes": "5"}, "duration_minutes", "greater than or equal to 15"),
        ({"duration_minutes": "100000"}, "duration_minutes", "less than or equal to"),
        ({"online_url": "javascript:alert(1)"}, "online_url", "Enter the whole address"),
        ({"online_url": "ftp://example.com/x"}, "online_url", "Enter the whole address"),
        ({"university_en": ""}, "university_en", "This field is required"),
        ({"university_en": "x" * 500}, "university_en", "at most 200"),
        ({"units": []}, "units", "Choose at least one unit."),
        ({"units": ["99999999999999999999999"]}, "units", "Choose among the units you work in."),
        ({"units": ["abc"]}, "units", ""),
        ({"program": "99999999999999999999999"}, "program", "Select a valid choice"),
        ({"program": "abc"}, "program", "Select a valid choice"),
    ],
)
def test_odd_input_on_the_session_form_is_refused_with_a_message(client, recruiter_a, unit_a, changes, field, message):
    client.force_login(recruiter_a)
    response = client.post("/recruit/sessions/new/", form_data(unit_a, **changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert message in " ".join(response.context["form"].errors[field])
    assert not InfoSession.objects.exists()


def test_a_recruiter_cannot_put_another_unit_on_a_session(client, recruiter_a, unit_a, unit_b):
    client.force_login(recruiter_a)
    response = client.post("/recruit/sessions/new/", form_data(unit_a, units=[unit_b.pk]))
    assert "units" in response.context["form"].errors
    assert not InfoSession.objects.exists()


def test_a_viewer_cannot_create_sessions(client, viewer_a, unit_a):
    client.force_login(viewer_a)
    assert client.get("/recruit/sessions/new/").status_code == 404
    assert client.post("/recruit/sessions/new/", form_data(unit_a)).status_code == 404
    assert not InfoSession.objects.exists()


def test_editing_keeps_units_the_recruiter_does_not_manage(client, recruiter_a, unit_a, unit_b):
    session = make_session(units=[unit_a, unit_b])
    client.force_login(recruiter_a)
    data = form_data(unit_a, capacity="10")
    assert client.post(f"/recruit/sessions/{session.pk}/edit/", data).status_code == 302
    session.refresh_from_db()
    assert session.capacity == 10
    assert set(session.units.all()) == {unit_a, unit_b}


def test_seats_cannot_drop_below_the_people_holding_one(client, recruiter_a, session):
    for n in range(2):
        registration_create(user=person(n), session=session)
    client.force_login(recruiter_a)
    start = session.starts_at.astimezone(dt.UTC)
    response = client.post(
        f"/recruit/sessions/{session.pk}/edit/",
        form_data(session.units.get(), capacity="1", date=f"{start:%Y-%m-%d}", time=f"{start:%H:%M}", time_zone="UTC"),
    )
    assert "2 people hold a seat already" in " ".join(response.context["form"].errors["capacity"])


def test_more_seats_promote_the_people_waiting(client, recruiter_a, session):
    people = [person(n) for n in range(3)]
    for p in people:
        registration_create(user=p, session=session)
    client.force_login(recruiter_a)
    start = session.starts_at.astimezone(dt.UTC)
    data = form_data(
        session.units.get(), capacity="3", date=f"{start:%Y-%m-%d}", time=f"{start:%H:%M}", time_zone="UTC"
    )
    assert client.post(f"/recruit/sessions/{session.pk}/edit/", data).status_code == 302
    assert Registration.objects.get(user=people[2]).state == State.REGISTERED


def test_cancelling_a_session_tells_the_people_registered(client, recruiter_a, session):
    registration_create(user=person(1), session=session)
    client.force_login(recruiter_a)
    page = client.post(f"/recruit/sessions/{session.pk}/cancel/", follow=True).text
    assert "1 person was told" in page
    session.refresh_from_db()
    assert session.status == InfoSession.Status.CANCELLED


def test_a_past_session_cannot_be_cancelled(client, recruiter_a, unit_a):
    session = make_session(units=[unit_a], days=-3)
    client.force_login(recruiter_a)
    assert "can no longer be cancelled" in client.post(f"/recruit/sessions/{session.pk}/cancel/", follow=True).text
    session.refresh_from_db()
    assert session.status == InfoSession.Status.SCHEDULED


# --- Check-in at the door --------------------------------------------------------------


def test_checking_in_by_code(client, recruiter_a, session):
    registration = registration_create(user=person(1), session=session)
    client.force_login(recruiter_a)
    response = client.post(
        f"/recruit/sessions/{session.pk}/check-in/", {"code": registration.check_in_code_grouped.lower()}, follow=True
    )
    assert "Student 1 is checked in." in response.text
    registration.refresh_from_db()
    assert registration.state == State.ATTENDED


def test_a_reused_code_is_refused_with_a_message(client, recruiter_a, session):
    registration = registration_create(user=person(1), session=session)
    client.force_login(recruiter_a)
    client.post(f"/recruit/sessions/{session.pk}/check-in/", {"code": registration.check_in_code})
    attended_at = Registration.objects.get().attended_at
    response = client.post(f"/recruit/sessions/{session.pk}/check-in/", {"code": registration.check_in_code})
    assert response.status_code == 200
    assert "This code was already used" in response.text
    assert Registration.objects.get().attended_at == attended_at


@pytest.mark.parametrize("code", ["", "ACDEF-GHJKM", "nope", "\x00\x00", "A" * 1000, "' OR 1=1 --"])
def test_wrong_codes_are_refused_with_a_message(client, recruiter_a, session, code):
    registration_create(user=person(1), session=session)
    client.force_login(recruiter_a)
    response = client.post(f"/recruit/sessions/{session.pk}/check-in/", {"code": code})
    assert response.status_code == 200
    assert response.context["check_in_form"].errors["code"]
    assert not Registration.objects.filter(state=State.ATTENDED).exists()


def test_check_in_is_a_post(client, recruiter_a, session):
    client.force_login(recruiter_a)
    assert client.get(f"/recruit/sessions/{session.pk}/check-in/").status_code == 405


def test_attendance_shows_on_the_pool_profile(client, recruiter_a, session, unit_a):
    from applicants.models import POOL_CONSENT_VERSION
    from talentpool.models import PoolEntry
    from talentpool.services import entry_refresh
    from tests.factories import CandidateProfileFactory, ResumeFactory

    alice = person(1)
    CandidateProfileFactory(user=alice, pool_consent_version=POOL_CONSENT_VERSION, pool_consent_at=timezone.now())
    ResumeFactory(candidate=alice, text="Python agents.", text_status="done")
    entry_refresh(alice)
    entry = PoolEntry.objects.get(candidate=alice)
    registration = registration_create(user=alice, session=session)
    client.force_login(recruiter_a)
    client.post(f"/recruit/sessions/{session.pk}/check-in/", {"code": registration.check_in_code})
    page = client.get(f"/recruit/pool/candidates/{entry.pk}/").text
    assert "Attended 1 information session" in page
