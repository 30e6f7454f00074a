"""Excel export in the official layout: writes the shared layout grid with XlsxWriter.

The grid (formats/layout) says what each cell shows and how; this module only translates it
into cells, rows and formats, streamed a row at a time (formats/writers/excel_workbook.py).
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from itertools import accumulate
from pathlib import Path
from typing import Any

from goaleditor.files.atomic import atomic_write
from goaleditor.formats.exporting import ExportOptions, ExportWarn, Progress, check_progress
from goaleditor.formats.layout.fonts import HEI, SONG, TextWidth
from goaleditor.formats.layout.grid import (
    BODY_SIZE,
    SHEET_AGENCY_ROW,
    SHEET_GRID_ROW,
    SHEET_TITLE_ROW,
    TITLE_SIZE,
    Cell,
    TableGrid,
)
from goaleditor.formats.layout.official import (
    DEFAULT_HEADING,
    heading_of,
    toc_entry,
)
from goaleditor.formats.layout.review_sheet_tables import (
    grid_maker,
    printed_tables,
    review_sheet_warnings,
    with_contents,
)
from goaleditor.formats.writers.excel_rows import Rows, rows_for
from goaleditor.formats.writers.excel_workbook import (
    FOOTER_FONT,
    FOOTER_SIZE,
    MAX_CELL_CHARS,
    MAX_ROW_HEIGHT,
    PAGE_FOOTER,
    POINTS_PER_WIDTH_UNIT,
    Format,
    Formats,
    Sheet,
    checked_text,
    clean,
    finish_sheet,
    merge,
    plain_sheet,
    print_setup,
    put_text,
    set_height,
    set_properties,
    set_widths,
    sheet_name,
    text_cell,
    workbook,
)
from goaleditor.formats.writers.properties import CORE_PROPERTY_CHARS, fit_property
from goaleditor.model.document import Document, GoalTable
from goaleditor.model.fields import MONEY_FIELDS
from goaleditor.model.money import format_money
from goaleditor.model.values import decimal_value

__all__ = [
    "FOOTER_FONT",
    "FOOTER_SIZE",
    "MAX_CELL_CHARS",
    "MAX_ROW_HEIGHT",
    "PAGE_FOOTER",
    "POINTS_PER_WIDTH_UNIT",
    "TOC_SHEET",
    "clean",
    "write",
]

TOC_SHEET = "目录"
META_PREFIX = "goaleditor."
EXCEL_DIGITS = 15  # significant digits Excel keeps of a number
TOC_WIDTH = 80  # the 目录's one column, in characters
# Wrapped lines kept for texts that repeat across tables (labels, shared descriptions); cleared
# when this full, since the collector would scan an ever larger cache of one-off texts again and
# again, which makes a large export super-linear.
WRAP_CACHE_LIMIT = 20_000

_SONG = {"font_name": "宋体", "font_size": BODY_SIZE}
_BORDER = {"border": 1, "border_color": "#000000"}
# Every cell style the export uses, by name. An amount never wraps: Excel and WPS shrink it
# to fit its cell when they must.
_NUMBER_FORMATS = (
    ("money", "0.00"),
    ("money-grouped", "#,##0.00"),
    ("percent", "0.00%"),  # 执行率
    ("number", "General"),  # a 分值 as typed: 4.17, 10
)
ALIGNS = ("left", "center", "right")
STYLES: dict[str, dict[str, Any]] = {
    **{
        f"cell-{align}": {**_SONG, **_BORDER, "align": align, "valign": "vcenter", "text_wrap": 1}
        for align in ("left", "center", "right")
    },
    **{
        f"{key}-{align}": {
            **_SONG,
            **_BORDER,
            "align": align,
            "valign": "vcenter",
            "shrink": 1,
            "num_format": number_format,
        }
        for align in ("left", "center", "right")
        for key, number_format in _NUMBER_FORMATS
    },
    "title": {
        "font_name": "黑体",
        "font_size": TITLE_SIZE,
        "align": "center",
        "valign": "vcenter",
        "text_wrap": 1,
    },
    "agency": {**_SONG, "align": "left", "valign": "bottom"},
    "unit": {**_SONG, "align": "right", "valign": "bottom"},
    "toc": {**_SONG, "align": "left", "valign": "vcenter"},
}


def write(
    document: Document,
    path: Path,
    *,
    options: ExportOptions | None = None,
    progress: Progress | None = None,
    warn: ExportWarn | None = None,
) -> None:
    """Write the document as an .xlsx workbook, atomically; warn hears of a title too long
    for the workbook properties (cut there)."""
    if warn is not None:
        for line in review_sheet_warnings(document, options):
            warn(line)
    atomic_write(path, lambda temp: _write_workbook(document, temp, progress, warn, options))


def _write_workbook(
    document: Document,
    path: Path,
    progress: Progress | None,
    warn: ExportWarn | None,
    options: ExportOptions | None,
) -> None:
    with workbook(path) as book:
        fill(book, document, progress, warn, options)


def fill(
    book: Any,
    document: Document,
    progress: Progress | None = None,
    warn: ExportWarn | None = None,
    options: ExportOptions | None = None,
    *,
    direct: bool = True,
) -> None:
    """Write the document's sheets into an XlsxWriter workbook; direct=False makes every
    cell through XlsxWriter's own calls (bench/xlsx.py records those as its reference)."""
    body = TextWidth(SONG, BODY_SIZE)
    title_width = TextWidth(HEI, TITLE_SIZE)
    cache: dict[tuple[str, float], list[str]] = {}
    names = _sheet_names(document)
    formats = Formats(book, STYLES)
    _write_properties(book, document, warn)
    if len(document.tables) > 1 and with_contents(options):
        toc = book.add_worksheet(TOC_SHEET)
        _write_toc(toc, document, names, formats)
        finish_sheet(toc)
    printed, build = printed_tables(document, options), grid_maker(options)
    for done, (number, table) in enumerate(printed, 1):
        if len(cache) > WRAP_CACHE_LIMIT:
            cache.clear()
        grid = build(document, table, number, body, title_width, cache)
        sheet = book.add_worksheet(names[number - 1])
        _write_table(sheet, grid, table, formats, direct)
        finish_sheet(sheet)
        check_progress(progress, done, len(printed))
    if not book.worksheets():
        plain_sheet(book, TOC_SHEET)


def _sheet_names(document: Document) -> list[str]:
    """Unique, valid sheet names: 'n.项目名称' cut to Excel's 31 characters."""
    names = []
    for number, table in enumerate(document.tables, 1):
        name = re.sub(r"[\[\]:*?/\\']", "", clean(table.project_name)).strip() or "绩效目标表"
        names.append(sheet_name(f"{number}.{name}"))
    return names


def _write_properties(book: Any, document: Document, warn: ExportWarn | None) -> None:
    """Document fields the sheets cannot show exactly, for a lossless re-import (custom
    properties, whole); the title property cut to what Excel shows."""
    title = fit_property(clean(document.title), CORE_PROPERTY_CHARS, "标题", warn)
    values = {
        "agency_code": document.agency_code,
        "agency_name": document.agency_name,
        "year": "" if document.year is None else str(document.year),
        "title": document.title,
        "framework": document.framework,
        "merge_level2": "1" if document.merge_level2 else "0",
        "layout": document.layout,
    }
    if document.is_self_evaluation:  # its scoring rules: the form alone does not tell them
        values["scoring"] = document.scoring
    custom = {META_PREFIX + key: clean(value) for key, value in values.items()}
    set_properties(book, title or DEFAULT_HEADING, custom)


# Typed numbers printed as they are typed, written as numbers: the 分值 of indicators and budget.
_NUMBER_FIELDS = frozenset({"indicator.weight", "budget_weight"})


def _number(text: str) -> Decimal | None:
    """A score, a 分值 or a percent (95.23%) as the exact number Excel holds; None when the
    text is not one (a blank score, —)."""
    percent = text.endswith("%")
    value = decimal_value(text[:-1] if percent else text)
    if value is None or not _exact_in_excel(value):
        return None
    return value / 100 if percent else value


def _exact_in_excel(amount: Decimal) -> bool:
    """Whether a double holds amount exactly as Excel shows it (≤ 15 significant digits)."""
    digits = len(amount.normalize().as_tuple().digits)
    return digits <= EXCEL_DIGITS and Decimal(repr(float(amount))) == amount


def _write_toc(sheet: Sheet, document: Document, names: list[str], formats: Formats) -> None:
    set_widths(sheet, [TOC_WIDTH])
    set_height(sheet, 0, 30)
    put_text(sheet, 0, 0, heading_of(document), formats.get("title"))
    put_text(sheet, 1, 0, "目录", formats.get("title"))
    toc = formats.get("toc")
    for number, table in enumerate(document.tables, 1):
        row = number + 1
        entry = checked_text(sheet, row, 0, toc_entry(number, table, document))
        sheet.write_url(row, 0, f"internal:'{names[number - 1]}'!A1", toc, entry)
    print_setup(sheet)


def _write_table(
    sheet: Sheet, grid: TableGrid, table: GoalTable, formats: Formats, direct: bool = True
) -> None:
    columns = len(grid.col_widths)
    set_widths(sheet, [round(width / POINTS_PER_WIDTH_UNIT, 2) for width in grid.col_widths])
    rows = rows_for(sheet, direct)
    title_row, agency_row = SHEET_TITLE_ROW, SHEET_AGENCY_ROW
    title_height = len(grid.title_lines) * TITLE_SIZE * 1.35 + 8
    rows.start(title_row, min(MAX_ROW_HEIGHT, title_height))
    text_cell(rows, sheet, title_row, 0, grid.title, formats.get("title"))
    merge(sheet, title_row, 0, title_row, columns - 1)
    rows.start(agency_row, 20)
    text_cell(rows, sheet, agency_row, 0, grid.agency, formats.get("agency"))
    text_cell(rows, sheet, agency_row, columns - 1, grid.unit, formats.get("unit"))
    merge(sheet, agency_row, 0, agency_row, columns - 2)
    # Excel rows are at most 409 pt tall: a taller grid row becomes several Excel rows
    # with its cells merged over them, so that every line still prints.
    parts = [max(1, math.ceil(row.height / MAX_ROW_HEIGHT)) for row in grid.rows]
    starts = list(accumulate([SHEET_GRID_ROW, *parts[:-1]]))
    writer = _CellWriter(rows, sheet, table, formats, grid.thousands)
    # Rows are written in order, each whole: a cell spanning rows leaves its lower
    # (bordered, blank) cells to the rows below.
    pending: dict[int, list[tuple[int, Format]]] = {}
    for index, row in enumerate(grid.rows):
        for extra in range(parts[index]):
            excel_row = starts[index] + extra
            rows.start(excel_row, round(row.height / parts[index], 1))
            for col, cell_format in pending.pop(excel_row, ()):
                rows.blank(col, cell_format)
            if extra == 0:
                _write_row(writer, excel_row, row.cells, starts, parts, pending)
    rows.finish()
    header_row = starts[grid.header_row]
    sheet.repeat_rows(header_row)
    print_setup(sheet)


def _write_row(
    writer: _CellWriter,
    excel_row: int,
    cells: list[Cell],
    starts: list[int],
    parts: list[int],
    pending: dict[int, list[tuple[int, Format]]],
) -> None:
    """A grid row's cells in its first Excel row; what they cover below goes to pending."""
    sheet, rows, covering = writer.sheet, writer.rows, writer.covering
    for cell in cells:
        last = cell.row + cell.rowspan - 1
        bottom = starts[last] + parts[last] - 1
        writer.write(excel_row, cell)
        if bottom == excel_row and cell.colspan == 1:
            continue
        left, right = cell.col, cell.col + cell.colspan - 1
        merge(sheet, excel_row, left, bottom, right)
        # Borders of a merged area come from the cells it covers.
        covered = covering[cell.align]
        for col in range(left + 1, right + 1):
            rows.blank(col, covered)
        for below in range(excel_row + 1, bottom + 1):
            pending.setdefault(below, []).extend((col, covered) for col in range(left, right + 1))


class _CellWriter:
    """A table's grid cells as Excel cells: amounts and scores as numbers, the rest as text."""

    def __init__(
        self, rows: Rows, sheet: Sheet, table: GoalTable, formats: Formats, thousands: bool
    ) -> None:
        self.rows, self.sheet, self.table, self.formats = rows, sheet, table, formats
        self.money = "money-grouped" if thousands else "money"
        document = table.document
        # A 自评表's 分值 is summed by clerks (a goal table's 权重 stays text, as typed).
        self.weights = document is not None and document.is_self_evaluation
        self.covering = {align: formats.get(f"cell-{align}") for align in ALIGNS}

    def write(self, row: int, cell: Cell) -> None:
        """cell's value at row, in its column."""
        # A wide number is printed smaller, as the PDF prints it.
        size = cell.size if cell.size is not None and cell.size != BODY_SIZE else None
        field, formats = cell.field, self.formats
        if field in MONEY_FIELDS:  # an amount is a number in Excel where it stays exact
            amount_format = formats.get(f"{self.money}-{cell.align}", size)
            _amount(self.rows, cell.col, getattr(self.table, field), amount_format)
            return
        if cell.computed or (self.weights and field in _NUMBER_FIELDS):
            # a score, 执行率 or 分值: a number the clerk can add up in Excel
            number = _number(cell.text)
            if number is not None:
                text = cell.text
                kind = "percent" if text.endswith("%") else "money" if cell.computed else "number"
                self.rows.number(cell.col, number, formats.get(f"{kind}-{cell.align}", size))
                return
        # A label is broken where the layout breaks it (主管部门/及代码), not by Excel.
        text = "\n".join(cell.lines) if cell.label else cell.text
        cell_format = self.covering[cell.align] if size is None else None
        if cell_format is None:
            cell_format = formats.get(f"cell-{cell.align}", size)
        text_cell(self.rows, self.sheet, row, cell.col, text, cell_format)


def _amount(rows: Rows, col: int, amount: Decimal | None, cell_format: Format) -> None:
    """An amount exactly: a number when Excel keeps it exactly, otherwise its text.

    Excel holds 15 significant digits in a double: 1234567890123456.78 would become
    …456.80 there. Such an amount is written as the same text the number format would
    show ("0.00", right-aligned), so it prints identically and reads back exactly.
    """
    if amount is None:
        rows.blank(col, cell_format)
    elif _exact_in_excel(amount):
        rows.number(col, amount, cell_format)
    else:
        rows.text(col, format_money(amount), cell_format)
