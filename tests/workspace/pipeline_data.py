"""Applicants for the pipeline's tests (board, list, moves, export): each one a candidate with a profile and an
application in a chosen stage, made in a few queries."""

import datetime as dt
import re

from django.utils import timezone

from applicants.models import Application
from tests.factories import ApplicationFactory, CandidateProfileFactory, UserFactory


def applicant(
    posting,
    *,
    name=None,
    status="submitted",
    school="Zhejiang University",
    degree="master",
    graduation=dt.date(2027, 6, 30),
    rank=1,
    source=Application.Source.DIRECT,
    days=0,
    score=None,
    skills=(),
    applied_days_ago=None,
) -> Application:
    """An application of a new candidate to `posting`, in `status` for `days` days."""
    candidate = UserFactory(name=name) if name is not None else UserFactory()
    profile = CandidateProfileFactory(user=candidate, school=school, degree_level=degree, graduation_date=graduation)
    if skills:
        profile.skills.set(skills)
    now = timezone.now()
    application = ApplicationFactory(
        candidate=candidate,
        posting=posting,
        status=status,
        rank=rank,
        source=source,
        average_score=score,
        review_count=1 if score is not None else 0,
        stage_entered_at=now - dt.timedelta(days=days),
    )
    if applied_days_ago is not None:
        Application.objects.filter(pk=application.pk).update(created_at=now - dt.timedelta(days=applied_days_ago))
        application.refresh_from_db()
    return application


def without_tokens(html: str | bytes) -> str:
    """The page with its CSRF tokens (masked anew for each request) left out, to compare two answers."""
    if isinstance(html, bytes):
        html = html.decode()
    return re.sub(r"[A-Za-z0-9]{64}", "(token)", html)
