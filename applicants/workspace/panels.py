"""Panels other apps add to a unit's dashboard, without the dashboard knowing them (applicants never imports them).

An app appends a callable `(request, unit) -> HTML` to DASHBOARD_PANELS from its AppConfig.ready (the talent pool
adds its figures). The HTML is what `render_to_string` returns (a SafeString); plain text is escaped. The dashboard
is kept in the cache under the unit's pipeline version (pagecache.py): a panel shows only what the triggers of that
version watch, so an app adds triggers for its own tables (`pipeline_version.watch_pipeline`).
"""

from collections.abc import Callable

from django.utils.html import conditional_escape

DASHBOARD_PANELS: list[Callable] = []


def dashboard_panels(request, unit) -> list[str]:
    """Each registered panel rendered for this unit, in the order they were added; empty ones left out."""
    return [html for panel in DASHBOARD_PANELS if (html := conditional_escape(panel(request, unit)))]
