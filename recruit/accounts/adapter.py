"""allauth, adapted: its account emails go through the notification outbox."""

import uuid

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import filter_users_by_email
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.utils.html import strip_tags

from recruit.notifications.services import notify_rendered


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Write the account email to the outbox instead of sending it in the request.

        The content is allauth's own (its templates, subject prefix and
        context, rendered by `render_mail`); a worker delivers it after commit,
        so a slow mail server never holds up sign-up or a password reset.
        """
        request = allauth_context.request
        message = self.render_mail(
            template_prefix,
            email,
            {"request": request, "email": email, "current_site": get_current_site(request), **context},
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
        notify_rendered(
            recipient=users[0] if users else None,
            email=email,
            event=template_prefix.rsplit("/", 1)[-1],
            # Each send is its own notification: resending a confirmation is legitimate.
            key=uuid.uuid4().hex,
            subject=message.subject,
            body_text=body_text,
            body_html=body_html,
        )
