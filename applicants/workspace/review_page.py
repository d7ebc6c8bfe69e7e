"""What the workspace's application page shows, read in a fixed number of queries whatever the data's size:
the application with its profile, history, reviews and interviews; the legal moves; the neighbours in the
posting's board order; the candidate's other applications to the unit; the reviews as the viewer may see them.

Every read starts from `Application.objects.reviewed_by(user)`: what the user does not review is not there.
"""

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Prefetch, Q, Value, When
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from postings.access import is_admin
from postings.models import UnitMembership
from recruit.accounts.timezones import event_times

from ..models import Application, Interview, Review, StageChange
from ..reviews import sees_other_reviews, summarize
from ..workflow import MOVES, Mover

S = Application.Status
# The board's columns, in order: the order of "previous / next applicant" too. Queued applications are the unit's
# to see only once released.
BOARD_STAGES = [stage for stage in S if stage != S.QUEUED]


def reviewed(user):
    """The applications `user` reviews, with what every page about one shows (its posting, unit, candidate)."""
    return Application.objects.reviewed_by(user).select_related("posting__unit", "posting__program", "candidate")


def reviewed_application(user, pk) -> Application:
    """The application `user` reviews, else 404."""
    return get_object_or_404(reviewed(user), pk=pk)


def detail(user):
    """The application page's application, with everything it shows in a fixed number of queries."""
    return (
        reviewed(user)
        .select_related("posting__category", "candidate__candidate_profile", "resume", "rejection_reason")
        .prefetch_related(
            "posting__competencies",
            "candidate__candidate_profile__skills",
            Prefetch("stage_changes", queryset=StageChange.objects.select_related("actor")),
            Prefetch("reviews", queryset=Review.objects.select_related("reviewer")),
            Prefetch("interviews", queryset=Interview.objects.prefetch_related("interviewers")),
        )
    )


def profile(application):
    """The candidate's profile (None once they deleted their account or never wrote one)."""
    return getattr(application.candidate, "candidate_profile", None) if application.candidate else None


@dataclass(frozen=True)
class Move:
    target: str
    label: str
    key: str


def moves(application) -> list[Move]:
    """The stages a recruiter may move the application to from here (rejecting has its own page), numbered for
    the keyboard."""
    targets = [
        target
        for (current, target), move in MOVES.items()
        if current == application.status and move.mover == Mover.RECRUITER and target != S.REJECTED
    ]
    targets.sort(key=BOARD_STAGES.index)
    return [Move(target, S(target).label, str(number)) for number, target in enumerate(targets, start=1)]


@dataclass(frozen=True)
class Neighbours:
    previous: int | None
    next: int | None
    position: int
    total: int


def _stage_rank():
    return Case(
        *(When(status=stage, then=Value(rank)) for rank, stage in enumerate(BOARD_STAGES)),
        default=Value(len(BOARD_STAGES)),
        output_field=IntegerField(),
    )


def neighbours(user, application) -> Neighbours:
    """The applications before and after this one in its posting's board order (stage, then time in the stage,
    then id), among those `user` reviews: three queries whatever the size of the posting."""
    siblings = Application.objects.reviewed_by(user).filter(posting_id=application.posting_id)
    siblings = siblings.annotate(stage_rank=_stage_rank())
    rank, since, pk = BOARD_STAGES.index(application.status), application.stage_entered_at, application.pk
    same_stage = Q(stage_rank=rank)
    earlier = Q(stage_entered_at__lt=since) | Q(stage_entered_at=since, pk__lt=pk)
    later = Q(stage_entered_at__gt=since) | Q(stage_entered_at=since, pk__gt=pk)
    before = Q(stage_rank__lt=rank) | same_stage & earlier
    after = Q(stage_rank__gt=rank) | same_stage & later
    previous = siblings.filter(before).order_by("-stage_rank", "-stage_entered_at", "-pk").values_list("pk", flat=True)
    following = siblings.filter(after).order_by("stage_rank", "stage_entered_at", "pk").values_list("pk", flat=True)
    counts = siblings.aggregate(total=Count("pk"), before=Count("pk", filter=before))
    return Neighbours(previous.first(), following.first(), counts["before"] + 1, counts["total"])


def history(application) -> list[tuple]:
    """Each move with who made it: a recruiter by name, the candidate as "the candidate" (their name stays hidden
    while blind screening), the portal as itself."""
    rows = []
    for change in application.stage_changes.all():
        if change.actor_id is None:
            who = _("The portal")
        elif change.actor_id == application.candidate_id:
            who = _("The candidate")
        else:
            who = change.actor.name or change.actor.email
        rows.append((change, who))
    return rows


def interviews(application, zone: str) -> list[tuple]:
    """The interviews, each with its time in its own zone and, when the clock differs, in the viewer's."""
    return [
        (interview, event_times(interview.starts_at, interview.ends_at, interview.time_zone, zone))
        for interview in application.interviews.all()
    ]


def other_applications(user, application):
    """The candidate's other applications to this unit that `user` sees; none while blind screening, which would
    tell who the candidate is."""
    if application.candidate_id is None or application.is_blind:
        return []
    return list(
        Application.objects.reviewed_by(user)
        .filter(candidate_id=application.candidate_id, posting__unit_id=application.posting.unit_id)
        .exclude(pk=application.pk)
        .select_related("posting")
        .order_by("-created_at")
    )


def reviews(user, application, scorecard) -> dict:
    """The reviews as `user` may see them (applicants.reviews.sees_other_reviews), with who has not reviewed."""
    reviews = list(application.reviews.all())
    own = next((review for review in reviews if review.reviewer_id == user.pk), None)
    shown = sees_other_reviews(has_reviewed=own is not None, is_admin=is_admin(user))
    waiting = (
        UnitMembership.objects.filter(unit_id=application.posting.unit_id, role__in=UnitMembership.REVIEW_ROLES)
        .exclude(user_id__in=[review.reviewer_id for review in reviews])
        .select_related("user")
        .order_by("user__name", "user__email")
    )
    return {
        "scorecard": scorecard,
        "own_review": own,
        "reviews_shown": shown,
        "review_total": len(reviews),
        "reviews": [(r, [(line, r.scores.get(line.key)) for line in scorecard]) for r in reviews] if shown else [],
        "summary": summarize(reviews, scorecard) if shown else None,
        "not_reviewed": [membership.user for membership in waiting],
    }
