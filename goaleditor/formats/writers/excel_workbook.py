"""XlsxWriter for goaleditor's workbooks: rows streamed to disk, formats made once, text kept text.

The goal-table export and the 修改情况说明 both write through here. Rows go out in order
(XlsxWriter's constant_memory mode), so memory stays flat however many tables there are.
Three things XlsxWriter does not offer are done on its internals, each pinned by the
reference-workbook test (tests/formats/writers/test_excel_reference.py):
a merge over cells already written (merge_range would write them again, and in constant_memory
mode a later row cannot be written before an earlier one), a finished sheet's temporary file
closed (10,000 open files exceed what Windows and a default Linux session allow), and a sheet-name
check that does not compare each new name with every sheet before it (quadratic). Two are only
faster, the same XML (tests/formats/writers/test_excel_rows.py compares with stock XlsxWriter):
the merged ranges of a sheet written in one piece, and its rows (excel_rows.py).
"""

from __future__ import annotations

import re
import shutil
import tempfile
import warnings
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from goaleditor.errors import InputError
from goaleditor.formats.writers.excel_rows import Rows, write_string
from goaleditor.model.text_clean import encodable

# The page footer: 第 1 页 / 共 6 页 (&P and &N are Excel's page number and page count).
PAGE_FOOTER = "第 &P 页 / 共 &N 页"
FOOTER_FONT, FOOTER_SIZE = "宋体,Regular", 9
# Excel column width is in characters of the default font (7 px = 5.25 pt each). The
# extra 12% keeps Excel's and WPS's own wrapping from ever being tighter than ours.
POINTS_PER_WIDTH_UNIT = 5.25 / 1.12
PIXELS_PER_WIDTH_UNIT = 7  # the default font's digit (Calibri 11), as XlsxWriter counts
PIXELS_PER_POINT = 4 / 3  # at 96 dpi
MAX_ROW_HEIGHT = 409.0  # Excel's limit for one row
MAX_CELL_CHARS = 32_767  # Excel's limit for one cell's text, in UTF-16 units
MAX_SHEET_NAME = 31  # Excel's limit for a sheet's name, in UTF-16 units
A4 = 9  # Excel's paper size number
MARGINS = {"left": 0.6, "right": 0.6, "top": 0.7, "bottom": 0.7}  # inches
HEADER_MARGIN = FOOTER_MARGIN = 0.5  # inches from the paper's edge
# A sheet without a print setup of ours gets the margins openpyxl gave it before.
PLAIN_MARGINS = {"left": 0.75, "right": 0.75, "top": 1.0, "bottom": 1.0}
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_BAD_NAME = re.compile(r"[\[\]:*?/\\]")

Sheet = Any  # an XlsxWriter worksheet (XlsxWriter publishes no type information)
Format = Any  # an XlsxWriter cell format


def clean(value: str) -> str:
    """Text an .xlsx can hold: XML-illegal control characters (a vertical tab pasted from
    Word) dropped, as the PDF drops them, and lone surrogates made U+FFFD."""
    if _UNSAFE.search(value) is None:  # nearly always: one scan, no copy
        return value
    return encodable(_ILLEGAL_XML.sub("", value))


def utf16_length(text: str) -> int:
    """How long Excel counts text: a character beyond U+FFFF is two."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def sheet_name(text: str) -> str:
    """text cut to what a sheet's name holds (31 UTF-16 units)."""
    text = text[:MAX_SHEET_NAME]
    while utf16_length(text) > MAX_SHEET_NAME:
        text = text[:-1]
    return text


@cache
def _book_class(stock_sheets: bool = False) -> type:
    """XlsxWriter's Workbook with a linear sheet-name check (made on first use: XlsxWriter is
    imported only when a workbook is written); its sheets write their merged ranges faster,
    the same XML, unless stock_sheets (the reference bench/xlsx.py measures against)."""
    from xlsxwriter import Workbook
    from xlsxwriter.exceptions import DuplicateWorksheetName, InvalidWorksheetName

    class Book(Workbook):  # type: ignore[misc]
        """A workbook that remembers its sheet names to check a new one in constant time."""

        if not stock_sheets:
            worksheet_class = _sheet_class()

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.names_in_use: set[str] = set()

        def _check_sheetname(self, sheetname: str, is_chartsheet: bool = False) -> str:
            # XlsxWriter compares the name with every sheet so far: quadratic in sheets.
            self.sheetname_count += 1
            if utf16_length(sheetname) > MAX_SHEET_NAME or _BAD_NAME.search(sheetname):
                raise InvalidWorksheetName(f"Invalid Excel worksheet name '{sheetname}'.")
            if sheetname.startswith("'") or sheetname.endswith("'") or not sheetname:
                raise InvalidWorksheetName(f"Invalid Excel worksheet name '{sheetname}'.")
            if sheetname.lower() in self.names_in_use:
                raise DuplicateWorksheetName(f"Sheetname '{sheetname}' is already in use.")
            self.names_in_use.add(sheetname.lower())
            return sheetname

    return Book


def _sheet_class() -> type:
    """XlsxWriter's Worksheet writing its <mergeCells> in one piece (XlsxWriter builds an
    attribute list and escapes it for each of a table's fifty merges): the same XML."""
    from xlsxwriter.utility import xl_col_to_name
    from xlsxwriter.worksheet import Worksheet

    class Sheet(Worksheet):  # type: ignore[misc]
        """A worksheet whose merged ranges are written quickly."""

        def _write_merge_cells(self) -> None:
            merged = self.merge
            if not merged or min(min(area) for area in merged) < 0:
                super()._write_merge_cells()  # XlsxWriter warns of a negative one
                return
            names: dict[int, str] = {}
            for _, first_col, _, last_col in merged:
                for col in (first_col, last_col):
                    if col not in names:
                        names[col] = xl_col_to_name(col)
            refs = "".join(
                f'<mergeCell ref="{names[c1]}{r1 + 1}:{names[c2]}{r2 + 1}"/>'
                for r1, c1, r2, c2 in merged
            )
            self.fh.write(f'<mergeCells count="{len(merged)}">{refs}</mergeCells>')

    return Sheet


@contextmanager
def workbook(path: Path, *, stock_sheets: bool = False) -> Iterator[Any]:
    """An XlsxWriter workbook writing to path, rows streamed through a private temporary
    folder that is removed however the writing ends; saved when the block ends normally.
    stock_sheets: XlsxWriter's own worksheets (see _book_class)."""
    folder = tempfile.mkdtemp(prefix="goaleditor-xlsx-")
    options = {
        "constant_memory": True,
        "tmpdir": folder,
        # User text is data: never turned into a number, formula or link by its look.
        "strings_to_numbers": False,
        "strings_to_formulas": False,
        "strings_to_urls": False,
    }
    book = _book_class(stock_sheets)(str(path), options)
    try:
        yield book
        _save(book)
    except BaseException:
        book.fileclosed = True  # abandoned: older XlsxWriters would save it when collected
        raise
    finally:
        for sheet in book.worksheets():
            finish_sheet(sheet)
        shutil.rmtree(folder, ignore_errors=True)


def _save(book: Any) -> None:
    """Close (save) the workbook; a failure of the disk raised as the OSError it is (XlsxWriter
    wraps it in its own exception, which would read as an internal error)."""
    from xlsxwriter.exceptions import FileCreateError

    try:
        book.close()
    except FileCreateError as error:
        cause = error.args[0] if error.args else None
        if isinstance(cause, OSError):
            raise cause from None
        raise


def finish_sheet(sheet: Sheet) -> None:
    """Close a written sheet's temporary file (XlsxWriter reopens it when it saves)."""
    sheet._opt_close()


def merge(sheet: Sheet, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
    """Merge a range whose cells are written (or will be) one by one, in row order."""
    sheet.merge.append([first_row, first_col, last_row, last_col])


class Formats:
    """Cell formats by name, each made once per workbook from its properties."""

    def __init__(self, book: Any, styles: Mapping[str, Mapping[str, Any]]) -> None:
        self._book = book
        self._styles = styles
        self._made: dict[tuple[str, float | None], Format] = {}

    def get(self, name: str, font_size: float | None = None) -> Format:
        """The format called name, at another font size when one is given."""
        key = (name, font_size)
        made = self._made.get(key)
        if made is None:
            properties = dict(self._styles[name])
            if font_size is not None:
                properties["font_size"] = font_size
            made = self._made[key] = self._book.add_format(properties)
        return made


def checked_text(
    sheet: Sheet, row: int, col: int, value: str, too_long: Callable[[int], str] | None = None
) -> str:
    """value as a cell can hold it (see clean); refused with too_long's message (told its
    length) when longer than Excel keeps, since Excel would cut the rest without a word."""
    value = clean(value)
    if len(value) > MAX_CELL_CHARS // 2:  # only a long text can be too long
        length = utf16_length(value)
        if length > MAX_CELL_CHARS:
            from xlsxwriter.utility import xl_rowcol_to_cell

            where = f"工作表“{sheet.name}”单元格{xl_rowcol_to_cell(row, col)}"
            raise InputError(
                too_long(length)
                if too_long is not None
                else f"{where}有{length}个字符，超过Excel单元格上限{MAX_CELL_CHARS}个字符；"
                "为免被截断，没有导出Excel，请缩短该内容（导出PDF不受此限）"
            )
    return value


def _cell_text(
    sheet: Sheet, row: int, col: int, value: str, too_long: Callable[[int], str] | None
) -> str:
    """checked_text only where it can change something (a long text or an unsafe char)."""
    if len(value) > MAX_CELL_CHARS // 2 or _UNSAFE.search(value) is not None:  # seldom
        return checked_text(sheet, row, col, value, too_long)
    return value


def put_text(
    sheet: Sheet,
    row: int,
    col: int,
    value: str,
    cell_format: Format,
    too_long: Callable[[int], str] | None = None,
) -> None:
    """User text as a string cell (never a formula or a number; see checked_text); an empty
    text a blank cell."""
    value = _cell_text(sheet, row, col, value, too_long)
    if value:
        write_string(sheet, row, col, value, cell_format)
    else:
        sheet.write_blank(row, col, None, cell_format)


def text_cell(
    rows: Rows,
    sheet: Sheet,
    row: int,
    col: int,
    value: str,
    cell_format: Format,
    too_long: Callable[[int], str] | None = None,
) -> None:
    """put_text for a row being written through rows (formats/writers/excel_rows.py)."""
    value = _cell_text(sheet, row, col, value, too_long)
    if value:
        rows.text(col, value, cell_format)
    else:
        rows.blank(col, cell_format)


def set_widths(sheet: Sheet, widths: list[float]) -> None:
    """Column widths in Excel's character units, kept to 1/256 of a character."""
    for col, width in enumerate(widths):
        sheet.set_column_pixels(col, col, width * PIXELS_PER_WIDTH_UNIT)


def set_height(sheet: Sheet, row: int, points: float) -> None:
    """A row's height in points, exactly (XlsxWriter's set_row rounds to whole pixels)."""
    sheet.set_row_pixels(row, points * PIXELS_PER_POINT)


def print_setup(sheet: Sheet, *, landscape: bool = False) -> None:
    """A4, one page wide, centred, with sensible margins and numbered pages."""
    sheet.set_paper(A4)
    if landscape:
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    sheet.fit_to_pages(1, 0)
    sheet.center_horizontally()
    sheet.set_margins(**MARGINS)
    sheet.set_header("", margin=HEADER_MARGIN)
    sheet.set_footer(f'&C&"{FOOTER_FONT}"&{FOOTER_SIZE}{PAGE_FOOTER}', margin=FOOTER_MARGIN)


def plain_sheet(book: Any, name: str) -> Sheet:
    """An empty sheet (a workbook needs one) with the page margins a new sheet has in Excel."""
    sheet = book.add_worksheet(name)
    sheet.set_margins(**PLAIN_MARGINS)
    sheet.set_header("", margin=HEADER_MARGIN)
    sheet.set_footer("", margin=FOOTER_MARGIN)
    return sheet


def set_properties(book: Any, title: str, custom: Mapping[str, str]) -> None:
    """The title and author, and custom text properties kept whole (Excel shows only 255
    characters of one; the importer reads them all)."""
    book.set_properties({"title": title, "author": "goaleditor"})
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Length of 'value' parameter exceeds")
        for name, value in custom.items():
            book.set_custom_property(name, value, "text")
