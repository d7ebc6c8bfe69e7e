"""The unit's pipeline version and the pages kept under it: every write a page shows changes the version of the
units it concerns (and only theirs), and a kept page is never stale, never another user's, and carries the
request's own CSRF token and messages."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from applicants import services
from applicants.models import Application, Interview
from applicants.pipeline_version import pipeline_version
from applicants.workflow import Mover
from postings.models import UnitMembership
from tests.factories import BusinessUnitFactory, PostingFactory, SkillFactory, UserFactory
from tests.workspace.pipeline_data import applicant

pytestmark = pytest.mark.django_db

S = Application.Status


@pytest.fixture
def posting(unit_a):
    return PostingFactory(unit=unit_a, title="Agent Engineer Intern")


@pytest.fixture
def posting_b(unit_b):
    return PostingFactory(unit=unit_b, title="Map Engineer Intern")


def versions(*units) -> list[int]:
    return [pipeline_version(unit.pk) for unit in units]


def changed(before: list[int], units) -> list[bool]:
    return [a != b for a, b in zip(before, versions(*units), strict=True)]


# --- The version ---------------------------------------------------------------------------------------------


def test_a_new_application_a_move_and_a_deletion_change_their_units_version_only(posting, posting_b):
    units = (posting.unit, posting_b.unit)
    before = versions(*units)
    application = applicant(posting)
    assert changed(before, units) == [True, False]
    before = versions(*units)
    Application.objects.filter(pk=application.pk).update(status=S.SCREENING)
    assert changed(before, units) == [True, False]
    before = versions(*units)
    application.delete()
    assert changed(before, units) == [True, False]


def test_a_bulk_write_of_many_applications_over_two_units_changes_both(posting, posting_b, unit_a):
    other = BusinessUnitFactory(name="Taobao", slug="taobao")
    units = (posting.unit, posting_b.unit, other)
    candidates = UserFactory.create_batch(5)
    before = versions(*units)
    Application.objects.bulk_create(
        Application(candidate=candidate, posting=posting if index < 3 else posting_b, rank=1, status=S.SUBMITTED)
        for index, candidate in enumerate(candidates)
    )
    assert changed(before, units) == [True, True, False]
    before = versions(*units)
    Application.objects.all().update(status=S.SCREENING)
    assert changed(before, units) == [True, True, False]


def test_a_postings_change_changes_its_units_version(posting, posting_b):
    units = (posting.unit, posting_b.unit)
    before = versions(*units)
    posting.title_en = "Agent Platform Engineer Intern"
    posting.save()
    assert changed(before, units) == [True, False]


def test_an_applicants_school_skills_and_name_change_the_versions_of_the_units_they_applied_to(posting, posting_b):
    units = (posting.unit, posting_b.unit)
    application = applicant(posting)
    profile = application.candidate.candidate_profile
    before = versions(*units)
    profile.school = "Fudan University"
    profile.save()
    assert changed(before, units) == [True, False]
    rust = SkillFactory(name="Rust")
    before = versions(*units)
    profile.skills.add(rust)
    assert changed(before, units) == [True, False]
    before = versions(*units)
    application.candidate.name = "Wang Fang"
    application.candidate.save()
    assert changed(before, units) == [True, False]


def test_signing_in_changes_no_units_version(posting):
    application = applicant(posting)
    before = versions(posting.unit)
    type(application.candidate).objects.filter(pk=application.candidate_id).update(last_login=timezone.now())
    assert changed(before, [posting.unit]) == [False]


def test_an_interview_changes_its_units_version(posting, posting_b):
    units = (posting.unit, posting_b.unit)
    application = applicant(posting, status=S.INTERVIEW)
    before = versions(*units)
    Interview.objects.create(
        application=application, starts_at=timezone.now() + dt.timedelta(days=2), time_zone="Asia/Shanghai"
    )
    assert changed(before, units) == [True, False]


def test_a_renamed_skill_changes_every_units_version(posting, posting_b):
    units = (posting.unit, posting_b.unit)
    skill = SkillFactory(name="Go")
    before = versions(*units)
    skill.name_en = "Golang"
    skill.save()
    assert changed(before, units) == [True, True]


# --- The pages kept under it --------------------------------------------------------------------------------


def list_page(client, unit, query="") -> str:
    response = client.get(reverse("workspace:applicant_list", args=[unit.slug]) + query)
    assert response.status_code == 200
    return response.content.decode()


def board_page(client, posting) -> str:
    response = client.get(reverse("workspace:posting_board", args=[posting.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_list_and_the_board_show_a_move_made_after_they_were_kept(client, recruiter_a, posting):
    application = applicant(posting, name="Li Lei")
    client.force_login(recruiter_a)
    assert "status--submitted" in list_page(client, posting.unit)
    board_page(client, posting)
    services.application_move(application=application, target=S.SCREENING, actor=recruiter_a, by=Mover.RECRUITER)
    assert "status--screening" in list_page(client, posting.unit)
    assert re.search(r'data-stage="screening"[\s\S]*Li Lei', board_page(client, posting))


def test_the_list_shows_a_school_changed_after_it_was_kept(client, recruiter_a, posting):
    application = applicant(posting, school="Zhejiang University")
    client.force_login(recruiter_a)
    assert "Zhejiang University" in list_page(client, posting.unit)
    profile = application.candidate.candidate_profile
    profile.school = "Fudan University"
    profile.save()
    html = list_page(client, posting.unit)
    assert "Fudan University" in html
    assert "Zhejiang University" not in html


def test_the_board_shows_a_new_application(client, recruiter_a, posting):
    client.force_login(recruiter_a)
    assert "Han Meimei" not in board_page(client, posting)
    applicant(posting, name="Han Meimei")
    assert "Han Meimei" in board_page(client, posting)


def test_each_user_gets_their_own_page(client, recruiter_a, admin_user, posting):
    applicant(posting)
    client.force_login(admin_user)
    admin_html = list_page(client, posting.unit)
    client.force_login(recruiter_a)
    recruiter_html = list_page(client, posting.unit)
    approvals = reverse("workspace:approvals")
    assert approvals in admin_html
    assert approvals not in recruiter_html


def test_a_recruiter_who_left_the_unit_gets_404_though_their_page_was_kept(client, recruiter_a, posting):
    applicant(posting)
    client.force_login(recruiter_a)
    list_page(client, posting.unit)
    UnitMembership.objects.filter(user=recruiter_a).delete()
    response = client.get(reverse("workspace:applicant_list", args=[posting.unit.slug]))
    assert response.status_code == 404


def test_a_kept_page_carries_the_requests_own_csrf_token_and_its_form_works(client, recruiter_a, posting):
    application = applicant(posting)
    url = reverse("workspace:applicant_list", args=[posting.unit.slug])
    client.force_login(recruiter_a)
    client.get(url)  # kept
    client.handler.enforce_csrf_checks = True
    html = client.get(url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
    response = client.post(
        reverse("workspace:applicant_bulk", args=[posting.unit.slug]),
        {"csrfmiddlewaretoken": token, "action": "move", "target": S.SCREENING, "ids": [application.pk], "next": url},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.SCREENING
    # The message of the move is the request's, on the page kept before it.
    assert "1 applicant moved" in client.get(url).content.decode()


def test_days_in_stage_grow_on_a_kept_page(client, recruiter_a, posting, monkeypatch):
    now = timezone.now()
    applicant(posting, name="Li Lei", days=0)
    from applicants.models import Application as App

    App.objects.update(stage_entered_at=now - dt.timedelta(days=1) + dt.timedelta(minutes=1))
    client.force_login(recruiter_a)
    assert ">0 days<" in list_page(client, posting.unit)
    assert list_page(client, posting.unit, "?days=1").count("Li Lei") == 0
    later = now + dt.timedelta(minutes=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert ">1 day<" in list_page(client, posting.unit)
    assert "Li Lei" in list_page(client, posting.unit, "?days=1")


def dashboard_page(client, unit) -> str:
    response = client.get(reverse("workspace:unit_dashboard", args=[unit.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_dashboard_shows_an_application_and_an_interview_made_after_it_was_kept(client, recruiter_a, posting):
    client.force_login(recruiter_a)
    dashboard_page(client, posting.unit)
    dashboard_page(client, posting.unit)  # the visit recorded, the page kept
    application = applicant(posting, name="Li Lei", status=S.INTERVIEW)
    assert "Li Lei" in dashboard_page(client, posting.unit)
    starts = timezone.now() + dt.timedelta(minutes=30)
    Interview.objects.create(application=application, starts_at=starts, time_zone="Asia/Shanghai")
    assert re.search(r"interview[\s\S]*Li Lei", dashboard_page(client, posting.unit), re.IGNORECASE)


def test_the_dashboard_holds_until_the_week_ends_or_a_waiting_application_gets_a_day_older():
    from applicants.figures import Dashboard, Since

    now = timezone.now()
    week_end = now + dt.timedelta(days=3)
    board = Dashboard(since=Since(now, last_visit=True), reviews=True, week=(now - dt.timedelta(days=4), week_end))
    assert board.changes_at(now) == week_end
    waiting = Application(stage_entered_at=now - dt.timedelta(days=2, hours=23))
    board.waiting = [waiting]
    assert board.changes_at(now) == waiting.stage_entered_at + dt.timedelta(days=3)
    board.new_window_moves = now + dt.timedelta(minutes=5)
    assert board.changes_at(now) == now + dt.timedelta(minutes=5)


def test_without_a_last_visit_new_applications_leave_the_dashboard_after_a_week(
    client, admin_user, posting, monkeypatch
):
    applicant(posting, name="Li Lei")
    client.force_login(admin_user)  # an admin has no membership, so no last visit: "new" is the last week's
    assert "Li Lei" in dashboard_page(client, posting.unit)
    later = timezone.now() + dt.timedelta(days=7, minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    html = dashboard_page(client, posting.unit)
    new_section = re.search(r'id="new-title"[\s\S]*?</section>', html)
    assert new_section is None or "Li Lei" not in new_section[0]
