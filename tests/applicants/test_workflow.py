import pytest

from applicants.models import Application
from applicants.workflow import CANDIDATE_WORDS, IllegalMove, check_move

S = Application.Status


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.SUBMITTED, S.SCREENING),
        (S.SCREENING, S.ASSESSMENT),
        (S.ASSESSMENT, S.INTERVIEW),
        (S.INTERVIEW, S.OFFER),
        (S.OFFER, S.HIRED),
        (S.SUBMITTED, S.REJECTED),
        (S.OFFER, S.REJECTED),
    ],
)
def test_recruiters_move_applications_forward_or_reject(current, target):
    check_move(current=current, target=target, by="recruiter")


@pytest.mark.parametrize("current", [S.QUEUED, S.SUBMITTED, S.SCREENING, S.ASSESSMENT, S.INTERVIEW, S.OFFER])
def test_candidates_withdraw_any_active_application(current):
    check_move(current=current, target=S.WITHDRAWN, by="candidate")


def test_only_an_offer_can_be_declined():
    check_move(current=S.OFFER, target=S.DECLINED, by="candidate")
    with pytest.raises(IllegalMove):
        check_move(current=S.INTERVIEW, target=S.DECLINED, by="candidate")


@pytest.mark.parametrize(
    ("current", "target", "by"),
    [
        (S.QUEUED, S.SCREENING, "recruiter"),
        (S.QUEUED, S.REJECTED, "recruiter"),
        (S.SUBMITTED, S.OFFER, "recruiter"),
        (S.SUBMITTED, S.HIRED, "candidate"),
        (S.SUBMITTED, S.WITHDRAWN, "recruiter"),
        (S.SUBMITTED, S.SUBMITTED, "system"),
    ],
)
def test_illegal_moves_are_refused(current, target, by):
    with pytest.raises(IllegalMove, match="cannot go from"):
        check_move(current=current, target=target, by=by)


@pytest.mark.parametrize("current", sorted(Application.TERMINAL))
def test_ended_applications_do_not_move(current):
    with pytest.raises(IllegalMove, match="already ended"):
        check_move(current=current, target=S.WITHDRAWN, by="candidate")


def test_every_stage_has_words_for_the_candidate():
    assert set(CANDIDATE_WORDS) == set(S)
