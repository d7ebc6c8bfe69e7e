"""The personal version changes with every write to what a page shows of its user, and with nothing else."""

import pytest
from django.contrib.sessions.models import Session
from django.template import Context, Template, TemplateSyntaxError
from django.utils import timezone

from recruit.accounts.backends import ModelBackend
from recruit.accounts.models import PersonalVersion
from recruit.accounts.personal import personal_cached, personal_token
from recruit.accounts.sessions import SessionStore
from recruit.notifications.models import Notification
from tests.factories import (
    ApplicationFactory,
    CandidateProfileFactory,
    PostingFactory,
    ResumeFactory,
    UnitMembershipFactory,
    UserFactory,
    verify_email,
)

pytestmark = pytest.mark.django_db


def token(user) -> int | None:
    return PersonalVersion.objects.filter(user_id=user.pk).values_list("token", flat=True).first()


def notify(user, key="n1"):
    return Notification.objects.create(
        recipient=user, email=user.email, event="application_received", key=key, subject="Hello", body_text="Text"
    )


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


WRITES = {
    "a candidate profile": lambda user: CandidateProfileFactory(user=user),
    "a resume": lambda user: ResumeFactory(candidate=user),
    "an application": lambda user: ApplicationFactory(candidate=user),
    "an email address verified": verify_email,
    "a notification": notify,
    "a unit role": lambda user: UnitMembershipFactory(user=user),
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_it_changes_when_something_of_the_user_is_written(candidate, media, write):
    before = token(candidate)
    write(candidate)
    assert token(candidate) != before


def test_it_changes_when_an_application_moves_or_goes(candidate, media):
    application = ApplicationFactory(candidate=candidate)
    before = token(candidate)
    application.status = "screening"
    application.save(update_fields=["status"])
    assert token(candidate) != before
    before = token(candidate)
    application.delete()
    assert token(candidate) != before


def test_reading_a_notification_changes_it_but_sending_one_does_not(candidate):
    notification = notify(candidate)
    before = token(candidate)
    Notification.objects.filter(pk=notification.pk).update(status=Notification.Status.SENT, sent_at=timezone.now())
    assert token(candidate) == before
    Notification.objects.filter(pk=notification.pk).update(read_at=timezone.now())
    assert token(candidate) != before


def test_becoming_staff_changes_it_but_signing_in_does_not(candidate):
    before = token(candidate)
    candidate.last_login = timezone.now()
    candidate.save(update_fields=["last_login"])
    assert token(candidate) == before
    candidate.is_staff = True
    candidate.save(update_fields=["is_staff"])
    assert token(candidate) != before


def test_one_users_writes_leave_anothers_version_alone(candidate, other_candidate, media):
    before = token(other_candidate)
    CandidateProfileFactory(user=candidate)
    notify(candidate)
    assert token(other_candidate) == before


def test_a_user_saved_from_memory_cannot_put_an_old_version_back(candidate):
    stale = type(candidate).objects.get(pk=candidate.pk)
    notify(candidate)
    changed = token(candidate)
    stale.name = "Alice Again"
    stale.save()  # every column of the user row, from memory
    assert token(candidate) not in (None, 0)
    assert token(candidate) != changed  # the name changed it once more, never back


def test_deleting_an_account_with_everything_it_holds_works(candidate, media):
    CandidateProfileFactory(user=candidate)
    ApplicationFactory(candidate=candidate)
    notify(candidate)
    candidate.delete()
    assert not type(candidate).objects.filter(pk=candidate.pk).exists()


def test_the_backend_loads_the_user_with_their_version_in_one_query(candidate, django_assert_num_queries):
    notify(candidate)
    with django_assert_num_queries(1):
        user = ModelBackend().get_user(candidate.pk)
        loaded = personal_token(user)
    assert loaded == token(candidate)
    assert ModelBackend().get_user(candidate.pk + 1000) is None
    assert ModelBackend().get_user("not a number") is None


def test_the_backend_refuses_an_inactive_user(candidate):
    candidate.is_active = False
    candidate.save()
    assert ModelBackend().get_user(candidate.pk) is None


def test_a_user_without_a_version_yet_has_token_zero_and_one_after_a_write():
    user = UserFactory()
    PersonalVersion.objects.filter(user_id=user.pk).delete()
    assert personal_token(ModelBackend().get_user(user.pk)) == 0
    notify(user)
    assert personal_token(ModelBackend().get_user(user.pk)) != 0


def test_a_cached_value_lasts_until_something_of_the_user_changes(candidate):
    computed = []

    def unread():
        computed.append(1)
        return Notification.objects.filter(recipient=candidate, read_at=None).count()

    def current():
        return personal_cached(ModelBackend().get_user(candidate.pk), "unread", unread)

    assert current() == 0
    assert current() == 0
    assert len(computed) == 1  # 0 is kept too
    notify(candidate)
    assert current() == 1


def test_sessions_are_read_and_expire_as_djangos_own(candidate):
    store = SessionStore()
    store["answer"] = 42
    store.create()
    assert SessionStore(store.session_key).load() == {"answer": 42}
    Session.objects.filter(session_key=store.session_key).update(expire_date=timezone.now())
    expired = SessionStore(store.session_key)
    assert expired.load() == {}
    assert expired.session_key is None
    for junk in ("", "short", "x" * 200, "'; DROP TABLE django_session; --"):
        assert SessionStore(junk).load() == {}
    assert Session.objects.exists()


def test_a_personal_block_must_hold_one_inline_partial():
    for source in (
        "{% personal %}{% endpersonal %}",
        "{% personal %}{% partialdef a %}x{% endpartialdef %}{% endpersonal %}",
        "{% personal %}{% partialdef a inline %}x{% endpartialdef %} text{% endpersonal %}",
        "{% personal everyone %}{% partialdef a inline %}x{% endpartialdef %}{% endpersonal %}",
    ):
        with pytest.raises(TemplateSyntaxError):
            Template("{% load personal_parts %}" + source)
    source = "{% personal %} {% partialdef a inline %}<b>x</b>{% endpartialdef %} {% endpersonal %}"
    rendered = Template("{% load personal_parts %}" + source).render(Context())
    assert rendered == "<b>x</b>"


def test_posting_factories_leave_the_personal_version_alone(candidate):
    before = token(candidate)
    PostingFactory()
    assert token(candidate) == before
