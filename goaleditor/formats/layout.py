"""The official layout of a goal table as one grid (cells, spans, wrapped lines, row heights).

Computed once from a goal table and a text measure; the PDF writer, the Excel writer
and (through the PDF) the preview all draw this grid. No Qt, no reportlab here.
"""

from __future__ import annotations

import math
import re
from collections import deque
from dataclasses import dataclass, field, replace
from typing import Literal

from goaleditor.formats.linebreak import Width, wrap
from goaleditor.model.document import MONEY_FIELDS, Document, GoalTable, Indicator
from goaleditor.model.layouts import TIANJIN, Align, LayoutProfile, Slot, profile_of
from goaleditor.model.money import format_money

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
_NUMBER_RE = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?[%％]?")
# Less than the table height of any page: a merged cell taller than this may be split.
PAGE_BREAK_EVERY = 400.0
# A table page shows at most this many title lines; a longer title gets pages of its own
# before the table, and the table's later pages show its start followed by "…".
PAGE_TITLE_LINES = 6
ELLIPSIS = "…"

RowKind = Literal["head", "header", "indicator"]

# The default (Tianjin) form's grid; every layout's is in its profile (model/layouts.py).
COLUMN_FRACTIONS = TIANJIN.column_fractions
HEAD_ROWS = TIANJIN.head_rows
INDICATOR_SLOTS = TIANJIN.indicator_slots
HEADER_ROW = TIANJIN.header_row  # grid index of the 一级指标 … 指标值 row
# An exported sheet, rows from 0: the title, the agency and unit line, then the grid.
SHEET_TITLE_ROW, SHEET_AGENCY_ROW, SHEET_GRID_ROW = 0, 1, 2
COLUMNS = len(COLUMN_FRACTIONS)


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


@dataclass(slots=True)
class Row:
    """A grid row: its height and the cells whose top-left corner is in it."""

    kind: RowKind
    height: float
    cells: list[Cell] = field(default_factory=list)


@dataclass(slots=True)
class TableGrid:
    """A whole goal table in the official layout."""

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

    def col_x(self, col: int) -> float:
        """Left edge of a column, relative to the table's left edge."""
        return sum(self.col_widths[:col])

    def span_width(self, cell: Cell) -> float:
        """Width of a cell across its columns."""
        return sum(self.col_widths[cell.col : cell.col + cell.colspan])


# The heading of the 目录 and the file's title when a document has no title of its own.
DEFAULT_HEADING = "项目支出绩效目标表"


def table_title(number: int, table: GoalTable, document: Document | None = None) -> str:
    """The printed title in the document's layout (n.项目名称绩效目标表 by default)."""
    if document is None:
        return TIANJIN.title_of(number, table, table.document or Document())
    return profile_of(document).title_of(number, table, document)


def agency_line(document: Document) -> str:
    """Agency code and name as printed above the table ("" where the layout has none)."""
    return profile_of(document).agency.format(code=document.agency_code, name=document.agency_name)


def build_grid(
    document: Document,
    table: GoalTable,
    number: int,
    width: Width,
    title_width: Width,
    wrap_cache: dict[tuple[str, float], list[str]] | None = None,
) -> TableGrid:
    """Lay out one goal table in its document's layout: cells, merges, lines, row heights.

    width measures body text (宋体, BODY_SIZE); title_width measures the title (黑体).
    Pass the same wrap_cache for all tables of a document: their texts repeat a lot.
    """
    profile = profile_of(document)
    col_widths = tuple(TABLE_WIDTH * f for f in profile.column_fractions)
    builder = _Builder(col_widths, width, {} if wrap_cache is None else wrap_cache)
    for slots in profile.head_rows:
        builder.add_row("head", [(slot, _head_text(profile, table, slot), table) for slot in slots])
    labels = [replace(slot, align="center", field=None) for slot in profile.indicator_slots]
    builder.add_row("header", [(slot, slot.label, None) for slot in labels])
    rows = list(table.indicator_rows())
    spans1 = _runs([level1 for level1, _, _ in rows])
    spans2 = _runs([(l1, l2) for l1, l2, _ in rows]) if document.merge_level2 else {}
    level1_slot, level2_slot, *indicator_slots = profile.indicator_slots
    for index, (level1, level2, indicator) in enumerate(rows):
        specs: list[tuple[Slot, str, object]] = []
        if index in spans1:
            specs.append((replace(level1_slot, label="", rowspan=spans1[index]), level1, indicator))
        if not document.merge_level2 or index in spans2:
            rowspan = spans2[index] if document.merge_level2 else 1
            specs.append((replace(level2_slot, label="", rowspan=rowspan), level2, indicator))
        specs += [
            (replace(slot, label=""), indicator_text(profile, indicator, slot), indicator)
            for slot in indicator_slots
        ]
        builder.add_row("indicator", specs)
    builder.fit_spanning_cells()
    title = profile.title_of(number, table, document)
    title_lines = [
        line for part in title.split("\n") for line in wrap(part, TABLE_WIDTH, title_width)
    ]
    return TableGrid(
        number=number,
        title=title,
        title_lines=title_lines,
        short_title_lines=shorten(title_lines, PAGE_TITLE_LINES, TABLE_WIDTH, title_width),
        agency=agency_line(document),
        unit=profile.unit.format(unit=table.money_unit),
        col_widths=col_widths,
        rows=builder.rows,
        header_row=profile.header_row,
        thousands=profile.thousands,
    )


def shorten(lines: list[str], count: int, limit: float, width: Width) -> list[str]:
    """The first count lines, the last one ending in "…" when lines were left out."""
    if len(lines) <= count:
        return lines
    last = lines[count - 1]
    while last and width(last + ELLIPSIS) > limit:
        last = last[:-1]
    return [*lines[: count - 1], last + ELLIPSIS]


def label_text(slot: Slot, money_unit: str) -> str:
    """A slot's printed label, the table's money unit put in (项目资金（万元）)."""
    return slot.label.replace("{unit}", money_unit)


def field_text(profile: LayoutProfile, table: GoalTable, name: str) -> str:
    """A header field as the layout prints it (money with two places, maybe 1,234.00)."""
    value = getattr(table, name)
    if name not in MONEY_FIELDS:
        return str(value)
    if profile.thousands and value is not None:
        return f"{value:,.2f}"
    return format_money(value)


def _head_text(profile: LayoutProfile, table: GoalTable, slot: Slot) -> str:
    if slot.field is None:
        return label_text(slot, table.money_unit)
    return field_text(profile, table, slot.field)


def indicator_text(profile: LayoutProfile, indicator: Indicator, slot: Slot) -> str:
    """The text of an indicator's own cell: its field after "indicator.", 指标值 styled."""
    assert slot.field is not None
    name = slot.field.removeprefix("indicator.")
    if name == "display":
        return profile.display(indicator.comparator, indicator.value, indicator.unit)
    return str(getattr(indicator, name))


def _runs(keys: list[object]) -> dict[int, int]:
    """Start index -> length of each run of equal consecutive keys."""
    runs: dict[int, int] = {}
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            runs[start] = i - start
            start = i
    return runs


class _Builder:
    def __init__(
        self,
        col_widths: tuple[float, ...],
        width: Width,
        cache: dict[tuple[str, float], list[str]],
    ) -> None:
        self.col_widths = col_widths
        self.width = width
        self.rows: list[Row] = []
        self._cache = cache

    def lines(self, text: str, span_width: float) -> list[str]:
        key = (text, span_width)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = wrap(text, span_width - 2 * PAD_X, self.width)
        return found

    def add_row(self, kind: RowKind, specs: list[tuple[Slot, str, object]]) -> None:
        """Add a row of (slot, text, source); a slot with a label prints the label."""
        row_index = len(self.rows)
        row = Row(kind, MIN_ROW_HEIGHT)
        for slot, text, source in specs:
            span = sum(self.col_widths[slot.col : slot.col + slot.colspan])
            lines = self.lines(text, span)
            size = None
            if len(lines) > 1 and not slot.label:
                size = number_size(text, span, self.width, slot.field in MONEY_FIELDS)
                if size is not None:
                    lines = [text]
            cell = Cell(
                row_index,
                slot.col,
                slot.rowspan,
                slot.colspan,
                text,
                lines,
                slot.align,
                bool(slot.label),
                slot.field,
                source,
                size,
            )
            row.cells.append(cell)
            if cell.rowspan == 1:
                row.height = max(row.height, cell_height(cell))
        self.rows.append(row)

    def fit_spanning_cells(self) -> None:
        """Grow the last row under a merged cell until the merged cell's lines fit."""
        for row in self.rows:
            for cell in row.cells:
                if cell.rowspan > 1:
                    covered = self.rows[cell.row : cell.row + cell.rowspan]
                    needed = cell_height(cell)
                    if needed > PAGE_BREAK_EVERY:  # each page it reaches costs a line or so
                        needed += math.ceil(needed / PAGE_BREAK_EVERY) * (2 * PAD_Y + LEADING)
                    missing = needed - sum(r.height for r in covered)
                    if missing > 0:
                        covered[-1].height += missing


def number_size(text: str, span_width: float, width: Width, money: bool) -> float | None:
    """The font size at which a number too wide for its cell fits on one line.

    In half points, at most BODY_SIZE; None when text is not one number or would need
    less than NUMBER_FLOOR (MONEY_MIN_SIZE for an amount): it is then wrapped.
    """
    if _NUMBER_RE.fullmatch(text) is None:
        return None
    measured = width(text)
    room = span_width - 2 * PAD_X
    if measured <= room:
        return BODY_SIZE
    size = min(BODY_SIZE, math.floor(2 * BODY_SIZE * room / measured) / 2)
    return size if size >= (MONEY_MIN_SIZE if money else NUMBER_FLOOR) else None


def cell_height(cell: Cell) -> float:
    """Height a cell needs for its lines."""
    return max(MIN_ROW_HEIGHT, len(cell.lines) * LEADING + 2 * PAD_Y)


# --- pagination ---------------------------------------------------------------------------


@dataclass(slots=True)
class PlacedCell:
    """A cell placed on a page: box (top-left origin, points) and the lines shown in it."""

    x: float
    y: float
    width: float
    height: float
    lines: list[str]
    align: Align
    cell: Cell | None = None  # the grid cell shown here (its field and source): the page view
    size: float = BODY_SIZE  # the font size of its lines


@dataclass(slots=True)
class Page:
    """One printed page of a table (or of the 目录)."""

    table_number: int = 0
    title: str = ""
    title_lines: list[str] = field(default_factory=list)
    agency: str = ""
    unit: str = ""
    agency_y: float = 0.0  # baseline of the agency line, from the top
    cells: list[PlacedCell] = field(default_factory=list)
    title_only: bool = False  # a page of a title too long to share a page with its table


def _title_pages(grid: TableGrid) -> tuple[list[Page], list[str]]:
    """Pages holding only the title, when it is too long for a table page, and its last part.

    Ends in the lines that top the table's first page (at most PAGE_TITLE_LINES).
    """
    lines = grid.title_lines
    if len(lines) <= PAGE_TITLE_LINES:
        return [], lines
    per_page = int((PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM) // TITLE_LEADING) - 1
    alone, last = lines[:-PAGE_TITLE_LINES], lines[-PAGE_TITLE_LINES:]
    pages = [
        Page(grid.number, grid.title, alone[start : start + per_page], title_only=True)
        for start in range(0, len(alone), per_page)
    ]
    return pages, last


def paginate(grid: TableGrid) -> list[Page]:
    """Split a table grid into A4 pages; the header row and merged 一级 labels repeat.

    Terminates for any text: a title longer than PAGE_TITLE_LINES gets pages of its own,
    and a row taller than a page is cut into parts that each fill a page.
    """
    title_pages, first_title = _title_pages(grid)
    later_title = grid.short_title_lines

    def agency_y(lines: list[str]) -> float:
        return MARGIN_TOP + len(lines) * TITLE_LEADING + TITLE_GAP + BODY_SIZE

    def new_page(lines: list[str]) -> Page:
        return Page(grid.number, grid.title, lines, grid.agency, grid.unit, agency_y(lines))

    top = agency_y(first_title) + AGENCY_HEIGHT - BODY_SIZE
    later_top = agency_y(later_title) + AGENCY_HEIGHT - BODY_SIZE
    bottom = PAGE_HEIGHT - MARGIN_BOTTOM
    pages = [*title_pages, new_page(first_title)]
    # (page index, y, row, grid row index or -1 for a repeated header)
    placed: list[tuple[int, float, Row, int]] = []
    queue: deque[tuple[int, Row]] = deque(enumerate(grid.rows))
    y, fresh = top, True
    capacity = bottom - max(top, later_top) - grid.rows[grid.header_row].height
    while queue:
        row_index, row = queue.popleft()
        never_fits = row.height > capacity
        needed = row.height
        if row.kind == "header" and queue:  # keep the header row with the first indicator
            following = queue[0][1].height
            needed += following if following <= capacity else 3 * MIN_ROW_HEIGHT
        if y + needed > bottom and not fresh and not (never_fits and bottom - y > 60):
            pages.append(new_page(later_title))
            y = later_top
            if row.kind == "indicator":
                header = grid.rows[grid.header_row]
                placed.append((len(pages) - 1, y, header, -1))
                y += header.height
            fresh = True
        if y + row.height > bottom:  # taller than what a page has left: split it
            row, rest = _split_row(row, bottom - y)
            queue.appendleft((row_index, rest))
        placed.append((len(pages) - 1, y, row, row_index))
        y += row.height
        fresh = False
    for page_index, top_y, row, _ in placed:
        for cell in row.cells:
            if cell.rowspan == 1:
                pages[page_index].cells.append(_place(grid, cell, top_y, row.height))
    for row in grid.rows:
        for cell in row.cells:
            if cell.rowspan > 1:
                _place_spanning(grid, cell, placed, pages)
    for page in pages:  # reading order: row by row, left to right
        page.cells.sort(key=lambda c: (round(c.y, 3), c.x))
    return pages


def _place(grid: TableGrid, cell: Cell, y: float, height: float) -> PlacedCell:
    lines = cell.lines[: _line_room(height)]
    return PlacedCell(
        MARGIN_LEFT + grid.col_x(cell.col),
        y,
        grid.span_width(cell),
        height,
        lines,
        cell.align,
        cell,
        cell.size or BODY_SIZE,
    )


def _place_spanning(
    grid: TableGrid, cell: Cell, placed: list[tuple[int, float, Row, int]], pages: list[Page]
) -> None:
    """A merged cell covers its rows on each page they reach.

    Its label is repeated on every part when it fits in each; a longer text continues
    from part to part.
    """
    segments: dict[int, list[float]] = {}
    for page_index, y, row, row_index in placed:
        if cell.row <= row_index < cell.row + cell.rowspan:
            segment = segments.setdefault(page_index, [y, 0.0])
            segment[1] += row.height
    room = [_line_room(height) for _y, height in segments.values()]
    repeat = all(len(cell.lines) <= lines for lines in room)
    start = 0
    for (page_index, (y, height)), lines in zip(segments.items(), room, strict=True):
        part = cell if repeat else replace(cell, lines=cell.lines[start : start + lines])
        start += lines
        pages[page_index].cells.append(_place(grid, part, y, height))


def _line_room(height: float) -> int:
    """How many lines a cell of this height shows."""
    return max(0, int((height - 2 * PAD_Y + 0.01) // LEADING))


def _split_row(row: Row, available: float) -> tuple[Row, Row]:
    """Cut a row so that its first part fills the available height.

    The rest keeps the lines that did not fit and the height not yet used (a row grown
    for a merged cell's text), so that a merged cell still gets all its height.
    """
    fit = max(1, int((available - 2 * PAD_Y) // LEADING))
    first = Row(row.kind, available)
    rest = Row(row.kind, max(MIN_ROW_HEIGHT, row.height - available))
    for cell in row.cells:
        if cell.rowspan > 1:
            first.cells.append(cell)  # merged cells are placed by row range, not here
            continue
        parts = (cell.lines[:fit], cell.lines[fit:])
        for target, lines in zip((first, rest), parts, strict=True):
            target.cells.append(replace(cell, rowspan=1, lines=lines))
        rest.height = max(rest.height, cell_height(rest.cells[-1]))
    return first, rest
