from django import template

from recruit.accounts.personal import personal_cached

from ..models import Notification

register = template.Library()


@register.simple_tag
def unread_notification_count(user) -> int:
    """How many of the user's notifications are unread: cached until one arrives or is read; 0 for a visitor."""
    if not user.is_authenticated:
        return 0
    return personal_cached(
        user, "unread-notifications", lambda: Notification.objects.visible_to(user).unread().count()
    )
