"""The grid of a goal table in the official layout: page metrics, cells, rows and the table.

Shared by building the grid (layout.py) and cutting it into pages (pagination.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from goaleditor.model.layouts import Align

MM = 72 / 25.4
PAGE_WIDTH, PAGE_HEIGHT = 595.2756, 841.8898  # A4 portrait, points
MARGIN_LEFT = MARGIN_RIGHT = 18 * MM
MARGIN_TOP = 15 * MM
MARGIN_BOTTOM = 16 * MM
TABLE_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
BODY_SIZE = 10.5  # 五号
LEADING = 13.5
TITLE_SIZE = 16.0
TITLE_LEADING = 20.0
TITLE_GAP = 10.0  # between the title and the agency line
AGENCY_HEIGHT = 20.0
PAD_X, PAD_Y = 3.0, 3.0
MIN_ROW_HEIGHT = 20.0
FOOTER_Y = 8 * MM
# A number too wide for its cell prints smaller on one line, never broken: down to
# NUMBER_FLOOR for any number, and for an amount (at most 15 integer digits, see
# model/money.py) down to what fits, at least MONEY_MIN_SIZE: the widest amount, with
# thousands separators, fits the narrowest money cell of every layout at it (Sichuan's
# 其他资金). Real amounts print far larger. Sizes go in half points, as Word stores them.
NUMBER_FLOOR = 7.0
MONEY_MIN_SIZE = 4.0
# Less than the table height of any page: a merged cell taller than this may be split.
PAGE_BREAK_EVERY = 400.0
# A table page shows at most this many title lines; a longer title gets pages of its own
# before the table, and the table's later pages show its start followed by "…".
PAGE_TITLE_LINES = 6
ELLIPSIS = "…"

RowKind = Literal["head", "header", "indicator"]

# An exported sheet, rows from 0: the title, the agency and unit line, then the grid.
SHEET_TITLE_ROW, SHEET_AGENCY_ROW, SHEET_GRID_ROW = 0, 1, 2


@dataclass(slots=True)
class Cell:
    """One (possibly merged) cell: its top-left grid position, span, text and wrapped lines.

    field names what the cell shows (a Slot's field, None for a label); source is the
    object it comes from: the GoalTable, or the Indicator of an indicator row.
    """

    row: int
    col: int
    rowspan: int
    colspan: int
    text: str
    lines: list[str]
    align: Align = "left"
    label: bool = False  # a printed label (项目名称, 一级指标, …) rather than user data
    field: str | None = None
    source: object | None = None
    size: float | None = None  # font size when smaller than BODY_SIZE (a wide number)
    computed: bool = False  # a value worked out (执行率, a rule's 得分, 总分), never typed


@dataclass(slots=True)
class Row:
    """A grid row: its height and the cells whose top-left corner is in it."""

    kind: RowKind
    height: float
    cells: list[Cell] = field(default_factory=list)
    keep_with_next: bool = False  # printed on the same page as the next row (a header's way)
    least_height: float = MIN_ROW_HEIGHT  # what Word is told: room to write in by hand
    repeated: bool = False  # printed again atop each later page (a 审核表's 项目名称)


@dataclass(slots=True)
class TableGrid:
    """A whole goal table in its document's layout, with that layout's columns.

    Each layout's columns are in its profile (model/layouts.py): 6 or 7, never assumed.
    """

    number: int
    title: str
    title_lines: list[str]  # the whole title, wrapped
    short_title_lines: list[str]  # at most PAGE_TITLE_LINES: on pages after the first
    agency: str
    unit: str
    col_widths: tuple[float, ...]
    rows: list[Row]
    header_row: int  # index of the 一级指标 … 指标值 row
    thousands: bool = False  # money printed with thousands separators (10,308,000.00)

    @property
    def columns(self) -> int:
        """How many columns the grid has (its layout's: 6 or 7)."""
        return len(self.col_widths)

    def col_x(self, col: int) -> float:
        """Left edge of a column, relative to the table's left edge."""
        return sum(self.col_widths[:col])

    def span_width(self, cell: Cell) -> float:
        """Width of a cell across its columns."""
        return sum(self.col_widths[cell.col : cell.col + cell.colspan])


def cell_height(cell: Cell) -> float:
    """Height a cell needs for its lines."""
    return max(MIN_ROW_HEIGHT, len(cell.lines) * LEADING + 2 * PAD_Y)
