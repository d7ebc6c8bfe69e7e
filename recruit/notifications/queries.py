"""Reads of the outbox: whose notifications a user sees."""

from django.db import models


class NotificationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The user's own notifications; nobody else's, and none for a visitor."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)

    def for_list(self):
        """What the in-app list shows: the bodies and attachments stay in the database."""
        return self.defer("body_text", "body_html", "attachments")
