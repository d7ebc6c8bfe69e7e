"""Posting text as HTML: `rich_text` (descriptions and requirements), and the words the drafting pages show
for a posting's state and for the people in its history."""

import re

from django import template
from django.utils import translation
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString

from .. import sanitize

register = template.Library()

# Han characters and CJK punctuation; Latin words without spaces inside Chinese
# text ("检索增强生成（RAG）与") belong to it.
_HAN = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_CHINESE_RUN = re.compile(f"[{_HAN}]+(?:[A-Za-z0-9.+/-]+[{_HAN}]+)*")
# Chinese characters only: Latin words inside Chinese text ("（RAG）") keep the language around them.
_HAN_RUN = re.compile(f"[{_HAN}]+")
CHINESE = "zh-Hans"


def _block(tag: str, text: str, chinese=_CHINESE_RUN) -> SafeString:
    """`<tag>text</tag>`, escaped, with the language of Chinese text marked, so
    that screen readers read it as Chinese and browsers pick a Chinese font."""
    runs = list(chinese.finditer(text))
    if len(runs) == 1 and runs[0].group() == text:
        return format_html('<{} lang="{}">{}</{}>', tag, CHINESE, text, tag)
    parts, end = [], 0
    for run in runs:
        parts.append(escape(text[end : run.start()]))
        parts.append(format_html('<span lang="{}">{}</span>', CHINESE, run.group()))
        end = run.end()
    parts.append(escape(text[end:]))
    return format_html("<{}>{}</{}>", tag, SafeString("".join(parts)), tag)


@register.filter
def rich_text(text: str, marking: str = "") -> SafeString:
    """Posting text as HTML, Chinese text marked as such (lang).

    Formatted text (postings.sanitize) is sanitised again, whatever was
    stored. Plain text: paragraphs, and lines starting with "- " as a list,
    everything escaped. `rich_text:"latin_apart"` leaves Latin words inside
    Chinese text out of its marking, so they keep the language around them:
    the drafting pages show a posting's two languages side by side, each in
    a block marked with its own.
    """
    text = str(text or "")
    chinese = _HAN_RUN if marking == "latin_apart" else _CHINESE_RUN
    if sanitize.is_formatted(text):
        return _mark_chinese_runs(sanitize.clean_html(text), chinese)
    return _plain_text(text, chinese)


_TAGS = re.compile(r"(<[^>]*>)")


def _mark_chinese_runs(html: str, chinese=_CHINESE_RUN) -> SafeString:
    """Sanitised HTML with each run of Chinese text wrapped in `<span lang>`. The text between its tags is
    already escaped by the sanitiser, so it is wrapped as it is."""
    parts = _TAGS.split(html)
    for index in range(0, len(parts), 2):
        parts[index] = chinese.sub(_chinese_span, parts[index])
    return SafeString("".join(parts))


def _plain_text(text: str, chinese=_CHINESE_RUN) -> SafeString:
    blocks = []
    bullets: list[str] = []
    paragraph: list[str] = []

    def flush():
        if paragraph:
            blocks.append(_block("p", " ".join(paragraph), chinese))
            paragraph.clear()
        if bullets:
            items = format_html_join("", "{}", ((_block("li", item, chinese),) for item in bullets))
            blocks.append(format_html("<ul>{}</ul>", items))
            bullets.clear()

    for raw in str(text).splitlines():
        line = raw.strip()
        if line.startswith(("- ", "• ", "* ")):
            if paragraph:
                flush()
            bullets.append(line[2:].strip())
        elif not line:
            flush()
        else:
            if bullets:
                flush()
            paragraph.append(line)
    flush()
    return SafeString("".join(blocks))


@register.filter
def posting_state(posting):
    """The posting's state as people think of it (postings.publishing.State): `.value` for a class, `.label`
    to show. Scheduled until it goes live, closed once its closing date passed."""
    from ..publishing import posting_state as state_of

    return state_of(posting)


_HAN_ONLY = re.compile(f"[{_HAN}]")


@register.filter
def person(user) -> SafeString:
    """A person's name (or email) as the workspace shows it, from a user or the name itself. A name in Latin
    letters on a page in another language is marked as such (lang), so a screen reader does not read "Rita"
    as Chinese syllables."""
    if not user:
        return SafeString("")
    name = user if isinstance(user, str) else (user.name or user.email)
    if _HAN_ONLY.search(name) or translation.get_language() == "en":
        return escape(name)
    return format_html('<span lang="en">{}</span>', name)


@register.filter
def user_text(text) -> SafeString:
    """Text someone typed (a comment), escaped, its line breaks kept, with its language marked: Chinese runs as
    Chinese; text without Chinese, on a page in another language than English, as English."""
    text = str(text or "").strip()
    lines = [_CHINESE_RUN.sub(_chinese_span, escape(line)) for line in text.splitlines()]
    html = SafeString("<br>".join(lines))
    if not _HAN_ONLY.search(text) and translation.get_language() != "en":
        return format_html('<span lang="en">{}</span>', html)
    return html


def _chinese_span(run) -> str:
    return f'<span lang="{CHINESE}">{run.group()}</span>'
