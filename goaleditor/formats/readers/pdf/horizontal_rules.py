"""A PDF table ruled with horizontal lines only (a "three-line" export): columns from the text.

The rows are the bands between the rules; a rule missing over a column joins the cell to the
one above (a merged cell). The indicator columns come from the header row's labels
(一级指标 … 指标值): each boundary lies in the one gap that no text of the header and
indicator rows crosses between two labels. Where there is no such gap the table is refused:
a guessed column would shift the whole table.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from goaleditor.errors import InputError
from goaleditor.formats.notes import ImportNote, Warn
from goaleditor.formats.readers.pdf.ruled_cells import NO_ROOM, Span, cell_text, group_lines

Char = dict[str, Any]
SAME_RULE = 2.0  # points; rule segments this close in height are one rule
MIN_SEGMENT = 3.0  # points; a shorter horizontal edge is no rule
GAP_EM = 0.8  # a gap this wide (in ems) between texts on a line parts two cells
CELL_GAP_EM = 0.3  # two cells' texts are at least their padding apart (glyphs of a word touch)
COVERED = 0.8  # a rule over this share of a column's width closes the cell above

_LEVEL1 = "一级指标"
_NAME_RE = re.compile("三级指标|指标名称")
_VALUE_RE = re.compile("指标值|目标值")


def refusal(page: int) -> str:
    """The line that refuses a table whose columns cannot be told apart."""
    return (
        f"第{page}页：表格没有竖线，无法分清各列；请导入原来的Word或Excel文件，"
        "或给表格加上框线后重新生成PDF"
    )


class Carry:
    """The columns of the last rule-only table read, for its rows on the next page."""

    def __init__(self) -> None:
        self.page = 0
        self.extent = (0.0, 0.0)
        self.columns: list[tuple[float, float]] = []
        self.body: list[float] = []  # the boundaries no indicator text may cross


def rule_tables(
    page: Any, chars: list[Char], number: int, warn: Warn, carry: Carry
) -> list[tuple[list[list[Span]], tuple[float, float, float, float]]]:
    """The goal tables of a page with horizontal rules and no vertical ones: each table's
    rows of cells and its box. A table whose columns cannot be found raises InputError."""
    rules = _rules(page.horizontal_edges)
    if len(rules) < 2:
        return []
    left = min(x0 for _, segments in rules for x0, _ in segments)
    right = max(x1 for _, segments in rules for _, x1 in segments)
    ys = [y for y, _ in rules]
    bands: list[list[Char]] = [[] for _ in range(len(ys) - 1)]
    for char in chars:
        cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        if left <= cx <= right and ys[0] < cy < ys[-1]:
            bands[sum(y < cy for y in ys) - 1].append(char)
    named = ["项目名称" in "".join(c["text"] for c in b if c["text"].strip()) for b in bands]

    def last(first: int) -> int:
        """The table's last band: before an empty band or the lines above the next table."""
        end = first
        while end + 1 < len(bands) and bands[end + 1] and not named[end + 1]:
            if end + 2 < len(bands) and named[end + 2]:
                break
            end += 1
        return end

    found = []
    taken = -1  # the last band of the table before
    continued = (
        carry.page == number - 1
        and abs(carry.extent[0] - left) < SAME_RULE
        and abs(carry.extent[1] - right) < SAME_RULE
    )
    for h, band in enumerate(bands):
        if h <= taken:
            continue
        if _is_header(band, left, right):
            top = next((b for b in range(h, taken, -1) if named[b]), h)
            end = taken = last(h)
            found_columns = _columns(
                bands[top:h], bands[h : end + 1], rules[top : end + 2], left, right
            )
            if found_columns is None:
                raise InputError(refusal(number))
            carry.columns, carry.body = found_columns
            if _rows_joined(band, bands[h + 1 : end + 1], carry.columns, left, right):
                raise InputError(
                    f"第{number}页：表格的行之间没有横线，无法分清各行；"
                    "请导入原来的Word或Excel文件，或给表格加上框线后重新生成PDF"
                )
        elif h == 0 and continued and band and not named[0]:  # the table goes on here
            top, end = 0, last(0)
            taken = end
            covered = [(c["x0"], c["x1"]) for b in bands[: end + 1] for c in b]
            if any(a + 0.5 < x < b - 0.5 for x in carry.body for a, b in covered):
                raise InputError(refusal(number))
        else:
            continue
        warn(ImportNote("表格没有竖线，已按文字的位置分列，请核对各列", f"第{number}页"))
        rows = _spans(bands[top : end + 1], rules[top : end + 2], carry.columns)
        found.append((rows, (left, ys[top], right, ys[end + 1])))
        carry.page, carry.extent = number, (left, right)
    return found


def _rules(edges: list[dict[str, Any]]) -> list[tuple[float, list[tuple[float, float]]]]:
    """Horizontal rules top to bottom: each a height and its segments left to right."""
    rules: list[tuple[float, list[tuple[float, float]]]] = []
    for edge in sorted(edges, key=lambda e: e["top"]):
        if edge["x1"] - edge["x0"] < MIN_SEGMENT:
            continue
        if rules and edge["top"] - rules[-1][0] < SAME_RULE:
            rules[-1][1].append((edge["x0"], edge["x1"]))
        else:
            rules.append((edge["top"], [(edge["x0"], edge["x1"])]))
    return [(y, sorted(segments)) for y, segments in rules]


def _runs(chars: list[Char]) -> list[tuple[float, float]]:
    """The x-extents of a band's texts: on each line, chars parted by a wide gap."""
    runs = []
    for line in group_lines(chars):
        start, end = line[0]["x0"], line[0]["x1"]
        for char in line[1:]:
            if char["x0"] - end >= GAP_EM * char["size"]:
                runs.append((start, end))
                start = char["x0"]
            end = max(end, char["x1"])
        runs.append((start, end))
    return runs


def _free(spans: list[tuple[float, float]], left: float, right: float) -> list[tuple[float, float]]:
    """The stretches between left and right that no span covers."""
    gaps, at = [], left
    for x0, x1 in sorted(spans):
        if x0 > at:
            gaps.append((at, x0))
        at = max(at, x1)
    if at < right:
        gaps.append((at, right))
    return gaps


def _ends(rules: list[tuple[float, list[tuple[float, float]]]]) -> list[float]:
    """Where rule segments start or end (cells drawn one by one mark their edges)."""
    return sorted({x for _, segments in rules for segment in segments for x in segment})


def _boundary(gap: tuple[float, float], ends: list[float]) -> float:
    """A column boundary in a gap: a rule segment's end there, or the gap's middle."""
    inside = [x for x in ends if gap[0] <= x <= gap[1]]
    middle = (gap[0] + gap[1]) / 2
    return min(inside, key=lambda x: abs(x - middle)) if inside else middle


def _columns(
    head: list[list[Char]],
    body: list[list[Char]],
    rules: list[tuple[float, list[tuple[float, float]]]],
    left: float,
    right: float,
) -> tuple[list[tuple[float, float]], list[float]] | None:
    """The table's columns and the boundaries between its header's labels; None when two
    labels have no clear gap between them."""
    ends = _ends(rules)
    labels = _free_runs(body[0], left, right)
    covered = [(c["x0"], c["x1"]) for band in body for c in band]
    free = _free(covered, left, right)
    bounds: list[float] = []
    for (_, a1), (b0, _) in itertools.pairwise(labels):
        gaps = [g for g in free if g[0] >= a1 - 0.01 and g[1] <= b0 + 0.01 and g[1] > g[0]]
        if not gaps:
            return None
        bounds.append(_boundary(max(gaps, key=lambda g: g[1] - g[0]), ends))
    # The rows above the header (项目名称, 预算数 …) add a boundary before each text that
    # follows another on its line after a wide gap.
    for band in head:
        for line in group_lines(band):
            runs = _runs(line)
            for (_, a1), (b0, _) in itertools.pairwise(runs):
                if all(not a1 <= x <= b0 for x in bounds):
                    bounds.append(_boundary((a1, b0), ends))
    between = list(bounds[: len(labels) - 1])
    edges = [left, *sorted(bounds), right]
    return list(itertools.pairwise(edges)), between


def _labels(band: list[Char], left: float, right: float) -> dict[str, float]:
    """The labels of a band (they may wrap in their cells), each with its middle."""
    labels = {}
    for x0, x1 in _free_runs(band, left, right):
        lines = group_lines([c for c in band if x0 <= (c["x0"] + c["x1"]) / 2 <= x1])
        text = "".join(c["text"] for line in lines for c in line if c["text"].strip())
        labels[text] = (x0 + x1) / 2
    return labels


def _is_header(band: list[Char], left: float, right: float) -> bool:
    """The band is a 一级指标 … 指标值 header row."""
    labels = _labels(band, left, right)
    return (
        _LEVEL1 in labels
        and any(_NAME_RE.fullmatch(t) for t in labels)
        and any(_VALUE_RE.fullmatch(t) for t in labels)
    )


def _rows_joined(
    header: list[Char],
    body: list[list[Char]],
    columns: list[tuple[float, float]],
    left: float,
    right: float,
) -> bool:
    """Whether the indicator rows share one band (a rule above and below them only): more
    than one line of its 指标值 column level with a line of its 三级指标 column."""
    labels = _labels(header, left, right)
    name = next((x for t, x in labels.items() if _NAME_RE.fullmatch(t)), None)
    value = next((x for t, x in labels.items() if _VALUE_RE.fullmatch(t)), None)
    if name is None or value is None or len(body) != 1:
        return False
    n0, n1 = columns[_column(columns, name)]
    v0, v1 = columns[_column(columns, value)]
    lines = group_lines(body[0])
    names = [ln[0]["top"] for ln in lines if any(n0 <= c["x0"] < n1 for c in ln)]
    values = [ln[0]["top"] for ln in lines if any(v0 <= c["x0"] < v1 for c in ln)]
    return sum(any(abs(v - n) < 1.0 for n in names) for v in values) >= 2


def _free_runs(chars: list[Char], left: float, right: float) -> list[tuple[float, float]]:
    """The header's labels: stretches of its text parted by gaps of a label's width share."""
    if not chars:
        return []
    size = max(c["size"] for c in chars)
    gaps = [g for g in _free([(c["x0"], c["x1"]) for c in chars], left, right)]
    wide = [g for g in gaps if g[1] - g[0] >= GAP_EM * size or g[0] == left or g[1] == right]
    edges = [x for g in wide for x in g]
    edges = edges[1:] if edges and edges[0] == left else [left, *edges]
    if edges and edges[-1] == right:
        edges = edges[:-1]
    else:
        edges.append(right)
    return [(edges[i], edges[i + 1]) for i in range(0, len(edges) - 1, 2)]


def _spans(
    bands: list[list[Char]],
    rules: list[tuple[float, list[tuple[float, float]]]],
    columns: list[tuple[float, float]],
) -> list[list[Span]]:
    """Each band's cells in the columns; a column without a rule above it goes on from the
    cell above (its text there). A text goes in the column where it starts."""
    owner: list[list[int]] = []  # per band, per column: the band where its cell starts
    for r in range(len(bands)):
        rule = rules[r][1]
        owner.append(
            [
                r if r == 0 or _ruled(rule, x0, x1) else owner[r - 1][c]
                for c, (x0, x1) in enumerate(columns)
            ]
        )
    cells: dict[tuple[int, int], list[Char]] = {}
    for r, band in enumerate(bands):
        above: list[tuple[float, float, int]] = []  # the line before: its runs and columns
        for line in group_lines(band):
            runs: list[tuple[float, float, int]] = []
            c = 0
            for n, char in enumerate(line):
                gap = char["x0"] - line[n - 1]["x1"] if n else 0.0
                # Text runs on over an edge; after a gap over the edge, the next cell's starts.
                if n == 0 or (
                    gap >= CELL_GAP_EM * char["size"]
                    and line[n - 1]["x1"] <= _edge(columns, char["x0"])
                ):
                    # a wrapped (centred) line goes on in the cell of the text above it
                    c = next(
                        (k for x0, x1, k in above if x0 - 1 <= char["x0"] <= x1 + 1),
                        _column(columns, char["x0"]),
                    )
                    runs.append((char["x0"], char["x1"], c))
                runs[-1] = (runs[-1][0], char["x1"], c)
                cells.setdefault((owner[r][c], c), []).append(char)
            above = runs
    rows: list[list[Span]] = []
    for r in range(len(bands)):
        row: list[Span] = []
        for c, (x0, x1) in enumerate(columns):
            if owner[r][c] != r:
                row.append((x0, x1, None, NO_ROOM))
                continue
            bottom = next(
                (rules[k][0] for k in range(r + 1, len(bands)) if owner[k][c] != r),
                rules[-1][0],
            )
            chars = cells.get((r, c), [])
            end = _column(columns, max((ch["x1"] for ch in chars), default=x0) - 0.5)
            box = (x0, rules[r][0], max(x1, columns[end][1]), bottom)
            text, room = cell_text(chars, box)
            row.append((x0, x1, text or None, room))
        rows.append(row)
    return rows


def _ruled(segments: list[tuple[float, float]], x0: float, x1: float) -> bool:
    shared = sum(max(0.0, min(b, x1) - max(a, x0)) for a, b in segments)
    return shared >= COVERED * (x1 - x0)


def _column(columns: list[tuple[float, float]], x: float) -> int:
    return next((c for c, (_, x1) in enumerate(columns) if x < x1), len(columns) - 1)


def _edge(columns: list[tuple[float, float]], x: float) -> float:
    """The left edge of the column holding x."""
    return columns[_column(columns, x)][0]
