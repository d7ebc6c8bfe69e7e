"""The catalogue in the Django admin: signing in, postings (approved, returned and closed through the publishing
workflow, with their history), and memberships, which only admins grant."""

import pytest
from django.contrib.auth.models import Permission

from postings.models import Posting, PostingStatusChange, UnitMembership
from recruit.notifications.models import Notification
from tests.factories import LocationFactory, PostingFactory, UserFactory

pytestmark = pytest.mark.django_db
S = Posting.Status
CHANGELIST = "/admin/postings/posting/"


def submitted_posting(recruiter, **fields) -> Posting:
    """A posting of the recruiter's unit, submitted by them."""
    unit = recruiter.unit_memberships.get().unit
    posting = PostingFactory(unit=unit, status=S.SUBMITTED, published_at=None, **fields)
    PostingStatusChange.objects.create(posting=posting, actor=recruiter, from_status=S.DRAFT, to_status=S.SUBMITTED)
    return posting


def act(client, action, postings, comment=""):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [p.pk for p in postings], "comment": comment},
        follow=True,
    )


# --- Signing in ------------------------------------------------------------------------------


def test_admin_sign_in_goes_through_the_site_sign_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_signed_in_non_staff_user_is_refused_the_admin_with_the_sites_page(client, candidate):
    client.force_login(candidate)
    for path in ("/admin/login/", "/admin/", "/admin/postings/posting/"):
        response = client.get(path)
        assert response.status_code == 403
        assert "The administration is for the portal's admins" in response.text


# --- Postings: approve, return, close -------------------------------------------------------------


def test_admin_approves_submitted_postings_with_a_comment(client, admin_user, recruiter_a):
    postings = [submitted_posting(recruiter_a, title=f"Agent Intern {n}") for n in range(2)]
    client.force_login(admin_user)
    response = act(client, "publish_postings", postings, comment="Looks good.")
    assert "2 postings approved and published." in response.text
    for posting in postings:
        posting.refresh_from_db()
        assert posting.status == S.PUBLISHED and posting.published_at is not None
        change = posting.status_changes.latest("created_at", "id")
        assert (change.actor, change.from_status, change.to_status, change.comment) == (
            admin_user,
            S.SUBMITTED,
            S.PUBLISHED,
            "Looks good.",
        )
    assert Notification.objects.filter(event="posting_approved", email="rita@example.com").count() == 2


def test_approving_says_why_a_posting_was_left_as_it_was(client, admin_user, recruiter_a, unit_a):
    waiting = submitted_posting(recruiter_a, title="Waiting Intern")
    draft = PostingFactory(unit=unit_a, title="Draft Intern", status=S.DRAFT, published_at=None)
    closed = PostingFactory(unit=unit_a, title="Closed Intern", status=S.CLOSED)
    incomplete = submitted_posting(recruiter_a, title="Incomplete Intern")
    incomplete.locations.clear()
    client.force_login(admin_user)
    response = act(client, "publish_postings", [waiting, draft, closed, incomplete])
    assert "2 postings approved and published." in response.text
    assert "Closed Intern: A closed posting is not published again: write a new one." in response.text
    assert "Incomplete Intern: It still needs at least one location." in response.text
    for posting in (draft, closed, incomplete):
        posting.refresh_from_db()
    assert (draft.status, closed.status, incomplete.status) == (S.PUBLISHED, S.CLOSED, S.SUBMITTED)
    assert list(draft.status_changes.values_list("from_status", "to_status")) == [(S.DRAFT, S.PUBLISHED)]


def test_returning_needs_a_comment_and_records_it(client, admin_user, recruiter_a):
    posting = submitted_posting(recruiter_a)
    client.force_login(admin_user)
    response = act(client, "return_postings", [posting], comment="  ")
    assert "Nothing was returned" in response.text
    posting.refresh_from_db()
    assert posting.status == S.SUBMITTED
    response = act(client, "return_postings", [posting], comment="Name the team.")
    assert "1 posting returned to its unit." in response.text
    posting.refresh_from_db()
    assert posting.status == S.DRAFT
    assert posting.status_changes.latest("created_at", "id").comment == "Name the team."
    assert Notification.objects.filter(event="posting_returned", email="rita@example.com").exists()


def test_admin_closes_published_postings(client, admin_user):
    live = PostingFactory(title="Live Intern")
    client.force_login(admin_user)
    response = act(client, "close_postings", [live], comment="Filled.")
    assert "1 posting closed." in response.text
    live.refresh_from_db()
    assert live.status == S.CLOSED
    assert live.status_changes.get().comment == "Filled."


def test_staff_without_the_publish_permission_has_no_publishing_actions(client, recruiter_a):
    editor = UserFactory(email="editor@example.com", is_staff=True)
    editor.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_posting", "change_posting", "add_posting"])
    )
    posting = submitted_posting(recruiter_a)
    client.force_login(editor)
    listing = client.get(CHANGELIST)
    assert listing.status_code == 200
    for action in ("publish_postings", "return_postings", "close_postings"):
        assert action not in listing.text
    act(client, "publish_postings", [posting])
    posting.refresh_from_db()
    assert posting.status == S.SUBMITTED


def test_the_change_form_shows_the_history_and_the_scorecard_and_cannot_set_the_status(
    client, admin_user, recruiter_a
):
    posting = submitted_posting(recruiter_a, title="Agent Runtime Intern")
    posting.competencies.create(name_en="Systems thinking", name_zh_hans="系统思维")
    client.force_login(admin_user)
    response = client.get(f"/admin/postings/posting/{posting.pk}/change/")
    assert response.status_code == 200
    html = response.text
    assert "Rita Recruiter" in html  # the history's actor
    assert "Systems thinking" in html
    form = response.context["adminform"].form
    assert "status" not in form.fields and "published_at" not in form.fields


def test_saving_a_posting_in_the_admin_refreshes_its_search_text_and_sanitises_it(client, admin_user):
    posting = PostingFactory(title="Old Title")
    client.force_login(admin_user)
    response = client.get(f"/admin/postings/posting/{posting.pk}/change/")
    form = response.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data.update(
        title_en="Inference Optimisation Intern",
        description_en='<p onclick="x()">Tune <b>kernels</b><script>alert(1)</script></p>',
        skills=[s.pk for s in posting.skills.all()],
        locations=[loc.pk for loc in posting.locations.all()],
        degree_levels=["master"],
        closes_at_0="",
        closes_at_1="",
        status="closed",
        **{
            "competencies-TOTAL_FORMS": "0",
            "competencies-INITIAL_FORMS": "0",
            "status_changes-TOTAL_FORMS": "0",
            "status_changes-INITIAL_FORMS": "0",
        },
    )
    data = {key: value for key, value in data.items() if value is not None}
    response = client.post(f"/admin/postings/posting/{posting.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    posting.refresh_from_db()
    assert "Inference Optimisation Intern" in posting.search_text
    assert posting.degree_levels == ["master"]
    assert posting.description_en == "<p>Tune <b>kernels</b></p>"
    assert posting.status == S.PUBLISHED


def test_a_posting_added_in_the_admin_is_a_draft_with_its_history(client, admin_user, unit_a):
    from tests.factories import ProgramFactory, RoleCategoryFactory

    program, category, city = ProgramFactory(), RoleCategoryFactory(), LocationFactory()
    client.force_login(admin_user)
    response = client.post(
        "/admin/postings/posting/add/",
        {
            "program": program.pk,
            "unit": unit_a.pk,
            "category": category.pk,
            "title_en": "Agent Tools Intern",
            "headcount": "1",
            "description_en": "Build tools.",
            "requirements_en": "- Python",
            "locations": [city.pk],
            "degree_levels": ["master"],
            "competencies-TOTAL_FORMS": "0",
            "competencies-INITIAL_FORMS": "0",
            "status_changes-TOTAL_FORMS": "0",
            "status_changes-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    posting = Posting.objects.get(title_en="Agent Tools Intern")
    assert (posting.status, posting.published_at) == (S.DRAFT, None)
    assert list(posting.status_changes.values_list("actor__email", "to_status")) == [("ada@example.com", S.DRAFT)]


def test_admin_lists_search_and_filter_postings(client, admin_user):
    PostingFactory(title="Agent Runtime Intern")
    PostingFactory(title="Payments Intern")
    client.force_login(admin_user)
    response = client.get("/admin/postings/posting/?q=agent")
    assert "Agent Runtime Intern" in response.text
    assert "Payments Intern" not in response.text
    assert client.get("/admin/postings/posting/?status__exact=published").status_code == 200


# --- Memberships: admins only ------------------------------------------------------------------------


def test_a_recruiter_cannot_reach_the_memberships(client, recruiter_a, unit_b):
    client.force_login(recruiter_a)
    assert client.get("/admin/postings/unitmembership/").status_code == 403
    response = client.post(
        "/admin/postings/unitmembership/add/", {"user": recruiter_a.pk, "unit": unit_b.pk, "role": "recruiter"}
    )
    assert response.status_code == 403
    assert not UnitMembership.objects.filter(user=recruiter_a, unit=unit_b).exists()


def test_staff_without_the_membership_permissions_cannot_change_memberships(client, recruiter_a, unit_b):
    staff = UserFactory(email="sam@example.com", is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["view_posting", "change_posting"]))
    membership = recruiter_a.unit_memberships.get()
    client.force_login(staff)
    assert client.get("/admin/postings/unitmembership/").status_code == 403
    assert client.post(
        f"/admin/postings/unitmembership/{membership.pk}/change/", {"user": staff.pk, "unit": unit_b.pk}
    ).status_code in {403, 302}
    membership.refresh_from_db()
    assert (membership.user, membership.role) == (recruiter_a, UnitMembership.Role.RECRUITER)
    assert not UnitMembership.objects.filter(user=staff).exists()


def test_staff_with_the_membership_permissions_but_no_publish_permission_may_only_look(client, recruiter_a, unit_b):
    staff = UserFactory(email="sam@example.com", is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(content_type__model="unitmembership"))
    client.force_login(staff)
    assert client.get("/admin/postings/unitmembership/").status_code == 200
    assert client.get("/admin/postings/unitmembership/add/").status_code == 403
    client.post("/admin/postings/unitmembership/add/", {"user": staff.pk, "unit": unit_b.pk, "role": "recruiter"})
    assert not UnitMembership.objects.filter(user=staff).exists()
    membership = recruiter_a.unit_memberships.get()
    client.post(f"/admin/postings/unitmembership/{membership.pk}/delete/", {"post": "yes"})
    assert UnitMembership.objects.filter(pk=membership.pk).exists()


def test_an_admin_grants_a_membership(client, admin_user, unit_b):
    person = UserFactory(email="new.recruiter@example.com")
    client.force_login(admin_user)
    response = client.post(
        "/admin/postings/unitmembership/add/", {"user": person.pk, "unit": unit_b.pk, "role": "hiring_manager"}
    )
    assert response.status_code == 302
    assert UnitMembership.objects.get(user=person).role == UnitMembership.Role.HIRING_MANAGER


def test_a_staff_recruiter_cannot_grant_themselves_another_unit(client, recruiter_a, unit_b):
    recruiter_a.is_staff = True
    recruiter_a.save()
    recruiter_a.user_permissions.add(*Permission.objects.filter(content_type__model="unitmembership"))
    client.force_login(recruiter_a)
    client.post(
        "/admin/postings/unitmembership/add/", {"user": recruiter_a.pk, "unit": unit_b.pk, "role": "recruiter"}
    )
    assert list(recruiter_a.unit_memberships.values_list("unit__slug", flat=True)) == ["alibaba-cloud"]
