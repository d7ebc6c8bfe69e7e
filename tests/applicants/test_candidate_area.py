import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from applicants.models import Application, CandidateProfile, Resume
from applicants.services import application_submit
from postings.models import Posting
from recruit.accounts.models import User
from tests.factories import (
    ApplicationFactory,
    CandidateProfileFactory,
    LocationFactory,
    PostingFactory,
    ProgramFactory,
    verify_email,
)

pytestmark = pytest.mark.django_db
S = Application.Status

PAGES = ["/me/", "/me/profile/", "/me/resumes/", "/me/privacy/", "/me/privacy/export/"]


def reauthenticate(client, user):
    """Sign in, then confirm the password again through allauth, as a person deleting their account does."""
    user.set_password("correct-horse-battery")
    user.save()
    client.force_login(user)
    response = client.post("/accounts/reauthenticate/", {"password": "correct-horse-battery"})
    assert response.status_code == 302


@pytest.fixture
def posting(unit_a):
    return PostingFactory(unit=unit_a, title="Agent Runtime Intern")


@pytest.fixture
def application(ready_candidate, posting):
    return application_submit(candidate=ready_candidate, posting=posting)


@pytest.mark.parametrize("url", PAGES)
def test_a_visitor_is_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("url", PAGES)
def test_a_candidate_opens_every_page_of_their_area(client, ready_candidate, url):
    client.force_login(ready_candidate)
    assert client.get(url).status_code == 200


def test_the_overview_lists_applications_and_what_is_missing(client, candidate, posting):
    ApplicationFactory(candidate=candidate, posting=posting)
    client.force_login(candidate)
    response = client.get("/me/")
    assert "Agent Runtime Intern" in response.text
    assert "Before you apply" in response.text
    assert "Upload" in response.text


def test_the_overview_runs_a_fixed_number_of_queries(client, ready_candidate):
    client.force_login(ready_candidate)
    ApplicationFactory.create_batch(2, candidate=ready_candidate)
    with CaptureQueriesContext(connection) as few:
        client.get("/me/")
    ApplicationFactory.create_batch(20, candidate=ready_candidate)
    with CaptureQueriesContext(connection) as many:
        client.get("/me/")
    assert len(few) == len(many)


def test_the_apply_page_lists_what_is_missing(client, candidate, posting):
    verify_email(candidate)
    client.force_login(candidate)
    response = client.get(f"/me/apply/{posting.pk}/")
    assert response.status_code == 200
    assert "Why you cannot apply yet" in response.text
    assert 'Upload your resume (PDF) first. <a href="/me/resumes/">Your resumes</a>' in response.text
    assert "Send my application" not in response.text


def test_applying_through_the_page_redirects_to_the_application(client, ready_candidate, posting):
    client.force_login(ready_candidate)
    response = client.post(f"/me/apply/{posting.pk}/", {"pool_consent": "on"})
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/me/applications/{application.pk}/"
    assert CandidateProfile.objects.get(user=ready_candidate).has_pool_consent


def test_a_refused_application_says_why_on_the_page_and_changes_nothing(client, ready_candidate, program_abroad):
    client.force_login(ready_candidate)
    response = client.post(f"/me/apply/{program_abroad.pk}/", {})
    assert response.status_code == 200
    assert "outside mainland China" in response.text
    assert not Application.objects.exists()


@pytest.fixture
def program_abroad(db):
    return PostingFactory(
        locations=[LocationFactory(name="Frankfurt", country="Germany", country_code="DE", in_mainland_china=False)]
    )


def test_applying_to_a_draft_answers_404(client, ready_candidate):
    draft = PostingFactory(status=Posting.Status.DRAFT, published_at=None)
    client.force_login(ready_candidate)
    assert client.post(f"/me/apply/{draft.pk}/").status_code == 404
    assert not Application.objects.exists()


def test_the_timeline_is_in_the_candidates_words_without_internal_reasons(
    client, ready_candidate, application, recruiter_a, rejection_reason
):
    from applicants.services import application_move

    application_move(
        application=application,
        target=S.REJECTED,
        actor=recruiter_a,
        by="recruiter",
        reason="Weak C++ skills",
        rejection_reason=rejection_reason,
    )
    client.force_login(ready_candidate)
    response = client.get(f"/me/applications/{application.pk}/")
    assert "The unit decided not to go further this time." in response.text
    assert rejection_reason.name not in response.text
    assert "Weak C++" not in response.text


def test_withdrawing_asks_for_confirmation_then_withdraws(client, ready_candidate, application):
    client.force_login(ready_candidate)
    confirm = client.get(f"/me/applications/{application.pk}/withdraw/")
    assert "Withdraw your application?" in confirm.text
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    client.post(f"/me/applications/{application.pk}/withdraw/")
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN
    again = client.post(f"/me/applications/{application.pk}/withdraw/", follow=True)
    assert "already ended" in again.text


def test_reordering_swaps_waiting_preferences_and_keeps_the_one_under_review(
    client, ready_candidate, application, unit_b
):
    program = application.posting.program
    program.max_active_applications = 3
    program.save()
    second, third = (
        application_submit(candidate=ready_candidate, posting=PostingFactory(program=program, unit=unit_b))
        for _ in range(2)
    )
    client.force_login(ready_candidate)
    client.post("/me/applications/reorder/", {"application": third.pk, "direction": "up"})
    refused = client.post("/me/applications/reorder/", {"application": third.pk, "direction": "up"}, follow=True)
    assert "The application under review keeps its place" not in refused.text
    assert "cannot move further" in refused.text
    under_review = client.post(
        "/me/applications/reorder/", {"application": application.pk, "direction": "down"}, follow=True
    )
    assert "The application under review keeps its place" in under_review.text
    ranks = dict(Application.objects.values_list("pk", "rank"))
    assert (ranks[application.pk], ranks[third.pk], ranks[second.pk]) == (1, 2, 3)


def test_the_overview_offers_only_the_reorder_buttons_that_keep_the_rule(client, ready_candidate, application, unit_b):
    import re

    program = application.posting.program
    program.max_active_applications = 3
    program.save()
    for _ in range(2):
        application_submit(candidate=ready_candidate, posting=PostingFactory(program=program, unit=unit_b))
    client.force_login(ready_candidate)
    html = client.get("/me/").text
    button = r'<button type="submit" name="direction" value="(up|down)" class="icon-button"( disabled)?'
    buttons = re.findall(button, html)
    # The one under review has none; of the two waiting, ↑ off on the first and ↓ off on the last.
    assert buttons == [("up", " disabled"), ("down", ""), ("up", ""), ("down", " disabled")]


def test_ended_applications_are_listed_apart(client, ready_candidate, application):
    from applicants.services import application_withdraw

    application_withdraw(application=application, candidate=ready_candidate)
    client.force_login(ready_candidate)
    html = client.get("/me/").text
    ended = html.index("Ended applications")
    assert html.index("Agent Runtime Intern") > ended
    assert "Preference 1" not in html


@pytest.mark.parametrize(
    "data",
    [{}, {"application": "abc", "direction": "up"}, {"application": "1", "direction": "sideways"}],
)
def test_a_malformed_reorder_says_so_and_changes_nothing(client, ready_candidate, application, data):
    client.force_login(ready_candidate)
    response = client.post("/me/applications/reorder/", data, follow=True)
    assert response.status_code == 200
    assert "Choose an application and a direction" in response.text


def test_reordering_an_ended_application_says_why(client, ready_candidate, application):
    from applicants.services import application_withdraw

    application_withdraw(application=application, candidate=ready_candidate)
    client.force_login(ready_candidate)
    data = {"application": application.pk, "direction": "up"}
    response = client.post("/me/applications/reorder/", data, follow=True)
    assert response.status_code == 200
    assert "has ended" in response.text


def test_reordering_an_application_that_does_not_exist_answers_404(client, ready_candidate):
    client.force_login(ready_candidate)
    assert client.post("/me/applications/reorder/", {"application": 987654, "direction": "up"}).status_code == 404


@pytest.mark.parametrize(
    "url_for",
    [
        lambda app: f"/me/applications/{app.pk}/",
        lambda app: f"/me/applications/{app.pk}/withdraw/",
        lambda app: f"/me/resumes/{app.resume_id}/download/",
    ],
)
def test_another_candidate_gets_404_for_alices_things(client, application, other_candidate, url_for):
    client.force_login(other_candidate)
    assert client.get(url_for(application)).status_code == 404
    assert client.post(url_for(application)).status_code in {404, 405}
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_another_candidate_cannot_reorder_or_touch_alices_resume(client, application, other_candidate):
    client.force_login(other_candidate)
    assert (
        client.post("/me/applications/reorder/", {"application": application.pk, "direction": "up"}).status_code == 404
    )
    assert client.post(f"/me/resumes/{application.resume_id}/delete/").status_code == 404
    assert client.post(f"/me/resumes/{application.resume_id}/current/").status_code == 404
    assert Resume.objects.filter(pk=application.resume_id).exists()


def test_the_owner_downloads_their_resume_as_a_private_attachment(client, application, ready_candidate):
    client.force_login(ready_candidate)
    response = client.get(f"/me/resumes/{application.resume_id}/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_recruiter_of_the_unit_applied_to_downloads_the_resume(client, application, recruiter_a):
    client.force_login(recruiter_a)
    assert client.get(f"/me/resumes/{application.resume_id}/download/").status_code == 200


def test_a_recruiter_of_another_unit_gets_404_for_the_resume(client, application, recruiter_b):
    client.force_login(recruiter_b)
    assert client.get(f"/me/resumes/{application.resume_id}/download/").status_code == 404


def test_a_queued_application_does_not_open_the_resume_to_its_unit(
    client, application, ready_candidate, unit_b, recruiter_b
):
    application_submit(
        candidate=ready_candidate, posting=PostingFactory(program=application.posting.program, unit=unit_b)
    )
    client.force_login(recruiter_b)
    assert client.get(f"/me/resumes/{application.resume_id}/download/").status_code == 404


def test_a_visitor_gets_404_for_a_resume(client, application):
    assert client.get(f"/me/resumes/{application.resume_id}/download/").status_code == 404


def test_the_profile_form_saves_and_explains_bad_input(client, candidate):
    client.force_login(candidate)
    response = client.post(
        "/me/profile/",
        {"name": "Alice Zhang", "graduation_date": "30/06/2027", "phone": "call me", "links": "javascript:alert(1)"},
    )
    assert response.status_code == 200
    assert "Enter a date such as 2027-06-30." in response.text
    assert "Use digits, spaces" in response.text
    assert "is not a web address" in response.text
    candidate.refresh_from_db()
    assert candidate.name == "Alice Candidate", "nothing is saved"
    response = client.post(
        "/me/profile/",
        {
            "name": "Alice Zhang",
            "graduation_date": "2027-06-30",
            "degree_level": "master",
            "school": "ZJU",
            "major": "CS",
        },
    )
    assert response.status_code == 302
    profile = CandidateProfile.objects.get(user=candidate)
    assert str(profile.graduation_date) == "2027-06-30"


def test_the_profile_shows_the_window_check_as_the_date_is_typed(client, candidate):
    ProgramFactory()
    client.force_login(candidate)
    no = client.get("/me/profile/eligibility/?graduation_date=2026-10-31")
    assert (
        "is before the window of 2027 Global Campus Recruitment — Internship (1 November 2026 to 30 October 2027)"
        in no.text
    )
    yes = client.get("/me/profile/eligibility/?graduation_date=2026-11-01")
    assert "inside the window" in yes.text
    junk = client.get("/me/profile/eligibility/?graduation_date=not-a-date")
    assert junk.status_code == 200
    assert "Type the date as year-month-day" in junk.text
    assert "inside the window" not in junk.text


def test_the_window_check_judges_the_typed_date_not_the_saved_one(client, candidate):
    ProgramFactory()
    CandidateProfileFactory(user=candidate, graduation_date=dt.date(2027, 6, 30))
    client.force_login(candidate)
    for typed in ("", "2027-02-30"):
        text = client.get(f"/me/profile/eligibility/?graduation_date={typed}").text
        assert "inside the window" not in text, typed
    assert "Add your expected graduation date" in client.get("/me/profile/eligibility/?graduation_date=").text


def test_stored_xss_in_the_profile_is_shown_escaped(client, candidate):
    CandidateProfileFactory(user=candidate, school="<script>alert(1)</script>")
    candidate.name = "<img src=x onerror=alert(1)>"
    candidate.save()
    client.force_login(candidate)
    for url in ("/me/", "/me/profile/"):
        html = client.get(url).text
        assert "<script>alert(1)</script>" not in html
        assert "<img src=x" not in html


def test_the_export_holds_my_data_and_nobody_elses(client, application, ready_candidate, other_candidate):
    ApplicationFactory(candidate=other_candidate)
    client.force_login(ready_candidate)
    response = client.get("/me/privacy/export/")
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    data = json.loads(response.content)
    assert data["account"]["email"] == ready_candidate.email
    assert [a["posting"] for a in data["applications"]] == ["Agent Runtime Intern"]
    assert data["applications"][0]["history"][0]["stage"] == "submitted"
    assert "bob@example.com" not in response.text


def test_deleting_the_account_erases_it_and_keeps_anonymous_applications(
    client, application, ready_candidate, django_capture_on_commit_callbacks
):
    resume = application.resume
    stored = resume.file.path
    reauthenticate(client, ready_candidate)
    refused = client.post("/me/privacy/delete/", {"confirm": "delete"})
    assert "Type DELETE in capital letters" in refused.text
    assert User.objects.filter(pk=ready_candidate.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/me/privacy/delete/", {"confirm": "DELETE"})
    assert not User.objects.filter(pk=ready_candidate.pk).exists()
    assert not CandidateProfile.objects.exists()
    assert not Resume.objects.exists()
    application.refresh_from_db()
    assert application.candidate is None
    assert application.resume is None
    import os

    assert not os.path.exists(stored)
    from recruit.notifications.models import Notification

    assert Notification.objects.filter(email="alice@example.com", event="account_deleted").count() == 1


def test_deleting_the_account_needs_the_password_confirmed_again(client, ready_candidate):
    client.force_login(ready_candidate)
    response = client.post("/me/privacy/delete/", {"confirm": "DELETE"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/?next=%2Fme%2Fprivacy%2Fdelete%2F")
    assert User.objects.filter(pk=ready_candidate.pk).exists()


def test_a_resume_sent_with_an_active_application_cannot_be_deleted(client, application, ready_candidate):
    client.force_login(ready_candidate)
    response = client.post(f"/me/resumes/{application.resume_id}/delete/", follow=True)
    assert "still under way" in response.text
    assert Resume.objects.filter(pk=application.resume_id).exists()


def test_a_resume_of_ended_applications_can_be_deleted(client, application, ready_candidate):
    from applicants.services import application_withdraw

    application_withdraw(application=application, candidate=ready_candidate)
    client.force_login(ready_candidate)
    client.post(f"/me/resumes/{application.resume_id}/delete/")
    assert not Resume.objects.filter(pk=application.resume_id).exists()


@pytest.mark.parametrize(
    ("url", "most"),
    [
        ("/me/", 10),
        ("/me/profile/", 12),
        ("/me/resumes/", 6),
        ("/me/privacy/", 6),
        ("/me/privacy/export/", 12),
        ("/me/notifications/", 6),
    ],
)
def test_candidate_pages_run_a_bounded_number_of_queries(
    client, ready_candidate, url, most, django_assert_max_num_queries
):
    for posting in PostingFactory.create_batch(2):
        ApplicationFactory(candidate=ready_candidate, posting=posting)
    client.force_login(ready_candidate)
    client.get(url)
    with django_assert_max_num_queries(most):
        assert client.get(url).status_code == 200


def test_the_apply_and_application_pages_run_a_bounded_number_of_queries(
    client, application, ready_candidate, django_assert_max_num_queries
):
    client.force_login(ready_candidate)
    other = PostingFactory()
    # The first page of a session also asks once whether the navigation links to a workspace.
    with django_assert_max_num_queries(13):
        client.get(f"/me/apply/{other.pk}/")
    with django_assert_max_num_queries(8):
        client.get(f"/me/applications/{application.pk}/")


def test_an_upload_far_over_the_limit_is_stopped_with_a_message(client, candidate, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(candidate)
    huge = SimpleUploadedFile("cv.pdf", b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024), content_type="application/pdf")
    response = client.post("/me/resumes/", {"file": huge})
    assert response.status_code == 200
    assert "larger than 10 MB" in response.text
    assert not Resume.objects.exists()


def test_a_pdf_upload_through_the_page_becomes_the_current_resume(client, candidate, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.applicants import pdfs

    settings.MEDIA_ROOT = tmp_path
    client.force_login(candidate)
    response = client.post("/me/resumes/", {"file": SimpleUploadedFile("../../cv.pdf", pdfs.valid())})
    assert response.status_code == 302
    resume = Resume.objects.get(candidate=candidate)
    assert resume.is_current
    assert resume.original_name == "cv.pdf"


def test_a_text_file_renamed_pdf_is_refused_on_the_page(client, candidate, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(candidate)
    response = client.post("/me/resumes/", {"file": SimpleUploadedFile("cv.pdf", b"just text, honest")})
    assert "This file is not a PDF" in response.text
    assert not Resume.objects.exists()
