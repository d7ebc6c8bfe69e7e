"""What every workspace page shares: who may enter, the units they work in, the one being worked on."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from postings.access import has_workspace, is_admin, workspace_units

# The session remembers the unit a recruiter last worked in, for /recruit/ and the unit switcher.
SESSION_UNIT = "workspace_unit"


def workspace_view(view):
    """Signed in (else the sign-in page), and a unit member or an admin (else 404: the workspace is not
    confirmed to anyone else)."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not has_workspace(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def workspace_context(request, *, unit=None) -> dict:
    """The frame's context: the units to switch between (one query), the current one, whether the user is an
    admin. Pass `unit` on a unit's pages; other pages show the one worked in last."""
    units = list(workspace_units(request.user).only("pk", "slug", "name_en", "name_zh_hans"))
    if unit is not None:
        remember_unit(request, unit)
    else:
        remembered = request.session.get(SESSION_UNIT)
        unit = next((u for u in units if u.slug == remembered), units[0] if units else None)
    return {"workspace_units": units, "workspace_unit": unit, "workspace_admin": is_admin(request.user)}


def remember_unit(request, unit) -> None:
    """Remember `unit` as the one worked in (for /recruit/ and the switcher), also when its page comes from the
    cache."""
    if request.session.get(SESSION_UNIT) != unit.slug:
        # Written only when it changes: a session saved on every page would cost a query each time.
        request.session[SESSION_UNIT] = unit.slug


@workspace_view
def unit_switch(request):
    """The switcher's answer: the chosen unit's dashboard (a unit the user does not work in: 404)."""
    from django.shortcuts import redirect

    from postings.access import workspace_unit

    unit = workspace_unit(request.user, str(request.GET.get("unit", ""))[:80])
    request.session[SESSION_UNIT] = unit.slug
    return redirect("workspace:unit_dashboard", unit.slug)


@workspace_view
def home(request):
    """/recruit/: the dashboard of the unit worked in last (or the first); a recruiter lands here on signing in."""
    from django.shortcuts import redirect, render

    context = workspace_context(request)
    unit = context["workspace_unit"]
    if unit is None:
        # An admin before any unit exists.
        return render(request, "recruit/no_units.html", context)
    return redirect("workspace:unit_dashboard", unit.slug)
