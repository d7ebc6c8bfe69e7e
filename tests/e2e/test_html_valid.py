"""Every main page is valid HTML, as the Nu Html Checker (vnu.jar, the W3C
validator's engine) reads it.

The pages' HTML comes from Django's test client; all of them go to the checker
in one run, since starting the Java virtual machine is the slow part. The
checker comes from package-lock.json (`make test` installs it with npm, and
Java with it where missing).
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client

from tests.pages import MainPage

pytestmark = pytest.mark.e2e

VNU_JAR = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
VNU_TIMEOUT_SECONDS = 120


def validate(documents: dict[str, str], folder: Path) -> dict[str, list[dict]]:
    """The checker's errors for each document (name -> HTML), in one run of vnu.jar."""
    java = shutil.which("java")
    if not java or not VNU_JAR.exists():
        pytest.fail("The HTML validator needs Java and node_modules/vnu-jar: run `make test-tools`.")
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for number, (name, html) in enumerate(documents.items()):
        path = folder / f"page-{number:02}.html"
        path.write_text(html, encoding="utf-8")
        files[path.name] = name
    # --stdout: the report alone on stdout (the JVM may write notes to stderr).
    command = [java, "-jar", str(VNU_JAR), "--format", "json", "--stdout", "--exit-zero-always"]
    completed = subprocess.run(
        [*command, *(str(folder / file_name) for file_name in files)],
        capture_output=True,
        text=True,
        timeout=VNU_TIMEOUT_SECONDS,
        check=True,
    )
    errors: dict[str, list[dict]] = {name: [] for name in documents}
    for message in json.loads(completed.stdout)["messages"]:
        if message["type"] in ("error", "non-document-error"):
            file_name = message.get("url", "").rpartition("/")[2]
            errors.setdefault(files.get(file_name, file_name or "(the checker)"), []).append(message)
    return errors


def describe(errors: dict[str, list[dict]], documents: dict[str, str]) -> str:
    lines = []
    for name, messages in errors.items():
        for message in messages:
            source = documents.get(name, "").splitlines()
            line = message.get("lastLine")
            excerpt = source[line - 1].strip()[:160] if line and line <= len(source) else message.get("extract", "")
            lines.append(f"{name}, line {line}: {message['message']}\n    {excerpt}")
    return "\n".join(lines)


# Checked in the same run as the pages, to prove the checker sees what they must avoid.
CANARY = "(a page with a bare hx- attribute and a time with microseconds)"
CANARY_HTML = (
    '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body>'
    '<p hx-get="/jobs/">a</p><time datetime="2027-01-20T18:00:00.123456+01:00">b</time></body></html>'
)


def client_for(page: MainPage, data) -> Client:
    """A visitor whose language cookie says the page's language, or the candidate who reads it."""
    client = Client()
    if page.signed_in:
        client.force_login(page.user(data))
    else:
        for name, value in page.visitor_cookies.items():
            client.cookies[name] = value
    return client


def test_every_main_page_is_valid_html(every_main_page, pages_data, tmp_path):
    clients = {}
    documents = {CANARY: CANARY_HTML}
    for page in every_main_page:
        key = page.client_key
        client = clients[key] = clients.get(key) or client_for(page, pages_data)
        response = client.get(page.path)
        assert response.status_code == page.status, f"{page} answered {response.status_code}"
        documents[str(page)] = response.text

    errors = validate(documents, tmp_path / "html")

    assert len(errors.pop(CANARY)) == 2, "The checker no longer reports hx- attributes or microseconds"
    found = {name: messages for name, messages in errors.items() if messages}
    count = sum(map(len, found.values()))
    assert not found, f"{count} HTML error(s) on {len(found)} page(s):\n{describe(found, documents)}"


def test_main_pages_are_listed_once_each(every_main_page: list[MainPage]):
    assert len({(page.path, page.language) for page in every_main_page}) == len(every_main_page)


def test_main_pages_are_listed_in_both_languages(every_main_page: list[MainPage]):
    names = {
        language: [page.name for page in every_main_page if page.language == language]
        for language in ("en", "zh-hans")
    }
    assert names["en"] == names["zh-hans"]
