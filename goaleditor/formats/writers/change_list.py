"""The 修改情况说明 as an .xlsx: a row per change (序号 · 表 · 指标 · 原 · 现 · 说明).

Written with XlsxWriter as the Excel export is (formats/writers/excel_workbook.py): 宋体, thin
borders, A4 landscape with the header row repeated on every page. Every text is set as a string:
a name starting with = is data.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from goaleditor.compare import ADDED, CHANGED, MOVED, REMOVED, RENAMED, Change, Comparison
from goaleditor.compare.changes import LEVEL_LABELS
from goaleditor.compare.marks import node_at
from goaleditor.files.atomic import atomic_write
from goaleditor.formats.layout.fonts import SONG, TextWidth
from goaleditor.formats.layout.grid import BODY_SIZE, LEADING, TITLE_SIZE
from goaleditor.formats.layout.line_breaking import wrap
from goaleditor.formats.writers.excel_workbook import (
    MAX_CELL_CHARS,
    MAX_ROW_HEIGHT,
    POINTS_PER_WIDTH_UNIT,
    Formats,
    Sheet,
    merge,
    print_setup,
    put_text,
    set_height,
    set_properties,
    set_widths,
    workbook,
)
from goaleditor.model.document import Document, Indicator

TITLE = "修改情况说明"
SHEET_NAME = "修改情况说明"
HEADINGS = ("序号", "表", "指标", "原", "现", "说明")
# Column widths in Excel's character units: 说明 has room for a clerk's own words.
COLUMN_WIDTHS = (6.0, 30.0, 38.0, 30.0, 30.0, 22.0)
TITLE_ROW, SOURCES_ROW, HEADER_ROW = 1, 2, 3  # as Excel numbers them, from 1
_SONG = {"font_name": "宋体", "font_size": BODY_SIZE}
_BORDER = {"border": 1, "border_color": "#000000"}
_CENTRED = {"align": "center", "valign": "vcenter", "text_wrap": 1}
STYLES = {
    "title": {"font_name": "黑体", "font_size": TITLE_SIZE, **_CENTRED},
    "sources": {**_SONG, "align": "left", "valign": "vcenter", "text_wrap": 1},
    "heading": {"font_name": "黑体", "font_size": BODY_SIZE, **_BORDER, **_CENTRED},
    "number": {**_SONG, **_BORDER, **_CENTRED},
    "text": {**_SONG, **_BORDER, "align": "left", "valign": "vcenter", "text_wrap": 1},
    "none": {**_SONG, **_BORDER, **_CENTRED},
    "border": _BORDER,
}
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


def review_reason(change: Change, old: Document | None) -> str:
    """The reviewer's opinion on the old indicator a change answers ("" when none): a clerk's
    修改情况说明 says which opinion each change follows."""
    if old is None or change.old_at is None or len(change.old_at) != 4:
        return ""
    indicator = node_at(old, change.old_at)
    if not isinstance(indicator, Indicator) or not indicator.review_opinion.strip():
        return ""
    return f"按审核意见：{indicator.review_opinion.strip()}"


def row_of(
    number: int, change: Change, old: Document | None = None
) -> tuple[str, str, str, str, str, str]:
    """One change as the six cells of its row (序号 as text; the sheet writes it as a number)."""
    said = "；".join(part for part in (explanation(change), review_reason(change, old)) if part)
    return (str(number), table_words(change), place_words(change), change.old, change.new, said)


def write_change_list(
    comparison: Comparison,
    old_name: str,
    new_name: str,
    path: Path,
    old: Document | None = None,
) -> None:
    """Write the 修改情况说明 of a comparison of old_name with new_name, atomically; with the
    old document, each change names the reviewer's opinion it answers."""
    atomic_write(path, lambda temp: _write(comparison, old_name, new_name, temp, old))


def _write(
    comparison: Comparison, old_name: str, new_name: str, path: Path, old: Document | None
) -> None:
    last = len(HEADINGS) - 1
    title_row, sources_row, header_row = TITLE_ROW - 1, SOURCES_ROW - 1, HEADER_ROW - 1
    with workbook(path) as book:
        set_properties(book, TITLE, {})
        formats = Formats(book, STYLES)
        sheet = book.add_worksheet(SHEET_NAME)
        set_widths(sheet, list(COLUMN_WIDTHS))
        set_height(sheet, title_row, 30)
        put_text(sheet, title_row, 0, TITLE, formats.get("title"))
        merge(sheet, title_row, 0, title_row, last)
        set_height(sheet, sources_row, 20)
        sources = f"原文档：{old_name}　　现文档：{new_name}"
        put_text(sheet, sources_row, 0, sources, formats.get("sources"))
        merge(sheet, sources_row, 0, sources_row, last)
        set_height(sheet, header_row, 20)
        for column, heading in enumerate(HEADINGS):
            put_text(sheet, header_row, column, heading, formats.get("heading"))
        _write_changes(sheet, comparison, formats, old)
        sheet.repeat_rows(header_row)
        print_setup(sheet, landscape=True)


def _write_changes(
    sheet: Sheet, comparison: Comparison, formats: Formats, old: Document | None
) -> None:
    """A row per change below the header row, or one merged row saying there is none."""
    measure = TextWidth(SONG, BODY_SIZE)
    rows = [row_of(number, change, old) for number, change in enumerate(comparison.changes, 1)]
    for number, values in enumerate(rows, 1):
        row = HEADER_ROW - 1 + number
        set_height(sheet, row, _height(values, measure))
        sheet.write_number(row, 0, number, formats.get("number"))  # 序号 sorts as a number
        for column, value in enumerate(values[1:], 1):
            put_text(sheet, row, column, value, formats.get("text"), partial(_too_long, number))
    if not rows:
        row = HEADER_ROW
        put_text(sheet, row, 0, NO_CHANGES, formats.get("none"))
        for column in range(1, len(HEADINGS)):
            sheet.write_blank(row, column, None, formats.get("border"))
        merge(sheet, row, 0, row, len(HEADINGS) - 1)


def _too_long(number: int, length: int) -> str:
    """Why a change's text is refused (never cut) when longer than an Excel cell holds."""
    return (
        f"第{number}处改动的文字有{length}个字符，超过Excel单元格上限{MAX_CELL_CHARS}个"
        "字符；为免被截断，没有写出修改情况说明（可改用 -o 输出 .docx 修订稿）"
    )


def _height(values: tuple[str, ...], measure: TextWidth) -> float:
    """A row tall enough for its longest wrapped cell (Excel does not fit rows on opening)."""
    lines = 1
    for value, width in zip(values, COLUMN_WIDTHS, strict=True):
        room = width * POINTS_PER_WIDTH_UNIT - 6
        lines = max(lines, len(wrap(value, room, measure)) if value else 1)
    return min(MAX_ROW_HEIGHT, lines * LEADING + 6)
