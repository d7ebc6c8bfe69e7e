from types import SimpleNamespace

import pytest
from django.template.loader import get_template

from applicants.models import Application
from applicants.workflow import (
    CANDIDATE_WORDS,
    MOVES,
    IllegalMove,
    Mover,
    check_move,
    preference_buttons,
    shifted_preferences,
)

S = Application.Status
C, R, SYS = Mover.CANDIDATE, Mover.RECRUITER, Mover.SYSTEM


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
    assert check_move(current=current, target=target, by=R).mover == R


@pytest.mark.parametrize("current", [S.QUEUED, S.SUBMITTED, S.SCREENING, S.ASSESSMENT, S.INTERVIEW, S.OFFER])
def test_candidates_withdraw_any_active_application(current):
    check_move(current=current, target=S.WITHDRAWN, by=C)


def test_only_an_offer_can_be_declined():
    check_move(current=S.OFFER, target=S.DECLINED, by=C)
    with pytest.raises(IllegalMove):
        check_move(current=S.INTERVIEW, target=S.DECLINED, by=C)


@pytest.mark.parametrize(
    ("current", "target", "by"),
    [
        (S.QUEUED, S.SCREENING, R),
        (S.QUEUED, S.REJECTED, R),
        (S.QUEUED, S.SUBMITTED, R),
        (S.SUBMITTED, S.OFFER, R),
        (S.SUBMITTED, S.HIRED, C),
        (S.SUBMITTED, S.WITHDRAWN, R),
        (S.SUBMITTED, S.SUBMITTED, SYS),
    ],
)
def test_illegal_moves_are_refused(current, target, by):
    with pytest.raises(IllegalMove, match="cannot go from"):
        check_move(current=current, target=target, by=by)


@pytest.mark.parametrize("current", sorted(Application.TERMINAL))
def test_ended_applications_do_not_move(current):
    with pytest.raises(IllegalMove, match="already ended"):
        check_move(current=current, target=S.WITHDRAWN, by=C)
    assert all(source != current for source, _target in MOVES)


def test_every_stage_has_words_for_the_candidate():
    assert set(CANDIDATE_WORDS) == set(S)


def test_the_table_matches_the_design():
    rejections = {source for (source, target) in MOVES if target == S.REJECTED}
    withdrawals = {source for (source, target) in MOVES if target == S.WITHDRAWN}
    assert rejections == {S.SUBMITTED, S.SCREENING, S.ASSESSMENT, S.INTERVIEW, S.OFFER}
    assert withdrawals == rejections | {S.QUEUED}
    assert all(move.reason_required == (target == S.REJECTED) for (_s, target), move in MOVES.items())
    ending_without_hire = {S.REJECTED, S.WITHDRAWN, S.DECLINED}
    assert all(move.releases_next == (target in ending_without_hire) for (_s, target), move in MOVES.items())
    assert all(isinstance(move.mover, Mover) for move in MOVES.values())


@pytest.mark.parametrize("event", sorted({move.event for move in MOVES.values()}))
def test_every_event_has_its_three_email_templates(event):
    for part in ("subject.txt", "body.txt", "body.html"):
        get_template(f"emails/{event}_{part}")


class App:
    def __init__(self, pk, status, program=1):
        self.pk, self.status = pk, status
        self.posting = SimpleNamespace(program_id=program)


def test_only_waiting_preferences_get_buttons_first_up_and_last_down_off():
    apps = [App(1, S.SUBMITTED), App(2, S.QUEUED), App(3, S.QUEUED), App(4, S.QUEUED)]
    assert preference_buttons(apps) == {2: (False, True), 3: (True, True), 4: (True, False)}


def test_preferences_reorder_within_their_program():
    apps = [App(1, S.QUEUED), App(2, S.QUEUED, program=2), App(3, S.QUEUED), App(4, S.QUEUED, program=2)]
    assert preference_buttons(apps) == {1: (False, True), 3: (True, False), 2: (False, True), 4: (True, False)}


def test_a_single_waiting_preference_has_no_buttons():
    assert preference_buttons([App(1, S.SUBMITTED), App(2, S.QUEUED)]) == {}


def test_the_application_under_review_keeps_its_place():
    apps = [App(1, S.SUBMITTED), App(2, S.QUEUED), App(3, S.QUEUED)]
    assert shifted_preferences(apps, pk=2, direction="up") is None
    assert shifted_preferences(apps, pk=1, direction="down") is None
    assert shifted_preferences(apps, pk=3, direction="up") == [1, 3, 2]
    assert shifted_preferences(apps, pk=3, direction="down") is None
    assert shifted_preferences(apps, pk=99, direction="up") is None
