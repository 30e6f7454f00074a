"""Cutting a table grid into A4 pages: repeated header rows, merged cells across pages,
rows taller than a page split, titles too long for a page on pages of their own."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field, replace

from goaleditor.formats.layout.grid import (
    AGENCY_HEIGHT,
    BODY_SIZE,
    LEADING,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_TOP,
    MIN_ROW_HEIGHT,
    PAD_Y,
    PAGE_HEIGHT,
    PAGE_TITLE_LINES,
    TITLE_GAP,
    TITLE_LEADING,
    Cell,
    Row,
    TableGrid,
    cell_height,
)
from goaleditor.model.layouts import Align

HEADER, REPEATED = -1, -2  # placed rows that are not a grid row's own place


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
    # (page index, y, row, grid row index, or HEADER / REPEATED for a row printed again)
    placed: list[tuple[int, float, Row, int]] = []
    queue: deque[tuple[int, Row]] = deque(enumerate(grid.rows))
    y, fresh = top, True
    repeated_height = sum(row.height for row in grid.rows if row.repeated)
    capacity = bottom - max(top, later_top) - grid.rows[grid.header_row].height - repeated_height
    while queue:
        row_index, row = queue.popleft()
        never_fits = row.height > capacity
        needed = row.height
        if (row.kind == "header" or row.keep_with_next) and queue:  # a header with its first row
            following = queue[0][1].height
            needed += following if following <= capacity else 3 * MIN_ROW_HEIGHT
        if y + needed > bottom and not fresh and not (never_fits and bottom - y > 60):
            pages.append(new_page(later_title))
            y = later_top
            for repeated in grid.rows[:row_index]:  # what ties a page to its table
                if repeated.repeated:
                    placed.append((len(pages) - 1, y, repeated, REPEATED))
                    y += repeated.height
            if row.kind == "indicator":
                header = grid.rows[grid.header_row]
                placed.append((len(pages) - 1, y, header, HEADER))
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
    # Where each grid row went (one entry a page it reaches), for the merged cells over it; a
    # repeated header counts as the header row's (a 自评表's 绩效指标 label covers it too).
    parts: list[list[tuple[int, float, float]]] = [[] for _ in grid.rows]
    for page_index, top_y, row, row_index in placed:
        if row_index == REPEATED:  # holds no merged cell: placed whole above
            continue
        index = grid.header_row if row_index == HEADER else row_index
        parts[index].append((page_index, top_y, row.height))
    for row in grid.rows:
        for cell in row.cells:
            if cell.rowspan > 1:
                _place_spanning(grid, cell, parts, pages)
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
    grid: TableGrid, cell: Cell, parts: list[list[tuple[int, float, float]]], pages: list[Page]
) -> None:
    """A merged cell covers its rows on each page they reach.

    Its label is repeated on every part when it fits in each; a longer text continues
    from part to part. parts holds, for each grid row, (page, y, height) of its parts.
    """
    segments: dict[int, list[float]] = {}
    for row_parts in parts[cell.row : cell.row + cell.rowspan]:
        for page_index, y, height in row_parts:
            segment = segments.setdefault(page_index, [y, 0.0])
            segment[1] += height
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
    rest.keep_with_next = row.keep_with_next
    for cell in row.cells:
        if cell.rowspan > 1:
            first.cells.append(cell)  # merged cells are placed by row range, not here
            continue
        parts = (cell.lines[:fit], cell.lines[fit:])
        for target, lines in zip((first, rest), parts, strict=True):
            target.cells.append(replace(cell, rowspan=1, lines=lines))
        rest.height = max(rest.height, cell_height(rest.cells[-1]))
    return first, rest
