from postings.templatetags.postings_text import rich_text


def test_lines_starting_with_a_dash_become_a_list():
    html = rich_text("What you do:\n- Build agents\n- Measure them\n\nWhy it matters.")
    assert html == "<p>What you do:</p><ul><li>Build agents</li><li>Measure them</li></ul><p>Why it matters.</p>"


def test_everything_is_escaped():
    html = rich_text("<b>bold</b>\n- <script>alert(1)</script>")
    assert "<script>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>" in html


def test_empty_text_gives_nothing():
    assert rich_text("") == ""
