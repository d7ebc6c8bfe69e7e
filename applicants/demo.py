"""The applicants side of the demo: the demo candidate's profile, resumes and applications, and a crowd of others.

`manage.py seed_demo` calls `seed()` after `postings.demo.seed()`, in the
same transaction. The rows are written directly, in bulk, not through the
services: the history is in the past (each StageChange at its own date), and
seeding sends no emails and writes no notifications. The rules the services
enforce hold by construction instead, and every move is checked against
`workflow.check_move`: applicants are eligible (graduation in the window,
degree accepted), hold at most the program's cap of active applications,
and with ordered review the second preference waits (queued) until the first
ends without a hire, then is released with its own StageChange.

Idempotent: candidates are keyed by email and one that exists is left as it
is. The demo candidate's profile is reset on every run, like the password;
their resumes and applications are written once, then left to whoever tries
the demo.
"""

import datetime as dt
import hashlib
import io
import itertools
import random
import string
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db.models import Count
from django.utils import timezone
from pypdf import PdfWriter
from pypdf.generic import ContentStream, DictionaryObject, NameObject

from postings import demo_data
from postings.demo import PostingsDemo
from postings.models import Posting, UnitMembership

from .models import (
    CROSS_BORDER_CONSENT_VERSION,
    POOL_CONSENT_VERSION,
    Application,
    CandidateProfile,
    Resume,
    StageChange,
)
from .pdf import extract_text, inspect_pdf, safe_display_name
from .workflow import check_move

if TYPE_CHECKING:
    from recruit.accounts.models import User

S = Application.Status
DEFAULT_CANDIDATES = 300
CANDIDATE_EMAIL_PREFIX, CANDIDATE_EMAIL_DOMAIN = "demo.candidate.", "@demo.example"
CANDIDATE_EMAIL = CANDIDATE_EMAIL_PREFIX + "{number:03d}" + CANDIDATE_EMAIL_DOMAIN
BATCH_SIZE = 500

# --- The demo candidate -------------------------------------------------------

DEMO_CANDIDATE = {
    "phone": "+86 138 5710 2027",
    "school": "Zhejiang University",
    "degree_level": "master",
    "major": "Computer Science and Technology",
    "graduation_date": dt.date(2027, 6, 30),
    "languages": "Chinese (native), English (fluent, IELTS 7.5)",
    "links": "https://li-na.demo.example/\nhttps://code.demo.example/li-na",
    "open_to_reassignment": True,
}
DEMO_SKILLS = ["Python", "PyTorch", "RAG", "LLM serving", "Kubernetes", "Distributed systems", "Go"]
DEMO_CATEGORIES = ["ai-infrastructure", "ai-application-rd", "agent-infrastructure"]
DEMO_LOCATIONS = ["hangzhou", "shanghai", "singapore"]
DEMO_RESUME = [
    "Master's student in Computer Science and Technology, Zhejiang University (graduating June 2027)",
    "B.Eng. in Software Engineering, Zhejiang University (2025)",
    "",
    "Projects",
    "- Built a retrieval-augmented assistant for the lab's paper archive (Python, RAG, vector search).",
    "- Cut LLM serving latency by 30% with continuous batching on a 4-GPU Kubernetes cluster.",
    "- Contributor to an open-source distributed training scheduler written in Go.",
    "",
    "Skills: " + ", ".join(DEMO_SKILLS),
    "Languages: Chinese (native), English (fluent, IELTS 7.5)",
]
# The earlier version the candidate replaced: no serving project yet.
DEMO_RESUME_EARLIER = [*DEMO_RESUME[:4], DEMO_RESUME[4], DEMO_RESUME[6], "", "Skills: Python, PyTorch, Go"]

# --- The other candidates -----------------------------------------------------
# Regions give a name style, schools (weighted; the spring tour's universities
# first), a phone format ("#" a digit) and languages. Written compactly: it is
# a table.

# fmt: off
_CN_FAMILY = [
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu",
    "Guo", "He", "Lin", "Gao", "Luo", "Zheng", "Liang", "Xie", "Song", "Tang", "Han", "Feng", "Deng", "Cao", "Peng",
]
_CN_GIVEN = [
    "Wei", "Fang", "Min", "Jing", "Lei", "Yang", "Yan", "Jie", "Tao", "Hao", "Yu", "Xin", "Yue", "Ming", "Hui",
    "Qiang", "Ting", "Jun", "Qian", "Zihan", "Yuxuan", "Haoran", "Zimo", "Yichen", "Xinyi", "Shiyu", "Ruoxi",
    "Jiahao", "Mengyao", "Siyuan", "Wenjie", "Kaiwen", "Yutong", "Zhiyuan", "Shuhan", "Jiayi", "Boyang",
]
# Written in characters on the portal, in pinyin on an English resume.
_CN_HANZI = [
    ("王子涵", "Wang Zihan"), ("李雨桐", "Li Yutong"), ("张浩然", "Zhang Haoran"), ("陈思远", "Chen Siyuan"),
    ("刘欣怡", "Liu Xinyi"), ("杨一晨", "Yang Yichen"), ("黄梦瑶", "Huang Mengyao"), ("赵嘉豪", "Zhao Jiahao"),
    ("周若曦", "Zhou Ruoxi"), ("吴文杰", "Wu Wenjie"), ("徐凯文", "Xu Kaiwen"), ("孙诗雨", "Sun Shiyu"),
]

REGIONS = {
    "china": {
        "weight": 68,
        "schools": [
            ("Zhejiang University", 14), ("Peking University", 10), ("Tsinghua University", 10),
            ("Shanghai Jiao Tong University", 10), ("Fudan University", 8),
            ("University of Science and Technology of China", 6), ("Nanjing University", 5),
            ("Harbin Institute of Technology", 4), ("Wuhan University", 4), ("Sun Yat-sen University", 3),
            ("Huazhong University of Science and Technology", 3), ("Beihang University", 3),
        ],
        "phone": "+86 1## #### ####",
        "languages": [
            "Chinese (native), English (fluent)", "Chinese (native), English (CET-6)",
            "Chinese (native), English (IELTS 7.0)", "Chinese (native), English (fluent), Japanese (basic)",
        ],
        "locations": ["hangzhou", "beijing", "shanghai", "hangzhou", "singapore"],
    },
    "singapore": {
        "weight": 8,
        "schools": [("National University of Singapore", 3), ("Nanyang Technological University", 3)],
        "family_first": True,
        "family": ["Tan", "Lim", "Ng", "Ong", "Lee", "Goh", "Chua", "Koh", "Teo", "Wong", "Chan", "Yeo"],
        "given": ["Wei Jie", "Jia Hui", "Xin Yi", "Jun Hao", "Hui Min", "Zhi Wei", "Shu Ting", "Kai Xiang", "Li Ting"],
        "names": [
            "Nur Aisyah binti Rahman", "Muhammad Irfan bin Ismail", "Siti Nurhaliza", "Priya Ramasamy",
            "Arjun Pillai", "Divya Krishnan",
        ],
        "phone": "+65 9### ####",
        "languages": ["English (native), Chinese (fluent)", "English (native), Malay (fluent)", "English, Tamil"],
        "locations": ["singapore", "singapore", "hangzhou", "shanghai"],
    },
    "europe": {
        "weight": 7,
        "schools": [
            ("Technical University of Munich", 4), ("ETH Zurich", 2), ("RWTH Aachen University", 2),
            ("Imperial College London", 2), ("University of Cambridge", 1),
        ],
        "given": [
            "Lukas", "Anna", "Jonas", "Lea", "Felix", "Marie", "Paul", "Sophie", "Elias", "Clara", "Mateo",
            "Camille", "Luca", "Giulia", "Jan", "Eva",
        ],
        "family": [
            "Müller", "Schmidt", "Weber", "Fischer", "Wagner", "Becker", "Rossi", "García", "Dubois", "Novák",
            "Kowalski", "Jansen",
        ],
        "phone": "+49 15# #######",
        "languages": [
            "German (native), English (fluent)", "English (fluent), French (native)", "English, Chinese (HSK 4)",
        ],
        "locations": ["frankfurt", "frankfurt", "singapore", "hangzhou"],
    },
    "america": {
        "weight": 8,
        "schools": [
            ("Stanford University", 3), ("Carnegie Mellon University", 2), ("University of California, Berkeley", 2),
            ("Massachusetts Institute of Technology", 1), ("University of Washington", 1),
        ],
        "given": [
            "Emily", "Michael", "Olivia", "Daniel", "Sarah", "Ethan", "Grace", "Ryan", "Hannah", "Kevin", "Chloe",
            "Andrew",
        ],
        "family": ["Johnson", "Chen", "Martinez", "Kim", "Nguyen", "Patel", "Smith", "Garcia", "Wong", "Lee", "Brown"],
        "phone": "+1 650 ### ####",
        "languages": ["English (native)", "English (native), Mandarin (conversational)", "English, Spanish"],
        "locations": ["sunnyvale", "sunnyvale", "singapore", "shanghai"],
    },
    "hong_kong": {
        "weight": 4,
        "schools": [("Hong Kong University of Science and Technology", 3), ("The University of Hong Kong", 2)],
        "family_first": True,
        "family": ["Chan", "Wong", "Leung", "Cheung", "Lau", "Ho", "Lee", "Yip", "Tsang", "Kwok"],
        "given": ["Ka Yan", "Tsz Hin", "Hoi Ching", "Chun Kit", "Wing Sze", "Man Lok", "Hiu Tung", "Ching Yi"],
        "phone": "+852 #### ####",
        "languages": [
            "English (fluent), Cantonese (native), Mandarin (fluent)", "Cantonese (native), English (fluent)",
        ],
        "locations": ["shanghai", "hangzhou", "singapore"],
    },
    "asia": {
        "weight": 5,
        # International students: the phone follows the school's country, not the name.
        "schools": [
            ("The University of Tokyo", 2, "+81 90 #### ####"), ("KAIST", 2, "+82 10 #### ####"),
            ("Indian Institute of Technology Bombay", 2, "+91 9#### #####"),
        ],
        "names": [
            "Kenji Tanaka", "Yuki Sato", "Haruto Suzuki", "Aoi Takahashi", "Ren Watanabe", "Min-jun Park",
            "Seo-yeon Kim", "Ji-ho Lee", "Ha-eun Choi", "Aarav Mehta", "Ananya Iyer", "Vikram Nair", "Sneha Reddy",
            "Nguyen Thi Lan", "Tran Minh Duc", "Le Hoang Anh", "Ahmed Hassan", "Fatima Al-Sayed", "Omar Farouk",
            "Putri Wulandari", "Budi Santoso", "Maria Santos",
        ],
        "languages": ["English (fluent), Japanese (native)", "English (fluent), Korean (native)", "English, Hindi"],
        "locations": ["singapore", "shanghai", "hangzhou", "beijing"],
    },
}

# Majors by field; a field suggests skills and role categories.
FIELDS = {
    "software": {
        "majors": [
            "Computer Science", "Software Engineering", "Computer Science and Technology", "Cyberspace Security",
        ],
        "skills": [
            "Python", "Java", "Go", "C++", "SQL", "Distributed systems", "Microservices", "Kubernetes", "Redis",
            "Kafka", "Linux", "Rust", "Observability",
        ],
        "categories": ["ai-application-rd", "agent-infrastructure", "ai-sre", "backend", "ai-infrastructure"],
    },
    "ai": {
        "majors": ["Artificial Intelligence", "Data Science", "Statistics", "Applied Mathematics", "Automation"],
        "skills": [
            "Python", "PyTorch", "LLM fine-tuning", "LLM evaluation", "RAG", "Natural language processing",
            "Computer vision", "Recommender systems", "Reinforcement learning", "Statistics", "A/B testing",
            "Multimodal models", "Prompt engineering", "Vector search", "Information retrieval", "Time series",
            "Distributed training", "Spark",
        ],
        "categories": ["ai-application-algorithm", "ai-agent-optimization", "ai-data", "ai-application-rd"],
    },
    "hardware": {
        "majors": ["Microelectronics", "Electronic Engineering", "Electrical Engineering", "Computer Engineering"],
        "skills": [
            "Verilog", "SystemVerilog", "RISC-V", "Computer architecture", "C++", "CUDA", "MLIR", "Compilers",
            "Linux", "Python",
        ],
        "categories": ["chip-design", "ai-infrastructure"],
    },
    "data": {
        "majors": ["Information Management", "Computational Linguistics", "Mathematics", "Physics"],
        "skills": [
            "Python", "SQL", "Spark", "Flink", "Data pipelines", "Data labelling", "Statistics",
            "Natural language processing", "Speech processing", "LLM evaluation",
        ],
        "categories": ["ai-data", "ai-application-algorithm", "product-manager"],
    },
    "product": {
        "majors": ["Industrial Design", "Digital Media Technology", "Human-Computer Interaction"],
        "skills": ["User research", "TypeScript", "React", "Node.js", "A/B testing", "Prompt engineering"],
        "categories": ["product-manager", "frontend", "ai-application-rd"],
    },
}
FIELD_WEIGHTS = {"software": 34, "ai": 38, "hardware": 10, "data": 12, "product": 6}
DEGREE_WEIGHTS = {"bachelor": 38, "master": 47, "doctorate": 15}

# Graduation days: mostly the summer of 2027, some winter graduates, both
# ends of the window; a few outside it, so eligibility refusals can be seen.
GRADUATION_IN_WINDOW = {
    dt.date(2026, 11, 1): 1, dt.date(2026, 12, 31): 4, dt.date(2027, 1, 15): 6, dt.date(2027, 3, 31): 3,
    dt.date(2027, 6, 20): 14, dt.date(2027, 6, 30): 30, dt.date(2027, 7, 15): 16, dt.date(2027, 8, 31): 5,
    dt.date(2027, 9, 30): 4, dt.date(2027, 10, 30): 1,
}
GRADUATION_OUTSIDE = [dt.date(2026, 6, 30), dt.date(2026, 10, 31), dt.date(2027, 10, 31), dt.date(2028, 6, 30)]
# fmt: on
OUTSIDE_SHARE = 0.06
# Signed up and filled in a profile, but have not applied yet.
NOT_YET_APPLIED_SHARE = 0.07
TWO_PREFERENCES_SHARE = 0.6
POOL_CONSENT_SHARE = 0.5

# How far a first preference got, then how it ended (shares per stage reached).
REACHED = {S.SUBMITTED: 50, S.SCREENING: 20, S.ASSESSMENT: 12, S.INTERVIEW: 11, S.OFFER: 7}
REJECTED_SHARE = {S.SUBMITTED: 0.12, S.SCREENING: 0.3, S.ASSESSMENT: 0.35, S.INTERVIEW: 0.35}
WITHDRAWN_SHARE = 0.06
HIRED_SHARE, DECLINED_SHARE = 0.45, 0.15

REJECTION_REASONS = {
    S.SUBMITTED: [
        "Profile does not match the role's focus closely enough; could suit a data or platform team.",
        "Headcount for this role was filled by earlier candidates.",
        "Internship dates do not fit the team's schedule.",
    ],
    S.SCREENING: [
        "Strong fundamentals, but little hands-on experience with the role's core stack.",
        "Other candidates had more relevant project experience with large models.",
        "Prefers a location the team does not hire in this season.",
    ],
    S.ASSESSMENT: [
        "Did not pass the coding assessment (2 of 4 problems).",
        "Assessment result below the bar for this role; good at algorithms, weaker at system design.",
    ],
    S.INTERVIEW: [
        "Interview feedback: good communication, system design not yet at the level needed.",
        "Second-round interviewers preferred a candidate with distributed training experience.",
        "Team fit: wants pure research, the role is product engineering. Suggest the Star program next year.",
    ],
}
WITHDRAWAL_REASONS = ["Accepted another internship.", "Decided to stay in my lab this summer.", "", ""]
AFTER_HIRE = "Accepted the offer of my first preference."


# --- Plans: what happened, in days after the candidate first applied -----------


class Move(NamedTuple):
    day: float
    from_status: str
    to_status: str
    by: str  # "candidate", "recruiter" or "system", as in workflow.check_move
    reason: str = ""


@dataclass
class Plan:
    """One application's history; its status is where the last move left it."""

    posting: Posting
    rank: int
    moves: list[Move]


@dataclass
class History:
    """A candidate's applications, placed in time: day d of a plan is `start + d * scale` days."""

    candidate: "User"
    start: dt.datetime
    plans: list[Plan]
    resume: Resume | None = None
    scale: float = 1.0

    def at(self, day: float) -> dt.datetime:
        return self.start + dt.timedelta(days=day * self.scale)


@dataclass
class ApplicantsDemo:
    """What `seed()` added on this run; `summary()` describes everything the demo holds."""

    candidates_added: int = 0
    applications_added: int = 0
    stored_files: list[str] = field(default_factory=list)

    def summary(self, *, demo_candidate: "User") -> list[str]:
        """Lines for the command's report: what the demo holds now (not only what this run added)."""
        candidates = get_user_model().objects.filter(
            email__startswith=CANDIDATE_EMAIL_PREFIX, email__endswith=CANDIDATE_EMAIL_DOMAIN
        )
        by_status = dict(
            Application.objects.filter(candidate__in=candidates)
            .values_list("status")
            .annotate(count=Count("pk"))
            .values_list("status", "count")
        )
        statuses = ", ".join(f"{by_status[status]} {status}" for status in S if by_status.get(status))
        own = [
            f"{status} ({unit}, {program})"
            for status, unit, program in demo_candidate.applications.order_by(
                "posting__program__pk", "rank"
            ).values_list("status", "posting__unit__name", "posting__program__track")
        ]
        return [
            f"demo candidate: {demo_candidate.resumes.count()} resumes; applications: {', '.join(own) or 'none'}",
            f"{candidates.count()} other candidates ({self.candidates_added} new), "
            f"{Resume.objects.filter(candidate__in=candidates).count()} with a resume, "
            f"{CandidateProfile.objects.filter(user__in=candidates).exclude(pool_consent_at=None).count()} "
            "consenting to the talent pool",
            f"{sum(by_status.values())} applications of theirs ({self.applications_added} new): {statuses or 'none'}",
        ]


def seed(*, postings_demo: PostingsDemo, candidates: int = DEFAULT_CANDIDATES, now=None) -> ApplicantsDemo:
    """Write the demo candidate's profile, resumes and applications, and `candidates` other candidates.

    Resume files go to the default storage; if seeding fails they are deleted again.
    """
    now = now or timezone.now()
    result = ApplicantsDemo()
    recruiter = postings_demo.accounts["recruiter"]
    context = _Context(
        postings_demo=postings_demo,
        recruiter=recruiter,
        recruiter_units=set(UnitMembership.objects.filter(user=recruiter).values_list("unit_id", flat=True)),
        abroad=_abroad_postings(postings_demo.postings),
        now=now,
    )
    try:
        _seed_demo_candidate(context, postings_demo.accounts["candidate"], result)
        _seed_candidates(context, candidates, result)
    except BaseException:
        # The rows roll back with the transaction; the files would stay behind.
        for name in result.stored_files:
            Resume.file.field.storage.delete(name)
        raise
    return result


@dataclass
class _Context:
    postings_demo: PostingsDemo
    recruiter: "User"
    recruiter_units: set[int]
    abroad: set[int]
    now: dt.datetime

    def open_postings(self, program_slug: str, degree: str, *, published_before=None) -> list[Posting]:
        """The demo's published postings of a program that accept this degree (published before a time, if given)."""
        program = self.postings_demo.catalogue.programs[program_slug]
        return [
            posting
            for posting in self.postings_demo.postings
            if posting.program_id == program.pk
            and posting.status == Posting.Status.PUBLISHED
            and degree in posting.degree_levels
            and (published_before is None or posting.published_at <= published_before)
        ]


def _abroad_postings(postings: list[Posting]) -> set[int]:
    """Ids of the postings with a location outside mainland China (applying records the cross-border consent)."""
    links = Posting.locations.through.objects.filter(
        posting__in=postings, location__in_mainland_china=False
    ).values_list("posting_id", flat=True)
    return set(links)


# --- The demo candidate ---------------------------------------------------------


def _seed_demo_candidate(context: _Context, candidate, result: ApplicantsDemo) -> None:
    catalogue = context.postings_demo.catalogue
    now = context.now
    profile, _created = CandidateProfile.objects.update_or_create(
        user=candidate,
        defaults={
            **DEMO_CANDIDATE,
            "pool_consent_version": POOL_CONSENT_VERSION,
            "pool_consent_at": now - dt.timedelta(days=70),
        },
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
            data = resume_pdf([*heading, *lines], title=f"{candidate.name} resume")
            resume = _resume(candidate, data, name=name, text=extract_text(data), is_current=is_current)
            _store(resume, data, result)
            resumes.append((resume, {"uploaded_at": uploaded_at}))
        Resume.objects.bulk_create([resume for resume, _ in resumes])
        _backdate(Resume, resumes)

    if Application.objects.filter(candidate=candidate).exists():
        return
    history = History(
        candidate=candidate,
        start=now - dt.timedelta(days=56),
        plans=_demo_candidate_plans(context, profile.degree_level),
        resume=Resume.objects.filter(candidate=candidate, is_current=True).first(),
    )
    _write_histories(context, [history])


def _demo_candidate_plans(context: _Context, degree: str) -> list[Plan]:
    """Interviewing with the demo recruiter's unit, a second preference waiting, a Star application withdrawn."""
    # Published well before the history starts (56 days ago), so every move follows publication.
    before = context.now - dt.timedelta(days=60)
    # With a clock set before the season, whatever is published will do.
    internship = context.open_postings(demo_data.INTERNSHIP, degree, published_before=before) or (
        context.open_postings(demo_data.INTERNSHIP, degree)
    )
    star = context.open_postings(demo_data.STAR, degree, published_before=before) or (
        context.open_postings(demo_data.STAR, degree)
    )

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


# --- The other candidates -----------------------------------------------------------


def _seed_candidates(context: _Context, count: int, result: ApplicantsDemo) -> None:
    """Candidates 1..count that do not exist yet, with profiles, resumes, applications and their history."""
    if count <= 0:
        return
    user_model = get_user_model()
    emails = [CANDIDATE_EMAIL.format(number=number) for number in range(1, count + 1)]
    existing = set(user_model.objects.filter(email__in=emails).values_list("email", flat=True))
    specs = [
        _candidate_spec(context, number, email)
        for number, email in enumerate(emails, start=1)
        if email not in existing
    ]
    if not specs:
        return

    users = []
    for spec in specs:
        user = user_model(email=spec["email"], name=spec["name"], date_joined=spec["joined"])
        # They never sign in: no password to guess, and no hashing to wait for.
        user.set_unusable_password()
        users.append(user)
    user_model.objects.bulk_create(users, batch_size=BATCH_SIZE)
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users],
        batch_size=BATCH_SIZE,
    )
    _create_profiles(context, specs, users)
    resumes = _create_resumes(specs, users, result)

    histories = [
        History(
            candidate=user, start=spec["start"], scale=spec["scale"], plans=spec["plans"], resume=resumes.get(user.pk)
        )
        for spec, user in zip(specs, users, strict=True)
        if spec["plans"]
    ]
    result.candidates_added = len(users)
    result.applications_added = _write_histories(context, histories)


def _candidate_spec(context: _Context, number: int, email: str) -> dict:
    """Everything about candidate `number`, from a generator of its own: the same on every run."""
    rng = random.Random(f"{demo_data.SEED}-candidate-{number}")  # noqa: S311 -- demo content, not a secret
    region_name = _weighted(rng, {name: region["weight"] for name, region in REGIONS.items()})
    region = REGIONS[region_name]
    area = FIELDS[_weighted(rng, FIELD_WEIGHTS)]
    degree = _weighted(rng, DEGREE_WEIGHTS)
    if rng.random() < OUTSIDE_SHARE:
        graduation = rng.choice(GRADUATION_OUTSIDE)
    else:
        graduation = _weighted(rng, GRADUATION_IN_WINDOW)
    school = rng.choices(region["schools"], weights=[entry[1] for entry in region["schools"]])[0]
    phone = school[2] if len(school) > 2 else region["phone"]
    name, resume_name = _names(rng, region_name, region)
    spec = {
        "email": email,
        "name": name,
        "resume_name": resume_name,
        "phone": "".join(rng.choice(string.digits) if char == "#" else char for char in phone),
        "school": school[0],
        "degree_level": degree,
        "major": rng.choice(area["majors"]),
        "graduation_date": graduation,
        "skills": rng.sample(area["skills"], k=rng.randint(3, 6)),
        "categories": rng.sample(area["categories"], k=rng.randint(1, min(3, len(area["categories"])))),
        "locations": list(dict.fromkeys(rng.sample(region["locations"], k=rng.randint(1, 3)))),
        "languages": rng.choice(region["languages"]),
        "links": f"https://{number:03d}.portfolio.demo.example/" if rng.random() < 0.45 else "",
        "open_to_reassignment": rng.random() < 0.6,
        "pool_consent": rng.random() < POOL_CONSENT_SHARE,
    }
    in_window = _in_window(context, graduation)
    applies = in_window and rng.random() >= NOT_YET_APPLIED_SHARE
    spec["plans"] = _candidate_plans(context, rng, spec) if applies else []
    spec["has_resume"] = bool(spec["plans"]) or rng.random() < 1 / 3
    _place(context, rng, spec)
    return spec


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _names(rng: random.Random, region_name: str, region: dict) -> tuple[str, str]:
    """The name on the portal, and on the resume (in Latin letters)."""
    if region_name == "china":
        if rng.random() < 0.15:
            return rng.choice(_CN_HANZI)
        name = f"{rng.choice(_CN_FAMILY)} {rng.choice(_CN_GIVEN)}"
    elif "names" in region and ("family" not in region or rng.random() < 0.3):
        name = rng.choice(region["names"])
    elif region.get("family_first"):
        name = f"{rng.choice(region['family'])} {rng.choice(region['given'])}"
    else:
        name = f"{rng.choice(region['given'])} {rng.choice(region['family'])}"
    return name, name


def _in_window(context: _Context, graduation: dt.date) -> bool:
    program = context.postings_demo.catalogue.programs[demo_data.INTERNSHIP]
    return program.graduation_start <= graduation <= program.graduation_end


def _candidate_plans(context: _Context, rng: random.Random, spec: dict) -> list[Plan]:
    """One or two preferences among the internship's published postings the candidate's degree is accepted for."""
    postings = context.open_postings(demo_data.INTERNSHIP, spec["degree_level"], published_before=context.now)
    if not postings:
        return []
    liked = [posting for posting in postings if posting.category.slug in spec["categories"]]
    wanted = 2 if rng.random() < TWO_PREFERENCES_SHARE else 1
    chosen = []
    while len(chosen) < min(wanted, len(postings)):
        # Mostly roles in the categories they prefer, sometimes anything that fits their degree.
        pool = liked if liked and rng.random() < 0.75 else postings
        posting = rng.choice(pool)
        if posting not in chosen:
            chosen.append(posting)
    first = _first_preference(rng)
    plans = [Plan(chosen[0], rank=1, moves=first)]
    if len(chosen) == 2:
        plans.append(Plan(chosen[1], rank=2, moves=_second_preference(rng, first)))
    return plans


def _first_preference(rng: random.Random) -> list[Move]:
    """Applied, moved forward by the unit as far as it got, perhaps ended (hired, rejected, withdrawn, declined)."""
    reached = _weighted(rng, REACHED)
    path = [S.SUBMITTED, S.SCREENING, S.ASSESSMENT, S.INTERVIEW, S.OFFER]
    path = path[: path.index(reached) + 1]
    if reached in (S.INTERVIEW, S.OFFER) and rng.random() < 0.4:
        path.remove(S.ASSESSMENT)  # Some units interview without an assessment.
    moves = [Move(0.0, "", S.SUBMITTED, "candidate")]
    day = 0.0
    for previous, current in itertools.pairwise(path):
        day += rng.uniform(2, 12)
        moves.append(Move(day, previous, current, "recruiter"))
    day += rng.uniform(2, 12)
    roll = rng.random()
    if reached == S.OFFER:
        if roll < HIRED_SHARE:
            moves.append(Move(day, S.OFFER, S.HIRED, "recruiter"))
        elif roll < HIRED_SHARE + DECLINED_SHARE:
            moves.append(Move(day, S.OFFER, S.DECLINED, "candidate"))
    elif roll < REJECTED_SHARE[reached]:
        moves.append(Move(day, reached, S.REJECTED, "recruiter", rng.choice(REJECTION_REASONS[reached])))
    elif roll < REJECTED_SHARE[reached] + WITHDRAWN_SHARE:
        moves.append(Move(day, reached, S.WITHDRAWN, "candidate", rng.choice(WITHDRAWAL_REASONS)))
    return moves


def _second_preference(rng: random.Random, first: list[Move]) -> list[Move]:
    """Ordered review: waits while the first is under way; released when it ends without a hire."""
    # Applied within a day and a half of the first, before the unit's first move (2 days at least).
    moves = [Move(rng.uniform(0.05, 1.5), "", S.QUEUED, "candidate")]
    end = first[-1]
    if end.to_status in (S.REJECTED, S.WITHDRAWN, S.DECLINED):
        moves.append(Move(end.day, S.QUEUED, S.SUBMITTED, "system"))
        if rng.random() < 0.3:
            moves.append(Move(end.day + rng.uniform(2, 10), S.SUBMITTED, S.SCREENING, "recruiter"))
    elif end.to_status == S.HIRED:
        moves.append(Move(end.day + rng.uniform(0.1, 2), S.QUEUED, S.WITHDRAWN, "candidate", AFTER_HIRE))
    return moves


def _place(context: _Context, rng: random.Random, spec: dict) -> None:
    """When the candidate joined and first applied, so their history ends before now and follows publication.

    A history longer than the time since its postings were published is
    compressed to fit (`scale`), keeping the order of its moves.
    """
    now = context.now
    program = context.postings_demo.catalogue.programs[demo_data.INTERNSHIP]
    plans = spec["plans"]
    earliest = max([program.applications_open, *(plan.posting.published_at for plan in plans)])
    earliest += dt.timedelta(hours=rng.uniform(2, 48))
    span = max((move.day for plan in plans for move in plan.moves), default=0.0)
    room = (now - earliest).total_seconds() / 86400 - 0.5
    spec["scale"] = 1.0
    if not plans:
        spec["start"] = None
        spec["joined"] = _between(rng, program.applications_open, now - dt.timedelta(days=1))
        return
    if span > room:
        spec["scale"] = max(room, 0.0) / span
        spec["start"] = earliest
    else:
        spec["start"] = earliest + dt.timedelta(days=rng.uniform(0, room - span))
    spec["joined"] = spec["start"] - dt.timedelta(days=rng.uniform(1, 20))


def _between(rng: random.Random, start: dt.datetime, end: dt.datetime) -> dt.datetime:
    return start + max(end - start, dt.timedelta(0)) * rng.random()


def _create_profiles(context: _Context, specs: list[dict], users: list) -> None:
    catalogue = context.postings_demo.catalogue
    fields = ["phone", "school", "degree_level", "major", "graduation_date", "languages", "links"]
    profiles = []
    for spec, user in zip(specs, users, strict=True):
        profile = CandidateProfile(
            user=user,
            open_to_reassignment=spec["open_to_reassignment"],
            **{name: spec[name] for name in fields},
        )
        if spec["pool_consent"]:
            profile.pool_consent_version = POOL_CONSENT_VERSION
            profile.pool_consent_at = spec["joined"] + dt.timedelta(minutes=12)
        profiles.append(profile)
    CandidateProfile.objects.bulk_create(profiles, batch_size=BATCH_SIZE)
    _backdate(
        CandidateProfile,
        [
            (profile, {"created_at": spec["joined"], "updated_at": spec["joined"] + dt.timedelta(minutes=10)})
            for profile, spec in zip(profiles, specs, strict=True)
        ],
    )
    links = [
        (CandidateProfile.skills.through, "skill_id", "skills", catalogue.skills),
        (CandidateProfile.preferred_categories.through, "rolecategory_id", "categories", catalogue.categories),
        (CandidateProfile.preferred_locations.through, "location_id", "locations", catalogue.locations),
    ]
    for through, column, key, rows in links:
        through.objects.bulk_create(
            [
                through(candidateprofile_id=profile.pk, **{column: rows[name].pk})
                for profile, spec in zip(profiles, specs, strict=True)
                for name in spec[key]
            ],
            batch_size=BATCH_SIZE,
        )


def _create_resumes(specs: list[dict], users: list, result: ApplicantsDemo) -> dict[int, Resume]:
    """A one-page resume for each candidate who has one, each in its own file: {user id: resume}."""
    resumes = []
    for spec, user in zip(specs, users, strict=True):
        if not spec["has_resume"]:
            continue
        lines = _resume_lines(spec)
        data = resume_pdf(lines, title=f"{spec['resume_name']} resume")
        # The text is the lines the PDF draws, as extraction reads them back
        # (the demo candidate's test checks that): no need to parse 300 files.
        text = "\n".join(line for line in lines if line.strip())
        resume = _resume(user, data, name=f"{spec['resume_name']} CV.pdf", text=text, is_current=True, page_count=1)
        _store(resume, data, result)
        resumes.append((resume, {"uploaded_at": spec["joined"] + dt.timedelta(minutes=30)}))
    Resume.objects.bulk_create([resume for resume, _ in resumes], batch_size=BATCH_SIZE)
    _backdate(Resume, resumes)
    return {resume.candidate_id: resume for resume, _ in resumes}


def _resume_lines(spec: dict) -> list[str]:
    degree = {"bachelor": "Bachelor's", "master": "Master's", "doctorate": "PhD"}[spec["degree_level"]]
    return [
        spec["resume_name"],
        f"{spec['email']} | {spec['phone']}",
        f"{degree} student in {spec['major']}, {spec['school']} (graduating {spec['graduation_date']:%B %Y})",
        "",
        "Skills: " + ", ".join(spec["skills"]),
        "Languages: " + spec["languages"],
    ]


def _resume(candidate, data: bytes, *, name: str, text: str, is_current: bool, page_count: int | None = None):
    """An unsaved Resume row for this PDF; inspected like an upload unless the caller knows its pages."""
    if page_count is None:
        facts = inspect_pdf(data)
        checksum, page_count = facts.sha256, facts.page_count
    else:
        checksum = hashlib.sha256(data).hexdigest()
    return Resume(
        candidate=candidate,
        original_name=safe_display_name(name),
        checksum=checksum,
        size=len(data),
        page_count=page_count,
        text=text,
        text_status=Resume.TextStatus.DONE,
        is_current=is_current,
    )


def _store(resume: Resume, data: bytes, result: ApplicantsDemo) -> None:
    # upload_to generates the stored name, as for an upload.
    resume.file.save("resume.pdf", ContentFile(data), save=False)
    result.stored_files.append(resume.file.name)


def resume_pdf(lines: list[str], *, title: str) -> bytes:
    """A one-page A4 PDF that draws `lines` as text, the first as a heading.

    The standard Helvetica font draws Latin script only: other characters come out as "?".
    """
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    page[NameObject("/Resources")] = DictionaryObject(
        {
            NameObject("/Font"): DictionaryObject(
                {NameObject("/F1"): _font("/Helvetica-Bold"), NameObject("/F2"): _font("/Helvetica")}
            )
        }
    )
    operations = [b"BT /F1 18 Tf 72 770 Td (%s) Tj /F2 11 Tf 15 TL 0 -8 Td" % _pdf_text(lines[0])]
    operations += [b"T* (%s) Tj" % _pdf_text(line) for line in lines[1:]]
    operations.append(b"ET")
    content = ContentStream(None, writer)
    content.set_data(b"\n".join(operations))
    page.replace_contents(content)
    page.compress_content_streams()
    writer.add_metadata({"/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _font(base: str) -> DictionaryObject:
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject(base),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )


def _pdf_text(text: str) -> bytes:
    """`text` as a PDF string literal's contents, in the fonts' WinAnsi encoding."""
    return text.encode("cp1252", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


# --- Writing the histories ------------------------------------------------------


def _write_histories(context: _Context, histories: list[History]) -> int:
    """Insert the applications and their stage changes, dated as planned; how many applications."""
    applications, changes = [], []
    for history in histories:
        candidate = history.candidate
        for plan in history.plans:
            for move in plan.moves[1:]:
                check_move(current=move.from_status, target=move.to_status, by=move.by)
            times = [history.at(move.day) for move in plan.moves]
            application = Application(
                candidate=candidate,
                posting=plan.posting,
                rank=plan.rank,
                status=plan.moves[-1].to_status,
                resume=history.resume,
                submitted_at=next(
                    (when for move, when in zip(plan.moves, times, strict=True) if move.to_status == S.SUBMITTED),
                    None,
                ),
            )
            if plan.posting.pk in context.abroad:
                application.cross_border_consent_version = CROSS_BORDER_CONSENT_VERSION
                application.cross_border_consent_at = times[0]
            applications.append((application, {"created_at": times[0], "updated_at": times[-1]}))
            for move, when in zip(plan.moves, times, strict=True):
                change = StageChange(
                    application=application,
                    actor=_actor(context, move, candidate, plan.posting),
                    from_status=move.from_status,
                    to_status=move.to_status,
                    reason=move.reason,
                )
                changes.append((change, {"created_at": when}))
    Application.objects.bulk_create([application for application, _ in applications], batch_size=BATCH_SIZE)
    _backdate(Application, applications)
    StageChange.objects.bulk_create([change for change, _ in changes], batch_size=BATCH_SIZE)
    _backdate(StageChange, changes)
    return len(applications)


def _actor(context: _Context, move: Move, candidate, posting: Posting):
    if move.by == "candidate":
        return candidate
    # The demo has one recruiter account (Alibaba Cloud); other units' moves
    # and releases from the queue are recorded without a person, as the
    # service records releases.
    if move.by == "recruiter" and posting.unit_id in context.recruiter_units:
        return context.recruiter
    return None


def _backdate(model, rows: list[tuple]) -> None:
    """Set each row's timestamps to the planned ones; auto_now_add overwrote them on insert."""
    if not rows:
        return
    fields = list(rows[0][1])
    for obj, values in rows:
        for name, value in values.items():
            setattr(obj, name, value)
    model.objects.bulk_update([obj for obj, _ in rows], fields, batch_size=BATCH_SIZE)
