"""The campaign report as one self-contained HTML file: no script, no network, prints on A4.

Charts are SVG drawn by pygal, imported inside `chart_svg` only (the kiosk itself never loads it), with pygal's
own script, comments and tooltip positions taken out, so the file runs nothing and holds no figure that the
table beside it does not show. Every chart is followed by a <table> with the same numbers for screen readers
and for print. Only protected figures (kiosk.core.report.Cell) reach this module.
"""

from __future__ import annotations

import html
import logging
import re

from kiosk import __version__
from kiosk.core.report import Cell, Figures, Table

log = logging.getLogger(__name__)

# pygal's inline configuration script, its comments, and the x/y tooltip positions its script would use
_STRIP = re.compile(r"<script\b.*?</script>|<!--.*?-->|<desc class=\"[xy] [^\"]*\">[^<]*</desc>", re.S)
_NICE = (1, 2, 2.5, 5)

CSS = """
@page { size: A4; margin: 14mm 12mm; }
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; color: #1a1a1a; max-width: 186mm;
       margin: 0 auto; padding: 8px; line-height: 1.4; font-size: 11pt; }
h1 { font-size: 20pt; margin: 0 0 4px; }
h2 { font-size: 14pt; margin: 18px 0 4px; border-bottom: 2px solid #1d4f91; }
p.meaning { margin: 2px 0 6px; color: #333; }
.bad { border: 2px solid #b3261e; padding: 6px 10px; background: #fff4f2; }
.note { border-left: 4px solid #1d4f91; padding: 4px 10px; background: #f2f6fb; }
table { border-collapse: collapse; margin: 4px 0 10px; font-size: 10pt; }
caption { text-align: left; font-weight: bold; padding: 2px 0; }
th, td { border: 1px solid #999; padding: 2px 8px; text-align: left; vertical-align: top; }
td.n { text-align: right; white-space: nowrap; }
thead th { background: #e8eef6; }
tfoot th, tfoot td { font-weight: bold; background: #f4f4f4; }
.chart svg { width: 100%; height: auto; max-height: 90mm; }
section { break-inside: avoid-page; }
section.long { break-inside: auto; }
@media print { body { max-width: none; padding: 0; } .chart svg { max-height: 80mm; } }
"""


def _step(top: int, min_count: int) -> int:
    """A tick step for an axis up to `top`: a round number, never below min_count (so no tick reads as a small
    count), giving at most about six ticks."""
    scale = 1
    while True:
        for nice in _NICE:
            step = int(nice * scale)
            if step >= min_count and step * 6 >= top and step == nice * scale:
                return step
        scale *= 10


def chart_svg(table: Table, min_count: int) -> str:
    """The table's chart as inline SVG (pygal); a hidden figure is a gap, never a bar."""
    import pygal
    from pygal.style import Style

    column = [values[table.chart_column] for _label, values in table.rows]
    values = [v.number() if isinstance(v, Cell) else None for v in column]
    labels = [label for label, _vs in table.rows]
    if table.chart == "hbar":  # pygal draws the first bar at the bottom: the table's first row goes on top
        values.reverse()
        labels.reverse()
    top = max([v for v in values if v is not None] or [0])
    step = _step(top, min_count)
    style = Style(
        background="white",
        plot_background="white",
        foreground="#1a1a1a",
        foreground_strong="#1a1a1a",
        foreground_subtle="#999999",
        colors=("#1d4f91",),
        font_family="DejaVu Sans, Arial, sans-serif",
        label_font_size=12,
        major_label_font_size=12,
        value_font_size=12,
        title_font_size=14,
    )
    horizontal = table.chart == "hbar"
    many = len(labels) > 16
    height = max(220, 26 * len(labels) + 60) if horizontal else 300
    chart_type = pygal.HorizontalBar if horizontal else pygal.Bar
    chart = chart_type(
        js=[],
        disable_xml_declaration=True,
        width=900,
        height=min(height, 900),
        style=style,
        show_legend=False,
        title=None,
        y_labels=list(range(0, top + step, step)),
        show_minor_y_labels=True,
        x_label_rotation=0 if horizontal or len(labels) <= 8 else 50,
        x_labels_major_every=7 if many and not horizontal else None,
        show_minor_x_labels=not many or horizontal,
        truncate_label=40,
        print_values=False,
        no_data_text="no figures to draw",
        margin=10,
        spacing=8,
    )
    chart.x_labels = labels
    chart.add(table.columns[table.chart_column + 1], values)
    svg = str(chart.render(is_unicode=True))
    svg = _STRIP.sub("", svg)
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


def _cell(value: object, min_count: int) -> str:
    if isinstance(value, Cell):
        return f'<td class="n">{html.escape(value.shown(min_count))}</td>'
    text = str(value)
    numeric = bool(re.fullmatch(r"[\d.,]+", text))
    cls = ' class="n"' if numeric else ""
    return f"<td{cls}>{html.escape(text)}</td>"


def table_html(table: Table, min_count: int) -> str:
    e = html.escape
    head = "".join(f'<th scope="col">{e(c)}</th>' for c in table.columns)
    body = "".join(
        f'<tr><th scope="row">{e(label)}</th>{"".join(_cell(v, min_count) for v in values)}</tr>'
        for label, values in table.rows
    )
    if not table.rows:
        body = f'<tr><td colspan="{len(table.columns)}">No counts in this period.</td></tr>'
    foot = ""
    if table.total:
        label, values = table.total
        foot = f'<tfoot><tr><th scope="row">{e(label)}</th>{"".join(_cell(v, min_count) for v in values)}</tr></tfoot>'
    return (
        f'<table id="t-{e(table.key)}"><caption>{e(table.title)}</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody>{foot}</table>"
    )


def section_html(table: Table, min_count: int) -> str:
    e = html.escape
    parts = [f'<section id="{e(table.key)}"{" class=long" if len(table.rows) > 20 else ""}>']
    parts.append(f"<h2>{e(table.title)}</h2><p class=meaning>{e(table.meaning)}</p>")
    column = [values[table.chart_column] for _label, values in table.rows]
    drawable = any(isinstance(v, Cell) and v.number() for v in column)
    if table.chart and table.rows and not drawable:
        parts.append("<p>No chart: every figure here is nought or hidden.</p>")
    elif table.chart and table.rows:
        parts.append(
            f'<figure class="chart" role="img" aria-label="{e(table.title)}: chart; the same numbers are in the '
            f'table below">{chart_svg(table, min_count)}</figure>'
        )
    parts.append(table_html(table, min_count))
    parts.append("</section>")
    return "".join(parts)


def render(fig: Figures, title: str = "Campaign kiosks: reach report") -> str:
    """The whole report as one HTML document."""
    e = html.escape
    n = fig.min_count
    out = [
        "<!DOCTYPE html>",
        '<html lang="en-GB"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        'img-src data:">',
        f"<title>{e(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f"<p>Counts from <strong>{fig.kiosks:,}</strong> kiosk(s), <strong>{fig.files_read:,}</strong> day file(s), "
        f"for <strong>{fig.period.start}</strong> to <strong>{fig.period.end}</strong>, compared with "
        f"{fig.previous.start} to {fig.previous.end}. Made by kiosk {e(__version__)}.</p>",
    ]
    if fig.bad:
        items = "".join(f"<li><code>{e(b.path)}</code>: {e(b.reason)}</li>" for b in fig.bad)
        out.append(
            f'<div class="bad" id="bad-files"><h2>Files left out ({len(fig.bad):,})</h2>'
            "<p>These files could not be used and are not in any figure below. The others are.</p>"
            f"<ul>{items}</ul></div>"
        )
    out.append(
        f'<p class="note" id="privacy">Small numbers are hidden: any count above nought and below {n} reads '
        f"<strong>fewer than {n}</strong>, in every table and chart. Where one hidden figure could be worked out by "
        "taking the others from a total, a second figure is hidden as well and reads <strong>not shown</strong>. "
        "Hidden figures are gaps in the charts. Totals and changes are worked out from the exact counts. "
        "The kiosks count only: no names, no free text, no times finer than the hour.</p>"
    )
    out.append(section_html(fig.summary, n))
    for table in fig.tables:
        out.append(section_html(table, n))
    out.append("</body></html>")
    return "\n".join(out) + "\n"
