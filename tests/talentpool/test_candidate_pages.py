"""The candidate's talent-pool page (/me/pool/) and the recruiter's invitation page
(/recruit/pool/invite/<entry>/<posting>/): who may open them, what they show, what their buttons do."""

import pytest
from django.urls import reverse

from applicants.models import Application
from postings.models import Program, UnitMembership
from talentpool.invitations import invitation_send
from talentpool.models import Invitation, PoolEntry, PoolView
from talentpool.services import pool_leave
from tests.factories import LocationFactory, PostingFactory, UnitMembershipFactory, close_posting

from .factories import pool_candidate
from .invitation_fixtures import make_season

HOME = "/me/pool/"


@pytest.fixture
def season(db, settings, tmp_path, unit_a, unit_b):
    settings.MEDIA_ROOT = tmp_path
    return make_season(unit_a, unit_b)


@pytest.fixture
def alice(client, season):
    client.force_login(season.candidate)
    return client


def invite(season, recruiter, posting=None, message="Come and talk to us."):
    return invitation_send(
        entry=season.entry, posting=posting or season.posting_b, recruiter=recruiter, message=message
    )


def invite_url(season, posting=None):
    return reverse("pool_invite:form", args=[season.entry.pk, (posting or season.posting_b).pk])


# --- /me/pool/ ----------------------------------------------------------------------------------


def test_the_pool_page_is_for_signed_in_users(client, db):
    response = client.get(HOME)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_candidate_overview_links_to_the_pool_page(alice):
    assert f'href="{HOME}"' in alice.get("/me/").content.decode()


def test_the_page_says_where_the_candidate_stands_and_lists_invitations_pending_first(
    alice, season, recruiter_b, unit_b, django_assert_max_num_queries
):
    answered = invite(season, recruiter_b, posting=PostingFactory(program=season.program, unit=unit_b, title="Old"))
    answered.state, answered.answered_at = Invitation.State.DECLINED, answered.created_at
    answered.save()
    invite(season, recruiter_b, message="Your CUDA work caught our eye.")
    with django_assert_max_num_queries(8):
        response = alice.get(HOME)
    page = response.content.decode()
    assert "Units may find you in the talent pool" in page
    assert page.index("Map Agent Intern") < page.index("Old")
    assert "Your CUDA work caught our eye." in page
    assert "reached interview at another unit" in page
    assert page.count('action="/me/pool/invitations/') == 2  # accept and decline of the pending one


@pytest.mark.parametrize(
    ("how", "words"),
    [
        ("left", "You left the talent pool"),
        ("applied", "An application of yours is under way"),
        ("expired", "Your place in the talent pool ended"),
    ],
)
def test_the_page_says_why_units_do_not_find_the_candidate(alice, season, how, words):
    if how == "left":
        pool_leave(candidate=season.candidate)
    elif how == "applied":
        from applicants.services import application_submit

        application_submit(candidate=season.candidate, posting=season.posting_b)
    else:
        PoolEntry.objects.filter(pk=season.entry.pk).update(status=PoolEntry.Status.EXPIRED)
    assert words in alice.get(HOME).content.decode()


def test_a_unit_turned_down_with_a_reason_that_rules_out_others_is_not_named(client, season, db):
    entry = season.entry
    entry.status, entry.unavailable_reasons = PoolEntry.Status.UNAVAILABLE, [PoolEntry.Unavailable.NOT_RESURFACED]
    entry.save()
    client.force_login(season.candidate)
    page = client.get(HOME).content.decode()
    assert "Units are not suggested your profile for now" in page
    assert "Alibaba Cloud" not in page and season.turndown.rejection_reason.name not in page


def test_a_user_without_a_pool_entry_is_offered_to_join(client, db):
    user = pool_candidate("Nina", consent=False)
    PoolEntry.objects.filter(candidate=user).delete()
    client.force_login(user)
    page = client.get(HOME).content.decode()
    assert "Put me in the talent pool" in page
    client.post(reverse("my_pool:rejoin"))
    assert PoolEntry.objects.get(candidate=user).is_available


def test_the_units_that_viewed_the_profile_are_listed_without_the_recruiter(alice, season, unit_a, recruiter_b):
    for _ in range(3):
        PoolView.objects.create(entry=season.entry, unit=season.posting_b.unit, viewer=recruiter_b)
    page = alice.get(HOME).content.decode()
    assert page.count("Amap ·") == 1  # one line per unit and day
    assert "Ron" not in page


def test_no_view_yet_says_so(alice):
    assert "No unit has viewed your pool profile yet." in alice.get(HOME).content.decode()


# Leaving and rejoining


def test_leaving_asks_first_then_leaves(alice, season):
    response = alice.get(reverse("my_pool:leave"))
    assert "Leave the talent pool?" in response.content.decode()
    assert PoolEntry.objects.get(pk=season.entry.pk).is_available
    response = alice.post(reverse("my_pool:leave"), follow=True)
    entry = PoolEntry.objects.get(pk=season.entry.pk)
    assert (entry.status, entry.resume_text) == (PoolEntry.Status.LEFT, "")
    assert "You left the talent pool." in response.content.decode()


def test_the_leave_page_of_someone_not_in_the_pool_goes_back(alice, season):
    pool_leave(candidate=season.candidate)
    response = alice.get(reverse("my_pool:leave"))
    assert response.status_code == 302 and response["Location"] == HOME


def test_rejoining_gives_consent_again_and_makes_the_candidate_available(alice, season):
    pool_leave(candidate=season.candidate)
    response = alice.post(reverse("my_pool:rejoin"), follow=True)
    assert PoolEntry.objects.get(pk=season.entry.pk).is_available
    assert "You are in the talent pool." in response.content.decode()


def test_leaving_and_rejoining_take_post_only(alice):
    assert alice.get(reverse("my_pool:rejoin")).status_code == 405
    assert alice.put(reverse("my_pool:leave")).status_code == 405


# Accepting and declining


def test_accepting_applies_from_the_talent_pool(alice, season, recruiter_b):
    invitation = invite(season, recruiter_b)
    response = alice.post(reverse("my_pool:accept", args=[invitation.pk]))
    application = Application.objects.get(candidate=season.candidate, posting=season.posting_b)
    assert response["Location"] == application.get_absolute_url()
    assert application.source == Application.Source.TALENT_POOL


def test_accepting_what_the_candidate_may_not_apply_to_shows_why_and_changes_nothing(
    alice, season, recruiter_b, unit_b
):
    Program.objects.filter(pk=season.program.pk).update(max_active_applications=1)
    first = invite(season, recruiter_b)
    second = invite(season, recruiter_b, posting=PostingFactory(program=season.program, unit=unit_b))
    alice.post(reverse("my_pool:accept", args=[first.pk]))
    response = alice.post(reverse("my_pool:accept", args=[second.pk]), follow=True)
    assert "the most it allows" in response.content.decode()
    second.refresh_from_db()
    assert second.state == Invitation.State.SENT
    assert Application.objects.filter(candidate=season.candidate).count() == 2  # the turndown and the first


def test_accepting_twice_shows_a_message(alice, season, recruiter_b):
    invitation = invite(season, recruiter_b)
    alice.post(reverse("my_pool:accept", args=[invitation.pk]))
    response = alice.post(reverse("my_pool:accept", args=[invitation.pk]), follow=True)
    assert "You already accepted this invitation" in response.content.decode()
    assert Application.objects.filter(posting=season.posting_b).count() == 1


def test_a_role_abroad_is_accepted_with_the_transfer_consent_ticked(alice, season, recruiter_b):
    season.posting_b.locations.set([LocationFactory(name="Singapore", in_mainland_china=False)])
    invitation = invite(season, recruiter_b)
    assert 'name="cross_border_consent"' in alice.get(HOME).content.decode()
    response = alice.post(reverse("my_pool:accept", args=[invitation.pk]), follow=True)
    assert "outside mainland China" in response.content.decode()
    alice.post(reverse("my_pool:accept", args=[invitation.pk]), {"cross_border_consent": "on"})
    assert Application.objects.filter(posting=season.posting_b).exists()


def test_declining_is_recorded(alice, season, recruiter_b):
    invitation = invite(season, recruiter_b)
    response = alice.post(reverse("my_pool:decline", args=[invitation.pk]), follow=True)
    invitation.refresh_from_db()
    assert invitation.state == Invitation.State.DECLINED
    assert "You declined the invitation." in response.content.decode()
    alice.post(reverse("my_pool:decline", args=[invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.state == Invitation.State.DECLINED


def test_another_candidates_invitation_is_not_found(client, season, recruiter_b):
    invitation = invite(season, recruiter_b)
    client.force_login(pool_candidate("Bob"))
    for name in ("my_pool:accept", "my_pool:decline"):
        assert client.post(reverse(name, args=[invitation.pk])).status_code == 404
    invitation.refresh_from_db()
    assert invitation.state == Invitation.State.SENT


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("post", "/me/pool/invitations/999999/accept/", 404),
        ("post", "/me/pool/invitations/999999/decline/", 404),
        ("get", "/me/pool/invitations/1/accept/", 405),
        ("get", "/me/pool/invitations/abc/accept/", 404),
    ],
)
def test_odd_requests_get_a_plain_answer(alice, method, path, status):
    assert getattr(alice, method)(path).status_code == status


def test_an_odd_consent_value_is_no_error(alice, season, recruiter_b):
    invitation = invite(season, recruiter_b)
    response = alice.post(reverse("my_pool:accept", args=[invitation.pk]), {"cross_border_consent": "x" * 10000})
    assert response.status_code == 302


def test_the_page_reads_in_chinese(client, season, recruiter_b):
    season.candidate.set_language("zh-hans")
    invite(season, recruiter_b)
    client.force_login(season.candidate)
    page = client.get(HOME).content.decode()
    assert 'lang="zh-Hans"' in page
    assert "高德" in page and "地图智能体实习生" in page


# --- The recruiter's invitation page ------------------------------------------------------------


def test_the_invitation_page_shows_the_pool_profile_and_why(
    client, season, recruiter_b, django_assert_max_num_queries
):
    client.force_login(recruiter_b)
    with django_assert_max_num_queries(25):
        response = client.get(invite_url(season))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Invite Alice" in page and "Zhejiang University" in page
    assert "AI Agent Optimization Engineer preferred" in page and "reached interview at another unit" in page
    assert "alice@example.com" not in page and "+86" not in page
    assert 'name="message"' in page and "think you would do well as Map Agent Intern at Amap" in page


def test_sending_invites_and_goes_back(client, season, recruiter_b):
    client.force_login(recruiter_b)
    response = client.post(invite_url(season), {"message": "Hello Alice"})
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.entry, invitation.posting) == (season.entry, season.posting_b)
    assert invitation.message == "Hello Alice"
    follow = client.get(response["Location"], follow=True)
    assert "Alice is invited." in follow.content.decode()


def test_an_empty_message_is_allowed(client, season, recruiter_b):
    client.force_login(recruiter_b)
    client.post(invite_url(season), {"message": "   "})
    assert Invitation.objects.get().message == ""


def test_a_message_too_long_is_refused_with_a_message(client, season, recruiter_b):
    client.force_login(recruiter_b)
    response = client.post(invite_url(season), {"message": "x" * 5000})
    assert response.status_code == 200
    assert "Keep the message to 2000 characters or fewer" in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_second_send_says_the_candidate_is_invited_already(client, season, recruiter_b):
    client.force_login(recruiter_b)
    client.post(invite_url(season), {"message": "Hello"})
    page = client.get(invite_url(season)).content.decode()
    assert "Already invited on" in page and 'name="message"' not in page
    response = client.post(invite_url(season), {"message": "Hello"})
    assert "already invited" in response.content.decode()
    assert Invitation.objects.count() == 1


def test_a_closed_role_offers_no_invitation(client, season, recruiter_b):
    close_posting(season.posting_b)
    client.force_login(recruiter_b)
    page = client.get(invite_url(season)).content.decode()
    assert "does not take applications now" in page and 'name="message"' not in page
    response = client.post(invite_url(season), {"message": "Hello"})
    assert response.status_code == 200 and not Invitation.objects.exists()


def test_who_may_not_invite_gets_a_404(client, season, recruiter_a, unit_b):
    candidate = pool_candidate("Bob")
    viewer = UnitMembershipFactory(unit=unit_b, role=UnitMembership.Role.VIEWER).user
    for user in (recruiter_a, candidate, viewer):
        client.force_login(user)
        assert client.get(invite_url(season)).status_code == 404
        assert client.post(invite_url(season), {"message": "Hi"}).status_code == 404
    assert not Invitation.objects.exists()


def test_a_visitor_is_sent_to_sign_in(client, season):
    response = client.get(invite_url(season))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_unit_that_turned_the_candidate_down_gets_a_404_for_that_kind_of_role(client, season, recruiter_a, unit_a):
    same_kind = PostingFactory(program=season.program, unit=unit_a, category=season.category)
    client.force_login(recruiter_a)
    assert client.get(invite_url(season, same_kind)).status_code == 404


def test_an_entry_not_available_gets_a_404(client, season, recruiter_b):
    pool_leave(candidate=season.candidate)
    client.force_login(recruiter_b)
    assert client.get(invite_url(season)).status_code == 404


@pytest.mark.parametrize("path", ["/recruit/pool/invite/999999/1/", "/recruit/pool/invite/1/999999/"])
def test_unknown_ids_get_a_404(client, season, recruiter_b, path):
    client.force_login(recruiter_b)
    assert client.get(path).status_code == 404


def test_the_invitation_page_reads_in_chinese(client, season, recruiter_b):
    recruiter_b.set_language("zh-hans")
    client.force_login(recruiter_b)
    response = client.get(invite_url(season))
    assert response.status_code == 200 and 'lang="zh-Hans"' in response.content.decode()
