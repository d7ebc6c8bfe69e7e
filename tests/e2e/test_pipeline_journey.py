"""The pipeline in a real browser: moving cards by keyboard alone and by drag and drop (the workflow refusing an
illegal drop), the same board without JavaScript, on a phone, and the list's "select all" with a bulk move.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from applicants.models import Application
from tests.e2e.conftest import sign_in
from tests.factories import PostingFactory
from tests.workspace.pipeline_data import applicant

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

S = Application.Status


@pytest.fixture
def board(live_server, recruiter_a, unit_a):
    """A posting of unit A with applicants in the first stages; the recruiter's browser signed in, on its board."""
    posting = PostingFactory(unit=unit_a, title="Agent Engineer Intern")
    people = {
        "ana": applicant(posting, name="Ana Alvarez", status=S.SUBMITTED, days=5),
        "bo": applicant(posting, name="Bo Bai", status=S.SUBMITTED, days=3),
        "cy": applicant(posting, name="Cy Chen", status=S.SCREENING, days=2),
        "di": applicant(posting, name="Di Deng", status=S.SUBMITTED, days=1),
    }
    url = f"{live_server.url}/recruit/postings/{posting.pk}/board/"
    return {"posting": posting, "people": people, "url": url, "recruiter": recruiter_a}


def open_board(new_page, board, **options) -> Page:
    page = new_page(viewport=options.pop("viewport", {"width": 1280, "height": 900}), **options)
    sign_in(page.context, board["recruiter"], board["url"].split("/recruit/")[0])
    page.goto(board["url"])
    return page


def card(page: Page, application):
    return page.locator(f"#card-{application.pk}")


def column(page: Page, stage):
    return page.locator(f'[data-cards="{stage}"]')


def status_of(application):
    return Application.objects.get(pk=application.pk).status


def test_a_recruiter_moves_applicants_down_a_column_by_keyboard_alone(new_page, board, screenshot):
    page = open_board(new_page, board)
    ana, bo = board["people"]["ana"], board["people"]["bo"]
    # Tab reaches the first card; `]` moves it to the next column.
    page.locator(f"#card-{ana.pk}").focus()
    page.keyboard.press("]")
    expect(column(page, "screening").locator(f"#card-{ana.pk}")).to_be_visible()
    expect(page.locator("#pipeline-status")).to_have_text("Ana Alvarez moved to “Screening”.")
    assert status_of(ana) == S.SCREENING
    # The focus went to the next card of the column: the recruiter goes on.
    expect(card(page, bo)).to_be_focused()
    page.keyboard.press("]")
    expect(column(page, "screening").locator(f"#card-{bo.pk}")).to_be_visible()
    assert status_of(bo) == S.SCREENING
    expect(page.locator("#count-screening")).to_contain_text("3")
    expect(page.locator("#count-submitted")).to_contain_text("1")
    # `m` goes to the card's list of stages; choosing one and pressing Move works from there.
    di = board["people"]["di"]
    expect(card(page, di)).to_be_focused()
    page.keyboard.press("m")
    expect(page.locator(f"#move-{di.pk}")).to_be_focused()
    page.select_option(f"#move-{di.pk}", "screening")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(column(page, "screening").locator(f"#card-{di.pk}")).to_be_visible()
    screenshot(page, "pipeline-board-keyboard")


def test_a_card_dropped_on_a_column_moves_and_an_illegal_drop_is_refused_with_the_reason(new_page, board):
    # A window wide enough for every column: the drag needs no scrolling on the way.
    page = open_board(new_page, board, viewport={"width": 1920, "height": 1000})
    cy, ana = board["people"]["cy"], board["people"]["ana"]
    card(page, cy).drag_to(page.locator('[data-drop-stage="interview"]'))
    expect(column(page, "interview").locator(f"#card-{cy.pk}")).to_be_visible()
    assert status_of(cy) == S.INTERVIEW

    card(page, ana).drag_to(page.locator('[data-drop-stage="offer"]'))
    expect(page.locator("#pipeline-status")).to_have_text("An application cannot go from “Submitted” to “Offer”.")
    expect(column(page, "submitted").locator(f"#card-{ana.pk}")).to_contain_text(
        "An application cannot go from “Submitted” to “Offer”."
    )
    assert status_of(ana) == S.SUBMITTED


def test_without_javascript_the_move_button_moves_the_card(new_page, board):
    page = open_board(new_page, board, java_script_enabled=False)
    ana = board["people"]["ana"]
    page.select_option(f"#move-{ana.pk}", "screening")
    card(page, ana).get_by_role("button", name="Move").click()
    expect(page.locator(".messages")).to_contain_text("Ana Alvarez moved to “Screening”.")
    expect(column(page, "screening").locator(f"#card-{ana.pk}")).to_be_visible()


def test_on_a_phone_the_columns_stack_and_the_page_does_not_scroll_sideways(new_page, board, screenshot):
    page = open_board(new_page, board, viewport={"width": 390, "height": 844})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    submitted, screening = page.locator('[data-drop-stage="submitted"]'), page.locator('[data-drop-stage="screening"]')
    assert screening.bounding_box()["y"] > submitted.bounding_box()["y"]
    screenshot(page, "pipeline-board-phone")


def test_the_list_selects_a_whole_page_and_moves_it_in_bulk(new_page, board, live_server, screenshot):
    page = open_board(new_page, board)
    page.goto(f"{live_server.url}/recruit/units/alibaba-cloud/applicants/?stage=submitted")
    expect(page.locator("[data-select]")).to_have_count(3)
    page.get_by_label("Select every applicant on this page").check()
    expect(page.locator("[data-selected-count]")).to_have_text("(3 selected)")
    screenshot(page, "pipeline-list-selected")
    page.get_by_label("Move to").select_option("screening")
    page.get_by_role("button", name="Move", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("3 applicants moved to “Screening”.")
    assert re.search(r"\?stage=submitted$", page.url)
    assert [status_of(a) for a in board["people"].values()] == [S.SCREENING] * 4
    phone = new_page(viewport={"width": 390, "height": 844})
    sign_in(phone.context, board["recruiter"], live_server.url)
    phone.goto(f"{live_server.url}/recruit/units/alibaba-cloud/applicants/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "pipeline-list-phone")


def test_on_a_laptop_only_the_board_scrolls_sideways_never_the_page(new_page, board, screenshot):
    page = open_board(new_page, board, viewport={"width": 1280, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    box = page.locator("[data-pipeline-board]").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1280
    screenshot(page, "pipeline-board-laptop")
