"""Browser fixtures: one headless Debian Chromium per session, a fresh context
(cookies, storage, viewport) per page, every console error and page error
recorded so a test can assert the page ran cleanly.

Content-Security-Policy violations reach the console as errors, so asserting
"no console errors" also proves the pages need no inline script or style.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings
from playwright.sync_api import BrowserContext, ConsoleMessage, Error, Page, expect, sync_playwright

from tests.pages import MainPage, PagesData, create_pages_data, main_pages

# Playwright's sync API keeps an asyncio event loop running in this thread, so
# Django's async-safety check would refuse every ORM call the tests make
# (factories, assertions) while the browser is up. The calls are plain
# synchronous ones on the test thread; nothing async touches the connection.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Auto-waiting actions and `expect` assertions give up after this long (ms).
TIMEOUT_MS = 10_000
expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture(scope="session")
def _parsable_media_url():
    """Uploads have no public URL (MEDIA_URL is None), which Django's live
    server cannot parse when it starts (a TypeError on every request). While it
    starts, an address on another host stands in: the live server's media
    handler then never serves an upload, just like the site."""
    override = override_settings(MEDIA_URL="https://uploads.invalid/")
    override.enable()
    state = {"enabled": True}

    def restore():
        if state["enabled"]:
            override.disable()
            state["enabled"] = False

    yield restore
    restore()


@pytest.fixture(scope="session")
def live_server(_parsable_media_url, live_server):
    """pytest-django's live server; the site's own MEDIA_URL is back once it runs."""
    _parsable_media_url()
    return live_server


@pytest.fixture(scope="session")
def browser():
    """Chromium, started once per session: Debian's (or $CHROMIUM_PATH) where it
    exists, else Playwright's own build. `make test` gets one first
    (scripts/ensure-chromium)."""
    executable = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    options = {"headless": True, "args": CHROMIUM_ARGS}
    if Path(executable).exists():
        options["executable_path"] = executable
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(**options)
        except Error as error:
            pytest.fail(f"No Chromium at {executable}, nor Playwright's: run scripts/ensure-chromium ({error}).")
        yield browser
        browser.close()


@dataclass
class PageProblems:
    """What went wrong in the pages a test opened: console errors, uncaught exceptions."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def record_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            location = message.location
            self.console_errors.append(f"{message.text} ({location.get('url')}:{location.get('lineNumber')})")

    def record_page_error(self, error: Error) -> None:
        self.page_errors.append(f"{error.name}: {error.message}")

    def all(self) -> list[str]:
        return self.console_errors + self.page_errors


@pytest.fixture
def page_problems():
    return PageProblems()


@pytest.fixture
def new_page(browser, page_problems):
    """Open a page in a new browser context (`new_page(java_script_enabled=False, viewport=...)`).

    Every page's console and page errors go to `page_problems`; the test fails
    at teardown if any is left unchecked.
    """
    contexts = []

    def open_page(**context_options) -> Page:
        context = browser.new_context(**context_options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.on("console", page_problems.record_console)
        page.on("pageerror", page_problems.record_page_error)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert page_problems.all() == [], "The browser reported errors"


@pytest.fixture
def page(new_page) -> Page:
    """A desktop-sized page with JavaScript on."""
    return new_page(viewport={"width": 1280, "height": 900})


@pytest.fixture
def screenshot():
    """Save a full-page screenshot as <name>.png when E2E_SCREENSHOT_DIR is set (for CI artifacts or a look)."""
    directory = os.environ.get("E2E_SCREENSHOT_DIR")

    def take(page: Page, name: str) -> None:
        if directory:
            Path(directory).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(directory) / f"{name}.png"), full_page=True)

    return take


@pytest.fixture
def pages_data(db, settings, tmp_path) -> PagesData:
    """The objects the main pages show (tests/pages.py)."""
    settings.MEDIA_ROOT = tmp_path
    return create_pages_data()


@pytest.fixture
def every_main_page(pages_data) -> list[MainPage]:
    return main_pages(pages_data)


def sign_in(context: BrowserContext, user, base_url: str) -> None:
    """Give the browser context a session of `user`, as if they had signed in on the page."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}])
