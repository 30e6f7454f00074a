"""Import notes: a warning line that may also say which imported table it belongs to."""

from __future__ import annotations

import re
from collections.abc import Callable

_SHEET_ROW_RE = re.compile(r"工作表“(?P<sheet>[^”]*)”(?:第(?P<row>\d+)行)?")


class ImportNote(str):
    """One warning line (a plain str to every reader that prints it), plus where it belongs.

    table: the index in the imported document of the table it is about, if any.
    """

    table: int | None
    field: str | None

    def __new__(cls, text: str, table: int | None = None, field: str | None = None) -> ImportNote:
        """A note about text; table and field when it belongs to an imported table."""
        note = super().__new__(cls, text)
        note.table = table
        note.field = field
        return note


def sheet_and_row(text: str) -> tuple[str, int | None] | None:
    """The sheet name and row number a note names (“工作表“X”第N行”), or None."""
    match = _SHEET_ROW_RE.search(text)
    if match is None:
        return None
    row = match.group("row")
    return match.group("sheet"), int(row) if row else None


def table_of(note: str) -> int | None:
    """The imported table a note belongs to, if it says."""
    return note.table if isinstance(note, ImportNote) else None


Locate = Callable[[str, int | None], int | None]


def locating(warn: Callable[[str], None], locate: Locate) -> Callable[[str], None]:
    """A warn callback that adds the table index (found by locate(sheet, row)) to each note."""

    def add_location(text: str) -> None:
        where = sheet_and_row(text)
        table = locate(*where) if where else None
        warn(ImportNote(text, table) if table is not None else text)

    return add_location
