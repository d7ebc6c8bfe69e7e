"""Odd input from outside, on every route: never a 500, forbidden objects 404, nothing echoed raw.

The routes come from the URL configuration itself (`get_resolver()`), so a
route added later is probed without anyone remembering to list it; the admin
is left to Django's own tests. Each route is asked as a visitor and as a
signed-in candidate (Alice), with unknown ids, odd query strings, odd POST
bodies, unusual methods and htmx headers. One test per route, persona and
kind of probe; a failure lists every URL and input that broke the rule.
"""

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter
from django.utils import timezone, translation

from applicants.models import Application, CandidateProfile, Resume
from postings.models import Posting
from recruit.notifications.models import Notification
from tests.factories import (
    ApplicationFactory,
    CandidateProfileFactory,
    InfoSessionFactory,
    PostingFactory,
    ProgramFactory,
    ResumeFactory,
    UserFactory,
    verify_email,
)

pytestmark = pytest.mark.django_db

# --- The routes ---------------------------------------------------------------

# Namespaces and names left out: the admin has its own staff-only rules.
SKIPPED_NAMESPACES = {"admin"}
# Ids that exist for nobody: the smallest, past a 64-bit key, past 32 bits, the largest key.
ODD_IDS = (0, 2**63, 2**63 - 1, 2**31, 10**30, -1)
# Fixed ids for the objects of the world below, apart from each other and from
# any id a factory hands out, so an id probed on one route never happens to
# name another kind of object.
ALICE_RESUME, ALICE_APPLICATION, ALICE_NOTIFICATION = 7101, 7102, 7103
BOB_RESUME, BOB_APPLICATION, BOB_NOTIFICATION, BOB_POSTING = 7201, 7202, 7203, 7204
PUBLIC_POSTING, CLOSED_POSTING, DRAFT_POSTING, FUTURE_POSTING, UNOPENED_POSTING = 7001, 7002, 7003, 7004, 7005
# Roles nobody outside may know of yet: a draft, and a published role of a program that has not opened.
UNPUBLISHED_IDS = (DRAFT_POSTING, UNOPENED_POSTING)
WORLD_IDS = (PUBLIC_POSTING, CLOSED_POSTING, DRAFT_POSTING, ALICE_RESUME, ALICE_APPLICATION, ALICE_NOTIFICATION)
BOB_IDS = (BOB_RESUME, BOB_APPLICATION, BOB_NOTIFICATION)
# Personal pages: where a no-store middleware, once the project has one, must mark every answer.
PERSONAL_PREFIXES = ("/me/", "/accounts/")

MARKER = '<x-probe-7 id="p">\'"'


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name", as reverse() takes it
    pattern: str
    int_kwargs: tuple[str, ...]
    other_kwargs: tuple[str, ...]

    def __str__(self):
        return self.pattern or "/"

    def urls(self, value) -> list[str]:
        """The route's URL with every id set to `value` (none if the converter refuses it)."""
        kwargs = {name: value for name in self.int_kwargs}
        kwargs |= {name: "x0-probe" for name in self.other_kwargs}
        try:
            return [reverse(self.name, kwargs=kwargs)]
        except NoReverseMatch:
            return []

    @property
    def has_ids(self) -> bool:
        return bool(self.int_kwargs)


def _walk(patterns, prefix="", namespaces=()):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in SKIPPED_NAMESPACES:
                continue
            spaces = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), spaces)
        elif isinstance(entry, URLPattern) and entry.name:
            converters = getattr(entry.pattern, "converters", {})
            groups = entry.pattern.regex.groupindex
            int_kwargs = tuple(name for name in groups if isinstance(converters.get(name), IntConverter))
            other = tuple(name for name in groups if name not in int_kwargs)
            yield Route(":".join((*namespaces, entry.name)), prefix + str(entry.pattern), int_kwargs, other)


ROUTES = list(_walk(get_resolver().url_patterns))
# The same walk with Chinese active: the public pages' /zh-hans/ addresses (i18n_patterns).
with translation.override("zh-hans"):
    PUBLIC_ROUTES_BY_LANGUAGE = list(_walk(get_resolver().url_patterns))
ID_ROUTES = [route for route in ROUTES if route.has_ids]
PERSONAS = ("visitor", "candidate")


def test_the_probe_finds_the_routes_it_is_meant_to_probe():
    names = {route.name for route in ROUTES}
    assert {"postings:board", "postings:detail", "applicants:dashboard", "healthz", "account_login"} <= names
    assert not any(route.name.startswith("admin:") for route in ROUTES)


# --- The world ------------------------------------------------------------------


@pytest.fixture
def world(settings, tmp_path):
    """A public, a closed, a draft and a future posting; Alice's and Bob's resume, application, notification."""
    settings.MEDIA_ROOT = tmp_path
    cache.clear()  # rate-limit counters of earlier tests would turn these probes into 429s
    program = ProgramFactory()
    now = timezone.now()
    PostingFactory(id=PUBLIC_POSTING, program=program)
    PostingFactory(id=CLOSED_POSTING, program=program, status=Posting.Status.CLOSED)
    PostingFactory(id=DRAFT_POSTING, program=program, status=Posting.Status.DRAFT, published_at=None)
    PostingFactory(id=FUTURE_POSTING, program=program, published_at=now + dt.timedelta(days=3))
    later = ProgramFactory(
        slug="2028-internship",
        name="2028 Internship",
        applications_open=now + dt.timedelta(days=60),
        applications_close=now + dt.timedelta(days=120),
    )
    PostingFactory(id=UNOPENED_POSTING, program=later, title="Unannounced role")
    InfoSessionFactory(program=program)
    alice = verify_email(UserFactory(email="alice@example.com", name="Alice Candidate"))
    bob = verify_email(UserFactory(email="bob@example.com", name="Bob Candidate"))
    for person, resume_id, application_id, notification_id, posting_id in (
        (alice, ALICE_RESUME, ALICE_APPLICATION, ALICE_NOTIFICATION, PUBLIC_POSTING),
        (bob, BOB_RESUME, BOB_APPLICATION, BOB_NOTIFICATION, BOB_POSTING),
    ):
        CandidateProfileFactory(user=person)
        resume = ResumeFactory(id=resume_id, candidate=person)
        posting = (
            PostingFactory(id=BOB_POSTING, program=program)
            if posting_id == BOB_POSTING
            else Posting.objects.get(pk=posting_id)
        )
        ApplicationFactory(id=application_id, candidate=person, posting=posting, resume=resume)
        Notification.objects.create(
            id=notification_id,
            recipient=person,
            email=person.email,
            event="application_received",
            key=f"probe-{notification_id}",
            subject=f"About {person.name}",
            body_text="Text",
            link=f"/me/applications/{application_id}/",
        )
    return {"alice": alice, "bob": bob}


@pytest.fixture
def ask(world):
    """ask(persona) -> a function that makes one request and records what broke a rule."""

    def for_persona(persona, user=None):
        user = user or world["alice"]
        client = Client(raise_request_exception=False)
        problems = []
        signed_in = set()

        def request(method, url, *, label="", data=None, content_type=None, headers=None, client_=None):
            used = client_ or client
            if persona == "candidate" and id(used) not in signed_in:
                used.force_login(user)
                signed_in.add(id(used))
            if method not in {"GET", "HEAD", "OPTIONS"}:
                signed_in.discard(id(used))  # a probe may sign her out: sign in again before the next
            kwargs = {"headers": headers or {}}
            if data is not None:
                kwargs["data"] = data
            if content_type is not None:
                kwargs["content_type"] = content_type
            response = getattr(used, method.lower())(url, **kwargs)
            where = f"{method} {url} {label}".strip()
            problems.extend(f"{where}: {response.status_code}: {problem}" for problem in _broken_rules(url, response))
            return response

        request.problems = problems
        return request

    return for_persona


def _broken_rules(url, response) -> list[str]:
    """The rules every answer keeps, whatever was asked."""
    problems = []
    status = response.status_code
    if status >= 500:
        error = response.exc_info[1] if getattr(response, "exc_info", None) else ""
        problems.append(f"{status} {error!r}")
    if 300 <= status < 400 and "Location" in response:
        location = response["Location"]
        if _leaves_the_site(location):
            problems.append(f"redirects off the site to {location!r}")
    content = _text(response)
    if "<x-probe-7" in content:
        problems.append("echoes the input unescaped")
    if content and "Content-Type" not in response:
        problems.append("has a body but no Content-Type")
    kind = response.get("Content-Type", "")
    if kind.startswith("text/") and "charset" not in kind and status != 405:
        problems.append(f"Content-Type without a charset: {kind!r}")
    if response.get("X-Content-Type-Options") != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff")
    return problems


def _leaves_the_site(location: str) -> bool:
    """Whether a browser would follow `location` to another host (it strips leading spaces and controls)."""
    location = location.lstrip("".join(map(chr, range(33))))
    if location.startswith("//") or "\\" in location:
        return True
    parts = urlsplit(location)
    return bool(parts.scheme or parts.netloc) and (parts.scheme, parts.netloc) != ("http", "testserver")


def _text(response) -> str:
    if getattr(response, "streaming", False):
        return ""
    return response.content.decode(errors="replace")


def _no_store_middleware() -> bool:
    """Whether the project marks personal pages no-store in one place (a middleware named for it)."""
    return any(re.search(r"no_?store", entry, re.IGNORECASE) for entry in settings.MIDDLEWARE)


def _params(routes):
    return [pytest.param(route, persona, id=f"{persona}-{route}") for route in routes for persona in PERSONAS]


def _urls_to_probe(request, route) -> list[str]:
    """The route's own URL; for a route with ids, the ids of the world it answers 200 to (or the first)."""
    if not route.has_ids:
        return route.urls(None)
    answering = [url for value in WORLD_IDS for url in route.urls(value) if request("GET", url).status_code == 200]
    return answering[:2] or route.urls(WORLD_IDS[0])


def _assert_no_problems(request):
    assert not request.problems, "\n".join(request.problems)


# --- Unknown ids ------------------------------------------------------------------


@pytest.mark.parametrize(("route", "persona"), _params(ID_ROUTES))
def test_unknown_and_unpublished_ids_answer_404(ask, route, persona):
    """Ids of nothing, and of roles not yet public: 404 on every URL, so no id is confirmed."""
    request = ask(persona)
    for value in (*ODD_IDS, *UNPUBLISHED_IDS):
        for url in route.urls(value):
            for method in ("GET", "POST"):
                response = request(method, url)
                allowed = {404, 405} | ({302} if persona == "visitor" else set())
                if response.status_code not in allowed:
                    request.problems.append(f"{method} {url}: {response.status_code}, expected one of {allowed}")
                if "Unannounced role" in _text(response):
                    request.problems.append(f"{method} {url}: shows the title of a role not yet public")
    _assert_no_problems(request)


@pytest.mark.parametrize("route", [route for route in ID_ROUTES if route.pattern.startswith("me/")], ids=str)
def test_other_candidates_objects_answer_404_and_stay_as_they_are(ask, world, route):
    request = ask("candidate")
    before = _bobs_state()
    for value in BOB_IDS:
        for url in route.urls(value):
            for method in ("GET", "POST"):
                response = request(method, url, data={"confirm": "DELETE", "direction": "up"})
                if response.status_code not in {404, 405}:
                    request.problems.append(f"{method} {url} (Bob's id): {response.status_code}, expected 404")
    _assert_no_problems(request)
    assert _bobs_state() == before


def _bobs_state():
    return (
        list(Resume.objects.filter(pk=BOB_RESUME).values_list("is_current", flat=True)),
        list(Application.objects.filter(pk=BOB_APPLICATION).values_list("status", flat=True)),
        list(Notification.objects.filter(pk=BOB_NOTIFICATION).values_list("read_at", flat=True)),
    )


# --- Query strings ------------------------------------------------------------------

LONG = "engineer " * 556  # about 5,000 characters
ODD_QUERIES = {
    "page=abc": "page=abc",
    "page=0": "page=0",
    "page=-1": "page=-1",
    "page=huge": "page=99999999",
    "page=float": "page=1e9",
    "q=NUL": "q=%00",
    "q=NUL-inside": "q=ai%00engineer&page=%00",
    "q=5000": "q=" + LONG.replace(" ", "+"),
    "q=emoji-rtl": "q=%F0%9F%A4%96%E2%80%AE%E2%80%8Fengineer%E2%80%AC",
    "q=lone-surrogate": "q=%ED%A0%80&name=%ED%B0%80",
    "q=bad-utf8": "q=%FF%FE%C3",
    "q=only-punctuation": "q=%22%27%28%29%2A%3A%26%7C%21%5C",
    "q=sql": "q=%27%20OR%201%3D1--",
    "q=tsquery": "q=a%20%26%20%21b%20%7C%20c%3A%2A",
    "repeated": "unit=a&unit=b&category=a&category=a&location=x&q=a&q=b&page=1&page=2",
    "unknown-slugs": "unit=nope&category=nope&location=nope&program=nope&degree=nope",
    "ai=yes": "ai=yes",
    "ai=list": "ai=1&ai=0&ai=",
    "marker": "q={m}&unit={m}&next={m}&page={m}&program={m}&graduation_date={m}",
    "next-offsite": "next=%2F%2Fevil.example%2F&redirect_to=https%3A%2F%2Fevil.example",
    "next-backslash": "next=%2F%5Cevil.example",
    "graduation_date": "graduation_date=2027-13-45",
    "graduation_date-year": "graduation_date=99999-01-01",
    "empty-keys": "=&&=x&%00=1",
}


def _quote(text):
    return quote(text, safe="")


def _probe_queries(request, url):
    for label, query in ODD_QUERIES.items():
        request("GET", f"{url}?{query.format(m=_quote(MARKER))}", label=f"[{label}]")


# --- POST bodies ------------------------------------------------------------------

# Field names the project's forms and allauth's use; unknown ones are ignored by forms.
FIELDS = (
    *("q", "name", "email", "login", "password", "password1", "password2", "oldpassword", "remember", "next"),
    *("time_zone", "confirm", "application", "direction", "graduation_date", "phone", "school", "degree_level"),
    *("major", "links", "skills", "preferred_categories", "preferred_locations", "languages", "consent"),
    *("open_to_reassignment", "cross_border_consent", "pool_consent", "file", "code", "key"),
)
ODD_BODIES = {
    "empty": {},
    "huge": {name: "x" * 50_000 for name in FIELDS},
    "too-big": {"q": "x" * 3_000_000},
    "many-fields": {f"f{n}": "1" for n in range(2000)},
    "wrong-types": {
        "application": "abc",
        "direction": "sideways",
        "graduation_date": "2027-02-30",
        "degree_level": "wizard",
        "skills": ["abc", "-1", "99999999999999999999"],
        "preferred_locations": "0",
        "cross_border_consent": "maybe",
        "time_zone": ["Europe/Berlin", "Mars/Olympus"],
        "remember": "sure",
        "file": "not a file",
        "email": "not-an-email",
        "confirm": ["x", "y"],
        "consent": "give",
    },
    "out-of-range": {"application": str(2**63), "skills": str(2**63), "preferred_categories": "-1"},
    "nul": dict.fromkeys(FIELDS, "a\x00b"),
    "marker": dict.fromkeys(FIELDS, MARKER),
    "offsite-next": {"next": "//evil.example/", "time_zone": "UTC"},
}
FORM = "application/x-www-form-urlencoded"
ONE_CLICK_UNSUBSCRIBE = ("/unsubscribe/", "/zh-hans/unsubscribe/")
RAW_BODIES = {
    "json": ('{"q": [1, {"a": null}]', "application/json"),
    "bad-multipart": ('--x\r\nContent-Disposition: form-data; name="file"\r\n\r\n', "multipart/form-data"),
    "text": ("\x00\xff" * 100, "text/plain"),
    "bad-utf8-form": ("q=%ED%A0%80&name=%FF%FE&email=%C3&time_zone=%ED%B0%80&next=%2F%ED%A0%80", FORM),
    "emoji-rtl-form": ("name=%F0%9F%A4%96%E2%80%AE&school=%E2%80%8F%E2%80%AC&links=https%3A%2F%2F%E2%80%AE", FORM),
}


def _probe_bodies(request, url):
    for label, data in ODD_BODIES.items():
        request("POST", url, data=data, label=f"[{label}]")
    for label, (body, content_type) in RAW_BODIES.items():
        request("POST", url, data=body, content_type=content_type, label=f"[{label}]")
    # Without its CSRF token a POST is refused (403), never served or failed. The one-click unsubscribe takes no
    # token (RFC 8058: mail programs POST it): its signed link is the permission, and a bad one answers 400.
    strict = Client(enforce_csrf_checks=True, raise_request_exception=False)
    response = request("POST", url, data={"q": "x"}, label="[no CSRF token]", client_=strict)
    refused = {403, 405, 404} | ({400} if url.startswith(ONE_CLICK_UNSUBSCRIBE) else set())
    if response.status_code not in refused:
        request.problems.append(f"POST {url} without a CSRF token: {response.status_code}, expected 403")


# --- Methods and htmx -----------------------------------------------------------------

HTMX = {"HX-Request": "true", "HX-Current-URL": "http://testserver/jobs/", "HX-Target": "results"}
# A visitor's junk session id; a candidate's is replaced when the probe signs her in.
ODD_COOKIES = {
    "time_zone": "Mars/Olympus",
    "csrftoken": "x" * 300,
    "django_language": "xx",
    "messages": "junk",
    "sessionid": "junk\x00",
}
HTMX_ODD = {"HX-Request": "true", "HX-History-Restore-Request": "true", "HX-Trigger": MARKER, "HX-Target": MARKER}


def _probe_methods(request, url):
    for method in ("HEAD", "OPTIONS", "PUT", "DELETE"):
        request(method, url)
    request("GET", url, headers=HTMX, label="[htmx]")
    request("GET", url, headers=HTMX_ODD, label="[htmx odd headers]")
    request("GET", f"{url}?page=abc&q=%00", headers=HTMX, label="[htmx odd query]")
    request("POST", url, data={}, headers=HTMX, label="[htmx empty post]")
    request("GET", url, headers={"Accept-Language": "zz-ZZ;q=2,,*;q=abc", "Accept": "*/*;q=x"}, label="[headers]")
    odd_cookies = Client(raise_request_exception=False)
    for name, value in ODD_COOKIES.items():
        odd_cookies.cookies[name] = value
    request("GET", url, label="[odd cookies]", client_=odd_cookies)


@pytest.mark.parametrize(("route", "persona"), _params(ROUTES))
def test_odd_input_never_breaks_a_page(ask, route, persona):
    """Odd query strings, other methods and htmx headers, then odd POST bodies (last: they may change things)."""
    request = ask(persona)
    urls = _urls_to_probe(request, route)
    for url in urls:
        _probe_queries(request, url)
        _probe_methods(request, url)
    for url in urls:
        _probe_bodies(request, url)
    _assert_no_problems(request)


CHINESE_ROUTES = [route for route in PUBLIC_ROUTES_BY_LANGUAGE if route.pattern.startswith("zh-hans/")]


@pytest.mark.parametrize(("route", "persona"), _params(CHINESE_ROUTES))
def test_odd_input_never_breaks_a_chinese_page(ask, route, persona):
    """The Chinese address of every public page, probed like the English one (queries, methods, htmx)."""
    request = ask(persona)
    with translation.override("zh-hans"):
        urls = [url for url in _urls_to_probe(request, route) if url.startswith("/zh-hans/")]
    assert urls, route
    for url in urls:
        _probe_queries(request, url)
        _probe_methods(request, url)
    _assert_no_problems(request)


def test_head_answers_like_get_without_a_body(ask):
    request = ask("visitor")
    for url in ("/", "/jobs/", f"/jobs/{PUBLIC_POSTING}/", "/sessions/", "/privacy/", "/robots.txt"):
        get, head = request("GET", url), request("HEAD", url)
        assert head.status_code == get.status_code == 200, url
        assert head.content == b"", url
        assert head["Content-Type"] == get["Content-Type"], url
    _assert_no_problems(request)


# --- Personal pages are not stored -------------------------------------------------------


PERSONAL_ROUTES = [route for route in ROUTES if route.pattern.startswith(("me/", "accounts/"))]


@pytest.mark.parametrize("route", PERSONAL_ROUTES, ids=str)
def test_personal_pages_are_never_stored(ask, route):
    """Downloads always; every personal page once the project marks them in one place (a no-store middleware)."""
    request = ask("candidate")
    marks_them = _no_store_middleware()
    for url in _urls_to_probe(request, route):
        response = request("GET", url)
        download = "attachment" in response.get("Content-Disposition", "")
        must = response.status_code == 200 and (download or (marks_them and url.startswith(PERSONAL_PREFIXES)))
        if must and "no-store" not in response.get("Cache-Control", ""):
            request.problems.append(f"GET {url}: Cache-Control {response.get('Cache-Control')!r}")
    _assert_no_problems(request)


# --- One person's data never reaches another ---------------------------------------------

CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PUBLIC_ROUTES = [route for route in ROUTES if not route.pattern.startswith(("me/", "accounts/"))]


@pytest.mark.parametrize("route", PUBLIC_ROUTES, ids=str)
def test_a_page_alice_saw_shows_nothing_of_hers_to_the_next_person(ask, world, route):
    """Alice asks first (filling any cache), then Bob and a visitor ask the same: none of her data.

    A page that does show her data is private to her browser: never `public`, and it varies on the cookie.
    """
    alice, bob, visitor = ask("candidate"), ask("candidate", world["bob"]), ask("visitor")
    for url in _urls_to_probe(alice, route):
        for headers in ({}, HTMX):
            mine = alice("GET", url, headers=headers)
            # Her name, her address, and her form tokens (masked anew on every answer: a copy means a cache).
            hers = ("Alice Candidate", "alice@example.com", *CSRF_TOKEN.findall(_text(mine)))
            if any(text in _text(mine) for text in hers):
                control = mine.get("Cache-Control", "")
                if "public" in control or ("Cookie" not in mine.get("Vary", "") and "private" not in control):
                    alice.problems.append(f"GET {url}: Alice's data in a shared-cacheable answer ({control!r})")
            for other, name in ((visitor, "a visitor"), (bob, "Bob")):
                seen = other("GET", url, headers=headers)
                if any(text in _text(seen) for text in hers):
                    alice.problems.append(f"GET {url} {headers}: {name} sees Alice's data")
    _assert_no_problems(alice)
    _assert_no_problems(bob)
    _assert_no_problems(visitor)


# --- By hand: the pages the season's changes added ---------------------------------------


def test_a_closed_posting_says_so_with_status_404(ask):
    request = ask("candidate")
    response = request("GET", f"/jobs/{CLOSED_POSTING}/")
    assert response.status_code == 404
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert "closed" in response.text.lower()
    # Applying to it is refused (a 404, or the apply page saying why), never taken.
    assert request("POST", f"/me/apply/{CLOSED_POSTING}/", data={"pool_consent": "on"}).status_code in {200, 404}
    assert not Application.objects.filter(posting=CLOSED_POSTING).exists()
    _assert_no_problems(request)


@pytest.mark.parametrize("posting_id", [DRAFT_POSTING, 0, 2**63])
def test_a_draft_or_unknown_posting_answers_the_plain_404(ask, posting_id):
    request = ask("candidate")
    response = request("GET", f"/jobs/{posting_id}/")
    assert response.status_code == 404
    assert "We could not find that page" in response.text
    assert "closed" not in response.text.lower()  # a draft's id is not confirmed
    assert request("GET", f"/me/apply/{posting_id}/").status_code == 404
    _assert_no_problems(request)


@pytest.mark.parametrize(
    "zone",
    ["Mars/Olympus", "../../etc/passwd", "x" * 5000, "Europe/Berlin\x00", "", " UTC ", "europe/berlin", MARKER],
)
def test_the_time_zone_endpoint_refuses_unknown_zones_without_failing(ask, zone):
    request = ask("candidate")
    response = request("POST", "/time-zone/", data={"time_zone": zone, "next": "/sessions/"})
    assert response.status_code == 302
    assert response["Location"] == "/sessions/"
    assert response.cookies.get("time_zone") is None or response.cookies["time_zone"].value in {"", "UTC"}
    _assert_no_problems(request)


@pytest.mark.parametrize(
    "next_url",
    [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        "http://testserver@evil.example/",
        "/%0d%0aSet-Cookie:x=1",
        " //evil.example",
        "\x00//evil.example",
    ],
)
def test_the_time_zone_endpoint_stays_on_the_site(ask, next_url):
    request = ask("visitor")
    response = request("POST", "/time-zone/", data={"time_zone": "Europe/Berlin", "next": next_url})
    assert response.status_code == 302
    assert "evil.example" not in response["Location"] or response["Location"].startswith("/")
    assert "\n" not in response["Location"] and "\r" not in response["Location"]
    _assert_no_problems(request)


def test_the_time_zone_endpoint_answers_get_with_405(ask):
    assert ask("visitor")("GET", "/time-zone/").status_code == 405


@pytest.mark.parametrize(
    ("url", "content_type"),
    [
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/privacy/", "text/html; charset=utf-8"),
        ("/sitemap.xml", "application/xml"),
        ("/healthz", "application/json"),
        ("/", "text/html; charset=utf-8"),
        ("/jobs/", "text/html; charset=utf-8"),
        ("/sessions/", "text/html; charset=utf-8"),
    ],
)
def test_the_site_pages_answer_200_with_their_content_type(ask, url, content_type):
    request = ask("visitor")
    response = request("GET", url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == content_type
    _assert_no_problems(request)


def test_the_sitemap_lists_only_public_postings(ask):
    text = ask("visitor")("GET", "/sitemap.xml").text
    assert f"/jobs/{PUBLIC_POSTING}/" in text
    for hidden in (CLOSED_POSTING, DRAFT_POSTING):
        assert f"/jobs/{hidden}/" not in text


def test_healthz_reports_a_serving_database(ask):
    response = ask("visitor")("GET", "/healthz")
    assert response.json()["database"] == "ok"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_robots_keeps_crawlers_out_of_personal_pages(ask):
    text = ask("visitor")("GET", "/robots.txt").text
    for private in ("/me/", "/accounts/", "/admin/"):
        assert f"Disallow: {private}" in text


# --- Regressions: 500s these probes found ---------------------------------------------


@pytest.mark.parametrize("next_url", ["sessions", "a\x00b", "<b>", "", "javascript:alert(1)", " //evil.example/"])
def test_the_time_zone_select_goes_back_to_the_sessions_when_next_is_not_a_path_here(client, next_url):
    # Once a 500: redirect() took a word such as "sessions" for the name of a view.
    response = client.post("/time-zone/", {"time_zone": "Asia/Shanghai", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/sessions/"
    assert response.cookies["time_zone"].value == "Asia/Shanghai"


@pytest.mark.parametrize("field", ["skills", "preferred_categories", "preferred_locations"])
@pytest.mark.parametrize("value", [str(2**63), str(-(2**63) - 1), "1" + "0" * 40])
def test_a_profile_choice_past_any_id_is_refused_with_a_message(client, ready_candidate, field, value):
    # Once a 500: SQLite cannot be asked about an id past 64 bits.
    client.force_login(ready_candidate)
    before = CandidateProfile.objects.get(user=ready_candidate).school
    response = client.post("/me/profile/", {"name": "Alice", "school": "Elsewhere", field: value})
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert CandidateProfile.objects.get(user=ready_candidate).school == before


def test_a_rate_limited_user_gets_the_sites_own_page(client, candidate):
    # allauth's fallback page was bare English HTML without a charset.
    verify_email(candidate)
    client.force_login(candidate)
    cache.clear()
    for _attempt in range(50):
        response = client.post("/accounts/password/change/", {"oldpassword": "wrong"})
        if response.status_code == 429:
            break
    cache.clear()
    assert response.status_code == 429
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert "Too many attempts" in response.text
    assert 'href="/static/css/site.css"' in response.text
