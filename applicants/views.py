"""The candidate area, /me/: profile, resumes, applications, personal data."""

import json

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from postings.models import Posting, Program
from recruit.accounts.timezones import event_times, visitor_time_zone

from . import access, privacy, services
from .eligibility import REAPPLY_RULE, candidate_reasons, graduation_reasons, may_apply, program_reasons
from .forms import AccountDeleteForm, ApplyForm, EligibilityPreviewForm, ProfileForm, ReorderForm, ResumeUploadForm
from .models import Application, Interview
from .queries import candidacy_of
from .workflow import CANDIDATE_WORDS, IllegalMove, preference_buttons


@login_required
def dashboard(request):
    """The candidate's overview: whether they may apply (and why not), their applications, their resume."""
    candidacy = candidacy_of(request.user)
    applications = list(
        Application.objects.visible_to(request.user)
        .filter(candidate=request.user)
        .select_related("posting__unit", "posting__program")
        .order_by("posting__program", "rank", "-created_at")
    )
    active = [a for a in applications if a.is_active]
    buttons = preference_buttons(active)
    now = timezone.now()
    context = {
        "candidate_reasons": candidate_reasons(candidacy),
        "programs": [
            (program, program_reasons(candidacy, program, now=now))
            for program in Program.objects.taking_applications(now=now)
        ],
        "current_resume": request.user.resumes.filter(is_current=True).first(),
        "active": [(a, buttons.get(a.pk)) for a in active],
        "ended": [a for a in applications if not a.is_active],
    }
    return render(request, "applicants/dashboard.html", context)


@login_required
def profile_edit(request):
    profile = services.profile_for(request.user)
    form = ProfileForm(request.POST or None, instance=profile, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            request.user.name = form.cleaned_data["name"]
            request.user.save(update_fields=["name"])
            form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("applicants:dashboard")
    return render(
        request, "applicants/profile_form.html", {"form": form, "checks": _window_checks(profile.graduation_date)}
    )


def _window_checks(graduation_date):
    """For each program taking applications, why this date is outside its window ([] if inside)."""
    return [
        (program, graduation_reasons(graduation_date, program)) for program in Program.objects.taking_applications()
    ]


@login_required
def eligibility_preview(request):
    """The graduation-window check for the date being typed (an htmx fragment): the typed date, never
    the saved one; a date that cannot be read says so instead of judging anything."""
    form = EligibilityPreviewForm(request.GET)
    if not form.is_valid():
        return render(request, "applicants/_window_checks.html", {"error": form.errors["graduation_date"][0]})
    date = form.cleaned_data["graduation_date"]
    return render(request, "applicants/_window_checks.html", {"checks": _window_checks(date), "date": date})


@login_required
def resume_list(request):
    posted = request.method == "POST"
    form = ResumeUploadForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        too_large=getattr(request, "upload_too_large", False),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.resume_upload(candidate=request.user, uploaded_file=form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("Your resume is uploaded and is now your current one."))
            return redirect("applicants:resumes")
    resumes = list(request.user.resumes.all())
    context = {"form": form, "resumes": resumes, "quota": services.MAX_RESUME_VERSIONS}
    return render(request, "applicants/resume_list.html", context)


def resume_download(request, pk):
    """The PDF, to its owner or to a recruiter of a unit the candidate applied to; 404 to anyone else."""
    resume = access.visible_resume(request.user, pk)
    response = FileResponse(
        resume.file.open("rb"), as_attachment=True, filename=resume.original_name, content_type="application/pdf"
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def resume_make_current(request, pk):
    services.resume_make_current(resume=access.own_resume(request.user, pk))
    messages.success(request, _("That resume is now your current one."))
    return redirect("applicants:resumes")


@require_POST
@login_required
def resume_delete(request, pk):
    try:
        services.resume_delete(resume=access.own_resume(request.user, pk))
    except ValidationError as refusal:
        messages.error(request, refusal.messages[0])
    else:
        messages.success(request, _("The resume is deleted."))
    return redirect("applicants:resumes")


@login_required
def apply(request, posting_pk):
    """Apply to a posting: every reason the service would refuse, before the button; the consents it needs."""
    posting = get_object_or_404(Posting.objects.once_public().for_cards(), pk=posting_pk)
    if posting.program.is_research:
        # A research posting asks for more (areas, statement, publications): the Star app's form.
        return redirect("star_apply:apply", posting_pk=posting.pk)
    form = ApplyForm(request.POST if request.method == "POST" else None)
    refused = []
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_submit(
                candidate=request.user,
                posting=posting,
                cross_border_consent=form.cleaned_data["cross_border_consent"],
                pool_consent=form.cleaned_data["pool_consent"],
            )
        except services.ApplicationRefused as refusal:
            refused = refusal.reasons
        else:
            messages.success(request, _("Your application is received."))
            return redirect(application)
    eligibility = may_apply(candidacy=candidacy_of(request.user), posting=posting)
    # The page lists what still stands; the alert adds only what it does not (a consent left unticked).
    for reason in refused:
        if reason not in eligibility.messages:
            form.add_error(None, reason)
    context = {
        "posting": posting,
        "form": form,
        "eligibility": eligibility,
        "profile": services.profile_for(request.user),
        "current_resume": request.user.resumes.filter(is_current=True).first(),
    }
    return render(request, "applicants/apply.html", context)


@login_required
def application_detail(request, pk):
    application = access.own_application(request.user, pk)
    timeline = [(change, CANDIDATE_WORDS[change.to_status]) for change in application.stage_changes.all()]
    context = {
        "application": application,
        "timeline": timeline,
        "reapply_rule": REAPPLY_RULE,
        "interviews": _interviews_of(application, visitor_time_zone(request)),
    }
    return render(request, "applicants/application_detail.html", context)


def _interviews_of(application, zone):
    """The application's interviews, each with its time in its own zone and (when the clock differs) in the
    candidate's, and whether it is still to come; two queries however many there are."""
    now = timezone.now()
    interviews = Interview.objects.filter(application=application).prefetch_related("interviewers")
    rows = []
    for interview in interviews:
        when = event_times(interview.starts_at, interview.ends_at, interview.time_zone, zone)
        rows.append((interview, when, interview.ends_at > now))
    return rows


@login_required
def application_withdraw(request, pk):
    """Confirm, then withdraw (POST)."""
    application = access.own_application(request.user, pk)
    if request.method == "POST":
        try:
            services.application_withdraw(application=application, candidate=request.user)
        except IllegalMove as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("Your application is withdrawn."))
        return redirect(application)
    if not application.is_active:
        messages.info(request, _("This application has already ended."))
        return redirect(application)
    context = {"application": application, "profile": services.profile_for(request.user), "rule": REAPPLY_RULE}
    return render(request, "applicants/application_withdraw.html", context)


@require_POST
@login_required
def application_reorder(request):
    """Move one active application up or down the candidate's preferences."""
    form = ReorderForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an application and a direction to move it."))
        return redirect("applicants:dashboard")
    application = access.own_application(request.user, form.cleaned_data["application"])
    try:
        services.application_shift_preference(
            candidate=request.user, application=application, direction=form.cleaned_data["direction"]
        )
    except services.PreferenceNotMoved as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Your preferences are updated."))
    return redirect("applicants:dashboard")


@login_required
def privacy_home(request):
    context = {"delete_form": AccountDeleteForm(), "profile": services.profile_for(request.user)}
    return render(request, "applicants/privacy.html", context)


@login_required
def privacy_export(request):
    """Everything the portal holds about me, as a JSON download."""
    data = json.dumps(privacy.candidate_export(user=request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@reauthentication_required
def account_delete(request):
    """Erase the account, once the candidate has just confirmed their password (allauth's reauthentication)."""
    form = AccountDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        privacy.candidate_delete(user=request.user)
        logout(request)
        messages.success(request, _("Your account is deleted. We sent a confirmation to your email address."))
        return redirect("postings:home")
    context = {"delete_form": form, "profile": services.profile_for(request.user)}
    return render(request, "applicants/privacy.html", context)


@require_POST
@login_required
def pool_consent(request):
    if request.POST.get("consent") == "give":
        services.pool_consent_give(candidate=request.user)
        messages.success(request, _("Your resume stays in the talent pool."))
    else:
        services.pool_consent_withdraw(candidate=request.user)
        messages.success(request, _("Your resume is out of the talent pool."))
    return redirect("applicants:privacy")
