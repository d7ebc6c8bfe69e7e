"""Charts drawn on the server: valid SVG, named for assistive technology, bars in proportion, text escaped; on the
overview, each chart says the numbers its table says."""

import re
from xml.etree import ElementTree

import pytest

from applicants.workspace.charts import Bar, Step, bar_chart, funnel_chart
from tests.workspace.test_overview import page_tables, season  # noqa: F401 -- `season` is a fixture

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup: str) -> ElementTree.Element:
    return ElementTree.fromstring(str(markup))  # noqa: S314 -- the portal's own markup


def test_a_bar_chart_is_an_svg_image_named_by_its_title():
    svg = parse(
        bar_chart(
            chart_id="chart-x",
            title="Applications by unit",
            description="The numbers are in the table beside the chart.",
            bars=[Bar("Alibaba Cloud", 6, "6"), Bar("Amap", 3, "3")],
        )
    )

    assert svg.tag == f"{SVG}svg"
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "chart-x-title"
    assert svg.get("aria-describedby") == "chart-x-desc"
    assert svg.find(f"{SVG}title").text == "Applications by unit"
    assert svg.find(f"{SVG}title").get("id") == "chart-x-title"
    assert svg.find(f"{SVG}desc").get("id") == "chart-x-desc"
    assert not list(svg.iter(f"{SVG}script"))


def test_bars_are_in_proportion_and_carry_their_labels_and_values():
    svg = parse(
        bar_chart(
            chart_id="c",
            title="t",
            description="d",
            bars=[Bar("Alibaba Cloud", 6, "6"), Bar("Amap", 3, "3"), Bar("Fliggy", 0, "0")],
        )
    )

    widths = [float(rect.get("width").rstrip("%")) for rect in svg.iter(f"{SVG}rect")]
    assert widths[0] == pytest.approx(2 * widths[1])
    # A zero still shows a hairline, so the row does not look missing.
    assert 0 < widths[2] < 1
    labels = [text.text for text in svg.iter(f"{SVG}text") if "chart__label" in text.get("class")]
    values = [text.text for text in svg.iter(f"{SVG}text") if "chart__value" in text.get("class")]
    assert labels == ["Alibaba Cloud", "Amap", "Fliggy"]
    assert values == ["6", "3", "0"]
    # Rows do not overlap: each next row starts below the bar before.
    ys = [int(rect.get("y")) for rect in svg.iter(f"{SVG}rect")]
    assert ys == sorted(ys) and len(set(ys)) == 3
    assert int(svg.get("height")) > ys[-1]


def test_percentages_are_drawn_against_a_full_bar_of_100():
    svg = parse(bar_chart(chart_id="c", title="t", description="d", bars=[Bar("AI", 50, "50%")], maximum=100))

    (rect,) = svg.iter(f"{SVG}rect")
    assert float(rect.get("width").rstrip("%")) == pytest.approx(39)  # half of the 78% bars may take


def test_text_is_escaped_and_a_label_may_carry_its_language():
    markup = bar_chart(
        chart_id="c",
        title="<script>alert(1)</script>",
        description="d",
        bars=[Bar('<img src=x onerror="alert(1)">', 1, "1", lang=""), Bar("Amap", 2, "2", lang="en")],
    )

    assert "<script>" not in markup and "<img" not in markup
    svg = parse(markup)
    labels = [text for text in svg.iter(f"{SVG}text") if "chart__label" in text.get("class")]
    assert labels[0].text == '<img src=x onerror="alert(1)">'
    assert labels[0].get("lang") == ""
    assert labels[1].get("lang") == "en"


def test_no_bars_no_chart():
    assert bar_chart(chart_id="c", title="t", description="d", bars=[]) == ""
    assert funnel_chart(chart_id="c", title="t", description="d", steps=[]) == ""


def test_the_funnel_centres_its_bars_and_writes_the_conversions_between_them():
    svg = parse(
        funnel_chart(
            chart_id="f",
            title="Funnel",
            description="d",
            steps=[Step("Submitted", 8, "8"), Step("Screening", 4, "4", "↓ 50.0%"), Step("Hired", 1, "1", "↓ 25.0%")],
        )
    )

    rects = list(svg.iter(f"{SVG}rect"))
    widths = [float(rect.get("width").rstrip("%")) for rect in rects]
    assert widths == pytest.approx([100, 50, 12.5])
    for rect, width in zip(rects, widths, strict=True):
        assert float(rect.get("x").rstrip("%")) == pytest.approx((100 - width) / 2, abs=0.01)
    conversions = [text.text for text in svg.iter(f"{SVG}text") if "chart__conversion" in text.get("class")]
    assert conversions == ["↓ 50.0%", "↓ 25.0%"]


def test_an_empty_funnel_draws_hairlines_not_a_division_by_zero():
    svg = parse(funnel_chart(chart_id="f", title="t", description="d", steps=[Step("Submitted", 0, "0")]))

    (rect,) = svg.iter(f"{SVG}rect")
    assert 0 < float(rect.get("width").rstrip("%")) < 1


# --- On the overview --------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.usefixtures("season")
def test_every_chart_of_the_overview_is_valid_svg_whose_numbers_are_its_tables(client, admin_user):
    client.force_login(admin_user)

    html = client.get("/recruit/overview/").content.decode()

    tables = page_tables(html)
    charts = dict(
        re.findall(r'<section class="figure-section" id="([^"]+)".*?(<svg class="chart".*?</svg>)', html, re.S)
    )
    assert set(charts) == set(tables)
    for slug, markup in charts.items():
        svg = parse(markup)
        title = svg.find(f"{SVG}title")
        assert title is not None and title.text and svg.get("aria-labelledby") == title.get("id"), slug
        values = [text.text for text in svg.iter(f"{SVG}text") if "chart__value" in text.get("class")]
        cells = {cell for row in tables[slug] for cell in row}
        assert values and set(values) <= cells, slug
    funnel = parse(charts["funnel"])
    assert [text.text for text in funnel.iter(f"{SVG}text") if "chart__value" in text.get("class")] == [
        row[1] for row in tables["funnel"]
    ]
