"""A ruled PDF table's rows of cells placed in columns, as a sheet holds them."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from goaleditor.formats.notes import ImportNote, Warn
from goaleditor.formats.readers.pdf.ruled_cells import Span, is_header, overlap
from goaleditor.formats.readers.self_evaluation.labels import is_total
from goaleditor.formats.readers.tables.columns import SUB_HEADER, field_of, is_header_row
from goaleditor.formats.readers.tables.text_lines import starts_table

COLUMN_SNAP = 10.0  # points; cells' edges closer than this are one column


class Header:
    """The indicator header of a table: one row, or two (a group row above it, a row of
    parts below it); its columns split wherever any of its rows has a cell edge."""

    def __init__(
        self, main: list[Span], upper: list[Span] | None, lower: list[Span] | None
    ) -> None:
        band = [row for row in (upper, main, lower) if row is not None]
        lefts = sorted(x0 for x0, _, _, _ in main)
        for x0 in sorted(span[0] for row in band for span in row if span[2] is not None):
            at = bisect.bisect_left(lefts, x0)
            near = [lefts[i] for i in (at - 1, at) if 0 <= i < len(lefts)]
            if all(abs(x0 - x) >= COLUMN_SNAP for x in near):
                lefts.insert(at, x0)
        right = max(x1 for _, x1, _, _ in main)
        self.columns = [(x0, x1) for x0, x1 in zip(lefts, [*lefts[1:], right], strict=True)]
        self.labels: dict[int, str] = {}  # column -> its lowest label
        for row in band:  # top to bottom: the lowest label of a column wins
            for c, text in enumerate(self.place(row)):
                if text:
                    self.labels[c] = "".join(str(text).split())

    def place(self, row: list[Span], say: Callable[[str], None] | None = None) -> list[Any]:
        """A row's texts in the header's columns: a cell over several columns holds its text
        in the first (as a merged cell). say is told of a text in a column without a label,
        and of one over columns of other fields left empty (it may be one of theirs)."""
        values: list[Any] = [None] * len(self.columns)
        spread: list[tuple[str, list[int]]] = []
        for x0, x1, text, _ in row:
            if text is None:
                continue
            covered = [
                h
                for h, (h0, h1) in enumerate(self.columns)
                if overlap(x0, x1, h0, h1) > (h1 - h0) / 2
            ]
            c = (
                covered[0]
                if covered
                else max(range(len(self.columns)), key=lambda h: overlap(x0, x1, *self.columns[h]))
            )
            values[c] = text if values[c] is None else f"{values[c]}{text}"
            if c not in self.labels and say is not None:
                say(f"“{_short(text)}”所在的列没有表头，未读取")
            if 1 < len(covered) < len(self.columns) and not is_total(text):  # 总分 ends a 自评表
                spread.append((text, covered))
        for text, covered in spread:
            fields = [self.labels.get(h, "") for h in covered]
            named = [f for h, f in zip(covered, fields, strict=True) if field_of(f, SUB_HEADER)]
            empty = [f for h, f in zip(covered[1:], fields[1:], strict=True) if values[h] is None]
            if say is not None and len(named) > 1 and any(field_of(f, SUB_HEADER) for f in empty):
                say(
                    f"“{_short(text)}”跨过“{'”“'.join(named)}”几列，已读作“{named[0]}”，"
                    f"“{'”“'.join(f for f in empty if f)}”为空，请核对"
                )
        return values


def column_rows(
    tables: Iterable[tuple[int, list[list[Span]]]], warn: Warn | None = None
) -> Iterator[list[list[Any]]]:
    """Tables (with their page) of cells as rows of values in columns, as a sheet holds them.

    Rows from a 一级指标 header row on take the columns of its header (each cell goes where
    it overlaps most; cells sharing a column are joined), so that cells drawn a little apart
    by Word or Writer still line up; a table continued on the next page keeps them. The head
    rows above take columns from all their cells' left edges.
    """
    header: Header | None = None
    for page, table in tables:
        rows: list[list[Any]] = []
        head: list[list[Span]] = []
        if any(starts_table(_texts(row)) for row in table):
            header = None  # a new table: its title rows are not under the last one's header
        for r, row in enumerate(table):
            values = _texts(row)
            if starts_table(values):
                header = None
            if is_header(values):
                upper = head.pop() if head and is_header_row(_texts(head[-1])) else None
                after = table[r + 1] if r + 1 < len(table) else None
                lower = (
                    after
                    if after is not None
                    and not is_header(_texts(after))
                    and is_header_row(_texts(after), SUB_HEADER)
                    else None
                )
                header = Header(row, upper, lower)
                rows += _snapped(head)
                head = []
                rows += [header.place(upper)] if upper is not None else []
                rows.append(header.place(row))
                continue
            if header is None:
                head.append(row)
                continue
            rows += _snapped(head)
            head = []
            rows.append(header.place(row, _sayer(warn, f"第{page}页", r + 1)))
        yield rows + _snapped(head)


def _sayer(warn: Warn | None, page: str, row: int) -> Callable[[str], None] | None:
    """A say callback that makes each message a note about the page's row."""
    return None if warn is None else lambda text: warn(ImportNote(text, page, row))


def _texts(row: list[Span]) -> list[str | None]:
    return [span[2] for span in row]


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 20 else f"{flat[:20]}…"


def _snapped(rows: list[list[Span]]) -> list[list[Any]]:
    """Rows placed in columns at their cells' left edges; edges closer than a column are one."""
    lefts: list[float] = []
    for x in sorted({span[0] for row in rows for span in row}):
        if not lefts or x - lefts[-1] >= COLUMN_SNAP:
            lefts.append(x)
    result = []
    for row in rows:
        values: list[Any] = [None] * len(lefts)
        for x0, _, text, _ in row:
            c = max(0, bisect.bisect_right(lefts, x0 + 0.01) - 1)
            if text is not None:
                values[c] = text if values[c] is None else f"{values[c]}{text}"
        result.append(values)
    return result
