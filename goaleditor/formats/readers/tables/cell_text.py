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
_WIDE = "[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
_WIDE_SPACE_RE = re.compile(rf"^\s*{_WIDE}|{_WIDE}\s*$")


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
        """A text cell without format characters and with no wide space at its ends."""
        if type(value) is not str:
            return value
        cleaned = _FORMAT_RE.sub("", value)
        if len(cleaned) != len(value):
            self.stripped = True
        if _WIDE_SPACE_RE.search(cleaned):
            cleaned = cleaned.strip()
        return cleaned
