"""infosessions: a registration's emails and the reminders, as infosessions.services.email_context writes them."""

import datetime as dt
from zoneinfo import ZoneInfo

from infosessions.models import Registration
from infosessions.services import email_context
from postings.models import InfoSession
from recruit.accounts.models import User


def _registration(state=Registration.State.REGISTERED, *, online_url="") -> Registration:
    starts_at = dt.datetime(2027, 3, 18, 17, 30, tzinfo=ZoneInfo("America/Los_Angeles"))
    session = InfoSession(
        pk=7,
        university_en="Bay Area universities",
        university_zh_hans="湾区高校",
        city_en="Sunnyvale",
        city_zh_hans="桑尼维尔",
        venue_en="Alibaba Sunnyvale office, main auditorium",
        venue_zh_hans="阿里巴巴桑尼维尔办公室主礼堂",
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=2),
        time_zone="America/Los_Angeles",
        online_url=online_url,
    )
    user = User(pk=5, email="li.mei@example.com", name="李梅", time_zone="Asia/Shanghai")
    return Registration(pk=11, user=user, session=session, state=state, check_in_code="ACDEF34679")


def _context(state=Registration.State.REGISTERED, **kwargs):
    def example():
        if state == Registration.State.WAITLISTED:
            # The place is counted in the database; an unsaved example gives it.
            return {**email_context(_registration()), "check_in_code": "", "waitlist_position": 3}
        return email_context(_registration(state, online_url="https://live.example.com/bay-area"), **kwargs)

    return example


EXAMPLES = {
    "session_registered": _context(),
    "session_waitlisted": _context(Registration.State.WAITLISTED),
    "session_promoted": _context(),
    "session_cancelled": _context(),
    "session_reminder": _context(reminder="24h"),
}
