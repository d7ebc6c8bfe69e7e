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


def test_chinese_text_is_marked_as_chinese():
    html = rich_text("Build agents.\n\n岗位职责：把检索增强生成（RAG）落地。\n- 熟悉 CUDA\n- 了解模型量化")
    assert '<p lang="zh-Hans">岗位职责：把检索增强生成（RAG）落地。</p>' in html
    assert '<li><span lang="zh-Hans">熟悉</span> CUDA</li>' in html
    assert '<li lang="zh-Hans">了解模型量化</li>' in html
    assert "<p>Build agents.</p>" in html


def test_chinese_words_inside_english_text_are_marked_and_escaped():
    html = rich_text("Reasoning <b>research</b>. 研究方向：大模型推理。")
    assert html == '<p>Reasoning &lt;b&gt;research&lt;/b&gt;. <span lang="zh-Hans">研究方向：大模型推理。</span></p>'
