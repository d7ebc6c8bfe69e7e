"""Who works on which units' postings: the workspace's access rules, written once.

A recruiter works in the units they are a member of; an admin (a user with
the publish permission) in every unit. Reads are subqueries, so a scope costs
no query of its own until the page runs its own.
"""

from django.db.models import Exists, Q
from django.shortcuts import get_object_or_404

from .models import BusinessUnit, Posting, UnitMembership

PUBLISH_PERMISSION = "postings.publish_posting"


def is_admin(user) -> bool:
    """An admin publishes roles and sees the whole program: staff with the publish permission (DESIGN.md)."""
    return bool(user.is_authenticated and user.is_active and user.is_staff and user.has_perm(PUBLISH_PERMISSION))


def _admin_condition(user) -> Q:
    """The publish permission as SQL (directly or through a group), for scopes that must stay one query."""
    if not user.is_authenticated or not user.is_active or not user.is_staff:
        return Q(pk__in=[])
    if user.is_superuser:
        # Not Q(): an empty Q is dropped from an OR, which would leave only the memberships.
        return Q(pk__isnull=False)
    from django.contrib.auth.models import Permission

    app_label, codename = PUBLISH_PERMISSION.split(".")
    granted = Permission.objects.filter(content_type__app_label=app_label, codename=codename).filter(
        Q(user=user) | Q(group__user=user)
    )
    return Q(Exists(granted))


def member_units(user, roles=None):
    """The units `user` is a member of (in one of `roles`), as a subquery of unit ids."""
    memberships = UnitMembership.objects.filter(user=user)
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    return memberships.values("unit")


def workspace_units(user):
    """The units whose workspace `user` may open: their memberships', or all of them for an admin."""
    if not user.is_authenticated:
        return BusinessUnit.objects.none()
    return BusinessUnit.objects.filter(Q(pk__in=member_units(user)) | _admin_condition(user))


def reviewing_units(user):
    """The units whose applications `user` reviews: as a recruiter or hiring manager, or as an admin (all)."""
    if not user.is_authenticated:
        return BusinessUnit.objects.none().values("pk")
    return BusinessUnit.objects.filter(
        Q(pk__in=member_units(user, UnitMembership.REVIEW_ROLES)) | _admin_condition(user)
    ).values("pk")


def drafting_units(user):
    """The units whose postings `user` may draft and submit: recruiters and hiring managers, and admins."""
    return reviewing_units(user)


def workspace_unit(user, slug) -> BusinessUnit:
    """The unit of this slug if `user` works in it, else 404."""
    return get_object_or_404(workspace_units(user), slug=slug)


def has_workspace(user) -> bool:
    """Whether /recruit/ is for this user at all (a unit membership, or an admin): one query for most users."""
    if not user.is_authenticated:
        return False
    return UnitMembership.objects.filter(user=user).exists() or is_admin(user)


def sign_in_landing(user) -> str | None:
    """Where a user lands after signing in (settings.SIGN_IN_LANDING): the workspace for recruiters and admins,
    the default (/me/) for everyone else."""
    return "workspace:home" if has_workspace(user) else None


def workspace_postings(user):
    """Every posting (any status) of the units `user` works in."""
    return Posting.objects.filter(unit__in=workspace_units(user))


def workspace_posting(user, pk) -> Posting:
    return get_object_or_404(workspace_postings(user).select_related("unit", "program", "category"), pk=pk)


__all__ = [
    "PUBLISH_PERMISSION",
    "drafting_units",
    "has_workspace",
    "is_admin",
    "member_units",
    "reviewing_units",
    "sign_in_landing",
    "workspace_posting",
    "workspace_postings",
    "workspace_unit",
    "workspace_units",
]
