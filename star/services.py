"""Writes of the Star track: applying to a research posting, and a committee member's review."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from applicants.services import ApplicationRefused, application_submit
from postings.models import Posting

from .models import MAX_PUBLICATIONS, STATEMENT_MAX_LENGTH, PostingArea, Publication, StarApplication, StarReview


def _star_reasons(*, posting, areas, statement, expected_degree, publications) -> list[str]:
    """What the research parts lack, in the candidate's words (the form says the same, field by field)."""
    reasons = []
    posting_areas = set(PostingArea.objects.filter(posting=posting).values_list("area_id", flat=True))
    if not areas:
        reasons.append(_("Choose at least one research area."))
    elif not {area.pk for area in areas} <= posting_areas:
        reasons.append(_("Choose research areas of this role only."))
    if not statement.strip():
        reasons.append(_("Write your research statement."))
    elif len(statement) > STATEMENT_MAX_LENGTH:
        reasons.append(_("Shorten your statement to 4,000 characters."))
    if expected_degree not in posting.accepted_degree_levels() or expected_degree not in StarApplication.Degree:
        reasons.append(_("This role accepts the degrees listed only."))
    if len(publications) > MAX_PUBLICATIONS:
        reasons.append(_("List at most %(count)d publications: your strongest ones.") % {"count": MAX_PUBLICATIONS})
    return reasons


@transaction.atomic
def star_application_submit(
    *,
    candidate,
    posting: Posting,
    areas,
    statement: str,
    advisor_name: str,
    advisor_institution: str,
    expected_degree: str,
    publications: list[dict],
    cross_border_consent: bool = False,
    pool_consent: bool = False,
    now=None,
) -> StarApplication:
    """Apply `candidate` to a research posting with the Star parts, in one transaction.

    The application itself goes through applicants' `application_submit`, so the program's window, the
    degree rule and the cap apply as for every role; its refusal (ApplicationRefused) and any refusal of the
    research parts leave nothing saved. `publications` are dicts of title, venue, year, link, author_position.
    """
    posting = Posting.objects.select_related("program").get(pk=posting.pk)
    if not posting.program.is_research:
        raise ApplicationRefused([_("This role is not part of the Star research program.")])
    areas = list(areas)
    reasons = _star_reasons(
        posting=posting, areas=areas, statement=statement, expected_degree=expected_degree, publications=publications
    )
    if reasons:
        raise ApplicationRefused(reasons)
    application = application_submit(
        candidate=candidate,
        posting=posting,
        cross_border_consent=cross_border_consent,
        pool_consent=pool_consent,
        now=now,
    )
    star = StarApplication.objects.create(
        application=application,
        statement=statement,
        advisor_name=advisor_name,
        advisor_institution=advisor_institution,
        expected_degree=expected_degree,
    )
    star.areas.set(areas)
    Publication.objects.bulk_create(
        Publication(
            star_application=star,
            position=position,
            title=item["title"],
            venue=item["venue"],
            year=item["year"],
            link=item.get("link", ""),
            author_position=item["author_position"],
        )
        for position, item in enumerate(publications)
    )
    return star


@transaction.atomic
def star_review_submit(
    *, reviewer, star_application: StarApplication, research_quality: int, impact: int, fit: int, comment: str
) -> StarReview:
    """Save `reviewer`'s scores of the application (creating their review, or changing it): one per member.

    The caller has checked that `reviewer` sits on a committee of one of the application's areas
    (star.access.reviewable_application). Two submissions at once leave one review, the later scores.
    """
    values = {"research_quality": research_quality, "impact": impact, "fit": fit, "comment": comment}
    try:
        with transaction.atomic():
            review, _created = StarReview.objects.update_or_create(
                star_application=star_application, reviewer=reviewer, defaults=values
            )
    except IntegrityError:
        # A concurrent first submission by the same member won the insert: update theirs.
        review = StarReview.objects.select_for_update().get(star_application=star_application, reviewer=reviewer)
        for name, value in values.items():
            setattr(review, name, value)
        review.save()
    return review
