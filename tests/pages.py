"""The portal's main pages, in one list, and the data that fills them.

The accessibility check (tests/e2e/test_accessibility.py), the HTML validator
(tests/e2e/test_html_valid.py) and the check for English left on Chinese pages
(tests/test_chinese_pages.py) visit every page listed here, in English and in
Chinese, so a new page joins all of them by adding one line to `_pages` (and,
when it needs an object, a field of `PagesData` made in `create_pages_data`).

A public page in Chinese has its own address (/zh-hans/...); a private one
(/me/, /accounts/) has one address and follows the signed-in user's language
(the Chinese candidate has chosen Chinese), or for a visitor the language
cookie (`visitor_cookies`).
"""

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import Permission
from django.utils import timezone
from django.utils.translation import override

from applicants.models import POOL_CONSENT_VERSION, Interview, Review
from applicants.services import application_submit
from postings.models import PostingStatusChange, Program
from recruit.notifications.preferences import unsubscribe_token
from talentpool.services import entry_refresh
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
    UnitMembershipFactory,
    UserFactory,
    close_posting,
    verify_email,
)


@dataclass(frozen=True)
class MainPage:
    """A page to check: its path, whether the candidate is signed in, the status it answers, its language."""

    name: str
    path: str
    signed_in: bool = False
    status: int = 200
    language: str = "en"
    # Who is signed in when `signed_in`: "candidate", "recruiter" (of the posting's unit) or "admin".
    persona: str = "candidate"

    def __str__(self) -> str:
        language = "" if self.language == "en" else f", {self.language}"
        return f"{self.name} ({self.path}{language})"

    def user(self, data: "PagesData"):
        """Who is signed in to see it: the persona who reads the portal in the page's language."""
        chinese = self.language == CHINESE
        return {
            "candidate": data.chinese_candidate if chinese else data.candidate,
            "recruiter": data.chinese_recruiter if chinese else data.recruiter,
            "admin": data.chinese_admin if chinese else data.admin,
        }[self.persona]

    @property
    def client_key(self) -> tuple:
        """Pages with the same key can share one browser or test client (the same person, the same language)."""
        return (self.signed_in, self.persona, self.language)

    @property
    def visitor_cookies(self) -> dict[str, str]:
        """A visitor's cookies: the language chosen on this browser (what the private pages follow)."""
        return {settings.LANGUAGE_COOKIE_NAME: self.language}


@dataclass(frozen=True)
class PagesData:
    candidate: object
    posting: object
    application: object
    posting_to_apply: object
    closed_posting: object
    chinese_candidate: object
    chinese_application: object
    # The recruiter workspace: recruiters of the posting's unit, admins, a draft waiting for approval.
    recruiter: object
    chinese_recruiter: object
    admin: object
    chinese_admin: object
    submitted_draft: object
    draft: object
    interview: object
    # A candidate in the talent pool (consent, a resume, no application), whom the posting's unit may consider and
    # invite to `posting`.
    pool_entry: object = None
    # The Star track: a research posting the candidates may apply to, its area (whose committee the admins sit
    # on) and a research application in it.
    star_posting: object = None
    star_area: object = None
    star_application: object = None
    # An upcoming information session of the posting's unit, both candidates registered (their check-in codes),
    # and a full one (one seat, taken) that a visitor sees.
    info_session: object = None
    full_session: object = None


CHINESE = "zh-hans"


def create_pages_data() -> PagesData:
    """The objects the main pages show (_create_pages_data), their plain text fields in English whatever
    language an earlier request left active in this thread."""
    with override("en"):
        return _create_pages_data()


def _create_pages_data() -> PagesData:
    """A small season: an open program, roles in three units (one described in
    Chinese, one abroad), past and upcoming information sessions, and a
    candidate with a verified email, a complete profile, a resume and one
    application (so history and a notification exist). The catalogue is
    written in both languages, as an admin fills it in, except where a name
    has no Chinese (Python) and one role whose Chinese text is not written
    yet (its English shows, marked as such, on Chinese pages). A second
    candidate reads the portal in Chinese. Needs MEDIA_ROOT set to a scratch
    folder (the resumes)."""
    program = ProgramFactory(review=Program.Review.ORDERED, name_zh_hans="2027届全球校园招聘——实习生项目")
    cloud = BusinessUnitFactory(name="Alibaba Cloud", name_zh_hans="阿里云", slug="alibaba-cloud")
    amap = BusinessUnitFactory(name="Amap", name_zh_hans="高德", slug="amap")
    demo_unit = BusinessUnitFactory(name="Demo Labs", name_zh_hans="演示实验室", slug="demo-labs", is_demo=True)
    agent = RoleCategoryFactory(
        name="AI Agent Optimization Engineer", name_zh_hans="AI Agent优化工程师", slug="ai-agent-optimization-engineer"
    )
    frontend = RoleCategoryFactory(
        name="Frontend Engineer", name_zh_hans="前端开发工程师", slug="frontend-engineer", is_ai=False
    )
    hangzhou = LocationFactory(name="Hangzhou", name_zh_hans="杭州", country_zh_hans="中国")
    singapore = LocationFactory(
        name="Singapore",
        name_zh_hans="新加坡",
        country="Singapore",
        country_zh_hans="新加坡",
        country_code="SG",
        in_mainland_china=False,
    )
    python = SkillFactory(name="Python")

    posting = PostingFactory(
        program=program,
        unit=cloud,
        category=agent,
        title="AI Agent Engineer Intern",
        title_zh_hans="AI Agent工程师实习生",
        description=(
            "Build the agents that answer customers in real time.\n\n"
            "岗位职责：参与大模型应用的研发，把检索增强生成（RAG）与智能体能力落地到真实产品。"
        ),
        description_zh_hans=(
            "打造实时响应客户的智能体。\n\n岗位职责：参与大模型应用的研发，把检索增强生成与智能体能力落地到真实产品。"
        ),
        requirements="- Python\n- Curiosity about retrieval",
        requirements_zh_hans="- 熟练使用 Python\n- 对检索技术充满好奇",
        closes_at=timezone.now() + dt.timedelta(days=20),
        locations=[hangzhou],
        skills=[python],
    )
    posting_to_apply = PostingFactory(
        program=program,
        unit=amap,
        category=agent,
        title="Map Agent Intern",
        title_zh_hans="地图智能体实习生",
        description_zh_hans="和团队一起打造服务数亿用户的产品。",
        requirements_zh_hans="- 熟练使用 Python\n- 好奇心",
        locations=[singapore],
    )
    PostingFactory(
        program=program,
        unit=demo_unit,
        category=frontend,
        title="Frontend Engineer Intern",
        title_zh_hans="前端实习生",
    )
    # Its Chinese text is not written yet: Chinese pages show the English title, marked lang="en".
    PostingFactory(program=program, unit=cloud, category=frontend, title="Console Engineer Intern")
    closed_posting = PostingFactory(
        program=program, unit=cloud, category=agent, title="Agent Evaluation Intern", title_zh_hans="智能体评测实习生"
    )
    close_posting(closed_posting)
    now = timezone.now()
    info_session = InfoSessionFactory(
        program=program,
        university="Zhejiang University",
        university_zh_hans="浙江大学",
        city_zh_hans="杭州",
        starts_at=now + dt.timedelta(days=10),
        online_url="https://live.example.com/zju",
    )
    info_session.units.set([cloud])
    full_session = InfoSessionFactory(
        program=program,
        university="Tsinghua University",
        university_zh_hans="清华大学",
        city="Beijing",
        city_zh_hans="北京",
        venue="Main Building",
        venue_zh_hans="主楼",
        starts_at=now + dt.timedelta(days=12),
        capacity=1,
    )
    full_session.units.set([cloud])
    InfoSessionFactory(
        program=program,
        university="Peking University",
        university_zh_hans="北京大学",
        city="Beijing",
        city_zh_hans="北京",
        starts_at=now - dt.timedelta(days=10),
        ends_at=now - dt.timedelta(days=10) + dt.timedelta(hours=2),
    )

    candidate = verify_email(UserFactory(email="alice@example.com", name="Alice Candidate"))
    CandidateProfileFactory(user=candidate)
    ResumeFactory(candidate=candidate)
    application = application_submit(candidate=candidate, posting=posting)

    chinese_candidate = verify_email(UserFactory(email="li.mei@example.com", name="李梅", language=CHINESE))
    CandidateProfileFactory(user=chinese_candidate, school="浙江大学", major="计算机科学与技术")
    ResumeFactory(candidate=chinese_candidate, original_name="李梅-简历.pdf")
    with override(CHINESE):
        chinese_application = application_submit(candidate=chinese_candidate, posting=posting)
    recruiter = UnitMembershipFactory(
        user=verify_email(UserFactory(email="rita@example.com", name="Rita Recruiter")), unit=cloud
    ).user
    chinese_recruiter = UnitMembershipFactory(
        user=verify_email(UserFactory(email="wang.fang@example.com", name="王芳", language=CHINESE)), unit=cloud
    ).user
    admin = make_admin(verify_email(UserFactory(email="ada@example.com", name="Ada Admin")))
    chinese_admin = make_admin(verify_email(UserFactory(email="zhao.min@example.com", name="赵敏", language=CHINESE)))
    submitted_draft = PostingFactory(
        program=program,
        unit=cloud,
        category=agent,
        title="Agent Memory Intern",
        title_zh_hans="智能体记忆实习生",
        description_zh_hans="为智能体设计长期记忆。",
        requirements_zh_hans="- 熟练使用 Python",
        status="submitted",
        published_at=None,
        locations=[hangzhou],
    )
    draft = PostingFactory(
        program=program,
        unit=cloud,
        category=agent,
        title="Agent Planning Intern",
        title_zh_hans="智能体规划实习生",
        description_zh_hans="为智能体设计任务规划。",
        requirements_zh_hans="- 熟练使用 Python",
        status="draft",
        published_at=None,
        locations=[hangzhou],
    )
    PostingStatusChange.objects.create(posting=draft, actor=recruiter, from_status="", to_status="draft")
    PostingStatusChange.objects.create(posting=submitted_draft, actor=recruiter, from_status="", to_status="draft")
    PostingStatusChange.objects.create(
        posting=submitted_draft, actor=recruiter, from_status="draft", to_status="submitted", comment="Ready."
    )
    for reviewed, reviewer in ((application, recruiter), (chinese_application, chinese_recruiter)):
        Review.objects.create(
            application=reviewed,
            reviewer=reviewer,
            scores={"skills": 3, "problem_solving": 4, "communication": 3, "motivation": 4},
            score=3.5,
            recommendation=Review.Recommendation.YES,
            notes="Clear thinker.",
        )
    interview = Interview.objects.create(
        application=application,
        starts_at=now + dt.timedelta(days=3),
        time_zone="Asia/Shanghai",
        duration_minutes=45,
        video_link="https://meet.example.com/agent-intern",
        created_by=recruiter,
    )
    interview.interviewers.set([recruiter])
    pool_entry = _pool_data(posting, posting_to_apply, (candidate, chinese_candidate), recruiter, agent, python)
    star_posting, star_area, star_application = _star_data(cloud, hangzhou, (admin, chinese_admin))
    from infosessions.services import registration_create
    from recruit.notifications.models import Notification

    for person in (candidate, chinese_candidate):
        registration_create(user=person, session=info_session)
    registration_create(user=recruiter, session=full_session)
    # Read already: the pages' unread count is the application's notification alone.
    Notification.objects.filter(event__startswith="session_").update(read_at=now)
    return PagesData(
        candidate=candidate,
        posting=posting,
        application=application,
        posting_to_apply=posting_to_apply,
        closed_posting=closed_posting,
        chinese_candidate=chinese_candidate,
        chinese_application=chinese_application,
        recruiter=recruiter,
        chinese_recruiter=chinese_recruiter,
        admin=admin,
        chinese_admin=chinese_admin,
        submitted_draft=submitted_draft,
        draft=draft,
        interview=interview,
        pool_entry=pool_entry,
        star_posting=star_posting,
        star_area=star_area,
        star_application=star_application,
        info_session=info_session,
        full_session=full_session,
    )


def _star_data(unit, city, members):
    """The research program, its fundamental-models area (the admins sit on its committee), a research posting of
    it and one researcher's application, written in Chinese (its text shows as written on every page)."""
    from star.models import CommitteeMembership, PostingArea, ResearchArea, StarReview
    from star.services import star_application_submit

    program = ProgramFactory(
        slug="2027-star",
        name="Star Program 2027",
        name_zh_hans="阿里星计划 2027",
        summary="The research-talent track for young researchers.",
        summary_zh_hans="面向优秀青年研究者的科研人才通道。",
        track=Program.Track.RESEARCH,
        max_active_applications=1,
    )
    area = ResearchArea.objects.create(
        slug="fundamental-models",
        name="Fundamental models",
        name_zh_hans="基础模型",
        description="Pre-training and reasoning of large models.",
        description_zh_hans="大模型的预训练与推理。",
    )
    posting = PostingFactory(
        program=program,
        unit=unit,
        title="Star Researcher — pre-training",
        category=RoleCategoryFactory(
            name="AI Infrastructure Engineer", name_zh_hans="AI基础设施工程师", slug="ai-infrastructure-engineer"
        ),
        title_zh_hans="阿里星研究员 — 预训练",
        description_zh_hans="研究大模型预训练的规模定律。",
        requirements_zh_hans="- 在顶级会议发表过论文",
        degree_levels=["master", "doctorate"],
        locations=[city],
    )
    PostingArea.objects.create(posting=posting, area=area)
    for member in members:
        CommitteeMembership.objects.create(user=member, area=area)
    researcher = verify_email(UserFactory(email="zhou.yan@example.com", name="周研"))
    CandidateProfileFactory(user=researcher, degree_level="doctorate", school="清华大学", major="计算机科学")
    ResumeFactory(candidate=researcher, original_name="周研-简历.pdf")
    star = star_application_submit(
        candidate=researcher,
        posting=posting,
        areas=[area],
        statement="我研究数据配比如何影响规模定律。",
        advisor_name="张敏",
        advisor_institution="清华大学",
        expected_degree="doctorate",
        publications=[
            {
                "title": "数据配比的规模定律",
                "venue": "计算机学报",
                "year": 2025,
                "link": "",
                "author_position": "first",
            },
        ],
    )
    StarReview.objects.create(
        star_application=star, reviewer=members[0], research_quality=5, impact=4, fit=5, comment="很有说服力。"
    )
    return posting, area, star


def _pool_data(posting, posting_to_apply, candidates, recruiter, category, skill):
    """A candidate in the talent pool (the invitation page's), and an invitation for each candidate to Amap's role
    (their /me/pool/ pages)."""
    from applicants.services import pool_consent_give
    from talentpool.models import Invitation, PoolEntry

    pooled = verify_email(UserFactory(email="chen.jing@example.com", name="陈静"))
    profile = CandidateProfileFactory(
        user=pooled,
        school="浙江大学",
        major="计算机科学与技术",
        pool_consent_version=POOL_CONSENT_VERSION,
        pool_consent_at=timezone.now(),
    )
    profile.skills.set([skill])
    profile.preferred_categories.set([category])
    ResumeFactory(candidate=pooled, text="Retrieval agents in Python.\n负责智能体的评测。", text_status="done")
    entry_refresh(pooled)
    reasons = [
        {"code": "category", "slug": category.slug, "name": {"en": category.name_en, "zh-hans": category.name_zh_hans}}
    ]
    for candidate in candidates:
        # In the pool (their leave page asks them to confirm), though not available while they apply.
        pool_consent_give(candidate=candidate)
        Invitation.objects.create(
            entry=PoolEntry.objects.get(candidate=candidate),
            posting=posting_to_apply,
            recruiter=recruiter,
            message="We would be glad to read your application.",
            reasons=reasons,
        )
    return PoolEntry.objects.get(candidate=pooled)


def make_admin(user):
    """An admin: staff with the publish permission (and the postings app's other permissions)."""
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="postings"))
    return user


def _pages(data: PagesData, *, application) -> list[MainPage]:
    """Every main page, visitors' first, then the signed-in candidate's, at its English (unprefixed) address."""
    filtered = urlencode({"unit": "alibaba-cloud", "ai": "1"})
    return [
        MainPage("Home", "/"),
        MainPage("Job board", "/jobs/"),
        MainPage("Search", "/jobs/?q=engineer"),
        MainPage("Filtered board", f"/jobs/?{filtered}"),
        MainPage("Posting", f"/jobs/{data.posting.pk}/"),
        MainPage("Closed posting", f"/jobs/{data.closed_posting.pk}/", status=404),
        MainPage("Information sessions", "/sessions/"),
        MainPage("Information sessions, filtered", "/sessions/?city=Hangzhou&university=Zhejiang+University"),
        MainPage("Information session, full", f"/sessions/{data.full_session.pk}/"),
        MainPage("Privacy notice", "/privacy/"),
        MainPage("Star program", "/star/"),
        MainPage("Sign in", "/accounts/login/"),
        MainPage("Sign up", "/accounts/signup/"),
        MainPage("Password reset", "/accounts/password/reset/"),
        # A non-essential email's one-click unsubscribe (the candidate's pool invitations), for whoever opens it.
        MainPage("Unsubscribe", f"/unsubscribe/{unsubscribe_token(user=data.candidate, topic='pool_invitations')}/"),
        MainPage("Not found", "/no-such-page/", status=404),
        MainPage("Posting, signed in", f"/jobs/{data.posting_to_apply.pk}/", signed_in=True),
        MainPage("Candidate overview", "/me/", signed_in=True),
        MainPage("Profile", "/me/profile/", signed_in=True),
        MainPage("Resumes", "/me/resumes/", signed_in=True),
        MainPage("Apply", f"/me/apply/{data.posting_to_apply.pk}/", signed_in=True),
        MainPage("Star application form", f"/me/star/apply/{data.star_posting.pk}/", signed_in=True),
        MainPage("Application", f"/me/applications/{application.pk}/", signed_in=True),
        MainPage("Privacy", "/me/privacy/", signed_in=True),
        MainPage("Talent pool, candidate's page", "/me/pool/", signed_in=True),
        MainPage("Leaving the talent pool", "/me/pool/leave/", signed_in=True),
        MainPage("Information session, registered", f"/sessions/{data.info_session.pk}/", signed_in=True),
        MainPage("Notifications", "/me/notifications/", signed_in=True),
        MainPage("Notification settings", "/me/notifications/settings/", signed_in=True),
        MainPage("Email addresses", "/accounts/email/", signed_in=True),
        MainPage("Password change", "/accounts/password/change/", signed_in=True),
        MainPage("Confirm your password", "/accounts/reauthenticate/", signed_in=True),
        *_workspace_pages(data, application=application),
    ]


def _workspace_pages(data: PagesData, *, application) -> list[MainPage]:
    """The recruiter workspace and the admins' pages, each seen by the recruiter or the admin it is for."""
    unit, draft = data.posting.unit.slug, data.submitted_draft.pk
    return [
        # The dashboard, the program overview and a unit's figures (applicants/workspace/figures.py).
        MainPage("Unit dashboard", f"/recruit/units/{unit}/", signed_in=True, persona="recruiter"),
        MainPage("Unit figures", f"/recruit/units/{unit}/figures/", signed_in=True, persona="recruiter"),
        MainPage("Program overview", "/recruit/overview/", signed_in=True, persona="admin"),
        # The pipeline: a posting's board, the unit's applicant list (filtered and sorted too).
        MainPage("Pipeline board", f"/recruit/postings/{data.posting.pk}/board/", signed_in=True, persona="recruiter"),
        MainPage("Applicant list", f"/recruit/units/{unit}/applicants/", signed_in=True, persona="recruiter"),
        MainPage(
            "Filtered applicant list",
            f"/recruit/units/{unit}/applicants/?stage=active&degree=master&sort=-name",
            signed_in=True,
            persona="recruiter",
        ),
        # The application page and what is done from it (applicants/workspace/review.py).
        *(
            MainPage(name, f"/recruit/{path}", signed_in=True, persona="recruiter")
            for name, path in (
                ("Workspace application", f"applications/{application.pk}/"),
                ("Review form", f"applications/{application.pk}/review/"),
                ("Reject form", f"applications/{application.pk}/reject/"),
                ("Interview form", f"applications/{application.pk}/interviews/new/"),
                ("Interview change form", f"interviews/{data.interview.pk}/edit/"),
                ("Interview cancellation", f"interviews/{data.interview.pk}/cancel/"),
                ("Draft edit form", f"postings/{data.draft.pk}/edit/"),
            )
        ),
        # Drafting, approving and publishing postings (postings/drafting.py):
        MainPage("Unit's postings", f"/recruit/units/{unit}/postings/", signed_in=True, persona="recruiter"),
        MainPage("New posting", f"/recruit/units/{unit}/postings/new/", signed_in=True, persona="recruiter"),
        MainPage(
            "Closed posting", f"/recruit/postings/{data.closed_posting.pk}/", signed_in=True, persona="recruiter"
        ),
        MainPage("Posting to approve", f"/recruit/postings/{draft}/", signed_in=True, persona="admin"),
        MainPage("Published posting", f"/recruit/postings/{data.posting.pk}/", signed_in=True, persona="admin"),
        MainPage("Approvals", "/recruit/approvals/", signed_in=True, persona="admin"),
        MainPage(
            "Invite from the talent pool",
            f"/recruit/pool/invite/{data.pool_entry.pk}/{data.posting.pk}/",
            signed_in=True,
            persona="recruiter",
        ),
        MainPage("Admin, for admins only", "/admin/", signed_in=True, status=403, persona="recruiter"),
        # The talent pool (talentpool/views.py): the search, a pool profile, a posting's suggestions.
        *(
            MainPage(name, f"/recruit/pool/{path}", signed_in=True, persona="recruiter")
            for name, path in (
                ("Talent pool", "?q=python&degree=master"),
                ("Pool profile", f"candidates/{data.pool_entry.pk}/"),
                ("Pool suggestions", f"postings/{data.posting.pk}/"),
                ("Pool figures", f"figures/?unit={data.posting.unit.slug}"),
            )
        ),
        MainPage("Pool figures, all units", "/recruit/pool/figures/", signed_in=True, persona="admin"),
        # The Star committees (star/views.py): the admins sit on the area's committee.
        *(
            MainPage(name, f"/recruit/star/{path}", signed_in=True, persona="admin")
            for name, path in (
                ("Star committees", ""),
                ("Star committee ranking", f"{data.star_area.slug}/"),
                ("Star review form", f"{data.star_area.slug}/{data.star_application.pk}/review/"),
            )
        ),
        # Information sessions (infosessions/workspace.py): the units' sessions, one with its registrations, the form.
        MainPage("Workspace sessions", "/recruit/sessions/", signed_in=True, persona="recruiter"),
        MainPage(
            "Workspace session", f"/recruit/sessions/{data.info_session.pk}/", signed_in=True, persona="recruiter"
        ),
        MainPage("New session", "/recruit/sessions/new/", signed_in=True, persona="recruiter"),
        MainPage(
            "Session edit form", f"/recruit/sessions/{data.info_session.pk}/edit/", signed_in=True, persona="admin"
        ),
    ]


def is_private(path: str) -> bool:
    return path.startswith(("/me/", "/accounts/", "/recruit/", "/admin/"))


def main_pages_in_chinese(data: PagesData) -> list[MainPage]:
    """The same pages in Chinese: the public ones under /zh-hans/, the private ones for the Chinese candidate
    (or a visitor whose language cookie says Chinese); the search looks for a word of the role titles."""
    pages = []
    for page in _pages(data, application=data.chinese_application):
        path = page.path.replace("?q=engineer", "?q=Agent")
        if not is_private(path):
            path = f"/{CHINESE}{path}"
        pages.append(MainPage(page.name, path, page.signed_in, page.status, CHINESE, page.persona))
    return pages


def main_pages(data: PagesData) -> list[MainPage]:
    """Every main page in English, then in Chinese."""
    return [*_pages(data, application=data.application), *main_pages_in_chinese(data)]
