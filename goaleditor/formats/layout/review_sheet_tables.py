"""Which tables an export prints and in which form: the goal tables, or their 绩效目标审核表.

ExportOptions.review_sheet chooses: "" prints the goal tables; "reviewed" the 审核表 of the
tables a reviewer marked (of every table, as blank forms, when none is marked); "all" the
审核表 of every table, blank where unmarked. Each writer lays out what this says.
"""

from __future__ import annotations

from collections.abc import Callable

from goaleditor.formats.exporting import ExportOptions
from goaleditor.formats.layout import official
from goaleditor.formats.layout.grid import TableGrid
from goaleditor.formats.layout.line_breaking import Width
from goaleditor.formats.layout.review_sheet import build_review_grid
from goaleditor.model.document import Document, GoalTable
from goaleditor.model.review_marks import table_is_reviewed

GridMaker = Callable[
    [Document, GoalTable, int, Width, Width, dict[tuple[str, float], list[str]] | None],
    TableGrid,
]
NONE_REVIEWED = "文档中没有审核标记：导出的是每张表的空白审核表"


def printed_tables(
    document: Document, options: ExportOptions | None
) -> list[tuple[int, GoalTable]]:
    """(number in the document, table) of each table the export prints, in document order."""
    numbered = list(enumerate(document.tables, 1))
    if options is None or options.review_sheet != "reviewed":
        return numbered
    reviewed = [(number, table) for number, table in numbered if table_is_reviewed(table)]
    return reviewed or numbered


def grid_maker(options: ExportOptions | None) -> GridMaker:
    """The layout of each printed table: its goal table, or its 审核表."""
    if options is not None and options.review_sheet:
        return build_review_grid
    return official.build_grid


def with_contents(options: ExportOptions | None) -> bool:
    """Whether a 目录 may precede the tables (it lists goal tables: never before 审核表)."""
    return options is None or not options.review_sheet


def review_sheet_warnings(document: Document, options: ExportOptions | None) -> list[str]:
    """What the clerk should hear about the 审核表 printed: none marked, so blank forms."""
    if options is None or options.review_sheet != "reviewed" or not document.tables:
        return []
    if any(table_is_reviewed(table) for table in document.tables):
        return []
    return [NONE_REVIEWED]
