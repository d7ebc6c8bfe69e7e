"""Rejecting with a reason from the list and an optional note: the form, its errors, its effects, and that
neither the reason nor the note ever reaches the candidate. Also the admin's rejection reasons."""

import datetime as dt
import json

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from applicants.models import Application, Interview, RejectionReason, StageChange
from recruit.notifications.models import Notification
from tests.factories import PostingFactory, RejectionReasonFactory, UnitMembershipFactory
from tests.workspace.test_review_page import applicant

pytestmark = pytest.mark.django_db

S = Application.Status
NOTE = "Weak on systems design, internal-note-7"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def application(unit_a):
    return applicant(PostingFactory(unit=unit_a, title="Agent Engineer Intern"), status=S.SCREENING)


@pytest.fixture
def reasons(db):
    resurfacing = RejectionReasonFactory(
        code="test-secret-gap", name="Skills gap SECRET-REASON", allows_resurfacing=True
    )
    final = RejectionReasonFactory(
        code="test-failed-check",
        name="Failed background check",
        name_zh_hans="背景调查未通过",
        allows_resurfacing=False,
    )
    retired = RejectionReasonFactory(code="test-retired", name="Retired reason", is_active=False)
    return resurfacing, final, retired


def reject_url(application) -> str:
    return reverse("workspace:application_reject", args=[application.pk])


def detail_url(application) -> str:
    return reverse("workspace:application_detail", args=[application.pk])


def test_the_form_offers_the_active_reasons_saying_whether_the_pool_may_suggest_the_candidate(
    client, recruiter_a, application, reasons
):
    resurfacing, final, retired = reasons
    client.force_login(recruiter_a)
    html = client.get(reject_url(application)).text
    assert resurfacing.name in html and final.name in html
    assert retired.name not in html
    assert "The talent pool may suggest the candidate to other units." in html
    assert "The candidate will not be suggested to other units." in html
    assert "It never includes the reason or your note." in html
    assert 'type="radio" name="rejection_reason"' in html


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, "Choose a reason for turning this application down."),
        ({"rejection_reason": "abc"}, "Choose a reason from the list."),
        ({"rejection_reason": str(2**70)}, "Choose a reason from the list."),
        ({"rejection_reason": "-1"}, "Choose a reason from the list."),
        ({"rejection_reason": "test-retired"}, "Choose a reason from the list."),
        ({"rejection_reason": "test-secret-gap", "note": "x" * 2001}, "at most 2000 characters"),
    ],
)
def test_a_bad_rejection_says_why_and_changes_nothing(client, recruiter_a, application, reasons, data, error):
    by_code = {reason.code: str(reason.pk) for reason in reasons}
    if data.get("rejection_reason") in by_code:
        data = {**data, "rejection_reason": by_code[data["rejection_reason"]]}
    client.force_login(recruiter_a)
    response = client.post(reject_url(application), data)
    assert response.status_code == 200
    assert error in response.text
    application.refresh_from_db()
    assert application.status == S.SCREENING
    assert application.rejection_reason is None


def test_rejecting_records_the_reason_and_the_note_and_tells_the_candidate_courteously(
    client, recruiter_a, application, reasons, mailoutbox, django_capture_on_commit_callbacks
):
    reason = reasons[0]
    client.force_login(recruiter_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reject_url(application), {"rejection_reason": reason.pk, "note": NOTE})
    assert response.status_code == 302
    assert response["Location"] == detail_url(application)
    application.refresh_from_db()
    assert (application.status, application.rejection_reason) == (S.REJECTED, reason)
    change = StageChange.objects.filter(application=application).last()
    assert (change.actor, change.from_status, change.to_status, change.reason) == (
        recruiter_a,
        S.SCREENING,
        S.REJECTED,
        NOTE,
    )
    [email] = mailoutbox
    assert email.to == [application.candidate.email]
    assert "decided not to go further" in email.body
    html = client.get(detail_url(application)).text
    assert "Alice Zhang is not selected" in html
    assert NOTE in html and reason.name in html  # the unit's own page keeps both


def test_neither_the_reason_nor_the_note_ever_reaches_the_candidate(
    client, recruiter_a, application, reasons, mailoutbox, django_capture_on_commit_callbacks
):
    reason = reasons[0]
    client.force_login(recruiter_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reject_url(application), {"rejection_reason": reason.pk, "note": NOTE})
    secrets = ("SECRET-REASON", "internal-note-7", "Skills gap", "systems design")
    assert len(mailoutbox) == 1 and Notification.objects.filter(recipient=application.candidate).exists()

    seen = []
    for email in mailoutbox:
        seen += [email.subject, email.body, *(content for content, _type in email.alternatives)]
    for notification in Notification.objects.filter(recipient=application.candidate):
        seen += [notification.subject, notification.body_text, notification.body_html]
    client.force_login(application.candidate)
    seen.append(client.get(application.get_absolute_url()).text)
    seen.append(client.get(reverse("notifications:list")).text)
    seen.append(client.get("/me/").text)
    export = client.get("/me/privacy/export/")
    seen.append(b"".join(export.streaming_content).decode() if export.streaming else export.content.decode())
    json.loads(seen[-1])  # it is the JSON export
    for text in seen:
        for secret in secrets:
            assert secret not in text, secret


def test_a_second_rejection_is_refused_harmlessly(
    client, recruiter_a, application, reasons, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(recruiter_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reject_url(application), {"rejection_reason": reasons[0].pk})
        response = client.post(reject_url(application), {"rejection_reason": reasons[1].pk, "note": "again"})
    assert response.status_code == 302
    assert response["Location"] == detail_url(application)
    page = client.get(detail_url(application)).text
    assert "This application has already ended (not selected)." in page
    application.refresh_from_db()
    assert application.rejection_reason == reasons[0]
    assert StageChange.objects.filter(application=application, to_status=S.REJECTED).count() == 1
    assert len(mailoutbox) == 1


def test_an_ended_application_offers_no_rejection(client, recruiter_a, application, reasons):
    Application.objects.filter(pk=application.pk).update(status=S.HIRED)
    client.force_login(recruiter_a)
    response = client.get(reject_url(application))
    assert response.status_code == 302
    assert "This application has already ended (hired)." in client.get(response["Location"]).text
    assert 'href="' + reject_url(application) not in client.get(detail_url(application)).text


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        (
            "/recruit/units/alibaba-cloud/applicants/?stage=screening",
            "/recruit/units/alibaba-cloud/applicants/?stage=screening",
        ),
        ("//evil.example/", None),
        ("https://evil.example/", None),
        ("/\\evil.example", None),
        ("javascript:alert(1)", None),
    ],
)
def test_rejecting_goes_back_to_a_local_next_page_only(client, recruiter_a, application, reasons, next_url, expected):
    client.force_login(recruiter_a)
    form = client.get(reject_url(application), {"next": next_url}).text
    if expected:
        assert 'name="next" value="' in form
    response = client.post(reject_url(application), {"rejection_reason": reasons[0].pk, "next": next_url})
    assert response["Location"] == (expected or detail_url(application))


def test_rejecting_cancels_the_interviews_still_to_come(
    client, recruiter_a, application, reasons, mailoutbox, django_capture_on_commit_callbacks
):
    Application.objects.filter(pk=application.pk).update(status=S.INTERVIEW)
    upcoming = Interview.objects.create(
        application=application, starts_at=timezone.now() + dt.timedelta(days=2), time_zone="Asia/Shanghai", place="A"
    )
    upcoming.interviewers.set([recruiter_a])
    past = Interview.objects.create(
        application=application, starts_at=timezone.now() - dt.timedelta(days=2), time_zone="Asia/Shanghai", place="B"
    )
    client.force_login(recruiter_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reject_url(application), {"rejection_reason": reasons[0].pk})
    upcoming.refresh_from_db()
    past.refresh_from_db()
    assert (upcoming.status, upcoming.sequence) == (Interview.Status.CANCELLED, 1)
    assert past.status == Interview.Status.SCHEDULED
    assert sorted(email.subject.split(":")[0] for email in mailoutbox) == [
        "About your application",
        "Interview cancelled",
        "Interview with Alice Zhang cancelled",
    ]


def test_a_recruiter_of_another_unit_cannot_reject(client, recruiter_b, application, reasons):
    client.force_login(recruiter_b)
    assert client.get(reject_url(application)).status_code == 404
    assert client.post(reject_url(application), {"rejection_reason": reasons[0].pk}).status_code == 404
    application.refresh_from_db()
    assert application.status == S.SCREENING


def test_a_rejection_in_chinese_names_the_reasons_in_chinese(client, application, reasons, unit_a):
    wang = UnitMembershipFactory(unit=unit_a, user__name="王芳", user__language="zh-hans").user
    client.force_login(wang)
    html = client.get(reject_url(application)).text
    assert "背景调查未通过" in html
    assert "人才库可将该候选人推荐给其他单元。" in html


# --- The admin -------------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, admin_user):
    admin_user.user_permissions.add(*Permission.objects.filter(content_type__app_label="applicants"))
    client.force_login(admin_user)
    return client


def test_admins_keep_the_reasons_in_both_languages(admin_client, reasons):
    page = admin_client.get(reverse("admin:applicants_rejectionreason_change", args=[reasons[1].pk])).text
    assert 'name="name_en"' in page and 'name="name_zh_hans"' in page
    response = admin_client.post(
        reverse("admin:applicants_rejectionreason_add"),
        {
            "code": "visa-timing",
            "name_en": "Cannot work in the location",
            "name_zh_hans": "无法在该地点工作",
            "allows_resurfacing": "on",
            "is_active": "on",
            "position": "5",
        },
    )
    assert response.status_code == 302
    assert RejectionReason.objects.get(code="visa-timing").name_zh_hans == "无法在该地点工作"


def test_reviews_and_interviews_are_shown_but_not_edited_in_the_admin(admin_client, application, recruiter_a):
    interview = Interview.objects.create(
        application=application, starts_at=timezone.now() + dt.timedelta(days=2), time_zone="Asia/Shanghai", place="A"
    )
    for name in ("review", "interview"):
        assert admin_client.get(reverse(f"admin:applicants_{name}_changelist")).status_code == 200
        assert admin_client.get(reverse(f"admin:applicants_{name}_add")).status_code == 403
    url = reverse("admin:applicants_interview_change", args=[interview.pk])
    assert admin_client.get(url).status_code == 200
    admin_client.post(url, {"place": "Changed"})
    interview.refresh_from_db()
    assert interview.place == "A"
    assert admin_client.get(reverse("admin:applicants_interview_delete", args=[interview.pk])).status_code == 403


def test_a_recruiter_does_not_reach_the_admins_reasons(client, recruiter_a):
    client.force_login(recruiter_a)
    response = client.get(reverse("admin:applicants_rejectionreason_changelist"))
    assert response.status_code in {302, 403}
