"""What every document's text goes through before it is written, Word or PDF.

The Word helpers the documents share are in documents/word.py, the PDF engine in
documents/pdf.py."""

from __future__ import annotations

import dataclasses
import re
from typing import TypeVar

from django.utils.safestring import SafeData, mark_safe

# Characters XML 1.0 does not allow (lxml refuses them, so python-docx cannot write them): the
# C0 controls but tab, line feed and carriage return, lone surrogates, U+FFFE and U+FFFF.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Word's soft line break (Shift+Enter) is a vertical tab in pasted text; a form feed is
# Word's page break. Both read as a line break; the rest carries no meaning and is dropped.
_LINE_BREAKS = {"\x0b": "\n", "\x0c": "\n"}

T = TypeVar("T")


def xml_text(text: str) -> str:
    """Text a document can hold: soft line breaks as line breaks, other invalid characters gone."""
    if not _XML_INVALID.search(text):
        return text
    return _XML_INVALID.sub(lambda m: _LINE_BREAKS.get(m.group(), ""), text)


def xml_safe(value: T) -> T:
    """Every string in a prepared document model made XML-safe, in place where it can be.

    The models (dataclasses, lists, tuples, dicts of them) are built fresh for each document,
    so cleaning them once before rendering covers every field, present and future, of both
    the Word and the PDF version. Shared objects keep their identity.
    """
    return _clean(value, set())


def _clean(value, seen: set[int]):
    if isinstance(value, SafeData):
        return mark_safe(xml_text(str(value)))  # dropping characters adds no markup
    if isinstance(value, str):
        return xml_text(value)
    if id(value) in seen:
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        seen.add(id(value))
        for f in dataclasses.fields(value):
            setattr(value, f.name, _clean(getattr(value, f.name), seen))
        return value
    if isinstance(value, list):
        seen.add(id(value))
        value[:] = [_clean(v, seen) for v in value]
        return value
    if isinstance(value, tuple):
        items = [_clean(v, seen) for v in value]
        return type(value)(*items) if hasattr(value, "_fields") else type(value)(items)
    if isinstance(value, dict):
        seen.add(id(value))
        for key in list(value):
            value[key] = _clean(value[key], seen)
        return value
    return value
