"""Scorecards and the rules of reviewing: what is scored, who sees what, and what the reviews add up to. Pure rules.

A posting's scorecard is its `Competency` lines, or `DEFAULT_COMPETENCIES`
when it has none. Each reviewer scores every line from 1 ("Below the bar") to
4 ("Exceptional"); a review's score is the mean of its lines, an
application's average the mean of its reviews' scores.

Reviews are independent: a reviewer sees the others' scores, recommendations
and notes only once they have submitted their own (`sees_other_reviews`), so
nobody anchors on a colleague's opinion; before that they learn only how many
reviews exist. Admins, who do not review, see everything.
"""

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from recruit.wording import join_words

MIN_SCORE, MAX_SCORE = 1, 4

# What each score means, in the reviewer's words.
SCORE_LABELS = {
    1: gettext_lazy("Below the bar"),
    2: gettext_lazy("Almost there"),
    3: gettext_lazy("Meets the bar"),
    4: gettext_lazy("Exceptional"),
}

# The scorecard of a posting that has no Competency lines of its own. The keys are stored in Review.scores:
# never rename one.
DEFAULT_COMPETENCIES = (
    ("skills", gettext_lazy("Skills for the role")),
    ("problem_solving", gettext_lazy("Problem solving")),
    ("communication", gettext_lazy("Communication")),
    ("motivation", gettext_lazy("Motivation")),
)


@dataclass(frozen=True)
class Line:
    """One line of a scorecard: the key its score is stored under, and what the reviewer reads."""

    key: str
    label: str
    # The Competency it comes from (None for a default line): its text may still be in the other language.
    competency: object = None


def competency_key(competency) -> str:
    """The key a posting's own competency is scored under: its id, so renaming or translating it keeps scores."""
    return f"competency-{competency.pk}"


def scorecard_for(posting) -> list[Line]:
    """The lines reviewers score for `posting`, in order. Prefetch `competencies` to ask it of many postings."""
    competencies = list(posting.competencies.all())
    if competencies:
        return [Line(competency_key(c), c.name, c) for c in competencies]
    return [Line(key, label) for key, label in DEFAULT_COMPETENCIES]


def clean_scores(scorecard: Sequence[Line], scores: Mapping) -> dict[str, int]:
    """`scores` as {key: 1..4} for exactly the lines of `scorecard`; ValidationError saying every problem otherwise
    (a line left out, a line the scorecard does not have, a score that is not a whole number from 1 to 4)."""
    if not isinstance(scores, Mapping):
        raise ValidationError(_("Score every line of the scorecard."), code="invalid")
    labels = {line.key: str(line.label) for line in scorecard}
    errors = []
    missing = [labels[key] for key in labels if key not in scores]
    if missing:
        errors.append(
            ValidationError(_("Score every line of the scorecard: %(lines)s."), params={"lines": join_words(missing)})
        )
    if any(key not in labels for key in scores):
        errors.append(ValidationError(_("The scorecard of this role changed while you were scoring: score it again.")))
    cleaned = {}
    for key, value in scores.items():
        if key not in labels or key in cleaned:
            continue
        if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).strip().isdigit():
            number = None
        else:
            number = int(str(value).strip())
        if number is None or not MIN_SCORE <= number <= MAX_SCORE:
            errors.append(
                ValidationError(
                    _("Score “%(line)s” from %(low)s to %(high)s."),
                    params={"line": labels[key], "low": MIN_SCORE, "high": MAX_SCORE},
                )
            )
        else:
            cleaned[key] = number
    if errors:
        raise ValidationError(errors)
    return cleaned


def review_score(scores: Mapping[str, int]) -> float:
    """A review's score: the mean of its lines."""
    return round(statistics.fmean(scores.values()), 2)


def sees_other_reviews(*, has_reviewed: bool, is_admin: bool) -> bool:
    """Whether a user sees the other reviewers' scores, recommendations and notes: once they submitted their own
    review, or as an admin. Before that, only how many reviews there are."""
    return has_reviewed or is_admin


@dataclass(frozen=True)
class Summary:
    """What an application's reviews add up to."""

    count: int
    average: float | None
    lowest: float | None
    highest: float | None
    # The population standard deviation of the review scores: 0 when everyone agrees, about 1.5 at most.
    deviation: float | None
    # For each line of the scorecard, the mean of the scores given to it (None if nobody scored it).
    by_line: tuple[tuple[Line, float | None], ...]

    @property
    def agrees(self) -> bool:
        return self.count > 1 and self.lowest == self.highest


def summarize(reviews: Iterable, scorecard: Sequence[Line]) -> Summary:
    """The average and the spread (lowest, highest, standard deviation) of `reviews`, with the mean of each line."""
    reviews = list(reviews)
    scores = [review.score for review in reviews]
    by_line = []
    for line in scorecard:
        given = [review.scores[line.key] for review in reviews if isinstance(review.scores.get(line.key), int)]
        by_line.append((line, round(statistics.fmean(given), 2) if given else None))
    if not scores:
        return Summary(0, None, None, None, None, tuple(by_line))
    return Summary(
        count=len(scores),
        average=round(statistics.fmean(scores), 2),
        lowest=min(scores),
        highest=max(scores),
        deviation=round(statistics.pstdev(scores), 2),
        by_line=tuple(by_line),
    )
