"""What the structured publications share: their HTML fields as the reader's plain text, the
decision text split from its absentees, and names of bodies as printed."""

from __future__ import annotations

import re

from reading.extract import html_to_text
from reading.parse import ABSENT_LABEL, NOT_PARTICIPATING, _names, _spaces, _text
from reading.parse.forms import body_name, not_released

__all__ = ["body_name", "decision_parts", "html_lines", "html_text", "not_released", "printed_name"]

# "<p>&nbsp;</p>" and friends: a field that holds no words.
_EMPTY = re.compile(r"^\W*$")


def html_lines(fragment: str) -> list[str]:
    """An HTML field as the text reader's lines (blocks, lists, tables kept)."""
    if not fragment or not fragment.strip():
        return []
    return html_to_text(fragment.replace("\r\n", "\n")).split("\n")


def html_text(fragment: str) -> str:
    """An HTML field as section text: paragraphs separated by a blank line, no markup."""
    text = _text(html_lines(fragment))
    return "" if _EMPTY.match(text) else text


def decision_parts(lines: list[str]) -> tuple[str, list[str]]:
    """The decision's text and its absentees ("Afbud: A, B", "Fraværende: C", "D deltog ikke
    i behandlingen"), each name once, in printed order."""
    absent: list[str] = []
    kept: list[str] = []
    for line in lines:
        stripped = _spaces(line.strip())
        if stripped and len(stripped) <= 200:
            match = ABSENT_LABEL.match(stripped)
            if match:
                absent.extend(_names(match["rest"]))
                continue
            match = NOT_PARTICIPATING.match(stripped)
            if match:
                absent.append(match["who"].strip())
                continue
        kept.append(line)
    seen: set[str] = set()
    unique = []
    for name in absent:
        key = name.casefold()
        if name and key not in seen:
            seen.add(key)
            unique.append(name)
    text = _text(kept)
    return ("" if _EMPTY.match(text) else text), unique


def printed_name(name: str) -> str:
    """A body or heading printed in capitals ("FORRETNINGSUDVALGET") as a name is written."""
    name = _spaces(name)
    if name.isupper() and len(name) > 3:
        return name[:1] + name[1:].lower()
    return name
