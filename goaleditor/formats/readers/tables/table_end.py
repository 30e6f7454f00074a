"""Where a table ends in a sheet: its footers, the next table's title lines, a table between."""

from __future__ import annotations

import re
from typing import Any

from goaleditor.formats.notes import ImportNote
from goaleditor.formats.readers.tables.cell_value import text
from goaleditor.formats.readers.tables.columns import label
from goaleditor.formats.readers.tables.money_unit import unit_in_line
from goaleditor.formats.readers.tables.other_tables import other_kind

_TITLE_END = "绩效目标表"
_TITLE_NUMBER_RE = re.compile(r"\d+\s*[.．、]\s*")  # 1. or 1、 before a table's title
_FORM_RE = re.compile(r"绩效目标申报表")  # Shanghai's and the central form's title
_FOOTER_RE = re.compile(
    r"^(?:注|说明|附注|备注|填报人|填表人|制表人|审核人|审核|单位负责人|负责人|财务负责人|"
    r"分管领导|联系人|联系电话|电话|填报日期|填表日期|日期|填报单位盖章|单位盖章|盖章)"
    r"\s*\d*\s*[:：.、]"
)


def title_name(line: str) -> str | None:
    """The name a table's title line gives ("1.XX项目绩效目标表" → "XX项目"), or None when
    the line is no table title. Cut by hand from the end: a pattern trying every place in a
    long line for the blanks before 绩效目标表 took quadratic time."""
    line = line.removesuffix("\n")
    if not line.endswith(_TITLE_END):
        return None
    body = line.removesuffix(_TITLE_END).rstrip()
    number = _TITLE_NUMBER_RE.match(body)
    if number:
        return body[number.end() :]
    return body or None


def is_title(shown: str) -> bool:
    """A table's title: …绩效目标表, or a form's …绩效目标申报表."""
    return title_name(shown) is not None or bool(_FORM_RE.search(shown))


def is_footer(row: list[Any]) -> bool:
    """A footer line (说明：…, 填表人：…) by its first filled cell."""
    first = next((text(v).strip() for v in row if text(v).strip()), "")
    return bool(first) and bool(_FOOTER_RE.match(label(first)))


def is_lead_line(row: list[Any]) -> bool:
    """A line that may stand above a table (title, agency, 单位): blank, one filled cell, or
    a row with a title or a unit in it; never a footer."""
    cells = [text(v).strip() for v in row if text(v).strip()]
    if not cells:
        return True
    if is_footer(row):
        return False
    return len(cells) == 1 or any(is_title(c) or unit_in_line(label(c)) for c in cells)


def is_block_row(row: list[Any]) -> bool:
    """A row of a table (several cells, no title/unit line) or a footer under one."""
    cells = [text(v).strip() for v in row if text(v).strip()]
    return is_footer(row) or (len(cells) >= 3 and not is_lead_line(row))


def lead_start(rows: list[list[Any]], start: int, floor: int) -> int:
    """The first row of the title, agency and 单位 lines just above a 项目名称 row at start
    (not above floor): where the table before it ends."""
    first, lines = start, 0
    while first > floor and lines < 4 and is_lead_line(rows[first - 1]):
        first -= 1
        lines += any(text(v).strip() for v in rows[first])
    while first < start and not any(text(v).strip() for v in rows[first]):
        first += 1
    return first


def after_block(
    rows: list[list[Any]], start: int, floor: int, sheet: str
) -> tuple[int, ImportNote | None]:
    """Where the lines above a table start: after any table above it since floor (a
    budget table's 编制部门 and 单位 lines are its own, not the goal table's); with the note
    saying that table was skipped (None when there was none)."""
    first = start
    while first > floor and not is_block_row(rows[first - 1]):
        first -= 1
    if all(is_footer(row) or not is_block_row(row) for row in rows[floor:first]):
        return floor, None  # lines only (说明：…, a page's 填表人：…), no table: the table's own
    above = next(r for r in range(floor, first) if is_block_row(rows[r]))
    kind = other_kind(" ".join(text(v) for row in rows[floor:first] for v in row))
    what = f"是{kind}，不是绩效目标表" if kind else "不是绩效目标表"
    return first, ImportNote(f"起的表格{what}，已跳过", sheet, above + 1, joiner="")
