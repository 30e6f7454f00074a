"""Import notes: a warning line that may also say which imported table it belongs to."""

from __future__ import annotations

import re
from collections.abc import Callable

_SHEET_ROW_RE = re.compile(r"工作表“(?P<sheet>[^”]*)”(?:第(?P<row>\d+)行)?")
# A PDF's pages and a Word document's tables are read as sheets named 第2页 / 第1个表格.
_PAGE_RE = re.compile(r"^(?P<sheet>第\d+(?:页|个表格))(?:第(?P<row>\d+)行)?")
# Where a note says it is, at its start, and the punctuation that follows.
PLACE_RE = re.compile(r"^(工作表“[^”]*”(?:第\d+行)?|第\d+(?:页|个表格)(?:第\d+行)?)[：:，,]?\s*")


def place(sheet: str, row: int | None = None) -> str:
    """How a note names where it is: 工作表“X”第N行, or 第2页第N行 for a page or Word table."""
    where = sheet if _PAGE_RE.fullmatch(sheet) else f"工作表“{sheet}”"
    return f"{where}第{row}行" if row is not None else where


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
    """The sheet name and row number a note names (工作表“X”第N行, 第2页第N行), or None."""
    match = _PAGE_RE.match(text) or _SHEET_ROW_RE.search(text)
    if match is None:
        return None
    row = match.group("row")
    return match.group("sheet"), int(row) if row else None


def reading_order(notes: list[str]) -> list[str]:
    """The notes sheet by sheet (in the file's order) or page by page, row by row within
    each; notes about the whole file first."""
    sheets: dict[str, int] = {}

    def key(note: str) -> tuple[int, int]:
        where = sheet_and_row(note)
        if where is None:
            return (-1, 0)
        sheet, row = where
        page = re.search(r"\d+", sheet) if _PAGE_RE.fullmatch(sheet) else None
        order = int(page.group()) if page else sheets.setdefault(sheet, len(sheets))
        return (order, row or 0)

    return sorted(notes, key=key)


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
