"""applicants: the application workflow's emails (applicants/services/applications.py), the interviews'
(applicants/services/interviews.py) and the account deletion's (applicants/privacy.py)."""

import datetime as dt

from django.utils import timezone

from applicants.eligibility import REAPPLY_RULE
from applicants.models import Application
from recruit.accounts.timezones import event_times

from . import posting

S = Application.Status


def _application(status, *, queued=False):
    def context():
        application = Application(pk=7, posting=posting(), rank=2 if queued else 1, status=status)
        return {
            "application": application,
            "candidate_name": "李梅",
            "queued": queued,
            "in_pool": True,
            "reapply_rule": str(REAPPLY_RULE),
        }

    return context


def _told(span) -> str:
    """A span in one line with its zone, as applicants/services/interviews.py tells it."""
    return f"{span.start_text}{span.separator}{span.end_text} {span.zone_label}"


def _interview(*, for_candidate: bool):
    def context():
        starts_at = timezone.now().replace(microsecond=0) + dt.timedelta(days=3)
        when = event_times(starts_at, starts_at + dt.timedelta(minutes=45), "Asia/Shanghai", "Europe/Berlin")
        shown = posting()
        return {
            "recipient_name": "李梅" if for_candidate else "王芳",
            "for_candidate": for_candidate,
            "candidate_name": "李梅",
            "title": str(shown.title),
            "unit": str(shown.unit.name),
            "when": when,
            "when_text": _told(when.own),
            "local_text": _told(when.local),
            "duration_minutes": 45,
            "place": "杭州 · 西溪园区",
            "video_link": "https://meet.example.com/agent-intern",
            "interviewer_names": "王芳",
        }

    return context


EXAMPLES = {
    "application_received": _application(S.SUBMITTED),
    "application_released": _application(S.SUBMITTED, queued=False),
    "application_screening": _application(S.SCREENING),
    "application_assessment": _application(S.ASSESSMENT),
    "application_interview": _application(S.INTERVIEW),
    "application_offer": _application(S.OFFER),
    "application_hired": _application(S.HIRED),
    "application_rejected": _application(S.REJECTED),
    "application_withdrawn": _application(S.WITHDRAWN),
    "application_declined": _application(S.DECLINED),
    "interview_scheduled": _interview(for_candidate=True),
    "interview_updated": _interview(for_candidate=False),
    "interview_cancelled": _interview(for_candidate=True),
    "account_deleted": lambda: {"candidate_name": "李梅"},
}
