"""Checks on an uploaded attachment before anything is stored.

The type is read from the file's content (filetype's magic numbers), never trusted from its
name or the browser; the size is capped; the name is reduced to safe characters. A refused
file raises ValidationError with a Danish message.
"""

from __future__ import annotations

import secrets
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from danish.formatting import ascii_slug

# Content type -> the extension the stored file gets.
ALLOWED = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "image/png": "png",
    "image/jpeg": "jpg",
}
# Office files are zip archives; the part that tells which kind is inside.
OFFICE_PARTS = {
    "word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/workbook.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/presentation.xml": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    ),
}


@dataclass
class CheckedUpload:
    filename: str  # sanitised, shown to users and used when downloading
    storage_name: str  # random, used on disk
    content_type: str
    size: int


def check(upload) -> CheckedUpload:
    limit = settings.KURSEN_ATTACHMENT_MAX_BYTES
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("Filen er tom."))
    if size > limit:
        raise ValidationError(
            _("Filen fylder %(size)s MB; et bilag må højst fylde %(limit)s MB.")
            % {"size": _mb(size), "limit": _mb(limit)}
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    content_type = _content_type(upload, head)
    if content_type not in ALLOWED:
        raise ValidationError(
            _("Filtypen kan ikke bruges som bilag.")
            + " "
            + _("Brug PDF, Word, Excel, PowerPoint, PNG eller JPEG.")
        )
    if content_type in OFFICE_PARTS.values():
        _check_unpacked(upload)
    stem = ascii_slug(PurePath(upload.name or "bilag").stem)[:80] or "bilag"
    extension = ALLOWED[content_type]
    return CheckedUpload(
        filename=f"{stem}.{extension}",
        storage_name=f"{secrets.token_hex(8)}-{stem}.{extension}",
        content_type=content_type,
        size=size,
    )


def _content_type(upload, head: bytes) -> str | None:
    kind = filetype.guess(head)
    mime = kind.mime if kind else None
    if mime in {"application/zip", None} or (mime or "").startswith("application/vnd.openxml"):
        # filetype recognises Office files only by their first entry; look inside instead.
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return mime if mime not in {"application/zip", None} else None
        finally:
            upload.seek(0)
        for part, office_type in OFFICE_PARTS.items():
            if part in names and "[Content_Types].xml" in names:
                return office_type
        return None
    return mime


def _check_unpacked(upload) -> None:
    """An Office file is a zip archive: refuse one that unpacks to far more than it weighs.

    Its directory gives each part's unpacked size without unpacking anything; reading the
    text later (search, preview) stops at the same size, so a directory that lies gains
    nothing.
    """
    limit = settings.KURSEN_ATTACHMENT_MAX_UNPACKED_BYTES
    try:
        with zipfile.ZipFile(upload) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ValidationError(_("Filen er beskadiget og kan ikke bruges som bilag.")) from error
    finally:
        upload.seek(0)
    if unpacked > limit:
        raise ValidationError(
            _(
                "Filen fylder %(size)s MB, når den pakkes ud; et bilag må højst fylde "
                "%(limit)s MB udpakket. Gem den igen uden indlejrede filer, eller del den op."
            )
            % {"size": _mb(unpacked), "limit": _mb(limit)}
        )


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",").replace(",0", "")
