"""Import of official-layout workbooks made by anyone: labels are found, not addressed."""

from __future__ import annotations

import datetime as dt
import re
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from goaleditor.errors import InputError
from goaleditor.formats import xlsx_guard
from goaleditor.formats.cell_format import shown_date, shown_number
from goaleditor.formats.cell_text import INVISIBLE_NOTE, CellCleaner
from goaleditor.formats.import_lines import document_title
from goaleditor.formats.layout import (
    DEFAULT_HEADING,
    SHEET_AGENCY_ROW,
    SHEET_GRID_ROW,
    SHEET_TITLE_ROW,
)
from goaleditor.formats.notes import locating, place
from goaleditor.formats.print_decimals import read_print_decimals
from goaleditor.formats.sheet_columns import label as _label
from goaleditor.formats.sheet_grid import (
    SheetGrid,
    band_rows,
    bands,
    column_name,
    hidden_sheet_note,
    hide,
)
from goaleditor.formats.sheet_money import NoResult
from goaleditor.formats.sheet_reader import (
    AGENCY_RE,
    UNIT_RE,
    Parsed,
    SheetReader,
    amount_text,
)
from goaleditor.formats.sheet_reader import (
    text as _text,
)
from goaleditor.model.document import MONEY_FIELDS, Document, GoalTable, Indicator
from goaleditor.model.frameworks import FRAMEWORKS, detect_framework
from goaleditor.model.layout_names import LAYOUT_LABELS, LAYOUT_NAMES
from goaleditor.model.layouts import LayoutProfile, get_profile
from goaleditor.model.money import MONEY_UNITS, MoneyError, parse_money
from goaleditor.model.values import QUALITATIVE, TargetValue, normalize_comparator, parse_target

__all__ = ["MAX_COLUMNS", "MAX_ROWS", "amount_text", "document_from_sheets", "read"]

MAX_SHEETS = 10_001  # one sheet per table (limits.MAX_TABLES) and a 目录
MAX_ROWS, MAX_COLUMNS = 20_000, 60
META_PREFIX = "goaleditor."
Warn = Callable[[str], None]

_YEAR_RE = re.compile(r"((?:19|20)\d\d)年")
_FORMULA_RE = re.compile(rb"<(?:\w+:)?f[ >/]")


def check_safety() -> None:
    """Refuse to parse workbooks unless openpyxl parses XML through defusedxml."""
    from openpyxl.xml import DEFUSEDXML

    if not DEFUSEDXML:
        raise InputError("无法安全读取Excel：缺少defusedxml组件，请重新安装goaleditor")


def _check_archive(path: Path) -> None:
    xlsx_guard.check_container(path)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            xlsx_guard.check_sizes(path.name, members)
            xlsx_guard.check_kind(path.name, {member.filename for member in members})
            xlsx_guard.check_no_dtd(path.name, archive)
    except InputError:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise InputError(f"{path.name}：文件已损坏：不是有效的Excel工作簿（.xlsx）") from None
    except xlsx_guard.DAMAGE as exc:
        raise xlsx_guard.damaged(path.name, exc) from None


def read(path: Path, warn: Warn | None = None) -> Document:
    """Read every goal table of a workbook; sheets that are not goal tables are skipped.

    A damaged or hostile workbook gives one InputError line; the library's warnings become
    notes where they matter; reading stops at xlsx_guard's caps and deadline.
    """
    from openpyxl import load_workbook

    check_safety()
    if xlsx_guard.is_old_workbook(path):
        return _read_old_workbook(path, warn)
    _check_archive(path)
    deadline = xlsx_guard.Deadline(path.name)
    notes: list[str] = []
    places: list[tuple[str, list[tuple[int, str]]]] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            workbook = load_workbook(path, read_only=True, data_only=True, keep_links=False)
        except InputError:
            raise
        except xlsx_guard.DAMAGE as exc:
            raise xlsx_guard.damaged(path.name, exc) from None
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
                sheets, path.name, notes.append, profile, file_title, own_print=bool(meta)
            )
        except xlsx_guard.DAMAGE as exc:
            raise xlsx_guard.damaged(path.name, exc) from None
        finally:
            workbook.close()
    _apply_metadata(document, meta)
    if warn is not None:
        located = locating(warn, _locator(document, places))
        for note in [*xlsx_guard.library_notes(caught), *notes]:
            located(note)
    return document


def _read_old_workbook(path: Path, warn: Warn | None) -> Document:
    """An Excel 97-2003 workbook named .xlsx, read as the .xls it is, saying so."""
    from goaleditor.formats import xls_import

    if warn is not None:
        warn(f"{path.name}：文件扩展名是.xlsx，内容却是旧版Excel工作簿（.xls），已按.xls读取")
    return xls_import.read(path, warn)


def _bounded_sheets(
    workbook: Any,
    deadline: xlsx_guard.Deadline,
    notes: list[str],
    places: list[tuple[str, list[tuple[int, str]]]],
) -> Iterator[tuple[str, list[list[Any]]]]:
    """Each worksheet's values within the caps; where each one names a 项目名称 (places)."""
    for sheet in workbook.worksheets:
        deadline.check()
        if getattr(sheet, "sheet_state", "visible") != "visible":
            notes.append(hidden_sheet_note(sheet.title))
            continue
        bounded = xlsx_guard.BoundedSheet(sheet, deadline, notes)
        values = _sheet_values(bounded)
        notes.extend(hide(sheet.title, values, bounded.hidden_rows, bounded.hidden_columns))
        grid = SheetGrid(values, bounded.merges)
        places.append((sheet.title, _project_rows(grid)))
        yield sheet.title, grid


def _project_rows(grid: list[list[Any]]) -> list[tuple[int, str]]:
    """(row number from 1, text right of the label) of each 项目名称 label in a sheet."""
    found = []
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if _label(value) == "项目名称":
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


def document_from_sheets(
    sheets: Iterable[tuple[str, list[list[Any]]]],
    source: str,
    warn: Warn | None = None,
    exact: LayoutProfile | None = None,
    file_title: str = "",
    own_print: bool = False,
) -> Document:
    """Find the goal tables in sheets of cell values (a merged range: its first cell only).

    exact: the layout of a workbook goaleditor exported, read by cell position.
    file_title: the title in the file's properties, used when no sheet names one.
    own_print: the pages were printed by goaleditor: its thousands separators and two
    decimals (Shanghai) are its own print style, read back without a note.
    """
    notes: list[str] = []
    cleaner = CellCleaner()
    if exact is None:  # a workbook goaleditor wrote holds the text as the user typed it
        sheets = cleaner.sheets(sheets)
    document = Document()
    agency: tuple[str, str] | None = None
    titles: list[str] = []
    layouts: list[str] = []
    document_titles: list[str] = []
    for name, grid in sheets:
        found = _exact_table(grid, exact) if exact else None
        parsed = [found] if found else _band_tables(grid, name, own_print, notes)
        if not parsed:
            lines = _lines(grid)
            if "目录" in name or any(re.sub(r"\s+", "", line) == "目录" for line in lines):
                document_titles.append(document_title(lines))
            else:
                notes.append(f"{place(name)}不是绩效目标表，已跳过")
            continue
        for item in parsed:
            layout = exact.name if found and exact else item.layout
            _print_decimals(item, layout, name, [] if own_print else notes)
            document.tables.append(item.table)
            item.table.document = document
            agency = agency or item.agency
            titles.extend((item.title, item.document_title))
            document_titles.append(item.document_title)
            layouts.append(item.layout)
    if not document.tables:  # one line says it all; the skipped sheets are not news then
        raise InputError(f"{source}：没有找到绩效目标表（需要“项目名称”和“一级指标”表头）")
    if cleaner.stripped:
        notes.insert(0, INVISIBLE_NOTE)
    years = [int(m.group(1)) for t in titles for m in _YEAR_RE.finditer(t)]
    document.year = max(set(years), key=years.count) if years else _names_year(document, notes)
    guessed = next((name for name in layouts if name), "")
    if not exact and not own_print and guessed and guessed != document.layout:
        notes.append(layout_note(guessed))
    if warn is not None:
        for message in notes:
            warn(message)
    if agency:
        document.agency_code, document.agency_name = agency
    document.framework = detect_framework(l1.name for t in document.tables for l1 in t.children)
    document.layout = guessed or document.layout
    title = next((t for t in document_titles if t), "") or file_title.strip()
    document.title = "" if re.sub(r"\s+", "", title) == DEFAULT_HEADING else title
    return document


def _band_tables(
    grid: list[list[Any]], name: str, own_print: bool, notes: list[str]
) -> list[Parsed]:
    """The tables of a sheet, band by band: columns an empty column separates are read apart
    (two tables side by side), and what lies beside a table is never read as part of it."""
    top = next((r for r, row in enumerate(grid) if any(_label(v) == "项目名称" for v in row)), 0)
    found: list[Parsed] = []
    others: list[tuple[int, int, bool]] = []
    for first, last in bands(grid, top):
        reader = SheetReader(band_rows(grid, first, last), name, own_print, first)
        parsed = reader.tables()
        notes.extend(reader.notes)
        found.extend(parsed)
        if not parsed:
            cells = (v for row in grid[top:] for v in row[first : last + 1])
            named = any(_label(v) == "项目名称" for v in cells)
            others.append((first, last, named))
    for first, last, named in others if found else []:
        if named:
            notes.append(f"{place(name)}：第{first + 1}列起还有一张表，未导入")
        else:
            where = column_name(first) + ("" if first == last else f"–{column_name(last)}")
            notes.append(f"{place(name)}：{where}列的内容在绩效目标表之外，未导入")
    return found


def _names_year(document: Document, notes: list[str]) -> int | None:
    """With no year in any title: the year every project name starts with, said so."""
    starts = {
        m.group(1) if (m := _YEAR_RE.match(t.project_name.strip())) else None
        for t in document.tables
    }
    if len(starts) != 1 or None in starts:
        return None
    year = int(next(iter(starts)) or 0)
    notes.append(f"文件中没有写年度，按项目名称取为{year}年（可在 文档属性 中更改）")
    return year


def layout_note(layout: str) -> str:
    """The note that a found table's labels chose a layout other than the default."""
    return (
        f"按表头推断为“{LAYOUT_LABELS[layout]}”版式，打印和导出用此版式"
        "（可在 文档属性 中更改，不会丢失内容）"
    )


def _print_decimals(item: Parsed, layout: str, sheet: str, notes: list[str]) -> None:
    """Shanghai's two printed decimals taken off a table's 指标值, said once per table."""
    example = read_print_decimals(item.table, layout)
    if example:
        row = None if item.header_row is None else item.header_row + 1
        notes.append(
            f"{place(sheet, row)}：本表指标值都印成两位小数"
            f"（如“{example[0]}”），按数值读取（“{example[1]}”）"
        )


def _lines(grid: list[list[Any]]) -> list[str]:
    return [" ".join(_text(v).strip() for v in row if _text(v).strip()) for row in grid]


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
    year = meta.get("year", "")
    document.year = int(year) if year.isdigit() else None
    if meta.get("framework") in FRAMEWORKS:
        document.framework = meta["framework"]
    document.merge_level2 = meta.get("merge_level2") == "1"
    if meta.get("layout") in LAYOUT_NAMES:
        document.layout = meta["layout"]


def _sheet_values(sheet: Any) -> list[list[Any]]:
    """Cell values as shown: a number through its format when that adds % or a unit; a formula
    saved without its result as NoResult (not as a blank that would read as nothing)."""
    missing = _formulas_without_result(sheet)
    rows = []
    for number, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS)):
        if number >= MAX_ROWS:
            break
        values: list[Any] = []
        for cell in row:
            value = cell.value
            if isinstance(value, int | float) and not isinstance(value, bool):
                value = shown_number(value, getattr(cell, "number_format", None))
            elif isinstance(value, dt.date):
                value = shown_date(value, getattr(cell, "number_format", None))
            elif value is None and missing and (number, len(values)) in missing:
                value = NoResult(missing[number, len(values)])
            values.append(value)
        rows.append(values)
    return rows


def _formulas_without_result(sheet: Any) -> dict[tuple[int, int], str]:
    """(row, column) → formula of each formula cell the workbook saved with no value.

    The sheet's XML is scanned in pieces; only a sheet that holds formulas at all is parsed
    a second time, as a stream (a large sheet is never held whole in memory)."""
    get_source = getattr(sheet, "_get_source", None)
    if get_source is None:
        return {}
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
    from openpyxl.xml.functions import iterparse

    with get_source() as source:
        if not _holds_formulas(source):
            return {}
    found: dict[tuple[int, int], str] = {}
    with get_source() as source:
        for _event, element in iterparse(source):
            if element.tag.rpartition("}")[2] != "c":
                continue
            children = {child.tag.rpartition("}")[2]: child for child in element}
            value = children.get("v")
            if "f" in children and (value is None or not (value.text or "")):
                ref = element.get("r", "")
                try:
                    column, row = coordinate_from_string(ref)
                except ValueError:
                    continue
                formula = "=" + (children["f"].text or "")
                found[row - 1, column_index_from_string(column) - 1] = formula
            element.clear()
    return found


def _holds_formulas(source: Any, piece: int = 1 << 20) -> bool:
    """True when the XML stream has a formula element (<f> or <x:f …>) anywhere."""
    tail = b""
    while chunk := source.read(piece):
        if _FORMULA_RE.search(tail + chunk):
            return True
        tail = chunk[-16:]
    return False


def _verbatim_target(text: str) -> TargetValue:
    """Parse a 指标值, keeping 定性 text exactly as the cell has it (spaces included)."""
    target = parse_target(text)
    return TargetValue(QUALITATIVE, text, "") if target.comparator == QUALITATIVE else target


def _cell(rows: list[list[Any]], r: int, c: int) -> Any:
    return rows[r][c] if r < len(rows) and c < len(rows[r]) else None


def _exact_positions(
    profile: LayoutProfile,
) -> tuple[dict[tuple[int, int], str], dict[str, tuple[int, int]]]:
    """Where an exported sheet has each label and each header field (row, column from 0)."""
    labels: dict[tuple[int, int], str] = {}
    fields: dict[str, tuple[int, int]] = {}
    for r, slots in enumerate((*profile.head_rows, profile.indicator_slots)):
        for slot in slots:
            at = (SHEET_GRID_ROW + r, slot.col)
            if slot.label:
                labels[at] = slot.label
            elif slot.field:
                fields[slot.field] = at
    return labels, fields


def _exact_unit(rows: list[list[Any]], profile: LayoutProfile) -> str | None:
    """The money unit of an exported sheet: its 单位 line, or a label naming it."""
    labels, _ = _exact_positions(profile)
    for (r, c), label in labels.items():
        if "{unit}" in label:
            found = _label(_cell(rows, r, c))
            return next(
                (u for u in MONEY_UNITS if found == _label(label.replace("{unit}", u))), None
            )
    unit = UNIT_RE.match(_label(_cell(rows, SHEET_AGENCY_ROW, profile.columns - 1)))
    return unit.group(1) if unit else "元"


def _exact_table(rows: list[list[Any]], profile: LayoutProfile) -> Parsed | None:
    """A sheet goaleditor wrote, untouched: read by position, so any text is read as is.

    Only the labels are checked (user text never lands in a label cell); a sheet that
    someone has rearranged falls back to finding the labels.
    """
    labels, fields = _exact_positions(profile)
    unit = _exact_unit(rows, profile)
    if unit is None or any(
        _label(_cell(rows, r, c)) != _label(label.replace("{unit}", unit))
        for (r, c), label in labels.items()
    ):
        return None

    def money(name: str) -> Decimal | None:
        value = _cell(rows, *fields[name])
        try:
            return None if value is None else parse_money(amount_text(value))
        except MoneyError as exc:
            raise InputError(f"工作表第{fields[name][0] + 1}行：{exc}") from None

    columns = {slot.field: slot.col for slot in profile.indicator_slots}
    indicators: list[tuple[str, str, Indicator]] = []
    level1 = level2 = ""
    for row in rows[SHEET_GRID_ROW + profile.header_row + 1 :]:
        padded = [*row, *[None] * (profile.columns - len(row))]
        got = {name: padded[c] for name, c in columns.items()}
        if all(value is None for value in got.values()):
            continue  # the lower part of a row too tall for one Excel row
        level1 = _text(got["level1"]) if got["level1"] is not None else level1
        level2 = _text(got["level2"]) if got["level2"] is not None else level2
        indicators.append((level1, level2, _exact_indicator(profile, got)))
    agency = AGENCY_RE.match(_text(_cell(rows, SHEET_AGENCY_ROW, 0)))
    table = GoalTable.from_rows(
        indicators,
        money_unit=unit,
        **{
            name: money(name) if name in MONEY_FIELDS else _text(_cell(rows, *at))
            for name, at in fields.items()
        },
    )
    return Parsed(
        table,
        (agency.group(1), agency.group(2)) if agency else None,
        _text(_cell(rows, SHEET_TITLE_ROW, 0)),
        header_row=SHEET_GRID_ROW + profile.header_row,
    )


def _exact_indicator(profile: LayoutProfile, got: dict[str | None, Any]) -> Indicator:
    """An indicator from its cells in an exported sheet (指标值 in one cell or in three)."""
    texts = {(name or "").removeprefix("indicator."): _text(value) for name, value in got.items()}
    if "display" in texts:
        target = profile.parse_display(texts["display"])
        if target.comparator == QUALITATIVE:
            target = TargetValue(QUALITATIVE, texts["display"], "")
    else:
        comparator = normalize_comparator(texts.get("comparator", "")) or QUALITATIVE
        target = TargetValue(comparator, texts.get("value", ""), texts.get("unit", ""))
    indicator = Indicator(
        texts.get("name", ""),
        texts.get("description", ""),
        target.comparator,
        target.value,
        target.unit,
    )
    for name in ("weight", "explanation", "standard", "remark"):
        setattr(indicator, name, texts.get(name, ""))
    return indicator
