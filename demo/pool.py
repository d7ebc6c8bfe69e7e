"""The talent pool's demo: candidates turned down by one unit who fit another unit's open roles, then the pool's
entries and suggestions, so the demo recruiter sees suggestions as soon as they sign in.

`demo.candidates.seed` writes the candidates of `showcase()` (keyed by email, written once, like the other demo
candidates) with their profiles, resumes and the application that was turned down. `seed_demo` then calls
`refresh()`: every candidate's pool entry (`talentpool.services.entries_sync`; the demo writes its rows directly,
not through the services whose signals keep entries current) and the suggestions of every published posting
(`talentpool.matching.suggestions_refresh`, which lets postings no longer open lose theirs). Both are
idempotent, so a second run changes nothing.
"""

import datetime as dt
import itertools
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from applicants.models import Application
from applicants.workflow import Mover
from demo.data import pool as data
from demo.data.catalogue import INTERNSHIP
from demo.histories import Move, Plan, SeedContext
from postings.models import Posting, UnitMembership
from talentpool import matching, services
from talentpool.models import PoolEntry, Suggestion, Turndown

S = Application.Status
# The stages an application passes, in order, up to the one it reached.
PATH = (S.SUBMITTED, S.SCREENING, S.ASSESSMENT, S.INTERVIEW, S.OFFER)


@dataclass(frozen=True)
class PoolShowcase:
    """A pool candidate, ready for `demo.candidates` to write: a spec as `_create_profiles` takes one, the plan
    of the application that was turned down, and when it started."""

    spec: dict
    plan: Plan
    start: dt.datetime


def showcase(context: SeedContext) -> list[PoolShowcase]:
    """The candidates of data.POOL_CANDIDATES, each with an application to a posting of the unit that turned them
    down: a published internship of that unit accepting their degree, published before they applied, of the
    first category they prefer that it has (another of its roles otherwise). One without such a posting is left
    out."""
    people = []
    for number, person in enumerate(data.POOL_CANDIDATES, start=1):
        start = context.now - dt.timedelta(days=person["applied"])
        posting = _turned_down_at(context, person, start)
        if posting is None:
            continue
        people.append(PoolShowcase(spec=_spec(number, person, start), plan=_plan(person, posting), start=start))
    return people


def _turned_down_at(context: SeedContext, person: dict, start: dt.datetime) -> Posting | None:
    unit = context.postings_demo.catalogue.units[person["unit"]]
    fitting = [
        posting
        for posting in context.open_postings(INTERNSHIP, person["degree_level"], published_before=start)
        if posting.unit_id == unit.pk
    ]
    fitting.sort(key=lambda posting: (posting.published_at, posting.pk))
    for slug in person["categories"]:
        for posting in fitting:
            if posting.category.slug == slug:
                return posting
    return fitting[0] if fitting else None


def _plan(person: dict, posting: Posting) -> Plan:
    """Applied `applied` days ago, moved up to the stage reached at even steps, rejected `rejected` days ago."""
    stages = list(PATH[: PATH.index(person["reached"]) + 1])
    total = person["applied"] - person["rejected"]
    step = total / len(stages)
    moves = [Move(0.0, "", S.SUBMITTED, Mover.CANDIDATE)]
    for index, (previous, current) in enumerate(itertools.pairwise(stages), start=1):
        moves.append(Move(index * step, previous, current, Mover.RECRUITER))
    moves.append(Move(total, stages[-1], S.REJECTED, Mover.RECRUITER, person["note"], rejection=person["rejection"]))
    return Plan(posting, rank=1, moves=moves)


def _spec(number: int, person: dict, start: dt.datetime) -> dict:
    email = data.POOL_EMAIL.format(number=number)
    joined = start - dt.timedelta(days=3)
    return {
        **{key: person[key] for key in ("name", "school", "degree_level", "major", "graduation_date", "phone")},
        **{key: person[key] for key in ("skills", "categories", "locations", "languages")},
        "email": email,
        "resume_name": person["name"],
        "links": "",
        "open_to_reassignment": True,
        "pool_consent": True,
        "joined": joined,
        "has_resume": True,
        "resume_lines": resume_lines(person, email),
    }


def resume_lines(person: dict, email: str) -> list[str]:
    """The resume's lines, as its PDF draws them and extraction reads them back."""
    degree = {"bachelor": "Bachelor's", "master": "Master's", "doctorate": "PhD"}[person["degree_level"]]
    return [
        person["name"],
        f"{email} | {person['phone']}",
        f"{degree} student in {person['major']}, {person['school']} (graduating {person['graduation_date']:%B %Y})",
        "",
        "Projects",
        *(f"- {line}" for line in person["work"]),
        "",
        "Skills: " + ", ".join(person["skills"]),
        "Languages: " + person["languages"],
    ]


# --- Entries and suggestions ----------------------------------------------------------


@dataclass
class PoolDemo:
    """What `refresh()` did; `summary()` describes the pool as it is now."""

    entries: int = 0
    suggestions_added: int = 0

    def summary(self, recruiter) -> list[str]:
        statuses = dict(PoolEntry.objects.order_by().values_list("status").annotate(count=Count("pk")))
        units = UnitMembership.objects.filter(user=recruiter).values("unit")
        mine = Suggestion.objects.filter(posting__unit__in=units)
        elsewhere = Turndown.objects.filter(entry_id=OuterRef("entry_id")).exclude(unit__in=units)
        turned_down = mine.filter(Exists(elsewhere)).values("entry").distinct().count()
        return [
            f"talent pool: {sum(statuses.values())} entries ({statuses.get(PoolEntry.Status.AVAILABLE, 0)} "
            f"available), {Suggestion.objects.count()} suggestions ({self.suggestions_added} new) for "
            f"{Suggestion.objects.values('posting').distinct().count()} open postings; the demo recruiter's unit: "
            f"{mine.count()} suggestions, of {turned_down} candidates turned down by another unit"
        ]


def refresh(now: dt.datetime | None = None) -> PoolDemo:
    """Every candidate's pool entry, then the suggestions of every published posting (those no longer open lose
    theirs). Idempotent."""
    now = now or timezone.now()
    entries = services.entries_sync()
    postings = Posting.objects.filter(Q(status=Posting.Status.PUBLISHED) | Q(pool_suggestions__isnull=False))
    created = matching.suggestions_refresh(postings.distinct().order_by("pk").values_list("pk", flat=True), now=now)
    return PoolDemo(entries=entries, suggestions_added=sum(created.values()))
