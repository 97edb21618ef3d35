"""Fetching a FirstAgenda publication service's meetings, for `kursen import-documents URL`.

The service lists the bodies and their meetings at ``/api/agenda/udvalgsliste``
(``{"Udvalg": {"<group>": [{"Navn", "Id", "Moeder": [{"Id", "Dato"}]}]}}``) and serves each
meeting's record at ``/api/agenda/dagsorden/{id}``. Only the command calls this, on purpose:
no page of Kursen fetches anything from outside while it is served.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from typing import Any

from reading.extract import ReadError, max_bytes

LIST_PATH = "/api/agenda/udvalgsliste"
MEETING_PATH = "/api/agenda/dagsorden/"
TIMEOUT = 30
_ID = re.compile(r"^[0-9A-Za-z-]{1,64}$")
_SLUG = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def is_address(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def _get(url: str, opener: Callable[..., Any]) -> bytes:
    try:
        with opener(urllib.request.Request(url, headers={"Accept": "application/json"}),
                    timeout=TIMEOUT) as response:  # fmt: skip
            data = response.read(max_bytes() + 1)
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or error
        raise ReadError(f"{url} kunne ikke hentes ({reason}).") from error
    if len(data) > max_bytes():
        raise ReadError(f"{url} er for stor til at blive læst.")
    return data


def _root(address: str) -> str:
    parts = urllib.parse.urlsplit(address)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ReadError(f"»{address}« er ikke en adresse (http:// eller https://).")
    path = parts.path.rstrip("/")
    if path.endswith(LIST_PATH):
        path = path[: -len(LIST_PATH)]
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def meetings(address: str, *, since: str | None = None,
             opener: Callable[..., Any] = urllib.request.urlopen,
             ) -> Iterator[tuple[str, bytes | ReadError]]:  # fmt: skip
    """(file name, record bytes or the error fetching it) for every meeting the service
    lists, on or after `since` (an ISO date) if given, in date order per body."""
    root = _root(address)
    try:
        listing = json.loads(_get(root + LIST_PATH, opener).decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise ReadError(f"{root}{LIST_PATH} svarede ikke med en liste over udvalg.") from error
    groups = listing.get("Udvalg") if isinstance(listing, dict) else None
    if not isinstance(groups, dict):
        raise ReadError(f"{root}{LIST_PATH} svarede ikke med en liste over udvalg.")
    seen: set[str] = set()
    for bodies in groups.values():
        for body in bodies if isinstance(bodies, list) else []:
            if not isinstance(body, dict):
                continue
            name = str(body.get("Navn") or "udvalg")
            listed = [m for m in body.get("Moeder") or [] if isinstance(m, dict)]
            for meeting in sorted(listed, key=lambda m: str(m.get("Dato") or "")):
                identifier, date = str(meeting.get("Id") or ""), str(meeting.get("Dato") or "")
                if not _ID.match(identifier) or identifier in seen:
                    continue
                if since and date[:10] < since:
                    continue
                seen.add(identifier)
                file_name = f"{_slug(name)}-{date[:10] or identifier}.json"
                try:
                    yield file_name, _get(root + MEETING_PATH + identifier, opener)
                except ReadError as error:
                    yield file_name, error


def _slug(name: str) -> str:
    text = name.lower().translate(_SLUG)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "udvalg"
