"""The formatting a posting may carry: the safe subset kept, everything else removed, on save and on show; plain
text (all the postings written before formatting) stored and shown as it always was."""

import pytest

from postings.sanitize import clean_html, is_formatted, posting_text
from postings.templatetags.postings_text import rich_text, user_text

ATTACKS = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href=" JaVaScRiPt:alert(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<p style="position:fixed">x</p>',
    "<style>body{display:none}</style>",
    '<iframe src="https://evil.example/"></iframe>',
    '<svg onload="alert(1)"></svg>',
    '<p onmouseover="alert(1)">x</p>',
    "<form action=/x><button>Go</button></form>",
    '<a href="https://ok.example/" onclick="alert(1)" target="_top">x</a>',
    "<!-- <script>alert(1)</script> -->",
    "<object data=x></object><embed src=x>",
    "<<script>script>alert(1)<</script>/script>",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_scripts_handlers_javascript_links_and_styles_are_removed_on_save(attack):
    stored = posting_text(f"<p>Hello</p>{attack}")
    lowered = stored.lower()
    for forbidden in ("<script", "onerror", "onload", "onclick", "onmouseover", "javascript:", "style", "<iframe"):
        assert forbidden not in lowered, stored
    for forbidden in ("<img", "<svg", "<form", "<object", "<embed", "data:", "target="):
        assert forbidden not in lowered, stored


@pytest.mark.parametrize("attack", ATTACKS)
def test_what_was_stored_before_is_sanitised_again_when_shown(attack):
    # Written to the database directly (an old import, another tool): the page still shows only the subset.
    html = str(rich_text(f"<p>Hello</p>{attack}")).lower()
    for forbidden in ("<script", "onerror", "onclick", "javascript:", "style=", "<iframe", "<img"):
        assert forbidden not in html, html


def test_the_allowed_formatting_is_kept():
    text = (
        "<h3>The team</h3><p>We build <strong>agents</strong>, <em>fast</em>,<br>with <b>care</b> and <i>taste</i>."
        '</p><ul><li>One</li></ul><ol><li>Two</li></ol><h4>Contact</h4><p><a href="https://example.com/a">site</a> '
        '<a href="mailto:jobs@example.com">mail</a></p>'
    )
    stored = posting_text(text)
    for kept in (
        "<h3>The team</h3>",
        "<strong>agents</strong>",
        "<em>fast</em>",
        "<br>",
        "<b>care</b>",
        "<i>taste</i>",
    ):
        assert kept in stored
    assert "<ul><li>One</li></ul><ol><li>Two</li></ol><h4>Contact</h4>" in stored
    assert '<a href="https://example.com/a" rel="nofollow noopener noreferrer">site</a>' in stored
    assert '<a href="mailto:jobs@example.com" rel="nofollow noopener noreferrer">mail</a>' in stored


def test_headings_above_the_pages_own_sections_become_text():
    assert posting_text("<h1>Big</h1><p>x</p>") == "<p>Big</p><p>x</p>"
    assert posting_text("<div>Hello <b>team</b></div>") == "<p>Hello <b>team</b></p>"
    assert posting_text("<script>alert(1)</script>") == ""


@pytest.mark.parametrize(
    "plain",
    [
        "Build agents.\n\n- Python\n- Curiosity",
        "1 < 2 & 3 > 2, and “quotes” in 中文。",
        "岗位职责：\n- 熟练使用 Python",
        "",
    ],
)
def test_plain_text_is_stored_as_typed_and_shown_as_before(plain):
    assert posting_text(plain) == plain
    assert not is_formatted(plain)


def test_plain_text_with_a_few_tags_keeps_its_paragraphs_and_lists():
    stored = posting_text(
        "We build <strong>agents</strong>.\n\nWhat you do:\n- <em>Ship</em>\n- Measure\n<h3>Team</h3>\nUs"
    )
    assert stored == (
        "<p>We build <strong>agents</strong>.</p><p>What you do:</p><ul><li><em>Ship</em></li><li>Measure</li></ul>"
        "<h3>Team</h3><p>Us</p>"
    )
    assert is_formatted(stored)
    assert posting_text(stored) == stored


def test_windows_line_ends_and_surrounding_space_are_normalised():
    assert posting_text("  One\r\n- two\r\n") == "One\n- two"


def test_formatted_text_is_shown_with_its_chinese_marked():
    html = rich_text("<p>Build agents. 岗位职责：<b>大模型</b></p>")
    assert (
        html == '<p>Build agents. <span lang="zh-Hans">岗位职责：</span><b><span lang="zh-Hans">大模型</span></b></p>'
    )


def test_clean_html_is_idempotent():
    once = clean_html('<p>a <a href="https://x.example">b</a><script>c</script></p>')
    assert clean_html(once) == once


def test_a_comment_is_escaped_and_keeps_its_lines():
    from django.utils import translation

    with translation.override("en"):
        assert user_text("Add <b>team</b>\nThanks") == "Add &lt;b&gt;team&lt;/b&gt;<br>Thanks"


def test_the_drafting_pages_leave_latin_words_in_chinese_text_to_the_language_around_them():
    text = "岗位职责：把检索增强生成（RAG）落地。"
    assert rich_text(text, "latin_apart") == (
        '<p><span lang="zh-Hans">岗位职责：把检索增强生成（</span>RAG<span lang="zh-Hans">）落地。</span></p>'
    )
    assert rich_text(f"<p>{text}</p>", "latin_apart") == (
        '<p><span lang="zh-Hans">岗位职责：把检索增强生成（</span>RAG<span lang="zh-Hans">）落地。</span></p>'
    )


def test_a_latin_comment_on_a_chinese_page_is_marked_english():
    from django.utils import translation

    with translation.override("zh-hans"):
        assert user_text("Ready.") == '<span lang="en">Ready.</span>'
        assert user_text("好的") == '<span lang="zh-Hans">好的</span>'


def test_formatted_text_is_searched_by_its_words_not_its_tags(db):
    from postings.models import plain_text

    assert plain_text("<p>Build <strong>agents</strong> &amp; tools</p>") == "Build agents & tools"
    assert plain_text("- plain text stays") == "- plain text stays"
