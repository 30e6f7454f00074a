"""Excel export in the official layout: writes the shared layout grid with openpyxl."""

from __future__ import annotations

import math
import re
from copy import copy
from decimal import Decimal
from itertools import accumulate
from pathlib import Path
from typing import Any

from goaleditor.errors import InputError
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
from goaleditor.formats.writers.properties import CORE_PROPERTY_CHARS, fit_property
from goaleditor.model.document import Document, GoalTable
from goaleditor.model.fields import MONEY_FIELDS
from goaleditor.model.money import format_money
from goaleditor.model.text_clean import encodable
from goaleditor.model.values import decimal_value

TOC_SHEET = "目录"
# The page footer: 第 1 页 / 共 6 页 (&P and &N are Excel's page number and page count).
PAGE_FOOTER = "第 &P 页 / 共 &N 页"
FOOTER_FONT, FOOTER_SIZE = "宋体,Regular", 9
META_PREFIX = "goaleditor."
# Excel column width is in characters of the default font (7 px = 5.25 pt each). The
# extra 12% keeps Excel's and WPS's own wrapping from ever being tighter than ours.
POINTS_PER_WIDTH_UNIT = 5.25 / 1.12
MAX_ROW_HEIGHT = 409.0  # Excel's limit for one row
MAX_CELL_CHARS = 32_767  # Excel's limit for one cell's text
EXCEL_DIGITS = 15  # significant digits Excel keeps of a number
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


class _Styles:
    """Every cell style used, built once; cells get a copy of a prepared style array."""

    def __init__(self, workbook: Any) -> None:
        from openpyxl.styles import Alignment, Border, Font, Side

        thin = Side(style="thin", color="000000")
        border = Border(left=thin, right=thin, top=thin, bottom=thin)
        song = Font(name="宋体", size=BODY_SIZE)
        sheet = workbook.create_sheet("styles")
        self._arrays: dict[str, Any] = {}

        def make(key: str, **style: Any) -> None:
            cell = sheet.cell(row=len(self._arrays) + 1, column=1)
            for name, value in style.items():
                setattr(cell, name, value)
            self._arrays[key] = cell._style

        # An amount never wraps: Excel and WPS shrink it to fit its cell when they must.
        for align in ("left", "center", "right"):
            alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
            make(f"cell-{align}", font=song, border=border, alignment=alignment)
            fit = Alignment(horizontal=align, vertical="center", shrink_to_fit=True)
            formats = (
                ("money", "0.00"),
                ("money-grouped", "#,##0.00"),
                ("percent", "0.00%"),  # 执行率
                ("number", "General"),  # a 分值 as typed: 4.17, 10
            )
            for key, number_format in formats:
                make(
                    f"{key}-{align}",
                    font=song,
                    border=border,
                    alignment=fit,
                    number_format=number_format,
                )
        make(
            "title",
            font=Font(name="黑体", size=TITLE_SIZE),
            alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
        )
        make("agency", font=song, alignment=Alignment(horizontal="left", vertical="bottom"))
        make("unit", font=song, alignment=Alignment(horizontal="right", vertical="bottom"))
        make("toc", font=song, alignment=Alignment(horizontal="left", vertical="center"))
        workbook.remove(sheet)

    def font(self, size: float) -> Any:
        """宋体 at a size (a wide number's)."""
        from openpyxl.styles import Font

        return Font(name="宋体", size=size)

    def apply(self, cell: Any, key: str) -> None:
        cell._style = copy(self._arrays[key])


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
    atomic_write(path, lambda temp: _build(document, progress, warn, options).save(temp))


def _build(
    document: Document,
    progress: Progress | None,
    warn: ExportWarn | None,
    options: ExportOptions | None = None,
) -> Any:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    styles = _Styles(workbook)
    body = TextWidth(SONG, BODY_SIZE)
    title_width = TextWidth(HEI, TITLE_SIZE)
    cache: dict[tuple[str, float], list[str]] = {}
    _write_properties(workbook, document, warn)
    names = _sheet_names(document)
    if len(document.tables) > 1 and with_contents(options):
        toc = workbook.create_sheet(TOC_SHEET)
        _write_toc(toc, document, names, styles)
    printed, build = printed_tables(document, options), grid_maker(options)
    for done, (number, table) in enumerate(printed, 1):
        grid = build(document, table, number, body, title_width, cache)
        sheet = workbook.create_sheet(names[number - 1])
        _write_table(sheet, grid, table, styles)
        check_progress(progress, done, len(printed))
    if not workbook.worksheets:
        workbook.create_sheet(TOC_SHEET)
    return workbook


def _sheet_names(document: Document) -> list[str]:
    """Unique, valid sheet names: 'n.项目名称' cut to Excel's 31 characters."""
    names = []
    for number, table in enumerate(document.tables, 1):
        name = re.sub(r"[\[\]:*?/\\']", "", clean(table.project_name)).strip() or "绩效目标表"
        names.append(f"{number}.{name}"[:31])
    return names


def _write_properties(workbook: Any, document: Document, warn: ExportWarn | None) -> None:
    """Document fields the sheets cannot show exactly, for a lossless re-import (custom
    properties, whole); the title property cut to what Excel shows."""
    from openpyxl.packaging.custom import StringProperty

    title = fit_property(clean(document.title), CORE_PROPERTY_CHARS, "标题", warn)
    workbook.properties.title = title or DEFAULT_HEADING
    workbook.properties.creator = "goaleditor"
    values = {
        "agency_code": document.agency_code,
        "agency_name": document.agency_name,
        "year": "" if document.year is None else str(document.year),
        "title": document.title,
        "framework": document.framework,
        "merge_level2": "1" if document.merge_level2 else "0",
        "layout": document.layout,
    }
    for key, value in values.items():
        workbook.custom_doc_props.append(StringProperty(name=META_PREFIX + key, value=clean(value)))


def clean(value: str) -> str:
    """Text an .xlsx can hold: XML-illegal control characters (a vertical tab pasted from
    Word) dropped, as the PDF drops them, and lone surrogates made U+FFFD."""
    if _UNSAFE.search(value) is None:  # nearly always: one scan, no copy
        return value
    return encodable(_ILLEGAL_XML.sub("", value))


def _text(cell: Any, value: str) -> None:
    """User text is data: set as a string even when it looks like a formula.

    Excel keeps at most 32,767 characters in a cell and cuts the rest without a word:
    such a text is refused (with where it is) instead of being cut.
    """
    value = clean(value)
    if len(value) > MAX_CELL_CHARS:
        sheet = cell.parent.title
        raise InputError(
            f"工作表“{sheet}”单元格{cell.coordinate}有{len(value)}个字符，超过Excel单元格"
            f"上限{MAX_CELL_CHARS}个字符；为免被截断，没有导出Excel，请缩短该内容"
            "（导出PDF不受此限）"
        )
    cell.value = value
    cell.data_type = "s"


# Typed numbers printed as they are typed, written as numbers: the 分值 of indicators and budget.
_NUMBER_FIELDS = frozenset({"indicator.weight", "budget_weight"})


def _self_evaluation_weight(cell: Cell, table: GoalTable) -> bool:
    """A 自评表's 分值, summed by clerks (a goal table's 权重 stays text, as typed)."""
    document = table.document
    return cell.field in _NUMBER_FIELDS and document is not None and document.is_self_evaluation


def _number(cell: Any, text: str) -> bool:
    """Write a score, a 分值 or a percent (95.23%) as an exact number; False when the text is
    not one (a blank score, —)."""
    percent = text.endswith("%")
    value = decimal_value(text[:-1] if percent else text)
    if value is None or not _exact_in_excel(value):
        return False
    cell.value = value / 100 if percent else value
    return True


def _amount(cell: Any, amount: Decimal | None) -> None:
    """An amount exactly: a number when Excel keeps it exactly, otherwise its text.

    Excel holds 15 significant digits in a double: 1234567890123456.78 would become
    …456.80 there. Such an amount is written as the same text the number format would
    show ("0.00", right-aligned), so it prints identically and reads back exactly.
    """
    if amount is None:
        cell.value = None
    elif _exact_in_excel(amount):
        cell.value = amount
    else:
        cell.value = format_money(amount)
        cell.data_type = "s"


def _exact_in_excel(amount: Decimal) -> bool:
    """Whether a double holds amount exactly as Excel shows it (≤ 15 significant digits)."""
    digits = len(amount.normalize().as_tuple().digits)
    return digits <= EXCEL_DIGITS and Decimal(repr(float(amount))) == amount


def _write_toc(sheet: Any, document: Document, names: list[str], styles: _Styles) -> None:
    sheet.column_dimensions["A"].width = 80
    cell = sheet.cell(row=1, column=1)
    _text(cell, heading_of(document))
    styles.apply(cell, "title")
    sheet.row_dimensions[1].height = 30
    heading = sheet.cell(row=2, column=1)
    _text(heading, "目录")
    styles.apply(heading, "title")
    for number, table in enumerate(document.tables, 1):
        entry = sheet.cell(row=number + 2, column=1)
        _text(entry, toc_entry(number, table, document))
        entry.hyperlink = f"#'{names[number - 1]}'!A1"
        styles.apply(entry, "toc")
    _print_setup(sheet)


def _print_setup(sheet: Any) -> None:
    """A4 portrait, one page wide, centred, with sensible margins and numbered pages."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.6
    sheet.page_margins.top = sheet.page_margins.bottom = 0.7
    footer = sheet.oddFooter.center
    footer.text, footer.font, footer.size = PAGE_FOOTER, FOOTER_FONT, FOOTER_SIZE


def _write_table(sheet: Any, grid: TableGrid, table: GoalTable, styles: _Styles) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.cell_range import CellRange

    columns = len(grid.col_widths)
    for index, width in enumerate(grid.col_widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = round(
            width / POINTS_PER_WIDTH_UNIT, 2
        )
    merges: list[str] = []
    title_row, agency_row = SHEET_TITLE_ROW + 1, SHEET_AGENCY_ROW + 1  # openpyxl counts from 1
    title = sheet.cell(row=title_row, column=1)
    _text(title, grid.title)
    styles.apply(title, "title")
    title_height = len(grid.title_lines) * TITLE_SIZE * 1.35 + 8
    sheet.row_dimensions[title_row].height = min(MAX_ROW_HEIGHT, title_height)
    merges.append(f"A{title_row}:{get_column_letter(columns)}{title_row}")
    agency = sheet.cell(row=agency_row, column=1)
    _text(agency, grid.agency)
    styles.apply(agency, "agency")
    unit = sheet.cell(row=agency_row, column=columns)
    _text(unit, grid.unit)
    styles.apply(unit, "unit")
    merges.append(f"A{agency_row}:{get_column_letter(columns - 1)}{agency_row}")
    sheet.row_dimensions[agency_row].height = 20
    first = SHEET_GRID_ROW + 1
    # Excel rows are at most 409 pt tall: a taller grid row becomes several Excel rows
    # with its cells merged over them, so that every line still prints.
    parts = [max(1, math.ceil(row.height / MAX_ROW_HEIGHT)) for row in grid.rows]
    starts = list(accumulate([first, *parts[:-1]]))
    for index, row in enumerate(grid.rows):
        for extra in range(parts[index]):
            sheet.row_dimensions[starts[index] + extra].height = round(row.height / parts[index], 1)
        for cell in row.cells:
            last = cell.row + cell.rowspan - 1
            top, bottom = starts[cell.row], starts[last] + parts[last] - 1
            _write_cell(sheet, top, bottom - top + 1, cell, table, styles, grid.thousands)
            if bottom > top or cell.colspan > 1:
                left = cell.col + 1
                merges.append(
                    f"{get_column_letter(left)}{top}:"
                    f"{get_column_letter(left + cell.colspan - 1)}{bottom}"
                )
    # Added straight to the set: openpyxl's merge_cells scans all existing merges each time.
    ranges = sheet.merged_cells.ranges
    for coord in merges:
        ranges.add(CellRange(coord))
    header_row = starts[grid.header_row]
    sheet.print_title_rows = f"{header_row}:{header_row}"
    _print_setup(sheet)


def _write_cell(
    sheet: Any,
    row: int,
    rowspan: int,
    cell: Cell,
    table: GoalTable,
    styles: _Styles,
    thousands: bool = False,
) -> None:
    column = cell.col + 1
    target = sheet.cell(row=row, column=column)
    if cell.field in MONEY_FIELDS:  # an amount is a number in Excel where it stays exact
        _amount(target, getattr(table, cell.field))
        styles.apply(target, f"{'money-grouped' if thousands else 'money'}-{cell.align}")
    elif (cell.computed or _self_evaluation_weight(cell, table)) and _number(target, cell.text):
        # a score, 执行率 or 分值: a number the clerk can add up in Excel
        kind = "percent" if cell.text.endswith("%") else "money" if cell.computed else "number"
        styles.apply(target, f"{kind}-{cell.align}")
    elif cell.label:  # broken where the layout breaks it (主管部门/及代码), not by Excel
        _text(target, "\n".join(cell.lines))
        styles.apply(target, f"cell-{cell.align}")
    else:
        _text(target, cell.text)
        styles.apply(target, f"cell-{cell.align}")
    if cell.size is not None and cell.size != BODY_SIZE:  # a wide number, as the PDF prints it
        target.font = styles.font(cell.size)
    # Borders of a merged area come from the cells it covers.
    for r in range(row, row + rowspan):
        for c in range(column, column + cell.colspan):
            if (r, c) != (row, column):
                styles.apply(sheet.cell(row=r, column=c), f"cell-{cell.align}")
