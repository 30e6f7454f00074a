"""Merged 一级/二级 cells of a redline cut where a run of inserted or deleted rows leads them.

A merged cell's text lives in its first row. When that row is inserted or deleted, accepting
or rejecting it would take the name of the group along from the rows that stay; so the
leading rows of one mark get a merged cell of their own (its name marked with them) and the
rest a new one (its name kept), which may repeat the name until the change is decided.
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
