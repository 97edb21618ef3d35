"""Danish words: splitting, stemming and highlighting, the same on every database.

Both the index and the query go through `words` and `stem`, so "børnene" and "børn" meet at
the stem "børn". PostgreSQL's `danish` configuration stems with the same Snowball algorithm;
it is handed text already split here, so the two databases agree on what a word is (PostgreSQL's
own parser would keep "22/291" as one token, for instance).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from django.utils.safestring import SafeString, mark_safe

WORD = re.compile(r"\w+")
# Words too long to be words (base64, hashes) are not indexed.
MAX_WORD = 60
# Snowball's Danish stop words, as PostgreSQL's danish.stop has them.
STOP_WORDS = frozenset(
    """ad af alle alt anden at blev blive bliver da de dem den denne der deres det dette dig din
    disse dog du efter eller en end er et for fra ham han hans har havde have hende hendes her hos
    hun hvad hvis hvor i ikke ind jeg jer jo kunne man mange med meget men mig min mine mit mod ned
    noget nogle nu når og også om op os over på selv sig sin sine sit skal skulle som sådan thi til
    ud under var vi vil ville vor være været""".split()
)

_stemmer = snowballstemmer.stemmer("danish")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Danish stem of a lower-case word."""
    return _stemmer.stemWord(word)


def words(text: str) -> list[str]:
    """The lower-case words of the text, without stop words."""
    return [w for w in WORD.findall(text.lower()) if w not in STOP_WORDS and len(w) <= MAX_WORD]


def stems(text: str) -> str:
    """The text as its stems, space-separated: what the SQLite index holds."""
    return " ".join(stem(w) for w in words(text))


def plain(text: str) -> str:
    """The text as its words, space-separated: what PostgreSQL's danish config stems."""
    return " ".join(words(text))


@dataclass(frozen=True)
class Query:
    """A search as typed, reduced to stems. The last word also matches as a prefix (the user
    may still be typing it, and Danish compounds it: "skole" finds "skolebestyrelse")."""

    text: str
    terms: tuple[str, ...]  # the words, lower-case, without stop words
    stems: tuple[str, ...]
    # Words starting with a stem: the candidates for a hit (a Danish Snowball stem is a
    # prefix of its word), found by the regex engine rather than word by word in Python.
    candidates: re.Pattern | None = field(default=None, compare=False)

    @classmethod
    def parse(cls, text: str) -> Query:
        terms = tuple(dict.fromkeys(words(text)))[:12]
        stems = tuple(stem(t) for t in terms)
        alternatives = "|".join(re.escape(s) for s in sorted(set(stems), key=len, reverse=True))
        candidates = re.compile(rf"(?<!\w)(?:{alternatives})\w*", re.IGNORECASE) if stems else None
        return cls(text=text, terms=terms, stems=stems, candidates=candidates)

    def __bool__(self) -> bool:
        return bool(self.stems)

    def fts5(self) -> str:
        """An FTS5 MATCH expression: every stem, the last one also as a prefix."""
        parts = [f'"{s}"' for s in self.stems[:-1]] + [f'"{self.stems[-1]}"*']
        return " AND ".join(parts)

    def tsquery(self) -> str:
        """A to_tsquery expression for the danish configuration (which stems the words)."""
        return " & ".join([*self.terms[:-1], f"{self.terms[-1]}:*"])

    def matches(self, word: str) -> bool:
        """Whether a word of a text is a hit, as the index decided (for highlighting)."""
        # A Danish Snowball stem is a prefix of its word, so most words are ruled out
        # without stemming them (a snippet looks at every word of a long text).
        if not word.startswith(self.stems) or word in STOP_WORDS:
            return False
        word_stem = stem(word)
        return word_stem in self.stems[:-1] or word_stem.startswith(self.stems[-1])


SNIPPET_CHARS = 240


def snippet(text: str, query: Query, *, length: int = SNIPPET_CHARS) -> SafeString:
    """A piece of the text around its first hit, HTML-escaped, with the hits in <mark>.

    Where the text has no hit (the title matched), its beginning.
    """
    found = _hits(text, query)
    first = next(found, None)
    start = 0
    if first is not None and first.end() > length:
        start = first.start() - length // 3
        space = text.rfind(" ", 0, start)
        if space >= 0 and start - space < 30:
            start = space + 1
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        if space > start + length // 2:
            end = space
    # Only the hits inside the window are needed, not every hit of a long text.
    hits = [] if first is None else [first]
    for hit in found:
        if hit.start() >= end:
            break
        hits.append(hit)
    marked = _marked(text, hits, start, end)
    return mark_safe(("…" if start else "") + marked + ("…" if end < len(text) else ""))  # noqa: S308


def highlight(text: str, query: Query) -> SafeString:
    """The whole (short) text, escaped, with its hits in <mark>: for titles."""
    return mark_safe(_marked(text, list(_hits(text, query)), 0, len(text)))  # noqa: S308


def _hits(text: str, query: Query) -> Iterator[re.Match]:
    """The words of the text that are hits, in order, found as they are asked for."""
    if not query or query.candidates is None:
        return iter(())
    return (m for m in query.candidates.finditer(text) if query.matches(m.group().lower()))


def _marked(text: str, hits: list[re.Match], start: int, end: int) -> str:
    """text[start:end] escaped, with the hits inside it in <mark>, whitespace collapsed."""
    parts, position = [], start
    for hit in hits:
        if hit.start() < start:
            continue
        if hit.end() > end:
            break
        parts += [html.escape(text[position : hit.start()]), "<mark>", html.escape(hit.group()),
                  "</mark>"]  # fmt: skip
        position = hit.end()
    parts.append(html.escape(text[position:end]))
    return " ".join("".join(parts).split())
