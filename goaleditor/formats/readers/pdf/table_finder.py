"""pdfplumber's table finder ("lines" strategy), its cells found without its quadratic search.

pdfplumber.table.TableFinder finds, for each intersection of rules, the smallest cell whose
corners are joined by rules; it asks whether two intersections share a rule by turning both
intersections' rules into sets for every pair it tries. Here each intersection's rules are
made a set once, and the points below and right of one are looked up by column and row:
the same cells in the same order, so the same tables.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pdfplumber.table import (
    Table,
    TableFinder,
    TableSettings,
    cells_to_tables,
    edges_to_intersections,
)
from pdfplumber.utils.geometry import obj_to_bbox

from goaleditor.formats.readers.pdf.ruled_edges import table_edges

Point = tuple[float, float]
Box = tuple[float, float, float, float]


def find_tables(page: Any, settings: dict[str, Any] | None = None) -> list[Table]:
    """The page's tables, as pdfplumber's page.find_tables(settings) finds them."""
    finder = TableFinder.__new__(TableFinder)
    finder.page = page
    finder.settings = TableSettings.resolve(settings)
    edges = table_edges(page.objects) if settings is None else finder.get_edges()
    intersections = edges_to_intersections(
        edges, finder.settings.intersection_x_tolerance, finder.settings.intersection_y_tolerance
    )
    return [Table(page, group) for group in cells_to_tables(cells(intersections))]


def cells(intersections: dict[Point, dict[str, list[dict[str, Any]]]]) -> list[Box]:
    """pdfplumber.table.intersections_to_cells: for each intersection in order, the first
    cell (by the points below it, then right of it) whose four corners are joined."""
    vertical = {p: {obj_to_bbox(e) for e in found["v"]} for p, found in intersections.items()}
    horizontal = {p: {obj_to_bbox(e) for e in found["h"]} for p, found in intersections.items()}
    points = sorted(intersections)
    below: dict[float, list[Point]] = {}  # by x: the points in order (top to bottom)
    right: dict[float, list[Point]] = {}  # by top: the points in order (left to right)
    for point in points:
        below.setdefault(point[0], []).append(point)
        right.setdefault(point[1], []).append(point)

    def connects(a: Point, b: Point) -> bool:
        """pdfplumber's edge_connects: a rule of both in the column or in the row they share."""
        if a[0] == b[0] and not vertical[a].isdisjoint(vertical[b]):
            return True
        return a[1] == b[1] and not horizontal[a].isdisjoint(horizontal[b])

    found: list[Box] = []
    for point in points:
        column, row = below[point[0]], right[point[1]]
        downs = column[column.index(point) + 1 :]
        acrosses = row[row.index(point) + 1 :]
        cell = _smallest(point, downs, acrosses, intersections, connects)
        if cell is not None:
            found.append(cell)
    return found


def _smallest(
    point: Point,
    downs: list[Point],
    acrosses: list[Point],
    intersections: dict[Point, Any],
    connects: Callable[[Point, Point], bool],
) -> Box | None:
    for down in downs:
        if not connects(point, down):
            continue
        for across in acrosses:
            if not connects(point, across):
                continue
            corner = (across[0], down[1])
            if corner in intersections and connects(corner, across) and connects(corner, down):
                return (point[0], point[1], corner[0], corner[1])
    return None
