"""The demo's registrations for information sessions: the demo candidate at two sessions, and the small
Tsinghua session full with a waitlist, so both sides of the pages have something to show.

Idempotent: a person already registered (or waiting) for a session is left as they are. Seeding sends no
email, so the rows are written here rather than through infosessions.services (which tells each person): a
seat while the session has one, else the waitlist, each with its own check-in code, as the service would.
"""

from django.contrib.auth import get_user_model
from django.utils import timezone

from demo.candidates import CANDIDATE_EMAIL
from infosessions import codes
from infosessions.models import Registration
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
            seated = Registration.objects.holding_seats().filter(session=session).count()
            taken = set(Registration.objects.filter(session=session).values_list("check_in_code", flat=True))
            code = codes.new_code()
            while code in taken:
                code = codes.new_code()
            Registration.objects.create(
                user=person,
                session=session,
                check_in_code=code,
                state=Registration.State.REGISTERED if seated < session.capacity else Registration.State.WAITLISTED,
            )
    return Registration.objects.live().filter(session__university_en__in=[r[0] for r in REGISTRATIONS]).count()
