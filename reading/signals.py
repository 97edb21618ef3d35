"""Signals the document import sends, for the apps above `reading` that keep derived data.

`reading` stores through the services of the apps below it and never imports an app above it;
the search index, which is above, still wants to do its upkeep once per document instead of
once per write. It answers `document_import` with a context manager, which the import enters
around a document's writes (inside the document's transaction) and leaves when they end.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from typing import cast

from django.dispatch import Signal

# Sent as one document's import begins; a receiver may return a context manager.
document_import = Signal()


@contextmanager
def around_document_import() -> Iterator[None]:
    with ExitStack() as stack:
        for _receiver, response in document_import.send(sender=None):
            if response is not None:
                stack.enter_context(cast(AbstractContextManager[object], response))
        yield
