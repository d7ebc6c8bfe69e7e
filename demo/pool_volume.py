"""Talent-pool candidates at volume, for benchmarks: `manage.py seed_volume --pool-candidates N`.

Each candidate has a profile (degree, major, graduation, skills, preferred role categories and cities), has
consented to the pool (some time in the past year, so some entries come up for their reminder), and has a current
resume whose extracted text is written from the catalogue's words: the roles' duties, the skills, the units
(English; a tenth in Chinese, from the Chinese names of the same things). A share were turned down by a unit
(one rejected application with its stage changes), mostly with a reason that allows resurfacing.

Their pool entries are written here in bulk, not by `talentpool.services.entry_refresh` one by one (a handful of
queries per candidate, minutes at 100,000), but as it would write them: the same availability rule
(`talentpool.availability`), the same skills (the profile's and those the resume names,
`talentpool.services.skills_named_in`'s patterns), turndowns and highest stage. tests/demo/test_pool_volume.py
compares the two.

Memory stays flat: candidates are made and written CHUNK at a time, each chunk with bulk inserts, and nothing is
kept from one chunk to the next. Resumes have no stored file (benchmarks read none). The same seed and database
give the same rows.
"""

import datetime as dt
import hashlib
import random
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX

from applicants.models import (
    CROSS_BORDER_CONSENT_VERSION,
    POOL_CONSENT_VERSION,
    Application,
    CandidateProfile,
    RejectionReason,
    Resume,
    StageChange,
)
from demo.data import catalogue as catalogue_data
from demo.data.candidates import (
    CN_FAMILY,
    CN_GIVEN,
    DEGREE_WEIGHTS,
    FIELD_WEIGHTS,
    FIELDS,
    GRADUATION_IN_WINDOW,
    REGIONS,
)
from demo.volume import explicit_timestamps
from postings.models import BusinessUnit, Location, Posting, RoleCategory, Skill
from talentpool import availability, match_profiles, services
from talentpool.availability import PastApplication, PoolFacts
from talentpool.models import PoolEntry, Turndown

try:  # The pool search's stored text, where the build has it (entry_refresh stores it then).
    from talentpool.search import entry_search_text
except ImportError:  # pragma: no cover - a build without the pool search
    entry_search_text = None

S = Application.Status
EMAIL = "volume.pool.{number:07d}@volume.example"
EMAIL_PREFIX = "volume.pool."
# Candidates made and written per round of inserts.
CHUNK = 2000
CHINESE_SHARE = 0.1
TURNED_DOWN_SHARE = 0.4
# Of those turned down: with a reason that rules out other units (conduct, not eligible).
NOT_RESURFACED_SHARE = 0.05
# How far a turned-down application got before the rejection.
REACHED = {S.SUBMITTED: 40, S.SCREENING: 30, S.ASSESSMENT: 12, S.INTERVIEW: 18}
CONSENT_DAYS = 360

# fmt: off
CN_FAMILY_HANZI = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林")
CN_GIVEN_HANZI = [
    "子涵", "雨桐", "浩然", "思远", "欣怡", "一晨", "梦瑶", "嘉豪", "若曦", "文杰", "凯文", "诗雨", "宇航", "佳怡",
    "俊杰", "晓彤", "明轩", "静怡", "天宇", "书涵",
]
SCHOOLS_ZH = {
    "Zhejiang University": "浙江大学", "Peking University": "北京大学", "Tsinghua University": "清华大学",
    "Shanghai Jiao Tong University": "上海交通大学", "Fudan University": "复旦大学",
    "University of Science and Technology of China": "中国科学技术大学", "Nanjing University": "南京大学",
    "Harbin Institute of Technology": "哈尔滨工业大学", "Wuhan University": "武汉大学",
    "Sun Yat-sen University": "中山大学", "Huazhong University of Science and Technology": "华中科技大学",
    "Beihang University": "北京航空航天大学",
}
MAJORS_ZH = {
    "software": ["计算机科学与技术", "软件工程", "网络空间安全"],
    "ai": ["人工智能", "数据科学与大数据技术", "统计学", "应用数学", "自动化"],
    "hardware": ["微电子科学与工程", "电子信息工程", "电气工程", "计算机工程"],
    "data": ["信息管理与信息系统", "计算语言学", "数学", "物理学"],
    "product": ["工业设计", "数字媒体技术", "人机交互"],
}
# fmt: on
DEGREES_EN = {"bachelor": "Bachelor's", "master": "Master's", "doctorate": "PhD"}
DEGREES_ZH = {"bachelor": "本科", "master": "硕士研究生", "doctorate": "博士研究生"}
PROJECT_VERBS = ["built", "designed", "shipped", "rewrote", "led", "prototyped"]
OUTCOMES = [
    "it cut p99 latency by {n}%",
    "it served {n},000 requests a day",
    "it raised offline accuracy by {n} points",
    "it saved {n}% of GPU hours",
    "{n} teams adopted it",
]
OUTCOMES_ZH = [
    "将P99延迟降低{n}%",
    "日均处理{n}万次请求",
    "离线准确率提升{n}个百分点",
    "节省{n}%的GPU算力",
    "被{n}个团队采用",
]
LANGUAGES_EN = [
    "Chinese (native), English (fluent)",
    "English (fluent)",
    "English (native), Mandarin (conversational)",
]
LANGUAGES_ZH = [
    "中文（母语），英语（CET-6）",
    "中文（母语），英语（雅思7.0）",
    "中文（母语），英语（流利），日语（基础）",
]


# Whether entries keep the pool search's text (a build with talentpool.search).
SEARCH_TEXT = entry_search_text is not None and any(
    model_field.name == "search_text" for model_field in PoolEntry._meta.concrete_fields
)


def _both(row) -> tuple:
    return (row.name_en, row.name_zh_hans)


@dataclass
class PoolVolumeResult:
    candidates: int = 0
    chinese: int = 0
    turned_down: int = 0
    available: int = 0
    entry_skills: int = 0


@dataclass
class _Catalogue:
    """What the candidates are written from, loaded once."""

    skills: dict[str, Skill]
    categories: dict[str, RoleCategory]
    locations: dict[str, Location]
    units: list[BusinessUnit]
    # (pk, unit_id, category_id, published_at, abroad) of published postings to be turned down at.
    targets: list[tuple]
    reasons: list[RejectionReason]
    blocking_reasons: list[RejectionReason]
    # Category slug: its data (foci with English and Chinese duties).
    templates: dict[str, dict]
    # {skill id: (English name, Chinese name)}.
    skill_names: dict[int, tuple] = field(default_factory=dict)
    # (skill id, [(its name in lower case, the pattern skills_named_in looks for)]).
    patterns: list = field(default_factory=list)

    def skills_named_in(self, text: str) -> set[int]:
        """`talentpool.services.skills_named_in(text)`, with its own patterns, each tried only where the name
        occurs in the text in any case (a match needs that): a few hundred times faster over 100,000 resumes."""
        lower = text.lower()
        return {
            pk
            for pk, patterns in self.patterns
            if any(name in lower and pattern.search(text) for name, pattern in patterns)
        }


def _load(units, now) -> _Catalogue:
    abroad = set(
        Posting.locations.through.objects.filter(location__in_mainland_china=False).values_list(
            "posting_id", flat=True
        )
    )
    targets = [
        (pk, unit_id, category_id, published_at, pk in abroad)
        for pk, unit_id, category_id, published_at in Posting.objects.filter(
            unit__in=units, status=Posting.Status.PUBLISHED, published_at__lte=now - dt.timedelta(days=45)
        )
        .order_by("pk")
        .values_list("pk", "unit_id", "category_id", "published_at")
    ]
    reasons = list(RejectionReason.objects.order_by("position", "pk"))
    catalogue_skills = tuple(Skill.objects.order_by("pk").values_list("pk", "name_en", "name_zh_hans"))
    return _Catalogue(
        skills={skill.name_en: skill for skill in Skill.objects.all()},
        categories={category.slug: category for category in RoleCategory.objects.all()},
        locations={location.slug: location for location in Location.objects.all()},
        units=list(units),
        targets=targets,
        reasons=[reason for reason in reasons if reason.allows_resurfacing],
        blocking_reasons=[reason for reason in reasons if not reason.allows_resurfacing],
        templates={category["slug"]: category for category in catalogue_data.CATEGORIES},
        skill_names={pk: (name_en, name_zh) for pk, name_en, name_zh in catalogue_skills},
        # The patterns skills_named_in uses, compiled once for the run rather than read per resume.
        patterns=[
            (
                pk,
                [
                    (name.strip().lower(), pattern)
                    for name in names
                    if (pattern := services._skill_pattern(name or ""))
                ],
            )
            for pk, *names in catalogue_skills
        ],
    )


def seed_pool_candidates(
    *, units: list[BusinessUnit], count: int, seed: int, batch_size: int, now
) -> PoolVolumeResult:
    """Write `count` pool candidates (numbered after those already there) with their entries. Runs inside the
    caller's transaction."""
    result = PoolVolumeResult()
    if count <= 0:
        return result
    catalogue = _load(units, now)
    if not catalogue.reasons:
        raise RuntimeError("The list of rejection reasons is empty: run `manage.py migrate`, which fills it.")
    first = get_user_model().objects.filter(email__startswith=EMAIL_PREFIX).count() + 1
    rng = random.Random(f"{seed}-pool-{first}")  # noqa: S311 -- made-up data, not a secret
    writer = _Writer(catalogue=catalogue, now=now, batch_size=batch_size, result=result)
    with explicit_timestamps(CandidateProfile, Resume, Application, StageChange):
        for start in range(first, first + count, CHUNK):
            people = [
                _person(rng, catalogue, number, now) for number in range(start, min(start + CHUNK, first + count))
            ]
            writer.write(people)
    return result


# --- One candidate ------------------------------------------------------------------


def _person(rng: random.Random, catalogue: _Catalogue, number: int, now: dt.datetime) -> dict:
    area_name = rng.choices(list(FIELD_WEIGHTS), list(FIELD_WEIGHTS.values()))[0]
    area = FIELDS[area_name]
    chinese = rng.random() < CHINESE_SHARE
    region = REGIONS["china"] if chinese else REGIONS[rng.choice(list(REGIONS))]
    categories = rng.sample(area["categories"], k=rng.randint(1, min(3, len(area["categories"]))))
    main = catalogue.templates[categories[0]]
    skills = list(dict.fromkeys(rng.sample(area["skills"], k=rng.randint(3, 6)) + rng.sample(main["skills"], k=2)))
    # The profile lists some skills; the resume names them all (matching reads both).
    profile_skills = skills[: rng.randint(2, len(skills))]
    school = rng.choices(region["schools"], weights=[entry[1] for entry in region["schools"]])[0][0]
    if chinese and school not in SCHOOLS_ZH:
        school = rng.choice(list(SCHOOLS_ZH))
    joined = now - dt.timedelta(days=rng.uniform(1, CONSENT_DAYS))
    person = {
        "number": number,
        "email": EMAIL.format(number=number),
        "chinese": chinese,
        "area": area_name,
        "name": _name(rng, region, chinese=chinese),
        "school": school,
        "degree_level": rng.choices(list(DEGREE_WEIGHTS), list(DEGREE_WEIGHTS.values()))[0],
        "major": rng.choice(area["majors"]),
        "major_zh": rng.choice(MAJORS_ZH[area_name]),
        "graduation_date": rng.choices(list(GRADUATION_IN_WINDOW), list(GRADUATION_IN_WINDOW.values()))[0],
        "skills": skills,
        "profile_skills": profile_skills,
        "categories": categories,
        "locations": list(dict.fromkeys(rng.sample(region["locations"], k=rng.randint(1, 3)))),
        "joined": joined,
        "application": None,
    }
    if catalogue.targets and rng.random() < TURNED_DOWN_SHARE:
        person["application"] = _turned_down(rng, catalogue, joined, now)
        if person["application"]:
            # Signed up the day before applying.
            person["joined"] = person["application"]["times"][0] - dt.timedelta(days=1)
    person["text"] = _resume_zh(rng, catalogue, person) if chinese else _resume_en(rng, catalogue, person)
    return person


def _name(rng: random.Random, region: dict, *, chinese: bool) -> str:
    """In characters for a Chinese resume; otherwise in the region's style, in Latin letters."""
    if chinese:
        return f"{rng.choice(CN_FAMILY_HANZI)}{rng.choice(CN_GIVEN_HANZI)}"
    if "names" in region and ("family" not in region or rng.random() < 0.3):
        return rng.choice(region["names"])
    if "family" not in region:
        return f"{rng.choice(CN_FAMILY)} {rng.choice(CN_GIVEN)}"
    if region.get("family_first"):
        return f"{rng.choice(region['family'])} {rng.choice(region['given'])}"
    return f"{rng.choice(region['given'])} {rng.choice(region['family'])}"


def _turned_down(rng: random.Random, catalogue: _Catalogue, joined: dt.datetime, now: dt.datetime) -> dict | None:
    """An application to a published posting, moved up to the stage it reached and rejected, all before now."""
    pk, unit_id, category_id, published_at, abroad = rng.choice(catalogue.targets)
    reached = rng.choices(list(REACHED), list(REACHED.values()))[0]
    path = [S.SUBMITTED, S.SCREENING, S.ASSESSMENT, S.INTERVIEW]
    path = path[: path.index(reached) + 1]
    steps = [rng.uniform(2, 10) for _ in path]
    span = sum(steps)
    earliest = max(published_at, now - dt.timedelta(days=CONSENT_DAYS - 1))
    latest = now - dt.timedelta(days=span + 1)
    if latest <= earliest:
        return None
    start = earliest + (latest - earliest) * rng.random()
    times, moment = [], start
    for step in steps:
        times.append(moment)
        moment += dt.timedelta(days=step)
    times.append(moment)
    blocking = catalogue.blocking_reasons and rng.random() < NOT_RESURFACED_SHARE
    return {
        "posting_id": pk,
        "unit_id": unit_id,
        "category_id": category_id,
        "abroad": abroad,
        "statuses": [*path, S.REJECTED],
        "times": times,
        "reason": rng.choice(catalogue.blocking_reasons if blocking else catalogue.reasons),
    }


def _unit_names(rng: random.Random, catalogue: _Catalogue) -> tuple[str, str]:
    unit = rng.choice(catalogue.units)
    return unit.name_en or unit.name, unit.name_zh_hans or unit.name_en or unit.name


def _resume_en(rng: random.Random, catalogue: _Catalogue, person: dict) -> str:
    """A one-page resume in English, as extraction reads it: contact, studies, two roles, two projects, skills."""
    main = catalogue.templates[person["categories"][0]]
    other = catalogue.templates[rng.choice(person["categories"])]
    focus, second = rng.choice(main["foci"]), rng.choice(other["foci"])
    skills = person["skills"]
    company, _ = _unit_names(rng, catalogue)
    lines = [
        person["name"],
        f"{person['email']} | +86 1{rng.randrange(30, 90)} {rng.randrange(1000, 9999)} {rng.randrange(1000, 9999)}",
        f"{DEGREES_EN[person['degree_level']]} student in {person['major']}, {person['school']} "
        f"(graduating {person['graduation_date']:%B %Y})",
        "Experience",
        f"- {main['name'].replace(' Engineer', '')} intern, {company} ({rng.choice(['2025', '2026'])}): helped "
        f"{focus['duty']}.",
        f"- Project, {second['label']}: {rng.choice(PROJECT_VERBS)} it with {skills[0]} and {skills[-1]}; "
        + rng.choice(OUTCOMES).format(n=rng.randrange(5, 60))
        + ".",
        "Highlights",
        f"- {rng.choice(main['foci'])['requirement']}",
        "Skills: " + ", ".join(skills),
        "Languages: " + rng.choice(LANGUAGES_EN),
    ]
    return "\n".join(lines)


def _resume_zh(rng: random.Random, catalogue: _Catalogue, person: dict) -> str:
    """The same resume in Chinese, from the catalogue's Chinese names, duties and requirements."""
    main = catalogue.templates[person["categories"][0]]
    other = catalogue.templates[rng.choice(person["categories"])]
    focus, second = rng.choice(main["foci"]), rng.choice(other["foci"])
    skills = [catalogue_data.skill_name_zh(name) for name in person["skills"]]
    _, company = _unit_names(rng, catalogue)
    graduation = person["graduation_date"]
    lines = [
        person["name"],
        f"{person['email']} | +86 1{rng.randrange(30, 90)} {rng.randrange(1000, 9999)} {rng.randrange(1000, 9999)}",
        f"{SCHOOLS_ZH[person['school']]} {person['major_zh']} {DEGREES_ZH[person['degree_level']]}，"
        f"预计{graduation.year}年{graduation.month}月毕业",
        "实习经历",
        f"- {company} {main['name_zh']}实习生（{rng.choice(['2025', '2026'])}年）：参与{focus['duty_zh']}。",
        f"- 项目：{second['label_zh']}，使用{skills[0]}和{skills[-1]}完成，"
        + rng.choice(OUTCOMES_ZH).format(n=rng.randrange(5, 60))
        + "。",
        "个人亮点",
        f"- {rng.choice(main['foci'])['requirement_zh']}",
        "熟悉大模型应用开发流程，关注前沿论文与开源社区。" if main.get("is_ai") else "关注前沿技术与开源社区。",
        "专业技能：" + "、".join(skills),
        "语言能力：" + rng.choice(LANGUAGES_ZH),
    ]
    return "\n".join(lines)


# --- Writing a chunk ----------------------------------------------------------------


@dataclass
class _Writer:
    catalogue: _Catalogue
    now: dt.datetime
    batch_size: int
    result: PoolVolumeResult

    def write(self, people: list[dict]) -> None:
        catalogue, size = self.catalogue, self.batch_size
        user_model = get_user_model()
        users = [
            user_model(
                email=person["email"],
                name=person["name"],
                password=f"{UNUSABLE_PASSWORD_PREFIX}{person['number']:040x}",
                date_joined=person["joined"],
            )
            for person in people
        ]
        user_model.objects.bulk_create(users, batch_size=size)
        profiles = []
        for person, user in zip(people, users, strict=True):
            person["user_id"] = user.pk
            person["consent_at"] = person["joined"] + dt.timedelta(minutes=12)
            person["uploaded_at"] = person["joined"] + dt.timedelta(minutes=30)
            profiles.append(
                CandidateProfile(
                    user_id=user.pk,
                    school=person["school"],
                    degree_level=person["degree_level"],
                    major=person["major_zh"] if person["chinese"] else person["major"],
                    graduation_date=person["graduation_date"],
                    languages="Chinese, English",
                    open_to_reassignment=True,
                    pool_consent_version=POOL_CONSENT_VERSION,
                    pool_consent_at=person["consent_at"],
                    created_at=person["joined"],
                    updated_at=person["consent_at"],
                )
            )
        CandidateProfile.objects.bulk_create(profiles, batch_size=size)
        links = [
            (CandidateProfile.skills.through, "skill_id", "profile_skills", catalogue.skills),
            (CandidateProfile.preferred_categories.through, "rolecategory_id", "categories", catalogue.categories),
            (CandidateProfile.preferred_locations.through, "location_id", "locations", catalogue.locations),
        ]
        for through, column, key, rows in links:
            through.objects.bulk_create(
                [
                    through(candidateprofile_id=profile.pk, **{column: rows[name].pk})
                    for profile, person in zip(profiles, people, strict=True)
                    for name in person[key]
                ],
                batch_size=size,
            )
        Resume.objects.bulk_create(
            [
                Resume(
                    candidate_id=person["user_id"],
                    # No file is stored: the benchmarks read the text, never the PDF.
                    file=f"resumes/volume/{person['number']:07d}.pdf",
                    original_name=f"CV {person['number']:07d}.pdf",
                    checksum=hashlib.sha256(person["text"].encode()).hexdigest(),
                    size=len(person["text"].encode()) + 2048,
                    page_count=1,
                    text=person["text"],
                    text_status=Resume.TextStatus.DONE,
                    is_current=True,
                    uploaded_at=person["uploaded_at"],
                )
                for person in people
            ],
            batch_size=size,
        )
        applied = [person for person in people if person["application"]]
        applications = [self._application(person) for person in applied]
        Application.objects.bulk_create(applications, batch_size=size)
        StageChange.objects.bulk_create(
            [
                StageChange(
                    application_id=application.pk,
                    actor_id=person["user_id"] if status == S.SUBMITTED else None,
                    from_status=previous,
                    to_status=status,
                    reason=person["application"]["reason"].name_en if status == S.REJECTED else "",
                    created_at=when,
                )
                for person, application in zip(applied, applications, strict=True)
                for previous, status, when in zip(
                    ["", *person["application"]["statuses"][:-1]],
                    person["application"]["statuses"],
                    person["application"]["times"],
                    strict=True,
                )
            ],
            batch_size=size,
        )
        for person, application in zip(applied, applications, strict=True):
            person["application_id"] = application.pk
        self._entries(people)

    def _application(self, person: dict) -> Application:
        plan = person["application"]
        application = Application(
            candidate_id=person["user_id"],
            posting_id=plan["posting_id"],
            rank=1,
            status=S.REJECTED,
            created_at=plan["times"][0],
            updated_at=plan["times"][-1],
            submitted_at=plan["times"][0],
            stage_entered_at=plan["times"][-1],
            rejection_reason=plan["reason"],
        )
        if plan["abroad"]:
            application.cross_border_consent_version = CROSS_BORDER_CONSENT_VERSION
            application.cross_border_consent_at = plan["times"][0]
        return application

    def _search_text(self, person: dict, skill_ids: set[int]) -> str:
        """The pool search's text of the entry, as `talentpool.search.entry_search_refresh` builds it."""
        catalogue = self.catalogue
        names = [catalogue.skill_names[pk] for pk in skill_ids]
        names += [_both(catalogue.categories[slug]) for slug in person["categories"]]
        names += [_both(catalogue.locations[slug]) for slug in person["locations"]]
        return entry_search_text(
            name=person["name"],
            school=person["school"],
            major=person["major_zh"] if person["chinese"] else person["major"],
            degree_level=person["degree_level"],
            names=names,
            resume_text=person["text"],
        )

    def _entries(self, people: list[dict]) -> None:
        """The entries, their skills and turndowns, as `entry_refresh` would write them (module docstring)."""
        retention = services.retention_days()
        entries, skill_sets, turndowns = [], [], []
        for person in people:
            plan = person["application"]
            past = []
            if plan:
                past.append(
                    PastApplication(
                        status=S.REJECTED,
                        status_since=plan["times"][-1],
                        created_at=plan["times"][0],
                        allows_resurfacing=plan["reason"].allows_resurfacing,
                    )
                )
            facts = PoolFacts(consent_at=person["consent_at"], has_resume=True, applications=past)
            decision = availability.availability(facts, now=self.now, retention_days=retention)
            cleared = [person["consent_at"], person["uploaded_at"], *(a.status_since for a in past)]
            reached = plan["statuses"][-2] if plan else ""
            keeps_copy = decision.status in (PoolEntry.Status.AVAILABLE, PoolEntry.Status.UNAVAILABLE)
            entries.append(
                PoolEntry(
                    candidate_id=person["user_id"],
                    status=decision.status,
                    unavailable_reasons=list(decision.reasons),
                    consent_version=POOL_CONSENT_VERSION,
                    consent_at=person["consent_at"],
                    expires_at=decision.expires_at,
                    available_since=min(self.now, max(cleared)) if decision.available else None,
                    highest_stage_reached=reached,
                    highest_stage_unit_id=plan["unit_id"] if plan else None,
                    resume_text=person["text"] if keeps_copy else "",
                    resume_uploaded_at=person["uploaded_at"] if keeps_copy else None,
                )
            )
            named = self.catalogue.skills_named_in(person["text"])
            profile = {self.catalogue.skills[name].pk for name in person["profile_skills"]}
            skill_sets.append((profile | named) if keeps_copy else set())
            if SEARCH_TEXT:
                entries[-1].search_text = self._search_text(person, skill_sets[-1]) if keeps_copy else ""
            self.result.available += decision.available
        PoolEntry.objects.bulk_create(entries, batch_size=self.batch_size)
        through = PoolEntry.skills.through
        links = [
            through(poolentry_id=entry.pk, skill_id=skill_id)
            for entry, skills in zip(entries, skill_sets, strict=True)
            for skill_id in sorted(skills)
        ]
        through.objects.bulk_create(links, batch_size=self.batch_size)
        for entry, person in zip(entries, people, strict=True):
            plan = person["application"]
            if plan:
                turndowns.append(
                    Turndown(
                        entry_id=entry.pk,
                        application_id=person["application_id"],
                        unit_id=plan["unit_id"],
                        category_id=plan["category_id"],
                        allows_resurfacing=plan["reason"].allows_resurfacing,
                        stage_reached=plan["statuses"][-2],
                        turned_down_at=plan["times"][-1],
                    )
                )
        Turndown.objects.bulk_create(turndowns, batch_size=self.batch_size)
        match_profiles.refresh([entry.pk for entry in entries])
        self.result.candidates += len(people)
        self.result.chinese += sum(person["chinese"] for person in people)
        self.result.turned_down += len(turndowns)
        self.result.entry_skills += len(links)
