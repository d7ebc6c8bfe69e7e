import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from postings.models import Posting, Program
from postings.publishing import posting_approve, posting_close
from postings.services import postings_close_expired
from tests.factories import PostingFactory, ProgramFactory, SkillFactory

pytestmark = pytest.mark.django_db


def _violates(**changes):
    """True when saving a posting with these values breaks a database constraint."""
    posting = PostingFactory()
    for name, value in changes.items():
        setattr(posting, name, value)
    try:
        with transaction.atomic():
            posting.save()
    except IntegrityError:
        return True
    return False


def test_headcount_must_be_positive():
    assert _violates(headcount=0)


def test_closing_date_must_follow_publishing_date():
    posting = PostingFactory()
    assert _violates(closes_at=posting.published_at - dt.timedelta(days=1))
    assert not _violates(closes_at=timezone.now() + dt.timedelta(days=1))


def test_published_posting_needs_a_publishing_date():
    assert _violates(published_at=None)
    assert not _violates(status=Posting.Status.DRAFT, published_at=None)


def test_program_window_must_not_end_before_it_starts():
    program = ProgramFactory()
    program.graduation_end = program.graduation_start - dt.timedelta(days=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        program.save()


def test_program_applications_must_close_after_they_open():
    program = ProgramFactory()
    program.applications_close = program.applications_open
    with pytest.raises(IntegrityError), transaction.atomic():
        program.save()


def test_program_cap_is_at_least_one():
    program = ProgramFactory()
    program.max_active_applications = 0
    with pytest.raises(IntegrityError), transaction.atomic():
        program.save()


def test_model_validation_explains_a_bad_window():
    program = ProgramFactory.build(graduation_start=dt.date(2027, 1, 1), graduation_end=dt.date(2026, 1, 1))
    with pytest.raises(ValidationError, match="graduation window must end"):
        program.full_clean()


def test_degree_levels_must_be_a_non_empty_list_of_known_levels():
    posting = PostingFactory()
    for bad in ([], ["kindergarten"], "bachelor", None):
        posting.degree_levels = bad
        with pytest.raises(ValidationError):
            posting.clean()
    posting.degree_levels = ["master", "doctorate"]
    posting.clean()
    assert posting.degree_level_labels() == ["Master's", "Doctorate"]


def test_publishing_sets_the_date_and_closing_stops_applications(admin_user):
    posting = PostingFactory(status=Posting.Status.DRAFT, published_at=None)
    posting_approve(posting=posting, actor=admin_user)
    posting.refresh_from_db()
    assert posting.status == Posting.Status.PUBLISHED
    assert posting.published_at is not None
    assert posting.is_accepting()
    posting_close(posting=posting, actor=admin_user)
    posting.refresh_from_db()
    assert posting.status == Posting.Status.CLOSED
    assert not posting.is_accepting()


def test_deadline_is_the_earlier_of_the_posting_and_program_dates():
    posting = PostingFactory()
    program_close = posting.program.applications_close
    assert posting.deadline() == program_close
    posting.closes_at = program_close - dt.timedelta(days=10)
    assert posting.deadline() == posting.closes_at
    posting.closes_at = program_close + dt.timedelta(days=10)
    assert posting.deadline() == program_close


def test_posting_accepts_applications_only_while_published_and_open():
    posting = PostingFactory(closes_at=timezone.now() + dt.timedelta(days=2))
    assert posting.is_accepting()
    assert not posting.is_accepting(now=timezone.now() + dt.timedelta(days=3))
    assert not posting.is_accepting(now=posting.program.applications_open - dt.timedelta(seconds=1))


def test_program_takes_applications_on_both_edges_of_its_period():
    program = ProgramFactory()
    taking = Program.objects.taking_applications
    assert program in taking(now=program.applications_open)
    assert program in taking(now=program.applications_close)
    assert program not in taking(now=program.applications_open - dt.timedelta(microseconds=1))
    assert program not in taking(now=program.applications_close + dt.timedelta(microseconds=1))


def test_search_text_holds_title_unit_category_skills_and_body():
    posting = PostingFactory(title="Agent Runtime Intern", skills=[SkillFactory(name="Kubernetes")])
    assert "Agent Runtime Intern" in posting.search_text
    assert posting.unit.name in posting.search_text
    assert posting.category.name in posting.search_text
    assert "Kubernetes" in posting.search_text
    assert posting.requirements in posting.search_text


def test_expired_postings_are_closed_by_the_periodic_job():
    soon = timezone.now() + dt.timedelta(hours=1)
    expiring = PostingFactory(closes_at=soon)
    lasting = PostingFactory(closes_at=soon + dt.timedelta(days=30))
    assert postings_close_expired(now=soon + dt.timedelta(minutes=1)) == 1
    expiring.refresh_from_db()
    lasting.refresh_from_db()
    assert expiring.status == Posting.Status.CLOSED
    assert lasting.status == Posting.Status.PUBLISHED


def test_public_postings_exclude_drafts_closed_expired_and_closed_programs():
    visible = PostingFactory()
    PostingFactory(status=Posting.Status.DRAFT, published_at=None)
    PostingFactory(status=Posting.Status.CLOSED)
    expired = PostingFactory()
    Posting.objects.filter(pk=expired.pk).update(closes_at=timezone.now() - dt.timedelta(minutes=1))
    past_program = ProgramFactory(
        slug="2026-internship",
        applications_open=timezone.now() - dt.timedelta(days=400),
        applications_close=timezone.now() - dt.timedelta(days=30),
    )
    PostingFactory(program=past_program)
    assert list(Posting.objects.public()) == [visible]


def test_program_urls_lead_to_the_filtered_board():
    program = ProgramFactory()
    assert program.get_absolute_url() == "/jobs/?program=2027-internship"
    assert str(program) == program.name
    assert Program.objects.count() == 1
