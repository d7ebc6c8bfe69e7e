from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import make_msgid
from django.core.mail.utils import DNS_NAME
from django.db import models
from django.db.models import Q
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from .queries import NotificationQuerySet


def is_local_link(link: str) -> bool:
    """True for a path on this site ("/me/applications/3/"), never for another host."""
    return (
        link.startswith("/")
        and not link.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(link, allowed_hosts=None)
    )


def new_message_id() -> str:
    """A Message-ID for a new notification, under the portal's host name when it has one."""
    return make_msgid(domain=urlsplit(settings.SITE_URL).hostname or str(DNS_NAME))


class Notification(models.Model):
    """One message to one address: an email, and an entry in the recipient's in-app list.

    The row is the outbox: it is written in the transaction of the event that
    causes it, already rendered, and a task delivers it after commit.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    # Delivery gives up after this many tries; an admin can send it again.
    MAX_ATTEMPTS = 5

    # Null for an address with no account (allauth writes to unknown addresses),
    # and once the recipient deleted their account.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    email = models.EmailField(_("email address"), max_length=254)
    event = models.CharField(_("event"), max_length=64)
    key = models.CharField(_("key"), max_length=200)
    subject = models.CharField(_("subject"), max_length=255)
    body_text = models.TextField(_("text body"))
    body_html = models.TextField(_("HTML body"), blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    # Files sent with the email, as text: [{"filename", "content_type", "content"}] (a calendar invitation's
    # .ics). Blanked with the bodies (services.notifications_purge).
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    # One per notification, kept for every try: a copy sent again after a
    # crash carries the same id, so mail systems can drop it.
    message_id = models.CharField(_("Message-ID"), max_length=255, default=new_message_id, editable=False)
    # A non-essential notification's topic (kinds.py) and the one-click link that turns it off for the recipient,
    # sent as the List-Unsubscribe header at delivery; empty for essential ones.
    topic = models.CharField(_("topic"), max_length=64, blank=True)
    unsubscribe_url = models.CharField(_("unsubscribe link"), max_length=500, blank=True)
    # Its bodies carry a sign-in, verification or password-reset link: they
    # are blanked once sent.
    holds_secret = models.BooleanField(_("holds a secret link"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            # One notification per event and recipient: a repeated call writes nothing.
            models.UniqueConstraint(fields=["event", "key", "email"], name="notification_one_per_event_key_email"),
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox_idx"),
            models.Index(fields=["status", "created_at"], name="notification_status_idx"),
            # The navigation's unread count, on every page a signed-in user opens.
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread_idx"),
        ]

    def __str__(self):
        return f"{self.event} → {self.email}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None

    @property
    def local_link(self) -> str:
        """The link, if it is a path on this site; an empty string otherwise."""
        return self.link if is_local_link(self.link) else ""


class NotificationPreference(models.Model):
    """Whether a user gets the notifications of one non-essential topic (kinds.Topic). No row: they do."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    topic = models.CharField(_("topic"), max_length=64)
    enabled = models.BooleanField(_("enabled"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="notification_preference_one_per_topic"),
        ]

    def __str__(self):
        return f"{self.topic}: {'on' if self.enabled else 'off'}"
