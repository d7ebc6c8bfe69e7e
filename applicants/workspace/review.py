"""The application page of the workspace, and what a reviewer does from it: score it, turn it down, schedule its
interviews, read the resume it was sent with.

Every view reads the application through `Application.objects.reviewed_by(user)` (the unit's recruiters and
hiring managers, and admins; never a queued application): anything else answers 404. Changes are POSTs that call
one service of applicants.services. What the application page reads is in review_page.py, the forms in
review_forms.py.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.csp import CSP
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_http_methods

from recruit.accounts.timezones import event_times, visitor_time_zone, zone_label

from .. import services
from ..models import Application, Interview
from ..reviews import scorecard_for
from ..services.interviews import interview_refusal, interviewer_choices
from ..templatetags.workspace import applicant_name
from ..workflow import MOVES, IllegalMove, Mover, check_move
from . import review_page as page
from .frame import workspace_context, workspace_view
from .review_forms import InterviewForm, RejectForm, ReviewForm

S = Application.Status


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
    application = get_object_or_404(page.detail(request.user), pk=pk)
    scorecard = scorecard_for(application.posting)
    zone = _viewer_zone(request)
    context = _page(
        request,
        application,
        profile=page.profile(application),
        moves=page.moves(application),
        may_reject=(application.status, S.REJECTED) in MOVES,
        neighbours=page.neighbours(request.user, application),
        advance=request.GET.get("advance") == "1",
        history=page.history(application),
        interviews=page.interviews(application, zone),
        others=page.other_applications(request.user, application),
        viewer_zone=zone,
        viewer_zone_label=zone_label(zone, (timezone.now(),)),
        **page.reviews(request.user, application, scorecard),
    )
    return render(request, "recruit/review/application_detail.html", context)


# --- The resume -----------------------------------------------------------------------


@xframe_options_sameorigin
@csp_override({**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF]})
@workspace_view
def application_resume(request, pk):
    """The resume version sent with the application, shown in the page (inline) or downloaded (`?download=1`);
    404 for anyone the application is not for, and while blind screening withholds it."""
    application = get_object_or_404(page.reviewed(request.user).select_related("resume"), pk=pk)
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
    application = get_object_or_404(page.detail(request.user), pk=pk)
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
    context = _page(request, application, form=form, **page.reviews(request.user, application, scorecard))
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
    application = page.reviewed_application(request.user, pk)
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
    application = page.reviewed_application(request.user, pk)
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
