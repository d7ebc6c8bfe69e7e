"""Taking an account over needs its password: changes to its email addresses ask for it again."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from tests.accounts.test_account_pages import PASSWORD, _Page, main_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, candidate):
    EmailAddress.objects.create(user=candidate, email=candidate.email, verified=True, primary=True)
    # A sign-in long ago: allauth asks again when the last one is older than 5 minutes.
    client.force_login(candidate)
    return client


def add_address(client, email="alice.new@example.com"):
    return client.post(reverse("account_email"), {"action_add": "", "email": email})


def test_adding_an_email_address_asks_for_the_password_first(signed_in, candidate):
    response = add_address(signed_in)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not EmailAddress.objects.filter(email="alice.new@example.com").exists()


def test_the_password_page_is_an_account_page_with_a_labelled_field(signed_in, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        page = signed_in.get(reverse("account_reauthenticate"))

    assert page.status_code == 200
    assert '<main id="main" class="account-entrance"' in page.text
    assert "Confirm it is you" in main_of(page)
    assert _Page(page.text).unlabelled_controls() == []
    assert not re.search(r"\sstyle=", page.text)


def test_a_wrong_password_changes_nothing(signed_in):
    response = signed_in.post(reverse("account_reauthenticate"), {"password": "not-my-password"})

    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.text


def test_with_the_password_confirmed_the_address_is_added(signed_in, candidate):
    next_url = add_address(signed_in)["Location"]
    confirmed = signed_in.post(next_url, {"password": PASSWORD})
    assert confirmed.status_code == 302

    add_address(signed_in)

    assert EmailAddress.objects.filter(user=candidate, email="alice.new@example.com").exists()


def test_changing_the_password_asks_for_the_current_one(signed_in):
    html = main_of(signed_in.get(reverse("account_change_password")))

    assert 'name="oldpassword"' in html
