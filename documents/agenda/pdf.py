"""The agenda and minutes as PDF: the prepared document (agenda/content.py) as the data of
typst/agenda.typ, typeset by documents/pdf.py."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from documents import pdf
from documents.agenda.content import AgendaDocument, AttachmentLine, ItemView, build_agenda
from meetings.models import Meeting

TEMPLATE = "agenda.typ"


def agenda_pdf(*, meeting: Meeting, user, public: bool, minutes: bool, archive: bool = False
               ) -> bytes:  # fmt: skip
    """The agenda or minutes as a tagged PDF/UA-1 document (PDF/A-2a too with `archive`)."""
    document = build_agenda(meeting=meeting, user=user, public=public, minutes=minutes)
    return pdf.typeset(TEMPLATE, agenda_data(document), archive=archive)


def agenda_data(document: AgendaDocument, *, combined: dict | None = None) -> dict[str, Any]:
    """The prepared agenda as the template's data: every value a string, list or number.

    combined: for the agenda with its attachments, the merged attachments by (item number,
    attachment number): {"pages": n, "note": ""}; an attachment with no pages gets a note.
    """
    items = [_item(item, combined) for item in document.items]
    overview = []
    for item, attachments in document.overview:
        lines = []
        for attachment in attachments:
            part = (combined or {}).get((item.number, attachment.number))
            lines.append({
                "text": f"{attachment.number}. {attachment.overview}",
                "target": attachment_label(item, attachment) if part and part["pages"] else "",
            })  # fmt: skip
        overview.append({"heading": item.heading, "label": item.anchor, "attachments": lines})
    return {
        "meta": {
            "title": document.title,
            "author": document.municipality,
            "keywords": [document.kind.lower()],
            "description": f"{document.kind}, {document.body}, {document.date}",
        },
        "labels": {
            "page": _("Side"),
            "of": _("af"),
            "contents": _("Indholdsfortegnelse"),
            "closed_item": _("Lukket punkt"),
            "attachments": _("Bilag"),
            "apologies": _("Afbud:"),
            "overview": document.overview_heading,
            "signatures": document.signature_heading,
        },
        "combined": combined is not None,
        "municipality": document.municipality,
        "body": document.body,
        "kind": document.kind,
        "running_head": document.running_head,
        "facts": [{"label": label, "values": values} for label, values in document.facts],
        "notice": document.notice,
        "items": items,
        "overview": overview,
        "signatures": document.signatures,
    }


def _item(item: ItemView, combined: dict | None) -> dict[str, Any]:
    attachments = []
    for attachment in item.attachments:
        part = (combined or {}).get((item.number, attachment.number))
        attachments.append({
            "line": attachment.line,
            "title": attachment.titled,
            "label": attachment_label(item, attachment),
            "pages": part["pages"] if part else 0,
            "note": part["note"] if part else "",
        })  # fmt: skip
    return {
        "number": item.number,
        "heading": item.heading,
        "label": item.anchor,
        "redacted": item.redacted,
        "meta": item.meta,
        "parts": [
            {
                "heading": part.heading,
                "byline": part.byline,
                "blocks": pdf.blocks(part.text),
                "notes": part.notes,
                "apologies": part.apologies,
            }
            for part in item.parts
        ],
        "attachments": attachments,
    }


def attachment_label(item: ItemView, attachment: AttachmentLine) -> str:
    return f"bilag-{item.number}-{attachment.number}"
