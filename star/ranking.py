"""The committee's ranking: applications by their reviewers' mean score, with how far the reviewers disagree.

Pure: it takes each application with its reviews' scores and returns rows; the committee page reads them.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import fmean

from .models import DISAGREEMENT_SPREAD


@dataclass(frozen=True)
class Ranked:
    """One application's place: the mean of its reviews' scores (None before any), the spread (max − min of the
    reviewers' scores) and whether it reaches DISAGREEMENT_SPREAD."""

    item: object
    scores: tuple[float, ...]
    mean: float | None
    spread: float | None

    @property
    def review_count(self) -> int:
        return len(self.scores)

    @property
    def disagreement(self) -> bool:
        # Rounded: three criteria make thirds, and 2.0 must not read as 1.9999.
        return self.spread is not None and round(self.spread, 6) >= DISAGREEMENT_SPREAD


def ranked(rows: Iterable[tuple[object, Sequence[float]]]) -> list[Ranked]:
    """`rows` of (application, its reviews' scores), best mean first; unreviewed ones last; ties keep the order
    they came in (the caller's: oldest application first)."""
    result = []
    for item, scores in rows:
        scores = tuple(scores)
        mean = fmean(scores) if scores else None
        spread = max(scores) - min(scores) if scores else None
        result.append(Ranked(item=item, scores=scores, mean=mean, spread=spread))
    return sorted(result, key=lambda r: (r.mean is None, -(r.mean or 0)))
