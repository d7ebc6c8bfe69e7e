"""Internship postings written from the role categories' templates, with a seeded random generator.

The same seed always gives the same postings: `seed_demo` writes about 120,
`seed_volume` as many as asked. Plain values only; nothing here touches the
database.

Each posting is written in English and in Chinese from the same choices: the
templates below are (English, Chinese) pairs, and one draw picks a pair, so
the two texts say the same things in the same order and the English is what it
was before the Chinese was added (the draws are the same).
"""

import datetime as dt
import random

from demo.data.catalogue import (
    ABROAD,
    CATEGORIES,
    GENERIC_UNIT_CONTEXT,
    GENERIC_UNIT_CONTEXT_ZH,
    LOCATIONS,
    SHANGHAI,
    UNITS,
    studies,
    studies_zh,
)

# The announcement says AI roles are over 80% of openings; the demo aims a
# little higher so drafts and closures never push the live share under it.
AI_SHARE = 0.85
PUBLISHED_FROM = dt.datetime(2026, 3, 18, 9, 0, tzinfo=SHANGHAI)
PUBLISHED_UNTIL = dt.datetime(2026, 11, 20, 18, 0, tzinfo=SHANGHAI)
CLOSES_FROM = dt.datetime(2027, 1, 15, 23, 59, tzinfo=SHANGHAI)
CLOSES_UNTIL = dt.datetime(2027, 5, 31, 23, 59, tzinfo=SHANGHAI)

_OPENERS = [
    ("As an intern at {unit}, you will {duty}.", "作为{unit}的实习生，你将{duty}。"),
    ("Join {unit} to {duty}.", "加入{unit}，{duty}。"),
    ("In this internship at {unit} you will {duty}.", "在{unit}的这段实习中，你将{duty}。"),
    ("{unit} is looking for an intern to {duty}.", "{unit}正在招募实习生，与团队一起{duty}。"),
]
_CONTEXTS = [
    (
        "The team works on {context}, and your work will ship to real users during the internship.",
        "团队的工作方向是{context}，你的成果会在实习期间上线，服务真实用户。",
    ),
    ("You will work alongside the engineers behind {context}.", "你将与负责{context}的工程师并肩工作。"),
    (
        "The team owns {context} and measures success in production, not in slides.",
        "团队负责{context}，用线上的真实效果而不是汇报PPT来衡量成败。",
    ),
]
_CLOSERS = [
    (
        "A mentor reviews your work every week and helps you choose a problem worth a summer.",
        "导师每周和你一起复盘工作，帮你挑选一个值得投入整个夏天的课题。",
    ),
    (
        "Most interns present their results to the wider team and leave with code in production.",
        "大多数实习生会向更大的团队汇报成果，离开时都有代码在线上运行。",
    ),
    (
        "Outstanding interns are considered for a return offer in the 2027 graduate program.",
        "表现优秀的实习生将有机会获得转正offer，加入2027届应届生项目。",
    ),
    (
        "We publish when the work is new; several interns co-authored papers last year.",
        "工作有新意，我们就发表论文；去年已有多位实习生参与合著。",
    ),
]
_BONUSES = [
    (
        "Bonus: papers at NeurIPS, ICML, ICLR, ACL, CVPR or a similar venue.",
        "加分项：在NeurIPS、ICML、ICLR、ACL、CVPR等顶级会议发表过论文。",
    ),
    (
        "Bonus: a well-used open-source project or strong results in programming contests (ICPC, Kaggle).",
        "加分项：维护过广受欢迎的开源项目，或在ICPC、Kaggle等编程竞赛中成绩优异。",
    ),
    ("Bonus: a previous internship on a production system.", "加分项：有线上生产系统相关的实习经历。"),
]
_ABROAD_LANGUAGES = (
    "Working proficiency in English; Mandarin is a plus outside mainland China.",
    "具备英语工作能力；中国大陆以外的岗位，会说普通话者优先。",
)
_DEGREES = [
    (["bachelor", "master", "doctorate"], 5),
    (["bachelor", "master"], 2),
    (["master", "doctorate"], 3),
    (["doctorate"], 1),
]
_HEADCOUNTS = ([1, 2, 3, 4, 5], [4, 4, 3, 2, 1])
# About one posting in eight has a Chinese sentence in its English text too:
# how Chinese search found postings before they had Chinese text of their own,
# kept so the English texts stay as they were.
_CHINESE_SHARE = 0.12
_CLOSING_DATE_SHARE = 0.2


def posting_title(category: dict, focus: dict) -> str:
    return f"{category['name']} Intern — {focus['label']}"


def posting_title_zh(category: dict, focus: dict) -> str:
    return f"{category['name_zh']}（实习）— {focus['label_zh']}"


def _moment(rng: random.Random, start: dt.datetime, end: dt.datetime) -> dt.datetime:
    minutes = int((end - start).total_seconds() // 60)
    return start + dt.timedelta(minutes=rng.randrange(minutes + 1))


def _pick_some(rng: random.Random, options: list, low: int, high: int) -> list:
    return rng.sample(options, min(len(options), rng.randint(low, high)))


def compose_posting(rng: random.Random, *, unit: dict, category: dict, focus: dict) -> dict:
    """One posting as plain values: slugs and skill names, not model instances."""
    levels = rng.choices([levels for levels, _ in _DEGREES], [weight for _, weight in _DEGREES])[0]
    locations = _pick_some(rng, unit["locations"], 1, 3)
    skills = list(focus["skills"])
    wanted = rng.randint(3, 6)
    for name in rng.sample(category["skills"], len(category["skills"])):
        if len(skills) >= wanted:
            break
        if name not in skills:
            skills.append(name)

    opener, context = rng.choice(_OPENERS), rng.choice(_CONTEXTS)
    sentences = [
        (
            opener[0].format(unit=unit["name"], duty=focus["duty"]),
            opener[1].format(unit=unit["name_zh"], duty=focus["duty_zh"]),
        ),
        (context[0].format(context=unit["context"]), context[1].format(context=unit["context_zh"])),
    ]
    if rng.random() < 0.6:
        sentences.append(rng.choice(_CLOSERS))
    description = [english for english, _ in sentences]
    if rng.random() < _CHINESE_SHARE:
        description.append(category["zh"])

    requirements = [
        (studies(levels, category["fields"]), studies_zh(levels, category["fields_zh"])),
        (focus["requirement"], focus["requirement_zh"]),
        *_pick_some(rng, category["requirements"], 1, 2),
    ]
    if rng.random() < 0.5:
        requirements.append(rng.choice(_BONUSES))
    if ABROAD.intersection(locations):
        requirements.append(_ABROAD_LANGUAGES)

    published_at = _moment(rng, PUBLISHED_FROM, PUBLISHED_UNTIL)
    closes_at = None
    if rng.random() < _CLOSING_DATE_SHARE:
        # Postings close at the end of a day, as the program does.
        closes_at = CLOSES_FROM + dt.timedelta(days=rng.randrange((CLOSES_UNTIL - CLOSES_FROM).days + 1))
    return {
        "unit": unit["slug"],
        "category": category["slug"],
        "title": posting_title(category, focus),
        "title_zh": posting_title_zh(category, focus),
        "description": " ".join(description),
        # Chinese sentences follow one another without spaces.
        "description_zh": "".join(chinese for _, chinese in sentences),
        "requirements": "\n".join(f"- {english}" for english, _ in requirements),
        "requirements_zh": "\n".join(f"- {chinese}" for _, chinese in requirements),
        "skills": skills,
        "locations": locations,
        "headcount": rng.choices(*_HEADCOUNTS)[0],
        "degree_levels": levels,
        "published_at": published_at,
        "closes_at": closes_at,
    }


def _fits(category: dict, unit: dict) -> bool:
    return "units" not in category or unit["slug"] in category["units"]


def compose_postings(
    rng: random.Random, *, units: list[dict], count: int, ai_share: float = AI_SHARE, taken: set | None = None
) -> list[dict]:
    """`count` postings spread over `units`, `ai_share` of them in AI categories.

    With `taken` (a set of (unit slug, title) pairs, updated in place) no title
    repeats within a unit; without it titles may repeat, as bulk data can.
    """
    ai_count = round(count * ai_share)
    kinds = [True] * ai_count + [False] * (count - ai_count)
    rng.shuffle(kinds)
    unit_weights = [unit.get("weight", 1) for unit in units]
    postings = []
    for is_ai in kinds:
        unit = rng.choices(units, unit_weights)[0]
        options = [
            (category, focus)
            for category in CATEGORIES
            if category["is_ai"] == is_ai and _fits(category, unit)
            for focus in category["foci"]
            if taken is None or (unit["slug"], posting_title(category, focus)) not in taken
        ]
        if not options:
            raise ValueError(f"Not enough posting templates for another distinct title in {unit['name']}.")
        weights = [3 if category["slug"] in unit.get("favours", ()) else 1 for category, _ in options]
        category, focus = rng.choices(options, weights)[0]
        posting = compose_posting(rng, unit=unit, category=category, focus=focus)
        if taken is not None:
            taken.add((unit["slug"], posting["title"]))
        postings.append(posting)
    return postings


def unit_profile(*, slug: str, name: str, name_zh: str | None = None) -> dict:
    """The demo profile of a unit, or a plain one for units the demo does not know."""
    for unit in UNITS:
        if unit["slug"] == slug:
            return unit
    return {
        "slug": slug,
        "name": name,
        "name_zh": name_zh or name,
        "context": GENERIC_UNIT_CONTEXT,
        "context_zh": GENERIC_UNIT_CONTEXT_ZH,
        "locations": [location["slug"] for location in LOCATIONS],
    }
