"""The account pages (allauth, restyled): what a student sees, and what an attacker learns.

Emails go through the notification outbox, which is not this module's
business: these tests look at redirects, pages and database rows only.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import get_adapter
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from recruit.accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"  # the UserFactory's
NEW_PASSWORD = "a-Long-and-rare-passphrase-27"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth counts attempts in the cache; every test starts with none spent."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def verified_candidate(candidate):
    EmailAddress.objects.create(user=candidate, email=candidate.email, verified=True, primary=True)
    return candidate


class _Page(HTMLParser):
    """The form controls of a page and the ids its labels point at."""

    def __init__(self, html):
        super().__init__()
        self.controls = []
        self.label_targets = set()
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"input", "select", "textarea"}:
            self.controls.append(attrs)
        elif tag == "label" and attrs.get("for"):
            self.label_targets.add(attrs["for"])

    def unlabelled_controls(self):
        visible = [c for c in self.controls if c.get("type") != "hidden" and "hidden" not in c]
        return [c for c in visible if not c.get("id") or c["id"] not in self.label_targets]


def main_of(response):
    html = response.text
    return html[html.index("<main") : html.index("</main>")]


def sign_up(client, email, password=NEW_PASSWORD):
    return client.post(reverse("account_signup"), {"email": email, "password1": password, "password2": password})


def sign_in(client, email, password=PASSWORD, **extra):
    return client.post(reverse("account_login"), {"login": email, "password": password, **extra})


VISITOR_PAGES = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_email_verification_sent",
]
CANDIDATE_PAGES = ["account_email", "account_change_password", "account_logout"]


@pytest.mark.parametrize(
    ("url_name", "signed_in"),
    [(name, False) for name in VISITOR_PAGES] + [(name, True) for name in CANDIDATE_PAGES],
)
def test_each_account_page_answers_in_the_site_layout(
    client, verified_candidate, url_name, signed_in, django_assert_max_num_queries
):
    if signed_in:
        client.force_login(verified_candidate)

    with django_assert_max_num_queries(8):
        response = client.get(reverse(url_name))

    assert response.status_code == 200
    html = response.text
    assert 'class="site-header"' in html
    assert '<main id="main" class="' in html
    assert 'class="site-footer"' in html
    assert _Page(html).unlabelled_controls() == []
    for script in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in script, script
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)


def test_signed_out_pages_are_a_centred_card_and_account_pages_have_the_account_menu(client, verified_candidate):
    assert '<main id="main" class="account-entrance"' in client.get(reverse("account_login")).text

    client.force_login(verified_candidate)
    html = client.get(reverse("account_change_password")).text

    assert 'class="account-manage__nav"' in html
    assert f'href="{reverse("account_email")}"' in html
    assert f'<a href="{reverse("account_change_password")}" aria-current="page">' in html


def test_every_form_posts_with_a_csrf_token(client, verified_candidate):
    client.force_login(verified_candidate)
    for url_name in ["account_email", "account_change_password", "account_logout"]:
        html = main_of(client.get(reverse(url_name)))
        forms = re.findall(r"<form\b[^>]*>.*?</form>", html, flags=re.S)
        assert forms, url_name
        for form in forms:
            assert 'method="post"' in form, (url_name, form[:80])
            assert 'name="csrfmiddlewaretoken"' in form, (url_name, form[:80])


def test_sign_up_page_says_why_an_account_is_needed_and_that_the_email_must_be_verified(client):
    text = main_of(client.get(reverse("account_signup")))

    assert "apply" in text
    assert "follow your applications" in text
    assert "verify your address before you apply" in text
    assert f'href="{reverse("account_login")}"' in text


def test_sign_in_page_links_to_password_reset_and_sign_up(client):
    html = main_of(client.get(reverse("account_login")))

    assert f'href="{reverse("account_reset_password")}"' in html
    assert f'href="{reverse("account_signup")}"' in html


def test_verification_sent_page_says_to_check_spam_and_that_the_link_expires(client):
    text = main_of(client.get(reverse("account_email_verification_sent")))

    assert "spam" in text
    assert "expires" in text


def test_field_errors_are_tied_to_their_input(client):
    html = sign_up(client, "new.student@example.com", password="123").text

    password_input = re.search(r'<input[^>]*name="password1"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in password_input
    described_by = re.search(r'aria-describedby="([^"]+)"', password_input).group(1).split()
    assert "id_password1_error" in described_by
    assert 'id="id_password1_error"' in html
    assert "id_password1_helptext" in described_by
    assert 'id="id_password1_helptext"' in html


def test_sign_up_creates_an_unverified_candidate_and_asks_to_verify_the_email(client):
    response = sign_up(client, "new.student@example.com")

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="new.student@example.com")
    assert EmailAddress.objects.get(user=user).verified is False
    assert "_auth_user_id" not in client.session


def test_an_unverified_candidate_signing_in_is_sent_to_verify_the_email(db):
    sign_up(Client(), "new.student@example.com")

    client = Client()
    response = sign_in(client, "new.student@example.com", password=NEW_PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_signing_up_with_a_registered_email_looks_like_a_new_sign_up(candidate):
    new = sign_up(Client(), "new.student@example.com")
    taken = sign_up(Client(), candidate.email)

    assert taken.status_code == new.status_code == 302
    assert taken["Location"] == new["Location"] == reverse("account_email_verification_sent")
    assert User.objects.filter(email__iexact=candidate.email).count() == 1


def test_the_verification_link_asks_to_confirm_with_a_post_button(client, candidate):
    address = EmailAddress.objects.create(user=candidate, email=candidate.email, verified=False, primary=True)
    url = reverse("account_confirm_email", args=[EmailConfirmationHMAC(address).key])

    page = client.get(url)

    assert page.status_code == 200
    assert '<main id="main" class="account-entrance"' in page.text
    # The key carries a timestamp, so the page's own link may differ from ours by a second.
    confirm_prefix = reverse("account_confirm_email", args=["KEY"]).removesuffix("KEY/")
    assert re.search(rf'<form method="post"[^>]*action="{confirm_prefix}[^"]+"', main_of(page))
    address.refresh_from_db()
    assert address.verified is False  # a GET (a mail scanner following links) verifies nothing

    client.post(url)
    address.refresh_from_db()
    assert address.verified is True


def test_a_broken_verification_link_says_how_to_get_a_new_one(client):
    page = client.get(reverse("account_confirm_email", args=["not-a-key"]))

    assert page.status_code == 200
    assert "no longer works" in page.text
    assert f'href="{reverse("account_login")}"' in main_of(page)


def test_the_password_reset_link_leads_to_a_labelled_new_password_form(client, candidate):
    url = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(candidate), "key": default_token_generator.make_token(candidate)},
    )

    page = client.get(url, follow=True)

    assert page.status_code == 200
    assert 'name="password1"' in page.text
    assert _Page(page.text).unlabelled_controls() == []


def test_a_used_or_broken_password_reset_link_offers_a_new_one(client, candidate):
    url = reverse("account_reset_password_from_key", kwargs={"uidb36": user_pk_to_url_str(candidate), "key": "x-y"})

    page = client.get(url, follow=True)

    assert page.status_code == 200
    assert "no longer works" in page.text
    assert f'href="{reverse("account_reset_password")}"' in main_of(page)


def test_password_reset_for_an_unknown_address_answers_like_a_known_one(verified_candidate):
    known_client, unknown_client = Client(), Client()
    url = reverse("account_reset_password")

    known = known_client.post(url, {"email": verified_candidate.email})
    unknown = unknown_client.post(url, {"email": "nobody@example.com"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("account_reset_password_done")
    known_page = known_client.get(known["Location"])
    unknown_page = unknown_client.get(unknown["Location"])
    assert known_page.status_code == unknown_page.status_code == 200
    assert main_of(known_page) == main_of(unknown_page)


def test_rate_limits_are_on_for_failed_sign_ins(settings):
    configured = getattr(settings, "ACCOUNT_RATE_LIMITS", None)
    assert configured is None or configured.get("login_failed")
    assert allauth_settings.RATE_LIMITS.get("login_failed")


def test_repeated_failed_sign_ins_for_one_email_are_refused(client, verified_candidate):
    limited = str(get_adapter().error_messages["too_many_login_attempts"])

    first = sign_in(client, verified_candidate.email, password="wrong-guess-0")
    assert first.status_code == 200
    assert limited not in first.text

    for attempt in range(1, 11):
        response = sign_in(client, verified_candidate.email, password=f"wrong-guess-{attempt}")
        if limited in response.text:
            break
    assert limited in response.text
    # Locked out for now even with the right password: that is what stops guessing.
    assert limited in sign_in(client, verified_candidate.email).text
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/jobs/"])
def test_sign_in_never_redirects_to_another_site(client, verified_candidate, next_url):
    response = sign_in(client, verified_candidate.email, next=next_url)

    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.scheme == location.netloc == ""
    assert location.path.startswith("/")


def test_sign_in_follows_next_within_the_site(client, verified_candidate):
    response = sign_in(client, verified_candidate.email, next="/jobs/")

    assert response.status_code == 302
    assert response["Location"] == "/jobs/"


def test_sign_out_asks_first_and_happens_on_post(client, verified_candidate):
    client.force_login(verified_candidate)

    logout_url = reverse("account_logout")
    page = client.get(logout_url)
    assert page.status_code == 200
    assert "_auth_user_id" in client.session
    assert re.search(rf'<form method="post"[^>]*action="{logout_url}"', main_of(page))
    assert re.search(r'<button type="submit"[^>]*>\s*Sign out\s*</button>', main_of(page))

    response = client.post(logout_url)
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
