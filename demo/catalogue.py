"""The catalogue side of the demo: programs, units, postings, information sessions and the demo accounts.

`manage.py seed_demo` calls `seed()`, then `demo.candidates.seed()`;
`manage.py seed_volume` reuses `seed_catalogue()`. Idempotent: every row is
written by its natural key (slugs; postings by program, unit and English
title; sessions by program, English university name and start; accounts by
email), so a second run leaves the same rows and resets the demo passwords.

Catalogue text is written in both languages, each in its own column
(`name_en`, `name_zh_hans`; postings/translation.py), whatever language is
active: a database seeded before the demo had Chinese gets its Chinese on the
next run.
"""

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from demo import composer
from demo.data import catalogue as data
from demo.data.accounts import DEMO_ACCOUNTS
from demo.data.sessions import INFO_SESSIONS, rolling_online_session
from demo.data.star import STAR_POSTINGS
from postings.models import BusinessUnit, InfoSession, Location, Posting, Program, RoleCategory, Skill, UnitMembership

if TYPE_CHECKING:
    from recruit.accounts.models import User

ENGLISH = "en"
CHINESE = "zh-hans"


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


def columns(model, row: dict, fields: tuple[str, ...] | None = None) -> dict:
    """A data row's values by column: a translated field's English (`name`) and Chinese (`name_zh`) go to
    its `name_en` and `name_zh_hans` columns, other stored fields as they are.

    The data also carries template values that are not stored (a unit's
    context, a category's foci): left out, as is anything not in `fields` when given.
    """
    translated = set(translator.get_options_for_model(model).get_field_names())
    stored = {field.name for field in model._meta.concrete_fields} - translated
    values = {}
    for name, value in row.items():
        field = name.removesuffix("_zh")
        if fields is not None and field not in fields:
            continue
        if field in translated:
            values[build_localized_fieldname(field, CHINESE if name.endswith("_zh") else ENGLISH)] = value
        elif name in stored:
            values[name] = value
    return values


def _upsert(model, rows: list[dict], key: str = "slug") -> dict:
    """{key: row} after writing each row by its key."""
    written = {}
    for row in rows:
        values = {column: value for column, value in columns(model, row).items() if column != key}
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
            skill.name_en: skill
            for skill in _upsert(
                Skill,
                [
                    {"slug": data.skill_slug(name), "name": name, "name_zh": data.skill_name_zh(name)}
                    for name in data.SKILLS
                ],
            ).values()
        },
    )


# The posting fields a spec gives besides its unit, category, links and dates (the texts in both languages).
POSTING_FIELDS = ("title", "description", "requirements", "headcount", "degree_levels")


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
        posting = existing.get((program.pk, unit.pk, spec["title"])) or Posting(program=program, unit=unit)
        posting.category = catalogue.categories[spec["category"]]
        for column, value in columns(Posting, spec, POSTING_FIELDS).items():
            setattr(posting, column, value)
        posting.status = status
        posting.published_at = None if status == "draft" else spec["published_at"]
        posting.closes_at = None if status == "draft" else spec["closes_at"]
        posting.save()
        posting.skills.set([catalogue.skills[name] for name in spec["skills"]])
        posting.locations.set([catalogue.locations[slug] for slug in spec["locations"]])
        postings.append(posting)
    refresh_search_text([posting.pk for posting in postings])
    return postings


def _postings_by_key(specs: list[tuple]) -> dict[tuple, Posting]:
    """{(program id, unit id, English title): the posting with that key} for the specs' keys.

    Nothing in the database makes the key unique (seed_volume repeats titles
    in the same units), so the oldest match, the demo's own row, is taken.
    """
    oldest = {}
    rows = (
        Posting.objects.filter(program__in={program for program, _, _ in specs})
        .filter(title_en__in={spec["title"] for _, spec, _ in specs})
        .order_by("pk")
        .values_list("program_id", "unit_id", "title_en", "pk")
    )
    for program_id, unit_id, title, pk in rows:
        oldest.setdefault((program_id, unit_id, title), pk)
    postings = Posting.objects.in_bulk(oldest.values())
    return {key: postings[pk] for key, pk in oldest.items()}


def refresh_search_text(pks: list[int], batch_size: int = 1000) -> None:
    """Store the search text of the postings with these ids, loaded `batch_size` at a time."""
    for start in range(0, len(pks), batch_size):
        store_search_text(
            list(
                Posting.objects.filter(pk__in=pks[start : start + batch_size])
                .select_related("unit", "category")
                .prefetch_related("skills", "locations")
            )
        )


def store_search_text(postings: list[Posting]) -> None:
    """Store each posting's search text as the model builds it (`build_search_text`), and nothing else.

    The postings' skills and locations must be stored (and are best prefetched).
    One UPDATE by id per posting, sent together: some twenty times cheaper than
    bulk_update's CASE for the tens of thousands seed_volume writes.
    """
    for posting in postings:
        posting.search_text = posting.build_search_text()
    meta, quote = Posting._meta, connection.ops.quote_name
    table, column, pk = quote(meta.db_table), quote(meta.get_field("search_text").column), quote(meta.pk.column)
    update = f"UPDATE {table} SET {column} = %s WHERE {pk} = %s"  # noqa: S608 -- quoted names; values are parameters
    with connection.cursor() as cursor:
        cursor.executemany(update, [(posting.search_text, posting.pk) for posting in postings])


def seed_info_sessions(catalogue: Catalogue) -> list[InfoSession]:
    """The season's information sessions, written by university and start (an aware time in the city's zone)."""
    # Every stored field the data gives (the session's time zone among them);
    # the units are linked below.
    key = {"university_en", "starts_at"}
    sessions = []
    for spec in INFO_SESSIONS:
        values = columns(InfoSession, spec)
        session, _ = InfoSession.objects.update_or_create(
            program=catalogue.programs[data.INTERNSHIP],
            university_en=spec["university"],
            starts_at=spec["starts_at"],
            defaults={column: value for column, value in values.items() if column not in key},
        )
        session.units.set([catalogue.units[slug] for slug in spec["units"]])
        sessions.append(session)
    # The monthly online one moves forward on each run: written by its name, not its start.
    spec = rolling_online_session(timezone.localdate())
    session, _ = InfoSession.objects.update_or_create(
        program=catalogue.programs[data.INTERNSHIP],
        university_en=spec["university"],
        defaults={column: value for column, value in columns(InfoSession, spec).items() if column != "university_en"},
    )
    session.units.set([catalogue.units[slug] for slug in spec["units"]])
    sessions.append(session)
    return sessions


def seed_accounts(catalogue: Catalogue) -> dict[str, "User"]:
    """The demo admin, recruiters and candidate, verified, with their known passwords: {role: user}.

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
                user=user,
                unit=catalogue.units[spec["unit"]],
                defaults={"role": spec.get("unit_role", UnitMembership.Role.RECRUITER)},
            )
        users[spec["role"]] = user
    return users
