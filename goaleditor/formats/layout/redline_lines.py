"""A redline's lines as a page prints them: each line knows whether it is struck or underlined.

A cell marked as a whole has its lines marked with it; a changed cell shows its old text's
lines (deleted) above its new text's (inserted), each wrapped as the official layout wraps
a cell, and its row grows to hold them (merged cells as build_grid fits them). The title
of a changed table does the same. Pagination then cuts the grid as it cuts any grid: a
MarkedLine is a str, and its mark goes with it onto whatever page it lands.
"""

from __future__ import annotations

from goaleditor.formats.layout.grid import PAGE_TITLE_LINES, TABLE_WIDTH, Cell, cell_height
from goaleditor.formats.layout.line_breaking import Width, clean_text, wrap
from goaleditor.formats.layout.official import GridBuilder, number_size, shorten
from goaleditor.formats.layout.redline import MarkedText, RedlineGrid
from goaleditor.formats.layout.redline_rows import Whole
from goaleditor.model.fields import MONEY_FIELDS


class MarkedLine(str):
    """A printed line and its mark: "del" struck through, "ins" underlined, "" plain."""

    __slots__ = ("mark",)
    mark: Whole

    def __new__(cls, text: str, mark: Whole) -> MarkedLine:
        """A line of this text with this mark."""
        line = super().__new__(cls, text)
        line.mark = mark
        return line


def mark_of(line: str) -> Whole:
    """How a printed line is marked ("" for a plain str)."""
    return line.mark if isinstance(line, MarkedLine) else ""


def mark_lines(redline: RedlineGrid, width: Width, title_width: Width) -> None:
    """Put the marks into the redline's grid: its cells' and its title's lines."""
    grid = redline.grid
    builder = GridBuilder(grid.col_widths, width, {})
    builder.rows = grid.rows
    for row in grid.rows:
        for cell in row.cells:
            mark = redline.cell_mark(cell)
            before = redline.old_text(cell)
            if before is not None:
                _show_change(cell, before, builder, width)
                if cell.rowspan == 1:
                    row.height = max(row.height, cell_height(cell))
            elif mark:
                cell.lines = _marked(cell.lines, mark)
    builder.fit_spanning_cells()
    grid.title_lines = _title_lines(redline.title, grid.title_lines, title_width)
    short = shorten(grid.title_lines, PAGE_TITLE_LINES, TABLE_WIDTH, title_width)
    grid.short_title_lines = [
        MarkedLine(line, mark_of(grid.title_lines[index])) for index, line in enumerate(short)
    ]


def _show_change(cell: Cell, before: str, builder: GridBuilder, width: Width) -> None:
    """A changed cell's lines: the old text's struck, then the new text's underlined."""
    span = builder.col_widths[cell.col : cell.col + cell.colspan]
    old_lines = builder.lines(before, sum(span)) if before else []
    if len(old_lines) > 1:  # a number too wide prints smaller on one line, as build_grid's
        size = number_size(before, sum(span), width, cell.field in MONEY_FIELDS)
        if size is not None:
            old_lines = [before]
            cell.size = min(cell.size or size, size)
    new_lines = cell.lines if clean_text(cell.text) else []
    cell.lines = _marked(old_lines, "del") + _marked(new_lines, "ins")


def _title_lines(title: MarkedText, lines: list[str], title_width: Width) -> list[str]:
    """A table's title lines: marked with its table, or the old title struck above the new."""
    if title.changed:
        assert title.old is not None
        old_lines = [
            line for part in title.old.split("\n") for line in wrap(part, TABLE_WIDTH, title_width)
        ]
        return _marked(old_lines, "del") + _marked(lines, "ins")
    return _marked(lines, title.mark)


def _marked(lines: list[str], mark: Whole) -> list[str]:
    """The lines, each with this mark."""
    return [MarkedLine(line, mark) for line in lines]
