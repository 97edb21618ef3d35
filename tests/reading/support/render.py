"""A FirstAgenda record printed as a publication prints it: text as a PDF's text comes out
(pages separated by form feeds, a running head and a footer on every page) or HTML, in the
forms the big systems print (meeting header as a table, a line or a cover page; item
headings "Punkt 1: …", "1. …", "1 …", "Pkt. 1 …"; case number lines; closure marks; decision
headings). The text reader's reading of the print is compared with the record itself.

The form of each part is chosen from the record's id, so the whole corpus goes through every
form, and one record always prints the same way."""

from __future__ import annotations

import datetime
import hashlib
import html as html_module

from reading.extract import html_to_text
from reading.publications.firstagenda import _parts, _when  # the record's own structure

WEEKDAYS = ["Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag", "Lørdag", "Søndag"]
MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
          "september", "oktober", "november", "december"]  # fmt: skip
HEADERS = ["table", "line", "cover"]
ITEM_HEADINGS = ["Punkt {n}: {title}", "{n}. {title}", "{n} {title}", "Pkt. {n} {title}"]
CASE_LINES = ["Sagsnr.: {case}", "Sag: {case}", "Journalnr.: {case}", "{case}"]
CLOSED_FORMS = ["Lukket: {title}", "(Lukket) {title}", "{title} (Lukket)", "{title}\nLukket punkt",
                "{title}\nLukket sag"]  # fmt: skip
OWN_DECISIONS = ["Beslutning", "Beslutninger", "Afgørelse", "Beslutning i {body} den {dmy}",
                 "{body}s beslutning den {dotted} Punkt {n}"]  # fmt: skip
EARLIER_DECISIONS = ["Beslutning i {body} den {dmy}", "{body}s beslutning den {dotted}"]
FOOTERS = ["Side {page} af {pages}", "{page} of {pages}", "{page} af {pages}"]
LINES_PER_PAGE = 40


def choice(record: dict, salt: str, options: list[str]) -> str:
    digest = hashlib.sha256(f"{record.get('Id')}:{salt}".encode()).digest()
    return options[digest[0] % len(options)]


def long_date(iso: str) -> str:
    day = datetime.date.fromisoformat(iso)
    return f"{WEEKDAYS[day.weekday()]} d. {day.day}. {MONTHS[day.month - 1]} {day.year}"


def dmy(iso: str, sep: str = "-") -> str:
    return sep.join(reversed(iso.split("-")))


def _html_lines(fragment: str) -> list[str]:
    return [line for line in html_to_text(fragment.replace("\r\n", "\n")).split("\n")]


def _text_of(fragment: str) -> list[str]:
    return [line for line in _html_lines(fragment)]


def front_lines(record: dict, kind: str) -> list[str]:
    body = record["Udvalg"]["Navn"]
    date, start = _when(record["Moede"]["Dato"])
    place = record["Moede"].get("Sted") or ""
    members = [p["Name"] for p in record["Moede"].get("Moededeltagere") or []]
    absent = [p["Name"] for p in record["Moede"].get("Moededeltagere") or []
              if p.get("Absent") or p.get("ParticipationCancelled")]  # fmt: skip
    when = f"{long_date(date)} kl. {start}"
    if kind == "table":
        lines = ["Greve Kommune", "", "Referat", "", f"Udvalg:\t{body}", f"Mødedato\t{when}",
                 f"Mødested\t{place}", f"Medlemmer\t{', '.join(members)}"]  # fmt: skip
        if absent:
            lines.append(f"Fraværende\t{', '.join(absent)}")
        return [*lines, ""]
    if kind == "line":
        weekday, rest = when.split(" d. ", 1)
        day_line = f"{weekday.lower()} den {rest.replace(' kl.', ', kl.')}"
        lines = [body, "", "Referat", "", day_line, "", f"Mødested: {place}"]
        if absent:
            lines += ["", f"Afbud: {', '.join(absent)}"]
        return [*lines, ""]
    # A cover page of its own: the system prints body, kind and date large, then a new page.
    return ["Greve Kommune", "", "Referat", "", body, "", when, "", place, "\f"]


def item_lines(record: dict, raw: dict) -> list[str]:
    body = record["Udvalg"]["Navn"]
    date, _start = _when(record["Moede"]["Dato"])
    number = int(raw["Number"])
    printed = raw["Navn"]
    closed = printed.startswith("Lukket: ")
    title = printed[len("Lukket: ") :] if closed else printed
    if closed:
        title = choice(raw | {"Id": raw["Id"]}, "closed", CLOSED_FORMS).format(title=title)
    heading = choice(record, "item", ITEM_HEADINGS).format(n=number, title=title)
    lines = ["", *heading.split("\n")]
    if raw.get("SagsNummer"):
        lines.append(choice(record, "case", CASE_LINES).format(case=raw["SagsNummer"]))
    lines.append("")
    fields = raw.get("Felter") or []
    html = "\n".join(f.get("Html") or "" for f in fields)
    parts = _parts(html)
    if closed or not parts:
        lines += _text_of(html)
        return lines
    lines += _text_of(parts.get("Fremstilling", ""))
    course = parts.get("Sagens forløb", "")
    if course:
        import re

        for match in re.finditer(r"<u>\s*([\d/.-]{10})\s+([^<]{1,160}?)\s*</u>", course):
            when = match[1].replace("/", "-")
            iso = "-".join(reversed(when.split("-")))
            form = choice(raw, f"earlier{match.start()}", EARLIER_DECISIONS)
            earlier_body = " ".join(match[2].split())
            lines += ["", form.format(body=earlier_body, dmy=dmy(iso), dotted=dmy(iso, "."))]
            stop = course.find("<u>", match.end())
            lines += _text_of(course[match.end() : stop if stop >= 0 else len(course)])
    if "Beslutning" in parts:
        form = choice(record, "decision", OWN_DECISIONS)
        lines += ["", form.format(body=body, dmy=dmy(date), dotted=dmy(date, "."), n=number), ""]
        lines += _text_of(parts["Beslutning"])
    attachments = sorted(raw.get("Bilag") or [], key=lambda b: b.get("Order") or 0)
    if attachments:
        lines += ["", "Bilag", ""]
        lines += [f"{n}. {b['Navn']}" for n, b in enumerate(attachments, start=1)]
    return lines


def as_text(record: dict, *, pages: bool = True) -> str:
    """The record as the text of its printed PDF: pages with a running head and a footer
    (or, with pages=False, as one page without them, as a web page shows it)."""
    kind = choice(record, "header", HEADERS)
    lines = front_lines(record, kind)
    for raw in sorted(record["Dagsordenpunkter"], key=lambda i: i.get("Sorting") or 0):
        lines += item_lines(record, raw)
    if not pages:
        return "\n".join(line for line in lines if line != "\f") + "\n"
    body = record["Udvalg"]["Navn"]
    date, _ = _when(record["Moede"]["Dato"])
    head = f"{body} - Referat - {dmy(date, '.')}"
    footer = choice(record, "footer", FOOTERS)
    pages: list[list[str]] = [[]]
    for line in lines:
        if line == "\f" or len(pages[-1]) >= LINES_PER_PAGE:
            pages.append([])
            if line == "\f":
                continue
        pages[-1].append(line)
    total = len(pages)
    printed = []
    for number, page in enumerate(pages, start=1):
        printed.append("\n".join([head, "", *page, "", footer.format(page=number, pages=total),
                                  "FirstAgenda"]))  # fmt: skip
    return "\f".join(printed) + "\n"


def as_html(record: dict) -> str:
    """The record as an HTML page of the publication (no pages, no footers)."""
    text = as_text(record, pages=False)
    out = ["<html><body>"]
    for line in text.replace("\f", "\n").split("\n"):
        if "\t" in line:  # the header's table rows
            cells = "".join(f"<td>{html_module.escape(c)}</td>" for c in line.split("\t"))
            out.append(f"<table><tr>{cells}</tr></table>")
        else:
            out.append(f"<p>{html_module.escape(line)}</p>" if line.strip() else "")
    return "\n".join(out) + "</body></html>"


def as_pdf(record: dict) -> bytes:
    """The HTML page printed to PDF (tests/reading/support/foreign.py) with the furniture a
    meeting system puts in the page margins: running head, page counter and the system's name."""
    from tests.reading.support.foreign import html_pdf

    date, _ = _when(record["Moede"]["Dato"])
    head = f"{record['Udvalg']['Navn']} - Referat - {dmy(date, '.')}"
    return html_pdf(as_html(record), head=head, footer="Side {page} af {pages}",
                    system="FirstAgenda")  # fmt: skip
