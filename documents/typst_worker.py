"""The process that typesets for documents/pdf.py: ``python typst_worker.py '["font folder"]'``.

Typst memoizes its work process-wide and the Python binding offers no way to evict it, so a
server that typesets in its own process grows by every document it ever printed (about 27 MB
per 30-item agenda, 170 MB per 200-item one, never returned). Here that memory belongs to a
process of its own, which documents/pdf.py replaces when it has grown past a limit; the
server's own memory stays flat, and the worker keeps its fonts and templates warm between
documents until then.

It imports only the standard library and typst (no Django), so it starts in a fraction of a
second. The protocol on stdin/stdout, one request at a time:

    request: a JSON line {"template": path, "standards": [...], "timestamp": int|null,
             "size": n}, then n bytes of the document's data (JSON, UTF-8)
    reply:   a JSON line {"ok": true, "size": n, "rss": bytes} then n bytes of PDF, or
             {"ok": false, "error": message}

A request without a template loads the fonts by setting a line of text (the warm-up); its
reply carries no PDF.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import typst

WARM_UP = (
    '#set text(lang: "da", font: ("Liberation Sans", "DejaVu Sans", "Noto Color Emoji"))\n'
    "Æble, øl og å *fed* _kursiv_ 1.250 t.kr. – »citat«"
)


def main() -> None:
    folders = json.loads(sys.argv[1]) if len(sys.argv) > 1 else []
    # The replies own stdout; anything else printed goes to stderr.
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    requests = sys.stdin.buffer
    fonts = typst.Fonts(
        include_system_fonts=not folders, include_embedded_fonts=True, font_paths=folders
    )
    compilers: dict[str, typst.Compiler] = {}
    while True:
        line = requests.readline()
        if not line:
            return
        request = json.loads(line)
        data = requests.read(request["size"]).decode("utf-8")
        try:
            template = request.get("template")
            if template is None:  # the PDF is not sent: the server may be writing a request
                typst.compile(WARM_UP.encode(), font_paths=fonts)
                pdf = b""
            else:
                compiler = compilers.get(template)
                if compiler is None:
                    path = Path(template)
                    compiler = typst.Compiler(path, root=path.parent, font_paths=fonts)
                    compilers[template] = compiler
                result = compiler.compile(
                    sys_inputs={"data": data},
                    pdf_standards=request["standards"],
                    timestamp=request.get("timestamp"),
                )
                assert isinstance(result, bytes)
                pdf = result
            reply: dict[str, object] = {"ok": True, "size": len(pdf), "rss": resident()}
        except typst.TypstError as error:
            pdf, reply = b"", {"ok": False, "error": error.message, "size": 0}
        replies.write(json.dumps(reply).encode() + b"\n")
        replies.write(pdf)
        replies.flush()


def resident() -> int:
    """This process's resident set in bytes (its peak where /proc is missing)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024


if __name__ == "__main__":
    main()
