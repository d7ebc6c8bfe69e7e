from django import template

from ..models import Notification

register = template.Library()


@register.simple_tag
def unread_notification_count(user) -> int:
    """How many of the user's notifications are unread: one count query, none for a visitor."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.visible_to(user).unread().count()
