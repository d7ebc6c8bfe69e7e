"""Workspace pages kept in the cache while nothing they show changes.

A unit's applicant list and a posting's board are read far more often than the unit's applications change: a
recruiter pages, sorts and filters, goes to an application and back. Each is rendered once and kept under a key
that names everything it depends on:

- the unit's pipeline version (applicants/pipeline_version.py), which triggers change in the same transaction as
  any write to what the page shows, so a move, a new application or a changed profile is seen at the next request;
- the viewer and their personal version (their unit roles, their account), since what a unit's page shows
  depends on who looks (a viewer sees no applicants, an admin's frame has more sections);
- the address (path and query string), the language, the time zone, the host, and whether htmx asked;
- time: an entry ends at the first moment the page would change by itself (`until`, given by the view: a row's
  days in stage growing by one, an application entering a "days in stage" filter), and after MAX_AGE anyway.

Who may see the page is decided before, for every request: the view's access check (workspace_unit,
workspace_posting) runs first, and a cached page is only ever served to the one user it was rendered for.

What changes on every request is left out of the kept HTML: the messages and the site navigation are
`{% personal %}` parts filled in for the request (recruit/accounts/templatetags/personal_parts.py), and the CSRF
token is rendered as a random stand-in, replaced by the request's own token.
"""

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation

from recruit.accounts.personal import personal_token
from recruit.accounts.templatetags.personal_parts import fill_personal

from ..pipeline_version import pipeline_version

# An entry lives at most this long (seconds), so entries under old versions leave the cache by themselves.
MAX_AGE = 3600


def _key(request, name: str, unit_id: int, extra) -> str:
    parts = (
        extra,
        request.user.pk,
        personal_token(request.user),
        translation.get_language(),
        timezone.get_current_timezone_name(),
        request.get_host(),
        request.is_secure(),
        bool(getattr(request, "htmx", False)),
        request.get_full_path(),
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"workspace-page:{name}:{unit_id}:{pipeline_version(unit_id)}:{digest}"


def cached_page(
    request,
    *,
    name: str,
    unit_id: int,
    render_page: Callable[[str], tuple[HttpResponse, dt.datetime]],
    parts=(),
) -> HttpResponse:
    """The page from the cache while the unit's pipeline is unchanged; else `render_page(csrf_stand_in)`, which
    renders it with `csrf_stand_in` as the CSRF token and says until when it holds. `parts`: what else the page
    depends on (repr-able values).

    A GET or HEAD of a signed-in user only (the views are); anything else is rendered and not kept."""
    if request.method not in ("GET", "HEAD") or not request.user.is_authenticated:
        return render_page(get_token(request))[0]
    key = _key(request, name, unit_id, parts)
    entry = cache.get(key)
    now = timezone.now()
    if entry is not None and now < entry[0]:
        _until, html, stand_in = entry
        return HttpResponse(_fill(html, request, stand_in))
    stand_in = secrets.token_urlsafe(24)
    request.personal_later = True
    try:
        response, until = render_page(stand_in)
    finally:
        request.personal_later = False
    html = response.content.decode()
    until = min(until, now + dt.timedelta(seconds=MAX_AGE))
    if response.status_code == 200 and not response.cookies and until > now:
        cache.set(key, (until, html, stand_in), max(1, int((until - now).total_seconds())))
    response.content = _fill(html, request, stand_in)
    return response


def _fill(html: str, request, stand_in: str) -> str:
    html = fill_personal(html, request)
    return html.replace(stand_in, get_token(request)) if stand_in in html else html


def next_day_tick(entered: list[dt.datetime], now: dt.datetime) -> dt.datetime:
    """The first moment after `now` at which one of these entries into a stage gets a day older (a row's "days in
    stage" grows), or `now` plus a day when there are none."""
    ticks = [moment + dt.timedelta(days=(now - moment).days + 1) for moment in entered if moment is not None]
    return min(ticks, default=now + dt.timedelta(days=1))
