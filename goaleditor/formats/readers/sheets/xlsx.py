"""Import of official-layout workbooks made by anyone: labels are found, not addressed."""

from __future__ import annotations

import datetime as dt
import math
import warnings
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from goaleditor.errors import InputError
from goaleditor.formats.notes import ImportNote, Warn, locating
from goaleditor.formats.readers import guard
from goaleditor.formats.readers.sheets.number_format import shown_date, shown_number
from goaleditor.formats.readers.sheets.shared_strings import check_shared_strings
from goaleditor.formats.readers.sheets.xlsx_sheet import SheetContent, read_sheet
from goaleditor.formats.readers.sheets.xlsx_workbook import load as load_workbook
from goaleditor.formats.readers.tables.cell_value import text as _text
from goaleditor.formats.readers.tables.columns import label as _label
from goaleditor.formats.readers.tables.document_reader import (
    MAX_COLUMNS,
    document_from_sheets,
)
from goaleditor.formats.readers.tables.money import NoResult
from goaleditor.formats.readers.tables.sheet_cells import (
    SheetGrid,
    hidden_sheet_note,
    hide,
)
from goaleditor.model.document import Document
from goaleditor.model.frameworks import FRAMEWORKS
from goaleditor.model.layout_names import LAYOUT_NAMES
from goaleditor.model.layouts import get_profile
from goaleditor.model.year_range import plain_year

__all__ = ["read"]

MAX_SHEETS = 10_001  # one sheet per table (limits.MAX_TABLES) and a 目录
META_PREFIX = "goaleditor."
PARTS_PER_DEADLINE = 1_000


def check_safety() -> None:
    """Refuse to parse workbooks unless openpyxl parses XML through defusedxml."""
    from openpyxl.xml import DEFUSEDXML

    if not DEFUSEDXML:
        raise InputError("无法安全读取Excel：缺少defusedxml组件，请重新安装goaleditor")


def _check_archive(path: Path) -> int:
    """Refuse a workbook that is no zip, too large, another kind or hostile; its part count."""
    guard.check_container(path)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            guard.check_sizes(path.name, members)
            guard.check_kind(path.name, {member.filename for member in members})
            guard.check_no_dtd(path.name, archive)
            check_shared_strings(path.name, archive)
            return len(members)
    except InputError:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise InputError(f"{path.name}：文件已损坏：不是有效的Excel工作簿（.xlsx）") from None
    except guard.DAMAGE as exc:
        raise guard.damaged(path.name, exc) from None


def read(path: Path, warn: Warn | None = None) -> Document:
    """Read every goal table of a workbook; sheets that are not goal tables are skipped.

    A damaged or hostile workbook gives one InputError line; the library's warnings become
    notes where they matter; reading stops at the guard's caps and deadline.
    """
    check_safety()
    parts = _check_archive(path)
    # The guard's time for each thousand parts: a 5000-table export is valid, and a busy
    # machine reads it in more than a minute (a reading worker still stops one stuck).
    thousands = max(1, math.ceil(parts / PARTS_PER_DEADLINE))
    deadline = guard.Deadline(path.name, guard.MAX_SECONDS * thousands)
    notes: list[ImportNote] = []
    places: list[tuple[str, list[tuple[int, str]]]] = []
    with path.open("rb") as source, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            # The open file, not its name: openpyxl refuses a workbook named .xls by its name.
            workbook = load_workbook(source, deadline)
        except InputError:
            raise
        except guard.DAMAGE as exc:
            raise guard.damaged(path.name, exc) from None
        try:
            if len(workbook.sheetnames) > MAX_SHEETS:
                raise InputError(
                    f"{path.name}：工作簿结构异常（{len(workbook.sheetnames)}个工作表），已拒绝读取"
                )
            meta = _metadata(workbook)
            profile = get_profile(meta.get("layout", "")) if meta else None
            file_title = str(getattr(workbook.properties, "title", "") or "")
            sheets = _bounded_sheets(workbook, deadline, notes, places)
            document = document_from_sheets(
                sheets,
                path.name,
                notes.append,
                profile,
                file_title,
                own_print=bool(meta),
                scoring=meta.get("scoring", ""),
            )
        except guard.DAMAGE as exc:
            raise guard.damaged(path.name, exc) from None
        finally:
            workbook.close()
    _apply_metadata(document, meta)
    if warn is not None:
        located = locating(warn, _locator(document, places))
        for note in [*guard.library_notes(caught), *notes]:
            located(note)
    return document


def _bounded_sheets(
    workbook: Any,
    deadline: guard.Deadline,
    notes: list[ImportNote],
    places: list[tuple[str, list[tuple[int, str]]]],
) -> Iterator[tuple[str, list[list[Any]]]]:
    """Each worksheet's values within the caps; where each one names a 项目名称 (places)."""
    for sheet in workbook.worksheets:
        deadline.check()
        if getattr(sheet, "sheet_state", "visible") != "visible":
            notes.append(hidden_sheet_note(sheet.title))
            continue
        content = read_sheet(sheet, deadline, notes)
        values = _shown(workbook, content)
        notes.extend(hide(sheet.title, values, content.hidden_rows, content.hidden_columns))
        _cover_merges(values, content.merges)
        grid = SheetGrid(values, content.merges)
        places.append((sheet.title, _project_rows(grid)))
        yield sheet.title, grid


def _cover_merges(rows: list[list[Any]], merges: list[tuple[int, int, int, int]]) -> None:
    """A merged range's first row reaches to the last column it covers (指标值 merged over
    value | unit), as wide as a person sees it; past that a row ends at its last cell."""
    for r1, _c1, _r2, c2 in merges:
        row = rows[r1] if 0 <= r1 < len(rows) else None
        if row is not None and len(row) <= c2 < MAX_COLUMNS:
            row.extend([None] * (c2 + 1 - len(row)))


def _project_rows(grid: list[list[Any]]) -> list[tuple[int, str]]:
    """(row number from 1, text right of the label) of each 项目名称 label in a sheet."""
    found = []
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if isinstance(value, str) and "称" in value and _label(value) == "项目名称":
                right = next((v for v in row[c + 1 :] if v is not None), None)
                found.append((r + 1, _label(right) if isinstance(right, str) else _text(right)))
                break
    return found


def _locator(
    document: Document, places: list[tuple[str, list[tuple[int, str]]]]
) -> Callable[[str, int | None], int | None]:
    """locate(sheet, row): the index of the imported table a sheet's row belongs to.

    Tables came in sheet order; each is matched to the next 项目名称 whose text is its
    project name, so a label the reader did not take as a table is passed over.
    """
    starts: dict[str, list[tuple[int, int]]] = {}
    queue = [(sheet, row, text) for sheet, rows in places for row, text in rows]
    position = 0
    for index, table in enumerate(document.tables):
        name = _label(table.project_name)
        for ahead in range(position, len(queue)):
            sheet, row, text = queue[ahead]
            if text == name:
                starts.setdefault(sheet, []).append((row, index))
                position = ahead + 1
                break

    def locate(sheet: str, row: int | None) -> int | None:
        tables = starts.get(sheet, [])
        if not tables:
            return None
        if row is None:
            return tables[0][1] if len(tables) == 1 else None
        above = [index for start, index in tables if start <= row]
        if above:
            return above[-1]
        first, index = tables[0]
        return index if row + 4 >= first else None  # a title line just above the table

    return locate


def _metadata(workbook: Any) -> dict[str, str]:
    try:
        props = workbook.custom_doc_props
    except AttributeError:  # pragma: no cover - older openpyxl
        return {}
    found = {}
    for prop in props:
        name = getattr(prop, "name", "")
        if name.startswith(META_PREFIX):
            found[name[len(META_PREFIX) :]] = str(prop.value or "")
    return found


def _apply_metadata(document: Document, meta: dict[str, str]) -> None:
    """A workbook goaleditor wrote carries the exact document fields."""
    if not meta:
        return
    document.agency_code = meta.get("agency_code", document.agency_code)
    document.agency_name = meta.get("agency_name", document.agency_name)
    document.title = meta.get("title", document.title)
    document.year = plain_year(meta.get("year", ""))
    if meta.get("framework") in FRAMEWORKS:
        document.framework = meta["framework"]
    document.merge_level2 = meta.get("merge_level2") == "1"
    if meta.get("layout") in LAYOUT_NAMES:
        document.layout = meta["layout"]


def _shown(workbook: Any, content: SheetContent) -> list[list[Any]]:
    """Cell values as shown: a number through its format when that adds % or a unit; a formula
    saved without its result as NoResult (not as a blank that would read as nothing)."""
    formats: dict[Any, str] = {}
    rows = content.rows
    for values, styles in zip(rows, content.styles, strict=True):
        for column, style in styles.items():
            value = values[column]
            if isinstance(value, int | float) and not isinstance(value, bool):
                values[column] = shown_number(value, _number_format(workbook, style, formats))
            elif isinstance(value, dt.date):
                values[column] = shown_date(value, _number_format(workbook, style, formats))
    for (r, c), formula in content.formulas.items():
        if 0 <= r < len(rows) and 0 <= c < len(rows[r]) and rows[r][c] is None:
            rows[r][c] = NoResult(formula)
    return rows


def _number_format(workbook: Any, style: Any, known: dict[Any, str]) -> str:
    """A cell style's number format, as openpyxl's ReadOnlyCell.number_format finds it."""
    if style in known:
        return known[style]
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    number = workbook._cell_styles[style].numFmtId
    if number < BUILTIN_FORMATS_MAX_SIZE:
        shown = BUILTIN_FORMATS.get(number, "General")
    else:
        shown = workbook._number_formats[number - BUILTIN_FORMATS_MAX_SIZE]
    known[style] = str(shown)
    return known[style]
