"""A meeting's agenda and minutes: the prepared content, its PDF and Word documents, and the
agenda with its attachments in one PDF."""

from documents.agenda.combined import combined_agenda_pdf
from documents.agenda.content import AgendaDocument, agenda_filename, build_agenda
from documents.agenda.pdf import agenda_pdf
from documents.agenda.word import agenda_docx

__all__ = [
    "AgendaDocument",
    "agenda_docx",
    "agenda_filename",
    "agenda_pdf",
    "build_agenda",
    "combined_agenda_pdf",
]
