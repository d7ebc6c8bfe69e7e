"""The public pages of information sessions: the list, a session, registering and cancelling, the .ics file."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import Count, OuterRef, Q, Subquery, prefetch_related_objects
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from postings.models import InfoSession
from recruit.accounts.forms import TimeZoneForm
from recruit.accounts.timezones import visitor_time_zone

from . import access, calendar, services
from .forms import clean_filter
from .models import Registration

# The past sessions the list shows, the latest first: enough to recall one, bounded whatever the history.
PAST_SHOWN = 30


def _with_seats(sessions):
    return sessions.annotate(
        seated=Count("registrations", filter=Q(registrations__state__in=Registration.SEATED))
    ).select_related("program")


def session_list(request):
    """Upcoming and past sessions, filtered by city and university, each in its zone and the viewer's."""
    now = timezone.now()
    city, university = clean_filter(request.GET.get("city")), clean_filter(request.GET.get("university"))
    sessions = _with_seats(InfoSession.objects.all())
    if city:
        sessions = sessions.filter(Q(city_en__iexact=city) | Q(city_zh_hans__iexact=city))
    if university:
        sessions = sessions.filter(Q(university_en__iexact=university) | Q(university_zh_hans__iexact=university))
    if request.user.is_authenticated:
        # The viewer's own registration, in the same query ("You are registered" on the card).
        own = Registration.objects.live().filter(user=request.user, session=OuterRef("pk")).values("state")[:1]
        sessions = sessions.annotate(my_state=Subquery(own))
    upcoming = list(sessions.filter(ends_at__gte=now))
    past = list(sessions.filter(ends_at__lt=now).order_by("-starts_at")[:PAST_SHOWN])
    # One query for the units of both lists.
    prefetch_related_objects([*upcoming, *past], "units")
    for session in (*upcoming, *past):
        session.seats_left = max(session.capacity - session.seated, 0)
    context = {
        "upcoming": upcoming,
        "past": past,
        "filtered": bool(city or university),
        "city": city,
        "university": university,
        **_filter_choices(),
        "time_zone_form": TimeZoneForm(initial={"time_zone": visitor_time_zone(request) or ""}),
    }
    return render(request, "infosessions/session_list.html", context)


def _filter_choices() -> dict:
    """Every session's city and university in the page's language (English where the Chinese is not written),
    once each, for the filters: one query."""
    chinese = (translation.get_language() or "").startswith("zh")
    rows = InfoSession.objects.order_by().values_list("city_en", "city_zh_hans", "university_en", "university_zh_hans")
    cities, universities = set(), set()
    for city_en, city_zh, university_en, university_zh in rows.distinct():
        cities.add((chinese and city_zh) or city_en)
        universities.add((chinese and university_zh) or university_en)
    return {"cities": sorted(cities - {"", None}), "universities": sorted(universities - {"", None})}


def session_detail(request, pk):
    """A session: when and where, seats left, and for the signed-in person their registration (check-in code or
    waitlist place) with the button to register or cancel."""
    session = get_object_or_404(_with_seats(InfoSession.objects.all()).prefetch_related("units"), pk=pk)
    registration = access.own_registration(request.user, session)
    now = timezone.now()
    context = {
        "session": session,
        "registration": registration,
        "waitlist_position": services.waitlist_position(registration) if registration else None,
        "seats_left": max(session.capacity - session.seated, 0),
        "waitlisted": session.registrations.filter(state=Registration.State.WAITLISTED).count(),
        "open_for_registration": not session.is_cancelled and not session.has_started(now),
        "started": session.has_started(now),
    }
    return render(request, "infosessions/session_detail.html", context)


@require_POST
def session_register(request, pk):
    """Register the signed-in person (a visitor signs in first, then comes back to the session)."""
    session = get_object_or_404(InfoSession, pk=pk)
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("infosessions:detail", args=[session.pk]))
    try:
        registration = services.registration_create(user=request.user, session=session)
    except services.RegistrationRefused as refusal:
        messages.error(request, str(refusal))
    else:
        if registration.state == Registration.State.WAITLISTED:
            messages.warning(
                request,
                _("The session is full: you are on the waitlist. If a seat frees up, it is yours and we email you."),
            )
        else:
            messages.success(request, _("You are registered. Your check-in code is below; we also emailed it."))
    return redirect("infosessions:detail", session.pk)


@require_POST
def registration_cancel(request, pk):
    """Cancel the signed-in person's registration (or waitlist place); twice is harmless."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.path)
    registration = access.own_registration_or_404(request.user, pk)
    try:
        services.registration_cancel(registration=registration, user=request.user)
    except services.RegistrationRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Your registration is cancelled. You can register again while seats are open."))
    return redirect("infosessions:detail", registration.session_id)


def session_calendar(request, pk):
    """The session as an .ics file, to add to any calendar."""
    session = get_object_or_404(InfoSession.objects.select_related("program"), pk=pk)
    response = HttpResponse(calendar.session_ics(session, request=request), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="{calendar.file_name(session)}"'
    return response
