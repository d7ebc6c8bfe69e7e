"""The portal's main pages, in one list, and the data that fills them.

The accessibility check (tests/e2e/test_accessibility.py) and the HTML
validator (tests/e2e/test_html_valid.py) visit every page listed here, so a new
page joins both checks by adding one line to `main_pages` (and, when it needs
an object, a field of `PagesData` made in `create_pages_data`).
"""

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils import timezone

from applicants.services import application_submit
from postings.models import Program
from tests.factories import (
    BusinessUnitFactory,
    CandidateProfileFactory,
    InfoSessionFactory,
    LocationFactory,
    PostingFactory,
    ProgramFactory,
    ResumeFactory,
    RoleCategoryFactory,
    SkillFactory,
    UserFactory,
    verify_email,
)


@dataclass(frozen=True)
class MainPage:
    """A page to check: its path, whether the candidate is signed in, the status it answers."""

    name: str
    path: str
    signed_in: bool = False
    status: int = 200

    def __str__(self) -> str:
        return f"{self.name} ({self.path})"


@dataclass(frozen=True)
class PagesData:
    candidate: object
    posting: object
    application: object
    posting_to_apply: object
    closed_posting: object


def create_pages_data() -> PagesData:
    """A small season: an open program, roles in three units (one described in
    Chinese, one abroad), past and upcoming information sessions, and a
    candidate with a verified email, a complete profile, a resume and one
    application (so history and a notification exist). Needs MEDIA_ROOT set
    to a scratch folder (the resume file)."""
    program = ProgramFactory(review=Program.Review.ORDERED)
    cloud = BusinessUnitFactory(name="Alibaba Cloud", slug="alibaba-cloud")
    amap = BusinessUnitFactory(name="Amap", slug="amap")
    demo_unit = BusinessUnitFactory(name="Demo Labs", slug="demo-labs", is_demo=True)
    agent = RoleCategoryFactory(name="AI Agent Optimization Engineer", slug="ai-agent-optimization-engineer")
    frontend = RoleCategoryFactory(name="Frontend Engineer", slug="frontend-engineer", is_ai=False)
    hangzhou = LocationFactory(name="Hangzhou")
    singapore = LocationFactory(name="Singapore", country="Singapore", country_code="SG", in_mainland_china=False)
    python = SkillFactory(name="Python")

    posting = PostingFactory(
        program=program,
        unit=cloud,
        category=agent,
        title="AI Agent Engineer Intern",
        description=(
            "Build the agents that answer customers in real time.\n\n"
            "岗位职责：参与大模型应用的研发，把检索增强生成（RAG）与智能体能力落地到真实产品。"
        ),
        requirements="- Python\n- Curiosity about retrieval",
        closes_at=timezone.now() + dt.timedelta(days=20),
        locations=[hangzhou],
        skills=[python],
    )
    posting_to_apply = PostingFactory(
        program=program, unit=amap, category=agent, title="Map Agent Intern", locations=[singapore]
    )
    PostingFactory(program=program, unit=demo_unit, category=frontend, title="Frontend Engineer Intern")
    PostingFactory(program=program, unit=cloud, category=frontend, title="Console Engineer Intern")
    closed_posting = PostingFactory(program=program, unit=cloud, category=agent, title="Agent Evaluation Intern")
    closed_posting.close()
    now = timezone.now()
    InfoSessionFactory(program=program, university="Zhejiang University", starts_at=now + dt.timedelta(days=10))
    InfoSessionFactory(
        program=program,
        university="Peking University",
        city="Beijing",
        starts_at=now - dt.timedelta(days=10),
        ends_at=now - dt.timedelta(days=10) + dt.timedelta(hours=2),
    )

    candidate = verify_email(UserFactory(email="alice@example.com", name="Alice Candidate"))
    CandidateProfileFactory(user=candidate)
    ResumeFactory(candidate=candidate)
    application = application_submit(candidate=candidate, posting=posting)
    return PagesData(
        candidate=candidate,
        posting=posting,
        application=application,
        posting_to_apply=posting_to_apply,
        closed_posting=closed_posting,
    )


def main_pages(data: PagesData) -> list[MainPage]:
    """Every main page, visitors' first, then the signed-in candidate's."""
    filtered = urlencode({"unit": "alibaba-cloud", "ai": "1"})
    return [
        MainPage("Home", "/"),
        MainPage("Job board", "/jobs/"),
        MainPage("Search", "/jobs/?q=engineer"),
        MainPage("Filtered board", f"/jobs/?{filtered}"),
        MainPage("Posting", f"/jobs/{data.posting.pk}/"),
        MainPage("Closed posting", f"/jobs/{data.closed_posting.pk}/", status=404),
        MainPage("Information sessions", "/sessions/"),
        MainPage("Privacy notice", "/privacy/"),
        MainPage("Sign in", "/accounts/login/"),
        MainPage("Sign up", "/accounts/signup/"),
        MainPage("Password reset", "/accounts/password/reset/"),
        MainPage("Not found", "/no-such-page/", status=404),
        MainPage("Posting, signed in", f"/jobs/{data.posting_to_apply.pk}/", signed_in=True),
        MainPage("Candidate overview", "/me/", signed_in=True),
        MainPage("Profile", "/me/profile/", signed_in=True),
        MainPage("Resumes", "/me/resumes/", signed_in=True),
        MainPage("Apply", f"/me/apply/{data.posting_to_apply.pk}/", signed_in=True),
        MainPage("Application", f"/me/applications/{data.application.pk}/", signed_in=True),
        MainPage("Privacy", "/me/privacy/", signed_in=True),
        MainPage("Notifications", "/me/notifications/", signed_in=True),
        MainPage("Email addresses", "/accounts/email/", signed_in=True),
        MainPage("Password change", "/accounts/password/change/", signed_in=True),
        MainPage("Confirm your password", "/accounts/reauthenticate/", signed_in=True),
    ]
