"""seed_volume: bulk published postings and applications for benchmarks, added on every run."""

import io
import itertools
import re
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from applicants.models import Application, Interview, Review, StageChange
from applicants.workflow import Mover, check_move
from postings.models import BusinessUnit, Posting, Program, UnitMembership
from recruit.accounts.models import User

pytestmark = pytest.mark.django_db

S = Application.Status


def run(*args):
    out = io.StringIO()
    call_command("seed_volume", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def published():
    return Posting.objects.filter(status=Posting.Status.PUBLISHED)


def test_seed_volume_creates_the_requested_postings_with_skills_and_locations(debug):
    output = run("--postings", "250", "--batch-size", "40")

    assert "Added 250 published postings" in output
    assert "over 16 units (0 of them new)" in output
    postings = Posting.objects.prefetch_related("skills", "locations")
    assert len(postings) == 250
    for posting in postings:
        assert posting.status == Posting.Status.PUBLISHED
        assert 3 <= len(posting.skills.all()) <= 6
        assert 1 <= len(posting.locations.all()) <= 3
    assert published().figures()["ai_share"] >= 80


def test_seed_volume_search_text_is_what_the_model_builds(debug):
    run("--postings", "50")

    for posting in Posting.objects.select_related("unit", "category").prefetch_related("skills"):
        # The database may order skill names by another collation than Python.
        assert sorted(posting.search_text.split()) == sorted(posting.build_search_text().split())


def test_seed_volume_adds_to_what_is_there(debug):
    run("--postings", "30")
    run("--postings", "30")

    assert Posting.objects.count() == 60
    assert Program.objects.count() == 2


def test_seed_volume_adds_volume_units_beyond_the_existing_ones(debug):
    run("--postings", "100", "--units", "20")
    run("--postings", "10", "--units", "20")

    volume = BusinessUnit.objects.filter(name__startswith="Volume Unit")
    assert sorted(volume.values_list("name", flat=True)) == [f"Volume Unit {n}" for n in (17, 18, 19, 20)]
    assert Posting.objects.values("unit").distinct().count() <= 20


def test_seed_volume_spreads_postings_over_fewer_units_when_asked(debug):
    run("--postings", "60", "--units", "3")

    assert Posting.objects.values("unit").distinct().count() <= 3


def test_seed_volume_refuses_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG off"):
        run("--postings", "10")

    assert not Posting.objects.exists()


def test_seed_volume_force_runs_with_debug_off(settings):
    settings.DEBUG = False

    run("--postings", "10", "--force")

    assert Posting.objects.count() == 10
    assert not User.objects.exists()


def test_seed_volume_writes_the_postings_in_chinese_too(debug):
    run("--postings", "200", "--units", "18")

    cjk = re.compile(r"[\u4e00-\u9fff]")
    for posting in Posting.objects.select_related("unit", "category"):
        assert posting.title_en and posting.description_en and posting.requirements_en
        assert posting.title_zh_hans.startswith(posting.category.name_zh_hans), posting.title_en
        assert posting.unit.name_zh_hans in posting.description_zh_hans, posting.title_en
        description = posting.description_zh_hans
        assert len(cjk.findall(description)) > len(re.findall(r"[A-Za-z]", description)), posting.title_en
        assert len(posting.requirements_zh_hans.splitlines()) == len(posting.requirements_en.splitlines())
    assert Posting.objects.filter(description_zh_hans__contains="大模型").exists()
    volume = BusinessUnit.objects.filter(slug__startswith="volume-unit")
    assert sorted(volume.values_list("name_zh_hans", flat=True)) == ["压测事业部 17", "压测事业部 18"]


# --- Applications ---------------------------------------------------------------------------


def volume_applications():
    return Application.objects.filter(candidate__email__startswith="volume.candidate.")


def test_seed_volume_adds_applications_with_candidates_and_their_history(debug):
    run("--postings", "120", "--units", "5")

    output = run("--postings", "0", "--applications", "400", "--units", "5", "--batch-size", "70")

    assert "Added 400 applications of" in output
    applications = list(volume_applications().select_related("candidate__candidate_profile", "rejection_reason"))
    assert len(applications) == 400
    profiles = [application.candidate.candidate_profile for application in applications]
    assert all(profile.school and profile.degree_level and profile.graduation_date for profile in profiles)
    candidates = {application.candidate_id for application in applications}
    assert 200 <= len(candidates) < 400
    statuses = Counter(application.status for application in applications)
    for status in (S.QUEUED, S.SUBMITTED, S.SCREENING, S.INTERVIEW, S.REJECTED):
        assert statuses[status], status
    assert not any(application.candidate.has_usable_password() for application in applications)


def test_every_volume_history_is_a_legal_path_the_application_row_agrees_with(debug):
    run("--postings", "80", "--units", "4")
    run("--postings", "0", "--applications", "300", "--units", "4")
    now = timezone.now()

    for application in volume_applications().prefetch_related("stage_changes", "reviews").select_related("posting"):
        changes = sorted(application.stage_changes.all(), key=lambda change: (change.created_at, change.pk))
        assert changes[0].from_status == "" and changes[0].created_at == application.created_at
        assert changes[-1].to_status == application.status
        assert changes[-1].created_at == application.stage_entered_at == application.updated_at
        assert application.posting.published_at < application.created_at <= now
        for previous, change in itertools.pairwise(changes):
            assert change.from_status == previous.to_status
            assert previous.created_at <= change.created_at <= now
            by = Mover.CANDIDATE if change.actor_id == application.candidate_id else Mover.RECRUITER
            if (change.from_status, change.to_status) == (S.QUEUED, S.SUBMITTED):
                by = Mover.SYSTEM
            check_move(current=change.from_status, target=change.to_status, by=by)
        released = next((change.created_at for change in changes if change.to_status == S.SUBMITTED), None)
        assert application.submitted_at == released
        assert (application.rejection_reason is not None) == (application.status == S.REJECTED)
        scores = [review.score for review in application.reviews.all()]
        assert application.review_count == len(scores)
        if scores:
            assert application.average_score == pytest.approx(sum(scores) / len(scores), abs=0.01)
        else:
            assert application.average_score is None


def test_volume_reviews_and_interviews_come_from_the_units_reviewers(debug):
    run("--postings", "60", "--units", "3")
    run("--postings", "0", "--applications", "400", "--units", "3")

    reviews = Review.objects.filter(application__in=volume_applications()).select_related("application__posting")
    assert reviews.exists()
    for review in reviews:
        assert UnitMembership.objects.filter(user=review.reviewer, unit=review.application.posting.unit).exists()
        assert 1 <= review.score <= 4
    interviews = Interview.objects.filter(application__in=volume_applications())
    assert interviews.count() == volume_applications().filter(status=S.INTERVIEW).count()
    for interview in interviews.prefetch_related("interviewers"):
        assert len(interview.interviewers.all()) == 2


def test_applications_spread_a_tenth_to_the_first_unit_and_a_hundredth_to_the_last(debug):
    run("--postings", "300", "--units", "16")
    run("--postings", "0", "--applications", "3000", "--units", "16")

    units = list(BusinessUnit.objects.order_by("pk")[:16])
    per_unit = Counter(volume_applications().values_list("posting__unit", flat=True))
    assert per_unit[units[0].pk] == pytest.approx(300, rel=0.25)
    assert per_unit[units[-1].pk] == pytest.approx(30, rel=0.6)
    assert sum(per_unit.values()) == 3000


def test_volume_applications_are_the_same_with_the_same_seed(debug):
    run("--postings", "50", "--units", "3")

    def made():
        run("--postings", "0", "--applications", "150", "--units", "3", "--seed", "7")
        rows = sorted(volume_applications().values_list("candidate__email", "posting", "rank", "status"))
        Application.objects.all().delete()
        User.objects.filter(email__startswith="volume.candidate.").delete()
        return rows

    assert made() == made()


def test_volume_timestamps_are_automatic_again_after_seeding(debug):
    run("--postings", "20", "--units", "2")
    run("--postings", "0", "--applications", "20", "--units", "2")

    assert Application._meta.get_field("created_at").auto_now_add
    assert StageChange._meta.get_field("created_at").auto_now_add
    assert Review._meta.get_field("updated_at").auto_now


def test_seed_volume_refuses_a_negative_number_of_applications(debug):
    with pytest.raises(CommandError, match="--applications"):
        run("--applications", "-1")
