"""The one PDF engine: Typst typesets every PDF Kursen writes from the templates in typst/.

A document's content goes in as data, never as markup: the prepared model becomes JSON, passed
through Typst's `sys.inputs`, and the templates place its strings as text. Nothing typed by a
user, read from a document or imported from Excel is ever parsed as Typst code, so
`#read("/etc/passwd")` prints as those characters.

Typst runs in a process of its own (typst_worker.py), replaced when it has grown past
WORKER_LIMIT: Typst keeps all it memoized for the life of its process, and this way that memory
is bounded and the server's own stays flat.

Published documents are PDF/UA-1 (tagged, titled, Danish, headings, table headers, bookmarks);
the archive variant is PDF/A-2a as well, the kommune's archive format. Fonts are the system's
Liberation Sans and DejaVu Sans (and Noto Color Emoji), loaded from their folders, so the
output does not rest on the fonts compiled into Typst.
"""

from __future__ import annotations

import atexit
import functools
import json
import re
import subprocess
import sys
import threading
import time
import unicodedata
from pathlib import Path
from typing import Any

from danish import richtext
from documents.common import xml_text

TEMPLATES = Path(__file__).parent / "typst"

# The font folders bin/setup installs (fonts-liberation2, fonts-dejavu-core,
# fonts-noto-color-emoji); the templates name Liberation Sans first, as Word's Arial.
FONT_FOLDERS = (
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/truetype/noto"),
)
# The files whose characters the documents can show (see `printable`).
FONT_FILES = (
    "LiberationSans-Regular.ttf",
    "LiberationSans-Bold.ttf",
    "LiberationSans-Italic.ttf",
    "LiberationSans-BoldItalic.ttf",
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
    "NotoColorEmoji.ttf",
)
REPLACEMENT = "\ufffd"  # DejaVu Sans has it

PUBLISHED: list[str] = ["ua-1"]
ARCHIVE: list[str] = ["a-2a", "ua-1"]

# DEL and the C1 controls: XML allows them, no font draws them.
_DELETE = re.compile("[\x7f-\x9f]")

# A word this long may not fit a line or a table cell: Typst breaks lines only where the text
# allows, so such a word gets invisible break opportunities (U+200B) every BREAK_EVERY letters.
_LONG_WORD = re.compile(r"\S{31,}")
BREAK_EVERY = 16
ZERO_WIDTH_SPACE = "\u200b"

# The worker (typst_worker.py) is replaced once a document leaves it larger than this: Typst
# keeps what it memoized, so the limit bounds the memory typesetting holds between documents.
WORKER_LIMIT = 512 * 1024 * 1024
WORKER = Path(__file__).with_name("typst_worker.py")

_lock = threading.Lock()


class DocumentError(RuntimeError):
    """Typst could not typeset a document (a template error: the data cannot cause it)."""


def typeset(template: str, data: dict[str, Any], *, archive: bool = False,
            standards: list[str] | None = None) -> bytes:  # fmt: skip
    """The PDF of `template` (a file in typst/) with `data` as its content.

    standards: PDF standards to claim instead of the defaults (PDF/UA-1; PDF/A-2a too for
    the archive); [] for none, as for a file that will hold other PDFs' pages.
    """
    if standards is None:
        standards = ARCHIVE if archive else PUBLISHED
    payload = json.dumps(printable(data), ensure_ascii=False, separators=(",", ":"))
    try:
        return typeset_file(TEMPLATES / template, payload, standards=standards,
                            timestamp=int(time.time()))  # fmt: skip
    except DocumentError as error:
        raise DocumentError(f"{template}: {error}") from error


def typeset_file(path: Path, payload: str, *, standards: list[str],
                 timestamp: int | None = None) -> bytes:  # fmt: skip
    """The PDF of the template at `path` with `payload` (JSON) as `sys.inputs.data`, set by
    the worker process; the server's threads take turns."""
    with _lock:
        worker = _worker()
        try:
            return worker.typeset(str(path), payload.encode(), standards, timestamp)
        finally:
            if not worker.alive():
                _worker()  # the next one warms up while this document is sent


def worker_pid() -> int | None:
    """The typesetting process's id, while it runs (the benchmarks count its memory)."""
    worker = _current
    return worker.process.pid if worker is not None and worker.alive() else None


class _Worker:
    """One typst_worker.py process, started warm: its first request loads the fonts."""

    def __init__(self) -> None:
        folders = [str(folder) for folder in FONT_FOLDERS if folder.is_dir()]
        self.process = subprocess.Popen(
            [sys.executable, str(WORKER), json.dumps(folders)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        self.retired = False
        self.pending = 0
        self._send({"template": None, "standards": [], "size": 0}, b"")

    def alive(self) -> bool:
        return not self.retired and self.process.poll() is None

    def typeset(self, template: str, payload: bytes, standards: list[str],
                timestamp: int | None) -> bytes:  # fmt: skip
        request = {"template": template, "standards": standards, "timestamp": timestamp,
                   "size": len(payload)}  # fmt: skip
        self._send(request, payload)
        while self.pending > 1:  # the warm-up's reply
            self._receive()
        reply, pdf = self._receive()
        if not reply["ok"]:
            raise DocumentError(reply["error"])
        if reply["rss"] > WORKER_LIMIT:
            self.retire()
        return pdf

    def retire(self) -> None:
        """Let the process end (closing its input ends its loop); the next one starts warm."""
        self.retired = True
        assert self.process.stdin is not None
        try:
            self.process.stdin.close()
        except OSError:  # pragma: no cover - it is gone already
            pass
        threading.Thread(target=self.process.wait, daemon=True).start()

    def _send(self, request: dict[str, Any], payload: bytes) -> None:
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(json.dumps(request).encode() + b"\n" + payload)
            self.process.stdin.flush()
        except OSError as error:
            self.retire()
            raise DocumentError(f"the typesetting process stopped: {error}") from error
        self.pending += 1

    def _receive(self) -> tuple[dict[str, Any], bytes]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            self.retire()
            raise DocumentError(f"the typesetting process stopped ({self.process.wait()})")
        self.pending -= 1
        reply = json.loads(line)
        return reply, self.process.stdout.read(reply["size"])


_current: _Worker | None = None


def _worker() -> _Worker:
    """The running worker; a retired or stopped one is replaced."""
    global _current
    if _current is None or not _current.alive():
        _current = _Worker()
    return _current


def _retire_at_exit() -> None:
    if _current is not None and _current.alive():
        _current.retire()


atexit.register(_retire_at_exit)


def printable(value: Any) -> Any:
    """Every string made printable: XML-invalid controls dropped (a soft line break kept as a
    line break), characters no font of the documents has replaced by U+FFFD.

    PDF/UA and PDF/A forbid text drawn without a glyph, so Typst refuses such a document;
    a character outside the fonts prints as a visible replacement instead.
    """
    if isinstance(value, str):
        text = _DELETE.sub("", xml_text(value))
        if not text.isascii():
            missing = _missing()
            if missing is not None:
                text = missing.sub(REPLACEMENT, text)
        return _LONG_WORD.sub(_breakable, text)
    if isinstance(value, dict):
        return {key: printable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [printable(item) for item in value]
    return value


@functools.cache
def _missing() -> re.Pattern[str] | None:
    """A pattern of the characters no font of the documents has (tab and line feed aside);
    None without fontTools, when nothing is replaced."""
    try:
        from fontTools.ttLib import TTFont
    except ImportError:  # pragma: no cover - fonttools is a dependency
        return None
    points: set[int] = {ord("\t"), ord("\n")}
    for folder in FONT_FOLDERS:
        for name in FONT_FILES:
            path = folder / name
            if path.is_file():
                points.update(TTFont(str(path), lazy=True).getBestCmap())
    if len(points) <= 2:
        return None
    ordered = sorted(points)
    ranges: list[tuple[int, int]] = []
    start = previous = ordered[0]
    for point in ordered[1:]:
        if point != previous + 1:
            ranges.append((start, previous))
            start = point
        previous = point
    ranges.append((start, previous))
    covered = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )
    return re.compile(f"[^{covered}]")


def _breakable(match: re.Match[str]) -> str:
    """The word with a zero-width space every BREAK_EVERY characters, never inside a
    character's cluster (before a combining mark, a joiner or a skin tone, or after a joiner)."""
    word, pieces, run = match.group(), [], 0
    for index, ch in enumerate(word):
        if run >= BREAK_EVERY and not _joins(ch) and word[index - 1] != "\u200d":
            pieces.append(ZERO_WIDTH_SPACE)
            run = 0
        pieces.append(ch)
        run += 1
    return "".join(pieces)


def _joins(ch: str) -> bool:
    return unicodedata.category(ch) in {"Mn", "Me", "Mc", "Cf", "Sk"} or (
        0x1F3FB <= ord(ch) <= 0x1F3FF or 0xE0020 <= ord(ch) <= 0xE007F
    )


def note_pdf(*, title: str, context: str, text: str, author: str = "") -> bytes:
    """A short note as PDF/UA-1: `context` ("Norddjurs Kommune · Dokument 116728/23") over the
    title, then `text` in the plain formatting of danish.richtext (paragraphs, bullets, tables).
    """
    data = {"meta": {"title": title, "author": author}, "context": context, "blocks": blocks(text)}
    return typeset("note.typ", data)


def blocks(text: str) -> list[dict[str, Any]]:
    """A section's rich text (danish.richtext) as the template's blocks."""
    result: list[dict[str, Any]] = []
    for block in richtext.parse(text):
        if isinstance(block, richtext.Paragraph):
            result.append({"kind": "p", "lines": block.lines})
        elif isinstance(block, richtext.BulletList):
            result.append({"kind": "ul", "items": [[level, text] for level, text in block.items]})
        else:
            rows = ([block.header] if block.header else []) + block.rows
            columns = max((len(row) for row in rows), default=0)
            if not columns:
                continue
            result.append({
                "kind": "table",
                "columns": columns,
                "widths": column_weights(rows, columns),
                "header": block.header,
                "rows": block.rows,
            })  # fmt: skip
    return result


def column_weights(rows: list[list[str]], columns: int) -> list[int]:
    """Relative widths by the longest text per column, as the Word table: a time column
    stays narrow."""
    lengths = [1] * columns
    for row in rows:
        for col, value in enumerate(row[:columns]):
            lengths[col] = max(lengths[col], min(len(value), 60))
    return [max(length, 6) for length in lengths]
