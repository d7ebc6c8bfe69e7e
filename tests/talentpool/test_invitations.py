"""Invitations: who may invite whom, the candidate's notification, accepting (an application from the talent pool,
through the applicants' rules) and declining."""

import threading

import pytest
from django.core import mail
from django.db import connection

from applicants.models import Application
from applicants.services import application_submit
from postings.models import Program, UnitMembership
from recruit.notifications.models import Notification
from talentpool import matching
from talentpool.invitations import (
    MAX_MESSAGE_LENGTH,
    InvitationNotFound,
    InvitationRefused,
    invitation_accept,
    invitation_decline,
    invitation_send,
)
from talentpool.models import Invitation, PoolEntry, Suggestion
from talentpool.services import pool_leave
from tests.factories import PostingFactory, RoleCategoryFactory, UnitMembershipFactory, UserFactory, close_posting

from .factories import pool_candidate
from .invitation_fixtures import make_season

S = Application.Status


@pytest.fixture
def season(db, settings, tmp_path, unit_a, unit_b):
    settings.MEDIA_ROOT = tmp_path
    return make_season(unit_a, unit_b)


def send(season, recruiter, *, posting=None, message="We would love to hear from you."):
    posting = posting or season.posting_b
    return invitation_send(entry=season.entry, posting=posting, recruiter=recruiter, message=message)


# --- Sending ------------------------------------------------------------------------------


def test_a_recruiter_invites_a_pool_candidate_to_their_units_role(season, recruiter_b):
    matching.suggestions_refresh([season.posting_b])
    invitation = send(season, recruiter_b)
    assert (invitation.state, invitation.recruiter, invitation.message) == (
        Invitation.State.SENT,
        recruiter_b,
        "We would love to hear from you.",
    )
    assert Suggestion.objects.get(entry=season.entry, posting=season.posting_b).state == Suggestion.State.INVITED
    codes = [reason["code"] for reason in invitation.reasons]
    assert codes[:3] == ["category", "skills", "stage"]


def test_a_candidate_found_by_search_gets_the_reasons_of_a_fresh_ranking(season, recruiter_b):
    assert not Suggestion.objects.exists()
    invitation = send(season, recruiter_b)
    assert {"category", "skills"} <= {reason["code"] for reason in invitation.reasons}
    assert not Suggestion.objects.exists()


def test_a_recruiter_of_another_unit_may_not_invite(season, recruiter_a):
    with pytest.raises(InvitationNotFound):
        send(season, recruiter_a)
    assert not Invitation.objects.exists()


def test_a_viewer_of_the_unit_only_looks(season, unit_b):
    viewer = UnitMembershipFactory(unit=unit_b, role=UnitMembership.Role.VIEWER).user
    with pytest.raises(InvitationNotFound):
        send(season, viewer)


def test_an_admin_may_invite_for_any_unit(season, admin_user):
    assert send(season, admin_user).recruiter == admin_user


def test_the_unit_that_turned_the_candidate_down_may_not_invite_them_to_that_kind_of_role(season, recruiter_a, unit_a):
    same_kind = PostingFactory(program=season.program, unit=unit_a, category=season.category)
    with pytest.raises(InvitationNotFound):
        send(season, recruiter_a, posting=same_kind)
    data = RoleCategoryFactory(name="AI Data Engineer")
    other_kind = PostingFactory(program=season.program, unit=unit_a, category=data)
    assert send(season, recruiter_a, posting=other_kind).posting == other_kind


@pytest.mark.parametrize("how", ["left", "no_consent", "active_application"])
def test_a_candidate_not_available_cannot_be_invited(season, recruiter_b, how):
    if how == "left":
        pool_leave(candidate=season.candidate)
    elif how == "no_consent":
        from applicants.services import pool_consent_withdraw

        pool_consent_withdraw(candidate=season.candidate)
    else:
        application_submit(candidate=season.candidate, posting=PostingFactory(program=season.program))
    assert not PoolEntry.objects.get(pk=season.entry.pk).is_available
    with pytest.raises(InvitationNotFound):
        send(season, recruiter_b)


def test_a_closed_role_takes_no_invitation(season, recruiter_b):
    close_posting(season.posting_b)
    with pytest.raises(InvitationRefused, match="does not take applications"):
        send(season, recruiter_b)
    assert not Invitation.objects.exists()


def test_inviting_twice_is_refused_and_one_invitation_stays(season, recruiter_b, unit_b):
    send(season, recruiter_b)
    colleague = UnitMembershipFactory(unit=unit_b).user
    with pytest.raises(InvitationRefused, match="already invited"):
        send(season, colleague)
    assert Invitation.objects.count() == 1
    assert Notification.objects.filter(event="pool_invitation").count() == 1


def test_a_declined_invitation_may_be_followed_by_a_new_one(season, recruiter_b):
    invitation_decline(invitation=send(season, recruiter_b), candidate=season.candidate)
    assert send(season, recruiter_b).state == Invitation.State.SENT
    assert Invitation.objects.count() == 2


def test_a_message_too_long_is_refused(season, recruiter_b):
    with pytest.raises(InvitationRefused, match=str(MAX_MESSAGE_LENGTH)):
        send(season, recruiter_b, message="x" * (MAX_MESSAGE_LENGTH + 1))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writes need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_sends_make_one_invitation(season, recruiter_b):
    barrier = threading.Barrier(2)
    outcomes = []

    def invite():
        from django.db import connection as thread_connection

        barrier.wait()
        try:
            send(season, recruiter_b)
            outcomes.append("sent")
        except InvitationRefused:
            outcomes.append("refused")
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=invite) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["refused", "sent"]
    assert Invitation.objects.count() == 1


# --- The candidate is told -------------------------------------------------------------------


def test_the_candidate_is_told_by_email_and_in_app_in_their_language(
    season, recruiter_b, django_capture_on_commit_callbacks
):
    season.candidate.set_language("zh-hans")
    with django_capture_on_commit_callbacks(execute=True):
        send(season, recruiter_b, message="期待你的申请！")
    (email,) = mail.outbox
    assert email.to == ["alice@example.com"]
    body = email.body
    assert "高德" in email.subject and "地图智能体实习生" in email.subject
    assert "期待你的申请！" in body
    # Why, in Chinese: the category, the skills, the interview elsewhere.
    assert "AI Agent优化工程师" in body and "CUDA" in body
    assert matching.reasons_in_words(Invitation.objects.get().reasons, "zh-hans") in body
    assert "/me/pool/" in body
    html = email.alternatives[0].content
    assert "期待你的申请！" in html
    notification = Notification.objects.get(event="pool_invitation")
    assert (notification.recipient, notification.link) == (season.candidate, "/me/pool/")


def test_the_email_never_tells_another_units_name_or_rejection_reason(
    season, recruiter_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(season, recruiter_b)
    (email,) = mail.outbox
    text = email.body + email.alternatives[0].content
    assert "Amap" in text and "Map Agent Intern" in text
    assert "reached interview at another unit" in text
    reason = season.turndown.rejection_reason
    for secret in ("Alibaba Cloud", "Cloud Agent Intern", reason.name, reason.name_zh_hans, "Rita"):
        assert secret not in text


def test_the_invitation_shows_in_the_candidates_notifications(season, recruiter_b, client):
    send(season, recruiter_b)
    client.force_login(season.candidate)
    response = client.get("/me/notifications/")
    assert "Amap invites you to apply: Map Agent Intern" in response.content.decode()


# --- Accepting ------------------------------------------------------------------------------


def test_accepting_applies_with_the_talent_pool_as_source(season, recruiter_b):
    invitation = send(season, recruiter_b)
    application = invitation_accept(invitation=invitation, candidate=season.candidate)
    assert (application.posting, application.source, application.status) == (
        season.posting_b,
        Application.Source.TALENT_POOL,
        S.SUBMITTED,
    )
    invitation.refresh_from_db()
    assert (invitation.state, invitation.application) == (Invitation.State.ACCEPTED, application)
    assert invitation.answered_at is not None
    assert application in Application.objects.reviewed_by(recruiter_b)


def test_the_accepted_application_is_in_the_units_pipeline(season, recruiter_b, client):
    invitation_accept(invitation=send(season, recruiter_b), candidate=season.candidate)
    client.force_login(recruiter_b)
    response = client.get(f"/recruit/postings/{season.posting_b.pk}/board/")
    assert response.status_code == 200
    assert "Alice" in response.content.decode()


def test_accepting_twice_is_refused(season, recruiter_b):
    invitation = send(season, recruiter_b)
    invitation_accept(invitation=invitation, candidate=season.candidate)
    with pytest.raises(InvitationRefused, match="already accepted"):
        invitation_accept(invitation=invitation, candidate=season.candidate)
    assert Application.objects.filter(posting=season.posting_b).count() == 1


def test_accepting_for_a_role_closed_since_is_refused_and_changes_nothing(season, recruiter_b):
    invitation = send(season, recruiter_b)
    close_posting(season.posting_b)
    with pytest.raises(InvitationRefused, match="not open for applications"):
        invitation_accept(invitation=invitation, candidate=season.candidate)
    invitation.refresh_from_db()
    assert (invitation.state, invitation.answered_at) == (Invitation.State.SENT, None)
    assert not Application.objects.filter(posting=season.posting_b).exists()


def test_accepting_above_the_cap_is_refused_with_the_caps_words(season, recruiter_b, unit_b):
    Program.objects.filter(pk=season.program.pk).update(max_active_applications=1)
    other = PostingFactory(program=season.program, unit=unit_b, category=season.category)
    first = send(season, recruiter_b)
    second = send(season, recruiter_b, posting=other)
    invitation_accept(invitation=first, candidate=season.candidate)
    with pytest.raises(InvitationRefused, match="the most it allows"):
        invitation_accept(invitation=second, candidate=season.candidate)
    second.refresh_from_db()
    assert second.state == Invitation.State.SENT


def test_another_candidates_invitation_is_not_found(season, recruiter_b):
    invitation = send(season, recruiter_b)
    bob = pool_candidate("Bob")
    with pytest.raises(InvitationNotFound):
        invitation_accept(invitation=invitation, candidate=bob)
    with pytest.raises(InvitationNotFound):
        invitation_decline(invitation=invitation, candidate=bob)
    invitation.refresh_from_db()
    assert invitation.state == Invitation.State.SENT


def test_a_role_abroad_needs_the_transfer_consent(season, recruiter_b):
    from tests.factories import LocationFactory

    singapore = LocationFactory(name="Singapore", country="Singapore", country_code="SG", in_mainland_china=False)
    season.posting_b.locations.set([singapore])
    invitation = send(season, recruiter_b)
    with pytest.raises(InvitationRefused, match="outside mainland China"):
        invitation_accept(invitation=invitation, candidate=season.candidate)
    application = invitation_accept(invitation=invitation, candidate=season.candidate, cross_border_consent=True)
    assert application.cross_border_consent_at is not None


# --- Declining ------------------------------------------------------------------------------


def test_declining_is_recorded_and_twice_is_harmless(season, recruiter_b):
    invitation = send(season, recruiter_b)
    invitation_decline(invitation=invitation, candidate=season.candidate)
    invitation.refresh_from_db()
    answered = invitation.answered_at
    assert invitation.state == Invitation.State.DECLINED and answered is not None
    invitation_decline(invitation=invitation, candidate=season.candidate)
    invitation.refresh_from_db()
    assert (invitation.state, invitation.answered_at) == (Invitation.State.DECLINED, answered)
    with pytest.raises(InvitationRefused, match="declined"):
        invitation_accept(invitation=invitation, candidate=season.candidate)


def test_an_accepted_invitation_cannot_be_declined(season, recruiter_b):
    invitation = send(season, recruiter_b)
    invitation_accept(invitation=invitation, candidate=season.candidate)
    with pytest.raises(InvitationRefused, match="already accepted"):
        invitation_decline(invitation=invitation, candidate=season.candidate)


def test_someone_who_is_not_a_candidate_has_no_invitation(season, recruiter_b):
    invitation = send(season, recruiter_b)
    with pytest.raises(InvitationNotFound):
        invitation_accept(invitation=invitation, candidate=UserFactory())
