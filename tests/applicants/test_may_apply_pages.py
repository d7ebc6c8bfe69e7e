"""Every page that offers applying asks the one rule: what it shows is what the service does."""

import datetime as dt

import pytest
from django.utils import timezone

from applicants.eligibility import REAPPLY_RULE
from applicants.models import Application, CandidateProfile
from applicants.services import application_submit, application_withdraw
from postings.models import Posting
from tests.factories import ApplicationFactory, LocationFactory, PostingFactory, ProgramFactory

pytestmark = pytest.mark.django_db
S = Application.Status


@pytest.fixture
def posting(unit_a):
    return PostingFactory(unit=unit_a, title="Agent Runtime Intern", degree_levels=["master", "doctorate"])


@pytest.fixture
def abroad(unit_a):
    frankfurt = LocationFactory(name="Frankfurt", country="Germany", country_code="DE", in_mainland_china=False)
    return PostingFactory(unit=unit_a, title="Frankfurt Intern", locations=[frankfurt])


def panel(client, posting):
    html = client.get(f"/jobs/{posting.pk}/").text
    return html[html.index('class="apply-panel"') : html.index("</aside>")]


def test_a_visitor_is_asked_to_sign_in(client, posting):
    assert "Sign in to apply" in panel(client, posting)


def test_a_ready_candidate_is_told_they_may_apply_with_the_button(client, ready_candidate, posting):
    client.force_login(ready_candidate)
    shown = panel(client, posting)
    assert "You may apply to this role." in shown
    assert f'href="/me/apply/{posting.pk}/"' in shown


def test_an_ineligible_candidate_sees_every_reason_and_no_button(client, ready_candidate, posting):
    CandidateProfile.objects.filter(user=ready_candidate).update(
        graduation_date=dt.date(2026, 6, 30), degree_level="bachelor"
    )
    client.force_login(ready_candidate)
    shown = panel(client, posting)
    assert "is before the window of" in shown
    assert "This role accepts Master&#x27;s, Doctorate; your degree level is Bachelor&#x27;s." in shown
    assert f'href="/me/apply/{posting.pk}/"' not in shown


def test_after_withdrawing_the_posting_and_apply_pages_state_the_rule_and_offer_no_button(
    client, ready_candidate, posting
):
    application = application_submit(candidate=ready_candidate, posting=posting)
    application_withdraw(application=application, candidate=ready_candidate)
    client.force_login(ready_candidate)
    rule = str(REAPPLY_RULE).replace("'", "&#x27;")
    assert rule in panel(client, posting)
    page = client.get(f"/me/apply/{posting.pk}/").text
    assert rule in page
    assert "Send my application" not in page
    assert "You may apply to this role." not in page


def test_the_withdrawal_page_says_the_same_rule_and_no_pool_promise_without_consent(client, ready_candidate, posting):
    application = application_submit(candidate=ready_candidate, posting=posting)
    client.force_login(ready_candidate)
    page = client.get(f"/me/applications/{application.pk}/withdraw/").text
    assert str(REAPPLY_RULE).replace("'", "&#x27;") in page
    assert "stays in the talent pool" not in page
    assert "is not in the talent pool" in page


def test_the_withdrawal_page_of_an_ended_application_offers_nothing(client, ready_candidate, posting):
    application = application_submit(candidate=ready_candidate, posting=posting)
    application_withdraw(application=application, candidate=ready_candidate)
    client.force_login(ready_candidate)
    response = client.get(f"/me/applications/{application.pk}/withdraw/", follow=True)
    assert "already ended" in response.text
    assert "Yes, withdraw" not in response.text


def test_the_apply_page_shows_the_cap_before_the_button(client, ready_candidate, posting):
    for _ in range(2):
        ApplicationFactory(candidate=ready_candidate, posting=PostingFactory(program=posting.program))
    client.force_login(ready_candidate)
    page = client.get(f"/me/apply/{posting.pk}/").text
    assert "the most it allows" in page
    assert "Send my application" not in page


def test_a_role_abroad_asks_for_the_consent_and_refuses_without_it(client, ready_candidate, abroad):
    client.force_login(ready_candidate)
    page = client.get(f"/me/apply/{abroad.pk}/").text
    assert "Cross-border data transfer" in page
    assert "Send my application" in page
    refused = client.post(f"/me/apply/{abroad.pk}/", {})
    assert refused.text.count("outside mainland China: to apply, agree") == 1
    assert not Application.objects.exists()
    client.post(f"/me/apply/{abroad.pk}/", {"cross_border_consent": "on"})
    assert Application.objects.get().cross_border_consent_at is not None


def test_the_posting_page_mentions_the_consent_for_a_role_abroad(client, ready_candidate, abroad):
    client.force_login(ready_candidate)
    assert "asks for your consent to the transfer" in panel(client, abroad)


def test_a_double_submit_keeps_one_application_and_says_so(client, ready_candidate, posting):
    client.force_login(ready_candidate)
    client.post(f"/me/apply/{posting.pk}/", {})
    again = client.post(f"/me/apply/{posting.pk}/", {})
    assert again.status_code == 200
    assert "You have already applied to this role." in again.text
    assert Application.objects.count() == 1


def test_a_posting_id_that_does_not_exist_answers_404(client, ready_candidate):
    client.force_login(ready_candidate)
    assert client.get("/me/apply/987654/").status_code == 404
    assert client.post("/me/apply/987654/", {}).status_code == 404


@pytest.mark.parametrize(
    "change",
    [{"status": Posting.Status.CLOSED}, {"closes_at": timezone.now() - dt.timedelta(hours=1)}],
)
def test_a_closed_posting_says_why_on_the_apply_page_and_takes_nothing(client, ready_candidate, posting, change):
    if "closes_at" in change:
        Posting.objects.filter(pk=posting.pk).update(published_at=timezone.now() - dt.timedelta(days=3))
    Posting.objects.filter(pk=posting.pk).update(**change)
    client.force_login(ready_candidate)
    page = client.get(f"/me/apply/{posting.pk}/")
    assert page.status_code == 200
    assert "Send my application" not in page.text
    posted = client.post(f"/me/apply/{posting.pk}/", {})
    assert posted.status_code == 200
    assert not Application.objects.exists()


def test_the_overview_says_why_a_candidate_may_not_apply(client, ready_candidate, posting):
    CandidateProfile.objects.filter(user=ready_candidate).update(graduation_date=dt.date(2028, 1, 31))
    client.force_login(ready_candidate)
    html = client.get("/me/").text
    assert "Can I apply?" in html
    assert f"{posting.program.name}: you cannot apply yet." in html
    assert "is after the window of" in html


def test_the_overview_says_a_ready_candidate_may_apply(client, ready_candidate, posting):
    client.force_login(ready_candidate)
    assert f"{posting.program.name}: you may apply." in client.get("/me/").text


def test_the_overview_lists_what_to_do_first(client, candidate, posting):
    client.force_login(candidate)
    html = client.get("/me/").text
    assert "Verify your email address first" in html
    assert "Upload your resume (PDF) first." in html


def test_the_profile_check_names_each_program_in_its_line(client, candidate):
    ProgramFactory(name="2027 Internship", slug="2027-internship")
    ProgramFactory(name="2027 Star", slug="2027-star")
    client.force_login(candidate)
    html = client.get("/me/profile/eligibility/?graduation_date=2025-01-01").text
    assert "before the window of 2027 Internship" in html
    assert "before the window of 2027 Star" in html


def test_the_posting_page_with_the_personal_panel_runs_a_bounded_number_of_queries(
    client, ready_candidate, posting, django_assert_max_num_queries
):
    client.force_login(ready_candidate)
    client.get(f"/jobs/{posting.pk}/")
    with django_assert_max_num_queries(14):
        assert client.get(f"/jobs/{posting.pk}/").status_code == 200


def test_a_withdrawn_application_page_states_the_same_rule(client, ready_candidate, posting):
    application = application_submit(candidate=ready_candidate, posting=posting)
    client.force_login(ready_candidate)
    rule = str(REAPPLY_RULE).replace("'", "&#x27;")
    assert rule not in client.get(f"/me/applications/{application.pk}/").text
    application_withdraw(application=application, candidate=ready_candidate)
    assert rule in client.get(f"/me/applications/{application.pk}/").text
