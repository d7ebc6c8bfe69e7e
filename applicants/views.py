"""The candidate area, /me/: profile, resumes, applications, personal data."""

import json
from collections import Counter

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from postings.models import Posting, Program

from . import access, privacy, resumes, services
from .eligibility import check_eligibility, graduation_reasons
from .forms import AccountDeleteForm, ApplyForm, EligibilityPreviewForm, ProfileForm, ReorderForm, ResumeUploadForm
from .models import Application
from .workflow import CANDIDATE_WORDS, IllegalMove


@login_required
def dashboard(request):
    """The candidate's overview: what is missing, their applications, their resume."""
    profile = services.profile_for(request.user)
    applications = (
        Application.objects.owned_by(request.user)
        .select_related("posting__unit", "posting__program")
        .order_by("posting__program", "rank", "-created_at")
    )
    active_per_program = Counter(a.posting.program_id for a in applications if a.is_active)
    context = {
        "profile": profile,
        "missing": profile.missing_fields(),
        "current_resume": request.user.resumes.filter(is_current=True).first(),
        "applications": applications,
        # Moving a preference up or down only means something beside another one.
        "reorderable": {program for program, count in active_per_program.items() if count > 1},
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
    return render(request, "applicants/profile_form.html", {"form": form, "checks": _window_checks(profile)})


def _window_checks(profile, graduation_date=None):
    date = graduation_date if graduation_date is not None else profile.graduation_date
    return [(program, graduation_reasons(date, program)) for program in Program.objects.taking_applications()]


@login_required
def eligibility_preview(request):
    """The graduation-window check for the date being typed (an htmx fragment)."""
    form = EligibilityPreviewForm(request.GET)
    date = form.cleaned_data.get("graduation_date") if form.is_valid() else None
    profile = services.profile_for(request.user)
    return render(request, "applicants/_window_checks.html", {"checks": _window_checks(profile, date), "date": date})


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
            resumes.resume_upload(candidate=request.user, uploaded_file=form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("Your resume is uploaded and is now your current one."))
            return redirect("applicants:resumes")
    context = {"form": form, "resumes": request.user.resumes.all()}
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
    resumes.resume_make_current(resume=access.own_resume(request.user, pk))
    messages.success(request, _("That resume is now your current one."))
    return redirect("applicants:resumes")


@require_POST
@login_required
def resume_delete(request, pk):
    try:
        resumes.resume_delete(resume=access.own_resume(request.user, pk))
    except ValidationError as refusal:
        messages.error(request, refusal.messages[0])
    else:
        messages.success(request, _("The resume is deleted."))
    return redirect("applicants:resumes")


@login_required
def apply(request, posting_pk):
    """Apply to a posting: what is missing, the consents it needs, one button."""
    posting = get_object_or_404(Posting.objects.public().for_cards(), pk=posting_pk)
    profile = services.profile_for(request.user)
    form = ApplyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_submit(
                candidate=request.user,
                posting=posting,
                cross_border_consent=form.cleaned_data["cross_border_consent"],
                pool_consent=form.cleaned_data["pool_consent"],
            )
        except services.ApplicationRefused as refusal:
            for reason in refusal.reasons:
                form.add_error(None, reason)
        else:
            messages.success(request, _("Your application is received."))
            return redirect(application)
    active = Application.objects.owned_by(request.user).active().select_related("posting")
    context = {
        "posting": posting,
        "form": form,
        "profile": profile,
        "eligibility": check_eligibility(profile=profile, posting=posting, active_applications=active),
        "missing": profile.missing_fields(),
        "current_resume": request.user.resumes.filter(is_current=True).first(),
        "crosses_border": any(not location.in_mainland_china for location in posting.locations.all()),
    }
    return render(request, "applicants/apply.html", context)


@login_required
def application_detail(request, pk):
    application = access.own_application(request.user, pk)
    timeline = [(change, CANDIDATE_WORDS[change.to_status]) for change in application.stage_changes.all()]
    return render(request, "applicants/application_detail.html", {"application": application, "timeline": timeline})


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
    return render(request, "applicants/application_withdraw.html", {"application": application})


@require_POST
@login_required
def application_reorder(request):
    """Move one active application up or down the candidate's preferences."""
    form = ReorderForm(request.POST)
    if form.is_valid():
        application = access.own_application(request.user, form.cleaned_data["application"])
        direction = form.cleaned_data["direction"]
        if services.application_shift_preference(candidate=request.user, application=application, direction=direction):
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
def account_delete(request):
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
