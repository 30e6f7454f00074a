"""pdfplumber's table finder ("lines" strategy), its cells found without its quadratic search.

pdfplumber.table.TableFinder finds, for each intersection of rules, the smallest cell whose
corners are joined by rules; it asks whether two intersections share a rule by turning both
intersections' rules into sets for every pair it tries. Here each intersection's rules are
made a set once, and the points below and right of one are looked up by column and row:
the same cells in the same order, so the same tables.
"""

from __future__ import annotations

from typing import Any

from pdfplumber.table import (
    Table,
    TableFinder,
    TableSettings,
    cells_to_tables,
    edges_to_intersections,
)
from pdfplumber.utils.geometry import bbox_getter  # obj_to_bbox's own getter

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
    box = bbox_getter
    vertical = {p: {box(e) for e in found["v"]} for p, found in intersections.items()}
    horizontal = {p: {box(e) for e in found["h"]} for p, found in intersections.items()}
    points = sorted(intersections)
    below: dict[float, list[Point]] = {}  # by x: the points in order (top to bottom)
    right: dict[float, list[Point]] = {}  # by top: the points in order (left to right)
    places: list[tuple[int, int]] = []  # each point's place in its column and in its row
    for point in points:
        column = below.setdefault(point[0], [])
        row = right.setdefault(point[1], [])
        places.append((len(column), len(row)))
        column.append(point)
        row.append(point)

    found: list[Box] = []
    for point, (down_at, across_at) in zip(points, places, strict=True):
        cell = _smallest(
            point,
            below[point[0]][down_at + 1 :],
            right[point[1]][across_at + 1 :],
            vertical,
            horizontal,
        )
        if cell is not None:
            found.append(cell)
    return found


def _smallest(
    point: Point,
    downs: list[Point],
    acrosses: list[Point],
    vertical: dict[Point, set[Box]],
    horizontal: dict[Point, set[Box]],
) -> Box | None:
    """The first cell from point: by the points below it joined to it, then those right of
    it joined to it, whose fourth corner joins both. pdfplumber's edge_connects, for points
    known to share their column (a vertical rule of both) or their row (a horizontal one)."""
    mine_v, mine_h = vertical[point], horizontal[point]
    for down in downs:
        if mine_v.isdisjoint(vertical[down]):
            continue
        down_y, down_rules = down[1], horizontal[down]
        for across in acrosses:
            if mine_h.isdisjoint(horizontal[across]):
                continue
            corner = (across[0], down_y)
            corner_rules = vertical.get(corner)
            if (
                corner_rules is not None
                and not corner_rules.isdisjoint(vertical[across])
                and not horizontal[corner].isdisjoint(down_rules)
            ):
                return (point[0], point[1], corner[0], corner[1])
    return None
