"""The demo's registrations for information sessions: the demo candidate at two sessions, and the small
Tsinghua session full with a waitlist, so both sides of the pages have something to show.

Idempotent: a person already registered (or waiting) for a session is left as they are. Written through the
service, so seats, the waitlist and check-in codes are as real ones (their emails go to the outbox like any).
"""

from django.contrib.auth import get_user_model
from django.utils import timezone

from demo.candidates import CANDIDATE_EMAIL
from infosessions.models import Registration
from infosessions.services import RegistrationRefused, registration_create
from postings.models import InfoSession

# (university, local start as the data writes it, how many demo candidates register), the demo candidate first.
REGISTRATIONS = [
    ("Zhejiang University", "2027-03-22", 6),
    ("Tsinghua University", "2027-03-25", 5),
    ("Monthly online Q&A", None, 3),
]


def seed(*, demo_candidate) -> int:
    """Register the demo people; returns how many registrations the demo holds."""
    user_model = get_user_model()
    now = timezone.now()
    for university, day, count in REGISTRATIONS:
        sessions = InfoSession.objects.filter(university_en=university, starts_at__gt=now)
        if day:
            sessions = sessions.filter(starts_at__date=day)
        session = sessions.order_by("starts_at").first()
        if session is None:
            continue
        emails = [CANDIDATE_EMAIL.format(number=number) for number in range(1, count)]
        people = [demo_candidate, *user_model.objects.filter(email__in=emails).order_by("email")]
        for person in people:
            if Registration.objects.live().filter(user=person, session=session).exists():
                continue
            try:
                registration_create(user=person, session=session, now=now)
            except RegistrationRefused:
                continue
    return Registration.objects.live().filter(session__university_en__in=[r[0] for r in REGISTRATIONS]).count()
