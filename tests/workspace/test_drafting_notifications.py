"""Every status change of a posting is recorded and tells the people concerned, each in their language: a
submission every admin; an approval, a return or a closing the unit's recruiters and the submitter."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.utils import timezone

from postings.models import Posting, PostingStatusChange, UnitMembership
from postings.publishing import posting_approve, posting_close, posting_return, posting_submit
from postings.services import postings_close_expired
from postings.tasks import close_expired_postings
from recruit.notifications.models import Notification
from tests.factories import PostingFactory, UnitMembershipFactory, UserFactory
from tests.workspace import test_drafting_flow as flow

pytestmark = pytest.mark.django_db
# The flow's fixtures: English catalogue text, a program, a category, a city, a draft of unit A (by Rita), the
# same submitted.
english, program, category, hangzhou = flow.english, flow.program, flow.category, flow.hangzhou
draft, submitted = flow.draft, flow.submitted
S = Posting.Status


def sent(event) -> dict[str, str]:
    """Who got a notification of `event`, and its subject."""
    return dict(Notification.objects.filter(event=event).values_list("email", "subject"))


@pytest.fixture
def wang(unit_a):
    """A recruiter of unit A who reads the portal in Chinese."""
    return UnitMembershipFactory(
        user=UserFactory(email="wang.fang@example.com", name="王芳", language="zh-hans"), unit=unit_a
    ).user


@pytest.fixture
def team(wang, unit_a, recruiter_b):
    """Around unit A: a hiring manager and a viewer; beside it, Ron of unit B."""
    UnitMembershipFactory(
        user=UserFactory(email="hank@example.com"), unit=unit_a, role=UnitMembership.Role.HIRING_MANAGER
    )
    UnitMembershipFactory(user=UserFactory(email="vic@example.com"), unit=unit_a, role=UnitMembership.Role.VIEWER)


@pytest.fixture
def admins(admin_user):
    """Ada; Zhao Min, an admin through a group, who reads Chinese; staff without the permission; a former admin."""
    zhao = UserFactory(email="zhao.min@example.com", name="赵敏", language="zh-hans", is_staff=True)
    publishers = Group.objects.create(name="Publishers")
    publishers.permissions.add(Permission.objects.get(codename="publish_posting"))
    zhao.groups.add(publishers)
    UserFactory(email="staff@example.com", is_staff=True)
    gone = UserFactory(email="gone@example.com", is_staff=True, is_active=False)
    gone.user_permissions.add(Permission.objects.get(codename="publish_posting"))
    return admin_user, zhao


def test_a_submission_tells_every_admin_in_their_language(
    draft, recruiter_a, admins, team, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        posting_submit(posting=draft, actor=recruiter_a)
    assert sent("posting_submitted") == {
        "ada@example.com": "Waiting for your approval: Agent Memory Intern",
        "zhao.min@example.com": "等待你审批：智能体记忆实习生",
    }
    notification = Notification.objects.get(event="posting_submitted", email="ada@example.com")
    assert notification.link == f"/recruit/postings/{draft.pk}/"
    assert "Rita Recruiter submitted" in notification.body_text
    assert f"/recruit/postings/{draft.pk}/" in notification.body_text
    assert len(mail.outbox) == 2


def test_an_approval_tells_the_units_recruiters_and_the_submitter_not_others(submitted, admin_user, team, wang):
    posting_approve(posting=submitted, actor=admin_user, comment="Clear and complete.")
    assert sent("posting_approved") == {
        "rita@example.com": "Approved and published: Agent Memory Intern",
        "wang.fang@example.com": "已批准并发布：智能体记忆实习生",
        "hank@example.com": "Approved and published: Agent Memory Intern",
    }
    body = Notification.objects.get(event="posting_approved", email="rita@example.com").body_text
    assert "Ada Admin approved “Agent Memory Intern”: it is on the job board now" in body
    assert "Clear and complete." in body


def test_a_scheduled_approval_says_when_it_goes_live(submitted, admin_user):
    goes_live = timezone.now() + dt.timedelta(days=2)
    posting_approve(posting=submitted, actor=admin_user, publish_at=goes_live)
    notification = Notification.objects.get(event="posting_approved", email="rita@example.com")
    assert notification.subject == "Approved, going live later: Agent Memory Intern"
    local = timezone.localtime(goes_live)
    assert f"It goes live on the job board on {local:%-d %B %Y}" in notification.body_text


def test_a_return_sends_the_admins_comment(submitted, admin_user, wang):
    posting_return(posting=submitted, actor=admin_user, comment="Name the team the intern joins.")
    notifications = Notification.objects.filter(event="posting_returned")
    assert {n.email for n in notifications} == {"rita@example.com", "wang.fang@example.com"}
    chinese = notifications.get(email="wang.fang@example.com")
    assert chinese.subject == "退回修改：智能体记忆实习生"
    assert "Name the team the intern joins." in chinese.body_text
    assert "Name the team the intern joins." in chinese.body_html


def test_the_submitter_is_told_even_when_not_a_member_of_the_unit(draft, admin_user):
    helper = UserFactory(email="helper@example.com", is_staff=True)
    helper.user_permissions.add(Permission.objects.get(codename="publish_posting"))
    posting_submit(posting=draft, actor=helper)
    posting_approve(posting=draft, actor=admin_user)
    assert set(sent("posting_approved")) == {"rita@example.com", "helper@example.com"}


def test_who_makes_the_change_is_not_told_of_it(draft, recruiter_a, admin_user):
    admin_user.unit_memberships.create(unit=draft.unit)
    posting_submit(posting=draft, actor=admin_user)
    assert "ada@example.com" not in sent("posting_submitted")
    posting_approve(posting=draft, actor=admin_user)
    assert set(sent("posting_approved")) == {"rita@example.com"}


def test_each_change_notifies_each_person_once(draft, recruiter_a, admin_user):
    posting_submit(posting=draft, actor=recruiter_a)
    posting_return(posting=draft, actor=admin_user, comment="Add the team.")
    posting_submit(posting=draft, actor=recruiter_a)
    keys = list(Notification.objects.filter(event="posting_submitted").values_list("key", flat=True))
    assert len(keys) == len(set(keys)) == 2


def test_closing_tells_the_unit(admin_user, draft, recruiter_a):
    Posting.objects.filter(pk=draft.pk).update(status=S.PUBLISHED, published_at=timezone.now())
    posting_close(posting=draft, actor=admin_user, comment="Filled.")
    notification = Notification.objects.get(event="posting_closed", email="rita@example.com")
    assert notification.subject == "Closed: Agent Memory Intern"
    assert "Ada Admin closed “Agent Memory Intern”" in notification.body_text


def test_the_scheduled_closing_is_recorded_without_an_actor_and_announced(draft, recruiter_a, wang):
    due = timezone.now() - dt.timedelta(minutes=5)
    Posting.objects.filter(pk=draft.pk).update(
        status=S.PUBLISHED, published_at=due - dt.timedelta(days=3), closes_at=due
    )
    lasting = PostingFactory(unit=draft.unit, closes_at=timezone.now() + dt.timedelta(days=3))
    assert close_expired_postings.delay().get() == 1
    draft.refresh_from_db()
    assert draft.status == S.CLOSED
    change = PostingStatusChange.objects.get(posting=draft, to_status=S.CLOSED)
    assert (change.actor, change.from_status, change.comment) == (None, S.PUBLISHED, "")
    assert not PostingStatusChange.objects.filter(posting=lasting).exists()
    assert sent("posting_closed") == {
        "rita@example.com": "Closed: Agent Memory Intern",
        "wang.fang@example.com": "已关闭：智能体记忆实习生",
    }
    body = Notification.objects.get(event="posting_closed", email="rita@example.com").body_text
    assert "reached its closing date" in body
    # Running again finds nothing more to close and writes nothing.
    assert postings_close_expired() == 0
    assert PostingStatusChange.objects.filter(to_status=S.CLOSED).count() == 1


def test_a_refused_change_records_and_sends_nothing(draft, admin_user, recruiter_a):
    from postings.publishing import PublishingRefused

    refusals = [
        lambda: posting_close(posting=draft, actor=admin_user),
        lambda: posting_approve(posting=draft, actor=recruiter_a),
        lambda: posting_return(posting=draft, actor=admin_user, comment="  "),
        lambda: posting_return(posting=draft, actor=recruiter_a, comment="Not mine to return."),
    ]
    for refused in refusals:
        with pytest.raises(PublishingRefused) as refusal:
            refused()
        assert refusal.value.message
    assert not Notification.objects.exists()
    assert list(draft.status_changes.values_list("to_status", flat=True)) == [S.DRAFT]
    draft.refresh_from_db()
    assert draft.status == S.DRAFT


def test_the_notifications_go_out_after_the_change_commits(
    draft, recruiter_a, admin_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        posting_submit(posting=draft, actor=recruiter_a)
    assert len(callbacks) == 1
    assert mail.outbox == []
