"""查找/替换 across a document: the text fields of every table's header and indicators.

Matches come in reading order (table by table, header first, then the indicators as
printed, field by field); replacing builds domain edits, all of them one undo step.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.model.edits import Edit, SetField, SetHeader, Steps
from goaleditor.model.fields import SEARCHABLE_HEADER_FIELDS as HEADER_FIELDS
from goaleditor.model.fields import SEARCHABLE_INDICATOR_FIELDS as INDICATOR_FIELDS

Position = tuple[int, int, int, int]  # table, row (0: header), field, offset


@dataclass(frozen=True)
class Match:
    """One occurrence: in table (0-based) at node's field (node None: the table header)."""

    table: int
    row: int  # 0 for the header, else the indicator's 1-based row as printed
    node: Indicator | None
    field: str
    start: int
    length: int

    @property
    def position(self) -> Position:
        """Where the match is, comparable in reading order."""
        fields = HEADER_FIELDS if self.node is None else INDICATOR_FIELDS
        return (self.table, self.row, fields.index(self.field), self.start)

    def owner(self, document: Document) -> GoalTable | Indicator:
        """The table (for a header field) or the indicator the match is in."""
        return self.node if self.node is not None else document.tables[self.table]


def _pattern(text: str, match_case: bool) -> re.Pattern[str]:
    return re.compile(re.escape(text), 0 if match_case else re.IGNORECASE)


def _fields(document: Document) -> Iterator[tuple[int, int, Indicator | None, str, str]]:
    """(table, row, node, field, text) of every searchable field, in reading order."""
    for number, table in enumerate(document.tables):
        for name in HEADER_FIELDS:
            yield number, 0, None, name, getattr(table, name)
        for row, (_, _, indicator) in enumerate(table.indicator_rows(), 1):
            for name in INDICATOR_FIELDS:
                yield number, row, indicator, name, getattr(indicator, name)


def find_all(document: Document, text: str, match_case: bool = False) -> list[Match]:
    """Every occurrence of text, in reading order (none for an empty text)."""
    if not text:
        return []
    pattern = _pattern(text, match_case)
    return [
        Match(table, row, node, name, found.start(), found.end() - found.start())
        for table, row, node, name, value in _fields(document)
        for found in pattern.finditer(value)
    ]


def next_match(matches: list[Match], after: Position | None, backwards: bool = False) -> int:
    """The index of the match after (or before) a position, wrapping around; -1 if none."""
    if not matches:
        return -1
    if after is None:
        return len(matches) - 1 if backwards else 0
    if backwards:
        before = [i for i, m in enumerate(matches) if m.position < after]
        return before[-1] if before else len(matches) - 1
    return next((i for i, m in enumerate(matches) if m.position > after), 0)


def _set(match: Match, document: Document, value: str) -> Edit:
    if match.node is None:
        return SetHeader(document.tables[match.table], match.field, value)
    return SetField(match.node, match.field, value)


def still_there(document: Document, match: Match, text: str, match_case: bool) -> bool:
    """Whether the field still holds text at the match (the document may have changed)."""
    if match.table >= len(document.tables):
        return False
    owner = match.owner(document)
    value: str = getattr(owner, match.field)
    found = _pattern(text, match_case).match(value, match.start)
    return found is not None and found.end() - found.start() == match.length


def replace_one(
    document: Document, match: Match, text: str, replacement: str, match_case: bool = False
) -> Edit | None:
    """Replace the occurrence at match (None when it is no longer there)."""
    if not still_there(document, match, text, match_case):
        return None
    value: str = getattr(match.owner(document), match.field)
    new = value[: match.start] + replacement + value[match.start + match.length :]
    return _set(match, document, new)


def replace_all(
    document: Document, text: str, replacement: str, match_case: bool = False
) -> tuple[Edit | None, int]:
    """Replace every occurrence as one step; (the edit or None, how many occurrences)."""
    matches = find_all(document, text, match_case)
    pattern = _pattern(text, match_case)
    edits: list[Edit] = []
    done: set[tuple[int, int, str]] = set()
    for match in matches:
        key = (match.table, id(match.node), match.field)
        if key in done:
            continue
        done.add(key)
        value: str = getattr(match.owner(document), match.field)
        edits.append(_set(match, document, pattern.sub(lambda _: replacement, value)))
    if not edits:
        return None, 0
    return Steps(tuple(edits), f"全部替换“{text}”（{len(matches)}处）"), len(matches)
