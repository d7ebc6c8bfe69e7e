"""Interviews: scheduling, changing and cancelling one; the invitations (emails in each recipient's language with
an .ics: one UID, a growing SEQUENCE, METHOD, DTSTART with TZID, attendees); the form's errors; time zones."""

import datetime as dt
import zoneinfo

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from applicants.models import Application, Interview
from applicants.services import Slot, interview_cancel, interview_schedule, interview_update
from applicants.services.interviews import outside_business_hours
from postings.models import UnitMembership
from recruit.accounts.timezones import event_times
from recruit.notifications.models import Notification
from recruit.notifications.services import notify
from tests.factories import PostingFactory, UnitMembershipFactory
from tests.workspace.test_review_page import applicant

pytestmark = pytest.mark.django_db

S = Application.Status
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def application(unit_a):
    return applicant(PostingFactory(unit=unit_a, title="Agent Engineer Intern"), status=S.SCREENING)


@pytest.fixture
def wang(unit_a):
    """A hiring manager of unit A who reads Chinese."""
    return UnitMembershipFactory(
        unit=unit_a,
        role=UnitMembership.Role.HIRING_MANAGER,
        user__name="王芳",
        user__email="wang.fang@example.com",
        user__language="zh-hans",
    ).user


def next_weekday(days=7) -> dt.date:
    day = timezone.now().astimezone(SHANGHAI).date() + dt.timedelta(days=days)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def slot(*interviewers, day=None, at=dt.time(10, 0), zone="Asia/Shanghai", minutes=45, **where) -> Slot:
    day = day or next_weekday()
    where = where or {"video_link": "https://meet.example.com/agent"}
    starts_at = dt.datetime.combine(day, at, tzinfo=zoneinfo.ZoneInfo(zone))
    return Slot(starts_at=starts_at, time_zone=zone, duration_minutes=minutes, interviewers=interviewers, **where)


def form(*interviewers, day=None, time="10:00", zone="Asia/Shanghai", minutes=45, **extra) -> dict:
    data = {
        "date": (day or next_weekday()).isoformat(),
        "time": time,
        "time_zone": zone,
        "duration_minutes": minutes,
        "interviewers": [person.pk for person in interviewers],
        "place": "",
        "video_link": "https://meet.example.com/agent",
    }
    return data | extra


def invitations() -> dict[str, tuple[Notification, icalendar.Event, icalendar.Calendar]]:
    """The latest notification of each address, with its calendar and event."""
    found = {}
    for notification in Notification.objects.filter(event__startswith="interview_").order_by("created_at", "pk"):
        [attachment] = notification.attachments
        calendar = icalendar.Calendar.from_ical(attachment["content"])
        found[notification.email] = (notification, calendar.walk("VEVENT")[0], calendar)
    return found


def attendees(event) -> set[str]:
    found = event.get("attendee")
    found = found if isinstance(found, list) else [found]
    return {str(address).removeprefix("mailto:") for address in found}


# --- Scheduling -------------------------------------------------------------------------------


def test_scheduling_invites_the_candidate_and_every_interviewer_with_a_calendar_file(
    application, recruiter_a, wang, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        interview = interview_schedule(application=application, actor=recruiter_a, slot=slot(recruiter_a, wang))
    assert sorted(email.to[0] for email in mailoutbox) == sorted(
        [application.candidate.email, recruiter_a.email, wang.email]
    )
    sent = invitations()
    for notification, event, calendar in sent.values():
        assert notification.attachments[0]["content_type"] == "text/calendar; method=REQUEST"
        assert calendar["METHOD"] == "REQUEST"
        assert str(event["UID"]) == str(interview.uid)
        assert event["SEQUENCE"] == 0
        assert event["STATUS"] == "CONFIRMED"
        assert event.decoded("DTSTART") == interview.starts_at
        assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"
        assert event.decoded("DURATION") == dt.timedelta(minutes=45)
        assert event["LOCATION"] == "https://meet.example.com/agent"
        assert str(event["URL"]) == "https://meet.example.com/agent"
        assert str(event["ORGANIZER"]).startswith("mailto:")
        assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    # Interviewers see who attends; the candidate's copy names only the candidate, the interviewers by name.
    everyone = {application.candidate.email, recruiter_a.email, wang.email}
    assert attendees(sent[recruiter_a.email][1]) == everyone
    assert attendees(sent[application.candidate.email][1]) == {application.candidate.email}
    assert "Rita Recruiter" in str(sent[application.candidate.email][1]["DESCRIPTION"])


def test_each_recipient_reads_the_invitation_in_their_language(
    application, recruiter_a, wang, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        interview_schedule(application=application, actor=recruiter_a, slot=slot(recruiter_a, wang))
    sent = invitations()
    chinese, event, _calendar = sent[wang.email]
    assert chinese.subject == "面试 Alice Zhang：Agent Engineer Intern"
    assert str(event["SUMMARY"]) == "面试 Alice Zhang：Agent Engineer Intern"
    assert "你将担任 Alice Zhang 应聘“Agent Engineer Intern”（Alibaba Cloud）的面试官。" in chinese.body_text
    assert "北京时间" in chinese.body_text
    english, event, _calendar = sent[application.candidate.email]
    assert english.subject == "Interview invitation: Agent Engineer Intern"
    assert str(event["SUMMARY"]) == "Interview: Agent Engineer Intern (Alibaba Cloud)"
    assert "The Alibaba Cloud team invites you to an interview for Agent Engineer Intern." in english.body_text
    assert "Shanghai time (CST)" in english.body_text
    assert english.link == application.get_absolute_url()
    assert sent[recruiter_a.email][0].link == reverse("workspace:application_detail", args=[application.pk])


def test_the_candidates_email_gives_their_own_time_too(application, recruiter_a, django_capture_on_commit_callbacks):
    application.candidate.time_zone = "Europe/Berlin"
    application.candidate.save()
    with django_capture_on_commit_callbacks(execute=True):
        interview_schedule(application=application, actor=recruiter_a, slot=slot(recruiter_a))
    body = invitations()[application.candidate.email][0].body_text
    assert "When:" in body and "10:00–10:45 Shanghai time (CST)" in body
    assert "Your time:" in body and "03:00–03:45 Berlin time (CET)" in body


def test_the_form_schedules_and_sends_the_recruiter_back_to_the_application(
    client, application, recruiter_a, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(recruiter_a)
    url = reverse("workspace:interview_new", args=[application.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form(recruiter_a, place="Building 5, room 301"))
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:application_detail", args=[application.pk]) + "#interviews"
    interview = Interview.objects.get()
    assert interview.starts_at.astimezone(SHANGHAI).time() == dt.time(10, 0)
    assert (interview.place, interview.created_by) == ("Building 5, room 301", recruiter_a)
    assert list(interview.interviewers.all()) == [recruiter_a]
    assert len(mailoutbox) == 2
    html = client.get(response["Location"]).text
    assert "Building 5, room 301" in html and "The interview is scheduled." in html


def test_the_form_starts_in_the_recruiters_zone(client, application, recruiter_a):
    recruiter_a.time_zone = "Europe/Berlin"
    recruiter_a.save()
    client.force_login(recruiter_a)
    html = client.get(reverse("workspace:interview_new", args=[application.pk])).text
    assert '<option value="Europe/Berlin" selected>' in html
    assert f'name="interviewers" value="{recruiter_a.pk}"' in html


def test_a_form_sent_twice_books_one_interview(client, application, recruiter_a, django_capture_on_commit_callbacks):
    client.force_login(recruiter_a)
    url = reverse("workspace:interview_new", args=[application.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, form(recruiter_a))
        second = client.post(url, form(recruiter_a))
    assert second.status_code == 200
    assert "An interview at this time is already scheduled on this application." in second.text
    assert Interview.objects.count() == 1
    assert Notification.objects.filter(event="interview_scheduled").count() == 2


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"day": dt.date(2020, 1, 6)}, "This time has passed: choose a time in the future."),
        ({"date": "2027-02-30"}, "Enter a date such as 2027-03-15."),
        ({"date": "99999-01-01"}, "Enter a date such as 2027-03-15."),
        ({"time": "25:61"}, "Enter a time such as 14:30."),
        ({"zone": "Mars/Olympus"}, "Choose a time zone from the list"),
        ({"zone": "../../etc/passwd"}, "Choose a time zone from the list"),
        ({"minutes": 3}, "greater than or equal to 5"),
        ({"minutes": 10**9}, "less than or equal to 480"),
        ({"minutes": "abc"}, "Enter a whole number."),
        ({"video_link": ""}, "Give a place or a video link (or both)."),
        ({"video_link": "javascript:alert(1)"}, "Enter the whole address"),
        ({"video_link": "ftp://files.example.com/x"}, "Enter the whole address"),
        ({"interviewers": []}, "Choose at least one interviewer."),
        ({"interviewers": ["abc"]}, "Interviewers are recruiters or hiring managers of the unit."),
        ({"interviewers": [str(2**70)]}, "Interviewers are recruiters or hiring managers of the unit."),
    ],
)
def test_a_bad_interview_says_why_and_books_nothing(client, application, recruiter_a, changes, error):
    client.force_login(recruiter_a)
    data = form(recruiter_a, **{k: v for k, v in changes.items() if k in ("day", "zone", "minutes")})
    data.update({k: v for k, v in changes.items() if k not in ("day", "zone", "minutes")})
    response = client.post(reverse("workspace:interview_new", args=[application.pk]), data)
    assert response.status_code == 200
    assert error in response.text
    assert not Interview.objects.exists()
    assert not Notification.objects.filter(event__startswith="interview_").exists()


def test_an_interviewer_from_another_unit_is_refused(client, application, recruiter_a, recruiter_b):
    client.force_login(recruiter_a)
    response = client.post(reverse("workspace:interview_new", args=[application.pk]), form(recruiter_b))
    assert "Interviewers are recruiters or hiring managers of the unit." in response.text
    assert not Interview.objects.exists()
    with pytest.raises(ValidationError):
        interview_schedule(application=application, actor=recruiter_a, slot=slot(recruiter_b))


def test_a_viewer_of_the_unit_is_no_interviewer(client, application, recruiter_a, unit_a):
    viewer = UnitMembershipFactory(unit=unit_a, role=UnitMembership.Role.VIEWER).user
    client.force_login(recruiter_a)
    response = client.post(reverse("workspace:interview_new", args=[application.pk]), form(viewer))
    assert "Interviewers are recruiters or hiring managers of the unit." in response.text


def test_a_time_the_clocks_skip_is_refused(client, application, recruiter_a):
    # Europe/Berlin springs forward at 02:00 on the last Sunday of March.
    day = dt.date(timezone.now().year + 1, 3, 31)
    while day.weekday() != 6:
        day -= dt.timedelta(days=1)
    client.force_login(recruiter_a)
    data = form(recruiter_a, day=day, time="02:30", zone="Europe/Berlin", outside_hours_ok="on")
    response = client.post(reverse("workspace:interview_new", args=[application.pk]), data)
    assert "This time does not exist in that zone" in response.text
    assert not Interview.objects.exists()


def test_outside_business_hours_asks_for_a_confirmation(client, application, recruiter_a):
    client.force_login(recruiter_a)
    url = reverse("workspace:interview_new", args=[application.pk])
    response = client.post(url, form(recruiter_a, time="21:30"))
    assert "This is outside business hours (08:00 to 20:00 on weekdays): 21:30 Shanghai time (CST)." in response.text
    assert 'name="outside_hours_ok"' in response.text
    assert not Interview.objects.exists()
    assert client.post(url, form(recruiter_a, time="21:30", outside_hours_ok="on")).status_code == 302
    assert Interview.objects.count() == 1


def test_business_hours_are_the_candidates_too(client, application, recruiter_a):
    application.candidate.time_zone = "America/Los_Angeles"
    application.candidate.save()
    client.force_login(recruiter_a)
    response = client.post(reverse("workspace:interview_new", args=[application.pk]), form(recruiter_a))
    assert "Los Angeles time" in response.text and "the candidate&#x27;s time" in response.text


def test_business_hours():
    monday = dt.datetime(2027, 3, 15, 9, 0, tzinfo=SHANGHAI)
    assert not outside_business_hours(monday, monday + dt.timedelta(hours=1), "Asia/Shanghai")
    assert outside_business_hours(monday, monday + dt.timedelta(hours=1), "Europe/Berlin")  # 02:00 there
    late = monday.replace(hour=19, minute=30)
    assert outside_business_hours(late, late + dt.timedelta(hours=1), "Asia/Shanghai")
    saturday = monday + dt.timedelta(days=5)
    assert outside_business_hours(saturday, saturday + dt.timedelta(hours=1), "Asia/Shanghai")


@pytest.mark.parametrize("status", [S.REJECTED, S.WITHDRAWN, S.HIRED])
def test_an_ended_application_takes_no_interview(client, application, recruiter_a, status):
    Application.objects.filter(pk=application.pk).update(status=status)
    application.refresh_from_db()
    with pytest.raises(ValidationError, match="it takes no interviews"):
        interview_schedule(application=application, actor=recruiter_a, slot=slot(recruiter_a))
    client.force_login(recruiter_a)
    response = client.get(reverse("workspace:interview_new", args=[application.pk]))
    assert "it takes no interviews" in client.get(response["Location"]).text


def test_blind_screening_takes_no_interview_until_it_is_passed(client, unit_a, recruiter_a):
    application = applicant(PostingFactory(unit=unit_a, blind_screening=True), status=S.SCREENING)
    client.force_login(recruiter_a)
    url = reverse("workspace:interview_new", args=[application.pk])
    for method, data in (("get", None), ("post", form(recruiter_a))):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302
        assert "Blind screening hides who the candidate is" in client.get(response["Location"]).text
    assert not Interview.objects.exists()
    with pytest.raises(ValidationError, match="Blind screening"):
        interview_schedule(application=application, actor=recruiter_a, slot=slot(recruiter_a))


# --- Changing and cancelling ----------------------------------------------------------------------


@pytest.fixture
def interview(application, recruiter_a, wang, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return interview_schedule(application=application, actor=recruiter_a, slot=slot(recruiter_a, wang))


def test_a_change_sends_the_same_calendar_entry_with_a_higher_sequence(
    interview, application, recruiter_a, wang, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert interview_update(interview=interview, actor=recruiter_a, slot=slot(recruiter_a, wang, at=dt.time(15)))
    interview.refresh_from_db()
    assert interview.sequence == 1
    updates = Notification.objects.filter(event="interview_updated")
    assert sorted(updates.values_list("email", flat=True)) == sorted(
        [application.candidate.email, recruiter_a.email, wang.email]
    )
    for _notification, event, calendar in invitations().values():
        assert calendar["METHOD"] == "REQUEST"
        assert str(event["UID"]) == str(interview.uid)
        assert event["SEQUENCE"] == 1
        assert event.decoded("DTSTART").astimezone(SHANGHAI).hour == 15
    assert "has changed" in updates.get(email=application.candidate.email).body_text


def test_every_change_raises_the_sequence_again(interview, recruiter_a, wang, django_capture_on_commit_callbacks):
    for number, hour in enumerate((11, 12, 13), start=1):
        with django_capture_on_commit_callbacks(execute=True):
            interview_update(interview=interview, actor=recruiter_a, slot=slot(recruiter_a, wang, at=dt.time(hour)))
        interview.refresh_from_db()
        assert interview.sequence == number
        assert {event["SEQUENCE"] for _n, event, _c in invitations().values()} == {number}


def test_a_change_that_changes_nothing_sends_nothing(interview, recruiter_a, wang):
    before = Notification.objects.count()
    assert interview_update(interview=interview, actor=recruiter_a, slot=slot(recruiter_a, wang)) is False
    interview.refresh_from_db()
    assert interview.sequence == 0
    assert Notification.objects.count() == before


def test_an_interviewer_taken_off_gets_a_cancellation_and_one_added_an_invitation(
    interview, application, recruiter_a, wang, unit_a, django_capture_on_commit_callbacks
):
    newcomer = UnitMembershipFactory(unit=unit_a, user__email="nora@example.com", user__name="Nora New").user
    with django_capture_on_commit_callbacks(execute=True):
        interview_update(interview=interview, actor=recruiter_a, slot=slot(recruiter_a, newcomer))
    sent = invitations()
    notification, event, calendar = sent[wang.email]
    assert (notification.event, calendar["METHOD"], event["SEQUENCE"]) == ("interview_cancelled", "CANCEL", 1)
    notification, event, calendar = sent[newcomer.email]
    assert (notification.event, calendar["METHOD"], event["SEQUENCE"]) == ("interview_scheduled", "REQUEST", 1)
    assert sent[application.candidate.email][0].event == "interview_updated"
    assert attendees(sent[recruiter_a.email][1]) == {application.candidate.email, recruiter_a.email, newcomer.email}


def test_the_change_form_shows_the_interview_in_its_own_zone_and_saves_the_change(
    client, interview, recruiter_a, wang, django_capture_on_commit_callbacks
):
    client.force_login(recruiter_a)
    url = reverse("workspace:interview_edit", args=[interview.pk])
    response = client.get(url)
    assert response.context["form"].initial["time"] == dt.time(10, 0)
    assert '<option value="Asia/Shanghai" selected>' in response.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form(recruiter_a, wang, time="11:00"))
    assert response.status_code == 302
    interview.refresh_from_db()
    assert (interview.sequence, interview.starts_at.astimezone(SHANGHAI).hour) == (1, 11)
    again = client.post(url, form(recruiter_a, wang, time="11:00"))
    assert "Nothing changed, so nobody was written to." in client.get(again["Location"]).text


def test_cancelling_sends_the_cancellation_to_everyone_once(
    client, interview, application, recruiter_a, wang, django_capture_on_commit_callbacks
):
    client.force_login(recruiter_a)
    url = reverse("workspace:interview_cancel", args=[interview.pk])
    confirm = client.get(url)
    assert "Yes, cancel the interview" in confirm.text
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
        second = client.post(url)
    assert "This interview was already cancelled." in client.get(second["Location"]).text
    interview.refresh_from_db()
    assert (interview.status, interview.sequence) == (Interview.Status.CANCELLED, 1)
    cancellations = Notification.objects.filter(event="interview_cancelled")
    assert cancellations.count() == 3
    for _notification, event, calendar in invitations().values():
        assert (calendar["METHOD"], event["STATUS"], event["SEQUENCE"]) == ("CANCEL", "CANCELLED", 1)
        assert str(event["UID"]) == str(interview.uid)
    assert cancellations.get(email=recruiter_a.email).attachments[0]["content_type"] == "text/calendar; method=CANCEL"
    assert interview_cancel(interview=interview, actor=recruiter_a) is False


def test_a_cancelled_interview_cannot_be_changed(client, interview, recruiter_a, wang):
    interview_cancel(interview=interview, actor=recruiter_a)
    client.force_login(recruiter_a)
    url = reverse("workspace:interview_edit", args=[interview.pk])
    assert client.get(url).status_code == 302
    client.post(url, form(recruiter_a, wang, time="16:00"))
    interview.refresh_from_db()
    assert interview.starts_at.astimezone(SHANGHAI).hour == 10
    with pytest.raises(ValidationError):
        interview_update(interview=interview, actor=recruiter_a, slot=slot(recruiter_a, at=dt.time(16)))


# --- Who may ---------------------------------------------------------------------------------------


def test_a_recruiter_of_another_unit_cannot_schedule_change_or_cancel(
    client, interview, application, recruiter_b, recruiter_a
):
    client.force_login(recruiter_b)
    urls = [
        reverse("workspace:interview_new", args=[application.pk]),
        reverse("workspace:interview_edit", args=[interview.pk]),
        reverse("workspace:interview_cancel", args=[interview.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404
        assert client.post(url, form(recruiter_a, time="16:00")).status_code == 404
    interview.refresh_from_db()
    assert (interview.status, interview.sequence, Interview.objects.count()) == ("scheduled", 0, 1)


def test_the_candidate_sees_the_interview_on_their_page_in_both_zones(client, interview, application):
    application.candidate.time_zone = "Europe/Berlin"
    application.candidate.save()
    client.force_login(application.candidate)
    html = client.get(application.get_absolute_url()).text
    assert "10:00</time>–<time" in html and "Shanghai time (CST)" in html
    assert "03:00</time>–<time" in html and "Berlin time (CET)" in html
    assert "王芳" in html and "Rita Recruiter" in html
    assert 'href="https://meet.example.com/agent"' in html


@pytest.mark.parametrize("event", ["scheduled", "updated", "cancelled"])
def test_every_interview_email_is_plain_in_text_and_escaped_in_html(unit_a, recruiter_a, event):
    hostile = "ML Intern <script>alert('x')</script> & more"
    application = applicant(PostingFactory(unit=unit_a, title=hostile), status=S.SCREENING)
    interview = interview_schedule(application=application, actor=recruiter_a, slot=slot(recruiter_a))
    notification = Notification.objects.get(email=application.candidate.email, event="interview_scheduled")
    if event != "scheduled":
        context = {"recipient_name": "Alice", "for_candidate": True, "title": hostile, "unit": "T-Head"}
        when = event_times(interview.starts_at, interview.ends_at, interview.time_zone, None)
        context |= {"when": when, "when_text": "x", "duration_minutes": 45, "interviewer_names": "Rita"}
        notification = notify(
            recipient=None, email="a@example.com", event=f"interview_{event}", key="k", context=context
        )
    assert hostile in notification.body_text
    assert "&lt;script&gt;" in notification.body_html and "<script>" not in notification.body_html
    assert "\n\n\n" not in notification.body_text
    assert "\n" not in notification.subject
