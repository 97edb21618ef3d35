"""The agenda with its attachments in one PDF ("samlet dagsorden").

After each item come its attachments' pages, with a bookmark per item and per attachment, and
the attachment overview links to each attachment's first page. Typst sets the agenda with
empty pages reserved where the attachments go (so the contents and "Side x af y" count them);
pikepdf then gives each reserved page an attachment page's content, keeping the page object,
so the links and bookmarks that point at it stay valid.

Only attachments the reader may open enter the file: the internal version has those the
access gate lets the user see, the public version the open ones only. A Word attachment is
converted by LibreOffice where the server has it; an attachment that cannot be merged (another
kind of file, a damaged PDF, no LibreOffice) is listed under its item with a note instead.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from django.core.cache import cache
from django.utils.translation import gettext as _

from documents import pdf
from documents.agenda.content import build_agenda
from documents.agenda.pdf import TEMPLATE, agenda_data
from meetings.access import Access

WORD_EXTENSIONS = {".docx", ".doc", ".odt", ".rtf"}
CONVERSION_TIMEOUT = 120  # seconds for one LibreOffice run over all Word attachments
CACHE_SECONDS = 24 * 3600


@dataclass
class Merged:
    """An attachment's pages as they enter the file, or why they do not."""

    pages: int = 0
    note: str = ""
    document: pikepdf.Pdf | None = None


def combined_agenda_pdf(*, meeting, user, public: bool, minutes: bool = False) -> bytes:
    """The agenda (or minutes) with each item's attachments after it, as one PDF."""
    document = build_agenda(meeting=meeting, user=user, public=public, minutes=minutes)
    access = Access.public() if public else Access.of(user)
    sources = {
        (item.number, line.number): line.source
        for item in document.items
        if not item.redacted
        for line in item.attachments
        # The gate once more: a line carries its attachment only when the reader may open it.
        if line.source is not None and access.sees_attachment(line.source)
    }
    merged = _merged(sources)
    try:
        data = agenda_data(
            document,
            combined={key: {"pages": m.pages, "note": m.note} for key, m in merged.items()},
        )
        # No PDF/UA claim: the attachments' own pages are not tagged by us.
        with pikepdf.open(io.BytesIO(pdf.typeset(TEMPLATE, data, standards=[]))) as body:
            _fill_reserved_pages(body, document, merged)
            out = io.BytesIO()
            body.save(out)
        return out.getvalue()
    finally:
        # The copied pages are read from their files while the result is written; then the
        # files are closed.
        for part in merged.values():
            if part.document is not None:
                part.document.close()


def _merged(sources: dict) -> dict[tuple[int, int], Merged]:
    """Each attachment as an open PDF, or a note saying why it is left out."""
    result: dict[tuple[int, int], Merged] = {}
    words: dict[tuple[int, int], object] = {}
    for key, attachment in sources.items():
        if not attachment.file:
            continue  # a row without a file: its line says all there is
        suffix = Path(attachment.filename or attachment.file.name).suffix.lower()
        if suffix == ".pdf" or attachment.content_type == "application/pdf":
            result[key] = _open(_source(attachment))
        elif suffix in WORD_EXTENSIONS:
            words[key] = attachment
        else:
            kind = suffix.lstrip(".") or _("ukendt")
            note = _("Filtypen %s kan ikke indgå i den samlede dagsorden; hent bilaget for sig.")
            result[key] = Merged(note=note % kind)
    if words:
        converted = _converted(words)
        for key in words:
            content = converted.get(key)
            if content is None:
                note = _("Word-filen kunne ikke omdannes til PDF; hent bilaget for sig.")
                result[key] = Merged(note=note)
            else:
                result[key] = _open(content)
    return result


def _read(attachment) -> bytes:
    with attachment.file.open("rb") as handle:
        return handle.read()


def _source(attachment) -> str | bytes:
    """The attachment's file by its path where the storage has one: pikepdf then reads the
    pages it copies from the file when the result is written, and no attachment is held in
    memory whole; else its content."""
    try:
        path = attachment.file.path
    except (NotImplementedError, AttributeError):
        return _read(attachment)
    return path if Path(path).is_file() else _read(attachment)


def _open(content: str | bytes) -> Merged:
    try:
        document = pikepdf.open(content if isinstance(content, str) else io.BytesIO(content))
        pages = len(document.pages)
    except (pikepdf.PdfError, pikepdf.PasswordError, ValueError, OSError):
        return Merged(note=_("PDF-filen kunne ikke læses og er ikke med; hent bilaget for sig."))
    if not pages:
        return Merged(note=_("PDF-filen har ingen sider."))
    return Merged(pages=pages, document=document)


def _converted(words: dict) -> dict[tuple[int, int], bytes]:
    """Word attachments as PDF, by LibreOffice in one run; each result kept in the cache."""
    result, missing = {}, {}
    for key, attachment in words.items():
        content = _read(attachment)
        cache_key = "kursen:bilag-pdf:" + hashlib.sha256(content).hexdigest()
        cached = cache.get(cache_key)
        if cached is not None:
            result[key] = cached
        else:
            missing[key] = (content, cache_key, Path(attachment.filename or "bilag.docx").suffix)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not missing or not soffice:
        return result
    with tempfile.TemporaryDirectory(prefix="kursen-bilag-") as folder:
        base = Path(folder)
        sources = []
        for index, (key, (content, _cache_key, suffix)) in enumerate(missing.items()):
            source = base / f"bilag-{index}{suffix.lower() or '.docx'}"
            source.write_bytes(content)
            sources.append((key, source))
        try:
            subprocess.run(
                [soffice, f"-env:UserInstallation={(base / 'profil').as_uri()}", "--headless",
                 "--convert-to", "pdf", "--outdir", str(base / "pdf"),
                 *[str(source) for _key, source in sources]],
                check=False, capture_output=True, timeout=CONVERSION_TIMEOUT,
            )  # fmt: skip
        except (OSError, subprocess.TimeoutExpired):
            return result
        for key, source in sources:
            converted = base / "pdf" / f"{source.stem}.pdf"
            if converted.is_file():
                result[key] = converted.read_bytes()
                cache.set(missing[key][1], result[key], CACHE_SECONDS)
    return result


PAGE_KEYS = ("/Contents", "/Resources", "/MediaBox", "/CropBox", "/Rotate")


def _fill_reserved_pages(body: pikepdf.Pdf, document, merged: dict) -> None:
    """Give the reserved (empty) pages the attachments' pages, in order; add the bookmarks."""
    order = [
        (item, line, merged[(item.number, line.number)])
        for item in document.items
        for line in item.attachments
        if merged.get((item.number, line.number)) and merged[(item.number, line.number)].pages
    ]
    reserved = [index for index, page in enumerate(body.pages) if _is_reserved(page)]
    expected = sum(m.pages for _item, _line, m in order)
    if len(reserved) != expected:
        raise pdf.DocumentError(f"{expected} attachment pages expected, {len(reserved)} reserved")
    firsts: dict[int, list[tuple[str, int]]] = {}
    position = 0
    for item, line, part in order:
        firsts.setdefault(item.number, []).append(
            (
                _("Bilag %(number)s: %(title)s") % {"number": line.number, "title": line.titled},
                reserved[position],
            )  # fmt: skip
        )
        assert part.document is not None
        for source in part.document.pages:
            _copy_page(body, body.pages[reserved[position]], source)
            position += 1
    with body.open_outline() as outline:
        headings = {entry.title: entry for entry in outline.root}
        for item in document.items:
            entry = headings.get(item.heading)
            if entry is None:
                continue
            for title, page in firsts.get(item.number, []):
                entry.children.append(pikepdf.OutlineItem(title, page))


def _is_reserved(page: pikepdf.Page) -> bool:
    """A reserved page has nothing drawn on it: every other page has at least its footer."""
    contents = page.obj.get("/Contents")
    if contents is None:
        return True
    streams = contents if isinstance(contents, pikepdf.Array) else [contents]
    return not any(stream.read_bytes().strip() for stream in streams)


def _copy_page(body: pikepdf.Pdf, target: pikepdf.Page, source: pikepdf.Page) -> None:
    """The source page's content on the target page object (which links and bookmarks name).

    Appending the page copies it with everything it uses (inherited attributes included); its
    content then moves to the reserved page and the copy is dropped.
    """
    body.pages.append(source)
    copy = body.pages[-1]
    for key in PAGE_KEYS:
        if key in copy.obj:
            target.obj[key] = copy.obj[key]
        elif key in target.obj and key != "/MediaBox":
            del target.obj[key]
    del body.pages[-1]
