from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def rich_text(text: str) -> SafeString:
    """Plain posting text as HTML: paragraphs, and lines starting with "- " as a list. Everything escaped."""
    blocks = []
    bullets: list[str] = []
    paragraph: list[str] = []

    def flush():
        if paragraph:
            blocks.append(format_html("<p>{}</p>", " ".join(paragraph)))
            paragraph.clear()
        if bullets:
            items = format_html_join("", "<li>{}</li>", ((item,) for item in bullets))
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
