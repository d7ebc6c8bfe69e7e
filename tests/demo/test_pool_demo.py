"""seed_demo's talent pool: candidates turned down by one unit (with a reason that allows resurfacing) who fit
another unit's open roles, most of them the demo recruiter's; their entries and the suggestions made at once."""

import io
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.test import override_settings
from django.utils import timezone

from applicants.models import Application, Resume
from applicants.pdf import extract_text
from demo.data import pool as data
from postings.models import UnitMembership
from recruit.accounts.models import User
from talentpool.matching import reasons_in_words
from talentpool.models import PoolEntry, Suggestion, Turndown

pytestmark = pytest.mark.django_db

S = Application.Status
RECRUITER = "recruiter@demo.example"


def run(*args):
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="class")
def seed(django_db_setup, django_db_blocker, tmp_path_factory):
    """seed_demo with a few other candidates, once for the class (rolled back after it)."""
    media_root = tmp_path_factory.mktemp("media")
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        override_settings(DEBUG=True, MEDIA_ROOT=media_root, PASSWORD_HASHERS=hashers),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield SimpleNamespace(output=run("--candidates", "20"), now=timezone.now(), media_root=media_root)
        transaction.set_rollback(True)


def recruiter_units():
    return UnitMembership.objects.filter(user__email=RECRUITER).values("unit")


def pool_candidates():
    return User.objects.filter(email__startswith=data.POOL_EMAIL_PREFIX)


def recruiter_suggestions():
    return Suggestion.objects.filter(posting__unit__in=recruiter_units())


class TestThePoolDemo:
    def test_the_demo_recruiter_sees_candidates_another_unit_turned_down(self, seed):
        elsewhere = Turndown.objects.filter(entry_id=OuterRef("entry_id"), allows_resurfacing=True).exclude(
            unit__in=recruiter_units()
        )
        suggested = recruiter_suggestions().filter(Exists(elsewhere), state=Suggestion.State.NEW)

        people = set(suggested.values_list("entry__candidate__email", flat=True))
        assert len({email for email in people if email.startswith(data.POOL_EMAIL_PREFIX)}) >= 6
        # Each is among the top three of a posting of the unit, with the other unit's judgement as a reason.
        for email in {email for email in people if email.startswith(data.POOL_EMAIL_PREFIX)}:
            best = suggested.filter(entry__candidate__email=email).order_by("-score").first()
            above = Suggestion.objects.filter(posting=best.posting, score__gt=best.score).count()
            assert above < 3, email
        words = [reasons_in_words(s.reasons, "en") for s in suggested]
        assert any("reached interview at another unit" in sentence for sentence in words)

    def test_the_pool_candidates_consented_have_a_resume_and_are_available(self, seed):
        candidates = list(pool_candidates().select_related("candidate_profile", "pool_entry"))

        assert len(candidates) == len(data.POOL_CANDIDATES)
        for candidate in candidates:
            entry = candidate.pool_entry
            assert candidate.candidate_profile.pool_consent_at is not None
            assert entry.status == PoolEntry.Status.AVAILABLE, (candidate.email, entry.unavailable_reasons)
            assert entry.consent_at == candidate.candidate_profile.pool_consent_at
            resume = Resume.objects.get(candidate=candidate, is_current=True)
            assert entry.resume_text == resume.text and "Skills:" in resume.text
            assert set(candidate.candidate_profile.skills.values_list("pk", flat=True)) <= set(
                entry.skills.values_list("pk", flat=True)
            )
            # The resume's text is what extraction reads back from its PDF.
            assert resume.text == extract_text((seed.media_root / resume.file.name).read_bytes())

    def test_each_was_turned_down_once_with_a_reason_that_allows_resurfacing(self, seed):
        for candidate in pool_candidates():
            (application,) = Application.objects.filter(candidate=candidate).select_related("rejection_reason")
            assert application.status == S.REJECTED
            assert application.rejection_reason.allows_resurfacing
            (turndown,) = Turndown.objects.filter(entry__candidate=candidate)
            assert turndown.allows_resurfacing
            assert (turndown.unit_id, turndown.category_id) == (
                application.posting.unit_id,
                application.posting.category_id,
            )
            changes = list(application.stage_changes.order_by("created_at").values_list("to_status", flat=True))
            assert changes[0] == S.SUBMITTED and changes[-1] == S.REJECTED
            assert application.stage_entered_at < seed.now

    def test_no_unit_is_suggested_a_candidate_it_turned_down_for_the_role_category(self, seed):
        turned_down = Turndown.objects.filter(
            entry_id=OuterRef("entry_id"),
            unit_id=OuterRef("posting__unit_id"),
            category_id=OuterRef("posting__category_id"),
        )

        assert Suggestion.objects.exists()
        assert not Suggestion.objects.filter(Exists(turned_down)).exists()
        # The two turned down by the demo recruiter's unit are suggested to other units.
        by_recruiters_unit = pool_candidates().filter(pool_entry__turndowns__unit__in=recruiter_units()).distinct()
        assert by_recruiters_unit.count() == 2
        for candidate in by_recruiters_unit:
            assert (
                Suggestion.objects.filter(entry__candidate=candidate)
                .exclude(posting__unit__in=recruiter_units())
                .exists()
            )

    def test_only_available_entries_are_suggested_for_open_postings(self, seed):
        suggested = Suggestion.objects.select_related("entry", "posting", "posting__program")

        for suggestion in suggested:
            assert suggestion.entry.status == PoolEntry.Status.AVAILABLE
            assert suggestion.posting.is_accepting(seed.now)

    def test_the_command_reports_the_pool(self, seed):
        assert "talent pool:" in seed.output
        assert "the demo recruiter's unit:" in seed.output


def snapshot():
    """The pool's rows as plain values (the times a row was last saved aside)."""
    entry_fields = [field.attname for field in PoolEntry._meta.concrete_fields if field.name != "updated_at"]
    return {
        "users": sorted(User.objects.values_list("email", flat=True)),
        "entries": list(PoolEntry.objects.order_by("pk").values(*entry_fields)),
        "entry_skills": sorted(PoolEntry.skills.through.objects.values_list("poolentry_id", "skill_id")),
        "turndowns": list(Turndown.objects.order_by("pk").values()),
        "suggestions": list(
            Suggestion.objects.order_by("pk").values("pk", "entry_id", "posting_id", "score", "reasons", "state")
        ),
        "applications": sorted(Application.objects.values_list("pk", "status")),
    }


def test_a_second_run_changes_nothing_in_the_pool(settings, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    run("--candidates", "5")
    before = snapshot()

    output = run("--candidates", "5")

    assert snapshot() == before
    assert "(0 new)" in output.split("talent pool:")[1]
