"""/recruit/sessions/: the units' information sessions in the workspace: list, create and change, the
registrations, check-in at the door, cancelling a session. Access: infosessions/access.py."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from applicants.workspace.frame import workspace_context, workspace_view
from postings.models import InfoSession, Program

from . import access, services
from .forms import CheckInForm, SessionForm
from .models import Registration

State = Registration.State


def _frame(request) -> dict:
    return {**workspace_context(request), "workspace_section": "sessions"}


def _counted(sessions):
    return sessions.annotate(
        registered=Count("registrations", filter=Q(registrations__state=State.REGISTERED)),
        waitlisted=Count("registrations", filter=Q(registrations__state=State.WAITLISTED)),
        attended=Count("registrations", filter=Q(registrations__state=State.ATTENDED)),
    )


@workspace_view
def session_list(request):
    """The sessions of the user's units, upcoming first, with their registration counts."""
    now = timezone.now()
    sessions = _counted(access.visible_to(request.user)).prefetch_related("units")
    context = {
        "upcoming": list(sessions.filter(ends_at__gte=now)),
        "past": list(sessions.filter(ends_at__lt=now).order_by("-starts_at")[:50]),
        "may_create": access.may_manage_any(request.user),
        **_frame(request),
    }
    return render(request, "infosessions/workspace/session_list.html", context)


@workspace_view
def session_new(request):
    units = access.presenting_units(request.user)
    if not units.exists():
        raise Http404
    session = InfoSession(program=Program.objects.order_by("-applications_open").first())
    return _edit(request, session, units)


@workspace_view
def session_edit(request, pk):
    session = access.managed_session(request.user, pk)
    return _edit(request, session, access.presenting_units(request.user))


def _edit(request, session, units):
    form = SessionForm(request.POST or None, instance=session, units=units)
    if form.is_valid():
        # Units the user does not manage stay on a session they change (another unit's presence is theirs).
        kept = [unit for unit in session.units.all() if unit not in units] if session.pk else []
        session = services.session_save(session=form.save(commit=False), units=[*kept, *form.cleaned_data["units"]])
        messages.success(request, _("The session is saved."))
        return redirect("sessions_workspace:detail", session.pk)
    return render(
        request, "infosessions/workspace/session_form.html", {"form": form, "session": session, **_frame(request)}
    )


@workspace_view
def session_detail(request, pk):
    """A session's registrations (registered, waiting, attended, cancelled) and the check-in form."""
    session = access.workspace_session(request.user, pk)
    return _detail(request, session, CheckInForm())


def _detail(request, session, check_in_form):
    registrations = list(session.registrations.select_related("user").order_by("state", "created_at", "pk"))
    by_state = {state: [r for r in registrations if r.state == state] for state in State.values}
    context = {
        "session": session,
        "by_state": by_state,
        "counts": {state: len(people) for state, people in by_state.items()},
        "check_in_form": check_in_form,
        "may_manage": access.managed_by(request.user).filter(pk=session.pk).exists(),
        **_frame(request),
    }
    return render(request, "infosessions/workspace/session_detail.html", context)


@workspace_view
@require_POST
def session_check_in(request, pk):
    """Check a person in by the code they show; a wrong, reused or waitlisted code is refused with a message."""
    session = access.managed_session(request.user, pk)
    form = CheckInForm(request.POST)
    if form.is_valid():
        try:
            registration = services.check_in(session=session, code=form.cleaned_data["code"])
        except services.CheckInRefused as refusal:
            form.add_error("code", str(refusal))
        else:
            messages.success(
                request, _("%(name)s is checked in.") % {"name": registration.user.name or registration.user.email}
            )
            return redirect("sessions_workspace:detail", session.pk)
    return _detail(request, session, form)


@workspace_view
@require_POST
def session_cancel(request, pk):
    """Cancel the session; everyone registered or waiting is told by email."""
    session = access.managed_session(request.user, pk)
    if session.has_ended():
        messages.error(request, _("This session is over: it can no longer be cancelled."))
    else:
        told = services.session_cancel(session=session)
        messages.success(
            request,
            ngettext(
                "The session is cancelled; %(count)d person was told.",
                "The session is cancelled; %(count)d people were told.",
                told,
            )
            % {"count": told},
        )
    return redirect("sessions_workspace:detail", session.pk)
