"""Next year's draft: the same document with its year moved on by one where it is a date.

The planned start and end dates (计划开始/完成日期) move on a year each, so a project of
one year stays one year long. In free text (title, project names, 资金用途, 绩效目标,
项目总体目标, indicator names, 描述, 定性 values …) the document's year moves on, and a
range that is the project's period moves as a whole (2025-2027 → 2026-2028); years that
are history stay (year_mentions.py says which). Amounts, numbers and 定量 values stay as
they are. Next year's draft of a 绩效自评表 is a 绩效目标表: the year's results
(实际完成值, 得分, the money actually spent) are left behind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from goaleditor.errors import InputError
from goaleditor.model.document import Document, GoalTable
from goaleditor.model.fields import (
    SELF_EVALUATION_HEADER_FIELDS,
    SELF_EVALUATION_INDICATOR_FIELDS,
    default_of,
)
from goaleditor.model.review_marks import drop_review_marks
from goaleditor.model.values import QUALITATIVE
from goaleditor.model.year_mentions import Period, move_years, table_period
from goaleditor.model.year_range import MAX_YEAR

# The free-text fields where a year may be named (a 定性 value too; a 定量 one is a number).
TABLE_TEXT_FIELDS = ("project_name", "fund_use", "goal", "period_goal")
INDICATOR_TEXT_FIELDS = ("name", "description", "unit", "explanation", "standard", "remark")


@dataclass(frozen=True, slots=True)
class NextYear:
    """Next year's draft and what moved on in it."""

    document: Document
    years_moved: int  # places in free text that named the year or the period
    dates_moved: int  # planned start and end dates

    def summary(self) -> str:
        """What moved, in a line for the status bar and the command line."""
        dates = f"，{self.dates_moved}个计划日期已顺延一年" if self.dates_moved else ""
        if self.document.year is None:
            return f"已生成新文档：未能确定文档年度，文中年份未改动{dates}"
        years = f"文中{self.years_moved}处年份" if self.years_moved else "文中没有需要改动的年份"
        if self.years_moved:
            years += "已改为下一年度"
        return f"已生成{self.document.year}年度的新文档：{years}{dates}"


def _infer_year(document: Document) -> int | None:
    years = [
        int(m) for t in document.tables for m in re.findall(r"((?:19|20)\d\d)年", t.project_name)
    ]
    return max(set(years), key=years.count) if years else None


def next_year_draft(document: Document) -> Document:
    """A new document for next year: year, title, free text and date values moved on."""
    return next_year(document).document


def next_year(document: Document) -> NextYear:
    """Next year's draft of a document, with a count of what moved on (the source is kept);
    InputError for a document of the last year a layout can print (9999)."""
    year = document.year if document.year is not None else _infer_year(document)
    if year is not None and year >= MAX_YEAR:
        raise InputError(f"文档年度为{year}年，已是最大的年份，无法生成下一年度")
    draft = Document(
        agency_code=document.agency_code,
        agency_name=document.agency_name,
        year=None if year is None else year + 1,
        title=document.title,
        framework=document.framework,
        merge_level2=document.merge_level2,
        layout=document.layout,
    )
    years_moved = dates_moved = 0
    for table in document.tables:
        copy: GoalTable = table.clone()
        _keep_goals_only(copy)
        if year is not None:
            years_moved += _move_table_text(copy, year)
        start, end = _next_date(copy.start_date), _next_date(copy.end_date)
        dates_moved += (start != copy.start_date) + (end != copy.end_date)
        copy.start_date, copy.end_date = start, end
        copy.document = draft
        draft.tables.append(copy)
    if year is not None:
        draft.title, moved = move_years(document.title, year)
        years_moved += moved
    return NextYear(draft, years_moved, dates_moved)


def _keep_goals_only(table: GoalTable) -> None:
    """Next year's draft is a goal table: a 自评表's results and a reviewer's marks stay with
    last year's document."""
    for name in SELF_EVALUATION_HEADER_FIELDS:
        setattr(table, name, default_of(name))
    for _, _, indicator in table.indicator_rows():
        for name in SELF_EVALUATION_INDICATOR_FIELDS:
            setattr(indicator, name, default_of(name))
    drop_review_marks(table)


def _move_table_text(table: GoalTable, year: int) -> int:
    """Move the year and period on in a table's free text; how many places moved."""
    period: Period | None = table_period(table.start_date, table.end_date)
    moved = 0

    def move(target: object, name: str) -> None:
        nonlocal moved
        text, count = move_years(getattr(target, name), year, period)
        setattr(target, name, text)
        moved += count

    for name in TABLE_TEXT_FIELDS:
        move(table, name)
    for _, _, indicator in table.indicator_rows():
        for name in INDICATOR_TEXT_FIELDS:
            move(indicator, name)
        if indicator.comparator == QUALITATIVE:
            move(indicator, "value")
    return moved


def _next_date(text: str) -> str:
    """A date a year on, written as it was (2026-12-31, 2026/1/1, 2026年1月1日; 29 February
    becomes 28); other text is kept as typed."""
    match = re.fullmatch(r"\s*(\d{4})([-/年])(\d\d?)([-/月])(\d\d?)(日?)\s*", text)
    if not match:
        return text
    year, month, day = (int(match[n]) for n in (1, 3, 5))
    if (month, day) == (2, 29):
        day = 28
    moved = list(match.groups())
    moved[0] = f"{year + 1:04d}"
    moved[4] = f"{day:0{len(match[5])}d}"
    return "".join(moved)
