"""The demo's candidates: the demo candidate, and a few hundred others who applied across the units.

`manage.py seed_demo` calls `seed()` after `demo.catalogue.seed()`, in the
same transaction. The rows are written directly, in bulk, not through the
services (see `demo.histories`). The rules the services enforce hold by
construction instead: applicants are eligible (graduation in the window,
degree accepted), hold at most the program's cap of active applications,
and with ordered review the second preference waits (queued) until the first
ends without a hire, then is released with its own StageChange.

Idempotent: candidates are keyed by email and one that exists is left as it
is; the demo candidate is `demo.demo_candidate`'s.
"""

import datetime as dt
import random
import string
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils import timezone

from applicants.models import POOL_CONSENT_VERSION, Application, CandidateProfile, Resume
from demo import demo_candidate, histories, pool, resume_files, workspace
from demo.catalogue import PostingsDemo
from demo.data.candidates import (
    CN_FAMILY,
    CN_GIVEN,
    CN_HANZI,
    DEGREE_WEIGHTS,
    FIELD_WEIGHTS,
    FIELDS,
    GRADUATION_IN_WINDOW,
    GRADUATION_OUTSIDE,
    NOT_YET_APPLIED_SHARE,
    OUTSIDE_SHARE,
    POOL_CONSENT_SHARE,
    REGIONS,
    TWO_PREFERENCES_SHARE,
)
from demo.data.catalogue import INTERNSHIP, SEED
from demo.histories import BATCH_SIZE, History, Plan, SeedContext, weighted
from postings.models import UnitMembership

if TYPE_CHECKING:
    from recruit.accounts.models import User

S = Application.Status
DEFAULT_CANDIDATES = 300
CANDIDATE_EMAIL_PREFIX, CANDIDATE_EMAIL_DOMAIN = "demo.candidate.", "@demo.example"
CANDIDATE_EMAIL = CANDIDATE_EMAIL_PREFIX + "{number:03d}" + CANDIDATE_EMAIL_DOMAIN


@dataclass
class ApplicantsDemo:
    """What `seed()` added on this run; `summary()` describes everything the demo holds."""

    recruiter: "User"
    candidates_added: int = 0
    applications_added: int = 0
    showcase_added: int = 0
    pool_showcase_added: int = 0
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
            *workspace.summary(self.recruiter),
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
    recruiter = postings_demo.accounts["recruiter"]
    result = ApplicantsDemo(recruiter=recruiter)
    context = SeedContext(
        postings_demo=postings_demo,
        recruiter=recruiter,
        recruiter_units=set(UnitMembership.objects.filter(user=recruiter).values_list("unit_id", flat=True)),
        abroad=histories.abroad_postings(postings_demo.postings),
        now=now,
    )
    try:
        demo_candidate.seed(context, postings_demo.accounts["candidate"], stored_files=result.stored_files)
        _seed_candidates(context, candidates, result)
        _seed_showcase(context, result)
        _seed_pool_showcase(context, result)
        workspace.seed(context)
    except BaseException:
        # The rows roll back with the transaction; the files would stay behind.
        for name in result.stored_files:
            Resume.file.field.storage.delete(name)
        raise
    return result


# --- The other candidates -----------------------------------------------------------


def _seed_candidates(context: SeedContext, count: int, result: ApplicantsDemo) -> None:
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

    planned = [
        History(
            candidate=user, start=spec["start"], scale=spec["scale"], plans=spec["plans"], resume=resumes.get(user.pk)
        )
        for spec, user in zip(specs, users, strict=True)
        if spec["plans"]
    ]
    result.candidates_added = len(users)
    result.applications_added = histories.write_histories(context, planned)


def _seed_showcase(context: SeedContext, result: ApplicantsDemo) -> None:
    """The applicants of the demo recruiter's unit in every stage (demo.workspace), who do not exist yet: written
    as the other candidates are, with profiles, resumes and their histories."""
    people = workspace.showcase(context)
    user_model = get_user_model()
    existing = set(user_model.objects.filter(email__in=[p.email for p in people]).values_list("email", flat=True))
    people = [person for person in people if person.email not in existing]
    if not people:
        return
    users = _write_people(context, result, people, [_showcase_spec(person) for person in people])
    result.showcase_added = len(users)


def _seed_pool_showcase(context: SeedContext, result: ApplicantsDemo) -> None:
    """The talent pool's demo candidates (demo.pool), who do not exist yet: turned down by one unit, fitting
    another's open roles; written as the showcase applicants are."""
    people = pool.showcase(context)
    user_model = get_user_model()
    emails = [person.spec["email"] for person in people]
    existing = set(user_model.objects.filter(email__in=emails).values_list("email", flat=True))
    people = [person for person in people if person.spec["email"] not in existing]
    if not people:
        return
    users = _write_people(context, result, people, [person.spec for person in people])
    result.pool_showcase_added = len(users)


def _write_people(context: SeedContext, result: ApplicantsDemo, people, specs: list[dict]) -> list:
    """Write new demo people (each with a `start` and a `plan`) from their specs: accounts with verified
    addresses, profiles, resumes and their applications' histories; returns the accounts."""
    user_model = get_user_model()
    users = []
    for spec in specs:
        user = user_model(email=spec["email"], name=spec["name"], date_joined=spec["joined"])
        user.set_unusable_password()
        users.append(user)
    user_model.objects.bulk_create(users)
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users]
    )
    _create_profiles(context, specs, users)
    resumes = _create_resumes(specs, users, result)
    planned = [
        History(candidate=user, start=person.start, plans=[person.plan], resume=resumes.get(user.pk))
        for person, user in zip(people, users, strict=True)
    ]
    histories.write_histories(context, planned)
    return users


def _showcase_spec(person) -> dict:
    """A showcase applicant as `_create_profiles` and `_create_resumes` take a candidate: a complete profile,
    a resume; their name in Latin letters on the resume (the PDF font draws no other)."""
    posting = person.plan.posting
    return {
        "email": person.email,
        "name": person.name,
        "resume_name": person.name if person.name.isascii() else f"Applicant {person.number:02d}",
        "phone": f"+86 139 5710 {person.number:04d}",
        "school": person.school,
        "degree_level": person.degree_level,
        "major": person.major,
        "graduation_date": workspace.data.SHOWCASE_GRADUATION,
        "skills": [skill.name_en for skill in posting.skills.all()][:4],
        "categories": [posting.category.slug],
        "locations": [location.slug for location in posting.locations.all()][:2],
        "languages": "Chinese, English",
        "links": "",
        "open_to_reassignment": True,
        "pool_consent": True,
        "joined": person.start - dt.timedelta(days=3),
        "has_resume": True,
    }


def _candidate_spec(context: SeedContext, number: int, email: str) -> dict:
    """Everything about candidate `number`, from a generator of its own: the same on every run."""
    rng = random.Random(f"{SEED}-candidate-{number}")  # noqa: S311 -- demo content, not a secret
    region_name = weighted(rng, {name: region["weight"] for name, region in REGIONS.items()})
    region = REGIONS[region_name]
    area = FIELDS[weighted(rng, FIELD_WEIGHTS)]
    degree = weighted(rng, DEGREE_WEIGHTS)
    if rng.random() < OUTSIDE_SHARE:
        graduation = rng.choice(GRADUATION_OUTSIDE)
    else:
        graduation = weighted(rng, GRADUATION_IN_WINDOW)
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


def _names(rng: random.Random, region_name: str, region: dict) -> tuple[str, str]:
    """The name on the portal, and on the resume (in Latin letters)."""
    if region_name == "china":
        if rng.random() < 0.15:
            return rng.choice(CN_HANZI)
        name = f"{rng.choice(CN_FAMILY)} {rng.choice(CN_GIVEN)}"
    elif "names" in region and ("family" not in region or rng.random() < 0.3):
        name = rng.choice(region["names"])
    elif region.get("family_first"):
        name = f"{rng.choice(region['family'])} {rng.choice(region['given'])}"
    else:
        name = f"{rng.choice(region['given'])} {rng.choice(region['family'])}"
    return name, name


def _in_window(context: SeedContext, graduation: dt.date) -> bool:
    program = context.postings_demo.catalogue.programs[INTERNSHIP]
    return program.graduation_start <= graduation <= program.graduation_end


def _candidate_plans(context: SeedContext, rng: random.Random, spec: dict) -> list[Plan]:
    """One or two preferences among the internship's published postings the candidate's degree is accepted for."""
    postings = context.open_postings(INTERNSHIP, spec["degree_level"], published_before=context.now)
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
    first = histories.first_preference(rng)
    plans = [Plan(chosen[0], rank=1, moves=first)]
    if len(chosen) == 2:
        plans.append(Plan(chosen[1], rank=2, moves=histories.second_preference(rng, first)))
    return plans


def _place(context: SeedContext, rng: random.Random, spec: dict) -> None:
    """When the candidate joined and first applied, so their history ends before now and follows publication.

    A history longer than the time since its postings were published is
    compressed to fit (`scale`), keeping the order of its moves.
    """
    now = context.now
    program = context.postings_demo.catalogue.programs[INTERNSHIP]
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


def _create_profiles(context: SeedContext, specs: list[dict], users: list) -> None:
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
    histories.backdate(
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
        lines = spec.get("resume_lines") or _resume_lines(spec)
        data = resume_files.resume_pdf(lines, title=f"{spec['resume_name']} resume")
        # The text is the lines the PDF draws, as extraction reads them back
        # (the demo candidate's test checks that): no need to parse 300 files.
        text = "\n".join(line for line in lines if line.strip())
        resume = resume_files.resume_row(
            user, data, name=f"{spec['resume_name']} CV.pdf", text=text, is_current=True, page_count=1
        )
        resume_files.store(resume, data, result.stored_files)
        resumes.append((resume, {"uploaded_at": spec["joined"] + dt.timedelta(minutes=30)}))
    Resume.objects.bulk_create([resume for resume, _ in resumes], batch_size=BATCH_SIZE)
    histories.backdate(Resume, resumes)
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
