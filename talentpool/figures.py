"""What the talent pool brought each unit and the program: candidates resurfaced, invited, accepted, hired.

- resurfaced: the distinct candidates the pool put before the unit, for one of its postings: suggested (whatever
  became of the suggestion), or invited from the pool's search without a suggestion; so every invited candidate
  was resurfaced, and the figures read as a funnel;
- invited: the distinct candidates invited to one of the unit's postings (whatever their answer);
- accepted: the distinct candidates who accepted such an invitation;
- hired: the applications that came from the pool (source "talent pool") to the unit's postings and ended in a hire.

The overall line counts each candidate once, however many units resurfaced them: it is not the sum of the units.

A table of units is one query (a counting subquery per figure, each over the index of the posting's unit), whatever
the number of units or suggestions; the overall line is five aggregate queries.
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from applicants.models import Application
from postings.models import BusinessUnit, Posting

from .models import Invitation, Suggestion


@dataclass(frozen=True)
class PoolFigures:
    resurfaced: int = 0
    invited: int = 0
    accepted: int = 0
    hired: int = 0
    # New suggestions no recruiter has acted on yet, for the unit's open postings: the dashboard's call to act
    # (per unit only).
    waiting: int = 0

    @property
    def acceptance(self) -> float | None:
        """The share of invited candidates who accepted (None before any invitation)."""
        return self.accepted / self.invited if self.invited else None


def _invited_unsuggested(*, per_unit: bool):
    """Invitations of candidates the pool never suggested to the unit (per_unit) or to anyone (overall)."""
    suggested = Suggestion.objects.filter(entry_id=OuterRef("entry_id"))
    if per_unit:
        suggested = suggested.filter(posting__unit_id=OuterRef("posting__unit_id"))
    return Invitation.objects.exclude(Exists(suggested))


def _hires():
    return Application.objects.filter(source=Application.Source.TALENT_POOL, status=Application.Status.HIRED)


def _per_unit(queryset, counted: str, *, distinct: bool = True):
    """The count over the rows of `queryset` for the outer unit's postings, as a subquery (0 when none)."""
    count = (
        queryset.filter(posting__unit_id=OuterRef("pk"))
        .order_by()
        .values("posting__unit_id")
        .annotate(count=Count(counted, distinct=distinct))
        .values("count")
    )
    return Coalesce(Subquery(count, output_field=IntegerField()), 0)


def units_figures(unit_ids=None) -> dict[int, PoolFigures]:
    """{unit id: its figures} for the units given (every unit when None), in one query."""
    units = BusinessUnit.objects.all() if unit_ids is None else BusinessUnit.objects.filter(pk__in=unit_ids)
    open_postings = Posting.objects.public().values("pk")
    rows = units.annotate(
        suggested=_per_unit(Suggestion.objects.all(), "entry_id"),
        unsuggested=_per_unit(_invited_unsuggested(per_unit=True), "entry_id"),
        invited=_per_unit(Invitation.objects.all(), "entry_id"),
        accepted=_per_unit(Invitation.objects.filter(state=Invitation.State.ACCEPTED), "entry_id"),
        hired=_per_unit(_hires(), "pk", distinct=False),
        waiting=_per_unit(
            Suggestion.objects.filter(state=Suggestion.State.NEW, posting__in=open_postings), "pk", distinct=False
        ),
    ).values_list("pk", "suggested", "unsuggested", "invited", "accepted", "hired", "waiting")
    return {
        pk: PoolFigures(
            resurfaced=suggested + unsuggested, invited=invited, accepted=accepted, hired=hired, waiting=waiting
        )
        for pk, suggested, unsuggested, invited, accepted, hired, waiting in rows
    }


def unit_figures(unit) -> PoolFigures:
    """One unit's figures, with the suggestions waiting on its open postings (one query)."""
    unit_id = getattr(unit, "pk", unit)
    return units_figures([unit_id]).get(unit_id, PoolFigures())


def overall_figures() -> PoolFigures:
    """The whole program's figures, each candidate counted once (five aggregate queries)."""

    def distinct(queryset) -> int:
        return queryset.aggregate(count=Count("entry_id", distinct=True))["count"]

    return PoolFigures(
        resurfaced=distinct(Suggestion.objects.all()) + distinct(_invited_unsuggested(per_unit=False)),
        invited=distinct(Invitation.objects.all()),
        accepted=distinct(Invitation.objects.filter(state=Invitation.State.ACCEPTED)),
        hired=_hires().count(),
    )
