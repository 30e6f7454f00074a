"""Which ruled tables of a PDF go on from the table before them, and the 目录 pages before them."""

from __future__ import annotations

import re
from typing import Any

from goaleditor.formats.notes import ImportNote, Warn
from goaleditor.formats.readers.pdf.ruled_cells import Span, is_header
from goaleditor.formats.readers.tables.text_lines import starts_table

Extent = tuple[float, float]  # a table's left and right edge
# One block of a page: page number, is it a ruled table, its rows, its extent (tables).
Placed = tuple[int, bool, list[list[Any]], Extent | None]

# A table goes on from the one on an earlier page when its width differs by less than this
# (fraction of the width): the same table keeps its columns; its place may move (a page
# turned to landscape centres it elsewhere).
WIDTH_TOLERANCE = 0.04
_PAGE_RE = re.compile(r"^\d{1,4}$")


def continues(
    found: list[tuple[bool, list[list[Any]], Extent | None]],
    extent: Extent | None,
    name_row: list[str] | None = None,
) -> bool:
    """Whether a page's blocks go on with the table of the extent: its first table starts no
    new table (no 项目名称, or the 项目名称 row of the table repeated) and is as wide."""
    first = next(((rows, e) for is_table, rows, e in found if is_table and e), None)
    if first is None or first[1] is None or extent is None:
        return False
    rows = first[0]
    repeated = bool(rows) and name_row is not None and _squeezed(rows[0]) == name_row
    return (repeated or not _starts(rows)) and _same_width(first[1], extent)


def name_row(found: list[tuple[bool, list[list[Any]], Extent | None]]) -> list[str] | None:
    """The texts of the last 项目名称 row among a page's tables, if one."""
    rows = [row for is_table, rows, _ in found if is_table for row in rows]
    return next((_squeezed(row) for row in reversed(rows) if starts_table(_texts(row))), None)


def continued(placed: list[Placed], warn: Warn) -> list[Placed]:
    """The blocks, each table going on from one on an earlier page moved into that table's
    columns; a table as wide as none before it that starts nothing is dropped, said so.

    A table's parts are joined by what they hold, whatever the rows on either side of the
    break: a part atop a page that repeats the table's first rows (Word's repeated header
    rows, the 项目名称 row among them) goes on with it, the repeated rows left out.
    """
    result: list[Placed] = []
    frame: tuple[int, Extent] | None = None  # the page and extent of the table gone on from
    lead: list[list[str]] = []  # the texts of the rows of the table gone on from
    start = 0  # the page the table gone on from starts on
    for page, is_table, rows, extent in placed:
        if not is_table or extent is None:
            result.append((page, is_table, rows, extent))
            continue
        repeats = _repeated(rows, lead) if frame is not None and frame[0] != page else 0
        if frame is None or (not repeats and _starts(rows)):
            if frame is not None and lead and _project(rows) == _project_of(lead):
                said = (
                    f"的表格与第{start}页起的表格项目名称相同，但表头不同，已按两张表读取，请核对"
                )
                warn(ImportNote(said, f"第{page}页", joiner=""))
            frame, start = (page, extent), page
            lead = [_squeezed(row) for row in rows]
            result.append((page, is_table, rows, extent))
            continue
        rows = rows[repeats:]
        if not rows:
            continue  # the repeated rows only, at the foot of a page
        if frame[0] != page:
            if not _same_width(extent, frame[1]):
                warn(ImportNote("表格与前面的表格宽度不同，不是续表，未读取", f"第{page}页"))
                continue
            rows = [[_moved(span, extent, frame[1]) for span in row] for row in rows]
            frame = (page, frame[1])
        lead += [_squeezed(row) for row in rows]
        result.append((page, is_table, rows, extent))
    return result


def _repeated(rows: list[list[Span]], lead: list[list[str]]) -> int:
    """How many of the part's first rows repeat the table's first rows, from its 项目名称 row
    (0: the part starts no repeat)."""
    if not rows or not starts_table(_texts(rows[0])):
        return 0
    count = 0
    while count < min(len(rows), len(lead)) and _squeezed(rows[count]) == lead[count]:
        count += 1
    after = _squeezed(rows[count]) if count < len(rows) else []
    if after and after[0] in _head_labels(lead):
        return 0  # the head goes on with other values: another table of the same name
    return count


def _head_labels(rows: list[list[str]]) -> set[str]:
    """The first texts of the head's rows (those above the 一级指标 header row)."""
    labels: set[str] = set()
    for row in rows:
        if "一级指标" in row:
            break
        labels.update(row[:1])
    return labels


def _squeezed(row: list[Any]) -> list[str]:
    return [re.sub(r"\s+", "", str(v)) for v in _texts(row) if v]


def _project(rows: list[list[Span]]) -> str:
    return _project_of([_squeezed(row) for row in rows])


def _project_of(rows: list[list[str]]) -> str:
    """The project name beside the 项目名称 label of the first row holding it."""
    for row in rows:
        if "项目名称" in row:
            return "".join(row[row.index("项目名称") + 1 :])
    return ""


def leading_pages(placed: list[Placed], warn: Warn) -> tuple[list[str], list[Placed]]:
    """Lines of the tables before the first goal table (a 目录 printed as a table, a cover
    sheet), as text for the document title, and the blocks from the goal tables on.

    A goal table is a run of tables, the first starting with 项目名称, holding a 一级指标
    header row. A table before it that does not list pages (a 目录) is reported unread.
    """
    start = None  # index of the block starting the current run of tables
    goal = None
    for index, (_, is_table, rows, _) in enumerate(placed):
        if not is_table:
            continue
        if start is None or _starts(rows):
            start = index
        if any(is_header(_texts(row)) for row in rows):
            goal = start
            break
    before = [i for i in range(goal or 0) if placed[i][1]]
    if not before:
        return [], placed
    cut = before[-1] + 1
    lines: list[str] = []
    for page, is_table, rows, _ in placed[:cut]:
        values = [[v for v in (_texts(row) if is_table else row) if v] for row in rows]
        if is_table and not _is_toc(values):
            warn(ImportNote("表格不是绩效目标表，未读取", f"第{page}页"))
        lines += [" ".join(str(v) for v in row) for row in values if len(row) == 1 or not is_table]
    return lines, placed[cut:]


def _is_toc(rows: list[list[Any]]) -> bool:
    """A 目录: a cell 目录, or at least two entries ending in page numbers, in page order."""
    texts = [[re.sub(r"\s+", "", str(v)) for v in row] for row in rows]
    if any("目录" in row for row in texts):
        return True
    pages = [int(row[-1]) for row in texts if len(row) >= 2 and _PAGE_RE.match(row[-1])]
    return len(pages) >= 2 and pages == sorted(pages)


def _starts(rows: list[list[Span]]) -> bool:
    return any(starts_table(_texts(row)) for row in rows)


def _texts(row: list[Any]) -> list[Any]:
    return [span[2] if isinstance(span, tuple) else span for span in row]


def _same_width(a: Extent, b: Extent) -> bool:
    wa, wb = a[1] - a[0], b[1] - b[0]
    return abs(wa - wb) <= WIDTH_TOLERANCE * max(wa, wb, 1.0)


def _moved(span: Span, extent: Extent, frame: Extent) -> Span:
    """A cell's edges moved (and stretched) from its table's extent to the frame's."""
    scale = (frame[1] - frame[0]) / max(extent[1] - extent[0], 1.0)
    x0, x1, text, room = span
    return (frame[0] + (x0 - extent[0]) * scale, frame[0] + (x1 - extent[0]) * scale, text, room)
