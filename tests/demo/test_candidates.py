"""seed_demo's candidates: the demo candidate, a few hundred others, their resumes and applications."""

import datetime as dt
import io
import itertools
from collections import Counter, defaultdict
from pathlib import Path
from types import SimpleNamespace

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from applicants.models import POOL_CONSENT_VERSION, Application, CandidateProfile, Resume, StageChange
from applicants.pdf import extract_text, inspect_pdf
from applicants.workflow import Mover, check_move
from demo import histories
from postings.models import Posting, Program
from recruit.accounts.models import User
from recruit.notifications.models import Notification

pytestmark = pytest.mark.django_db

S = Application.Status
CANDIDATE = ("candidate@demo.example", "demo-candidate-2027")
TOUR_UNIVERSITIES = {
    "Zhejiang University",
    "Peking University",
    "Tsinghua University",
    "Shanghai Jiao Tong University",
}


def run(*args):
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="class")
def seed(django_db_setup, django_db_blocker, tmp_path_factory):
    """seed_demo, run once for a class of tests that only read what it wrote: its output and media root.

    Like Django's setUpTestData: the rows live in a transaction the class's
    tests run inside (each in its own savepoint), rolled back after them.
    """
    media_root = tmp_path_factory.mktemp("media")
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        override_settings(DEBUG=True, MEDIA_ROOT=media_root, PASSWORD_HASHERS=hashers),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield SimpleNamespace(output=run(), media_root=media_root)
        transaction.set_rollback(True)


@pytest.fixture
def fresh(settings, tmp_path):
    """For a test that seeds by itself: DEBUG on, files in a directory of its own."""
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file())


def demo_candidate() -> User:
    return User.objects.get(email=CANDIDATE[0])


def others():
    return User.objects.filter(email__startswith="demo.candidate.", email__endswith="@demo.example")


def history(application) -> list[StageChange]:
    return list(application.stage_changes.order_by("created_at", "pk"))


def read(resume: Resume) -> bytes:
    with resume.file.open("rb") as stored:
        return stored.read()


def counts() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in (User, EmailAddress, CandidateProfile, Resume, Application, StageChange, Notification)
    }


class TestTheSeededDemo:
    """What one run of seed_demo (300 other candidates) wrote."""

    # --- The demo candidate ----------------------------------------------------------

    def test_the_demo_candidate_signs_in_to_a_complete_profile(self, seed, client):
        response = client.post("/accounts/login/", {"login": CANDIDATE[0], "password": CANDIDATE[1]})

        assert response.status_code == 302
        candidate = demo_candidate()
        assert client.session["_auth_user_id"] == str(candidate.pk)
        profile = candidate.candidate_profile
        assert profile.missing_fields() == []
        assert (profile.school, profile.degree_level, profile.graduation_date) == (
            "Zhejiang University",
            "master",
            dt.date(2027, 6, 30),
        )
        assert profile.phone and profile.major and profile.languages and profile.links.startswith("https://")
        assert profile.skills.count() >= 5
        assert profile.preferred_categories.exists() and profile.preferred_locations.exists()
        assert profile.open_to_reassignment
        assert profile.pool_consent_version == POOL_CONSENT_VERSION
        assert profile.pool_consent_at < timezone.now()

    def test_the_demo_candidate_has_a_current_pdf_resume_and_an_older_version(self, seed):
        candidate = demo_candidate()
        current = candidate.resumes.get(is_current=True)
        older = candidate.resumes.get(is_current=False)

        data = read(current)
        facts = inspect_pdf(data)
        assert (facts.sha256, facts.page_count, len(data)) == (current.checksum, current.page_count, current.size)
        assert current.text_status == Resume.TextStatus.DONE
        assert current.text == extract_text(data)
        assert "Li Na" in current.text and "PyTorch" in current.text
        assert (seed.media_root / current.file.name).is_file()
        # Stored under a generated name, never the one shown.
        assert current.file.name.startswith("resumes/") and current.original_name not in current.file.name
        assert older.uploaded_at < current.uploaded_at
        assert older.checksum != current.checksum
        assert inspect_pdf(read(older)).page_count == 1

    def test_the_demo_candidate_interviews_with_the_demo_recruiter_while_a_second_preference_waits(self, seed):
        candidate = demo_candidate()
        recruiter = User.objects.get(email="recruiter@demo.example")
        internship = Program.objects.get(slug="2027-internship")
        applications = {
            a.status: a for a in candidate.applications.select_related("posting__unit", "posting__program")
        }

        interview, queued, withdrawn = applications[S.INTERVIEW], applications[S.QUEUED], applications[S.WITHDRAWN]
        assert len(applications) == 3
        assert (interview.posting.program, interview.rank, interview.posting.unit.name) == (
            internship,
            1,
            "Alibaba Cloud",
        )
        assert interview.submitted_at == interview.created_at
        assert [(c.from_status, c.to_status, c.actor) for c in history(interview)] == [
            ("", S.SUBMITTED, candidate),
            (S.SUBMITTED, S.SCREENING, recruiter),
            (S.SCREENING, S.INTERVIEW, recruiter),
        ]
        assert (queued.posting.program, queued.rank, queued.submitted_at) == (internship, 2, None)
        assert queued.posting.unit.name != "Alibaba Cloud"
        assert withdrawn.posting.program.slug == "2027-star"
        assert [(c.from_status, c.to_status) for c in history(withdrawn)] == [
            ("", S.SUBMITTED),
            (S.SUBMITTED, S.WITHDRAWN),
        ]
        # The recruiter sees the application under review, not the one waiting.
        visible = set(Application.objects.visible_to(recruiter).filter(candidate=candidate))
        assert interview in visible and queued not in visible
        # Weeks of history, after the postings were published.
        times = [change.created_at for a in applications.values() for change in history(a)]
        assert max(times) - min(times) >= dt.timedelta(weeks=3)
        for application in applications.values():
            assert application.posting.published_at < application.created_at
            assert application.resume == candidate.resumes.get(is_current=True)

    # --- The other candidates --------------------------------------------------------

    def test_three_hundred_other_candidates_who_never_sign_in(self, seed):
        candidates = list(others().select_related("candidate_profile"))

        assert len(candidates) == 300
        assert EmailAddress.objects.filter(user__in=others(), verified=True, primary=True).count() == 300
        assert not any(candidate.has_usable_password() for candidate in candidates)
        assert len({candidate.name for candidate in candidates}) > 150
        assert any(not candidate.name.isascii() for candidate in candidates)
        profiles = [candidate.candidate_profile for candidate in candidates]
        assert all(profile.missing_fields() == [] for profile in profiles)
        schools = Counter(profile.school for profile in profiles)
        assert TOUR_UNIVERSITIES | {
            "Fudan University",
            "Stanford University",
            "National University of Singapore",
        } <= set(schools)
        assert set(Counter(profile.degree_level for profile in profiles)) == {"bachelor", "master", "doctorate"}
        consenting = [profile for profile in profiles if profile.pool_consent_at]
        assert 100 <= len(consenting) <= 200
        assert all(profile.pool_consent_version == POOL_CONSENT_VERSION for profile in consenting)

    def test_most_candidates_applied_and_those_outside_the_window_did_not(self, seed):
        program = Program.objects.get(slug="2027-internship")
        profiles = CandidateProfile.objects.filter(user__in=others())
        outside = profiles.exclude(graduation_date__range=(program.graduation_start, program.graduation_end))

        assert 3 <= outside.count() <= 40
        assert not Application.objects.filter(candidate__candidate_profile__in=outside).exists()
        applied = Application.objects.filter(candidate__in=others()).values("candidate").distinct().count()
        assert applied >= 240
        assert Application.objects.filter(candidate__in=others()).count() >= 350

    def test_applications_are_to_published_internship_postings_the_candidate_is_eligible_for(self, seed):
        program = Program.objects.get(slug="2027-internship")
        applications = Application.objects.filter(candidate__in=others()).select_related(
            "posting", "candidate__candidate_profile"
        )
        abroad = set(Posting.objects.filter(locations__in_mainland_china=False).values_list("pk", flat=True))

        assert len({a.posting.unit_id for a in applications}) >= 12
        for application in applications:
            profile = application.candidate.candidate_profile
            assert application.posting.program_id == program.pk
            assert application.posting.status == Posting.Status.PUBLISHED
            assert program.graduation_start <= profile.graduation_date <= program.graduation_end
            assert profile.degree_level in application.posting.degree_levels
            assert application.posting.published_at < application.created_at < timezone.now()
            assert bool(application.cross_border_consent_at) == (application.posting_id in abroad)

    def test_statuses_are_spread_as_in_a_real_season(self, seed):
        statuses = Counter(Application.objects.filter(candidate__in=others()).values_list("status", flat=True))

        released = {status: count for status, count in statuses.items() if status != S.QUEUED}
        assert max(released, key=released.get) == S.SUBMITTED
        for status in (S.QUEUED, S.SCREENING, S.ASSESSMENT, S.INTERVIEW, S.OFFER, S.HIRED, S.REJECTED, S.WITHDRAWN):
            assert statuses[status] > 0, status
        assert statuses[S.HIRED] + statuses[S.OFFER] < statuses[S.REJECTED] + statuses[S.SUBMITTED]

    def test_every_history_is_a_legal_path_ending_in_the_status(self, seed):
        now = timezone.now()
        applications = Application.objects.select_related("candidate").prefetch_related("stage_changes")

        for application in applications:
            changes = sorted(application.stage_changes.all(), key=lambda change: (change.created_at, change.pk))
            assert changes[-1].to_status == application.status, application
            assert (changes[0].from_status, changes[0].actor) == ("", application.candidate)
            assert changes[0].to_status in (S.SUBMITTED, S.QUEUED)
            assert changes[0].created_at == application.created_at
            assert changes[-1].created_at == application.updated_at
            for previous, change in itertools.pairwise(changes):
                assert change.from_status == previous.to_status, application
                assert previous.created_at <= change.created_at <= now
                released = (change.from_status, change.to_status) == (S.QUEUED, S.SUBMITTED)
                by = (
                    Mover.SYSTEM
                    if released
                    else Mover.CANDIDATE
                    if change.actor == application.candidate
                    else Mover.RECRUITER
                )
                check_move(current=change.from_status, target=change.to_status, by=by)
                if change.to_status == S.REJECTED:
                    assert change.reason.strip()
            first_submitted = next((c.created_at for c in changes if c.to_status == S.SUBMITTED), None)
            assert application.submitted_at == first_submitted
            if application.status == S.QUEUED:
                assert application.submitted_at is None

    def test_no_candidate_holds_more_active_applications_than_the_cap_and_preferences_are_reviewed_in_order(
        self, seed
    ):
        by_program = defaultdict(list)
        for application in Application.objects.select_related("posting__program"):
            by_program[application.candidate_id, application.posting.program].append(application)

        assert any(len(applications) == 2 for applications in by_program.values())
        for (_candidate, program), applications in by_program.items():
            active = [a for a in applications if a.is_active]
            under_review = [a for a in active if a.status != S.QUEUED]
            assert len(active) <= program.max_active_applications
            assert program.review == Program.Review.ORDERED
            # One preference with a unit at a time; a queued one waits for it.
            assert len(under_review) <= 1
            for application in active:
                if application.status == S.QUEUED:
                    assert under_review and under_review[0].rank < application.rank
            assert sorted(a.rank for a in applications) == list(range(1, len(applications) + 1))

    def test_after_a_rejection_the_next_preference_was_released_to_its_unit(self, seed):
        released = StageChange.objects.filter(
            from_status=S.QUEUED, to_status=S.SUBMITTED, application__candidate__in=others()
        ).select_related("application")

        assert released.exists()
        for change in released:
            assert change.actor is None
            first = Application.objects.get(candidate=change.application.candidate, rank=1)
            assert first.status in (S.REJECTED, S.WITHDRAWN, S.DECLINED)
            assert history(first)[-1].created_at == change.created_at
        rejected_first = Application.objects.filter(candidate__in=others(), rank=1, status=S.REJECTED)
        assert rejected_first.exists()
        for first in rejected_first:
            second = Application.objects.filter(candidate=first.candidate, rank=2).first()
            assert second is None or second.status in (S.SUBMITTED, S.SCREENING)

    def test_candidates_who_applied_have_a_current_resume_in_its_own_pdf_file(self, seed):
        resumes = list(Resume.objects.filter(candidate__in=others()))
        applied = set(Application.objects.filter(candidate__in=others()).values_list("candidate", flat=True))

        assert applied <= {resume.candidate_id for resume in resumes}
        assert len({resume.file.name for resume in resumes}) == len(resumes)
        assert len(stored_files(seed.media_root)) == Resume.objects.count()
        for resume in resumes:
            data = read(resume)
            facts = inspect_pdf(data)
            assert (facts.sha256, facts.page_count, len(data)) == (resume.checksum, resume.page_count, resume.size)
            assert resume.is_current and resume.text_status == Resume.TextStatus.DONE
            assert resume.text == extract_text(data)
        for application in Application.objects.filter(candidate__in=others()).select_related("resume"):
            assert application.resume.candidate_id == application.candidate_id

    def test_a_second_run_adds_nothing(self, seed):
        before, files = counts(), stored_files(seed.media_root)

        output = run()

        assert counts() == before
        assert stored_files(seed.media_root) == files
        assert "300 other candidates (0 new)" in output

    def test_it_prints_the_candidates_and_the_three_credentials(self, seed):
        assert "300 other candidates (300 new)" in seed.output
        assert "demo candidate: 2 resumes; applications: interview (Alibaba Cloud, internship)" in seed.output
        for email, password in [
            ("admin@demo.example", "demo-admin-2027"),
            ("recruiter@demo.example", "demo-recruiter-2027"),
            CANDIDATE,
        ]:
            assert email in seed.output and password in seed.output


# --- Running it -------------------------------------------------------------------


def test_seeding_writes_no_notifications_and_sends_no_email(fresh, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        run()

    assert not Notification.objects.exists()
    assert mail.outbox == []
    assert callbacks == []


def test_more_candidates_are_added_to_those_there(fresh):
    run("--candidates", "5")
    first = list(others().order_by("email").values_list("email", "name"))

    output = run("--candidates", "8")

    assert "8 other candidates (3 new)" in output
    assert list(others().order_by("email").values_list("email", "name"))[:5] == first
    assert others().count() == 8


def test_it_refuses_a_negative_number_of_candidates(fresh):
    with pytest.raises(CommandError, match="--candidates"):
        run("--candidates", "-1")


def test_a_failed_run_leaves_no_rows_and_no_files(fresh, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(histories, "write_histories", fail)

    with pytest.raises(RuntimeError):
        run("--candidates", "5")

    assert stored_files(fresh) == []
    assert not User.objects.exists()
    assert not Resume.objects.exists()
