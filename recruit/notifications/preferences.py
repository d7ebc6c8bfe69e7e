"""Which non-essential notifications a user gets, and the one-click unsubscribe link that turns a topic off.

A topic is on until its user turns it off (on the settings page, or with the link in one of its emails). The link
is signed (django.core.signing, with a salt of its own, so no other signed value of the portal passes for one),
names the user and the topic, and does not expire: an email read months later must still unsubscribe (RFC 8058).
"""

from django.core import signing
from django.db import transaction
from django.urls import reverse

from . import kinds
from .models import NotificationPreference

SALT = "recruit.notifications.unsubscribe"


class BadUnsubscribeLink(Exception):
    """A link that was not made by the portal (or was changed): nothing may be done with it."""


class StaleUnsubscribeLink(Exception):
    """A genuine link whose account or topic no longer exists."""


def topic_enabled(*, user, topic: str) -> bool:
    """Whether `user` gets the notifications of `topic` (read in the caller's transaction)."""
    return not NotificationPreference.objects.filter(user=user, topic=topic, enabled=False).exists()


def preferences_of(user) -> dict[str, bool]:
    """Topic slug -> on or off, for every topic `user` ever chose; a topic missing from it is on."""
    return dict(NotificationPreference.objects.filter(user=user).values_list("topic", "enabled"))


@transaction.atomic
def preferences_set(*, user, choices: dict[str, bool]) -> list[str]:
    """Turn topics on or off for `user`; returns the slugs that changed. Unknown topics are a caller's mistake."""
    unknown = [slug for slug in choices if kinds.topic_named(slug) is None]
    if unknown:
        raise ValueError(f"Unknown notification topics: {', '.join(unknown)}.")
    current = preferences_of(user)
    changed = [slug for slug, enabled in choices.items() if current.get(slug, True) != enabled]
    for slug in changed:
        NotificationPreference.objects.update_or_create(user=user, topic=slug, defaults={"enabled": choices[slug]})
    return changed


def unsubscribe_token(*, user, topic: str) -> str:
    return signing.dumps([user.pk, topic], salt=SALT, compress=True)


def unsubscribe_path(*, user, topic: str) -> str:
    """The path of `user`'s unsubscribe page for `topic`, in the active language (a public page: /zh-hans/…)."""
    return reverse("unsubscribe", args=[unsubscribe_token(user=user, topic=topic)])


def unsubscribe_target(token: str):
    """(user, Topic) the link names. BadUnsubscribeLink for a forged or mangled link; StaleUnsubscribeLink when
    the account is gone or the topic no longer exists."""
    from django.contrib.auth import get_user_model

    try:
        value = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, UnicodeError, OverflowError):
        raise BadUnsubscribeLink from None
    if not (
        isinstance(value, list)
        and len(value) == 2
        and isinstance(value[0], int)
        and not isinstance(value[0], bool)
        and isinstance(value[1], str)
    ):
        raise BadUnsubscribeLink
    user_id, slug = value
    topic = kinds.topic_named(slug)
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first() if 0 < user_id < 2**63 else None
    if user is None or topic is None:
        raise StaleUnsubscribeLink
    return user, topic
