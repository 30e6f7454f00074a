"""A sheet's rows as XlsxWriter writes them in constant_memory mode, made directly.

XlsxWriter spends most of an export's time in its per-cell path (argument conversion, a cell
tuple, dimension checks, attribute lists escaped one by one). DirectRows writes the very XML
that path writes, a row at a time, into the worksheet's row-data file, and keeps the sheet's
dimensions as XlsxWriter would; ApiRows makes the same cells through XlsxWriter's own calls
(a sheet that is not streamed, and the reference the benchmark and the tests compare with:
tests/formats/writers/test_excel_rows.py pins the two byte for byte).
"""

from __future__ import annotations

import re
from typing import Any, Protocol

Sheet = Any  # an XlsxWriter worksheet
Format = Any  # an XlsxWriter cell format

PIXELS_PER_POINT = 4 / 3  # at 96 dpi
# Anything that takes a string off the plain path: XML's special characters, what XlsxWriter
# escapes as _xHHHH_ (control characters, non-characters, a literal _xHHHH_), leading or
# trailing whitespace (xml:space="preserve").
_NOT_PLAIN = re.compile(r"[\x00-\x08\x0b-\x1f&<>\ufffe\uffff]|_x[0-9a-fA-F]{4}_|^\s|\s$")
_TEXT, _NUMBER, _BLANK = 0, 1, 2


class Rows(Protocol):
    """A sheet's rows, written in order: start a row, then its cells in any order."""

    def start(self, row: int, points: float) -> None:
        """Begin row (0-based), points tall; the row before it is finished."""

    def text(self, col: int, value: str, cell_format: Format) -> None:
        """A string cell (a value XlsxWriter keeps as given: checked by the caller)."""

    def number(self, col: int, value: object, cell_format: Format) -> None:
        """A number cell (a Decimal or a float)."""

    def blank(self, col: int, cell_format: Format) -> None:
        """A formatted blank cell."""

    def finish(self) -> None:
        """Finish the last row."""


def rows_for(sheet: Sheet, direct: bool = True) -> Rows:
    """The fastest writer of sheet's rows: direct XML for a streamed XlsxWriter sheet."""
    if direct and _streamed(sheet):
        return DirectRows(sheet)
    return ApiRows(sheet)


def _streamed(sheet: Sheet) -> bool:
    from xlsxwriter.worksheet import Worksheet

    return isinstance(sheet, Worksheet) and bool(sheet.constant_memory)


def write_string(sheet: Sheet, row: int, col: int, value: str, cell_format: Format) -> None:
    """XlsxWriter's write_string, but a text that looks like "<r>…</r>" stays that text.

    XlsxWriter writes such a string into the file unescaped, as a rich string's XML (its own
    shortcut): user text would be markup, and "<r>abc</r>" an empty cell. Written as two runs
    of a rich string in the cell's format, each run is escaped.
    """
    if value.startswith("<r>") and value.endswith("</r>"):
        sheet.write_rich_string(
            row, col, cell_format, value[:1], cell_format, value[1:], cell_format
        )
    else:
        sheet.write_string(row, col, value, cell_format)


class ApiRows:
    """Rows through XlsxWriter's public calls (set_row_pixels, write_string, …)."""

    def __init__(self, sheet: Sheet) -> None:
        self._sheet = sheet
        self._row = -1

    def start(self, row: int, points: float) -> None:
        """Begin row, points tall (XlsxWriter's set_row would round to whole pixels)."""
        self._row = row
        self._sheet.set_row_pixels(row, points * PIXELS_PER_POINT)

    def text(self, col: int, value: str, cell_format: Format) -> None:
        """A string cell."""
        write_string(self._sheet, self._row, col, value, cell_format)

    def number(self, col: int, value: object, cell_format: Format) -> None:
        """A number cell."""
        self._sheet.write_number(self._row, col, value, cell_format)

    def blank(self, col: int, cell_format: Format) -> None:
        """A formatted blank cell."""
        self._sheet.write_blank(self._row, col, None, cell_format)

    def finish(self) -> None:
        """Nothing to do: XlsxWriter writes the last row when the sheet is saved."""


class DirectRows:
    """Rows written as the XML XlsxWriter's constant_memory path writes for the same calls.

    A row's cells are kept until the row is finished, then written in column order, each
    format's number asked for at that moment, as XlsxWriter does (the numbers are given out
    in order of first use: styles.xml stays the same).
    """

    def __init__(self, sheet: Sheet) -> None:
        from xlsxwriter.utility import _preserve_whitespace, xl_col_to_name

        self._sheet = sheet
        self._write = sheet.fh.write
        self._escape_data = sheet._escape_data
        self._escape_control = sheet._escape_control_characters
        self._preserve = _preserve_whitespace
        self._column_name = xl_col_to_name
        self._names: dict[int, str] = {}
        self._xf: dict[Format, int] = {}
        self._cells: dict[int, tuple[int, object, Format]] = {}
        self._row = -1
        # The last row XlsxWriter would have been given a cell in (its previous_row): a row of
        # a height but no cells is written only when it is that one, as XlsxWriter does.
        self._cell_row = sheet.previous_row
        self._row_tag = ""
        self._dyDescent = ' x14ac:dyDescent="0.25"' if sheet.excel_version == 2010 else ""

    def start(self, row: int, points: float) -> None:
        """Begin row, points tall: the previous row is written out."""
        if row <= self._row or row < self._sheet.previous_row or row >= self._sheet.xls_rowmax:
            raise ValueError(f"row {row} is out of order or beyond the sheet")
        self._flush()
        sheet = self._sheet
        self._row = sheet.previous_row = row
        # set_row_pixels's dimension check: the row, and the leftmost column so far (0 if none).
        self._dimensions(row, sheet.dim_colmin if sheet.dim_colmin is not None else 0)
        height = points * PIXELS_PER_POINT
        hidden = ""
        if height == 0:
            hidden, height = ' hidden="1"', sheet.default_row_height
        original, default = sheet.original_row_height, sheet.default_row_height
        custom = height != original or (height == original and height != default)
        size = f' ht="{height * 0.75:.16g}"' if custom else ""
        custom_height = ' customHeight="1"' if custom else ""
        self._row_tag = f'<row r="{row + 1}"{size}{hidden}{custom_height}{self._dyDescent}'

    def text(self, col: int, value: str, cell_format: Format) -> None:
        """A string cell (an inline string)."""
        self._cells[col] = (_TEXT, value, cell_format)

    def number(self, col: int, value: object, cell_format: Format) -> None:
        """A number cell."""
        self._cells[col] = (_NUMBER, value, cell_format)

    def blank(self, col: int, cell_format: Format) -> None:
        """A formatted blank cell."""
        self._cells[col] = (_BLANK, None, cell_format)

    def finish(self) -> None:
        """Write the last row."""
        self._flush()

    def _flush(self) -> None:
        if self._row < 0:
            return
        cells = self._cells
        if not cells:
            if self._row == self._cell_row:
                self._write(f"{self._row_tag}/>")
            return
        self._cell_row = self._row
        self._dimensions(self._row, min(cells))
        self._dimensions(self._row, max(cells))
        number = str(self._row + 1)
        parts = [self._row_tag, ">"]
        for col in sorted(cells):
            kind, value, cell_format = cells[col]
            name = self._names.get(col)
            if name is None:
                name = self._names[col] = self._column_name(col)
            xf = self._xf.get(cell_format)
            if xf is None:
                xf = self._xf[cell_format] = cell_format._get_xf_index()
            if kind == _TEXT:
                parts.append(self._string(f'<c r="{name}{number}" s="{xf}"', value))  # type: ignore[arg-type]
            elif kind == _NUMBER:
                parts.append(f'<c r="{name}{number}" s="{xf}"><v>{value:.16G}</v></c>')
            else:
                parts.append(f'<c r="{name}{number}" s="{xf}"/>')
        parts.append("</row>")
        self._write("".join(parts))
        cells.clear()

    def _string(self, start: str, value: str) -> str:
        """An inline string cell, escaped as XlsxWriter escapes it."""
        if _NOT_PLAIN.search(value) is None:
            return f'{start} t="inlineStr"><is><t>{value}</t></is></c>'
        value = self._escape_control(value)
        preserve = ' xml:space="preserve"' if self._preserve(value) else ""
        return f'{start} t="inlineStr"><is><t{preserve}>{self._escape_data(value)}</t></is></c>'

    def _dimensions(self, row: int, col: int) -> None:
        """Widen the sheet's used range as XlsxWriter's _check_dimensions does."""
        sheet = self._sheet
        if sheet.dim_rowmin is None or row < sheet.dim_rowmin:
            sheet.dim_rowmin = row
        if sheet.dim_rowmax is None or row > sheet.dim_rowmax:
            sheet.dim_rowmax = row
        if sheet.dim_colmin is None or col < sheet.dim_colmin:
            sheet.dim_colmin = col
        if sheet.dim_colmax is None or col > sheet.dim_colmax:
            sheet.dim_colmax = col
