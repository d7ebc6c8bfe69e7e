"""The eligibility rules, on plain objects: no database."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from applicants.eligibility import check_eligibility, graduation_reasons
from postings.models import Posting, Program

NOW = timezone.make_aware(dt.datetime(2026, 11, 27, 12, 0))


def program(**changes):
    values = {
        "pk": 1,
        "graduation_start": dt.date(2026, 11, 1),
        "graduation_end": dt.date(2027, 10, 30),
        "applications_open": timezone.make_aware(dt.datetime(2026, 3, 18)),
        "applications_close": timezone.make_aware(dt.datetime(2027, 5, 31, 23, 59)),
        "max_active_applications": 2,
    }
    return Program(**{**values, **changes})


def posting(pk=10, **changes):
    values = {
        "pk": pk,
        "program": program(),
        "status": Posting.Status.PUBLISHED,
        "degree_levels": ["bachelor", "master"],
        "published_at": timezone.make_aware(dt.datetime(2026, 4, 1)),
        "closes_at": None,
    }
    return Posting(**{**values, **changes})


def profile(**changes):
    return SimpleNamespace(**{"graduation_date": dt.date(2027, 6, 30), "degree_level": "master", **changes})


def application_to(pk, program_pk=1):
    return SimpleNamespace(posting_id=pk, posting=SimpleNamespace(program_id=program_pk))


def check(candidate=None, role=None, active=(), now=NOW):
    return check_eligibility(
        profile=candidate or profile(), posting=role or posting(), active_applications=list(active), now=now
    )


@pytest.mark.parametrize(
    ("graduation", "eligible"),
    [
        (dt.date(2026, 10, 31), False),
        (dt.date(2026, 11, 1), True),
        (dt.date(2027, 2, 28), True),
        (dt.date(2027, 10, 30), True),
        (dt.date(2027, 10, 31), False),
    ],
)
def test_the_graduation_window_includes_both_ends(graduation, eligible):
    assert check(profile(graduation_date=graduation)).eligible is eligible


def test_a_date_before_the_window_says_so_with_the_dates():
    result = check(profile(graduation_date=dt.date(2026, 10, 15)))
    assert result.reasons == [
        "Your expected graduation date, 2026-10-15, is before this program's window (2026-11-01 to 2027-10-30)."
    ]


def test_a_date_after_the_window_says_so():
    assert "after this program's window" in check(profile(graduation_date=dt.date(2027, 10, 31))).reasons[0]


def test_no_date_asks_for_one():
    assert check(profile(graduation_date=None)).reasons == [
        "Add your expected graduation date: this program is for graduates from 2026-11-01 to 2027-10-30."
    ]


def test_29_february_is_inside_a_window_that_holds_it():
    leap = program(graduation_start=dt.date(2027, 11, 1), graduation_end=dt.date(2028, 10, 30))
    assert graduation_reasons(dt.date(2028, 2, 29), leap) == []
    assert graduation_reasons(dt.date(2028, 2, 29), program()) != []


def test_the_window_is_the_programs_data():
    next_year = program(graduation_start=dt.date(2027, 11, 1), graduation_end=dt.date(2028, 10, 30))
    role = posting(program=next_year)
    assert not check(profile(graduation_date=dt.date(2027, 6, 30)), role).eligible
    assert check(profile(graduation_date=dt.date(2028, 6, 30)), role).eligible


def test_the_degree_level_must_be_accepted():
    result = check(profile(degree_level="doctorate"))
    assert result.reasons == ["This role accepts Bachelor's, Master's; your degree level is Doctorate."]


def test_a_missing_degree_level_is_asked_for():
    assert check(profile(degree_level="")).reasons[0].startswith("Add your degree level")


def test_applications_must_be_open():
    before = timezone.make_aware(dt.datetime(2026, 3, 17, 12))
    assert check(now=before).reasons == ["Applications to this program open on 2026-03-18."]
    after = timezone.make_aware(dt.datetime(2027, 6, 1, 12))
    assert check(now=after).reasons == ["Applications to this role closed on 2027-05-31."]


def test_the_postings_own_closing_date_counts():
    role = posting(closes_at=timezone.make_aware(dt.datetime(2026, 12, 1)))
    assert check(role=role, now=timezone.make_aware(dt.datetime(2026, 12, 2))).reasons == [
        "Applications to this role closed on 2026-12-01."
    ]


@pytest.mark.parametrize("status", [Posting.Status.DRAFT, Posting.Status.CLOSED])
def test_drafts_and_closed_postings_take_no_application(status):
    assert check(role=posting(status=status)).reasons == ["This role is not open for applications."]


def test_the_cap_counts_active_applications_of_the_program():
    assert check(active=[application_to(1)]).eligible
    full = check(active=[application_to(1), application_to(2)])
    assert full.reasons == [
        "You already hold 2 active applications, the most this program allows. Withdraw one to apply here."
    ]
    assert check(active=[application_to(1), application_to(2, program_pk=99)]).eligible


def test_applying_twice_is_refused():
    assert check(active=[application_to(10)]).reasons == ["You have already applied to this role."]


def test_every_reason_is_given_at_once():
    result = check(
        profile(graduation_date=dt.date(2025, 1, 1), degree_level="doctorate"),
        active=[application_to(1), application_to(2)],
    )
    assert len(result.reasons) == 3
    assert not result
