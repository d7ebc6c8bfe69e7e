from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalentPoolConfig(AppConfig):
    name = "talentpool"
    verbose_name = _("Talent pool")

    def ready(self):
        from applicants.workspace.panels import DASHBOARD_PANELS

        # The applicants services send these signals inside their transactions; the pool keeps its entries
        # current in the same transaction. applicants never imports talentpool (dependencies point one way), so
        # the pool's panel on a unit's dashboard goes through the dashboard's registry.
        from . import receivers  # noqa: F401
        from .figures_views import dashboard_panel

        if dashboard_panel not in DASHBOARD_PANELS:
            DASHBOARD_PANELS.append(dashboard_panel)
