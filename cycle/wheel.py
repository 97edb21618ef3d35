"""The wheel: the year as a circle, months around, one ring per body or kind of event, today
marked, every occurrence a link. Drawn here as SVG text (the page inlines it, the PDF embeds
it), from `cycle.selectors.Year`; every string from the data is escaped.

January begins at the top and the year runs clockwise, as on a clock and on the wheels
kommuner draw; a narrow gap at the top holds the rings' names.
"""

from __future__ import annotations

import calendar
import datetime
import math
from html import escape

from cycle.selectors import Year

SIZE = 1000
CENTRE = SIZE / 2
OUTER = 410  # outer edge of the outermost ring
INNER = 150  # inner edge of the innermost ring (the year's disc inside)
GAP = 14  # degrees at the top kept free for the rings' names
FREQUENT = 24  # more often than this a year: drawn as a dotted circle, not one dot each
MONTH_NAMES = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]

# One colour per kind of event (also in kursen.css for the legend and the list).
COLOURS = {
    "budget": "#1d5fa8",
    "strategic_review": "#7a3b9c",
    "status_round": "#1f7a4d",
    "work_plan": "#b35c00",
    "own": "#b0224a",
}


def _angle(date: datetime.date) -> float:
    """Degrees clockwise from the top for the middle of the date's day."""
    days = 366 if calendar.isleap(date.year) else 365
    fraction = (date.timetuple().tm_yday - 0.5) / days
    return GAP / 2 + fraction * (360 - GAP)


def _edge(year: int, month: int) -> float:
    """Degrees clockwise from the top where the month begins."""
    date = datetime.date(year, month, 1)
    days = 366 if calendar.isleap(year) else 365
    return GAP / 2 + (date.timetuple().tm_yday - 1) / days * (360 - GAP)


def _point(angle: float, radius: float) -> tuple[float, float]:
    radians = math.radians(angle - 90)
    return CENTRE + radius * math.cos(radians), CENTRE + radius * math.sin(radians)


def _f(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _sector(start: float, end: float, inner: float, outer: float) -> str:
    """The path of an annular sector between two angles."""
    large = 1 if end - start > 180 else 0
    x1, y1 = _point(start, outer)
    x2, y2 = _point(end, outer)
    x3, y3 = _point(end, inner)
    x4, y4 = _point(start, inner)
    return (
        f"M{_f(x1)} {_f(y1)}A{_f(outer)} {_f(outer)} 0 {large} 1 {_f(x2)} {_f(y2)}"
        f"L{_f(x3)} {_f(y3)}A{_f(inner)} {_f(inner)} 0 {large} 0 {_f(x4)} {_f(y4)}Z"
    )


def render(
    year: Year,
    *,
    today: datetime.date | None = None,
    link: bool = True,
    title: str = "",
) -> str:
    """The wheel as an SVG document (a string). link=False leaves out the links (the PDF)."""
    rings = year.rings
    count = max(len(rings), 1)
    width = (OUTER - INNER) / count
    out: list[str] = []
    label_id = f"wheel-title-{year.year}"
    out.append(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" class="wheel" '
        f'role="group" aria-labelledby="{label_id}" '
        'font-family="Liberation Sans, Arial, sans-serif">'
    )
    heading = title or f"Årshjul {year.year}"
    out.append(f'<title id="{label_id}">{escape(heading)}</title>')
    out.append(
        f"<desc>{escape(heading)}: {len(year.occurrences)} begivenheder i {len(rings)} ringe. "
        "Samme indhold står i listen under hjulet.</desc>"
    )
    # Month bands, alternating, from the innermost ring to beyond the outermost.
    out.append('<g class="wheel__months" aria-hidden="true">')
    for month in range(1, 13):
        start = _edge(year.year, month)
        end = _edge(year.year, month + 1) if month < 12 else 360 - GAP / 2
        fill = "#f3f5f8" if month % 2 else "#e8ecf2"
        out.append(f'<path d="{_sector(start, end, INNER, OUTER + 34)}" fill="{fill}"/>')
        middle = (start + end) / 2
        x, y = _point(middle, OUTER + 17)
        out.append(
            f'<text x="{_f(x)}" y="{_f(y)}" text-anchor="middle" dominant-baseline="central" '
            f'font-size="21" font-weight="700" fill="#2b3440">{MONTH_NAMES[month - 1]}</text>'
        )
        x1, y1 = _point(start, INNER)
        x2, y2 = _point(start, OUTER + 34)
        out.append(
            f'<line x1="{_f(x1)}" y1="{_f(y1)}" x2="{_f(x2)}" y2="{_f(y2)}" '
            'stroke="#ffffff" stroke-width="3"/>'
        )
    out.append("</g>")
    # Ring boundaries and names (in the gap at the top).
    out.append('<g class="wheel__rings" aria-hidden="true">')
    for index, ring in enumerate(rings):
        inner = INNER + index * width
        out.append(
            f'<circle cx="{CENTRE}" cy="{CENTRE}" r="{_f(inner)}" fill="none" '
            'stroke="#ffffff" stroke-width="2"/>'
        )
        size = min(16.0, width * 0.62)
        if size >= 6:
            y = CENTRE - inner - width / 2
            out.append(
                f'<text x="{CENTRE}" y="{_f(y)}" text-anchor="middle" dominant-baseline="central" '
                f'font-size="{_f(size)}" font-weight="700" fill="#3b4654">'
                f"{escape(ring.short[:6])}</text>"
            )
    out.append("</g>")
    # The occurrences: a dot on the ring at the day, a link to the event. An event that comes
    # more often than FREQUENT times a year is one dotted circle round its ring, one link.
    radius = max(3.5, min(12.0, width * 0.38))
    out.append('<g class="wheel__events">')
    for index, ring in enumerate(rings):
        middle = INNER + (index + 0.5) * width
        counts: dict[int, int] = {}
        for occurrence in ring.occurrences:
            counts[occurrence.event.pk] = counts.get(occurrence.event.pk, 0) + 1
        drawn: set[int] = set()
        for occurrence in ring.occurrences:
            event = occurrence.event
            colour = COLOURS.get(event.kind, "#333333")
            if counts[event.pk] > FREQUENT:
                if event.pk in drawn:
                    continue
                drawn.add(event.pk)
                label = escape(
                    f"{event.title}, {event.recurrence_text.lower()} ({occurrence.where})"
                )
                mark = (
                    f'<circle cx="{CENTRE}" cy="{CENTRE}" r="{_f(middle)}" fill="none" '
                    f'stroke="{colour}" stroke-width="{_f(max(2.0, radius * 0.7))}" '
                    f'stroke-dasharray="2 6" stroke-linecap="round"/>'
                )
            else:
                x, y = _point(_angle(occurrence.date), middle)
                label = escape(occurrence.label)
                mark = (
                    f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{_f(radius)}" fill="{colour}" '
                    f'stroke="#ffffff" stroke-width="{_f(max(1.0, radius / 4))}"/>'
                )
            if link:
                out.append(
                    f'<a href="{escape(occurrence.url)}" aria-label="{label}" '
                    f'class="wheel__event"><title>{label}</title>{mark}</a>'
                )
            else:
                out.append(mark)
    out.append("</g>")
    # Today: a hand from the centre out past the months.
    if today is not None and today.year == year.year:
        angle = _angle(today)
        x1, y1 = _point(angle, INNER - 12)
        x2, y2 = _point(angle, OUTER + 44)
        tx, ty = _point(angle, OUTER + 62)
        out.append(
            f'<g class="wheel__today"><line x1="{_f(x1)}" y1="{_f(y1)}" x2="{_f(x2)}" '
            f'y2="{_f(y2)}" stroke="#c8102e" stroke-width="4" stroke-linecap="round"/>'
            f'<circle cx="{_f(x2)}" cy="{_f(y2)}" r="7" fill="#c8102e"/>'
            f'<text x="{_f(tx)}" y="{_f(ty)}" text-anchor="middle" dominant-baseline="central" '
            'font-size="19" font-weight="700" fill="#a00d25">I dag</text></g>'
        )
    # The year in the middle.
    out.append(
        f'<circle cx="{CENTRE}" cy="{CENTRE}" r="{INNER - 8}" fill="#ffffff" stroke="#d5dbe3" '
        'stroke-width="2" aria-hidden="true"/>'
        f'<text x="{CENTRE}" y="{CENTRE - 8}" text-anchor="middle" font-size="64" '
        f'font-weight="700" fill="#1b2733" aria-hidden="true">{year.year}</text>'
        f'<text x="{CENTRE}" y="{CENTRE + 36}" text-anchor="middle" font-size="24" '
        'fill="#4a5666" aria-hidden="true">Årshjul</text>'
    )
    out.append("</svg>")
    return "".join(out)
