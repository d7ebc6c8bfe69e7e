"""Every main page passes axe-core's WCAG 2.0/2.1 A and AA rules in Chromium with
no serious or critical violation (contrast, names, labels, landmarks, language).

axe-core is the npm package of package-lock.json (`make test` installs it), put
into each page with Playwright; nothing is loaded from another host. The page
is opened with its Content-Security-Policy bypassed only so that the injected
checker may run; the other browser tests keep the policy on.
"""

from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.e2e.conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
RUN_AXE = """tags => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
    .then(results => results.violations)"""


def axe_violations(page: Page) -> list[dict]:
    """axe-core's violations on the page as it stands (rule, impact, nodes)."""
    if not AXE_JS.exists():
        pytest.fail("axe-core is missing from node_modules: run `make test-tools`.")
    page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(RUN_AXE, WCAG_TAGS)


def describe(violation: dict) -> str:
    nodes = violation["nodes"]
    lines = [f"  [{violation['impact']}] {violation['id']}: {violation['help']} ({len(nodes)} element(s))"]
    for node in nodes[:5]:
        summary = " ".join(node.get("failureSummary", "").split())
        lines.append(f"      {' '.join(map(str, node['target']))}: {summary[:300]}")
    return "\n".join(lines)


def blocking_violations(page: Page) -> list[dict]:
    return [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]


def test_every_main_page_has_no_serious_accessibility_violation(
    live_server, every_main_page, pages_data, new_page, page_problems
):
    browsers = {}

    def browser_for(main_page) -> Page:
        """One browser context per persona: a visitor or the candidate, reading English or Chinese."""
        key = main_page.client_key
        if key not in browsers:
            page = new_page(viewport={"width": 1280, "height": 900}, bypass_csp=True)
            if main_page.signed_in:
                sign_in(page.context, main_page.user(pages_data), live_server.url)
            else:
                cookies = main_page.visitor_cookies.items()
                page.context.add_cookies([{"name": n, "value": v, "url": live_server.url} for n, v in cookies])
            browsers[key] = page
        return browsers[key]

    report = []
    for main_page in every_main_page:
        page = browser_for(main_page)
        response = page.goto(live_server.url + main_page.path)
        assert response.status == main_page.status, f"{main_page} answered {response.status}"
        found = blocking_violations(page)
        if found:
            report.append(f"{main_page}:\n" + "\n".join(map(describe, found)))
    # The not-found page answers 404 and the admins-only page 403 on purpose, which the browser logs as errors.
    expected = ("status of 404", "status of 403")
    page_problems.console_errors[:] = [
        e for e in page_problems.console_errors if not any(status in e for status in expected)
    ]
    assert not report, "Serious or critical accessibility violations:\n" + "\n".join(report)


def test_the_check_reports_low_contrast_and_a_missing_label(new_page):
    """The check itself works: a page with white on the brand orange and an unlabelled field fails it."""
    page = new_page(bypass_csp=True)
    page.set_content(
        '<!DOCTYPE html><html lang="en"><head><title>Check</title></head><body><main>'
        '<a href="/" style="background:#ff6a00;color:#fff">Apply</a><input type="text"></main></body></html>'
    )
    rules = {v["id"] for v in blocking_violations(page)}
    assert {"color-contrast", "label"} <= rules, rules
