import pytest
from django.contrib.auth.models import Permission

from postings.models import Posting
from tests.factories import PostingFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_admin_sign_in_goes_through_the_site_sign_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_signed_in_non_staff_user_is_refused_the_admin(client, candidate):
    client.force_login(candidate)
    assert client.get("/admin/login/").status_code == 403


def test_admin_publishes_and_closes_postings_with_actions(client, admin_user):
    drafts = PostingFactory.create_batch(2, status=Posting.Status.DRAFT, published_at=None)
    client.force_login(admin_user)
    response = client.post(
        "/admin/postings/posting/",
        {"action": "publish_postings", "_selected_action": [p.pk for p in drafts]},
        follow=True,
    )
    assert "2 postings published." in response.text
    assert Posting.objects.filter(status=Posting.Status.PUBLISHED).count() == 2
    client.post("/admin/postings/posting/", {"action": "close_postings", "_selected_action": [drafts[0].pk]})
    assert Posting.objects.get(pk=drafts[0].pk).status == Posting.Status.CLOSED


def test_staff_without_the_publish_permission_cannot_publish(client):
    editor = UserFactory(email="editor@example.com", is_staff=True)
    editor.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_posting", "change_posting", "add_posting"])
    )
    draft = PostingFactory(status=Posting.Status.DRAFT, published_at=None)
    client.force_login(editor)
    listing = client.get("/admin/postings/posting/")
    assert listing.status_code == 200
    assert "publish_postings" not in listing.text
    client.post("/admin/postings/posting/", {"action": "publish_postings", "_selected_action": [draft.pk]})
    assert Posting.objects.get(pk=draft.pk).status == Posting.Status.DRAFT


def test_admin_lists_search_and_filter_postings(client, admin_user):
    PostingFactory(title="Agent Runtime Intern")
    PostingFactory(title="Payments Intern")
    client.force_login(admin_user)
    response = client.get("/admin/postings/posting/?q=agent")
    assert "Agent Runtime Intern" in response.text
    assert "Payments Intern" not in response.text
    assert client.get("/admin/postings/posting/?status__exact=published").status_code == 200


def test_saving_a_posting_in_the_admin_refreshes_its_search_text(client, admin_user):
    posting = PostingFactory(title="Old Title")
    client.force_login(admin_user)
    response = client.get(f"/admin/postings/posting/{posting.pk}/change/")
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data.update(
        title_en="Inference Optimisation Intern",
        skills=[s.pk for s in posting.skills.all()],
        locations=[loc.pk for loc in posting.locations.all()],
        degree_levels=["master"],
        published_at_0=posting.published_at.date().isoformat(),
        published_at_1="09:00:00",
        closes_at_0="",
        closes_at_1="",
    )
    data = {key: value for key, value in data.items() if value is not None}
    response = client.post(f"/admin/postings/posting/{posting.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    posting.refresh_from_db()
    assert "Inference Optimisation Intern" in posting.search_text
    assert posting.degree_levels == ["master"]
