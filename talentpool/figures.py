"""What the talent pool brought each unit and the program: candidates resurfaced, invited, accepted, hired.

- resurfaced: the distinct candidates the pool put before the unit, for one of its postings: suggested (whatever
  became of the suggestion), or invited from the pool's search without a suggestion; so every invited candidate
  was resurfaced, and the figures read as a funnel;
- invited: the distinct candidates invited to one of the unit's postings (whatever their answer);
- accepted: the distinct candidates who accepted such an invitation;
- hired: the applications that came from the pool (source "talent pool") to the unit's postings and ended in a hire.

The overall line counts each candidate once, however many units resurfaced them: it is not the sum of the units.

Each figure is one aggregate query over all units at once (grouped by the posting's unit), so a table of every unit
costs five queries, whatever the number of suggestions.
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef

from applicants.models import Application
from postings.models import Posting

from .models import Invitation, Suggestion


@dataclass(frozen=True)
class PoolFigures:
    resurfaced: int = 0
    invited: int = 0
    accepted: int = 0
    hired: int = 0

    @property
    def acceptance(self) -> float | None:
        """The share of invited candidates who accepted (None before any invitation)."""
        return self.accepted / self.invited if self.invited else None


def _by_unit(queryset, counted: str, unit_ids) -> dict[int, int]:
    if unit_ids is not None:
        queryset = queryset.filter(posting__unit_id__in=unit_ids)
    rows = queryset.values_list("posting__unit_id").annotate(count=Count(counted, distinct=True)).order_by()
    return dict(rows)


def _overall(queryset, counted: str) -> int:
    return queryset.aggregate(count=Count(counted, distinct=True))["count"]


def _invited_unsuggested(*, per_unit: bool):
    """Invitations of candidates the pool never suggested to the unit (per_unit) or to anyone (overall)."""
    suggested = Suggestion.objects.filter(entry_id=OuterRef("entry_id"))
    if per_unit:
        suggested = suggested.filter(posting__unit_id=OuterRef("posting__unit_id"))
    return Invitation.objects.exclude(Exists(suggested))


def _hires():
    return Application.objects.filter(source=Application.Source.TALENT_POOL, status=Application.Status.HIRED)


def units_figures(unit_ids=None) -> dict[int, PoolFigures]:
    """{unit id: its figures} for the units given (every unit with any figure when None); a unit with nothing
    counted is missing (PoolFigures() for it)."""
    suggested = _by_unit(Suggestion.objects.all(), "entry_id", unit_ids)
    unsuggested = _by_unit(_invited_unsuggested(per_unit=True), "entry_id", unit_ids)
    invited = _by_unit(Invitation.objects.all(), "entry_id", unit_ids)
    accepted = _by_unit(Invitation.objects.filter(state=Invitation.State.ACCEPTED), "entry_id", unit_ids)
    hired = _by_unit(_hires(), "pk", unit_ids)
    units = set(suggested) | set(unsuggested) | set(invited) | set(accepted) | set(hired)
    return {
        unit: PoolFigures(
            resurfaced=suggested.get(unit, 0) + unsuggested.get(unit, 0),
            invited=invited.get(unit, 0),
            accepted=accepted.get(unit, 0),
            hired=hired.get(unit, 0),
        )
        for unit in units
    }


def unit_figures(unit) -> PoolFigures:
    """One unit's figures."""
    unit_id = getattr(unit, "pk", unit)
    return units_figures([unit_id]).get(unit_id, PoolFigures())


def overall_figures() -> PoolFigures:
    """The whole program's figures, each candidate counted once."""
    return PoolFigures(
        resurfaced=_overall(Suggestion.objects.all(), "entry_id")
        + _overall(_invited_unsuggested(per_unit=False), "entry_id"),
        invited=_overall(Invitation.objects.all(), "entry_id"),
        accepted=_overall(Invitation.objects.filter(state=Invitation.State.ACCEPTED), "entry_id"),
        hired=_hires().count(),
    )


def new_suggestions(unit) -> int:
    """The unit's suggestions no recruiter has acted on yet, for its open postings (the dashboard's call to act)."""
    return Suggestion.objects.filter(
        state=Suggestion.State.NEW, posting__in=Posting.objects.public().filter(unit=unit).values("pk")
    ).count()
