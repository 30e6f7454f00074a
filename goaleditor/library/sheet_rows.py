"""A workbook's sheets as rows of cell text, through the goal-table readers' guarded parsers."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from goaleditor.errors import InputError
from goaleditor.formats.notes import ImportNote
from goaleditor.formats.readers import guard
from goaleditor.formats.readers.sheets import ods, xls, xlsx
from goaleditor.formats.readers.tables.cell_value import text

Rows = list[list[str]]
SUFFIXES = (".xlsx", ".xls", ".ods")


def sheets(path: Path) -> Iterator[tuple[str, Rows]]:
    """Each visible sheet's rows as text, a merged range's value in each cell it covers.

    The same caps and refusals as importing a goal table from the workbook (InputError).
    """
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        grids = _xlsx(path)
    elif suffix == ".xls":
        grids = _xls(path)
    elif suffix == ".ods":
        grids = _ods(path)
    else:
        raise InputError(f"{path.name}：指标库只能从Excel（.xlsx/.xls）或.ods表格导入")
    for name, grid in grids:
        yield name, _as_text(grid)


def _as_text(grid: list[list[Any]]) -> Rows:
    rows = [[text(value).strip() for value in row] for row in grid]
    for r1, c1, r2, c2 in getattr(grid, "merges", []):
        first = rows[r1][c1] if r1 < len(rows) and c1 < len(rows[r1]) else ""
        for r in range(r1, min(r2, len(rows) - 1) + 1):
            row = rows[r]
            row.extend([""] * (c2 + 1 - len(row)))
            for c in range(c1, c2 + 1):
                row[c] = first
    return rows


def _xlsx(path: Path) -> Iterator[tuple[str, Any]]:
    from openpyxl import load_workbook

    xlsx.check_safety()
    xlsx._check_archive(path)
    deadline = guard.Deadline(path.name)
    notes: list[ImportNote] = []
    with path.open("rb") as source, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            workbook = load_workbook(source, read_only=True, data_only=True, keep_links=False)
        except guard.DAMAGE as exc:
            raise guard.damaged(path.name, exc) from None
        try:
            if len(workbook.sheetnames) > xlsx.MAX_SHEETS:
                raise InputError(f"{path.name}：工作簿结构异常，已拒绝读取")
            yield from xlsx._bounded_sheets(workbook, deadline, notes, [])
        except guard.DAMAGE as exc:
            raise guard.damaged(path.name, exc) from None
        finally:
            workbook.close()


def _xls(path: Path) -> Iterator[tuple[str, Any]]:
    size, magic = guard.read_head(path, 8)
    guard.check_file_size(path.name, size, xls.MAX_BYTES, "指标库")
    if not magic.startswith(guard.OLE_MAGIC[:4]):
        raise InputError(f"{path.name}：文件已损坏：不是有效的Excel 97-2003工作簿（.xls）")
    book = xls._open(path)
    try:
        yield from xls._sheets(book, path.name, [])
    finally:
        book.release_resources()


def _ods(path: Path) -> Iterator[tuple[str, Any]]:
    with guard.open_zip(path, "OpenDocument表格（.ods）") as archive:
        content = ods._check_archive(archive, path.name)
        try:
            with archive.open(content) as stream:
                yield from list(ods._Sheets(path.name).parse(stream))
        except InputError:
            raise
        except Exception as exc:  # as the goal-table reader: one line for any damage
            raise guard.unreadable(path.name, exc, "表格内容") from None
