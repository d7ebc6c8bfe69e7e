"""The portal's name, in the language of the page or email it is written in."""

from django.conf import settings
from django.utils.translation import gettext


def site_name() -> str:
    """SITE_NAME when set (one name in every language); else the portal's own name, translated."""
    return settings.SITE_NAME or gettext("Campus Recruitment 2027")
