from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalentPoolConfig(AppConfig):
    name = "talentpool"
    verbose_name = _("Talent pool")

    def ready(self):
        # The applicants services send these signals inside their transactions; the pool keeps its entries
        # current in the same transaction. applicants never imports talentpool (dependencies point one way).
        from . import receivers  # noqa: F401
