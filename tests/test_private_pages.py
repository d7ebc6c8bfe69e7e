"""Pages with personal data say `Cache-Control: no-store`; public pages do not."""

import pytest
from django.urls import reverse

from tests.factories import ApplicationFactory, PostingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_urls(ready_candidate):
    application = ApplicationFactory(candidate=ready_candidate)
    resume = ready_candidate.resumes.first()
    return [
        "/me/",
        "/me/profile/",
        "/me/resumes/",
        f"/me/resumes/{resume.pk}/download/",
        f"/me/applications/{application.pk}/",
        "/me/privacy/",
        "/me/notifications/",
        reverse("account_email"),
        reverse("account_change_password"),
        reverse("account_logout"),
        reverse("account_reauthenticate"),
    ]


def test_every_page_with_personal_data_is_never_stored(client, ready_candidate, private_urls):
    client.force_login(ready_candidate)

    for url in private_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert {"no-store", "private"} <= directives, url


def test_the_sign_in_pages_and_their_redirects_are_never_stored_either(client):
    for url in [reverse("account_login"), reverse("account_signup"), reverse("account_reset_password"), "/me/"]:
        response = client.get(url)
        assert "no-store" in response["Cache-Control"], url


def test_public_pages_stay_cacheable(client):
    posting = PostingFactory()
    for url in ["/", "/jobs/", f"/jobs/{posting.pk}/", "/sessions/"]:
        assert "no-store" not in client.get(url).get("Cache-Control", ""), url
