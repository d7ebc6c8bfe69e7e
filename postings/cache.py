"""Cached public pages that are never stale.

The public pages are read far more than the catalogue changes, so their
expensive parts (the board's results and counts, the home figures, a
posting's similar roles) are rendered once and kept in the cache under a key
that names everything they depend on:

- the catalogue version, a token in one database row (CatalogueVersion) that
  triggers change in the same transaction as any write to postings, programs,
  units, categories, locations, skills or information sessions. A row rather
  than a key in the cache: every process reads the same value with any cache
  backend (the local-memory cache of `make run` and the benchmark included),
  a bulk `update()` in a task or an admin action cannot forget to bump it, and
  an empty or restarted cache loses nothing. It costs one query by primary key
  per request;
- the request's parameters, language, time zone (and the visitor's own, for
  information sessions) and host;
- what the page shows of the viewer (a signed-in candidate's degree and
  graduation date for "roles I can apply to"), never who they are.

An entry also ends at the catalogue's next time-driven change (a closing date
or an application period passing, an information session ending), computed
once per version, so a role that closes at noon leaves the board at noon.

The personal parts of a page (the navigation, messages, the apply panel) are
never in a shared entry. A page is kept whole for visitors without cookies
(the same for all of them); for anyone else (signed in, or with a session)
the page is kept as a shell, with a marker where each personal part goes
(the `{% personal %}` tag, recruit/accounts/templatetags/personal_parts.py),
and only those parts are rendered for the request. What they show of a
signed-in user (the unread count, their studies, whether they may apply) is
itself cached under their personal version (recruit/accounts/personal.py), so
a signed-in page costs about what a visitor's does.

A cache that is down or fails only costs speed: the cache backend itself
fails open (recruit/cache.py), so a failed read is a miss and the page is
computed as if nothing had been cached.
"""

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import Min, Q
from django.http import HttpResponse
from django.utils import timezone, translation

from recruit.accounts.templatetags.personal_parts import fill_personal
from recruit.accounts.timezones import visitor_time_zone

from .models import CatalogueVersion, InfoSession, Posting, Program

# An entry lives at most this long (seconds), so old versions leave the cache by themselves.
MAX_AGE = 3600
# The smallest step of time the database stores: a posting closing at `t` is still public at `t`.
TICK = dt.timedelta(microseconds=1)


def catalogue_version() -> int:
    """The catalogue's current token (one query); recreates the row if it went missing."""
    # Read on every public page: plain SQL, as building the ORM query costs
    # five times what the database takes to answer it.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {CatalogueVersion._meta.db_table} WHERE id = 1")  # noqa: S608
        row = cursor.fetchone()
    token = row[0] if row else None
    if token is None:
        # A flushed database: put the row back with a token no entry was stored under.
        token = secrets.randbits(62)
        try:
            with transaction.atomic():
                CatalogueVersion.objects.create(pk=1, token=token)
        except IntegrityError:
            token = CatalogueVersion.objects.values_list("token", flat=True).get(pk=1)
    return token


def next_change(now: dt.datetime) -> dt.datetime:
    """The first moment after `now` at which a public page changes with no write: a posting's
    publishing time or closing date or a program's period passing, an information session ending."""
    posting = Posting.objects.filter(status=Posting.Status.PUBLISHED).aggregate(
        closes=Min("closes_at", filter=Q(closes_at__gte=now)),
        publishes=Min("published_at", filter=Q(published_at__gt=now)),
    )
    program = Program.objects.aggregate(
        opens=Min("applications_open", filter=Q(applications_open__gt=now)),
        closes=Min("applications_close", filter=Q(applications_close__gte=now)),
    )
    session = InfoSession.objects.filter(ends_at__gte=now).aggregate(ends=Min("ends_at"))
    moments = [
        program["opens"],
        posting["publishes"],
        *(moment + TICK for moment in (posting["closes"], program["closes"], session["ends"]) if moment),
    ]
    return min([moment for moment in moments if moment] + [now + dt.timedelta(seconds=MAX_AGE)])


def _cache_set(key: str, value, seconds: float) -> None:
    cache.set(key, value, max(1, int(seconds)))


class Catalogue:
    """The cache of one request, bound to the catalogue version it read first."""

    def __init__(self, request=None):
        self.now = timezone.now()
        self.token = catalogue_version()
        self.context = (
            translation.get_language(),
            timezone.get_current_timezone_name(),
            # Information sessions show the visitor's own time beside the session's.
            visitor_time_zone(request) if request is not None else None,
            request.get_host() if request is not None else "",
            request.is_secure() if request is not None else False,
        )

    def _key(self, name: str, parts) -> str:
        digest = hashlib.sha256(repr((self.context, parts)).encode()).hexdigest()[:32]
        return f"catalogue:{self.token}:{name}:{digest}"

    def valid_until(self) -> dt.datetime:
        key = f"catalogue:{self.token}:next-change"
        until = cache.get(key)
        if until is None or until <= self.now:
            until = next_change(self.now)
            _cache_set(key, until, (until - self.now).total_seconds())
        return until

    def get(self, name: str, parts):
        entry = cache.get(self._key(name, parts))
        if entry is not None and timezone.now() < entry[0]:
            return entry[1]
        return None

    def put(self, name: str, parts, value) -> None:
        until = self.valid_until()
        _cache_set(self._key(name, parts), (until, value), (until - self.now).total_seconds())

    def cached(self, name: str, parts, compute: Callable):
        """`compute()`'s value, from the cache while the catalogue is unchanged (None is never kept)."""
        value = self.get(name, parts)
        if value is None:
            value = compute()
            if value is not None:  # None means "nothing to show" (a 404): not worth an entry
                self.put(name, parts, value)
        return value


def is_plain_visitor(request) -> bool:
    """No session and no messages: the request is answered the same for every such visitor."""
    return not (request.COOKIES.get(settings.SESSION_COOKIE_NAME) or request.COOKIES.get("messages"))


def shareable(request, response) -> bool:
    """Whether a rendered page holds nothing of this request: no CSRF token, no CSP nonce, no cookie set."""
    nonce = getattr(request, "_csp_nonce", None)
    return (
        response.status_code == 200
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not nonce
    )


def cached_page(
    request,
    catalogue: Catalogue,
    name: str,
    parts,
    render_page: Callable[[], HttpResponse],
    personal_context: dict | None = None,
) -> HttpResponse:
    """A plain visitor's whole page from the cache; anyone else's from the page's cached shell, with its
    personal parts rendered for them (given `personal_context` besides the request's own)."""
    if is_plain_visitor(request):
        html = catalogue.get(f"{name}:page", parts)
        if html is not None:
            return HttpResponse(html)
        response = render_page()
        if shareable(request, response):
            catalogue.put(f"{name}:page", parts, response.content.decode())
        return response
    html = catalogue.get(f"{name}:shell", parts)
    if html is None:
        request.personal_later = True
        try:
            response = render_page()
        finally:
            request.personal_later = False
        html = response.content.decode()
        if shareable(request, response):
            catalogue.put(f"{name}:shell", parts, html)
    else:
        response = HttpResponse()
    response.content = fill_personal(html, request, personal_context)
    return response
