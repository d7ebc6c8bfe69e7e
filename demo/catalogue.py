"""The catalogue side of the demo: programs, units, postings, information sessions and the demo accounts.

`manage.py seed_demo` calls `seed()`, then `demo.candidates.seed()`;
`manage.py seed_volume` reuses `seed_catalogue()`. Idempotent: every row is
written by its natural key (slugs; postings by program, unit and title;
sessions by program, university and start; accounts by email), so a second
run leaves the same rows and resets the demo passwords.
"""

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from demo import composer
from demo.data import catalogue as data
from demo.data.accounts import DEMO_ACCOUNTS
from demo.data.sessions import INFO_SESSIONS
from demo.data.star import STAR_POSTINGS
from postings.models import BusinessUnit, InfoSession, Location, Posting, Program, RoleCategory, Skill, UnitMembership

if TYPE_CHECKING:
    from recruit.accounts.models import User


def refuse_without_debug(*, force: bool, why: str) -> None:
    """Stop unless DEBUG is on or the operator passed --force."""
    if not settings.DEBUG and not force:
        raise CommandError(f"Refusing to run with DEBUG off: {why} Pass --force if this database is meant for it.")


@dataclass
class Catalogue:
    """The seeded rows templates refer to, by slug (skills by name)."""

    programs: dict[str, Program]
    units: dict[str, BusinessUnit]
    categories: dict[str, RoleCategory]
    locations: dict[str, Location]
    skills: dict[str, Skill]


@dataclass
class PostingsDemo:
    """What `seed()` wrote: the catalogue, the demo's own postings and sessions, the accounts by role."""

    catalogue: Catalogue
    postings: list[Posting]
    sessions: list[InfoSession]
    accounts: dict[str, "User"]

    def summary(self) -> list[str]:
        """Lines for the command's report."""
        published = [posting for posting in self.postings if posting.status == Posting.Status.PUBLISHED]
        ai_share = round(100 * sum(posting.category.is_ai for posting in published) / len(published))
        by_status = {status: sum(posting.status == status for posting in self.postings) for status in Posting.Status}
        units = self.catalogue.units.values()
        return [
            f"{len(self.catalogue.programs)} programs, {len(units)} business units "
            f"({sum(unit.is_demo for unit in units)} marked demo), "
            f"{len(self.catalogue.categories)} role categories, {len(self.catalogue.locations)} locations, "
            f"{len(self.catalogue.skills)} skills",
            f"{len(self.postings)} postings: {len(published)} published ({ai_share}% AI), "
            f"{by_status[Posting.Status.DRAFT]} drafts, {by_status[Posting.Status.CLOSED]} closed",
            f"{len(self.sessions)} information sessions",
        ]


def seed() -> PostingsDemo:
    """Write the catalogue, postings, information sessions and the demo admin, recruiter and candidate."""
    catalogue = seed_catalogue()
    return PostingsDemo(
        catalogue=catalogue,
        postings=seed_postings(catalogue),
        sessions=seed_info_sessions(catalogue),
        accounts=seed_accounts(catalogue),
    )


def _upsert(model, rows: list[dict], key: str = "slug") -> dict:
    """{key: row} after writing each row by its key."""
    # The demo rows also carry template data (a unit's context, a category's
    # foci) that is not stored.
    fields = {field.name for field in model._meta.concrete_fields} - {key}
    written = {}
    for row in rows:
        values = {field: value for field, value in row.items() if field in fields}
        written[row[key]], _ = model.objects.update_or_create(**{key: row[key]}, defaults=values)
    return written


def seed_catalogue() -> Catalogue:
    """Programs, units, role categories, locations and skills, written by slug."""
    return Catalogue(
        programs=_upsert(Program, data.PROGRAMS),
        units=_upsert(BusinessUnit, [{"is_demo": False, **unit} for unit in data.UNITS]),
        categories=_upsert(RoleCategory, data.CATEGORIES),
        locations=_upsert(Location, data.LOCATIONS),
        skills={
            skill.name: skill
            for skill in _upsert(
                Skill, [{"slug": data.skill_slug(name), "name": name} for name in data.SKILLS]
            ).values()
        },
    )


def seed_postings(catalogue: Catalogue) -> list[Posting]:
    """The internship program's postings (published, drafts, closed) and the Star ones."""
    rng = random.Random(data.SEED)  # noqa: S311 -- demo content, not a secret
    taken = set()

    def compose(count):
        return composer.compose_postings(rng, units=data.UNITS, count=count, taken=taken)

    internship = catalogue.programs[data.INTERNSHIP]
    specs = [
        *[(internship, spec, "published") for spec in compose(data.PUBLISHED_COUNT)],
        *[(internship, spec, "draft") for spec in compose(data.DRAFT_COUNT)],
        *[(internship, spec, "closed") for spec in compose(data.CLOSED_COUNT)],
        *[(catalogue.programs[data.STAR], spec, "published") for spec in STAR_POSTINGS],
    ]
    existing = _postings_by_key(specs)
    postings = []
    for program, spec, status in specs:
        unit = catalogue.units[spec["unit"]]
        posting = existing.get((program.pk, unit.pk, spec["title"])) or Posting(
            program=program, unit=unit, title=spec["title"]
        )
        posting.category = catalogue.categories[spec["category"]]
        for field in ("description", "requirements", "headcount", "degree_levels"):
            setattr(posting, field, spec[field])
        posting.status = status
        posting.published_at = None if status == "draft" else spec["published_at"]
        posting.closes_at = None if status == "draft" else spec["closes_at"]
        posting.save()
        posting.skills.set([catalogue.skills[name] for name in spec["skills"]])
        posting.locations.set([catalogue.locations[slug] for slug in spec["locations"]])
        postings.append(posting)
    _refresh_search_text([posting.pk for posting in postings])
    return postings


def _postings_by_key(specs: list[tuple]) -> dict[tuple, Posting]:
    """{(program id, unit id, title): the posting with that key} for the specs' keys.

    Nothing in the database makes the key unique (seed_volume repeats titles
    in the same units), so the oldest match, the demo's own row, is taken.
    """
    oldest = {}
    rows = (
        Posting.objects.filter(program__in={program for program, _, _ in specs})
        .filter(title__in={spec["title"] for _, spec, _ in specs})
        .order_by("pk")
        .values_list("program_id", "unit_id", "title", "pk")
    )
    for program_id, unit_id, title, pk in rows:
        oldest.setdefault((program_id, unit_id, title), pk)
    postings = Posting.objects.in_bulk(oldest.values())
    return {key: postings[pk] for key, pk in oldest.items()}


def _refresh_search_text(pks: list[int]) -> None:
    postings = list(
        Posting.objects.filter(pk__in=pks).select_related("unit", "category").prefetch_related("skills", "locations")
    )
    for posting in postings:
        posting.search_text = posting.build_search_text()
    Posting.objects.bulk_update(postings, ["search_text"], batch_size=500)


def seed_info_sessions(catalogue: Catalogue) -> list[InfoSession]:
    """The season's information sessions, written by university and start (an aware time in the city's zone)."""
    # Every stored field the data gives (the session's time zone among them);
    # the units are linked below.
    fields = {field.name for field in InfoSession._meta.concrete_fields} - {"program", "university", "starts_at"}
    sessions = []
    for spec in INFO_SESSIONS:
        session, _ = InfoSession.objects.update_or_create(
            program=catalogue.programs[data.INTERNSHIP],
            university=spec["university"],
            starts_at=spec["starts_at"],
            defaults={field: value for field, value in spec.items() if field in fields},
        )
        session.units.set([catalogue.units[slug] for slug in spec["units"]])
        sessions.append(session)
    return sessions


def seed_accounts(catalogue: Catalogue) -> dict[str, "User"]:
    """The demo admin, recruiter and candidate, verified, with their known passwords: {role: user}.

    Only the accounts: the candidate's profile, resumes and applications are
    written by `demo.candidates`.
    """
    user_model = get_user_model()
    users = {}
    for spec in DEMO_ACCOUNTS:
        is_admin = spec["role"] == "admin"
        user = user_model.objects.filter(email__iexact=spec["email"]).first()
        if user is None:
            # No password yet: it is hashed once, below, on every run.
            user = user_model.objects.create_user(spec["email"])
        user.name = spec["name"]
        user.is_active = True
        user.is_staff = user.is_superuser = is_admin
        user.set_password(spec["password"])
        user.save()
        # allauth signs in only verified addresses (mandatory verification).
        EmailAddress.objects.filter(user=user).exclude(email=user.email).update(primary=False)
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        if "unit" in spec:
            UnitMembership.objects.update_or_create(
                user=user, unit=catalogue.units[spec["unit"]], defaults={"role": UnitMembership.Role.RECRUITER}
            )
        users[spec["role"]] = user
    return users
