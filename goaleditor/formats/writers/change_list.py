"""The 修改情况说明 as an .xlsx: a row per change (序号 · 表 · 指标 · 原 · 现 · 说明).

Written with openpyxl as the Excel export is: 宋体, thin borders, A4 landscape with the header
row repeated on every page. Every text is set as a string: a name starting with = is data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from goaleditor.compare import ADDED, CHANGED, MOVED, REMOVED, RENAMED, Change, Comparison
from goaleditor.compare.changes import LEVEL_LABELS
from goaleditor.errors import InputError
from goaleditor.files.atomic import atomic_write
from goaleditor.formats.layout.fonts import SONG, TextWidth
from goaleditor.formats.layout.grid import BODY_SIZE, LEADING, TITLE_SIZE
from goaleditor.formats.layout.line_breaking import wrap
from goaleditor.formats.writers.excel import (
    FOOTER_FONT,
    FOOTER_SIZE,
    MAX_CELL_CHARS,
    MAX_ROW_HEIGHT,
    PAGE_FOOTER,
    POINTS_PER_WIDTH_UNIT,
    _text,
)

TITLE = "修改情况说明"
SHEET_NAME = "修改情况说明"
HEADINGS = ("序号", "表", "指标", "原", "现", "说明")
# Column widths in Excel's character units: 说明 has room for a clerk's own words.
COLUMN_WIDTHS = (6.0, 30.0, 38.0, 30.0, 30.0, 22.0)
TITLE_ROW, SOURCES_ROW, HEADER_ROW = 1, 2, 3
NO_CHANGES = "两份文档打印出来相同，没有改动"


def explanation(change: Change) -> str:
    """The change's kind in words (修改指标值, 三级指标更名, 移动, 新增三级指标, 删除表 …)."""
    level = LEVEL_LABELS[change.level]
    if change.kind == ADDED:
        return f"新增{level}"
    if change.kind == REMOVED:
        return f"删除{level}"
    if change.kind == RENAMED:
        return f"{level}更名"
    if change.kind == MOVED:
        return "移动表" if change.level == "table" else "移动"
    return f"修改{change.label}"


def table_words(change: Change) -> str:
    """Which table: 表2 项目名称, 原表3 项目名称 for a removed one, 文档 for a property."""
    if change.level == "document":
        return LEVEL_LABELS["document"]
    removed = change.kind == REMOVED and change.level == "table"
    number = f"原表{change.table_number}" if removed else f"表{change.table_number}"
    return f"{number} {change.table_name}" if change.table_name else number


def place_words(change: Change) -> str:
    """What in the table: the indicator's path, or the header field or property changed."""
    if change.path:
        return "/".join(change.path)
    if change.kind == CHANGED and change.field:
        return change.label
    return ""


def row_of(number: int, change: Change) -> tuple[str, str, str, str, str, str]:
    """One change as the six cells of its row."""
    return (
        str(number),
        table_words(change),
        place_words(change),
        change.old,
        change.new,
        explanation(change),
    )


def write_change_list(comparison: Comparison, old_name: str, new_name: str, path: Path) -> None:
    """Write the 修改情况说明 of a comparison of old_name with new_name, atomically."""
    atomic_write(path, lambda temp: _build(comparison, old_name, new_name).save(temp))


def _build(comparison: Comparison, old_name: str, new_name: str) -> Any:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    workbook.properties.title = TITLE
    workbook.properties.creator = "goaleditor"
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    song = Font(name="宋体", size=BODY_SIZE)
    wrapped = Alignment(horizontal="left", vertical="center", wrap_text=True)
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    # One named style per kind of body cell: set per cell, font, border and alignment one by
    # one took most of the time of a list of 30,000 changes.
    body = NamedStyle(name="改动", font=song, border=border, alignment=wrapped)
    number_style = NamedStyle(name="改动序号", font=song, border=border, alignment=centred)
    workbook.add_named_style(body)
    workbook.add_named_style(number_style)
    last = get_column_letter(len(HEADINGS))
    for index, width in enumerate(COLUMN_WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width

    title = sheet.cell(row=TITLE_ROW, column=1)
    _text(title, TITLE)
    title.font = Font(name="黑体", size=TITLE_SIZE)
    title.alignment = centred
    sheet.row_dimensions[TITLE_ROW].height = 30
    sheet.merge_cells(f"A{TITLE_ROW}:{last}{TITLE_ROW}")
    sources = sheet.cell(row=SOURCES_ROW, column=1)
    _text(sources, f"原文档：{old_name}　　现文档：{new_name}")
    sources.font = song
    sources.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
    sheet.merge_cells(f"A{SOURCES_ROW}:{last}{SOURCES_ROW}")
    sheet.row_dimensions[SOURCES_ROW].height = 20

    for column, heading in enumerate(HEADINGS, 1):
        cell = sheet.cell(row=HEADER_ROW, column=column)
        _text(cell, heading)
        cell.font, cell.border, cell.alignment = Font(name="黑体", size=BODY_SIZE), border, centred
    sheet.row_dimensions[HEADER_ROW].height = 20

    measure = TextWidth(SONG, BODY_SIZE)
    rows = [row_of(number, change) for number, change in enumerate(comparison.changes, 1)]
    for offset, values in enumerate(rows, 1):
        row = HEADER_ROW + offset
        for column, value in enumerate(values, 1):
            cell = sheet.cell(row=row, column=column)
            _fitting_text(cell, value, offset)
            cell.style = number_style.name if column == 1 else body.name
        sheet.row_dimensions[row].height = _height(values, measure)
    if not rows:
        row = HEADER_ROW + 1
        cell = sheet.cell(row=row, column=1)
        _text(cell, NO_CHANGES)
        cell.font, cell.alignment = song, centred
        for column in range(1, len(HEADINGS) + 1):
            sheet.cell(row=row, column=column).border = border
        sheet.merge_cells(f"A{row}:{last}{row}")
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    _print_setup(sheet)
    return workbook


def _fitting_text(cell: Any, value: str, number: int) -> None:
    """A change's text, refused (never cut) when longer than an Excel cell holds."""
    if len(value) > MAX_CELL_CHARS:
        raise InputError(
            f"第{number}处改动的文字有{len(value)}个字符，超过Excel单元格上限{MAX_CELL_CHARS}个"
            "字符；为免被截断，没有写出修改情况说明（可改用 -o 输出 .docx 修订稿）"
        )
    _text(cell, value)


def _height(values: tuple[str, ...], measure: TextWidth) -> float:
    """A row tall enough for its longest wrapped cell (openpyxl cannot fit rows itself)."""
    lines = 1
    for value, width in zip(values, COLUMN_WIDTHS, strict=True):
        room = width * POINTS_PER_WIDTH_UNIT - 6
        lines = max(lines, len(wrap(value, room, measure)) if value else 1)
    return min(MAX_ROW_HEIGHT, lines * LEADING + 6)


def _print_setup(sheet: Any) -> None:
    """A4 landscape, one page wide, numbered pages."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.6
    sheet.page_margins.top = sheet.page_margins.bottom = 0.7
    footer = sheet.oddFooter.center
    footer.text, footer.font, footer.size = PAGE_FOOTER, FOOTER_FONT, FOOTER_SIZE
