"""Personas and shared fixtures.

Alice is a candidate, Bob another candidate; Rita recruits for unit A, Ron for
unit B; Ada is an admin; a visitor is anyone not signed in.
"""

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.utils import translation

from recruit.celery import app as celery_app
from tests.factories import (
    BusinessUnitFactory,
    CandidateProfileFactory,
    ResumeFactory,
    UnitMembershipFactory,
    UserFactory,
    verify_email,
)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The database as migrations leave it, with the catalogue-version row they create, which a transactional
    test's flush removes (with --reuse-db, a flush of an earlier run)."""
    from postings.models import CatalogueVersion

    with django_db_blocker.unblock():
        CatalogueVersion.objects.get_or_create(pk=1, defaults={"token": 1})


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # No collectstatic before tests: plain storage, files found in place.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    if settings.CACHES["default"]["BACKEND"].endswith(".DatabaseCache"):
        # Without REDIS_URL, DEBUG off means the database cache; in memory
        # here, so the query counts the tests assert are the pages' own.
        # tests/accounts/test_rate_limits.py tests the database cache itself.
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Each test starts with an empty cache: pages are cached under tokens that a rolled-back test can repeat.
    cache.clear()
    # And in the default language: a request in Chinese leaves Chinese active in the thread (Django's test client
    # does not restore it), which would make the next test's emails and rendered text Chinese.
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _tasks_in_process(request):
    """Tasks run in the test's process, after commit, as they do without a broker.

    Only the tests that prove delivery (marked `worker`) talk to a real broker.
    """
    if request.node.get_closest_marker("worker"):
        yield
        return
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def unit_a(db):
    return BusinessUnitFactory(name="Alibaba Cloud", slug="alibaba-cloud")


@pytest.fixture
def unit_b(db):
    return BusinessUnitFactory(name="Amap", slug="amap")


@pytest.fixture
def candidate(db):
    return UserFactory(email="alice@example.com", name="Alice Candidate")


@pytest.fixture
def ready_candidate(candidate, settings, tmp_path):
    """Alice with a verified email, a complete profile and a current resume: she can apply."""
    settings.MEDIA_ROOT = tmp_path
    verify_email(candidate)
    CandidateProfileFactory(user=candidate)
    ResumeFactory(candidate=candidate)
    return candidate


@pytest.fixture
def other_candidate(db):
    return UserFactory(email="bob@example.com", name="Bob Candidate")


@pytest.fixture
def recruiter_a(db, unit_a):
    return UnitMembershipFactory(user__email="rita@example.com", user__name="Rita Recruiter", unit=unit_a).user


@pytest.fixture
def recruiter_b(db, unit_b):
    return UnitMembershipFactory(user__email="ron@example.com", user__name="Ron Recruiter", unit=unit_b).user


@pytest.fixture
def rejection_reason(db):
    """A reason that lets the talent pool suggest the candidate to other units."""
    from tests.factories import RejectionReasonFactory

    return RejectionReasonFactory()


@pytest.fixture
def admin_user(db):
    user = UserFactory(email="ada@example.com", name="Ada Admin", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="postings"),
    )
    return user


@pytest.fixture
def visitor(client):
    return client
