from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfoSessionsConfig(AppConfig):
    name = "infosessions"
    label = "infosessions"
    verbose_name = _("Information sessions")
