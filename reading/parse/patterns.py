"""One regular expression from a table of forms, to ask "does any row match?" in one call.

The tables of ``forms`` and ``furniture`` keep one pattern a row. A pass that only needs to know
whether a line could be any of them asks the table's `any_of` first, one match in C instead of a
Python loop over the rows; the rows then say which form it is, exactly as before. The combined
pattern matches a string at its start if and only if one of the rows does: each row is one
branch of an alternation, its groups renamed apart (so the rows may share group names), its
IGNORECASE kept as a scoped flag.
"""

from __future__ import annotations

import re

_GROUP = re.compile(r"\(\?P<(\w+)>|\(\?P=(\w+)\)|\(\?\((\w+)\)")
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


def _branch(pattern: re.Pattern[str], number: int) -> str:
    source = pattern.pattern
    if _GLOBAL_FLAGS.search(source):
        raise ValueError(f"a row with inline global flags cannot be combined: {source!r}")
    if pattern.flags & ~(re.IGNORECASE | re.UNICODE):
        raise ValueError(f"only IGNORECASE rows can be combined: {source!r}")

    def rename(match: re.Match[str]) -> str:
        if match[1]:
            return f"(?P<{match[1]}_{number}>"
        if match[2]:
            return f"(?P={match[2]}_{number})"
        return f"(?({match[3]}_{number})"

    source = _GROUP.sub(rename, source)
    flag = "i" if pattern.flags & re.IGNORECASE else ""
    return f"(?{flag}:{source})" if flag else f"(?:{source})"


def any_of(*patterns: re.Pattern[str]) -> re.Pattern[str]:
    """A pattern whose `match` succeeds where one of `patterns`' `match` does."""
    return re.compile("|".join(_branch(pattern, n) for n, pattern in enumerate(patterns)))
