from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "recruit.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from . import kinds

        # Every app's notification_kinds module, once, as the admin discovers admin modules.
        kinds.autodiscover()
