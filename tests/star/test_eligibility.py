"""Who may apply to a research posting: the program's window and cap, and the degree rule (PhD, or master's where
the posting accepts it), asked through applicants' eligibility like every role, and refused by the service."""

import datetime as dt

import pytest

from applicants.eligibility import may_apply
from applicants.models import Application, CandidateProfile
from applicants.queries import candidacy_of
from applicants.services import ApplicationRefused
from postings.models import Posting
from star.models import StarApplication
from star.services import star_application_submit


def _codes(candidate, posting):
    posting = Posting.objects.select_related("program").prefetch_related("locations").get(pk=posting.pk)
    return [reason.code for reason in may_apply(candidacy=candidacy_of(candidate), posting=posting).reasons]


def _set_profile(candidate, **values):
    CandidateProfile.objects.filter(user=candidate).update(**values)


def _submit(candidate, posting, area, **overrides):
    values = {
        "candidate": candidate,
        "posting": posting,
        "areas": [area],
        "statement": "Scaling laws.",
        "advisor_name": "Prof. Zhang",
        "advisor_institution": "Tsinghua University",
        "expected_degree": "doctorate",
        "publications": [],
        **overrides,
    }
    return star_application_submit(**values)


def test_a_phd_student_may_apply_to_a_phd_only_posting(ready_candidate, phd_posting):
    _set_profile(ready_candidate, degree_level="doctorate")
    assert _codes(ready_candidate, phd_posting) == []


def test_a_masters_student_may_not_apply_to_a_phd_only_posting(ready_candidate, phd_posting):
    assert _codes(ready_candidate, phd_posting) == ["degree"]


def test_a_masters_student_may_apply_where_the_posting_accepts_masters(ready_candidate, research_posting):
    assert _codes(ready_candidate, research_posting) == []


def test_a_bachelors_student_is_refused_on_the_research_track_even_where_a_posting_lists_bachelors(
    ready_candidate, research_posting
):
    Posting.objects.filter(pk=research_posting.pk).update(degree_levels=["bachelor", "master", "doctorate"])
    _set_profile(ready_candidate, degree_level="bachelor")
    assert _codes(ready_candidate, research_posting) == ["degree"]
    posting = Posting.objects.select_related("program").get(pk=research_posting.pk)
    reasons = may_apply(candidacy=candidacy_of(ready_candidate), posting=posting).messages
    assert reasons[0].startswith("This role accepts Master's, Doctorate;")


def test_a_bachelors_student_may_still_apply_to_an_internship_listing_bachelors(ready_candidate, unit_a):
    from tests.factories import PostingFactory

    posting = PostingFactory(unit=unit_a, degree_levels=["bachelor"])
    _set_profile(ready_candidate, degree_level="bachelor")
    assert _codes(ready_candidate, posting) == []


@pytest.mark.parametrize(
    ("graduation", "codes"),
    [
        (dt.date(2026, 10, 31), ["graduation_early"]),
        (dt.date(2026, 11, 1), []),
        (dt.date(2027, 10, 30), []),
        (dt.date(2027, 10, 31), ["graduation_late"]),
    ],
)
def test_the_graduation_window_of_the_research_program_includes_both_ends(
    ready_candidate, research_posting, graduation, codes
):
    _set_profile(ready_candidate, graduation_date=graduation)
    assert _codes(ready_candidate, research_posting) == codes


def test_the_research_programs_cap_of_one_refuses_a_second_star_application(
    ready_candidate, research_posting, phd_posting, models_area, infra_area
):
    _set_profile(ready_candidate, degree_level="doctorate")
    _submit(ready_candidate, research_posting, models_area)
    assert _codes(ready_candidate, phd_posting) == ["cap"]
    with pytest.raises(ApplicationRefused):
        _submit(ready_candidate, phd_posting, infra_area)
    assert StarApplication.objects.count() == Application.objects.count() == 1


def test_the_cap_counts_research_applications_only(ready_candidate, research_posting, unit_a):
    from applicants.services import application_submit
    from tests.factories import PostingFactory

    application_submit(candidate=ready_candidate, posting=PostingFactory(unit=unit_a))
    application_submit(candidate=ready_candidate, posting=PostingFactory(unit=unit_a))
    assert _codes(ready_candidate, research_posting) == []


def test_the_service_refuses_an_ineligible_candidate_and_saves_nothing(ready_candidate, phd_posting, infra_area):
    with pytest.raises(ApplicationRefused) as refusal:
        _submit(ready_candidate, phd_posting, infra_area)
    assert "accepts Doctorate" in refusal.value.reasons[0]
    assert not Application.objects.exists()
    assert not StarApplication.objects.exists()


def test_the_service_refuses_an_area_the_posting_does_not_name(ready_candidate, research_posting, infra_area):
    with pytest.raises(ApplicationRefused) as refusal:
        _submit(ready_candidate, research_posting, infra_area)
    assert refusal.value.reasons == ["Choose research areas of this role only."]
    assert not Application.objects.exists()


def test_the_service_refuses_a_degree_the_posting_does_not_accept(ready_candidate, phd_posting, infra_area):
    _set_profile(ready_candidate, degree_level="doctorate")
    with pytest.raises(ApplicationRefused):
        _submit(ready_candidate, phd_posting, infra_area, expected_degree="master")
    assert not Application.objects.exists()


def test_the_service_refuses_an_internship_posting(ready_candidate, unit_a, models_area):
    from tests.factories import PostingFactory

    with pytest.raises(ApplicationRefused):
        _submit(ready_candidate, PostingFactory(unit=unit_a), models_area)
    assert not Application.objects.exists()


def test_a_refusal_after_the_application_is_written_rolls_it_back(
    ready_candidate, research_posting, models_area, monkeypatch
):
    """The Star parts are written in the application's transaction: a failure among them leaves no application."""
    from star import services

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services.Publication.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        _submit(ready_candidate, research_posting, models_area)
    assert not Application.objects.exists()
    assert not StarApplication.objects.exists()


def test_the_research_application_keeps_its_parts(ready_candidate, research_posting, models_area):
    star = _submit(
        ready_candidate,
        research_posting,
        models_area,
        expected_degree="master",
        publications=[
            {"title": "A", "venue": "ICML", "year": 2025, "link": "", "author_position": "first"},
            {"title": "B", "venue": "ICLR", "year": 2026, "link": "https://b.example.com", "author_position": "other"},
        ],
    )
    assert star.application.posting == research_posting
    assert star.application.status == Application.Status.SUBMITTED
    assert list(star.areas.all()) == [models_area]
    assert [p.title for p in star.publications.all()] == ["A", "B"]
