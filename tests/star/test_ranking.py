"""The committee's ranking on hand-built scores: by mean, unreviewed last, disagreement at a spread of 2."""

import pytest

from star.ranking import ranked


def test_it_ranks_by_mean_score_best_first():
    rows = ranked([("b", [3, 3]), ("a", [5, 4]), ("c", [2])])
    assert [row.item for row in rows] == ["a", "b", "c"]
    assert [row.mean for row in rows] == [4.5, 3, 2]


def test_unreviewed_applications_come_last_without_a_mean():
    rows = ranked([("none", []), ("low", [1])])
    assert [row.item for row in rows] == ["low", "none"]
    assert rows[1].mean is None and rows[1].spread is None and rows[1].review_count == 0
    assert not rows[1].disagreement


def test_ties_keep_the_order_given():
    assert [row.item for row in ranked([("older", [4]), ("newer", [4])])] == ["older", "newer"]


@pytest.mark.parametrize(
    ("scores", "spread", "flagged"),
    [
        ([4], 0, False),
        ([5, 4], 1, False),
        ([5, 3 + 1 / 3], 5 / 3, False),
        ([5, 3], 2, True),
        # Means of three criteria are thirds: 13/3 − 7/3 must count as 2, not 1.9999.
        ([13 / 3, 7 / 3], 2, True),
        ([5, 1, 3], 4, True),
    ],
)
def test_disagreement_is_the_spread_between_reviewers_flagged_from_two_points(scores, spread, flagged):
    (row,) = ranked([("x", scores)])
    assert row.spread == pytest.approx(spread)
    assert row.disagreement is flagged
    assert row.review_count == len(scores)
