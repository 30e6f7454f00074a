"""Import of Excel 2003 XML workbooks (SpreadsheetML), often saved under an .xls name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from goaleditor.errors import InputError
from goaleditor.formats.notes import ImportNote, Warn
from goaleditor.formats.readers import guard
from goaleditor.formats.readers.tables.document_reader import (
    MAX_COLUMNS,
    MAX_ROWS,
    document_from_sheets,
)
from goaleditor.formats.readers.tables.sheet_cells import SheetGrid, hidden_sheet_note, hide
from goaleditor.model.document import Document

MAX_BYTES = 64 * 1024 * 1024  # as an .xls: goal tables are well under a few MB
MAX_CELLS = 2_000_000
MAX_MERGES = 100_000
NOTE = "这是Excel 2003 XML表格，已读取"
_SS = "urn:schemas-microsoft-com:office:spreadsheet"
_HEAD_BYTES = 4096
_WORKSHEET, _ROW, _CELL = f"{{{_SS}}}Worksheet", f"{{{_SS}}}Row", f"{{{_SS}}}Cell"
_DATA, _TABLE = f"{{{_SS}}}Data", f"{{{_SS}}}Table"
_COLUMN = f"{{{_SS}}}Column"


def is_spreadsheet_xml(path: Path) -> bool:
    """Whether the file is an Excel 2003 XML workbook (<Workbook xmlns="urn:…:spreadsheet">)."""
    _size, head = guard.read_head(path, _HEAD_BYTES)
    return b"<" in head[:200] and b"Workbook" in head and _SS.encode() in head


def _attribute(element: Any, name: str) -> str:
    return str(element.get(f"{{{_SS}}}{name}", ""))


def _number(element: Any, name: str, default: int) -> int:
    try:
        return int(_attribute(element, name) or default)
    except ValueError:
        return default


def _value(cell: Any) -> Any:
    data = cell.find(_DATA)
    if data is None:
        return None
    shown = "".join(data.itertext())
    if _attribute(data, "Type") == "Number":
        try:
            return float(shown)
        except ValueError:
            return shown
    return shown


class _Sheets:
    """Worksheets of the XML, each a grid of values with its merges and hidden rows."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.notes: list[ImportNote] = [ImportNote(NOTE)]
        self.cells = 0

    def _refuse(self, what: str) -> InputError:
        return InputError(f"{self.source}：表格{what}，已拒绝读取")

    def sheet(self, worksheet: Any) -> tuple[str, SheetGrid] | None:
        name = _attribute(worksheet, "Name") or "Sheet1"
        table = worksheet.find(_TABLE)
        hidden_columns = set()
        rows: list[list[Any]] = []
        merges: list[tuple[int, int, int, int]] = []
        hidden_rows: set[int] = set()
        if table is None:
            return name, SheetGrid()
        c = 0
        for column in table.findall(_COLUMN):
            c = _number(column, "Index", c + 1) - 1
            span = _number(column, "Span", 0)
            if _attribute(column, "Hidden") == "1":
                hidden_columns |= set(range(c, min(c + span + 1, MAX_COLUMNS)))
            c += span
        r = -1
        for row in table.findall(_ROW):
            r = _number(row, "Index", r + 2) - 1
            if r >= MAX_ROWS or r < 0:
                raise self._refuse(f"行数超过上限（{MAX_ROWS}行）")
            while len(rows) <= r:
                rows.append([])
            if _attribute(row, "Hidden") == "1":
                hidden_rows.add(r)
            values = rows[r]
            c = -1
            for cell in row.findall(_CELL):
                c = _number(cell, "Index", c + 2) - 1
                across, down = _number(cell, "MergeAcross", 0), _number(cell, "MergeDown", 0)
                if not 0 <= c < MAX_COLUMNS or c + across >= MAX_COLUMNS:
                    raise self._refuse(f"列数超过上限（{MAX_COLUMNS}列）")
                self.cells += 1
                if self.cells > MAX_CELLS:
                    raise self._refuse(f"单元格超过上限（{MAX_CELLS}个）")
                values.extend([None] * (c + 1 - len(values)))
                values[c] = _value(cell)
                if across or down:
                    merges.append((r, c, r + max(down, 0), c + max(across, 0)))
                    if len(merges) > MAX_MERGES:
                        raise self._refuse("合并区域过多")
                c += max(across, 0)
        self.notes += hide(name, rows, hidden_rows, hidden_columns)
        return name, SheetGrid(rows, merges)

    def parse(self, path: Path) -> Iterator[tuple[str, list[list[Any]]]]:
        from defusedxml.ElementTree import parse

        root = parse(str(path), forbid_dtd=True).getroot()
        for worksheet in root.iter(_WORKSHEET):
            if _attribute(worksheet, "Visible") == "SheetHidden":
                self.notes.append(hidden_sheet_note(_attribute(worksheet, "Name")))
                continue
            found = self.sheet(worksheet)
            if found is not None:
                yield found


def read(path: Path, warn: Warn | None = None) -> Document:
    """Read every goal table of an Excel 2003 XML workbook, with a note saying what it was."""
    size, _head = guard.read_head(path, 0)
    guard.check_file_size(path.name, size, MAX_BYTES, "绩效目标表")
    reader = _Sheets(path.name)
    try:
        sheets = list(reader.parse(path))
    except InputError:
        raise
    except Exception as exc:  # ParseError, DTD and entity refusals
        raise guard.unreadable(path.name, exc, "表格内容") from None
    notes = reader.notes
    document = document_from_sheets(sheets, path.name, notes.append)
    if warn is not None:
        for note in notes:
            warn(note)
    return document
