"""The unit's applicant list: its filters, sort orders and pages, bulk moves and rejections, and who sees what."""

import datetime as dt
import re

import pytest
from django.db.models import F
from django.urls import reverse

from applicants.models import Application, PipelineVersion, StageChange
from applicants.workspace import pipeline
from postings.models import UnitMembership
from tests.factories import PostingFactory, RejectionReasonFactory, SkillFactory, UnitMembershipFactory, UserFactory
from tests.workspace.pipeline_data import applicant, without_tokens

pytestmark = pytest.mark.django_db

S = Application.Status


@pytest.fixture
def posting(unit_a):
    return PostingFactory(unit=unit_a, title="Agent Engineer Intern")


@pytest.fixture
def other_posting(unit_a):
    return PostingFactory(unit=unit_a, title="Console Engineer Intern")


def listed(client, unit, query="") -> str:
    response = client.get(reverse("workspace:applicant_list", args=[unit.slug]) + query)
    assert response.status_code == 200
    return response.content.decode()


def names(html) -> list[str]:
    """The applicants' names in the order of the table's rows."""
    found = re.findall(r'<th scope="row" data-label="[^"]*">(?:<a [^>]*>)?(?:<span lang="\w+">)?([^<]+)<', html)
    return [name.strip() for name in found]


# --- What it lists --------------------------------------------------------------------------------------------


def test_it_lists_the_units_applications_across_its_postings_and_no_others(
    client, recruiter_a, posting, other_posting, unit_b
):
    applicant(posting, name="Mei Chen")
    applicant(other_posting, name="Omar Haddad", status=S.INTERVIEW)
    applicant(PostingFactory(unit=unit_b), name="Other Unit Olga")
    applicant(posting, name="Waiting Wang", status=S.QUEUED)
    client.force_login(recruiter_a)
    html = listed(client, recruiter_a.unit_memberships.get().unit)
    assert sorted(names(html)) == ["Mei Chen", "Omar Haddad"]
    assert "Agent Engineer Intern" in html and "Console Engineer Intern" in html
    assert "1–2 of 2 applicants" in html


def test_a_row_shows_stage_school_degree_graduation_preference_source_days_score_and_date(
    client, recruiter_a, unit_a, posting
):
    applicant(
        posting,
        name="Mei Chen",
        status=S.ASSESSMENT,
        school="Fudan University",
        degree="bachelor",
        rank=2,
        source=Application.Source.TALENT_POOL,
        days=3,
        score=2.5,
    )
    client.force_login(recruiter_a)
    row = re.search(r"<tbody>(.*)</tbody>", listed(client, unit_a), re.S)[1]
    for text in (
        "Assessment",
        "Fudan University",
        "Bachelor&#x27;s",
        "June 2027",
        ">2<",
        "Invited from the talent pool",
    ):
        assert text in row
    assert "3 days" in row
    assert "2.5" in row


def test_blind_screening_hides_name_and_school_in_rows_too(client, recruiter_a, unit_a):
    posting = PostingFactory(unit=unit_a, blind_screening=True)
    hidden = applicant(posting, name="Mei Chen", school="Peking University", status=S.SCREENING)
    applicant(posting, name="Omar Haddad", school="Fudan University", status=S.INTERVIEW)
    client.force_login(recruiter_a)
    html = listed(client, unit_a)
    assert "Mei Chen" not in html and "Peking University" not in html
    assert f"Applicant {hidden.pk}" in html
    assert "Omar Haddad" in html and "Fudan University" in html


# --- Filters --------------------------------------------------------------------------------------------------


@pytest.fixture
def season(posting, other_posting):
    python, go = SkillFactory(name="Python"), SkillFactory(name="Go")
    return {
        "mei": applicant(
            posting,
            name="Mei Chen",
            status=S.SCREENING,
            school="Zhejiang University",
            degree="master",
            graduation=dt.date(2027, 6, 30),
            skills=[python],
            days=10,
            score=3.5,
        ),
        "omar": applicant(
            other_posting,
            name="Omar Haddad",
            status=S.INTERVIEW,
            school="Tsinghua University",
            degree="doctorate",
            graduation=dt.date(2027, 1, 15),
            rank=2,
            source=Application.Source.TALENT_POOL,
            skills=[go],
            days=2,
            score=2.0,
        ),
        "lin": applicant(
            posting,
            name="Lin Zhou",
            status=S.REJECTED,
            school="Zhejiang University of Technology",
            degree="bachelor",
            graduation=dt.date(2027, 6, 1),
            skills=[python, go],
            days=30,
        ),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("stage=screening", ["Mei Chen"]),
        ("stage=active", ["Mei Chen", "Omar Haddad"]),
        ("stage=rejected", ["Lin Zhou"]),
        ("school=zhejiang", ["Lin Zhou", "Mei Chen"]),
        ("school=TSINGHUA", ["Omar Haddad"]),
        ("degree=doctorate", ["Omar Haddad"]),
        ("graduation_month=2027-06", ["Lin Zhou", "Mei Chen"]),
        ("graduation_month=2027-01", ["Omar Haddad"]),
        ("skill=python", ["Lin Zhou", "Mei Chen"]),
        ("skill=go", ["Lin Zhou", "Omar Haddad"]),
        ("rank=2", ["Omar Haddad"]),
        ("source=talent_pool", ["Omar Haddad"]),
        ("days=5", ["Lin Zhou", "Mei Chen"]),
        ("days=20", ["Lin Zhou"]),
        ("days=0", ["Lin Zhou", "Mei Chen", "Omar Haddad"]),
        ("school=zhejiang&stage=active&skill=python", ["Mei Chen"]),
    ],
)
def test_each_filter_narrows_the_list(client, recruiter_a, unit_a, season, query, expected):
    client.force_login(recruiter_a)
    assert sorted(names(listed(client, unit_a, f"?{query}"))) == expected


def test_the_posting_filter_offers_and_accepts_only_the_units_postings(
    client, recruiter_a, unit_a, unit_b, season, other_posting
):
    foreign = PostingFactory(unit=unit_b, title="Map Agent Intern")
    client.force_login(recruiter_a)
    html = listed(client, unit_a, f"?posting={other_posting.pk}")
    assert names(html) == ["Omar Haddad"]
    assert "Map Agent Intern" not in html
    html = listed(client, unit_a, f"?posting={foreign.pk}")
    assert "Some filters could not be read and are left out" in html
    assert "Posting: Select a valid choice." in html


@pytest.mark.parametrize(
    "query",
    [
        "graduation_month=2027-13",
        "graduation_month=99999-01",
        "graduation_month=june",
        "rank=abc",
        "rank=0",
        "rank=99999999999999999999999",
        "days=-1",
        "days=1e9",
        "posting=abc",
        f"posting={2**63}",
        "skill=no-such-skill",
        "degree=wizard",
        "source=nowhere",
        "school=" + "x" * 300,
        "school=a%00b",
    ],
)
def test_a_filter_that_cannot_be_read_is_an_error_on_the_page_and_the_others_still_apply(
    client, recruiter_a, unit_a, season, query
):
    client.force_login(recruiter_a)
    html = listed(client, unit_a, f"?{query}&stage=screening")
    assert "Some filters could not be read and are left out" in html
    assert names(html) == ["Mei Chen"]


def test_an_impossible_month_says_how_to_write_one(client, recruiter_a, unit_a, season):
    client.force_login(recruiter_a)
    html = listed(client, unit_a, "?graduation_month=2027-13")
    assert "Graduation month: Enter a month as year and month, for example 2027-06." in html
    assert 'aria-invalid="true"' in html


def test_the_school_filter_leaves_out_applications_whose_school_is_hidden(client, recruiter_a, unit_a):
    blind = PostingFactory(unit=unit_a, blind_screening=True)
    applicant(blind, name="Hidden Hu", school="Peking University", status=S.SCREENING)
    applicant(blind, name="Shown Shi", school="Peking University", status=S.INTERVIEW)
    client.force_login(recruiter_a)
    assert names(listed(client, unit_a, "?school=peking")) == ["Shown Shi"]


def test_repeated_parameters_take_the_last_value(client, recruiter_a, unit_a, season):
    client.force_login(recruiter_a)
    assert names(listed(client, unit_a, "?stage=interview&stage=screening&page=2&page=1")) == ["Mei Chen"]


# --- Sort orders and pages -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["Lin Zhou", "Mei Chen", "Omar Haddad"]),
        ("-name", ["Omar Haddad", "Mei Chen", "Lin Zhou"]),
        ("days", ["Omar Haddad", "Mei Chen", "Lin Zhou"]),
        ("-days", ["Lin Zhou", "Mei Chen", "Omar Haddad"]),
        ("score", ["Omar Haddad", "Mei Chen", "Lin Zhou"]),
        ("-score", ["Mei Chen", "Omar Haddad", "Lin Zhou"]),
        ("rank", ["Mei Chen", "Lin Zhou", "Omar Haddad"]),
        ("-rank", ["Omar Haddad", "Lin Zhou", "Mei Chen"]),
    ],
)
def test_the_list_sorts_by_the_column_asked_for(client, recruiter_a, unit_a, season, sort, expected):
    client.force_login(recruiter_a)
    assert names(listed(client, unit_a, f"?sort={sort}")) == expected


def test_by_default_and_for_an_unknown_order_the_newest_applications_come_first(client, recruiter_a, unit_a, posting):
    for days, name in ((3, "Older Ou"), (1, "Newest Ng"), (8, "Oldest Ai")):
        applicant(posting, name=name, applied_days_ago=days)
    client.force_login(recruiter_a)
    assert names(listed(client, unit_a)) == ["Newest Ng", "Older Ou", "Oldest Ai"]
    html = listed(client, unit_a, "?sort=evil")
    assert names(html) == ["Newest Ng", "Older Ou", "Oldest Ai"]
    assert "This list cannot be sorted that way; it shows the newest first." in html


def test_sorting_by_name_puts_hidden_names_last_whatever_they_are(client, recruiter_a, unit_a, posting):
    blind = PostingFactory(unit=unit_a, blind_screening=True)
    hidden = applicant(blind, name="Aaron Hidden", status=S.SUBMITTED)
    applicant(posting, name="Mei Chen")
    applicant(posting, name="Zoe Zhang")
    client.force_login(recruiter_a)
    assert names(listed(client, unit_a, "?sort=name")) == ["Mei Chen", "Zoe Zhang", f"Applicant {hidden.pk}"]
    assert names(listed(client, unit_a, "?sort=-name")) == ["Zoe Zhang", "Mei Chen", f"Applicant {hidden.pk}"]


def test_a_sorted_column_says_so_and_its_link_reverses_the_order(client, recruiter_a, unit_a, season):
    client.force_login(recruiter_a)
    html = listed(client, unit_a, "?stage=active&sort=days")
    assert re.search(
        r'<th scope="col" aria-sort="ascending"><a class="sort-link" href="\?stage=active&amp;sort=-days">', html
    )
    assert '<a class="sort-link" href="?stage=active&amp;sort=name">' in html


def test_the_list_has_pages_of_fifty(client, recruiter_a, unit_a, posting, monkeypatch):
    monkeypatch.setattr(pipeline, "LIST_PAGE_SIZE", 2)
    for index in range(5):
        applicant(posting, name=f"Person {index}", applied_days_ago=index)
    client.force_login(recruiter_a)
    assert names(listed(client, unit_a)) == ["Person 0", "Person 1"]
    assert names(listed(client, unit_a, "?page=3")) == ["Person 4"]
    assert "Page 3 of 3" in listed(client, unit_a, "?page=3")


@pytest.mark.parametrize(
    ("page", "first"),
    [
        ("abc", "Person 0"),
        ("0", "Person 4"),
        ("-1", "Person 4"),
        ("99999999", "Person 4"),
        ("1e9", "Person 0"),
        ("", "Person 0"),
    ],
)
def test_an_odd_page_number_shows_the_nearest_page(client, recruiter_a, unit_a, posting, monkeypatch, page, first):
    monkeypatch.setattr(pipeline, "LIST_PAGE_SIZE", 2)
    for index in range(5):
        applicant(posting, name=f"Person {index}", applied_days_ago=index)
    client.force_login(recruiter_a)
    assert names(listed(client, unit_a, f"?page={page}"))[0] == first


def test_the_page_number_is_kept_out_of_the_sort_and_export_links(client, recruiter_a, unit_a, season):
    client.force_login(recruiter_a)
    html = listed(client, unit_a, "?stage=active&page=1")
    assert "export.csv?stage=active" in html
    assert "page=1" not in re.search(r'href="[^"]*export\.csv[^"]*"', html)[0]


@pytest.mark.parametrize("count", [5, 60])
def test_the_list_runs_the_same_queries_whatever_the_number_of_applications(
    client, recruiter_a, unit_a, posting, count, django_assert_num_queries
):
    python = SkillFactory(name="Python")
    stages = [S.SUBMITTED, S.SCREENING, S.INTERVIEW, S.REJECTED]
    for index in range(count):
        applicant(posting, status=stages[index % len(stages)], skills=[python], score=2.0 if index % 3 else None)
    RejectionReasonFactory()
    client.force_login(recruiter_a)
    listed(client, unit_a)
    query = f"?posting={posting.pk}&skill=python&stage=active&sort=-score"
    PipelineVersion.objects.filter(unit_id=unit_a.pk).update(token=F("token") + 1)  # nothing kept from before
    with django_assert_num_queries(LIST_QUERIES):
        html = listed(client, unit_a, query)
    with django_assert_num_queries(LIST_CACHED_QUERIES):
        assert without_tokens(listed(client, unit_a, query)) == without_tokens(html)


# Session, user, membership, unit, the unit's pipeline version; the filters' posting and skill checked, their
# lists of choices; the count, the page's ids and their cards; the units to switch between; the rejection reasons
# (the session is saved only when the unit worked in changes).
LIST_QUERIES = 14
# Kept in the cache: session, user, membership, unit, pipeline version.
LIST_CACHED_QUERIES = 5


# --- Who may see it -------------------------------------------------------------------------------------------


def test_a_recruiter_of_another_unit_gets_404(client, recruiter_b, unit_a, season):
    client.force_login(recruiter_b)
    assert client.get(reverse("workspace:applicant_list", args=[unit_a.slug])).status_code == 404


def test_an_unknown_unit_is_404(client, recruiter_a):
    client.force_login(recruiter_a)
    assert client.get(reverse("workspace:applicant_list", args=["no-such-unit"])).status_code == 404


def test_a_viewer_sees_the_list_empty(client, unit_a, season):
    viewer = UnitMembershipFactory(unit=unit_a, role=UnitMembership.Role.VIEWER, user=UserFactory()).user
    client.force_login(viewer)
    assert names(listed(client, unit_a)) == []


def test_an_admin_sees_any_units_list(client, admin_user, unit_a, season):
    client.force_login(admin_user)
    assert len(names(listed(client, unit_a))) == 3


# --- Bulk moves and rejections ------------------------------------------------------------------------------------


def bulk(client, unit, ids, **data):
    data = {"ids": [str(i) for i in ids], "action": "move", **data}
    response = client.post(reverse("workspace:applicant_bulk", args=[unit.slug]), data)
    client.get(response["Location"]) if response.status_code == 302 else None  # the messages are read
    return response


def messages_of(response) -> list[str]:
    """The messages this response added (earlier ones are read by `bulk`)."""
    return [str(message) for message in response.wsgi_request._messages]


def statuses(*applications):
    return [Application.objects.get(pk=a.pk).status for a in applications]


def test_bulk_move_moves_the_ticked_applications_and_goes_back_to_the_filtered_list(
    client, recruiter_a, unit_a, posting
):
    first, second = applicant(posting, name="Mei Chen"), applicant(posting, name="Omar Haddad")
    client.force_login(recruiter_a)
    back = reverse("workspace:applicant_list", args=[unit_a.slug]) + "?stage=submitted&sort=name"
    response = bulk(client, unit_a, [first.pk, second.pk], target=S.SCREENING, next=back)
    assert response["Location"] == back
    assert statuses(first, second) == [S.SCREENING, S.SCREENING]
    assert messages_of(response) == ["2 applicants moved to “Screening”."]


def test_bulk_move_with_mixed_ids_acts_on_the_units_own_only_and_says_what_it_left(
    client, recruiter_a, unit_a, unit_b, posting
):
    mine = applicant(posting, name="Mei Chen")
    not_movable = applicant(posting, name="Omar Haddad", status=S.INTERVIEW)
    queued = applicant(posting, name="Waiting Wang", status=S.QUEUED)
    foreign = applicant(PostingFactory(unit=unit_b), name="Other Unit Olga")
    client.force_login(recruiter_a)
    response = bulk(
        client, unit_a, [mine.pk, not_movable.pk, queued.pk, foreign.pk, 987654, "abc", "-3"], target=S.SCREENING
    )
    assert statuses(mine, not_movable, queued, foreign) == [S.SCREENING, S.INTERVIEW, S.QUEUED, S.SUBMITTED]
    said = messages_of(response)
    assert said[0] == (
        "1 applicant moved to “Screening”. "
        "5 were not among this unit's applications and were left alone. 1 could not move:"
    )
    assert said[1] == "Omar Haddad: An application cannot go from “Interview” to “Screening”."


def test_bulk_reject_needs_a_reason_and_records_it_with_the_note(
    client, recruiter_a, unit_a, posting, rejection_reason
):
    first, second = applicant(posting), applicant(posting, status=S.INTERVIEW)
    client.force_login(recruiter_a)
    response = bulk(client, unit_a, [first.pk, second.pk], action="reject", note="Team full this season.")
    assert messages_of(response) == ["Choose a reason for turning them down."]
    assert statuses(first, second) == [S.SUBMITTED, S.INTERVIEW]

    response = bulk(
        client, unit_a, [first.pk, second.pk], action="reject", rejection_reason=rejection_reason.pk, note="Team full."
    )
    assert messages_of(response) == ["2 applicants marked as not selected."]
    assert statuses(first, second) == [S.REJECTED, S.REJECTED]
    for application in (first, second):
        application.refresh_from_db()
        assert application.rejection_reason == rejection_reason
        assert StageChange.objects.filter(application=application, to_status=S.REJECTED).get().reason == "Team full."


def test_bulk_reject_refuses_an_inactive_reason(client, recruiter_a, unit_a, posting):
    retired = RejectionReasonFactory(code="retired", is_active=False)
    application = applicant(posting)
    client.force_login(recruiter_a)
    bulk(client, unit_a, [application.pk], action="reject", rejection_reason=retired.pk)
    assert statuses(application) == [S.SUBMITTED]


def test_the_candidates_of_a_bulk_rejection_are_told_without_the_reason_or_note(
    client, recruiter_a, unit_a, posting, rejection_reason
):
    from recruit.notifications.models import Notification

    application = applicant(posting)
    client.force_login(recruiter_a)
    bulk(client, unit_a, [application.pk], action="reject", rejection_reason=rejection_reason.pk, note="Weak Go.")
    notification = Notification.objects.get(recipient=application.candidate, event="application_rejected")
    for text in (notification.subject, notification.body_text, notification.body_html):
        assert "Weak Go." not in text and rejection_reason.name not in text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"ids": []}, "Select at least one applicant first."),
        ({"target": ""}, "Choose the stage to move them to."),
        ({"target": "offerx"}, "Select a valid choice. offerx is not one of the available choices."),
        ({"target": "rejected"}, "Select a valid choice. rejected is not one of the available choices."),
        ({"action": "delete"}, "Select a valid choice. delete is not one of the available choices."),
    ],
)
def test_a_bulk_form_that_cannot_be_read_changes_nothing_and_says_why(
    client, recruiter_a, unit_a, posting, data, message
):
    application = applicant(posting)
    client.force_login(recruiter_a)
    data = {"ids": [application.pk], "target": S.SCREENING, **data}
    response = bulk(client, unit_a, data.pop("ids"), **data)
    assert message in messages_of(response)
    assert statuses(application) == [S.SUBMITTED]


def test_a_bulk_form_with_too_many_ids_is_refused(client, recruiter_a, unit_a, posting):
    application = applicant(posting)
    client.force_login(recruiter_a)
    response = bulk(client, unit_a, [application.pk, *range(10**6, 10**6 + pipeline.BULK_MAX_IDS)], target=S.SCREENING)
    assert messages_of(response) == [f"Select at most {pipeline.BULK_MAX_IDS} applicants at once."]
    assert statuses(application) == [S.SUBMITTED]


def test_a_bulk_move_sent_twice_moves_once(client, recruiter_a, unit_a, posting):
    application = applicant(posting, name="Mei Chen")
    client.force_login(recruiter_a)
    bulk(client, unit_a, [application.pk], target=S.SCREENING)
    response = bulk(client, unit_a, [application.pk], target=S.SCREENING)
    assert StageChange.objects.filter(application=application, to_status=S.SCREENING).count() == 1
    assert messages_of(response) == [
        "No applicant moved. 1 could not move:",
        "Mei Chen: already in “Screening”; nothing was changed.",
    ]


def test_bulk_goes_back_to_the_list_not_to_another_site(client, recruiter_a, unit_a, posting):
    application = applicant(posting)
    client.force_login(recruiter_a)
    response = bulk(client, unit_a, [application.pk], target=S.SCREENING, next="https://evil.example/")
    assert response["Location"] == reverse("workspace:applicant_list", args=[unit_a.slug])


def test_a_recruiter_of_another_unit_moves_nothing_of_unit_a_by_any_form(client, recruiter_b, unit_a, unit_b, posting):
    application = applicant(posting)
    client.force_login(recruiter_b)
    assert bulk(client, unit_a, [application.pk], target=S.SCREENING).status_code == 404
    response = bulk(client, unit_b, [application.pk], target=S.SCREENING)
    assert response.status_code == 302
    assert statuses(application) == [S.SUBMITTED]
    assert "1 was not one of this unit's applications and was left alone." in messages_of(response)[0]


def test_bulk_needs_post(client, recruiter_a, unit_a):
    client.force_login(recruiter_a)
    assert client.get(reverse("workspace:applicant_bulk", args=[unit_a.slug])).status_code == 405


# --- Odd input from the unit's own recruiter ---------------------------------------------------------------------
# tests/test_odd_input.py probes every route as a visitor and a candidate; these are the same probes as the
# recruiter who may use the pipeline's pages, so they reach the views' own code.


def test_odd_queries_and_bodies_never_break_the_pipelines_pages(client, recruiter_a, unit_a, posting):
    from tests.test_odd_input import MARKER, ODD_BODIES, ODD_QUERIES, RAW_BODIES, _broken_rules, _quote

    application = applicant(posting, name="Mei Chen")
    client.force_login(recruiter_a)
    client.raise_request_exception = False
    pages = [
        reverse("workspace:applicant_list", args=[unit_a.slug]),
        reverse("workspace:applicant_export", args=[unit_a.slug]),
        reverse("workspace:posting_board", args=[posting.pk]),
    ]
    actions = [
        reverse("workspace:application_move", args=[application.pk]),
        reverse("workspace:applicant_bulk", args=[unit_a.slug]),
    ]
    problems = []
    htmx = {"HX-Request": "true", "HX-Target": f"card-{application.pk}"}
    for url in pages:
        for label, query in ODD_QUERIES.items():
            response = client.get(f"{url}?{query.format(m=_quote(MARKER))}")
            problems += [f"GET {url} [{label}]: {p}" for p in _broken_rules(url, response)]
    for url in actions:
        for headers in ({}, htmx):
            for label, data in ODD_BODIES.items():
                response = client.post(url, data, headers=headers)
                problems += [f"POST {url} [{label}]: {p}" for p in _broken_rules(url, response)]
            for label, (body, content_type) in RAW_BODIES.items():
                response = client.post(url, body, content_type=content_type, headers=headers)
                problems += [f"POST {url} [{label}]: {p}" for p in _broken_rules(url, response)]
        client.force_login(recruiter_a)
    assert not problems, "\n".join(problems)
    assert Application.objects.get(pk=application.pk).status == S.SUBMITTED


def test_the_list_loads_its_script_from_this_site_and_has_no_inline_script_or_style(
    client, recruiter_a, unit_a, season
):
    client.force_login(recruiter_a)
    html = listed(client, unit_a)
    assert '<script src="/static/js/workspace/pipeline.js" defer></script>' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert " style=" not in html
