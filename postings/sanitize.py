"""The formatting a posting's description and requirements may carry, and nothing else.

A unit writes its postings; a visitor reads them. So the text is treated as
untrusted: it is sanitised with nh3 (the Ammonia sanitiser) when a draft is
saved, and again when it is shown (postings_text.rich_text), so a rule
tightened here also covers what was saved before.

Two kinds of text are stored:

- plain text, as every posting had until formatting came: paragraphs split
  by blank lines, lines starting with "- " as a list. It is shown escaped,
  as it always was, and saved unchanged;
- formatted text, which starts with a block element (`<p>`, `<ul>`, ...):
  the subset below, sanitised. What a recruiter types with a few tags in it
  ("We build <strong>agents</strong>") is turned into formatted text on
  save: its paragraphs and "- " lists become elements, its tags are
  sanitised, so it keeps its structure.
"""

import re

import nh3
from django.utils.html import escape

# Paragraphs, line breaks, lists, bold, italic, links and two levels of
# heading below the page's own (the posting page's sections are h2).
TAGS = frozenset({"p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "a", "h3", "h4"})
ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Removed with what is inside them, not just the tags.
CONTENT_REMOVED = frozenset({"script", "style", "template", "iframe", "object", "noscript", "textarea", "title"})
# Links leave the site: no referrer, no opener, no endorsement.
LINK_REL = "nofollow noopener noreferrer"

_BLOCK_START = re.compile(r"<(p|ul|ol|h3|h4)[\s>]", re.IGNORECASE)
# Lines a recruiter starts with a block element (allowed or not) are not put in a paragraph.
_BLOCK_LINE = re.compile(
    r"<(p|ul|ol|li|h[1-6]|div|table|blockquote|pre|section|article|header|footer|figure|hr|form)[\s>/]",
    re.IGNORECASE,
)
_EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>")
_ANY_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!]")
_BULLETS = ("- ", "• ", "* ")


def clean_html(html: str) -> str:
    """`html` with only the allowed tags, attributes and link schemes left; scripts and styles removed with
    their content."""
    return nh3.clean(
        html,
        tags=set(TAGS),
        clean_content_tags=set(CONTENT_REMOVED),
        attributes=ATTRIBUTES,
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    ).strip()


def is_formatted(text: str) -> bool:
    """Whether stored text is formatted (HTML starting with a block element) rather than plain text."""
    return bool(_BLOCK_START.match(text.lstrip()))


def posting_text(text: str) -> str:
    """The text to store for what a recruiter typed: plain text as it is (trimmed, line ends made \\n), or
    formatted text, sanitised. Applying it twice gives the same text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not _ANY_TAG.search(text):
        return text
    if not is_formatted(text):
        text = _structure(text)
    html = clean_html(text)
    if html and not is_formatted(html):
        # What the sanitiser left starts with text (a heading it removed, say): a paragraph keeps it formatted.
        html = clean_html(f"<p>{html}</p>")
    return _EMPTY_PARAGRAPH.sub("", html).strip()


def _structure(text: str) -> str:
    """Plain text with tags as formatted text: blank lines split paragraphs, "- " lines make a list, other
    line breaks stay, a line starting with a block tag (a heading) stands alone. Tags are left for the
    sanitiser; a bare < or & that is not a tag is escaped."""
    blocks: list[str] = []
    paragraph: list[str] = []
    bullets: list[str] = []

    def flush():
        if paragraph:
            blocks.append("<p>" + "<br>".join(paragraph) + "</p>")
            paragraph.clear()
        if bullets:
            blocks.append("<ul>" + "".join(f"<li>{item}</li>" for item in bullets) + "</ul>")
            bullets.clear()

    for raw in text.split("\n"):
        line = _escape_outside_tags(raw.strip())
        if _BLOCK_LINE.match(line):
            # A heading or a list written as tags stands on its own, outside any paragraph.
            flush()
            blocks.append(line)
        elif raw.strip().startswith(_BULLETS):
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
    return "".join(blocks)


_TAG_OR_ENTITY = re.compile(r"(<\s*/?\s*[a-zA-Z!][^<>]*>|&[a-zA-Z]+;|&#\d+;|&#x[0-9a-fA-F]+;)")


def _escape_outside_tags(line: str) -> str:
    """Escape the text between tags ("1 < 2 & 3" stays readable), keep the tags for the sanitiser."""
    parts = _TAG_OR_ENTITY.split(line)
    return "".join(part if index % 2 else escape(part) for index, part in enumerate(parts))
