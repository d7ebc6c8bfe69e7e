"""What each notification event is: essential (always sent) or part of a topic its recipient may turn off.

Every app that sends notifications declares its events in `<app>/notification_kinds.py`:

    TOPICS = [Topic("pool_digest", _("Daily digest of new talent-pool matches"))]
    KINDS = [Kind("application_offer"), Kind("pool_digest", topic="pool_digest")]

`Kind(event)` without a topic is essential: account security, interviews, offers, decisions on an application, a
registration's changes. The collection is made once at start (`autodiscover`, from the app config's `ready`),
like the admin's; an event sent without a declared kind is a programming error (`UnknownEvent`), and a test
requires a kind for every `templates/emails/<event>_subject.txt`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import module_has_submodule

MODULE = "notification_kinds"


@dataclass(frozen=True)
class Topic:
    """A kind of non-essential email a user may switch off on their notification settings page.

    `applies_to(user) -> bool`, when given, says whether the settings page offers the topic to that user (a
    recruiters' digest is not a candidate's concern); without it every signed-in user sees it.
    """

    slug: str
    label: str
    help: str = ""
    applies_to: Callable | None = None

    def concerns(self, user) -> bool:
        return self.applies_to is None or bool(self.applies_to(user))


@dataclass(frozen=True)
class Kind:
    """One notification event. `topic` None: essential, always sent. `label`, for essential kinds, is the line
    the settings page lists under "always sent" (kinds with the same label are listed once)."""

    event: str
    topic: str | None = None
    label: str = ""

    @property
    def essential(self) -> bool:
        return self.topic is None


class UnknownEvent(LookupError):
    """An event no app declared in its notification_kinds module."""


_kinds: dict[str, Kind] = {}
_topics: dict[str, Topic] = {}


def autodiscover() -> None:
    """Collect TOPICS and KINDS from every installed app's notification_kinds module (again, from scratch)."""
    kinds: dict[str, Kind] = {}
    topics: dict[str, Topic] = {}
    for app_config in apps.get_app_configs():
        if not module_has_submodule(app_config.module, MODULE):
            continue
        module = import_module(f"{app_config.name}.{MODULE}")
        for topic in getattr(module, "TOPICS", []):
            if topic.slug in topics:
                raise ImproperlyConfigured(f"Notification topic {topic.slug!r} is declared twice.")
            topics[topic.slug] = topic
        for kind in getattr(module, "KINDS", []):
            if kind.event in kinds:
                raise ImproperlyConfigured(f"Notification event {kind.event!r} is declared twice.")
            kinds[kind.event] = kind
    for kind in kinds.values():
        if kind.topic is not None and kind.topic not in topics:
            raise ImproperlyConfigured(f"Notification event {kind.event!r} names an unknown topic {kind.topic!r}.")
    _kinds.clear()
    _kinds.update(kinds)
    _topics.clear()
    _topics.update(topics)


def kind_of(event: str) -> Kind:
    """The declared kind of `event`; UnknownEvent if no app declared it."""
    try:
        return _kinds[event]
    except KeyError:
        raise UnknownEvent(f"Notification event {event!r} has no Kind: declare it in its app's {MODULE}.py.") from None


def all_kinds() -> list[Kind]:
    return list(_kinds.values())


def all_topics() -> list[Topic]:
    return list(_topics.values())


def topic_named(slug: str) -> Topic | None:
    return _topics.get(slug)


def topics_for(user) -> list[Topic]:
    """The topics the settings page offers `user`, in declaration order."""
    return [topic for topic in _topics.values() if topic.concerns(user)]


def essential_labels() -> list[str]:
    """What is always sent, in words, once each, in declaration order."""
    labels: dict[str, None] = {}
    for kind in _kinds.values():
        if kind.essential and kind.label:
            labels.setdefault(str(kind.label))
    return list(labels)
