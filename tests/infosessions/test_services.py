"""Registering, the waitlist and its promotions, check-in, cancelling a session."""

import datetime as dt
import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from infosessions import codes
from infosessions.models import Registration
from infosessions.services import (
    CheckInRefused,
    RegistrationRefused,
    check_in,
    registration_cancel,
    registration_create,
    session_cancel,
    session_save,
    waitlist_position,
)
from recruit.notifications.models import Notification
from tests.infosessions.conftest import make_session, person

pytestmark = pytest.mark.django_db
State = Registration.State


def events_of(user):
    return list(Notification.objects.filter(recipient=user).order_by("pk").values_list("event", flat=True))


# --- Capacity and the waitlist ------------------------------------------------------


def test_people_beyond_the_capacity_join_the_waitlist_in_order(session):
    people = [person(n) for n in range(4)]
    states = [registration_create(user=p, session=session).state for p in people]
    assert states == [State.REGISTERED, State.REGISTERED, State.WAITLISTED, State.WAITLISTED]
    waiting = Registration.objects.waitlist()
    assert [waitlist_position(r) for r in waiting] == [1, 2]
    assert events_of(people[0]) == ["session_registered"]
    assert events_of(people[2]) == ["session_waitlisted"]


def test_a_cancellation_promotes_the_first_person_waiting_who_is_told(session):
    first, second, waiting, later = (person(n) for n in range(4))
    seat = registration_create(user=first, session=session)
    registration_create(user=second, session=session)
    registration_create(user=waiting, session=session)
    registration_create(user=later, session=session)

    promoted = registration_cancel(registration=seat, user=first)

    assert promoted.user == waiting
    promoted.refresh_from_db()
    assert promoted.state == State.REGISTERED and promoted.promoted_at is not None
    assert events_of(waiting) == ["session_waitlisted", "session_promoted"]
    assert Registration.objects.get(user=later).state == State.WAITLISTED
    assert waitlist_position(Registration.objects.get(user=later)) == 1


def test_cancelling_a_waitlist_place_promotes_nobody(session):
    people = [person(n) for n in range(3)]
    for p in people:
        registration_create(user=p, session=session)
    assert registration_cancel(registration=Registration.objects.get(user=people[2]), user=people[2]) is None
    assert Registration.objects.holding_seats().count() == 2


def test_cancelling_twice_is_harmless(session):
    alice = person(1)
    registration = registration_create(user=alice, session=session)
    registration_cancel(registration=registration, user=alice)
    assert registration_cancel(registration=registration, user=alice) is None
    assert Registration.objects.get().state == State.CANCELLED


def test_one_cannot_cancel_someone_elses_registration(session):
    alice, bob = person(1), person(2)
    registration = registration_create(user=alice, session=session)
    with pytest.raises(Registration.DoesNotExist):
        registration_cancel(registration=registration, user=bob)
    assert Registration.objects.get().state == State.REGISTERED


def test_registering_twice_is_refused(session):
    alice = person(1)
    registration_create(user=alice, session=session)
    with pytest.raises(RegistrationRefused, match="already registered"):
        registration_create(user=alice, session=session)
    assert Registration.objects.count() == 1


def test_one_may_register_again_after_cancelling(session):
    alice = person(1)
    registration_cancel(registration=registration_create(user=alice, session=session), user=alice)
    again = registration_create(user=alice, session=session)
    assert again.state == State.REGISTERED
    assert Registration.objects.live().count() == 1


def test_the_database_allows_one_live_registration_per_person(session):
    alice = person(1)
    Registration.objects.create(user=alice, session=session, check_in_code=codes.new_code())
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(user=alice, session=session, check_in_code=codes.new_code())
    Registration.objects.create(user=alice, session=session, state=State.CANCELLED, check_in_code=codes.new_code())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": "cancelled"}, "cancelled"),
        ({"starts_at": timezone.now() - dt.timedelta(days=3)}, "started or is over"),
        ({"starts_at": timezone.now() - dt.timedelta(minutes=30)}, "started or is over"),
    ],
)
def test_registering_for_a_cancelled_started_or_past_session_is_refused(unit_a, change, message):
    session = make_session(units=[unit_a], **change)
    with pytest.raises(RegistrationRefused, match=message):
        registration_create(user=person(1), session=session)
    assert not Registration.objects.exists()


def test_added_seats_go_to_the_people_waiting(session):
    people = [person(n) for n in range(4)]
    for p in people:
        registration_create(user=p, session=session)
    session.capacity = 3
    session_save(session=session, units=list(session.units.all()))
    assert Registration.objects.get(user=people[2]).state == State.REGISTERED
    assert Registration.objects.get(user=people[3]).state == State.WAITLISTED
    assert events_of(people[2])[-1] == "session_promoted"


def test_cancelling_a_session_tells_everyone_registered_or_waiting_once(session):
    people = [person(n) for n in range(3)]
    for p in people:
        registration_create(user=p, session=session)
    registration_cancel(registration=Registration.objects.get(user=people[0]), user=people[0])
    # people[2] was promoted; everyone still live is told.
    assert session_cancel(session=session) == 2
    assert session_cancel(session=session) == 0
    assert events_of(people[0]) == ["session_registered"]
    assert events_of(people[1])[-1] == "session_cancelled"
    assert events_of(people[2])[-1] == "session_cancelled"
    with pytest.raises(RegistrationRefused):
        registration_create(user=person(9), session=session)


def test_nobody_is_promoted_once_the_session_has_started(unit_a):
    session = make_session(units=[unit_a], capacity=1)
    alice, bob = person(1), person(2)
    seat = registration_create(user=alice, session=session)
    registration_create(user=bob, session=session)
    later = session.starts_at + dt.timedelta(minutes=5)
    with pytest.raises(RegistrationRefused, match="started"):
        registration_cancel(registration=seat, user=alice, now=later)
    assert Registration.objects.get(user=bob).state == State.WAITLISTED


# --- Check-in ----------------------------------------------------------------------


def test_codes_are_long_random_and_unambiguous():
    made = {codes.new_code() for _ in range(500)}
    assert len(made) == 500
    for code in made:
        assert len(code) >= 8 and codes.is_well_formed(code)
        assert not set(code) & set("0O1IL5S2Z8B")


def test_checking_in_marks_attendance_and_counts_it_on_the_pool_entry(session):
    from talentpool.models import PoolEntry

    alice = person(1)
    entry = PoolEntry.objects.create(candidate=alice)
    registration = registration_create(user=alice, session=session)
    typed = f" {registration.check_in_code[:5].lower()}-{registration.check_in_code[5:]} "

    checked = check_in(session=session, code=typed)

    assert checked.pk == registration.pk
    checked.refresh_from_db()
    assert checked.state == State.ATTENDED and checked.attended_at is not None
    entry.refresh_from_db()
    assert entry.sessions_attended == 1
    assert entry.last_session_attended_at == checked.attended_at


def test_checking_in_someone_without_a_pool_entry_works(session):
    alice = person(1)
    registration = registration_create(user=alice, session=session)
    assert check_in(session=session, code=registration.check_in_code).state == State.ATTENDED


def test_a_code_checks_in_once(session):
    alice = person(1)
    registration = registration_create(user=alice, session=session)
    check_in(session=session, code=registration.check_in_code)
    with pytest.raises(CheckInRefused, match="already used"):
        check_in(session=session, code=registration.check_in_code)
    assert Registration.objects.get().attended_at is not None


@pytest.mark.parametrize("typed", ["", "ACDEF", "ACDEF-3467", "ACDEF-346790", "!!!!!!!!!!", "\x00" * 10, "x" * 500])
def test_malformed_codes_are_refused(session, typed):
    registration_create(user=person(1), session=session)
    with pytest.raises(CheckInRefused):
        check_in(session=session, code=typed)
    assert not Registration.objects.filter(state=State.ATTENDED).exists()


def test_a_guessed_code_is_refused(session):
    registration = registration_create(user=person(1), session=session)
    guess = "ACDEFGHJKM" if registration.check_in_code != "ACDEFGHJKM" else "MKJHGFEDCA"
    with pytest.raises(CheckInRefused, match="No registration"):
        check_in(session=session, code=guess)


def test_a_code_of_another_session_is_refused(session, unit_a):
    other = make_session(units=[unit_a])
    registration = registration_create(user=person(1), session=other)
    with pytest.raises(CheckInRefused, match="No registration"):
        check_in(session=session, code=registration.check_in_code)


def test_the_code_of_a_cancelled_registration_is_refused(session):
    alice = person(1)
    registration = registration_create(user=alice, session=session)
    registration_cancel(registration=registration, user=alice)
    with pytest.raises(CheckInRefused, match="No registration"):
        check_in(session=session, code=registration.check_in_code)


def test_someone_on_the_waitlist_cannot_check_in(unit_a):
    session = make_session(units=[unit_a], capacity=1)
    registration_create(user=person(1), session=session)
    waiting = registration_create(user=person(2), session=session)
    with pytest.raises(CheckInRefused, match="waitlist"):
        check_in(session=session, code=waiting.check_in_code)


def test_an_attended_registration_cannot_be_cancelled(session):
    alice = person(1)
    registration = registration_create(user=alice, session=session)
    check_in(session=session, code=registration.check_in_code)
    with pytest.raises(RegistrationRefused):
        registration_cancel(registration=registration, user=alice)


def test_codes_are_compared_in_constant_time(monkeypatch):
    compared = []
    real = codes.hmac.compare_digest
    monkeypatch.setattr(codes.hmac, "compare_digest", lambda a, b: compared.append(a) or real(a, b))
    assert codes.find("BBBBB", [("AAAAA", 1), ("BBBBB", 2), ("CCCCC", 3)]) == 2
    # Every stored code is compared, whatever matched first.
    assert len(compared) == 3


# --- Concurrency (PostgreSQL) -------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writes need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_cancellations_at_once_promote_two_different_people(unit_a):
    session = make_session(units=[unit_a], capacity=2)
    seated = [registration_create(user=person(n), session=session) for n in range(2)]
    waiting = [registration_create(user=person(n), session=session) for n in range(2, 5)]
    barrier = threading.Barrier(2)
    promoted, errors = [], []

    def cancel(registration):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            promoted.append(registration_cancel(registration=registration, user=registration.user))
        except Exception as error:
            errors.append(error)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=cancel, args=(registration,)) for registration in seated]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert not errors
    assert sorted(r.pk for r in promoted) == sorted(r.pk for r in waiting[:2])
    assert Registration.objects.holding_seats().filter(session=session).count() == 2
    assert Registration.objects.get(pk=waiting[2].pk).state == State.WAITLISTED
    assert Notification.objects.filter(event="session_promoted").count() == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writes need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_registrations_at_once_never_overfill_a_session(unit_a):
    session = make_session(units=[unit_a], capacity=2)
    people = [person(n) for n in range(6)]
    barrier = threading.Barrier(len(people))

    def register(user):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            registration_create(user=user, session=session)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=register, args=(user,)) for user in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert Registration.objects.holding_seats().count() == 2
    assert Registration.objects.filter(state=State.WAITLISTED).count() == 4
