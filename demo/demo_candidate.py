"""The demo candidate (Li Na): a complete profile, two resume versions and applications in several states.

Interviewing with the demo recruiter's unit, a second preference waiting
behind it, and a Star application withdrawn: what a candidate who signs in
to the demo finds. The profile is reset on every run, like the password;
the resumes and applications are written once, then left to whoever tries
the demo.
"""

import datetime as dt
from typing import TYPE_CHECKING

from applicants.models import POOL_CONSENT_VERSION, Application, CandidateProfile, Resume
from applicants.pdf import extract_text
from demo import histories, resume_files
from demo.data.accounts import (
    DEMO_CANDIDATE,
    DEMO_CATEGORIES,
    DEMO_LOCATIONS,
    DEMO_RESUME,
    DEMO_RESUME_EARLIER,
    DEMO_SKILLS,
)
from demo.data.catalogue import INTERNSHIP, STAR
from demo.histories import History, Move, Plan, SeedContext

if TYPE_CHECKING:
    from recruit.accounts.models import User

S = Application.Status


def seed(context: SeedContext, candidate: "User", *, stored_files: list[str]) -> None:
    """The demo candidate's profile (reset on every run, its pool consent kept); their resumes and applications,
    written once."""
    catalogue = context.postings_demo.catalogue
    now = context.now
    # Consent given 70 days ago on the first run, kept as it is on the next (the pool entry's expiry rests on it);
    # given again if the demo candidate withdrew it meanwhile.
    consented = CandidateProfile.objects.filter(user=candidate, pool_consent_version=POOL_CONSENT_VERSION)
    consent_at = consented.values_list("pool_consent_at", flat=True).first() or now - dt.timedelta(days=70)
    profile, _created = CandidateProfile.objects.update_or_create(
        user=candidate,
        defaults={**DEMO_CANDIDATE, "pool_consent_version": POOL_CONSENT_VERSION, "pool_consent_at": consent_at},
    )
    profile.skills.set([catalogue.skills[name] for name in DEMO_SKILLS])
    profile.preferred_categories.set([catalogue.categories[slug] for slug in DEMO_CATEGORIES])
    profile.preferred_locations.set([catalogue.locations[slug] for slug in DEMO_LOCATIONS])

    if not Resume.objects.filter(candidate=candidate).exists():
        heading = [candidate.name, f"{candidate.email} | {DEMO_CANDIDATE['phone']}"]
        versions = [
            (DEMO_RESUME_EARLIER, f"{candidate.name} CV v1.pdf", now - dt.timedelta(days=75), False),
            (DEMO_RESUME, f"{candidate.name} CV v2.pdf", now - dt.timedelta(days=58), True),
        ]
        resumes = []
        for lines, name, uploaded_at, is_current in versions:
            data = resume_files.resume_pdf([*heading, *lines], title=f"{candidate.name} resume")
            resume = resume_files.resume_row(
                candidate, data, name=name, text=extract_text(data), is_current=is_current
            )
            resume_files.store(resume, data, stored_files)
            resumes.append((resume, {"uploaded_at": uploaded_at}))
        Resume.objects.bulk_create([resume for resume, _ in resumes])
        histories.backdate(Resume, resumes)

    if Application.objects.filter(candidate=candidate).exists():
        return
    history = History(
        candidate=candidate,
        start=now - dt.timedelta(days=56),
        plans=_plans(context, profile.degree_level),
        resume=Resume.objects.filter(candidate=candidate, is_current=True).first(),
    )
    histories.write_histories(context, [history])


def _plans(context: SeedContext, degree: str) -> list[Plan]:
    """Interviewing with the demo recruiter's unit, a second preference waiting, a Star application withdrawn."""
    # Published well before the history starts (56 days ago), so every move follows publication.
    before = context.now - dt.timedelta(days=60)
    # With a clock set before the season, whatever is published will do.
    internship = context.open_postings(INTERNSHIP, degree, published_before=before) or (
        context.open_postings(INTERNSHIP, degree)
    )
    star = context.open_postings(STAR, degree, published_before=before) or (context.open_postings(STAR, degree))

    def best(postings):
        # Roles in the categories the candidate prefers first, then the longest published.
        return min(postings, key=lambda p: (p.category.slug not in DEMO_CATEGORIES, p.published_at, p.pk))

    reviewed = best([p for p in internship if p.unit_id in context.recruiter_units])
    waiting = best([p for p in internship if p.unit_id not in context.recruiter_units])
    return [
        Plan(
            best(star),
            rank=1,
            moves=[
                Move(0, "", S.SUBMITTED, "candidate"),
                Move(
                    9, S.SUBMITTED, S.WITHDRAWN, "candidate", "I chose to focus on the internship program this year."
                ),
            ],
        ),
        Plan(
            reviewed,
            rank=1,
            moves=[
                Move(7, "", S.SUBMITTED, "candidate"),
                Move(12.2, S.SUBMITTED, S.SCREENING, "recruiter"),
                Move(26.1, S.SCREENING, S.INTERVIEW, "recruiter"),
            ],
        ),
        Plan(waiting, rank=2, moves=[Move(7.1, "", S.QUEUED, "candidate")]),
    ]
