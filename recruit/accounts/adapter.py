"""allauth, adapted: its account emails go through the notification outbox; signing in keeps the browser's zone."""

import uuid
from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import filter_users_by_email
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.utils import timezone
from django.utils.html import strip_tags

from recruit.notifications.models import Notification
from recruit.notifications.services import notify_rendered

from .timezones import visitor_time_zone


class AccountAdapter(DefaultAccountAdapter):
    def login(self, request, user):
        """Sign in; a user whose zone is not known yet keeps the one their browser reported."""
        super().login(request, user)
        if not user.time_zone:
            user.set_time_zone(visitor_time_zone(request) or "")

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Write the account email to the outbox instead of sending it in the request.

        The content is allauth's own (its templates, subject prefix and
        context, rendered by `render_mail`); a worker delivers it after commit,
        so a slow mail server never holds up sign-up or a password reset.
        """
        request = allauth_context.request
        # allauth's texts greet from the "site"; without the sites framework that
        # would be the bare host name, so the portal's name stands in.
        site = SimpleNamespace(name=settings.SITE_NAME, domain=get_current_site(request).domain)
        message = self.render_mail(
            template_prefix, email, {"request": request, "email": email, **context, "current_site": site}
        )
        if message.content_subtype == "html":
            body_text, body_html = strip_tags(message.body), message.body
        else:
            body_text = message.body
            body_html = next(
                (content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"),
                "",
            )
        users = filter_users_by_email(email, prefer_verified=True)
        notification = notify_rendered(
            recipient=users[0] if users else None,
            email=email,
            event=template_prefix.rsplit("/", 1)[-1],
            # Each send is its own notification: resending a confirmation is legitimate.
            key=uuid.uuid4().hex,
            subject=message.subject,
            body_text=body_text,
            body_html=body_html,
        )
        if notification:
            # Security emails (links to verify or reset) are not news for the
            # in-app list's unread count.
            Notification.objects.filter(pk=notification.pk).update(read_at=timezone.now())
