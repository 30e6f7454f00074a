"""Import notes: what an import guessed or skipped, where in the file, and its imported table."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from goaleditor.errors import InputError, RefusalKind

# A PDF's pages and a Word document's tables are read as sheets named 第2页 / 第1个表格.
_PAGE_RE = re.compile(r"第(?P<number>\d+)(?:页|个表格)")


def place(sheet: str, row: int | None = None) -> str:
    """How a note names where it is: 工作表“X”第N行, or 第2页第N行 for a page or Word table."""
    where = sheet if _PAGE_RE.fullmatch(sheet) else f"工作表“{sheet}”"
    return f"{where}第{row}行" if row is not None else where


@dataclass(frozen=True, slots=True)
class ImportNote:
    """One note of an import: what it says and where, rendered once (str) as users read it.

    sheet: the worksheet, or 第2页 / 第1个表格 for a PDF page or a Word table; "" when the
    note is about the whole file. row: the sheet's row (from 1) it is about, if one.
    table: the index in the imported document of the table it is about, if known.
    joiner: what stands between the place and the message: "：", or "" when the message
    goes on from the place (工作表“X”不是绩效目标表，已跳过).
    named_in_message: the message names its sheet itself (隐藏的工作表“X”未导入), so no
    place is written before it.
    """

    message: str
    sheet: str = ""
    row: int | None = None
    table: int | None = None
    joiner: str = "："
    named_in_message: bool = False

    def where(self) -> str:
        """The place as written before the message (工作表“X”第N行, 第2页); "" for none."""
        if not self.sheet or self.named_in_message:
            return ""
        return place(self.sheet, self.row)

    def text(self) -> str:
        """The line users see: the place, then the message."""
        where = self.where()
        return f"{where}{self.joiner}{self.message}" if where else self.message

    def __str__(self) -> str:
        return self.text()


Warn = Callable[[ImportNote], None]


class TableRefusal(InputError):
    """A table that cannot be read, refused with the note that says where (its one line)."""

    def __init__(self, note: ImportNote, kind: RefusalKind) -> None:
        super().__init__(note.text(), kind)
        self.note = note


def reading_order(notes: Iterable[ImportNote]) -> list[ImportNote]:
    """The notes sheet by sheet (in the file's order) or page by page, row by row within
    each; notes about the whole file first."""
    sheets: dict[str, int] = {}

    def key(note: ImportNote) -> tuple[int, int]:
        if not note.sheet:
            return (-1, 0)
        page = _PAGE_RE.fullmatch(note.sheet)
        order = int(page["number"]) if page else sheets.setdefault(note.sheet, len(sheets))
        return (order, note.row or 0)

    return sorted(notes, key=key)


Locate = Callable[[str, int | None], int | None]


def locating(warn: Warn, locate: Locate) -> Warn:
    """A warn callback that adds the table index (found by locate(sheet, row)) to each note."""

    def add_location(note: ImportNote) -> None:
        table = locate(note.sheet, note.row) if note.sheet else None
        warn(dataclasses.replace(note, table=table) if table is not None else note)

    return add_location
