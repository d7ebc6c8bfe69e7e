"""Charts drawn on the server as inline SVG: horizontal bars and a funnel.

No script and nothing from another host: the chart is markup in the page, so
it shows without JavaScript and prints. Each chart is an image to assistive
technology (`role="img"`, named by its `<title>`, described by its `<desc>`);
its numbers are in the table the page puts beside it, which is what a screen
reader reads and what the CSV download holds.

The charts are fluid without scaling their text: no viewBox, horizontal
positions and widths in percent of the chart's width, heights and font sizes
in pixels, so a phone shows the same 13-pixel labels as a desktop, over
narrower bars. Labels sit above their bar, so a long name (a university, a
role category) has the whole width. Colours come from the site's palette,
with classes the stylesheet (static/css/workspace/figures.css) can restyle:
text #1d2129 on white (16:1), bars at least 3:1 against white.

Every text is escaped (format_html); a label not in the page's language
carries its own `lang` (None: the page's; "": unknown, as a name a candidate
typed).
"""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

# Fills by tone: the accent for counts, the AI colour for AI shares, a grey for what is left.
TONES = {"accent": "#b34700", "ai": "#5b3cc4", "muted": "#5c6370"}
TEXT = "#1d2129"
# Pixels: a line of text, a bar, the space after a bar, around the chart; the font size.
LINE = 18
BAR = 16
GAP = 10
PAD = 4
FONT = 13
# The share of the width bars may take; the value is written after the bar's end.
BAR_ROOM = 78.0


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    # The value as the page writes it ("1,234", "45%", "2.5 days").
    text: str
    lang: str | None = None
    tone: str = "accent"


@dataclass(frozen=True)
class Step:
    """A stage of the funnel, and the conversion from the stage before it (None for the first)."""

    label: str
    value: float
    text: str
    conversion_text: str | None = None


def _lang(lang: str | None) -> SafeString:
    return mark_safe("") if lang is None else format_html(' lang="{}"', lang)


def _percent(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _frame(chart_id: str, title: str, description: str, height: int, body: SafeString) -> SafeString:
    return format_html(
        '<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="100%" height="{height}" role="img" '
        'aria-labelledby="{id}-title" aria-describedby="{id}-desc" focusable="false" font-size="{font}">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{description}</desc>{body}</svg>',
        id=chart_id,
        height=height,
        font=FONT,
        title=title,
        description=description,
        body=body,
    )


def bar_chart(*, chart_id: str, title: str, description: str, bars: list[Bar], maximum: float | None = None) -> str:
    """Horizontal bars, one per item, each with its label above and its value after it ("" without bars).

    `maximum` is the value of a full bar (100 for percentages); the largest value by default.
    """
    if not bars:
        return ""
    top = maximum if maximum is not None else max(bar.value for bar in bars)
    rows, y = [], PAD
    for bar in bars:
        width = BAR_ROOM * bar.value / top if top > 0 else 0.0
        rows.append(
            format_html(
                '<g class="chart__row"><text class="chart__label" x="0" y="{label_y}" fill="{text}"{lang}>{label}'
                '</text><rect class="chart__bar chart__bar--{tone}" x="0" y="{bar_y}" width="{width}%" '
                'height="{bar}" rx="2" fill="{fill}"/><text class="chart__value" x="{value_x}%" y="{value_y}" '
                'fill="{text}">{value}</text></g>',
                label_y=y + FONT,
                bar_y=y + LINE,
                value_y=y + LINE + FONT,
                width=_percent(max(width, 0.3)),
                value_x=_percent(width + 1.5),
                bar=BAR,
                tone=bar.tone,
                fill=TONES.get(bar.tone, TONES["accent"]),
                text=TEXT,
                lang=_lang(bar.lang),
                label=bar.label,
                value=bar.text,
            )
        )
        y += LINE + BAR + GAP
    return _frame(chart_id, title, description, y - GAP + PAD, _joined(rows))


def funnel_chart(*, chart_id: str, title: str, description: str, steps: list[Step]) -> str:
    """The funnel: a centred bar per stage, as wide as its share of the largest stage, each stage's count
    beside its name and the conversion from the stage before between the two ("" without steps)."""
    if not steps:
        return ""
    top = max(step.value for step in steps)
    rows, y = [], PAD
    for step in steps:
        width = max(100.0 * step.value / top if top > 0 else 0.0, 0.6)
        conversion = ""
        if step.conversion_text:
            conversion = format_html(
                '<text class="chart__conversion" x="50%" y="{y}" text-anchor="middle" fill="{text}">{value}</text>',
                y=y + FONT,
                text=TEXT,
                value=step.conversion_text,
            )
            y += LINE
        rows.append(
            format_html(
                '<g class="chart__row">{conversion}<text class="chart__label" x="0" y="{label_y}" fill="{text}">'
                '{label}</text><text class="chart__value" x="100%" y="{label_y}" text-anchor="end" fill="{text}">'
                '{value}</text><rect class="chart__bar chart__bar--accent" x="{x}%" y="{bar_y}" width="{width}%" '
                'height="{bar}" rx="2" fill="{fill}"/></g>',
                conversion=conversion,
                label_y=y + FONT,
                bar_y=y + LINE,
                x=_percent((100.0 - width) / 2),
                width=_percent(width),
                bar=BAR,
                fill=TONES["accent"],
                text=TEXT,
                label=step.label,
                value=step.text,
            )
        )
        y += LINE + BAR + GAP
    return _frame(chart_id, title, description, y - GAP + PAD, _joined(rows))


def _joined(rows: list[SafeString]) -> SafeString:
    return format_html_join("", "{}", ((row,) for row in rows))
