"""The annual cycle as a PDF: the wheel (the same SVG the page draws, without links) and the
year's events as a list by month, for printing and for the board's papers."""

from __future__ import annotations

import datetime

from cycle import selectors, wheel
from danish.formatting import long_date
from documents.pdf import typeset
from organisation.models import Body


def cycle_pdf(
    *, year: int, body: Body | None, today: datetime.date, archive: bool = False
) -> bytes:
    data = selectors.cycle_year(year=year, body=body)
    title = f"Årshjul {year}" + (f": {body.name}" if body else "")
    svg = wheel.render(data, today=today, link=False, title=title)
    months = [
        {
            "name": name.capitalize(),
            "rows": [
                {
                    "date": f"{entry.days} {year}",
                    "title": entry.event.title,
                    "kind": entry.kind_label,
                    "colour": wheel.COLOURS.get(entry.kind, "#333333"),
                    "bodies": entry.where,
                    "responsible": entry.event.responsible,
                }
                for entry in entries
            ],
        }
        for _month, name, entries in data.months
    ]
    payload = {
        "meta": {"title": title, "description": f"{title}: begivenhederne som hjul og som liste."},
        # In pieces shorter than the words pdf.printable breaks (it would put U+200B in the
        # markup); the template joins them.
        "svg": [svg[i : i + 30] for i in range(0, len(svg), 30)],
        "alt": (
            f"{title} som hjul: måneder rundt om, {len(data.rings)} ringe "
            f"({', '.join(r.label for r in data.rings)}), {len(data.occurrences)} begivenheder. "
            "Listen efter hjulet har samme indhold."
        ),
        "legend": [
            {"label": str(label), "colour": wheel.COLOURS[kind]}
            for kind, label in selectors.EventKind.choices
        ],
        "today": long_date(today) if today.year == year else "",
        "months": months,
    }
    return typeset("cycle.typ", payload, archive=archive)


def cycle_filename(*, year: int, body: Body | None) -> str:
    from danish.formatting import ascii_slug

    suffix = f"-{ascii_slug(body.abbreviation)}" if body else ""
    return f"aarshjul-{year}{suffix}.pdf"
