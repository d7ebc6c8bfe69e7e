"""Who sees which resumes and applications: the app's access scopes."""

from django.db import models
from django.db.models import Exists, OuterRef, Q

from postings.models import UnitMembership

# Queued applications wait for an earlier preference; their unit does not see them.
HIDDEN_FROM_UNIT = {"queued"}


def reviewing_units(user):
    """The units whose applications this user may review, as a subquery."""
    return UnitMembership.objects.filter(user=user, role__in=UnitMembership.REVIEW_ROLES).values("unit")


class ResumeQuerySet(models.QuerySet):
    def owned_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(candidate=user)

    def visible_to(self, user):
        """The owner's resumes, and those of candidates who applied to a unit the user reviews for."""
        if not user.is_authenticated:
            return self.none()
        from .models import Application

        applied_to_my_unit = Application.objects.filter(
            candidate=OuterRef("candidate"), posting__unit__in=reviewing_units(user)
        ).exclude(status__in=HIDDEN_FROM_UNIT)
        return self.filter(Q(candidate=user) | Q(Exists(applied_to_my_unit)))


class ApplicationQuerySet(models.QuerySet):
    def active(self):
        from .models import Application

        return self.filter(status__in=Application.ACTIVE)

    def owned_by(self, user):
        """A candidate's own applications."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(candidate=user)

    def visible_to_unit_of(self, user):
        """Applications the user may review: to postings of their units, once released."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(posting__unit__in=reviewing_units(user)).exclude(status__in=HIDDEN_FROM_UNIT)
