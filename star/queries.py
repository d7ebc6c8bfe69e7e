"""Who sees which research applications (star/access.py builds on these scopes)."""

from django.db import models
from django.db.models import Q

# Waiting behind an earlier preference (unseen by its unit too), or withdrawn by the candidate: not for review.
NOT_FOR_REVIEW = ("queued", "withdrawn")


def committee_areas(user):
    """The ids of the research areas whose committee `user` sits on, as a subquery."""
    from .models import CommitteeMembership

    return CommitteeMembership.objects.filter(user=user).values("area")


class StarApplicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A candidate's own research applications; for a committee member, those naming one of their areas
        (once with a unit, not withdrawn); for an admin, every one. Unit recruiters see none through this scope."""
        from postings.access import is_admin

        if not user.is_authenticated:
            return self.none()
        if is_admin(user):
            return self.exclude(application__status__in=NOT_FOR_REVIEW) | self.filter(application__candidate=user)
        in_my_areas = Q(areas__in=committee_areas(user)) & ~Q(application__status__in=NOT_FOR_REVIEW)
        return self.filter(Q(application__candidate=user) | in_my_areas).distinct()

    def for_committee(self, area):
        """The applications a committee ranks: those naming `area`, with a unit, not withdrawn."""
        return self.filter(areas=area).exclude(application__status__in=NOT_FOR_REVIEW)
