"""The product's glossary: one Danish term for each concept, and the variants it replaces.

Every page, document, message and URL uses the term; tests/test_glossary.py scans the
templates and the translatable strings of the Python code for the forbidden variants. A new
concept, or a variant met in the wild, is added here, once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    concept: str  # what it is, in English, for the code's readers
    term: str  # the one Danish word Kursen uses
    forbidden: tuple[str, ...]  # regular expressions (case-insensitive) of the variants
    note: str = ""


GLOSSARY: tuple[Term, ...] = (
    Term(
        concept="the minutes of a meeting: its decisions, approved after the meeting",
        term="beslutningsprotokol",
        forbidden=(r"\breferat(?:et|er|erne)?\b",),
        note="Also in URLs (/beslutningsprotokol.pdf); the state reads 'Beslutningsprotokol "
        "godkendt'. The reader of published documents (reading/) names the document types "
        "other systems print ('Referat') and is outside the scan.",
    ),
    Term(
        concept="a plan item that needs no political treatment",
        term="Ordinær drift",
        forbidden=(r"Nej,\s*ordinær drift", r"Ja\s*/\s*Ordinær drift"),
        note="The political treatment reads 'Ja: AU, ØK, KB' (the bodies in routing order), 'Ja' "
        "without bodies, or 'Ordinær drift': on the plan, the item and the extract alike.",
    ),
    Term(
        concept="quotation marks in Danish text",
        term="»…«",
        forbidden=("“", "„"),
        note="Danish text quotes »like this«; the English “…” does not appear.",
    ),
    Term(
        concept="sending out an agenda",
        term="udsend dagsorden",
        forbidden=(r"\budgiv(?:e|er|et)? dagsorden", r"\bpublicér dagsorden"),
    ),
)


def violations(text: str) -> list[tuple[Term, str]]:
    """(term, the variant found) for every forbidden variant in `text`."""
    found = []
    for term in GLOSSARY:
        for pattern in term.forbidden:
            for match in re.finditer(pattern, text, re.IGNORECASE):
                found.append((term, match.group(0)))
    return found
