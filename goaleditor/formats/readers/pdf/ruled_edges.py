"""pdfplumber's table edges ("lines" strategy, default settings) made without its dict copies.

pdfplumber.table.TableFinder.get_edges takes the page's lines, rects and curves as edges,
keeps those at least 1 pt long, snaps the edges within 3 pt of one another to their mean,
joins the edges of one line within 3 pt of one another, and keeps those at least 3 pt long,
copying each edge's dict at every step. Here each edge is a small list changed in place,
by the same arithmetic in the same order, so the same edges come out in the same order.
"""

from __future__ import annotations

import itertools
import operator
from typing import Any

Obj = dict[str, Any]
Edge = list[Any]  # x0, x1, top, bottom, width, height, orientation ("v", "h" or None)
X0, X1, TOP, BOTTOM, WIDTH, HEIGHT, ORIENTATION = range(7)

SNAP = 3  # pdfplumber's default snap_tolerance
JOIN = 3  # its default join_tolerance
MIN_LENGTH = 3  # its default edge_min_length
MIN_LENGTH_BEFORE = 1  # its default edge_min_length_prefilter


def table_edges(objects: dict[str, list[Obj]]) -> list[Obj]:
    """The edges pdfplumber's table finder finds tables from, as dicts of x0, x1, top,
    bottom and orientation."""
    edges = _page_edges(objects)
    vertical = [e for e in edges if e[ORIENTATION] == "v" and e[HEIGHT] >= MIN_LENGTH_BEFORE]
    horizontal = [e for e in edges if e[ORIENTATION] == "h" and e[WIDTH] >= MIN_LENGTH_BEFORE]
    snapped = _snapped(vertical, X0) + _snapped(horizontal, TOP)
    snapped.sort(key=_group)
    joined: list[Edge] = []
    for (orientation, _), group in itertools.groupby(snapped, key=_group):
        joined += _joined(list(group), orientation)
    return [
        {
            "x0": e[X0],
            "x1": e[X1],
            "top": e[TOP],
            "bottom": e[BOTTOM],
            "orientation": e[ORIENTATION],
        }
        for e in joined
        if (e[HEIGHT] if e[ORIENTATION] == "v" else e[WIDTH]) >= MIN_LENGTH
    ]


def _page_edges(objects: dict[str, list[Obj]]) -> list[Edge]:
    """pdfplumber's page.edges: each line, then each rect's four sides, then each curve's
    segments."""
    edges: list[Edge] = []
    for line in objects.get("line", []):
        orientation = "h" if line["top"] == line["bottom"] else "v"
        edges.append(
            [
                line["x0"],
                line["x1"],
                line["top"],
                line["bottom"],
                line["width"],
                line["height"],
                orientation,
            ]
        )
    for rect in objects.get("rect", []):
        x0, x1, top, bottom = rect["x0"], rect["x1"], rect["top"], rect["bottom"]
        width, height = rect["width"], rect["height"]
        edges.append([x0, x1, top, top, width, 0, "h"])
        edges.append([x0, x1, top + height, bottom, width, 0, "h"])
        edges.append([x0, x0, top, bottom, 0, height, "v"])
        edges.append([x1, x1, top, bottom, 0, height, "v"])
    for curve in objects.get("curve", []):
        points = curve["pts"]
        for (ax, ay), (bx, by) in itertools.pairwise(points):
            along = "v" if ax == bx else ("h" if ay == by else None)
            edges.append(
                [
                    min(ax, bx),
                    max(ax, bx),
                    min(ay, by),
                    max(ay, by),
                    abs(ax - bx),
                    abs(ay - by),
                    along,
                ]
            )
    return edges


def _snapped(edges: list[Edge], key: int) -> list[Edge]:
    """pdfplumber's snap_objects: the edges clustered by key (values each within SNAP of
    the next), each cluster moved to its mean, clusters in order."""
    cluster_of: dict[float, int] = {}
    last = None
    for value in sorted({e[key] for e in edges}):
        cluster_of[value] = 0 if last is None else cluster_of[last] + (value > last + SNAP)
        last = value
    ordered = sorted(edges, key=lambda e: cluster_of[e[key]])
    clusters: list[list[Edge]] = []
    for edge in ordered:
        if clusters and cluster_of[clusters[-1][0][key]] == cluster_of[edge[key]]:
            clusters[-1].append(edge)
        else:
            clusters.append([edge])
    low, high = (X0, X1) if key == X0 else (TOP, BOTTOM)
    for cluster in clusters:  # moved once all are found: a moved edge is in no other cluster
        mean = sum(e[key] for e in cluster) / len(cluster)
        for edge in cluster:
            shift = mean - edge[key]
            edge[low] = edge[low] + shift
            edge[high] = edge[high] + shift
    return ordered


def _group(edge: Edge) -> tuple[str, float]:
    return ("h", edge[TOP]) if edge[ORIENTATION] == "h" else ("v", edge[X0])


def _joined(edges: list[Edge], orientation: str) -> list[Edge]:
    """pdfplumber's join_edge_group: edges of one line, each starting within JOIN of the
    last one's end, made one."""
    start, end = (X0, X1) if orientation == "h" else (TOP, BOTTOM)
    edges.sort(key=operator.itemgetter(start))
    joined = [edges[0]]
    for edge in edges[1:]:
        last = joined[-1]
        if edge[start] <= last[end] + JOIN:
            if edge[end] > last[end]:
                grown = list(last)
                if orientation == "h":
                    grown[WIDTH] = edge[end] - last[X0]
                else:
                    grown[HEIGHT] = last[HEIGHT] + (edge[end] - last[end])
                grown[end] = edge[end]
                joined[-1] = grown
        else:
            joined.append(edge)
    return joined
