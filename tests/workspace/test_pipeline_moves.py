"""Moving an application from the pipeline: one endpoint for the Move button (no JavaScript), htmx (the board's
buttons, shortcuts and drops), refusals in the workflow's words, rejections sent to their reason page."""

from types import ModuleType

import pytest
from django.http import HttpResponse
from django.urls import include, path, reverse

from applicants.models import Application, StageChange
from applicants.workspace import pipeline_urls
from postings.models import UnitMembership
from recruit.notifications.models import Notification
from tests.factories import PostingFactory, UnitMembershipFactory, UserFactory
from tests.workspace.pipeline_data import applicant

pytestmark = pytest.mark.django_db

S = Application.Status


@pytest.fixture
def posting(unit_a):
    return PostingFactory(unit=unit_a)


@pytest.fixture
def application(posting):
    return applicant(posting, name="Mei Chen", status=S.SUBMITTED)


def move(client, application, target, *, htmx=False, **data):
    headers = {"HX-Request": "true", "HX-Target": f"card-{application.pk}"} if htmx else {}
    url = reverse("workspace:application_move", args=[application.pk])
    return client.post(url, {"target": target, **data}, headers=headers)


def status_of(application):
    return Application.objects.get(pk=application.pk).status


# --- Without JavaScript: the card's form, then back to the board --------------------------------------------------


def test_the_move_button_moves_the_application_and_returns_to_the_board_saying_so(client, recruiter_a, application):
    client.force_login(recruiter_a)
    response = move(client, application, S.SCREENING)
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:posting_board", args=[application.posting_id])
    assert status_of(application) == S.SCREENING
    change = StageChange.objects.filter(application=application).latest("id")
    assert (change.from_status, change.to_status, change.actor) == (S.SUBMITTED, S.SCREENING, recruiter_a)
    page = client.get(response["Location"]).content.decode()
    assert "Mei Chen moved to “Screening”." in page


def test_the_candidate_is_told_of_the_move(client, recruiter_a, application):
    client.force_login(recruiter_a)
    move(client, application, S.SCREENING)
    notification = Notification.objects.get(recipient=application.candidate)
    assert notification.event == "application_screening"


def test_a_local_next_is_followed_and_an_offsite_one_ignored(client, recruiter_a, posting):
    client.force_login(recruiter_a)
    first, second, third = (applicant(posting) for _ in range(3))
    assert move(client, first, S.SCREENING, next="/recruit/units/alibaba-cloud/applicants/?stage=screening")[
        "Location"
    ] == ("/recruit/units/alibaba-cloud/applicants/?stage=screening")
    board = reverse("workspace:posting_board", args=[posting.pk])
    assert move(client, second, S.SCREENING, next="//evil.example/")["Location"] == board
    assert move(client, third, S.SCREENING, next="https://evil.example/")["Location"] == board


def test_an_illegal_move_is_refused_with_the_workflows_message_and_changes_nothing(client, recruiter_a, application):
    client.force_login(recruiter_a)
    response = move(client, application, S.OFFER)
    assert status_of(application) == S.SUBMITTED
    page = client.get(response["Location"]).content.decode()
    assert "An application cannot go from “Submitted” to “Offer”." in page
    assert not StageChange.objects.filter(application=application, to_status=S.OFFER).exists()


@pytest.mark.parametrize("target", ["", "evil", "queued", "withdrawn", "declined", "x" * 5000])
def test_odd_or_candidate_only_targets_are_refused_with_a_message(client, recruiter_a, application, target):
    client.force_login(recruiter_a)
    response = move(client, application, target)
    assert response.status_code == 302
    assert status_of(application) == S.SUBMITTED
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages and all("moved to" not in m for m in messages)


def test_sending_the_same_move_twice_moves_once_and_says_it_was_already_done(client, recruiter_a, application):
    client.force_login(recruiter_a)
    move(client, application, S.SCREENING)
    response = move(client, application, S.SCREENING)
    assert status_of(application) == S.SCREENING
    assert StageChange.objects.filter(application=application, to_status=S.SCREENING).count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "Mei Chen is already in “Screening”; nothing was changed." in page


def test_a_move_needs_post(client, recruiter_a, application):
    client.force_login(recruiter_a)
    assert client.get(reverse("workspace:application_move", args=[application.pk])).status_code == 405


# --- With htmx: the card comes back ----------------------------------------------------------------------------


def test_with_htmx_the_answer_is_the_card_in_its_new_stage_with_the_counts_and_the_announcement(
    client, recruiter_a, application
):
    client.force_login(recruiter_a)
    response = move(client, application, S.SCREENING, htmx=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="card-{application.pk}" data-stage="screening"' in html
    assert "<html" not in html
    assert 'id="count-screening" data-hx-swap-oob="true">1<' in html
    assert 'id="count-submitted" data-hx-swap-oob="true">0<' in html
    assert 'id="pipeline-status" data-hx-swap-oob="innerHTML"' in html
    assert "Mei Chen moved to “Screening”." in html
    # The card offers the moves from its new stage.
    assert '<option value="assessment">' in html
    assert status_of(application) == S.SCREENING


def test_with_htmx_a_refused_move_returns_the_card_unchanged_with_the_reason_on_it(client, recruiter_a, application):
    client.force_login(recruiter_a)
    response = move(client, application, S.HIRED, htmx=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="card-{application.pk}" data-stage="submitted"' in html
    assert "applicant-card--refused" in html
    assert "An application cannot go from “Submitted” to “Hired”." in html
    assert status_of(application) == S.SUBMITTED


def test_with_htmx_a_double_submit_is_refused_on_the_card(client, recruiter_a, application):
    client.force_login(recruiter_a)
    move(client, application, S.SCREENING, htmx=True)
    html = move(client, application, S.SCREENING, htmx=True).content.decode()
    assert "is already in “Screening”" in html
    assert f'id="card-{application.pk}" data-stage="screening"' in html
    assert StageChange.objects.filter(application=application, to_status=S.SCREENING).count() == 1


def test_an_htmx_request_from_elsewhere_than_the_card_gets_the_redirect(client, recruiter_a, application):
    client.force_login(recruiter_a)
    url = reverse("workspace:application_move", args=[application.pk])
    response = client.post(url, {"target": S.SCREENING}, headers={"HX-Request": "true", "HX-Target": "main"})
    assert response.status_code == 302
    assert status_of(application) == S.SCREENING


@pytest.mark.parametrize("count", [2, 30])
def test_the_htmx_answer_runs_the_same_queries_whatever_the_number_of_applications(
    client, recruiter_a, posting, count, django_assert_num_queries
):
    applications = [applicant(posting) for _ in range(count)]
    client.force_login(recruiter_a)
    move(client, applications[0], S.SCREENING, htmx=True)
    with django_assert_num_queries(HTMX_REFUSAL_QUERIES):
        move(client, applications[1], S.OFFER, htmx=True)


# Session, user, membership, the application; the service's transaction (savepoint, candidate's lock, the
# application locked, rollback, release); the card again, the counts.
HTMX_REFUSAL_QUERIES = 11


# --- Rejecting: the reason first --------------------------------------------------------------------------------


def _reject_page(request, pk):
    return HttpResponse(f"reject {pk}")


# The workspace's routes with the review part's rejection page, as they are once it is merged.
urlpatterns = [
    path(
        "recruit/",
        include(
            (
                [
                    *pipeline_urls.urlpatterns,
                    path("applications/<int:pk>/reject/", _reject_page, name="application_reject"),
                ],
                "workspace",
            )
        ),
    ),
]
without_reject_page = [path("recruit/", include((pipeline_urls.urlpatterns, "workspace")))]


@pytest.mark.urls(__name__)
def test_a_move_to_not_selected_goes_to_the_reason_page_and_changes_nothing_yet(client, recruiter_a, application):
    client.force_login(recruiter_a)
    response = move(client, application, S.REJECTED)
    board = reverse("workspace:posting_board", args=[application.posting_id])
    assert response.status_code == 302
    assert response["Location"] == f"/recruit/applications/{application.pk}/reject/?next={board.replace('/', '%2F')}"
    assert status_of(application) == S.SUBMITTED


@pytest.mark.urls(__name__)
def test_with_htmx_a_move_to_not_selected_redirects_the_browser_to_the_reason_page(client, recruiter_a, application):
    client.force_login(recruiter_a)
    response = move(client, application, S.REJECTED, htmx=True)
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith(f"/recruit/applications/{application.pk}/reject/")
    assert status_of(application) == S.SUBMITTED


@pytest.mark.urls(__name__)
def test_rejecting_an_ended_application_is_refused_before_the_reason_page(client, recruiter_a, posting):
    hired = applicant(posting, status=S.HIRED)
    client.force_login(recruiter_a)
    response = move(client, hired, S.REJECTED, htmx=True)
    assert "HX-Redirect" not in response
    assert "This application has already ended (hired)." in response.content.decode()


def test_without_the_reason_page_a_rejection_returns_to_the_board_saying_why(
    client, recruiter_a, application, settings
):
    """Until the review part (which has the rejection page) is installed, a rejection cannot be asked for."""
    urlconf = ModuleType("without_reject_page")
    urlconf.urlpatterns = without_reject_page
    settings.ROOT_URLCONF = urlconf
    client.force_login(recruiter_a)
    response = move(client, application, S.REJECTED)
    assert response["Location"] == reverse("workspace:posting_board", args=[application.posting_id])
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Turning an application down needs a reason, and the page to choose one is not available."]
    assert status_of(application) == S.SUBMITTED


# --- Who may move what ---------------------------------------------------------------------------------------------


def test_a_recruiter_of_another_unit_gets_404_and_moves_nothing(client, recruiter_b, application):
    client.force_login(recruiter_b)
    assert move(client, application, S.SCREENING).status_code == 404
    assert move(client, application, S.SCREENING, htmx=True).status_code == 404
    assert status_of(application) == S.SUBMITTED


def test_a_queued_application_is_404_to_its_own_unit(client, recruiter_a, posting):
    queued = applicant(posting, status=S.QUEUED)
    client.force_login(recruiter_a)
    assert move(client, queued, S.SUBMITTED).status_code == 404
    assert move(client, queued, S.SCREENING).status_code == 404
    assert status_of(queued) == S.QUEUED


def test_a_viewer_may_not_move(client, unit_a, application):
    viewer = UnitMembershipFactory(unit=unit_a, role=UnitMembership.Role.VIEWER, user=UserFactory()).user
    client.force_login(viewer)
    assert move(client, application, S.SCREENING).status_code == 404
    assert status_of(application) == S.SUBMITTED


def test_a_candidate_gets_404_and_a_visitor_the_sign_in_page(client, candidate, application):
    response = move(client, application, S.SCREENING)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    client.force_login(candidate)
    assert move(client, application, S.SCREENING).status_code == 404
    assert status_of(application) == S.SUBMITTED


def test_an_admin_moves_any_units_application(client, admin_user, application):
    client.force_login(admin_user)
    move(client, application, S.SCREENING)
    assert status_of(application) == S.SCREENING


def test_a_move_without_the_csrf_token_is_refused(recruiter_a, application):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(recruiter_a)
    assert move(strict, application, S.SCREENING).status_code == 403
    assert status_of(application) == S.SUBMITTED
