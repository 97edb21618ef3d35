"""The report's long tables as HTML rows, built here rather than in the template: a round on a
whole plan lists its 1,500 answers several times over (every answer, the notes, the late and the
unanswered items), and Django's template engine takes seconds for that many cells. Every value
is escaped (format_html)."""

from __future__ import annotations

from typing import Any

from django.utils.html import format_html, format_html_join, linebreaks
from django.utils.safestring import SafeString, mark_safe


def _note(text: str) -> SafeString:
    return mark_safe(linebreaks(text, autoescape=True)) if text else mark_safe("")  # noqa: S308


def fact_rows(
    facts: list[dict[str, Any]], *, moves: bool = False, notes: bool = False
) -> SafeString:
    """One <tr> per fact: item, committee, (from,) status, time(, note)."""
    rows = []
    for f in facts:
        cells = [
            format_html('<td><span class="code">{}</span> {}</td>', f["code"], f["title"]),
            format_html('<td data-label="Udvalg">{}</td>', f["committee"]),
        ]
        if moves:
            earlier = f.get("from_timing", "")
            cells.append(
                format_html(
                    '<td data-label="Fra">{}{}</td>',
                    f.get("from_status", ""),
                    format_html('<span class="sub">{}</span>', earlier)
                    if earlier and earlier != f["timing"]
                    else "",
                )
            )
        cells.append(format_html('<td data-label="Status">{}</td>', f["status_label"]))
        cells.append(format_html('<td data-label="Tidspunkt">{}</td>', f["timing"]))
        if notes:
            cells.append(format_html('<td data-label="Statusnote">{}</td>', _note(f["note"])))
        rows.append(mark_safe("<tr>" + "".join(cells) + "</tr>"))  # noqa: S308
    return mark_safe("\n".join(rows))  # noqa: S308


def answer_rows(facts: list[dict[str, Any]]) -> SafeString:
    """The table of every answer."""
    return format_html_join(
        "\n",
        '<tr><td><span class="code">{}</span> {}<span class="sub">{}</span></td>'
        '<td data-label="Udvalg">{}</td><td data-label="Status">{}</td>'
        '<td data-label="Tidspunkt">{}</td><td data-label="Statusnote">{}</td>'
        '<td class="num" data-label="Realiseret">{}</td><td data-label="Svar">{}{}</td></tr>',
        (
            (
                f["code"],
                f["title"],
                f["kind_label"],
                f["committee"],
                f["status_label"],
                f["timing"],
                _note(f["note"]),
                f["realised"],
                f["state_label"],
                format_html('<span class="sub">{}</span>', f["respondent"])
                if f["respondent"]
                else "",
            )
            for f in facts
        ),
    )
