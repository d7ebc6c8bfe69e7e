"""The outbox: write a notification with the event, deliver it after commit.

`notify` is what the other apps call, in the transaction of the event that
causes the notification. Only the task (`tasks.notification_deliver`) sends.
"""

import logging
import re
import smtplib
import time
from datetime import timedelta
from email.message import MIMEPart

from allauth.core import context as allauth_context
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator

from recruit.accounts.languages import address_in
from recruit.site import site_name

from . import kinds
from .models import Notification, is_local_link
from .preferences import topic_enabled, unsubscribe_path

logger = logging.getLogger(__name__)

# Errors worth another try: the mail server was down, slow or said "later".
TRANSIENT_ERRORS = (smtplib.SMTPException, OSError)

_EVENT = re.compile(r"[a-z0-9_]{1,64}")


def notify(
    *,
    recipient=None,
    email: str | None = None,
    event: str,
    key: str,
    context: dict,
    link: str = "",
    attachments: list[dict] | None = None,
) -> Notification | None:
    """Write the notification of `event` for `recipient` (or a bare `email`) and deliver it after commit.

    Renders `emails/<event>_subject.txt`, `_body.txt` and `_body.html` with
    `context` now, so delivery needs nothing but the row. `key` identifies the
    occurrence (an application's id, say): a second call with the same event,
    key and address writes nothing and returns None. Call it inside the
    transaction that records the event, or outside any. `attachments` are
    text files sent with the email (see `notify_rendered`).

    The event must be declared in its app's notification_kinds module (kinds.UnknownEvent otherwise). A
    non-essential event whose topic the recipient turned off writes nothing and returns None; one that is sent
    carries the link that turns its topic off (`unsubscribe_url` in the templates' context, and the
    List-Unsubscribe header).
    """
    if not _EVENT.fullmatch(event):
        raise ValueError(f"An event is a short slug of a-z, 0-9 and _, not {event!r}.")
    kind = kinds.kind_of(event)
    email = email or (recipient.email if recipient else "")
    with transaction.atomic():
        # In the event's transaction: a topic turned off before the event commits is respected.
        if _turned_off(kind, recipient):
            return None
        # Written in the recipient's language, whoever causes the event; a public page's link in it too.
        language = recipient_language(recipient)
        with translation.override(language):
            link = address_in(link, language) if link else ""
            unsubscribe_url = _unsubscribe_url(kind, recipient)
            topic = kinds.topic_named(kind.topic) if kind.topic else None
            # Emails need absolute links; the row keeps the path for the in-app list.
            context = {
                "site_name": site_name(),
                "recipient": recipient,
                "link_url": absolute_url(link) if link else "",
                "unsubscribe_url": unsubscribe_url,
                "topic_label": str(topic.label) if topic else "",
                "settings_url": absolute_url(reverse("notifications:settings")) if recipient else "",
                **context,
            }
            subject = render_to_string(f"emails/{event}_subject.txt", context)
            body_text = render_to_string(f"emails/{event}_body.txt", context)
            body_html = render_to_string(f"emails/{event}_body.html", context)
        return _write(
            recipient=recipient,
            email=email,
            event=event,
            key=key,
            subject=subject,
            body_text=body_text,
            body_html=body_html,
            link=link,
            topic=kind.topic or "",
            unsubscribe_url=unsubscribe_url,
            attachments=attachments,
        )


def _turned_off(kind: kinds.Kind, recipient) -> bool:
    """A non-essential kind whose topic the recipient switched off. Essential kinds, and addresses without an
    account (who have no settings), always get theirs."""
    return bool(kind.topic and recipient is not None and not topic_enabled(user=recipient, topic=kind.topic))


def _unsubscribe_url(kind: kinds.Kind, recipient) -> str:
    """The one-click link that turns off the kind's topic for the recipient, in the active language; empty for
    an essential kind or an address without an account."""
    if not kind.topic or recipient is None:
        return ""
    return absolute_url(unsubscribe_path(user=recipient, topic=kind.topic))


def recipient_language(recipient) -> str:
    """The language to write to `recipient` in: the one they chose, else the current page's."""
    return getattr(recipient, "language", "") or translation.get_language() or settings.LANGUAGE_CODE


def site_url() -> str:
    """The portal's address for links in emails, without a trailing slash.

    SITE_URL (required when DEBUG is off); in development, unset, the address
    the current request came to, so links open wherever the portal is served.
    """
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/")
    # allauth's middleware keeps the current request for its adapter.
    request = allauth_context.request
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return "http://127.0.0.1:8000"


def absolute_url(path: str) -> str:
    """`path` on this site as a full URL (for emails)."""
    return f"{site_url()}{path}"


def notify_rendered(
    *,
    recipient,
    email: str,
    event: str,
    key: str,
    subject: str,
    body_text: str,
    body_html: str,
    link: str = "",
    holds_secret: bool = False,
    read: bool = False,
    attachments: list[dict] | None = None,
) -> Notification | None:
    """Write an already rendered notification and deliver it after commit.

    For content rendered elsewhere (account emails); `notify` for everything
    else. `holds_secret` (a sign-in, verification or reset link) blanks the
    bodies once sent, so the outbox never keeps a usable link; `read` keeps
    it out of the in-app unread count. `attachments` are text files sent with
    the email, each {"filename": "invitation.ics", "content_type":
    "text/calendar; method=REQUEST", "content": "BEGIN:VCALENDAR..."}; they
    are kept in the row, so delivery (and a retry) sends the same bytes.
    Returns None when this event, key and address were already notified, or
    when the event's topic is one the recipient turned off. The event must be
    declared (kinds.UnknownEvent otherwise).
    """
    kind = kinds.kind_of(event)
    with transaction.atomic():
        if _turned_off(kind, recipient):
            return None
        with translation.override(recipient_language(recipient)):
            unsubscribe_url = _unsubscribe_url(kind, recipient)
        return _write(
            recipient=recipient,
            email=email,
            event=event,
            key=key,
            subject=subject,
            body_text=body_text,
            body_html=body_html,
            link=link,
            holds_secret=holds_secret,
            read=read,
            topic=kind.topic or "",
            unsubscribe_url=unsubscribe_url,
            attachments=attachments,
        )


def _write(
    *,
    recipient,
    email: str,
    event: str,
    key: str,
    subject: str,
    body_text: str,
    body_html: str,
    link: str,
    topic: str,
    unsubscribe_url: str,
    holds_secret: bool = False,
    read: bool = False,
    attachments: list[dict] | None = None,
) -> Notification | None:
    if not email:
        raise ValueError("A notification needs an email address (or a recipient who has one).")
    if link and not is_local_link(link):
        raise ValueError(f"A notification links to a path on this site, not to {link!r}.")
    attachments = [_checked_attachment(attachment) for attachment in attachments or ()]
    # Mail headers are one line; the column has a length.
    subject = Truncator(" ".join(subject.split())).chars(Notification._meta.get_field("subject").max_length)
    notification, created = Notification.objects.get_or_create(
        event=event,
        key=key,
        email=email,
        defaults={
            "recipient": recipient,
            "subject": subject,
            "body_text": _tidy_text(body_text),
            "body_html": body_html.strip(),
            "link": link,
            "topic": topic,
            "unsubscribe_url": unsubscribe_url,
            "holds_secret": holds_secret,
            "read_at": timezone.now() if read else None,
            "attachments": attachments,
        },
    )
    if not created:
        return None
    _enqueue(notification.pk)
    return notification


def _tidy_text(body_text: str) -> str:
    """The text part as written, with at most one blank line in a row (a block left empty by a template leaves
    its line breaks behind)."""
    return _BLANK_LINES.sub("\n\n", body_text).strip() + "\n"


_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


# A file name without a path or anything a mail header would read as syntax; a MIME type with its parameters.
_FILENAME = re.compile(r"[\w][\w .()-]{0,99}")
_CONTENT_TYPE = re.compile(r"text/[a-z0-9.+-]+(; *[a-z0-9-]+=[A-Za-z0-9._-]+)*")


def _checked_attachment(attachment: dict) -> dict:
    """An attachment as the outbox keeps it; ValueError for anything else (a caller's mistake, not input)."""
    filename, content_type, content = (attachment.get(name) for name in ("filename", "content_type", "content"))
    if not (isinstance(filename, str) and _FILENAME.fullmatch(filename)):
        raise ValueError(f"An attachment needs a plain file name, not {filename!r}.")
    if not (isinstance(content_type, str) and _CONTENT_TYPE.fullmatch(content_type)):
        raise ValueError(f"An attachment is text ('text/calendar; method=REQUEST', say), not {content_type!r}.")
    if not isinstance(content, str):
        raise ValueError("An attachment's content is text.")
    return {"filename": filename, "content_type": content_type, "content": content}


def attachment_part(attachment: dict) -> MIMEPart:
    """A MIME part for one kept attachment, its type's parameters included (a calendar client reads
    `method=REQUEST` or `method=CANCEL` from it)."""
    kind, *parameters = (piece.strip() for piece in attachment["content_type"].split(";"))
    subtype = kind.split("/", 1)[1]
    part = MIMEPart()
    part.set_content(
        attachment["content"],
        subtype=subtype,
        charset="utf-8",
        disposition="attachment",
        filename=attachment["filename"],
        params=dict(parameter.split("=", 1) for parameter in parameters),
    )
    return part


def _enqueue(notification_id: int) -> None:
    """Enqueue delivery once the current transaction commits (at once outside one).

    After commit, never inside the open transaction: a worker must find the
    row, and a rolled-back event must not be announced. This is
    `notification_deliver.delay_on_commit` made robust: the event is already
    committed, so a broker outage (or, with tasks in-process, a mail server
    outage) is logged instead of failing the request, and the pending row is
    enqueued again by the requeue job.
    """
    transaction.on_commit(lambda: _publish(notification_id))


# After a failed publish the broker is not asked again for this long: with it
# hung, only one request waits for the timeouts, the others go straight on.
BROKER_RETRY_AFTER = 5.0
_broker_down_until = 0.0


def _publish(notification_id: int) -> None:
    global _broker_down_until
    # Imported here: the tasks module imports this one.
    from .tasks import notification_deliver

    eager = notification_deliver.app.conf.task_always_eager
    if not eager and time.monotonic() < _broker_down_until:
        logger.info("Broker down: notification %s stays pending for the requeue job.", notification_id)
        return
    try:
        notification_deliver.delay(notification_id)
    except Exception:
        if not eager:
            _broker_down_until = time.monotonic() + BROKER_RETRY_AFTER
        logger.warning(
            "Notification %s was not delivered or enqueued now; it stays pending for the requeue job.",
            notification_id,
            exc_info=True,
        )


def notification_deliver(*, notification_id: int) -> bool:
    """Send one pending notification by email; True if this call sent it.

    The row is claimed with a conditional update first, so a redelivered task,
    or two workers at once, send it once. A transient error puts it back to
    pending and is raised for the task to retry; after MAX_ATTEMPTS tries it
    is marked failed.
    """
    claimed = Notification.objects.filter(pk=notification_id, status=Notification.Status.PENDING).update(
        status=Notification.Status.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
    )
    if claimed != 1:
        # Sent, failed, gone, or another worker has it.
        return False

    notification = Notification.objects.get(pk=notification_id)
    message = EmailMultiAlternatives(
        notification.subject,
        notification.body_text,
        to=[notification.email],
        headers=delivery_headers(notification),
    )
    if notification.body_html:
        message.attach_alternative(notification.body_html, "text/html")
    for attachment in notification.attachments:
        message.attach(attachment_part(attachment))
    claim = Notification.objects.filter(pk=notification_id, status=Notification.Status.SENDING)
    try:
        message.send()
    except TRANSIENT_ERRORS as error:
        if notification.attempts >= Notification.MAX_ATTEMPTS:
            claim.update(status=Notification.Status.FAILED, last_error=_describe(error))
            logger.warning(
                "Notification %s failed after %s attempts: %s", notification_id, notification.attempts, error
            )
            return False
        claim.update(status=Notification.Status.PENDING, last_error=_describe(error))
        raise
    except Exception as error:
        # Not transient (a malformed address, a bug): another try would fail the same way.
        claim.update(status=Notification.Status.FAILED, last_error=_describe(error))
        raise
    sent = {"status": Notification.Status.SENT, "sent_at": timezone.now(), "last_error": ""}
    if notification.holds_secret:
        # The link in it signs in or sets a password: once sent, nobody
        # reading the database may use it.
        sent.update(body_text="", body_html="", attachments=[])
    claim.update(**sent)
    return True


def delivery_headers(notification: Notification) -> dict[str, str]:
    """The email's own headers: its one Message-ID and, for a non-essential notification, the one-click
    unsubscribe of RFC 8058 (mail programs show an "Unsubscribe" button that POSTs to the link)."""
    headers = {"Message-ID": notification.message_id}
    if notification.unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{notification.unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return headers


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:2000]


@transaction.atomic
def notifications_requeue_stale(*, older_than: timedelta = timedelta(minutes=2), limit: int = 1000) -> int:
    """Enqueue again what delivery left behind; returns how many notifications.

    Pending rows untouched for `older_than` (the broker lost the task, or it
    was never enqueued), and rows stuck in sending since before that (the
    worker died mid-send: the delivery task's time limit is shorter). A stuck row
    that used its last attempt is marked failed instead.
    """
    cutoff = timezone.now() - older_than
    stale = (
        Notification.objects.annotate(last_touched=Coalesce("claimed_at", "created_at"))
        .filter(
            Q(status=Notification.Status.PENDING, last_touched__lt=cutoff)
            | Q(status=Notification.Status.SENDING, claimed_at__lt=cutoff)
        )
        .order_by("created_at")
    )
    ids = list(stale.values_list("pk", flat=True)[:limit])
    stuck = Notification.objects.filter(pk__in=ids, status=Notification.Status.SENDING, claimed_at__lt=cutoff)
    stuck.filter(attempts__gte=Notification.MAX_ATTEMPTS).update(
        status=Notification.Status.FAILED, last_error="The worker stopped while sending."
    )
    stuck.update(status=Notification.Status.PENDING, last_error="The worker stopped while sending.")
    requeued = list(
        Notification.objects.filter(pk__in=ids, status=Notification.Status.PENDING).values_list("pk", flat=True)
    )
    for notification_id in requeued:
        _enqueue(notification_id)
    return len(requeued)


def notifications_purge(*, retention: timedelta | None = None) -> tuple[int, int]:
    """Erase what the outbox need not keep; returns (bodies blanked, rows deleted).

    Sent notifications keep their text (and attachments) for
    NOTIFICATION_BODY_RETENTION_DAYS, then only subject and link (what the
    in-app list shows). Sent rows with no
    recipient (an erased account's last emails, mails to unknown addresses)
    are deleted: their address is all that is left of someone.
    """
    if retention is None:
        retention = timedelta(days=settings.NOTIFICATION_BODY_RETENTION_DAYS)
    sent = Notification.objects.filter(status=Notification.Status.SENT)
    deleted, _ = sent.filter(recipient__isnull=True).delete()
    blanked = (
        sent.filter(sent_at__lt=timezone.now() - retention)
        .exclude(body_text="", body_html="")
        .update(body_text="", body_html="", attachments=[])
    )
    return blanked, deleted


@transaction.atomic
def notifications_send_again(*, notification_ids) -> int:
    """Give failed notifications a fresh set of attempts; returns how many."""
    failed = Notification.objects.filter(pk__in=notification_ids, status=Notification.Status.FAILED)
    ids = list(failed.values_list("pk", flat=True))
    Notification.objects.filter(pk__in=ids).update(status=Notification.Status.PENDING, attempts=0, claimed_at=None)
    for notification_id in ids:
        _enqueue(notification_id)
    return len(ids)


def notification_mark_read(*, notification: Notification, user) -> bool:
    """Mark the user's own notification read; True if it was unread."""
    now = timezone.now()
    updated = Notification.objects.visible_to(user).unread().filter(pk=notification.pk).update(read_at=now)
    if updated:
        notification.read_at = now
    return bool(updated)


def notifications_mark_all_read(*, user) -> int:
    """Mark all the user's notifications read; returns how many were unread."""
    return Notification.objects.visible_to(user).unread().update(read_at=timezone.now())
