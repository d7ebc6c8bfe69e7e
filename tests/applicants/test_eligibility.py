"""The one "may apply" rule, on plain objects: no database."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from applicants.eligibility import Candidacy, candidate_reasons, graduation_reasons, may_apply, program_reasons
from postings.models import Location, Posting, Program

NOW = timezone.make_aware(dt.datetime(2026, 11, 27, 12, 0))
HANGZHOU = Location(pk=1, name="Hangzhou", in_mainland_china=True)
SINGAPORE = Location(pk=2, name="Singapore", in_mainland_china=False)


def program(**changes):
    values = {
        "pk": 1,
        "name": "2027 Internship",
        "graduation_start": dt.date(2026, 11, 1),
        "graduation_end": dt.date(2027, 10, 30),
        "applications_open": timezone.make_aware(dt.datetime(2026, 3, 18)),
        "applications_close": timezone.make_aware(dt.datetime(2027, 5, 31, 23, 59)),
        "max_active_applications": 2,
    }
    return Program(**{**values, **changes})


def posting(pk=10, locations=(HANGZHOU,), **changes):
    values = {
        "pk": pk,
        "program": program(),
        "status": Posting.Status.PUBLISHED,
        "degree_levels": ["bachelor", "master"],
        "published_at": timezone.make_aware(dt.datetime(2026, 4, 1)),
        "closes_at": None,
    }
    role = Posting(**{**values, **changes})
    # As `for_cards()` prefetches them.
    role._prefetched_objects_cache = {"locations": list(locations)}
    return role


def profile(missing=(), **changes):
    values = {"graduation_date": dt.date(2027, 6, 30), "degree_level": "master", "pool_consent_at": None}
    return SimpleNamespace(**{**values, **changes}, missing_fields=lambda: list(missing))


def application_to(pk, program_pk=1, status="submitted"):
    return SimpleNamespace(posting_id=pk, status=status, posting=SimpleNamespace(program_id=program_pk))


def candidacy(candidate=None, applications=(), **changes):
    values = {"email_verified": True, "profile": candidate or profile(), "has_resume": True}
    return Candidacy(**{**values, **changes}, applications=list(applications))


def check(candidate=None, role=None, active=(), now=NOW, **changes):
    return may_apply(candidacy=candidacy(candidate, active, **changes), posting=role or posting(), now=now)


def test_a_ready_candidate_may_apply():
    result = check()
    assert result.eligible
    assert result.reasons == []
    assert bool(result)


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


def test_a_date_before_the_window_says_so_naming_the_program():
    result = check(profile(graduation_date=dt.date(2026, 10, 15)))
    assert result.messages == [
        "Your expected graduation date, 15 October 2026, is before the window of 2027 Internship "
        "(1 November 2026 to 30 October 2027)."
    ]


def test_a_date_after_the_window_says_so():
    assert "after the window of 2027 Internship" in check(profile(graduation_date=dt.date(2027, 10, 31))).messages[0]


def test_the_live_check_asks_for_a_missing_date_naming_the_program():
    assert [r.message for r in graduation_reasons(None, program())] == [
        "Add your expected graduation date: 2027 Internship is for graduates from 1 November 2026 to 30 October 2027."
    ]


def test_two_programs_give_two_different_lines():
    other = program(pk=2, name="Star research track")
    lines = {r.message for p in (program(), other) for r in graduation_reasons(dt.date(2025, 1, 1), p)}
    assert len(lines) == 2


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
    assert result.messages == ["This role accepts Bachelor's, Master's; your degree level is Doctorate."]
    assert result.reasons[0].fix == "applicants:profile"


def test_an_unverified_email_an_incomplete_profile_and_no_resume_are_each_a_reason():
    result = check(
        profile(missing=["school or university", "degree level"], degree_level=""),
        email_verified=False,
        has_resume=False,
    )
    assert result.messages == [
        "Verify your email address first: open the link we sent you.",
        "Add school or university to your profile.",
        "Add degree level to your profile.",
        "Upload your resume (PDF) first.",
    ]


def test_a_candidate_without_a_profile_is_asked_for_every_field_once():
    from applicants.models import CandidateProfile
    from recruit.accounts.models import User

    empty = CandidateProfile(user=User(email="new@example.com", name=""))
    facts = Candidacy(email_verified=True, profile=empty, has_resume=True)
    result = may_apply(candidacy=facts, posting=posting(), now=NOW)
    assert [r.code for r in result.reasons] == ["profile"] * 5
    assert "Add expected graduation date to your profile." in result.messages
    assert len(set(result.messages)) == 5


def test_applications_must_be_open():
    before = timezone.make_aware(dt.datetime(2026, 3, 17, 12))
    assert check(now=before).messages == ["Applications to 2027 Internship open on 18 March 2026."]
    after = timezone.make_aware(dt.datetime(2027, 6, 1, 12))
    assert check(now=after).messages == ["Applications to 2027 Internship closed on 31 May 2027."]


def test_the_postings_own_closing_date_counts():
    role = posting(closes_at=timezone.make_aware(dt.datetime(2026, 12, 1)))
    assert check(role=role, now=timezone.make_aware(dt.datetime(2026, 12, 2))).messages == [
        "Applications to this role closed on 1 December 2026."
    ]


@pytest.mark.parametrize("status", [Posting.Status.DRAFT, Posting.Status.CLOSED])
def test_drafts_and_closed_postings_take_no_application(status):
    assert check(role=posting(status=status)).messages == ["This role is not open for applications."]


def test_a_role_published_for_a_later_time_takes_applications_from_that_time_on():
    role = posting(published_at=NOW + dt.timedelta(hours=1))
    assert check(role=role).messages == ["This role is not open for applications."]
    assert check(role=role, now=NOW + dt.timedelta(hours=1)).eligible


def test_the_cap_counts_active_applications_of_the_program():
    assert check(active=[application_to(1)]).eligible
    full = check(active=[application_to(1), application_to(2)])
    assert full.messages == [
        "You already hold 2 active applications in 2027 Internship, the most it allows. "
        "Withdraw one to apply to another role."
    ]
    assert check(active=[application_to(1), application_to(2, program_pk=99)]).eligible
    assert check(active=[application_to(1), application_to(2, status="rejected")]).eligible


def test_applying_twice_is_refused():
    assert check(active=[application_to(10)]).messages == ["You have already applied to this role."]


def test_applying_twice_is_refused_without_the_cap_beside_it():
    assert [r.code for r in check(active=[application_to(10), application_to(2)]).reasons] == ["applied"]


def test_a_withdrawn_application_cannot_be_reopened_and_the_reason_states_the_rule():
    result = check(active=[application_to(10, status="withdrawn")])
    assert [r.code for r in result.reasons] == ["withdrawn"]
    assert "cannot apply to that role again. You may apply to other roles." in result.messages[0]


def test_a_rejected_application_means_no_second_application_to_the_role():
    assert [r.code for r in check(active=[application_to(10, status="rejected")]).reasons] == ["applied_before"]


def test_a_role_abroad_needs_the_cross_border_consent_when_submitted():
    abroad = posting(locations=(HANGZHOU, SINGAPORE))
    assert abroad.crosses_border
    shown = may_apply(candidacy=candidacy(), posting=abroad, now=NOW)
    assert shown.eligible, "the page offers the form, which asks for the consent"
    assert shown.needs_cross_border_consent
    refused = may_apply(candidacy=candidacy(), posting=abroad, now=NOW, cross_border_consent=False)
    assert [r.code for r in refused.reasons] == ["cross_border_consent"]
    assert may_apply(candidacy=candidacy(), posting=abroad, now=NOW, cross_border_consent=True).eligible


def test_a_role_in_mainland_china_needs_no_cross_border_consent():
    result = may_apply(candidacy=candidacy(), posting=posting(), now=NOW, cross_border_consent=False)
    assert result.eligible
    assert not result.needs_cross_border_consent


def test_every_reason_is_given_at_once():
    result = check(
        profile(graduation_date=dt.date(2025, 1, 1), degree_level="doctorate"),
        active=[application_to(1), application_to(2)],
    )
    assert [r.code for r in result.reasons] == ["graduation_early", "cap", "degree"]
    assert not result


def test_the_overview_parts_compose_the_rule():
    facts = candidacy(profile(graduation_date=dt.date(2025, 1, 1)), has_resume=False)
    whole = may_apply(candidacy=facts, posting=posting(), now=NOW).reasons
    assert whole == candidate_reasons(facts) + program_reasons(facts, program(), now=NOW)
