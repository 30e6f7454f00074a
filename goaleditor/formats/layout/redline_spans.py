"""Merged 一级/二级 cells of a Word redline cut after the inserted or deleted rows that lead them.

A merged cell's text lives in its first row. When that row is a tracked deletion (or
insertion), accepting (or rejecting) it cannot remove the row cleanly: LibreOffice 7.4 keeps
it, emptied, under the merged cell. So the leading rows of one mark get a merged cell of
their own (the group's name marked with them) and the rest a new one (its name kept), which
repeats the name until the change is decided. The PDF redline, with nothing to decide,
spans the whole group.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from goaleditor.formats.layout.grid import Cell, TableGrid
from goaleditor.formats.layout.redline_rows import Whole


def split_marked_spans(grid: TableGrid, mark_of_row: Callable[[int], Whole]) -> None:
    """Cut every merged cell whose first row is marked after that row's run of its mark."""
    for row in grid.rows:
        for cell in list(row.cells):
            _split(grid, cell, mark_of_row)


def _split(grid: TableGrid, cell: Cell, mark_of_row: Callable[[int], Whole]) -> None:
    while cell.rowspan > 1:
        mark = mark_of_row(cell.row)
        if not mark:
            return
        lead = 1
        while lead < cell.rowspan and mark_of_row(cell.row + lead) == mark:
            lead += 1
        if lead == cell.rowspan:
            return
        rest_row = cell.row + lead
        sources = [
            c.source
            for c in grid.rows[rest_row].cells
            if c.field and c.field.startswith("indicator.")
        ]
        rest = replace(
            cell,
            row=rest_row,
            rowspan=cell.rowspan - lead,
            source=sources[0] if sources else cell.source,
        )
        cell.rowspan = lead
        grid.rows[rest_row].cells.append(rest)
        cell = rest
