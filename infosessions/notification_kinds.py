"""The notifications information sessions send (recruit.notifications.kinds collects them).

A registration's changes (confirmed, waitlisted, promoted, the session cancelled) are essential: the person must
know whether they have a seat. The reminders before the session are not: the person may turn them off.
"""

from django.utils.translation import gettext_lazy as _

from recruit.notifications import kinds


def _has_registered(user) -> bool:
    """The reminders concern people who registered for a session (or did once): the settings page offers the
    topic to them only."""
    from .models import Registration

    return Registration.objects.filter(user=user).exists()


TOPICS = [
    kinds.Topic(
        "session_reminders",
        _("Reminders before information sessions you registered for"),
        applies_to=_has_registered,
    ),
]

# What the settings page lists under "always sent" for the essential ones.
REGISTRATIONS = _("Your registrations for information sessions: confirmed, waitlisted, a seat for you, cancelled")

KINDS = [
    *(
        kinds.Kind(event, label=REGISTRATIONS)
        for event in ("session_registered", "session_waitlisted", "session_promoted", "session_cancelled")
    ),
    kinds.Kind("session_reminder", topic="session_reminders"),
]
