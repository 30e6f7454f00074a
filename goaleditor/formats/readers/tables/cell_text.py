"""Cell text cleaned once as sheets are read: invisible characters out, wide spaces off the ends."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Iterator
from typing import Any

INVISIBLE_NOTE = "文件中有不可见字符（如零宽空格），已去除"
# Unicode category Cf: zero-width space/joiner/non-joiner, BOM, soft hyphen, word joiner,
# direction marks. Never typed on purpose in a form; they only make equal texts differ.
# Listed, not computed: scanning every code point at import would slow start-up.
_FORMAT_RE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f]"
)
# A space a person cannot tell from none at the ends of a value: ideographic, no-break, thin.
_WIDE = frozenset(
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
# A run of blanks longer than this is read as its first ones: no pattern then costs more than
# a few steps per character (a hostile cell of 100,000 blanks took minutes), and no table
# aligns its text with more.
_LONGEST_BLANKS = 4
_LONG_BLANKS_RE = re.compile(rf"\s{{{_LONGEST_BLANKS + 1},}}")


def _shortened(run: re.Match[str]) -> str:
    breaks = run.group().count("\n")
    return "\n" * min(breaks, 2) if breaks else run.group()[:_LONGEST_BLANKS]


def collapse_blanks(text: str) -> str:
    """The text with each run of blanks (spaces, ideographic spaces, tabs, line breaks) longer
    than four cut to four, or to its line breaks (at most two); done once where text enters."""
    if len(text) <= _LONGEST_BLANKS:
        return text
    return _LONG_BLANKS_RE.sub(_shortened, text)


def _wide_at_ends(text: str) -> bool:
    """A wide space among the blanks at either end of the text."""
    head = text[: len(text) - len(text.lstrip())]
    tail = text[len(text.rstrip()) :]
    return any(c in _WIDE for c in head) or any(c in _WIDE for c in tail)


class CellCleaner:
    """Cleans the text cells of sheets; remembers whether anything invisible was taken out."""

    def __init__(self) -> None:
        self.stripped = False

    def sheets(
        self, sheets: Iterable[tuple[str, list[list[Any]]]]
    ) -> Iterator[tuple[str, list[list[Any]]]]:
        """Each sheet with its rows cleaned (a copy that keeps what the grid knows, such as
        its merges; the caller's rows stay as they were)."""
        for name, grid in sheets:
            cleaned = copy.copy(grid)
            cleaned[:] = [[self.cell(value) for value in row] for row in grid]
            yield name, cleaned

    def cell(self, value: Any) -> Any:
        """A text cell without format characters, long runs of blanks cut short
        (collapse_blanks) and with no wide space at its ends."""
        if type(value) is not str:
            return value
        cleaned = _FORMAT_RE.sub("", value)
        if len(cleaned) != len(value):
            self.stripped = True
        cleaned = collapse_blanks(cleaned)
        if _wide_at_ends(cleaned):
            cleaned = cleaned.strip()
        return cleaned
