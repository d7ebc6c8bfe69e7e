"""The Chinese pages are in Chinese: every main page (tests/pages.py) in
zh-Hans says `<html lang="zh-Hans">` and shows no English word a Chinese
reader would not expect, and every English page says `lang="en"`.

What a reader meets is the page's visible text, its title and description,
and the text of alt, aria-label, placeholder and title attributes. Text
marked as another language (`lang="en"`: a catalogue name with no Chinese
yet, a zone without a Chinese name) is that language on purpose and is left
out; so are scripts, styles, hidden elements and what the user typed
themselves (form fields' values, textareas). What is left may hold Latin
letters only in the words of ALLOWED, email addresses, web addresses, zone
identifiers (Europe/Berlin, the IANA names that time zones are entered as)
and file names.
"""

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from applicants.eligibility import REAPPLY_RULE
from applicants.forms import AccountDeleteForm
from postings.models import Posting
from recruit.accounts.forms import TimeZoneForm
from recruit.accounts.timezones import span_in
from tests.factories import BusinessUnitFactory
from tests.pages import CHINESE, MainPage, PagesData, create_pages_data, main_pages

pytestmark = pytest.mark.django_db

# Latin words at home on a Chinese careers page:
ALLOWED = {
    # Names of techniques and tools, written in Latin letters in Chinese too (the catalogue's skills, the
    # search box's examples): AI and Agent as in "AI Agent工程师".
    "AI",
    "Agent",
    "CUDA",
    "Python",
    # File formats and units, written so in Chinese: resumes are PDF files of at most 10 MB, the data export
    # is a JSON file.
    "PDF",
    "MB",
    "JSON",
    # The term Chinese privacy notices use (and the law's guidance), and a brand students link to.
    "Cookie",
    "GitHub",
    # Coordinated Universal Time: how a zone without a Chinese name is told (UTC+8) and the zone list's first
    # entry.
    "UTC",
}
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL = re.compile(r"https?://\S+")
ZONE_ID = re.compile(r"\b(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)/[\w/+-]+")
FILE_NAME = re.compile(r"[^\s<>“”「」：:，,（）()]+\.(?:pdf|PDF)\b")
# An information session's check-in code, as pages and emails show it (infosessions/codes.py): random letters
# and digits, in no language.
CHECK_IN_CODE = re.compile(r"\b[A-Z0-9]{5}-[A-Z0-9]{5}\b")
LATIN_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Not shown (script, style, template), or the user's own text (textarea).
UNSHOWN = {"script", "style", "template", "textarea"}
READ_ATTRIBUTES = ("alt", "aria-label", "placeholder", "title")


class ReaderText(HTMLParser):
    """The text a reader of a page meets, in runs of (language, text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str, bool]] = []  # (tag, language, unshown)
        self.runs: list[tuple[str, str]] = []
        self.page_language = ""

    def _context(self) -> tuple[str, bool]:
        return (self.stack[-1][1], self.stack[-1][2]) if self.stack else (self.page_language, False)

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        parent_language, parent_unshown = self._context()
        if tag == "html":
            self.page_language = attributes.get("lang", "")
        language = attributes.get("lang", parent_language)
        unshown = parent_unshown or tag in UNSHOWN or "hidden" in attributes
        if not unshown:
            texts = [attributes.get(name, "") for name in READ_ATTRIBUTES]
            if tag == "meta" and attributes.get("name") == "description":
                texts.append(attributes.get("content", ""))
            if tag == "input" and attributes.get("type") in ("submit", "button", "reset"):
                texts.append(attributes.get("value", ""))
            self.runs.extend((language, text) for text in texts if text.strip())
        if tag not in VOID:
            self.stack.append((tag, language, unshown))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        language, unshown = self._context()
        if not unshown and data.strip():
            self.runs.append((language, data))


def reader_text(html: str) -> tuple[str, list[tuple[str, str]]]:
    """The page's language and its runs of text a reader meets."""
    parser = ReaderText()
    parser.feed(html)
    parser.close()
    return parser.page_language, parser.runs


def english_left(html: str) -> list[str]:
    """The Latin words of a Chinese page outside ALLOWED, each with the text around it."""
    _language, runs = reader_text(html)
    found = []
    for language, text in runs:
        if not language.lower().startswith("zh"):
            continue
        plain = " ".join(text.split())
        for pattern in (EMAIL, URL, ZONE_ID, FILE_NAME, CHECK_IN_CODE):
            plain = pattern.sub(" ", plain)
        for word in LATIN_WORD.findall(plain):
            if word not in ALLOWED:
                found.append(f"{word!r} in {' '.join(text.split())[:120]!r}")
    return found


@pytest.fixture
def pages_data(settings, tmp_path) -> PagesData:
    settings.MEDIA_ROOT = tmp_path
    return create_pages_data()


def fetch(page: MainPage, data: PagesData, clients: dict) -> str:
    key = page.client_key
    if key not in clients:
        client = Client()
        if page.signed_in:
            client.force_login(page.user(data))
        else:
            for name, value in page.visitor_cookies.items():
                client.cookies[name] = value
        clients[key] = client
    response = clients[key].get(page.path)
    assert response.status_code == page.status, f"{page} answered {response.status_code}"
    return response.text


def test_no_english_is_left_on_the_chinese_pages(pages_data):
    clients = {}
    report = []
    chinese = [page for page in main_pages(pages_data) if page.language == CHINESE]
    assert len(chinese) > 20
    for page in chinese:
        html = fetch(page, pages_data, clients)
        language, _runs = reader_text(html)
        if language != "zh-Hans":
            report.append(f"{page}: <html lang={language!r}>")
        report.extend(f"{page}: {word}" for word in english_left(html))
    assert not report, "English on Chinese pages:\n" + "\n".join(report)


def test_the_english_pages_say_they_are_english(pages_data):
    clients = {}
    english = [page for page in main_pages(pages_data) if page.language == "en"]
    languages = {str(page): reader_text(fetch(page, pages_data, clients))[0] for page in english}
    assert set(languages.values()) == {"en"}, languages


def test_the_chinese_pages_mark_catalogue_text_still_in_english(pages_data, client):
    """A role whose Chinese text is not written yet shows its English title, marked as English; the Chinese
    roles' titles are not marked."""
    html = client.get("/zh-hans/jobs/").text
    assert '<a href="/zh-hans/jobs/' in html
    assert re.search(r'<a href="/zh-hans/jobs/\d+/" lang="en">Console Engineer Intern</a>', html)
    assert re.search(r'<a href="/zh-hans/jobs/\d+/">AI Agent工程师实习生</a>', html)
    # A skill with no Chinese name (Python) is marked too.
    assert 'lang="en">Python</span>' in html


# --- What the translator reported: sentences and lists that follow the language ----------------------


def render(template: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load localized %}" + template).render(Context(context))


def test_lists_are_joined_as_the_language_joins_them():
    posting = Posting(degree_levels=["bachelor", "master"])
    template = "{{ posting.degree_level_labels|join_list }}"
    assert render(template, "en", posting=posting) == "Bachelor&#x27;s, Master&#x27;s"
    assert render(template, CHINESE, posting=posting) == "本科、硕士"


def test_a_list_of_catalogue_names_marks_the_ones_still_in_the_other_language():
    with translation.override("en"):
        units = [BusinessUnitFactory.build(name="Amap", name_zh_hans="高德"), BusinessUnitFactory.build(name="T-Head")]
    assert render('{{ units|join_list:"name" }}', CHINESE, units=units) == '高德、<span lang="en">T-Head</span>'
    assert render('{{ units|join_list:"name" }}', "en", units=units) == "Amap, T-Head"


NOON_UTC = dt.datetime(2027, 1, 20, 12, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("zone", "label"),
    [
        ("Asia/Shanghai", "北京时间"),
        ("Europe/Berlin", "柏林时间（UTC+1）"),
        ("Asia/Singapore", "新加坡时间（UTC+8）"),
        ("America/Los_Angeles", "太平洋时间（UTC−8）"),
        ("Asia/Kathmandu", "加德满都时间（UTC+5:45）"),
        # A zone without a Chinese name is told by its offset.
        ("America/Bogota", "UTC−5"),
        ("UTC", "UTC"),
    ],
)
def test_chinese_pages_name_zones_in_chinese(zone, label):
    with translation.override(CHINESE):
        span = span_in(NOON_UTC, NOON_UTC + dt.timedelta(hours=1), zone)
    assert span.zone_label == label


def test_the_zone_list_names_areas_and_known_places_in_chinese_and_marks_the_others_english():
    with translation.override(CHINESE):
        html = str(TimeZoneForm(initial={"time_zone": "Asia/Shanghai"})["time_zone"])
    assert '<optgroup label="亚洲">' in html
    assert '<option value="Asia/Shanghai" selected>上海</option>' in html
    assert '<option value="America/Bogota" lang="en">Bogota</option>' in html
    # The places with a Chinese name come first in their area.
    assert html.index(">上海<") < html.index(">Aden<")


def test_the_english_zone_list_is_unchanged():
    with translation.override("en"):
        html = str(TimeZoneForm()["time_zone"])
    assert '<optgroup label="Asia">' in html
    assert '<option value="Asia/Shanghai">Shanghai</option>' in html
    assert '<option value="America/Argentina/Buenos_Aires">Argentina / Buenos Aires</option>' in html
    assert 'lang="' not in html


def test_the_posting_page_says_who_may_apply_in_one_chinese_sentence(pages_data, client):
    html = client.get(f"/zh-hans/jobs/{pages_data.posting.pk}/").text
    assert "毕业时间在2026年11月1日至2027年10月30日之间（含首尾两天）、学历为本科、硕士、博士的学生。" in html
    assert re.search(r"北京时间 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d</time>", html)
    assert "中国·杭州" in html


def test_the_board_counts_the_roles_matching_a_search_in_one_sentence(pages_data, client):
    html = client.get("/zh-hans/jobs/?q=Agent").text
    assert "2个在招职位匹配“Agent”" in html
    english = client.get("/jobs/?q=agent").text
    assert "2 open roles matching “agent”" in english


def test_the_unread_count_reads_as_one_chinese_phrase(pages_data, client):
    client.force_login(pages_data.chinese_candidate)
    html = client.get("/me/").text
    assert '通知（1<span class="visually-hidden">条未读</span>）' in html


def test_the_language_switch_is_named_and_names_the_other_language_in_itself(pages_data, client):
    english = client.get("/jobs/").text
    assert '<form class="language-switch" method="post" action="/language/" aria-label="Language">' in english
    assert 'lang="zh-Hans"><span class="language-switch__more">简体</span>中文</button>' in english
    chinese = client.get("/zh-hans/jobs/").text
    assert 'aria-label="语言"' in chinese
    assert 'value="en" lang="en">English</button>' in chinese


def test_the_withdrawal_email_keeps_its_sentences_apart_in_chinese(pages_data):
    context = {
        "application": pages_data.chinese_application,
        "candidate_name": "李梅",
        "in_pool": False,
        "site_name": "2027届校园招聘",
    }
    with translation.override(CHINESE):
        context["reapply_rule"] = str(REAPPLY_RULE)
        body = render_to_string("emails/application_withdrawn_body.txt", context)
    assert "。 " not in body, body
    assert f"{context['reapply_rule']}\n\n你的简历不在人才库中" in body, body


def test_deleting_an_account_is_confirmed_with_the_word_of_the_page():
    with translation.override(CHINESE):
        form = AccountDeleteForm({"confirm": "删除"})
        assert form.is_valid()
        assert str(form.fields["confirm"].label) == "输入“删除”以确认"
    with translation.override("en"):
        assert AccountDeleteForm({"confirm": "DELETE"}).is_valid()
        assert not AccountDeleteForm({"confirm": "删除"}).is_valid()


# --- The check itself ------------------------------------------------------------


def test_the_check_finds_english_text_and_attributes_and_ignores_what_is_marked_or_unshown():
    html = (
        '<!DOCTYPE html><html lang="zh-Hans"><head><title>职位 · Jobs</title>'
        '<meta name="description" content="Find a role"><script>var x = "English";</script></head>'
        '<body><p>你好 world</p><p lang="en">Console Engineer Intern</p><img alt="logo" src="x.png">'
        '<input type="search" placeholder="Search"><textarea name="links">https://example.com/me</textarea>'
        "<p hidden>Hidden</p><p>邮箱 li.mei@example.com，时区 Europe/Berlin，简历 李梅-简历.pdf，AI Agent，UTC+8</p>"
        '<button aria-label="Close">×</button></body></html>'
    )
    words = [entry.split(" ", 1)[0] for entry in english_left(html)]
    assert words == ["'Jobs'", "'Find'", "'a'", "'role'", "'world'", "'logo'", "'Search'", "'Close'"]
