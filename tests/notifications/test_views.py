import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from recruit.notifications.models import Notification

pytestmark = pytest.mark.django_db

LIST_URL = "/me/notifications/"


def make_notifications(user, count, **fields):
    Notification.objects.bulk_create(
        Notification(
            recipient=user,
            email=user.email,
            event="application_received",
            key=f"{user.pk}-{fields.get('link', '')}-{n}",
            subject=f"Subject {n} for {user.name}",
            body_text="Text",
            **fields,
        )
        for n in range(count)
    )
    return list(Notification.objects.filter(recipient=user).order_by("pk"))


def test_the_list_asks_a_visitor_to_sign_in(client):
    response = client.get(LIST_URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_list_shows_only_the_users_own_notifications(client, candidate, other_candidate):
    make_notifications(candidate, 2)
    make_notifications(other_candidate, 2)
    client.force_login(candidate)

    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert "Subject 0 for Alice Candidate" in response.text
    assert "Subject 1 for Alice Candidate" in response.text
    assert "Bob Candidate" not in response.text


def test_the_list_is_newest_first_and_marks_unread_ones(client, candidate):
    older, newer = make_notifications(candidate, 2)
    Notification.objects.filter(pk=older.pk).update(read_at=older.created_at)
    client.force_login(candidate)

    page = client.get(LIST_URL).context["page"]

    assert [n.pk for n in page.object_list] == [newer.pk, older.pk]
    assert [n.is_unread for n in page.object_list] == [True, False]


def test_the_list_has_pages_of_twenty(client, candidate):
    make_notifications(candidate, 25)
    client.force_login(candidate)

    assert len(client.get(LIST_URL).context["page"].object_list) == 20
    assert len(client.get(LIST_URL, {"page": 2}).context["page"].object_list) == 5


def test_the_list_runs_the_same_queries_for_five_and_fifty_notifications(
    client, candidate, django_assert_max_num_queries
):
    client.force_login(candidate)
    counts = []
    for total in (5, 50):
        Notification.objects.all().delete()
        make_notifications(candidate, total)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST_URL).status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]
    with django_assert_max_num_queries(6):
        client.get(LIST_URL)


def test_the_nav_shows_the_unread_count_to_a_signed_in_user(client, candidate):
    make_notifications(candidate, 3)
    Notification.objects.filter(pk=Notification.objects.first().pk).update(read_at=timezone.now())
    client.force_login(candidate)

    response = client.get(LIST_URL)

    assert 'Notifications (2<span class="visually-hidden"> unread</span>)' in response.text


def test_marking_one_read_redirects_to_its_link(client, candidate):
    (notification,) = make_notifications(candidate, 1, link="/jobs/")
    client.force_login(candidate)

    response = client.post(reverse("notifications:read", args=[notification.pk]))

    assert response.status_code == 302
    assert response["Location"] == "/jobs/"
    notification.refresh_from_db()
    assert notification.read_at is not None


@pytest.mark.parametrize("link", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
def test_marking_one_read_never_redirects_off_this_site(client, candidate, link):
    (notification,) = make_notifications(candidate, 1, link=link)
    client.force_login(candidate)

    response = client.post(reverse("notifications:read", args=[notification.pk]))

    assert response["Location"] == LIST_URL


def test_marking_one_read_without_a_link_returns_to_the_list(client, candidate):
    (notification,) = make_notifications(candidate, 1)
    client.force_login(candidate)

    response = client.post(reverse("notifications:read", args=[notification.pk]))

    assert response["Location"] == LIST_URL


def test_another_users_notification_is_not_found(client, candidate, other_candidate):
    (bobs,) = make_notifications(other_candidate, 1, link="/jobs/")
    client.force_login(candidate)

    response = client.post(reverse("notifications:read", args=[bobs.pk]))

    assert response.status_code == 404
    bobs.refresh_from_db()
    assert bobs.read_at is None


def test_marking_read_takes_a_post_only(client, candidate):
    (notification,) = make_notifications(candidate, 1)
    client.force_login(candidate)

    assert client.get(reverse("notifications:read", args=[notification.pk])).status_code == 405
    assert client.get(reverse("notifications:read_all")).status_code == 405


def test_a_visitor_cannot_mark_anything_read(client, candidate):
    (notification,) = make_notifications(candidate, 1)

    response = client.post(reverse("notifications:read", args=[notification.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_as_read_marks_only_the_users_own(client, candidate, other_candidate):
    make_notifications(candidate, 3)
    make_notifications(other_candidate, 2)
    client.force_login(candidate)

    response = client.post(reverse("notifications:read_all"))

    assert response["Location"] == LIST_URL
    assert not Notification.objects.visible_to(candidate).unread().exists()
    assert Notification.objects.visible_to(other_candidate).unread().count() == 2


def test_mark_all_as_read_needs_the_csrf_token(candidate):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    make_notifications(candidate, 1)
    client.force_login(candidate)

    assert client.post(reverse("notifications:read_all")).status_code == 403
    page = client.get(LIST_URL).text
    assert 'name="csrfmiddlewaretoken"' in page
    assert "Mark all as read" in page


def test_the_list_page_has_no_inline_style_or_script(client, candidate):
    make_notifications(candidate, 2, link="/jobs/")
    client.force_login(candidate)

    page = client.get(LIST_URL).text
    main = page[page.index("<main") : page.index("</main>")]

    assert "style=" not in main
    assert "<script" not in main


def test_an_empty_list_says_what_will_appear(client, candidate):
    client.force_login(candidate)

    assert "No notifications yet" in client.get(LIST_URL).text
