import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import InfoSessionFactory, UserFactory, verify_email


def make_session(*, capacity=2, days=10, units=(), **kwargs):
    start = kwargs.pop("starts_at", timezone.now() + dt.timedelta(days=days))
    session = InfoSessionFactory(capacity=capacity, starts_at=start, ends_at=start + dt.timedelta(hours=2), **kwargs)
    if units:
        session.units.set(units)
    return session


def person(n: int):
    return verify_email(UserFactory(email=f"student{n}@example.com", name=f"Student {n}"))


@pytest.fixture
def session(unit_a):
    """Two seats, ten days ahead, presented by unit A."""
    return make_session(units=[unit_a])
