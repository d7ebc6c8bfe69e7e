"""Who sees and manages which information sessions, written once.

Everyone sees every session on the public pages (a cancelled one is marked).
In the workspace, a session belongs to the units presenting it: their members
see it and its registrations (names and states), recruiters and hiring
managers of those units (and admins, who see every session) create, change,
cancel it and check people in. Anyone else gets 404, so ids are not confirmed.
"""

from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404

from postings.access import has_workspace, is_admin, member_units
from postings.models import BusinessUnit, InfoSession, UnitMembership

from .models import Registration

_SessionUnit = InfoSession.units.through


def _of_units(units):
    return InfoSession.objects.filter(
        Exists(_SessionUnit.objects.filter(infosession_id=OuterRef("pk"), businessunit_id__in=units))
    )


def visible_to(user):
    """The sessions `user` sees in the workspace: their units' (any role), every one for an admin."""
    if not has_workspace(user):
        return InfoSession.objects.none()
    if is_admin(user):
        return InfoSession.objects.all()
    return _of_units(member_units(user))


def managed_by(user):
    """The sessions `user` may change and check people in at: their units' as a recruiter or hiring manager,
    every one for an admin."""
    if not user.is_authenticated:
        return InfoSession.objects.none()
    if is_admin(user):
        return InfoSession.objects.all()
    return _of_units(member_units(user, UnitMembership.REVIEW_ROLES))


def presenting_units(user):
    """The units `user` may put on a session: those they manage sessions for (all for an admin)."""
    if not user.is_authenticated:
        return BusinessUnit.objects.none()
    if is_admin(user):
        return BusinessUnit.objects.all()
    return BusinessUnit.objects.filter(pk__in=member_units(user, UnitMembership.REVIEW_ROLES))


def may_manage_any(user) -> bool:
    return presenting_units(user).exists()


def workspace_session(user, pk) -> InfoSession:
    return get_object_or_404(visible_to(user).select_related("program"), pk=pk)


def managed_session(user, pk) -> InfoSession:
    return get_object_or_404(managed_by(user).select_related("program"), pk=pk)


def own_registration(user, session) -> Registration | None:
    """`user`'s registration for `session` that is not cancelled (None for a visitor or without one)."""
    if not user.is_authenticated:
        return None
    return Registration.objects.live().filter(user=user, session=session).first()


def own_registration_or_404(user, pk) -> Registration:
    return get_object_or_404(Registration.objects.select_related("session"), user=user, pk=pk)
