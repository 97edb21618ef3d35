"""The report's charts, drawn on the server as SVG: one stacked bar per group, a colour per
status with its name in the legend, and the numbers in a table beside the chart (the page
puts it there), so nothing rests on colour or on seeing the picture."""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from followup.selectors import Chart

# One colour per status, in ItemStatus order, distinguishable in greyscale too.
COLOURS = ["#9e9e9e", "#1f77b4", "#2e7d32", "#e6a700", "#b71c1c"]
LABEL_WIDTH, BAR_WIDTH, ROW_HEIGHT, GAP = 250, 400, 22, 8


def svg(chart: Chart) -> SafeString:
    longest = max((row.total for row in chart.rows), default=0) or 1
    height = (ROW_HEIGHT + GAP) * len(chart.rows) + 40
    width = LABEL_WIDTH + BAR_WIDTH + 50
    parts = []
    for index, row in enumerate(chart.rows):
        y = index * (ROW_HEIGHT + GAP)
        label = row.label if len(row.label) <= 30 else row.label[:29] + "…"
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" class="chart__label">{}</text>',
                LABEL_WIDTH - 8,
                y + ROW_HEIGHT - 6,
                label,
            )
        )
        x = float(LABEL_WIDTH)
        for status_index, count in enumerate(row.counts):
            if not count:
                continue
            w = BAR_WIDTH * count / longest
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}">'
                    "<title>{}: {}</title></rect>",
                    f"{x:.1f}",
                    y,
                    f"{w:.1f}",
                    ROW_HEIGHT,
                    COLOURS[status_index],
                    chart.statuses[status_index][1],
                    count,
                )
            )
            x += w
        parts.append(
            format_html(
                '<text x="{}" y="{}" class="chart__total">{}</text>',
                f"{x + 6:.1f}",
                y + ROW_HEIGHT - 6,
                row.total,
            )
        )
    legend_y = (ROW_HEIGHT + GAP) * len(chart.rows) + 14
    x = 10.0
    for status_index, (_value, label) in enumerate(chart.statuses):
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="12" height="12" fill="{}"></rect>'
                '<text x="{}" y="{}" class="chart__legend">{}</text>',
                x,
                legend_y,
                COLOURS[status_index],
                x + 16,
                legend_y + 11,
                label,
            )
        )
        x += 16 + 8 * len(label) + 14
    summary = "; ".join(
        f"{row.label}: "
        + ", ".join(f"{chart.statuses[i][1].lower()} {n}" for i, n in enumerate(row.counts) if n)
        for row in chart.rows
    )
    body = mark_safe("".join(parts))  # noqa: S308 - every part is built by format_html
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="chart-{}-title '
        'chart-{}-desc" xmlns="http://www.w3.org/2000/svg"><title id="chart-{}-title">{}</title>'
        '<desc id="chart-{}-desc">{}</desc>{}</svg>',
        width,
        height,
        chart.key,
        chart.key,
        chart.key,
        chart.title,
        chart.key,
        summary,
        body,
    )
