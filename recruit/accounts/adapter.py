"""allauth, adapted: our account emails, written to the outbox; signing in keeps the browser's zone."""

import uuid
from types import SimpleNamespace
from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import filter_users_by_email
from allauth.core import context as allauth_context
from django.conf import settings
from django.shortcuts import resolve_url
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import translation
from django.utils.module_loading import import_string

from recruit.notifications.services import notify_rendered, recipient_language, site_url
from recruit.site import site_name

from .timezones import visitor_time_zone

# The emails whose link signs in, verifies an address or sets a password: the
# outbox blanks them once sent.
SECRET_EVENTS = {"email_confirmation", "email_confirmation_signup", "password_reset_key"}


def on_site(url: str) -> str:
    """allauth's absolute link (built from the request's host) moved onto SITE_URL."""
    parts = urlsplit(url)
    return urlunsplit((*urlsplit(site_url())[:2], parts.path, parts.query, parts.fragment))


class AccountAdapter(DefaultAccountAdapter):
    def login(self, request, user):
        """Sign in; a user whose zone is not known yet keeps the one their browser reported."""
        super().login(request, user)
        if not user.time_zone:
            user.set_time_zone(visitor_time_zone(request) or "")
        if not user.language:
            # The language they signed up or in with, for their emails until they choose one.
            user.set_language(translation.get_language())

    def get_login_redirect_url(self, request):
        """Where a user lands after signing in when no `next` address says otherwise: the project's
        SIGN_IN_LANDING function decides (recruiters go to their workspace), else LOGIN_REDIRECT_URL.

        A setting rather than an import: accounts depends on no other app."""
        landing = getattr(settings, "SIGN_IN_LANDING", "")
        url = import_string(landing)(request.user) if landing else None
        return resolve_url(url) if url else super().get_login_redirect_url(request)

    def save_user(self, request, user, form, commit=True):
        """A new account keeps the language it was made in, for its emails until the user chooses one."""
        user.language = user.language or translation.get_language()
        return super().save_user(request, user, form, commit)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Write the account email to the outbox instead of sending it in the request.

        The text is ours (`emails/<event>_subject.txt`, `_body.txt`,
        `_body.html`, the event being allauth's template name, for example
        `password_reset_key`); its links point at SITE_URL. A worker delivers
        it after commit, so a slow mail server never holds up sign-up or a
        password reset.
        """
        event = template_prefix.rsplit("/", 1)[-1]
        users = filter_users_by_email(email, prefer_verified=True)
        user = context.get("user") or (users[0] if users else None)
        context = {
            **context,
            **{name: on_site(value) for name, value in context.items() if name.endswith("_url") and value},
            "email": email,
            "name": getattr(user, "name", ""),
        }
        # In the recipient's language (for a new account, the one they signed up in).
        with translation.override(recipient_language(user)):
            context["site_name"] = site_name()
            # For allauth's own templates, which greet from the "site".
            context["current_site"] = SimpleNamespace(name=site_name(), domain=urlsplit(site_url()).netloc)
            subject, body_text, body_html = self._render(template_prefix, event, email, context)
        notify_rendered(
            recipient=users[0] if users else None,
            email=email,
            event=event,
            # Each send is its own notification: resending a confirmation is legitimate.
            key=uuid.uuid4().hex,
            subject=subject,
            body_text=body_text,
            body_html=body_html,
            holds_secret=event in SECRET_EVENTS,
            # Account emails are not news for the in-app list's unread count.
            read=True,
        )

    def format_email_subject(self, subject: str) -> str:
        return f"[{site_name()}] {subject}"

    def _render(self, template_prefix: str, event: str, email: str, context: dict) -> tuple[str, str, str]:
        try:
            get_template(f"emails/{event}_subject.txt")
        except TemplateDoesNotExist:
            # An allauth email we have no text of our own for: allauth's.
            message = self.render_mail(template_prefix, email, {"request": allauth_context.request, **context})
            html = next((body for body, kind in getattr(message, "alternatives", []) if kind == "text/html"), "")
            return message.subject, message.body, html
        subject = render_to_string(f"emails/{event}_subject.txt", context)
        return (
            self.format_email_subject(" ".join(subject.split())),
            render_to_string(f"emails/{event}_body.txt", context),
            render_to_string(f"emails/{event}_body.html", context),
        )
