import re

from django import template
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()

# Han characters and CJK punctuation; Latin words without spaces inside Chinese
# text ("检索增强生成（RAG）与") belong to it.
_HAN = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_CHINESE_RUN = re.compile(f"[{_HAN}]+(?:[A-Za-z0-9.+/-]+[{_HAN}]+)*")
CHINESE = "zh-Hans"


def _block(tag: str, text: str) -> SafeString:
    """`<tag>text</tag>`, escaped, with the language of Chinese text marked, so
    that screen readers read it as Chinese and browsers pick a Chinese font."""
    runs = list(_CHINESE_RUN.finditer(text))
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
def rich_text(text: str) -> SafeString:
    """Plain posting text as HTML: paragraphs, and lines starting with "- " as a list. Everything escaped;
    Chinese text is marked as such (lang)."""
    blocks = []
    bullets: list[str] = []
    paragraph: list[str] = []

    def flush():
        if paragraph:
            blocks.append(_block("p", " ".join(paragraph)))
            paragraph.clear()
        if bullets:
            items = format_html_join("", "{}", ((_block("li", item),) for item in bullets))
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
