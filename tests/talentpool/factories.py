"""Pool candidates and their past applications, built directly (the events are tested in test_availability)."""

import datetime as dt

from django.utils import timezone

from applicants.models import POOL_CONSENT_VERSION, Application, StageChange
from talentpool.models import STAGES
from talentpool.services import entry_refresh
from tests.factories import (
    ApplicationFactory,
    CandidateProfileFactory,
    LocationFactory,
    RejectionReasonFactory,
    ResumeFactory,
    RoleCategoryFactory,
    SkillFactory,
    UserFactory,
    verify_email,
)

S = Application.Status


def skills(*names):
    return [SkillFactory(name=name) for name in names]


def pool_candidate(
    name: str = "",
    *,
    consent: bool = True,
    consent_at: dt.datetime | None = None,
    skills=(),
    categories=(),
    locations=(),
    resume_text: str = "",
    resume: bool = True,
    degree_level: str = "master",
    major: str = "Computer Science",
    graduation_date: dt.date | None = dt.date(2027, 6, 30),
    resume_uploaded_at: dt.datetime | None = None,
):
    """A verified candidate with a complete profile, a current resume and (unless told otherwise) consent to the
    pool, whose entry is refreshed; returns the user."""
    user = UserFactory(name=name or "Pool Candidate", **({"email": f"{name.lower()}@example.com"} if name else {}))
    verify_email(user)
    consent_at = consent_at or timezone.now() - dt.timedelta(days=10)
    profile = CandidateProfileFactory(
        user=user,
        degree_level=degree_level,
        major=major,
        graduation_date=graduation_date,
        pool_consent_version=POOL_CONSENT_VERSION if consent else "",
        pool_consent_at=consent_at if consent else None,
    )
    profile.skills.set(skills)
    profile.preferred_categories.set(categories)
    profile.preferred_locations.set(locations)
    if resume:
        made = ResumeFactory(candidate=user, text=resume_text, text_status="done")
        if resume_uploaded_at:
            type(made).objects.filter(pk=made.pk).update(uploaded_at=resume_uploaded_at)
    entry_refresh(user)
    return user


def past_application(
    candidate, posting, *, reached: str = S.SCREENING, status: str = S.REJECTED, reason=None, at=None
):
    """An application of `candidate` to `posting` that went as far as `reached` and is now `status` (rejected with
    `reason`, a skills gap by default), with its history; the entry is refreshed."""
    at = at or timezone.now() - dt.timedelta(days=5)
    if status == S.REJECTED and reason is None:
        reason = RejectionReasonFactory()
    application = ApplicationFactory(
        candidate=candidate,
        posting=posting,
        status=status,
        rejection_reason=reason if status == S.REJECTED else None,
        stage_entered_at=at,
    )
    # Applied before it ended (auto_now_add wrote the present).
    Application.objects.filter(pk=application.pk).update(created_at=at - dt.timedelta(days=20))
    stages = STAGES[: STAGES.index(reached) + 1]
    StageChange.objects.bulk_create(
        [StageChange(application=application, from_status="", to_status=stage) for stage in stages]
        + ([StageChange(application=application, to_status=status)] if status not in stages else [])
    )
    entry_refresh(candidate)
    return application


def category(name: str):
    return RoleCategoryFactory(name=name)


def city(name: str, **kwargs):
    return LocationFactory(name=name, **kwargs)
