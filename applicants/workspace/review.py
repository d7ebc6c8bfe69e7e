"""The application page of the workspace, and what a reviewer does from it: score it, turn it down, schedule its
interviews, read the resume it was sent with.

Every view reads the application through `Application.objects.reviewed_by(user)` (the unit's recruiters and
hiring managers, and admins; never a queued application): anything else answers 404. Changes are POSTs that call
one service of applicants.services.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Case, Count, IntegerField, Prefetch, Q, Value, When
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.csp import CSP
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_http_methods

from postings.access import is_admin
from postings.models import UnitMembership
from recruit.accounts.timezones import event_times, visitor_time_zone, zone_label

from .. import services
from ..models import Application, Interview, Review, StageChange
from ..reviews import scorecard_for, sees_other_reviews, summarize
from ..services.interviews import interview_refusal, interviewer_choices
from ..templatetags.workspace import applicant_name
from ..workflow import MOVES, IllegalMove, Mover, check_move
from .frame import workspace_context, workspace_view
from .review_forms import InterviewForm, RejectForm, ReviewForm

S = Application.Status
# The board's columns, in order: the order of "previous / next applicant" too. Queued applications are the unit's
# to see only once released.
BOARD_STAGES = [stage for stage in S if stage != S.QUEUED]


def _reviewed(user):
    return Application.objects.reviewed_by(user).select_related("posting__unit", "posting__program", "candidate")


def _reviewed_application(user, pk) -> Application:
    return get_object_or_404(_reviewed(user), pk=pk)


def _detail(user):
    """The application page's application, with everything it shows in a fixed number of queries."""
    return (
        _reviewed(user)
        .select_related("posting__category", "candidate__candidate_profile", "resume", "rejection_reason")
        .prefetch_related(
            "posting__competencies",
            "candidate__candidate_profile__skills",
            Prefetch("stage_changes", queryset=StageChange.objects.select_related("actor")),
            Prefetch("reviews", queryset=Review.objects.select_related("reviewer")),
            Prefetch("interviews", queryset=Interview.objects.prefetch_related("interviewers")),
        )
    )


def _viewer_zone(request) -> str:
    return visitor_time_zone(request) or settings.TIME_ZONE


def _page(request, application, **context) -> dict:
    """What every page about one application shows around its own content: the frame, the applicant."""
    return {
        **workspace_context(request, unit=application.posting.unit),
        "workspace_section": "applicants",
        "application": application,
        "applicant": _applicant(application),
        "detail_url": reverse("workspace:application_detail", args=[application.pk]),
        **context,
    }


def _applicant(application):
    """The applicant's name for headings: as the person wrote it, in no particular language (lang=""), or the
    portal's placeholder while blind screening hides it."""
    name = applicant_name(application)
    if application.is_blind or application.candidate is None:
        return name
    return format_html('<span lang="">{}</span>', name)


# --- The application page -----------------------------------------------------------


@workspace_view
def application_detail(request, pk):
    """Everything the unit knows of one application, and the moves, review, rejection and interviews from it."""
    application = get_object_or_404(_detail(request.user), pk=pk)
    scorecard = scorecard_for(application.posting)
    zone = _viewer_zone(request)
    context = _page(
        request,
        application,
        profile=_profile(application),
        moves=_moves(application),
        may_reject=(application.status, S.REJECTED) in MOVES,
        neighbours=_neighbours(request.user, application),
        advance=request.GET.get("advance") == "1",
        history=_history(application),
        interviews=_interviews(application, zone),
        others=_other_applications(request.user, application),
        viewer_zone=zone,
        viewer_zone_label=zone_label(zone, (application.updated_at,)),
        **_reviews(request.user, application, scorecard),
    )
    return render(request, "recruit/review/application_detail.html", context)


def _profile(application):
    """The candidate's profile (None once they deleted their account or never wrote one)."""
    return getattr(application.candidate, "candidate_profile", None) if application.candidate else None


@dataclass(frozen=True)
class Move:
    target: str
    label: str
    key: str


def _moves(application) -> list[Move]:
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


def _neighbours(user, application) -> Neighbours:
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


def _history(application) -> list[tuple]:
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


def _interviews(application, zone: str) -> list[tuple]:
    """The interviews, each with its time in its own zone and, when the clock differs, in the viewer's."""
    return [
        (interview, event_times(interview.starts_at, interview.ends_at, interview.time_zone, zone))
        for interview in application.interviews.all()
    ]


def _other_applications(user, application):
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


def _reviews(user, application, scorecard) -> dict:
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


# --- The resume -----------------------------------------------------------------------


@xframe_options_sameorigin
@csp_override({**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF]})
@workspace_view
def application_resume(request, pk):
    """The resume version sent with the application, shown in the page (inline) or downloaded (`?download=1`);
    404 for anyone the application is not for, and while blind screening withholds it."""
    application = get_object_or_404(_reviewed(request.user).select_related("resume"), pk=pk)
    resume = application.resume
    if resume is None or application.is_blind:
        raise Http404
    try:
        stream = resume.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        stream,
        as_attachment=request.GET.get("download") == "1",
        filename=resume.original_name,
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- Reviews ------------------------------------------------------------------------------


@workspace_view
@require_http_methods(["GET", "HEAD", "POST"])
def application_review(request, pk):
    """The reviewer's scorecard for the application: a new review, or their own one to edit."""
    application = get_object_or_404(_detail(request.user), pk=pk)
    scorecard = scorecard_for(application.posting)
    own = next((review for review in application.reviews.all() if review.reviewer_id == request.user.pk), None)
    form = ReviewForm(request.POST if request.method == "POST" else None, scorecard=scorecard, review=own)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_submit(
                application=application,
                reviewer=request.user,
                scores=form.scores(),
                recommendation=form.cleaned_data["recommendation"],
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("Your review is saved."))
            return redirect(reverse("workspace:application_detail", args=[pk]) + "#reviews")
    context = _page(request, application, form=form, **_reviews(request.user, application, scorecard))
    return render(request, "recruit/review/review_form.html", context)


# --- Rejection ----------------------------------------------------------------------------


def _next_url(request, default: str) -> str:
    """Where to go once done: a `next` path on this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@workspace_view
@require_http_methods(["GET", "HEAD", "POST"])
def application_reject(request, pk):
    """Turn the application down with a reason from the list and an optional note; the candidate gets the
    workflow's courteous email, never the reason or the note."""
    application = _reviewed_application(request.user, pk)
    detail_url = reverse("workspace:application_detail", args=[pk])
    try:
        check_move(current=application.status, target=S.REJECTED, by=Mover.RECRUITER)
    except IllegalMove as refusal:
        # Already ended (a second click, or a colleague was faster): nothing to do, and the page says why.
        messages.error(request, str(refusal))
        return redirect(detail_url)
    form = RejectForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_reject(
                application=application,
                actor=request.user,
                rejection_reason=form.cleaned_data["rejection_reason"],
                note=form.cleaned_data["note"],
            )
        except IllegalMove as refusal:
            messages.error(request, str(refusal))
            return redirect(detail_url)
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(
                request,
                _("%(name)s is not selected. The candidate gets a courteous email, without the reason or your note.")
                % {"name": applicant_name(application)},
            )
            return redirect(_next_url(request, detail_url))
    next_url = _next_url(request, "")
    return render(request, "recruit/review/reject_form.html", _page(request, application, form=form, next=next_url))


# --- Interviews -----------------------------------------------------------------------------


def _interview_form(request, application, interview=None) -> InterviewForm:
    candidate = application.candidate
    return InterviewForm(
        request.POST if request.method == "POST" else None,
        interviewers=interviewer_choices(application.posting.unit),
        candidate_zone=candidate.time_zone if candidate else "",
        interview=interview,
        default_zone=_viewer_zone(request),
    )


@workspace_view
@require_http_methods(["GET", "HEAD", "POST"])
def interview_new(request, pk):
    """Schedule an interview on the application; the candidate and the interviewers get the invitation."""
    application = _reviewed_application(request.user, pk)
    refusal = interview_refusal(application)
    if refusal:
        messages.error(request, refusal)
        return redirect(reverse("workspace:application_detail", args=[pk]) + "#interviews")
    form = _interview_form(request, application)
    if request.method == "POST" and form.is_valid():
        try:
            services.interview_schedule(application=application, actor=request.user, slot=form.slot())
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("The interview is scheduled. The candidate and the interviewers are invited."))
            return redirect(reverse("workspace:application_detail", args=[pk]) + "#interviews")
    return render(request, "recruit/review/interview_form.html", _page(request, application, form=form))


def _interview(user, pk) -> Interview:
    queryset = Interview.objects.filter(application__in=Application.objects.reviewed_by(user)).select_related(
        "application__posting__unit", "application__posting__program", "application__candidate"
    )
    return get_object_or_404(queryset.prefetch_related("interviewers"), pk=pk)


@workspace_view
@require_http_methods(["GET", "HEAD", "POST"])
def interview_edit(request, pk):
    """Change an interview; everyone gets the update (the same calendar entry, a higher SEQUENCE)."""
    interview = _interview(request.user, pk)
    application = interview.application
    detail_url = reverse("workspace:application_detail", args=[application.pk]) + "#interviews"
    if interview.status == Interview.Status.CANCELLED:
        messages.error(request, _("This interview is cancelled: schedule a new one instead."))
        return redirect(detail_url)
    form = _interview_form(request, application, interview)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.interview_update(interview=interview, actor=request.user, slot=form.slot())
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            if changed:
                messages.success(request, _("The interview is changed. Everyone invited gets the update."))
            else:
                messages.info(request, _("Nothing changed, so nobody was written to."))
            return redirect(detail_url)
    context = _page(request, application, form=form, interview=interview)
    return render(request, "recruit/review/interview_form.html", context)


@workspace_view
@require_http_methods(["GET", "HEAD", "POST"])
def interview_cancel(request, pk):
    """Confirm, then cancel the interview (POST); everyone gets the cancellation for their calendar."""
    interview = _interview(request.user, pk)
    application = interview.application
    detail_url = reverse("workspace:application_detail", args=[application.pk]) + "#interviews"
    if request.method == "POST":
        if services.interview_cancel(interview=interview, actor=request.user):
            messages.success(request, _("The interview is cancelled. Everyone invited is told."))
        else:
            messages.info(request, _("This interview was already cancelled."))
        return redirect(detail_url)
    if interview.status == Interview.Status.CANCELLED:
        messages.info(request, _("This interview was already cancelled."))
        return redirect(detail_url)
    when = event_times(interview.starts_at, interview.ends_at, interview.time_zone, _viewer_zone(request))
    context = _page(request, application, interview=interview, when=when)
    return render(request, "recruit/review/interview_cancel.html", context)
