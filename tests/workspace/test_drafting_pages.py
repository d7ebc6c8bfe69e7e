"""What the drafting pages show, and that each runs a fixed number of queries whatever the data; the admins-only
page and the site's 403 page."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from applicants.models import Application
from postings import drafting
from postings.models import Competency, Posting, PostingStatusChange
from postings.publishing import posting_approve, posting_return, posting_submit
from tests.factories import (
    ApplicationFactory,
    LocationFactory,
    PostingFactory,
    SkillFactory,
    UnitMembershipFactory,
    UserFactory,
)
from tests.workspace import test_drafting_flow as flow

pytestmark = pytest.mark.django_db
# The flow's fixtures: English catalogue text, a program, a category, a city, a draft of unit A (by Rita), the
# same submitted.
english, program, category, hangzhou = flow.english, flow.program, flow.category, flow.hangzhou
draft, submitted = flow.draft, flow.submitted
S = Posting.Status


def queries(client, url) -> int:
    """The queries of a request to `url`, once the first request of the session has filled what it caches."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


# --- The unit's postings ------------------------------------------------------------------------


@pytest.fixture
def season(unit_a, program, category, hangzhou, recruiter_a, admin_user):
    """Unit A's postings in every state: a draft, a returned one, one waiting, one scheduled, one published
    with applicants (one of them queued, unseen by the unit; one ended), one closed."""
    now = timezone.now()
    made = {}
    for name, status, published in (
        ("Draft Intern", S.DRAFT, None),
        ("Returned Intern", S.DRAFT, None),
        ("Waiting Intern", S.SUBMITTED, None),
        ("Scheduled Intern", S.PUBLISHED, now + dt.timedelta(days=2)),
        ("Live Intern", S.PUBLISHED, now - dt.timedelta(days=2)),
        ("Closed Intern", S.CLOSED, now - dt.timedelta(days=9)),
    ):
        made[name] = PostingFactory(
            unit=unit_a, program=program, category=category, title=name, status=status, published_at=published
        )
    PostingStatusChange.objects.create(
        posting=made["Returned Intern"], actor=admin_user, from_status=S.SUBMITTED, to_status=S.DRAFT
    )
    live = made["Live Intern"]
    for status in ("submitted", "interview", "rejected", "queued"):
        ApplicationFactory(posting=live, status=status)
    return made


def test_the_list_shows_every_posting_with_its_state_and_applicants(client, recruiter_a, season):
    client.force_login(recruiter_a)
    response = client.get("/recruit/units/alibaba-cloud/postings/")
    html = response.text
    for title in season:
        assert title in html
    rows = {posting.title: posting for posting in response.context["page"].object_list}
    live = rows["Live Intern"]
    assert (live.applicants, live.under_way) == (3, 2)
    assert rows["Returned Intern"].was_returned and not rows["Draft Intern"].was_returned
    tabs = {value: count for value, _label, count in response.context["tabs"]}
    assert tabs == {"": 6, "draft": 2, "submitted": 1, "scheduled": 1, "published": 1, "closed": 1}
    assert 'href="/recruit/units/alibaba-cloud/postings/new/"' in html


@pytest.mark.parametrize(
    ("state", "titles"),
    [
        ("draft", {"Draft Intern", "Returned Intern"}),
        ("submitted", {"Waiting Intern"}),
        ("scheduled", {"Scheduled Intern"}),
        ("published", {"Live Intern"}),
        ("closed", {"Closed Intern"}),
        (
            "nonsense",
            {"Draft Intern", "Returned Intern", "Waiting Intern", "Scheduled Intern", "Live Intern", "Closed Intern"},
        ),
    ],
)
def test_the_list_filters_by_state(client, recruiter_a, season, state, titles):
    client.force_login(recruiter_a)
    response = client.get(f"/recruit/units/alibaba-cloud/postings/?state={state}&page=abc")
    assert {posting.title for posting in response.context["page"].object_list} == titles


def test_a_posting_past_its_closing_date_counts_as_closed_before_the_job_runs(client, recruiter_a, season):
    Posting.objects.filter(title="Live Intern").update(closes_at=timezone.now() - dt.timedelta(minutes=1))
    client.force_login(recruiter_a)
    response = client.get("/recruit/units/alibaba-cloud/postings/?state=closed")
    assert {posting.title for posting in response.context["page"].object_list} == {"Closed Intern", "Live Intern"}


def test_a_viewer_sees_the_list_but_no_new_posting_button(client, unit_a, season):
    viewer = UnitMembershipFactory(unit=unit_a, role="viewer").user
    client.force_login(viewer)
    html = client.get("/recruit/units/alibaba-cloud/postings/").text
    assert "Live Intern" in html
    assert "/postings/new/" not in html


def test_the_ended_statuses_are_the_applications_terminal_ones():
    assert set(drafting.ENDED) == set(Application.TERMINAL)
    assert set(drafting.HIDDEN_FROM_UNIT) == {Application.Status.QUEUED}


def test_the_list_runs_a_fixed_number_of_queries(client, recruiter_a, unit_a, program, category, season):
    client.force_login(recruiter_a)
    url = "/recruit/units/alibaba-cloud/postings/"
    few = queries(client, url)
    for number in range(20):
        posting = PostingFactory(unit=unit_a, program=program, category=category, title=f"More Intern {number}")
        ApplicationFactory.create_batch(2, posting=posting)
        PostingStatusChange.objects.create(posting=posting, to_status=S.DRAFT)
    assert queries(client, url) == few
    assert queries(client, url + "?state=published") == few


# --- The draft form ---------------------------------------------------------------------------------


def test_the_draft_form_runs_a_fixed_number_of_queries(client, recruiter_a, draft):
    client.force_login(recruiter_a)
    url = f"/recruit/postings/{draft.pk}/edit/"
    few = queries(client, url)
    for number in range(15):
        SkillFactory(name=f"Skill {number}")
        LocationFactory(name=f"City {number}")
        Competency.objects.create(posting=draft, name=f"Competency {number}", position=number)
    assert queries(client, url) == few
    assert queries(client, f"/recruit/units/{draft.unit.slug}/postings/new/") <= few


def test_the_new_posting_form_starts_with_every_degree_level_and_an_open_program(client, recruiter_a, program):
    client.force_login(recruiter_a)
    form = client.get("/recruit/units/alibaba-cloud/postings/new/").context["form"]
    assert form["degree_levels"].value() == ["bachelor", "master", "doctorate"]
    assert form["program"].value() == program.pk


def test_the_draft_form_offers_no_closed_program_but_the_drafts_own(client, recruiter_a, draft, program):
    from tests.factories import ProgramFactory

    past = ProgramFactory(
        slug="2026-internship",
        name="2026 Internship",
        applications_open=timezone.now() - dt.timedelta(days=400),
        applications_close=timezone.now() - dt.timedelta(days=30),
    )
    client.force_login(recruiter_a)
    choices = list(client.get(f"/recruit/postings/{draft.pk}/edit/").context["form"].fields["program"].queryset)
    assert choices == [program]
    Posting.objects.filter(pk=draft.pk).update(program=past)
    choices = set(client.get(f"/recruit/postings/{draft.pk}/edit/").context["form"].fields["program"].queryset)
    assert choices == {program, past}


# --- A posting's page -------------------------------------------------------------------------------


def test_the_posting_page_shows_its_history_with_who_when_and_the_comment(client, recruiter_a, admin_user, submitted):
    posting_return(posting=submitted, actor=admin_user, comment="Name the team <b>please</b>.")
    client.force_login(recruiter_a)
    html = client.get(f"/recruit/postings/{submitted.pk}/").text
    for words in (
        "Draft created",
        "Submitted for approval",
        "Returned to the unit",
        "by Rita Recruiter",
        "by Ada Admin",
    ):
        assert words in html
    assert "Name the team &lt;b&gt;please&lt;/b&gt;." in html
    assert "Waiting for approval → Draft" in html
    assert "Edit the draft" in html and "Submit for approval" in html


def test_the_posting_page_offers_each_person_their_actions(client, recruiter_a, admin_user, submitted):
    url = f"/recruit/postings/{submitted.pk}/"
    client.force_login(recruiter_a)
    html = client.get(url).text
    assert "Waiting for an admin's approval" in html
    assert "/approve/" not in html and "/edit/" not in html
    client.force_login(admin_user)
    html = client.get(url).text
    assert f'action="{url}approve/"' in html and f'action="{url}return/"' in html
    assert "/close/" not in html
    posting_approve(posting=submitted, actor=admin_user)
    html = client.get(url).text
    assert f'action="{url}close/"' in html
    assert f'href="/jobs/{submitted.pk}/"' in html


def test_the_posting_page_says_what_the_chinese_text_still_lacks(client, recruiter_a, draft):
    Posting.objects.filter(pk=draft.pk).update(description_zh_hans="", requirements_zh_hans="")
    client.force_login(recruiter_a)
    html = client.get(f"/recruit/postings/{draft.pk}/").text
    assert "Not written in Chinese yet: the description, the requirements." in html


def test_the_posting_page_runs_a_fixed_number_of_queries(client, recruiter_a, admin_user, draft, recruiter_b):
    client.force_login(admin_user)
    url = f"/recruit/postings/{draft.pk}/"
    few = queries(client, url)
    for _round in range(5):
        posting_submit(posting=draft, actor=recruiter_a)
        posting_return(posting=draft, actor=admin_user, comment="Again.")
    for number in range(10):
        draft.skills.add(SkillFactory(name=f"Skill {number}"))
        draft.locations.add(LocationFactory(name=f"City {number}"))
        Competency.objects.create(posting=draft, name=f"Competency {number}", position=number)
    assert queries(client, url) == few
    posting_submit(posting=draft, actor=recruiter_a)
    assert queries(client, url) <= few + 1  # the approval form's program is already loaded


# --- Approvals ---------------------------------------------------------------------------------------


def test_the_approvals_list_the_waiting_postings_oldest_first_with_who_and_when(
    client, admin_user, unit_a, unit_b, program, category, recruiter_a, recruiter_b
):
    now = timezone.now()
    for title, unit, person, days in (
        ("Newest Intern", unit_a, recruiter_a, 1),
        ("Oldest Intern", unit_b, recruiter_b, 5),
        ("Middle Intern", unit_a, recruiter_a, 3),
    ):
        posting = PostingFactory(unit=unit, program=program, category=category, title=title, status=S.SUBMITTED)
        change = PostingStatusChange.objects.create(
            posting=posting, actor=person, from_status=S.DRAFT, to_status=S.SUBMITTED
        )
        PostingStatusChange.objects.filter(pk=change.pk).update(created_at=now - dt.timedelta(days=days))
    PostingFactory(unit=unit_a, title="Live Intern")
    scheduled = PostingFactory(unit=unit_b, title="Later Intern", published_at=now + dt.timedelta(days=1))
    client.force_login(admin_user)
    response = client.get("/recruit/approvals/")
    waiting = [(p.title, p.submitter_name) for p in response.context["page"].object_list]
    assert waiting == [
        ("Oldest Intern", "Ron Recruiter"),
        ("Middle Intern", "Rita Recruiter"),
        ("Newest Intern", "Rita Recruiter"),
    ]
    assert list(response.context["scheduled"]) == [scheduled]
    assert "Live Intern" not in response.text
    assert "5 days ago" in response.text.replace("\xa0", " ")


def test_the_approvals_run_a_fixed_number_of_queries(client, admin_user, unit_a, program, category, recruiter_a):
    def add(number):
        posting = PostingFactory(unit=unit_a, program=program, category=category, status=S.SUBMITTED)
        PostingStatusChange.objects.create(posting=posting, actor=recruiter_a, to_status=S.SUBMITTED)
        PostingFactory(unit=unit_a, published_at=timezone.now() + dt.timedelta(days=number + 1))

    client.force_login(admin_user)
    add(0)
    few = queries(client, "/recruit/approvals/")
    for number in range(1, 30):
        add(number)
    assert queries(client, "/recruit/approvals/") == few


# --- Admins only, and the site's 403 -----------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/admin/", "/admin/login/", "/admin/postings/posting/", "/admin/postings/unitmembership/1/change/"]
)
def test_a_recruiter_opening_the_admin_gets_the_sites_page_saying_it_is_for_admins(client, recruiter_a, path):
    client.force_login(recruiter_a)
    response = client.get(path)
    assert response.status_code == 403
    assert response["Content-Type"] == "text/html; charset=utf-8"
    html = response.text
    assert 'href="/static/css/site.css"' in html
    assert "The administration is for the portal's admins" in html
    assert 'href="/recruit/"' in html
    assert "Rita Recruiter" in html


def test_a_candidate_opening_the_admin_is_sent_back_to_their_applications(client, candidate):
    client.force_login(candidate)
    response = client.get("/admin/")
    assert response.status_code == 403
    assert 'href="/me/"' in response.text
    assert 'href="/recruit/"' not in response.text


def test_a_chinese_recruiter_reads_the_admins_only_page_in_chinese(client, recruiter_a):
    recruiter_a.set_language("zh-hans")
    client.force_login(recruiter_a)
    html = client.get("/admin/").text
    assert '<html lang="zh-Hans">' in html
    assert "管理后台" in html


def test_a_visitor_is_still_sent_to_sign_in_and_staff_still_reach_the_admin(client, admin_user):
    response = client.get("/admin/")
    assert response.status_code == 302
    client.force_login(admin_user)
    assert client.get("/admin/").status_code == 200


def test_a_refused_staff_member_gets_the_sites_403_page(client, unit_a):
    staff = UserFactory(email="sam@example.com", is_staff=True)
    client.force_login(staff)
    response = client.get("/admin/postings/unitmembership/add/")
    assert response.status_code == 403
    assert 'href="/static/css/site.css"' in response.text
    assert "You may not open this page" in response.text
