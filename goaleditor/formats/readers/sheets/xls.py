"""Import of Excel 97-2003 workbooks (.xls, BIFF) through xlrd; the labels are found as in .xlsx."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from goaleditor.errors import InputError
from goaleditor.formats.notes import ImportNote, Warn
from goaleditor.formats.readers import guard
from goaleditor.formats.readers.content import WEB_PAGE_WORKBOOK, is_web_page
from goaleditor.formats.readers.sheets import spreadsheet_xml
from goaleditor.formats.readers.sheets.number_format import shown_date, shown_number
from goaleditor.formats.readers.tables.document_reader import (
    MAX_COLUMNS,
    MAX_ROWS,
    document_from_sheets,
)
from goaleditor.formats.readers.tables.sheet_cells import SheetGrid, hidden_sheet_note, hide
from goaleditor.model.document import Document

MAX_BYTES = 64 * 1024 * 1024  # an .xls of goal tables is well under a few MB
MAX_SHEETS = 2_000
MAX_CELLS = 2_000_000


def read(path: Path, warn: Warn | None = None) -> Document:
    """Read every goal table of an .xls workbook (the registry reads a renamed .xlsx as one)."""
    size, magic = guard.read_head(path, 8)
    guard.check_file_size(path.name, size, MAX_BYTES, "绩效目标表")
    if not magic.startswith(guard.OLE_MAGIC[:4]):
        if spreadsheet_xml.is_spreadsheet_xml(path):
            return spreadsheet_xml.read(path, warn)
        if is_web_page(path):
            raise InputError(f"{path.name}：{WEB_PAGE_WORKBOOK}")
        raise InputError(f"{path.name}：文件已损坏：不是有效的Excel 97-2003工作簿（.xls）")
    book = _open(path)
    try:
        if book.nsheets > MAX_SHEETS:
            raise InputError(f"{path.name}：工作簿结构异常（{book.nsheets}个工作表），已拒绝读取")
        notes: list[ImportNote] = []
        document = document_from_sheets(_sheets(book, path.name, notes), path.name, notes.append)
    finally:
        book.release_resources()
    if warn is not None:
        for note in notes:
            warn(note)
    return document


def _open(path: Path) -> Any:
    import xlrd

    log = io.StringIO()  # xlrd reports oddities on stdout otherwise
    try:
        return xlrd.open_workbook(
            str(path), on_demand=True, logfile=log, verbosity=0, formatting_info=True
        )
    except MemoryError:
        raise InputError(f"{path.name}：文件已损坏或过大，无法读取") from None
    except Exception:
        raise InputError(f"{path.name}：文件已损坏：无法读取Excel工作簿（.xls）") from None


def _sheets(
    book: Any, source: str, notes: list[ImportNote]
) -> Iterator[tuple[str, list[list[Any]]]]:
    """Each visible sheet's values (hidden rows and columns blanked) and merged ranges."""
    cells = 0
    for index in range(book.nsheets):
        try:
            sheet = book.sheet_by_index(index)
            if getattr(sheet, "visibility", 0):
                notes.append(hidden_sheet_note(sheet.name))
                book.unload_sheet(index)
                continue
            rows = _values(book, sheet)
            notes.extend(hide(sheet.name, rows, *_hidden(sheet)))
            merges = [(r1, c1, r2 - 1, c2 - 1) for r1, r2, c1, c2 in sheet.merged_cells]
        except InputError:
            raise
        except MemoryError:
            raise InputError(f"{source}：文件已损坏或过大，无法读取") from None
        except Exception:
            raise InputError(f"{source}：文件已损坏：第{index + 1}个工作表无法读取") from None
        cells += sum(len(row) for row in rows)
        if cells > MAX_CELLS:
            raise InputError(f"{source}：单元格过多，不像是绩效目标表，已拒绝读取")
        yield sheet.name, SheetGrid(rows, merges)
        book.unload_sheet(index)


def _hidden(sheet: Any) -> tuple[set[int], set[int]]:
    """The hidden rows and columns of a sheet (from 0), as its row and column records say."""
    rows = {r for r, info in sheet.rowinfo_map.items() if getattr(info, "hidden", 0)}
    columns = {c for c, info in sheet.colinfo_map.items() if getattr(info, "hidden", 0)}
    return rows, columns


def _number_format(book: Any, cell: Any) -> str | None:
    """The number format of a cell (95% is 0.95 shown through 0%)."""
    try:
        return str(book.format_map[book.xf_list[cell.xf_index].format_key].format_str)
    except (AttributeError, IndexError, KeyError, TypeError):
        return None


def _values(book: Any, sheet: Any) -> list[list[Any]]:
    """Rows of cell values as the .xlsx reader sees them: blank and covered cells are None."""
    import xlrd

    rows: list[list[Any]] = []
    for r in range(min(sheet.nrows, MAX_ROWS)):
        row: list[Any] = []
        for cell in sheet.row(r)[:MAX_COLUMNS]:
            kind, value = cell.ctype, cell.value
            if kind == xlrd.XL_CELL_TEXT:
                row.append(value if value != "" else None)
            elif kind == xlrd.XL_CELL_NUMBER:
                number = int(value) if float(value).is_integer() else value
                row.append(shown_number(number, _number_format(book, cell)))
            elif kind == xlrd.XL_CELL_DATE:
                try:
                    date = xlrd.xldate_as_datetime(value, book.datemode)
                    row.append(shown_date(date, _number_format(book, cell)))
                except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                    row.append(value)
            elif kind == xlrd.XL_CELL_BOOLEAN:
                row.append(bool(value))
            else:  # empty, blank (merged-away cells too) and error cells
                row.append(None)
        rows.append(row)
    return rows
