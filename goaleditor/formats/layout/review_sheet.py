"""The 绩效目标审核表 of one goal table as one layout grid (DESIGN §5.2): a reviewer's marks.

The same grid as a goal table's, so the PDF, Word and Excel writers draw it as they draw a
goal table. Its form follows the spirit of 财预〔2015〕88号's 审核表 and the issue's fields: the
project's head block, an opinion per 审核内容, the indicators a reviewer marked, 需补充完善事项,
the 审核结果 with every choice printed (☑ on the chosen one) and a line to sign.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from goaleditor.formats.layout.grid import (
    LEADING,
    PAD_Y,
    PAGE_TITLE_LINES,
    TABLE_WIDTH,
    RowKind,
    TableGrid,
    cell_height,
)
from goaleditor.formats.layout.line_breaking import Width, wrap
from goaleditor.formats.layout.official import GridBuilder, field_text, runs, shorten
from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.model.layouts import Align, Slot, profile_of
from goaleditor.model.review_marks import table_is_reviewed

TITLE = "{year}年度项目支出绩效目标审核表"
AGENCY = "单位名称：{name}"
UNIT = "金额单位：{unit}"
# 一级 · 二级 · 三级 · 指标值 · 审核结论 · 审核意见: the indicator sub-table's columns; the
# head block above shares them.
COLUMNS = (0.11, 0.12, 0.21, 0.16, 0.10, 0.30)
INDICATOR_HEADER = ("一级指标", "二级指标", "三级指标", "指标值", "审核结论", "审核意见")
MONEY_ROWS = (
    ("年度资金总额", "budget_total"),
    ("其中：财政资金", "budget_fiscal"),
    ("其他资金", "budget_other"),
)
# 审核内容 and the table field holding its opinion.
OPINIONS = (
    ("总体目标", "review_goal"),
    ("产出指标", "review_output"),
    ("效益指标", "review_benefit"),
    ("满意度指标", "review_satisfaction"),
)
INDICATOR_BLOCK = "指标审核情况"
NO_INDICATORS = "无"
TODO = "需补充完善事项"
RESULT = "审核结果"
RESULTS = ("通过", "修改完善后通过", "不通过")  # as fields.REVIEW_RESULTS, in print order
SIGNATURE = "审核单位（盖章）：　　　　　　　　审核人：　　　　　　　　日期：　　　　年　　月　　日"
# Room to write by hand on a blank form (and to read on a filled one): at least these heights.
OPINION_HEIGHT = 2 * LEADING + 2 * PAD_Y + 6
TODO_HEIGHT = 4 * LEADING + 2 * PAD_Y
BLANK_INDICATOR_HEIGHT = 30.0  # an indicator row of a blank form: 通过/不通过 and a few words
SIGNATURE_HEIGHT = 34.0
# The ballot boxes when the embedded font has them, else "（√）" and "（　）".
BOXES = ("☑", "☐")
BRACKETS = ("（√）", "（　）")


def review_sheet_title(document: Document) -> str:
    """The form's title: 2026年度项目支出绩效目标审核表 (a blank for the year when none)."""
    return TITLE.format(year="    " if document.year is None else document.year)


@cache
def printable_chars() -> frozenset[int]:
    """The code points the PDF's 宋体 draws (the form's text is all 宋体)."""
    from reportlab.pdfbase import pdfmetrics

    from goaleditor.formats.layout.fonts import SONG, register_fonts

    register_fonts()
    return frozenset(pdfmetrics.getFont(SONG).face.charToGlyph)


def result_marks() -> tuple[str, str]:
    """The chosen and the other marks of 审核结果: ☑ and ☐ where the PDF font draws them."""
    return BOXES if all(ord(box) in printable_chars() for box in BOXES) else BRACKETS


def result_text(result: str) -> str:
    """All three results, the chosen one marked (none marked on a blank form); a result
    other than the three (from an older or edited file) is printed after them, marked."""
    chosen, other = result_marks()
    result = result.strip()
    choices = [*RESULTS, result] if result and result not in RESULTS else list(RESULTS)
    return "　　".join(f"{chosen if name == result else other}{name}" for name in choices)


def marked_indicators(table: GoalTable) -> list[tuple[str, str, Indicator]]:
    """The indicators the sub-table lists: those with a verdict or an opinion (不通过 included).

    A table without any mark is a blank form: it lists every indicator, to be marked by hand.
    """
    rows = list(table.indicator_rows())
    if not table_is_reviewed(table):
        return rows
    return [row for row in rows if row[2].review_verdict.strip() or row[2].review_opinion.strip()]


def build_review_grid(
    document: Document,
    table: GoalTable,
    number: int,
    width: Width,
    title_width: Width,
    wrap_cache: dict[tuple[str, float], list[str]] | None = None,
) -> TableGrid:
    """Lay out one table's 绩效目标审核表: cells (each naming the field it shows), row heights."""
    col_widths = tuple(TABLE_WIDTH * f for f in COLUMNS)
    sheet = _Sheet(GridBuilder(col_widths, width, {} if wrap_cache is None else wrap_cache))
    _head(sheet, document, table)
    for label, name in OPINIONS:
        sheet.add(
            "head", [sheet.label(0, label, 2), sheet.field(2, table, name, 4)], OPINION_HEIGHT
        )
    header_row = _indicators(sheet, document, table)
    todo_row = sheet.add(
        "head", [sheet.label(0, TODO, 2), sheet.field(2, table, "review_todo", 4)], TODO_HEIGHT
    )
    sheet.builder.rows[todo_row].keep_with_next = True  # the form's last block stays together
    result = (Slot(2, 4, "left", field="review_result"), result_text(table.review_result), table)
    result_row = sheet.add("head", [sheet.label(0, RESULT, 2), result])
    sheet.builder.rows[result_row].keep_with_next = True  # never a signature line alone
    sheet.add("head", [sheet.label(0, SIGNATURE, 6, align="left")], SIGNATURE_HEIGHT)
    sheet.builder.fit_spanning_cells()
    title = review_sheet_title(document)
    title_lines = wrap(title, TABLE_WIDTH, title_width)
    profile = profile_of(document)
    return TableGrid(
        number=number,
        title=title,
        title_lines=title_lines,
        short_title_lines=shorten(title_lines, PAGE_TITLE_LINES, TABLE_WIDTH, title_width),
        agency=AGENCY.format(name=document.agency_name),
        unit=UNIT.format(unit=table.money_unit),
        col_widths=col_widths,
        rows=sheet.builder.rows,
        header_row=header_row,
        thousands=profile.thousands,
    )


class _Sheet:
    """Rows added to the builder, with a least height for rows to write in."""

    def __init__(self, builder: GridBuilder) -> None:
        self.builder = builder

    @staticmethod
    def label(
        col: int, text: str, colspan: int = 1, rowspan: int = 1, align: Align = "center"
    ) -> tuple[Slot, str, object]:
        """A printed label of the form."""
        return Slot(col, colspan, align, text, rowspan=rowspan), text, None

    @staticmethod
    def field(
        col: int, table: GoalTable, name: str, colspan: int = 1, align: Align = "left"
    ) -> tuple[Slot, str, object]:
        """A field of the table, as typed."""
        return Slot(col, colspan, align, field=name), str(getattr(table, name)), table

    def add(self, kind: RowKind, specs: list[tuple[Slot, str, object]], least: float = 0.0) -> int:
        """Add a row at least this tall; its index."""
        self.builder.add_row(kind, specs)
        row = self.builder.rows[-1]
        row.height = max(row.height, least)
        row.least_height = max(row.least_height, least)
        return len(self.builder.rows) - 1

    def keep_unit_whole(self, row_index: int, col: int, unit: str) -> None:
        """A value wrapped inside its unit (55853.63平/方米) breaks before the unit instead."""
        row = self.builder.rows[row_index]
        place = next((n for n, c in enumerate(row.cells) if c.col == col), None)
        if place is None:
            return
        cell = row.cells[place]
        if len(cell.lines) < 2 or not unit or not cell.text.endswith(unit):
            return
        if any(line.endswith(unit) for line in cell.lines):
            return  # the unit is whole on its line already
        span = sum(self.builder.col_widths[col : col + cell.colspan])
        number = cell.text[: -len(unit)]
        lines = [*self.builder.lines(number, span), *self.builder.lines(unit, span)]
        row.cells[place] = replace(cell, lines=lines, size=None)
        row.height = max(row.height, cell_height(row.cells[place]))


def _head(sheet: _Sheet, document: Document, table: GoalTable) -> None:
    """项目名称, 主管部门 · 实施单位, 项目资金 (three amounts), the 审核内容 | 审核意见 heading."""
    profile = profile_of(document)
    name_row = sheet.add(
        "head", [sheet.label(0, "项目名称"), sheet.field(1, table, "project_name", 5)]
    )
    sheet.builder.rows[name_row].repeated = True  # a later page (signed) names its project
    sheet.add(
        "head",
        [
            sheet.label(0, "主管部门"),
            sheet.field(1, table, "supervisor", 2),
            sheet.label(3, "实施单位"),
            sheet.field(4, table, "implementer", 2),
        ],
    )
    for index, (label, name) in enumerate(MONEY_ROWS):
        money = (Slot(3, 3, "right", field=name), field_text(profile, table, name), table)
        cells = [sheet.label(1, label, 2), money]
        if index == 0:
            block = f"项目资金（{table.money_unit}）"
            cells.insert(0, sheet.label(0, block, rowspan=len(MONEY_ROWS)))
        sheet.add("head", cells)
    sheet.add("head", [sheet.label(0, "审核内容", 2), sheet.label(2, "审核意见", 4)])


def _indicators(sheet: _Sheet, document: Document, table: GoalTable) -> int:
    """指标审核情况: its heading, the column header (the grid's header row) and the rows."""
    profile = profile_of(document)
    sheet.add("head", [sheet.label(0, INDICATOR_BLOCK, 6)])
    header = [sheet.label(col, text) for col, text in enumerate(INDICATOR_HEADER)]
    header_row = sheet.add("header", header)
    rows = marked_indicators(table)
    least = 0.0 if table_is_reviewed(table) else BLANK_INDICATOR_HEIGHT  # room to write
    if not rows:
        sheet.add("head", [sheet.label(0, NO_INDICATORS, 6)])
        return header_row
    spans1 = runs([level1 for level1, _, _ in rows])
    spans2 = runs([(level1, level2) for level1, level2, _ in rows])
    for index, (level1, level2, indicator) in enumerate(rows):
        cells: list[tuple[Slot, str, object]] = []
        if index in spans1:
            cells.append(
                (Slot(0, 1, "center", field="level1", rowspan=spans1[index]), level1, indicator)
            )
        if index in spans2:
            cells.append(
                (Slot(1, 1, "center", field="level2", rowspan=spans2[index]), level2, indicator)
            )
        value = profile.display(indicator.comparator, indicator.value, indicator.unit)
        cells += [
            (Slot(2, 1, "left", field="indicator.name"), indicator.name, indicator),
            (Slot(3, 1, "center", field="indicator.display"), value, indicator),
            (
                Slot(4, 1, "center", field="indicator.review_verdict"),
                indicator.review_verdict,
                indicator,
            ),
            (
                Slot(5, 1, "left", field="indicator.review_opinion"),
                indicator.review_opinion,
                indicator,
            ),
        ]
        row = sheet.add("indicator", cells, least)
        sheet.keep_unit_whole(row, 3, indicator.unit)
    return header_row
