from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StarConfig(AppConfig):
    name = "star"
    label = "star"
    verbose_name = _("Star research track")
