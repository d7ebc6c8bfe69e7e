"""Reviews: a reviewer's scorecard for an application, and the application's average kept with it; and
turning an application down after review."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg, Count
from django.utils.translation import gettext as _

from ..models import Application, RejectionReason, Review
from ..reviews import clean_scores, review_score, scorecard_for
from ..workflow import Mover
from .applications import application_move

MAX_NOTES_LENGTH = 5000


@transaction.atomic
def review_submit(*, application: Application, reviewer, scores: dict, recommendation: str, notes: str = "") -> Review:
    """Save `reviewer`'s review of `application` (their earlier one, edited, if they already reviewed it) and
    recompute the application's `average_score` and `review_count` in the same transaction.

    The caller has checked that `reviewer` reviews the application's unit. `scores` maps every line of the
    posting's scorecard to a whole number from 1 to 4; anything else raises ValidationError saying why.
    """
    # Locked: two reviewers submitting at once each recompute the average from both reviews.
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("posting")
        .prefetch_related("posting__competencies")
        .get(pk=application.pk)
    )
    scores = clean_scores(scorecard_for(application.posting), scores)
    if recommendation not in Review.Recommendation.values:
        raise ValidationError(_("Choose a recommendation."), code="invalid_recommendation")
    review, _created = Review.objects.update_or_create(
        application=application,
        reviewer=reviewer,
        defaults={
            "scores": scores,
            "score": review_score(scores),
            "recommendation": recommendation,
            "notes": notes.strip()[:MAX_NOTES_LENGTH],
        },
    )
    totals = Review.objects.filter(application=application).aggregate(average=Avg("score"), count=Count("pk"))
    application.average_score = round(totals["average"], 2) if totals["average"] is not None else None
    application.review_count = totals["count"]
    application.save(update_fields=["average_score", "review_count", "updated_at"])
    return review


@transaction.atomic
def application_reject(
    *, application: Application, actor, rejection_reason: RejectionReason, note: str = "", now=None
) -> Application:
    """Turn the application down with a reason from the list and an optional internal note (the workflow's move:
    the candidate gets its courteous email, never the reason or the note), and cancel its interviews still to
    come, so nobody's calendar keeps them. Raises IllegalMove when it cannot be rejected from its stage."""
    if not rejection_reason.is_active:
        raise ValidationError(_("Choose a reason from the list."), code="inactive_reason")
    # The move cancels the interviews still to come (services.applications._make_move).
    return application_move(
        application=application,
        target=Application.Status.REJECTED,
        actor=actor,
        by=Mover.RECRUITER,
        reason=note.strip(),
        rejection_reason=rejection_reason,
        now=now,
    )
