"""A redline as the writers read it: each table's grid with how every row and cell is marked.

The grid is the official one (build_grid) of the table redline_rows lays out: the new table
with the old rows put back where they stood. A row is inserted, deleted or kept; a cell is
marked with its rows (a merged 一级/二级 cell only when every row it spans is), and a kept
cell whose printed text changed knows its old text. The title, agency and unit lines above
a table are marked the same way. The Word and the PDF redline both draw this description.
"""

from __future__ import annotations

from dataclasses import dataclass

from goaleditor.compare import Comparison
from goaleditor.formats.layout.grid import Cell, TableGrid, cell_height
from goaleditor.formats.layout.line_breaking import Width, clean_text
from goaleditor.formats.layout.official import (
    GridBuilder,
    agency_line,
    build_grid,
    field_text,
    table_title,
)
from goaleditor.formats.layout.redline_rows import RedlineTable, Whole, redline_tables
from goaleditor.formats.layout.redline_spans import split_marked_spans
from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.model.layouts import LayoutProfile, profile_of


@dataclass(frozen=True, slots=True)
class MarkedText:
    """A line above a table: its text now, its old text (None: not compared) and its mark."""

    text: str
    old: str | None = None
    mark: Whole = ""

    @property
    def changed(self) -> bool:
        """Whether a kept line's text differs from the old one."""
        return not self.mark and self.old is not None and self.old != self.text


@dataclass(slots=True)
class RedlineGrid:
    """One table of a redline: its grid, its rows' marks and what its cells printed before."""

    item: RedlineTable
    grid: TableGrid
    profile: LayoutProfile  # the new document's (a matched table's old fields print in it)
    title: MarkedText
    agency: MarkedText
    unit: MarkedText
    row_marks: list[Whole]

    def cell_mark(self, cell: Cell) -> Whole:
        """How a cell's text is marked: a merged cell's only when every row it spans is (a
        一级 name over a deleted row and kept ones stays when the deletion is accepted)."""
        spanned = self.row_marks[cell.row : cell.row + cell.rowspan]
        mark = spanned[0]
        return mark if all(other == mark for other in spanned) else ""

    def old_text(self, cell: Cell) -> str | None:
        """What a kept cell printed in the old document when that differs from its text now
        (None: unchanged, marked as a whole, or nothing to compare with)."""
        if self.cell_mark(cell):
            return None
        before = self._old_text(cell)
        return before if before is not None and before != clean_text(cell.text) else None

    def _old_text(self, cell: Cell) -> str | None:
        if cell.label or cell.field is None or cell.computed:  # a score follows what it scores
            return None
        if isinstance(cell.source, GoalTable):
            old_table = self.item.old_table
            if old_table is None or not hasattr(old_table, cell.field):
                return None
            return clean_text(field_text(self.profile, old_table, cell.field))
        if cell.field in ("level1", "level2"):
            names = self._old_group_names(cell)
            return None if names is None else names[0 if cell.field == "level1" else 1]
        before = self.item.old_of.get(id(cell.source))
        if before is None:
            return None
        return clean_text(_indicator_text(self.profile, before, cell.field))

    def _old_group_names(self, cell: Cell) -> tuple[str, str] | None:
        """The old 一级 and 二级 names of a group cell's first kept row (a merged cell may
        start on an inserted or deleted row)."""
        for index in range(cell.row, cell.row + cell.rowspan):
            if self.row_marks[index]:
                continue
            source = row_source(self.grid, index)
            if source is not None:
                return self.item.old_groups.get(id(source))
        return None


def redline_grids(
    old: Document,
    new: Document,
    comparison: Comparison,
    width: Width,
    title_width: Width,
    cut_marked_heads: bool = False,
) -> list[RedlineGrid]:
    """Every table of the redline of old → new in print order, laid out and marked.

    A merged 一级/二级 cell spans the inserted and deleted rows of its group; with
    cut_marked_heads, one led by marked rows is cut after them (redline_spans: for tracked
    changes, where the row holding a merged cell's text may be removed).
    """
    cache: dict[tuple[str, float], list[str]] = {}
    profile, old_profile = profile_of(new), profile_of(old)
    result = []
    for item in redline_tables(old, new, comparison):
        source = old if item.whole == "del" else new
        grid = build_grid(source, item.table, item.number, width, title_width, cache)
        agency = grid.agency.replace("\n", " ")
        if item.whole or item.old_table is None:
            title = MarkedText(grid.title, mark=item.whole)
            agency_text = MarkedText(agency, mark=item.whole)
            unit = MarkedText(grid.unit, mark=item.whole)
        else:
            old_title = table_title(item.old_number, item.old_table, old)
            title = MarkedText(grid.title, old_title)
            agency_text = MarkedText(agency, agency_line(old).replace("\n", " "))
            unit = MarkedText(grid.unit, old_profile.unit.format(unit=item.old_table.money_unit))
        marks = [_row_mark(grid, item, index) for index in range(len(grid.rows))]
        if cut_marked_heads:
            split_marked_spans(grid, marks.__getitem__)
        redline = RedlineGrid(item, grid, profile, title, agency_text, unit, marks)
        _deleted_group_names(redline, width)
        result.append(redline)
    return result


def _deleted_group_names(redline: RedlineGrid, width: Width) -> None:
    """A deleted row's 一级/二级 cell prints the name its group had in the old document
    (the new one where the group was renamed)."""
    grid, builder = redline.grid, None
    for row in grid.rows:
        for cell in row.cells:
            if cell.field not in ("level1", "level2") or redline.cell_mark(cell) != "del":
                continue
            names = redline.item.old_groups.get(id(row_source(grid, cell.row)))
            name = None if names is None else names[0 if cell.field == "level1" else 1]
            if name is None or name == cell.text:
                continue
            builder = builder or GridBuilder(grid.col_widths, width, {})
            cell.text, cell.lines = name, builder.lines(name, grid.span_width(cell))
            if cell.rowspan == 1:
                row.height = max(row.height, cell_height(cell))
    if builder is not None:
        builder.rows = grid.rows
        builder.fit_spanning_cells()


def row_source(grid: TableGrid, index: int) -> object | None:
    """The indicator an indicator row shows (None for a head or header row)."""
    row = grid.rows[index]
    if row.kind != "indicator":
        return None
    sources = [c.source for c in row.cells if c.field and c.field.startswith("indicator.")]
    return sources[0] if sources else None


def _row_mark(grid: TableGrid, item: RedlineTable, index: int) -> Whole:
    """How a grid row is marked: inserted, deleted, or kept ("")."""
    if item.whole:
        return item.whole
    source = row_source(grid, index)
    return "" if source is None else item.mark_of(source)


def _indicator_text(profile: LayoutProfile, indicator: Indicator, slot_field: str) -> str:
    """An indicator's cell text as the layout prints it (official.indicator_text's rule)."""
    name = slot_field.removeprefix("indicator.")
    if name == "display":
        return profile.display(indicator.comparator, indicator.value, indicator.unit)
    return str(getattr(indicator, name, ""))
