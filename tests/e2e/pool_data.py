"""The talent pool's browser journey season: two units hiring for the same kind of role, a candidate in the pool
with an application at unit A under way, and a candidate who never agreed to the pool.

Everything the journey itself does (the rejection, the suggestion, the invitation, accepting it) is left to the
browser; what is built here is what exists before the journey starts, made through the applicants' services so the
pool entries are kept current by the same events as on the site.
"""

from dataclasses import dataclass

from applicants.models import Application
from applicants.services import application_move, application_submit, pool_consent_give
from applicants.workflow import Mover
from postings.models import Posting
from talentpool.models import PoolEntry
from tests.factories import (
    CandidateProfileFactory,
    LocationFactory,
    PostingFactory,
    ProgramFactory,
    RejectionReasonFactory,
    ResumeFactory,
    RoleCategoryFactory,
    SkillFactory,
    UserFactory,
    verify_email,
)

S = Application.Status

# The resume's extracted text names Kubernetes, which the profile's skills do not: the pool reads both.
RESUME_TEXT = (
    "Lin Wei. M.Sc. Computer Science, Zhejiang University, 2027.\n"
    "Built an agent evaluation harness in Python; wrote CUDA kernels for batched inference;\n"
    "ran the agents' sandboxes on Kubernetes."
)


@dataclass
class PoolSeason:
    posting_a: Posting
    posting_b: Posting
    candidate: object
    application_a: Application
    outsider: object
    resurfacing: object
    final: object


def _candidate(name: str, email: str, *, consent: bool, skills, category, location, resume_text: str):
    """A verified candidate with a complete profile and a current resume whose text is extracted."""
    user = verify_email(UserFactory(name=name, email=email))
    profile = CandidateProfileFactory(user=user)
    profile.skills.set(skills)
    profile.preferred_categories.set([category])
    profile.preferred_locations.set([location])
    ResumeFactory(candidate=user, text=resume_text, text_status="done")
    if consent:
        pool_consent_give(candidate=user)
    return user


def make_pool_season(unit_a, unit_b, recruiter_a) -> PoolSeason:
    """Unit A (Rita) interviewed Lin Wei for its Cloud Agent Intern role; unit B (Ron) has an open Map Agent Intern
    role asking for Python, CUDA and Kubernetes in Hangzhou. Bo Bai has the same profile but never agreed to the
    pool. Two rejection reasons: one that lets the pool suggest the candidate to other units, one that does not."""
    program = ProgramFactory()
    agent = RoleCategoryFactory(name="AI Agent Optimization Engineer", name_zh_hans="AI Agent优化工程师")
    python, cuda, kubernetes = SkillFactory(name="Python"), SkillFactory(name="CUDA"), SkillFactory(name="Kubernetes")
    hangzhou = LocationFactory(name="Hangzhou", name_zh_hans="杭州")
    posting_a = PostingFactory(
        program=program, unit=unit_a, category=agent, title="Cloud Agent Intern", skills=[python], locations=[hangzhou]
    )
    posting_b = PostingFactory(
        program=program,
        unit=unit_b,
        category=agent,
        title="Map Agent Intern",
        skills=[python, cuda, kubernetes],
        locations=[hangzhou],
    )
    lin = _candidate(
        "Lin Wei",
        "lin.wei@example.edu",
        consent=True,
        skills=[python, cuda],
        category=agent,
        location=hangzhou,
        resume_text=RESUME_TEXT,
    )
    outsider = _candidate(
        "Bo Bai",
        "bo.bai@example.edu",
        consent=False,
        skills=[python, cuda, kubernetes],
        category=agent,
        location=hangzhou,
        resume_text=RESUME_TEXT.replace("Lin Wei", "Bo Bai"),
    )
    application = application_submit(candidate=lin, posting=posting_a)
    for stage in (S.SCREENING, S.INTERVIEW):
        application = application_move(application=application, target=stage, actor=recruiter_a, by=Mover.RECRUITER)
    # While the application is under way, the pool does not offer the candidate to other units.
    assert not PoolEntry.objects.get(candidate=lin).is_available
    resurfacing = RejectionReasonFactory()
    final = RejectionReasonFactory(
        code="background-check",
        name="Did not pass the background check",
        name_zh_hans="未通过背景调查",
        allows_resurfacing=False,
        position=1,
    )
    return PoolSeason(posting_a, posting_b, lin, application, outsider, resurfacing, final)
