"""seed_volume --pool-candidates: pool candidates with profiles, consent and resume text, and their pool entries
written in bulk exactly as talentpool.services.entry_refresh writes them."""

import io
import re

import pytest
from django.core.management import CommandError, call_command

from applicants.models import Application, CandidateProfile, Resume
from demo import pool_volume
from recruit.accounts.models import User
from talentpool.models import PoolEntry, Turndown
from talentpool.services import entry_refresh, skills_named_in

pytestmark = pytest.mark.django_db

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def run(*args):
    out = io.StringIO()
    call_command("seed_volume", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def pool_candidates():
    return User.objects.filter(email__startswith=pool_volume.EMAIL_PREFIX)


def entries_as_written() -> dict:
    """Every pool entry by candidate, with its skills and turndowns: all that entry_refresh writes."""
    fields = [
        field.attname
        for field in PoolEntry._meta.concrete_fields
        if field.name not in {"id", "created_at", "updated_at", "candidate"}
    ]
    entries = {}
    for entry in PoolEntry.objects.prefetch_related("skills", "turndowns"):
        entries[entry.candidate_id] = {
            **{name: getattr(entry, name) for name in fields},
            "skills": sorted(skill.pk for skill in entry.skills.all()),
            "turndowns": sorted(
                (t.application_id, t.unit_id, t.category_id, t.allows_resurfacing, t.stage_reached, t.turned_down_at)
                for t in entry.turndowns.all()
            ),
        }
    return entries


def test_the_entries_are_what_entry_refresh_writes(debug):
    output = run("--postings", "40", "--pool-candidates", "150", "--batch-size", "70")
    written = entries_as_written()
    assert len(written) == 150
    assert any(entry["turndowns"] for entry in written.values())

    # Made again, one by one, by the pool's own service.
    PoolEntry.objects.all().delete()
    for candidate_id in written:
        entry_refresh(candidate_id)

    assert entries_as_written() == written
    assert "Added 150 pool candidates" in output


def test_pool_candidates_consented_with_a_profile_and_a_resume_a_tenth_in_chinese(debug):
    run("--postings", "40", "--pool-candidates", "200")

    candidates = pool_candidates()
    assert candidates.count() == 200
    profiles = CandidateProfile.objects.filter(user__in=candidates)
    assert profiles.filter(pool_consent_at__isnull=False).count() == 200
    for profile in profiles.prefetch_related("skills", "preferred_categories", "preferred_locations")[:50]:
        assert profile.skills.all() and profile.preferred_categories.all() and profile.preferred_locations.all()
        assert profile.degree_level and profile.graduation_date and profile.school
    resumes = Resume.objects.filter(candidate__in=candidates, is_current=True)
    assert resumes.count() == 200
    texts = list(resumes.values_list("text", flat=True))
    chinese = [text for text in texts if CHINESE.search(text)]
    assert 10 <= len(chinese) <= 35
    assert all("专业技能" in text for text in chinese)
    assert all("Skills:" in text for text in texts if text not in chinese)
    # The resume names skills the catalogue knows, in either language.
    assert all(skills_named_in(text) for text in texts[:40])


def test_turned_down_candidates_have_a_rejected_application_with_its_history(debug):
    run("--postings", "40", "--pool-candidates", "120")

    applications = Application.objects.filter(candidate__in=pool_candidates()).prefetch_related("stage_changes")
    assert applications
    for application in applications:
        assert application.status == Application.Status.REJECTED and application.rejection_reason_id
        changes = sorted(application.stage_changes.all(), key=lambda change: change.created_at)
        assert changes[0].to_status == Application.Status.SUBMITTED
        assert changes[-1].to_status == Application.Status.REJECTED
        assert changes[-1].created_at == application.stage_entered_at
        assert application.created_at <= application.stage_entered_at
    assert Turndown.objects.filter(entry__candidate__in=pool_candidates()).count() == applications.count()


def test_a_second_run_adds_more_candidates(debug):
    run("--postings", "5", "--pool-candidates", "30")
    run("--postings", "0", "--pool-candidates", "20")

    assert pool_candidates().count() == 50
    assert PoolEntry.objects.count() == 50


def test_no_pool_candidates_by_default(debug):
    run("--postings", "5")

    assert not pool_candidates().exists()


def test_a_negative_count_is_refused(debug):
    with pytest.raises(CommandError):
        run("--pool-candidates", "-1")
