"""A sheet's cell values with what a clerk sees of it: merged ranges, hidden rows and columns,
and the column bands (tables side by side, side calculations) an empty column separates."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from goaleditor.formats.notes import ImportNote

Span = tuple[int, int, int, int]  # first row, first column, last row, last column (from 0)


class SheetGrid(list[list[Any]]):
    """Rows of cell values (a merged range: its first cell only) that know the merges.

    A plain list of rows (a PDF page, a Word table) knows none: it is read whole.
    """

    def __init__(self, rows: Iterable[list[Any]] = (), merges: Iterable[Span] = ()) -> None:
        super().__init__(rows)
        self.merges: list[Span] = list(merges)


def column_name(c: int) -> str:
    """The letters Excel shows over column c (from 0): A, Z, AA."""
    name = ""
    c += 1
    while c:
        c, rest = divmod(c - 1, 26)
        name = chr(65 + rest) + name
    return name


def _filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def hide(
    title: str, rows: list[list[Any]], hidden_rows: set[int], hidden_columns: set[int]
) -> list[ImportNote]:
    """Blank the hidden rows and columns (from 0) in place; a note for each run that held text.

    Excel and WPS neither show nor print them, so they are not part of the table a clerk sees.
    """
    notes: list[ImportNote] = []
    for first, last in _runs(sorted(r for r in hidden_rows if r < len(rows))):
        if any(_filled(v) for r in range(first, last + 1) for v in rows[r]):
            if first == last:
                notes.append(ImportNote("是隐藏行，未导入", title, first + 1, joiner=""))
            else:  # a run of rows is said in the message: the note's place is the sheet
                run = f"第{first + 1}–{last + 1}行是隐藏行，未导入"
                notes.append(ImportNote(run, title, joiner=""))
        for r in range(first, last + 1):
            rows[r] = [None] * len(rows[r])
    width = max((len(row) for row in rows), default=0)
    for first, last in _runs(sorted(c for c in hidden_columns if c < width)):
        cells = [row[c] for row in rows for c in range(first, min(last + 1, len(row)))]
        if any(_filled(v) for v in cells):
            where = column_name(first) + ("" if first == last else f"–{column_name(last)}")
            notes.append(ImportNote(f"{where}列是隐藏列，未导入", title, joiner=""))
        for row in rows:
            for c in range(first, min(last + 1, len(row))):
                row[c] = None
    return notes


def hidden_sheet_note(title: str) -> ImportNote:
    """The note for a hidden sheet, which is skipped."""
    return ImportNote(f"隐藏的工作表“{title}”未导入", title, named_in_message=True)


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and runs[-1][1] == n - 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def bands(rows: list[list[Any]], first_row: int = 0) -> list[tuple[int, int]]:
    """The column ranges (first, last) that empty columns separate, from first_row down.

    A column is empty when no cell in it holds a value and no merged range covers it. Only
    a SheetGrid knows its merges; any other grid is one band (its covered cells are blank).
    """
    width = max((len(row) for row in rows), default=0)
    if not isinstance(rows, SheetGrid) or width == 0:
        return [(0, max(width - 1, 0))]
    used = [False] * width
    for row in rows[first_row:]:
        for c, value in enumerate(row):
            used[c] = used[c] or _filled(value)
    for _r1, c1, r2, c2 in rows.merges:
        if r2 >= first_row:
            for c in range(max(c1, 0), min(c2, width - 1) + 1):
                used[c] = True
    return _runs([c for c in range(width) if used[c]]) or [(0, width - 1)]


def band_rows(rows: list[list[Any]], first: int, last: int) -> list[list[Any]]:
    """The rows cut to columns first..last (the whole grid when it is one band)."""
    if first == 0 and last >= max((len(row) for row in rows), default=0) - 1:
        return rows
    return [row[first : last + 1] for row in rows]
