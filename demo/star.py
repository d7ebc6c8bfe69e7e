"""The Star research track's demo data: the five areas, each research posting's areas, the committees, and a few
research applications with reviews (demo/data/star.py, demo/data/star_applications.py).

Idempotent like the rest of seed_demo: areas and memberships by their keys; researchers, their applications and
the reviews are written once (by email, by candidate and posting, by application and reviewer).
"""

import datetime as dt
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from applicants.models import Application, CandidateProfile, StageChange
from demo.catalogue import PostingsDemo, columns
from demo.data.catalogue import STAR
from demo.data.star import RESEARCH_AREAS, STAR_POSTINGS
from demo.data.star_applications import COMMITTEE_MEMBERS, DEMO_COMMITTEE_AREAS, RESEARCHERS
from star.models import CommitteeMembership, PostingArea, Publication, ResearchArea, StarApplication, StarReview


@dataclass
class StarDemo:
    areas: int
    postings: int
    members: int
    applications: int
    reviews: int

    def summary(self) -> list[str]:
        return [
            f"Star: {self.areas} research areas, {self.postings} research postings, {self.members} committee "
            f"seats, {self.applications} research applications, {self.reviews} committee reviews"
        ]


def seed(postings_demo: PostingsDemo, *, now=None) -> StarDemo:
    now = now or timezone.now()
    areas = {}
    for position, spec in enumerate(RESEARCH_AREAS):
        values = {column: value for column, value in columns(ResearchArea, spec).items() if column != "slug"}
        areas[spec["slug"]], _ = ResearchArea.objects.update_or_create(
            slug=spec["slug"], defaults={**values, "position": position}
        )
    program = postings_demo.catalogue.programs[STAR]
    by_title = {posting.title_en: posting for posting in postings_demo.postings if posting.program_id == program.pk}
    research_postings = {}
    for spec in STAR_POSTINGS:
        posting = by_title[spec["title"]]
        research_postings[spec["title"]] = posting
        for slug in spec["areas"]:
            PostingArea.objects.get_or_create(posting=posting, area=areas[slug])

    users = {email: _member(email, name) for email, name, _slugs in COMMITTEE_MEMBERS}
    committee = postings_demo.accounts["committee"]
    users[committee.email] = committee
    seats = [(committee.email, DEMO_COMMITTEE_AREAS), *((email, slugs) for email, _name, slugs in COMMITTEE_MEMBERS)]
    for email, slugs in seats:
        for slug in slugs:
            CommitteeMembership.objects.get_or_create(user=users[email], area=areas[slug])

    for spec in RESEARCHERS:
        posting = next(p for title, p in research_postings.items() if title.endswith(f": {spec['topic']}"))
        star = _application(spec, posting, [areas[slug] for slug in spec["areas"]], now=now)
        for email, (quality, impact, fit, comment) in spec["reviews"].items():
            StarReview.objects.get_or_create(
                star_application=star,
                reviewer=users[email],
                defaults={"research_quality": quality, "impact": impact, "fit": fit, "comment": comment},
            )
    return StarDemo(
        areas=ResearchArea.objects.count(),
        postings=len(research_postings),
        members=CommitteeMembership.objects.count(),
        applications=StarApplication.objects.count(),
        reviews=StarReview.objects.count(),
    )


def _member(email: str, name: str):
    """A committee member whose reviews are demo data: verified, no password (nobody signs in as them)."""
    user, created = get_user_model().objects.get_or_create(email=email, defaults={"name": name})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
    return user


def _application(spec: dict, posting, areas, *, now) -> StarApplication:
    """The researcher's account, profile and research application (submitted to the unit), written once."""
    user, created = get_user_model().objects.get_or_create(email=spec["email"], defaults={"name": spec["name"]})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
    profile = {key: spec[key] for key in ("school", "degree_level", "major", "graduation_date")}
    CandidateProfile.objects.get_or_create(user=user, defaults={**profile, "phone": "+86 138 0000 2027"})
    # Applied a few days ago, its history as the service writes it (the application's times are its one change's).
    applied_at = now - dt.timedelta(days=spec["applied_days_ago"])
    application, created = Application.objects.get_or_create(
        candidate=user, posting=posting, defaults={"rank": 1, "status": Application.Status.SUBMITTED}
    )
    if created:
        change = StageChange.objects.create(
            application=application, actor=user, from_status="", to_status=application.status
        )
        StageChange.objects.filter(pk=change.pk).update(created_at=applied_at)
        times = ("created_at", "updated_at", "submitted_at", "stage_entered_at")
        Application.objects.filter(pk=application.pk).update(**dict.fromkeys(times, applied_at))
    advisor_name, advisor_institution = spec["advisor"]
    star, created = StarApplication.objects.get_or_create(
        application=application,
        defaults={
            "statement": spec["statement"],
            "advisor_name": advisor_name,
            "advisor_institution": advisor_institution,
            "expected_degree": spec["expected_degree"],
        },
    )
    if created:
        star.areas.set(areas)
        Publication.objects.bulk_create(
            Publication(
                star_application=star,
                position=position,
                title=title,
                venue=venue,
                year=year,
                link=link,
                author_position=author_position,
            )
            for position, (title, venue, year, link, author_position) in enumerate(spec["publications"])
        )
    return star
