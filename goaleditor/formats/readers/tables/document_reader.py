"""Goal tables found in sheets of cell values: the reading every container shares."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from goaleditor.errors import InputError, RefusalKind
from goaleditor.formats.layout.grid import SHEET_AGENCY_ROW, SHEET_GRID_ROW, SHEET_TITLE_ROW
from goaleditor.formats.layout.official import EXPORT_HEADINGS
from goaleditor.formats.notes import ImportNote, Warn
from goaleditor.formats.readers.guard import progress
from goaleditor.formats.readers.self_evaluation.kind import choose_kind, make_self_evaluation
from goaleditor.formats.readers.self_evaluation.table import read_self_evaluation
from goaleditor.formats.readers.tables.cell_text import INVISIBLE_NOTE, CellCleaner
from goaleditor.formats.readers.tables.cell_value import amount_text
from goaleditor.formats.readers.tables.cell_value import text as _text
from goaleditor.formats.readers.tables.columns import label as _label
from goaleditor.formats.readers.tables.money_unit import UnitClues, unit_statements
from goaleditor.formats.readers.tables.other_tables import (
    NO_SELF_EVALUATION_ROWS,
    SELF_EVALUATION_KIND,
    other_kind,
)
from goaleditor.formats.readers.tables.print_decimals import read_print_decimals
from goaleditor.formats.readers.tables.sheet_cells import (
    band_rows,
    bands,
    column_name,
)
from goaleditor.formats.readers.tables.table_reader import (
    AGENCY_RE,
    UNIT_RE,
    Parsed,
    SheetReader,
)
from goaleditor.formats.readers.tables.text_lines import document_title, publication_title
from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.model.fields import MONEY_FIELDS
from goaleditor.model.frameworks import detect_framework
from goaleditor.model.layout_names import LAYOUT_LABELS
from goaleditor.model.layouts import LayoutProfile
from goaleditor.model.money import MONEY_UNITS, MoneyError, parse_money
from goaleditor.model.values import QUALITATIVE, TargetValue, normalize_comparator, parse_target

__all__ = ["MAX_COLUMNS", "MAX_ROWS", "document_from_sheets", "layout_note"]

MAX_ROWS, MAX_COLUMNS = 20_000, 60

_YEAR_RE = re.compile(r"((?:19|20)\d\d)年")


def document_from_sheets(
    sheets: Iterable[tuple[str, list[list[Any]]]],
    source: str,
    warn: Warn | None = None,
    exact: LayoutProfile | None = None,
    file_title: str = "",
    own_print: bool = False,
    scoring: str = "",
) -> Document:
    """Find the goal tables in sheets of cell values (a merged range: its first cell only).

    exact: the layout of a workbook goaleditor exported, read by cell position.
    file_title: the title in the file's properties, used when no sheet names one.
    own_print: the pages were printed by goaleditor: its thousands separators and two
    decimals (Shanghai) are its own print style, read back without a note.
    scoring: the scoring rules a file goaleditor wrote records for its 自评表 ('' if none).
    """
    notes: list[ImportNote] = []
    cleaner = CellCleaner()
    if exact is None:  # a workbook goaleditor wrote holds the text as the user typed it
        sheets = cleaner.sheets(sheets)
    sheets = list(sheets)  # a table stating no money unit looks for one across the file
    statements = [] if exact else unit_statements(sheets)
    document = Document()
    agency: tuple[str, str] | None = None
    titles: list[str] = []
    layouts: list[str] = []
    document_titles: list[str] = []
    skipped: list[str] = []  # kinds of table that are not goal tables (绩效自评表…)
    cover = ""  # a publication's cover sheet names the whole document
    found_tables: list[tuple[str, Parsed, str]] = []  # (sheet, table, layout) of either kind
    for order, (name, grid) in enumerate(sheets):
        progress()  # thousands of sheets take a while here too, all of them read already
        found = _exact_table(grid, exact) if exact else None
        before = len(skipped)
        parsed = (
            [found]
            if found
            else _band_tables(grid, name, own_print, notes, skipped, UnitClues(statements, order))
        )
        if not parsed:
            lines = _lines(grid)
            cover = cover or publication_title(lines)
            kind = other_kind(" ".join(lines))
            if "目录" in name or any(re.sub(r"\s+", "", line) == "目录" for line in lines):
                document_titles.append(document_title(lines))
            elif len(skipped) > before:
                pass  # each of its tables was said to be skipped, and why
            elif kind == SELF_EVALUATION_KIND:  # a form this program reads: its rows are missing
                skipped.append(kind)
                notes.append(
                    ImportNote(f"是{kind}，但{NO_SELF_EVALUATION_ROWS}，已跳过", name, joiner="")
                )
            elif kind:
                skipped.append(kind)
                notes.append(ImportNote(f"是{kind}，不是绩效目标表，已跳过", name, joiner=""))
            else:
                notes.append(ImportNote("不是绩效目标表，已跳过", name, joiner=""))
            continue
        found_tables += [(name, i, exact.name if found and exact else i.layout) for i in parsed]
    kept = choose_kind(found_tables, notes)  # a document is of one kind: 目标表 or 自评表
    for name, item, layout in kept:
        _print_decimals(item, layout, name, [] if own_print else notes)
        document.tables.append(item.table)
        item.table.document = document
        agency = agency or item.agency
        titles.extend((item.title, item.document_title))
        document_titles.append(item.document_title)
        layouts.append(item.layout)
    make_self_evaluation(document, [item for _, item, _ in kept], notes, scoring)
    if not document.tables and set(skipped) == {SELF_EVALUATION_KIND}:
        raise InputError(
            f"{source}：这是{SELF_EVALUATION_KIND}，但{NO_SELF_EVALUATION_ROWS}，没有可导入的表",
            RefusalKind.NOT_A_GOAL_TABLE,
        )
    if not document.tables and skipped:
        kinds = "、".join(dict.fromkeys(skipped))
        raise InputError(
            f"{source}：这是{kinds}，不是项目支出绩效目标表，没有可导入的绩效目标表",
            RefusalKind.NOT_A_GOAL_TABLE,
        )
    if not document.tables:  # one line says it all; the skipped sheets are not news then
        raise InputError(
            f"{source}：没有找到绩效目标表（需要“项目名称”和“一级指标”表头）",
            RefusalKind.NOT_A_GOAL_TABLE,
        )
    if cleaner.stripped:
        notes.insert(0, ImportNote(INVISIBLE_NOTE))
    years = [int(m.group(1)) for t in titles for m in _YEAR_RE.finditer(t)]
    document.year = max(set(years), key=years.count) if years else _names_year(document, notes)
    guessed = next((name for name in layouts if name), "")
    if not exact and not own_print and guessed and guessed != document.layout:
        notes.append(ImportNote(layout_note(guessed)))
    if warn is not None:
        for message in notes:
            warn(message)
    if agency:
        document.agency_code, document.agency_name = agency
    document.framework = detect_framework(l1.name for t in document.tables for l1 in t.children)
    document.layout = guessed or document.layout
    title = cover or next((t for t in document_titles if t), "") or file_title.strip()
    document.title = "" if re.sub(r"\s+", "", title) in EXPORT_HEADINGS else title
    return document


def _band_tables(
    grid: list[list[Any]],
    name: str,
    own_print: bool,
    notes: list[ImportNote],
    skipped: list[str],
    clues: UnitClues,
) -> list[Parsed]:
    """The tables of a sheet, band by band: columns an empty column separates are read apart
    (two tables side by side), and what lies beside a table is never read as part of it."""
    top = next((r for r, row in enumerate(grid) if any(_label(v) == "项目名称" for v in row)), 0)
    found: list[Parsed] = []
    others: list[tuple[int, int, bool]] = []
    for first, last in bands(grid, top):
        reader = SheetReader(band_rows(grid, first, last), name, own_print, first, clues)
        reader.read_self_evaluation = read_self_evaluation
        parsed = reader.tables()
        notes.extend(reader.notes)
        skipped.extend(reader.skipped)
        found.extend(parsed)
        if not parsed:
            cells = (v for row in grid[top:] for v in row[first : last + 1])
            named = any(_label(v) == "项目名称" for v in cells)
            others.append((first, last, named))
    for first, last, named in others if found else []:
        if named:
            notes.append(ImportNote(f"第{first + 1}列起还有一张表，未导入", name))
        else:
            where = column_name(first) + ("" if first == last else f"–{column_name(last)}")
            notes.append(ImportNote(f"{where}列的内容在绩效目标表之外，未导入", name))
    return found


def _names_year(document: Document, notes: list[ImportNote]) -> int | None:
    """With no year in any title: the year every project name starts with, said so."""
    starts = {
        m.group(1) if (m := _YEAR_RE.match(t.project_name.strip())) else None
        for t in document.tables
    }
    if len(starts) != 1 or None in starts:
        return None
    year = int(next(iter(starts)) or 0)
    notes.append(ImportNote(f"文件中没有写年度，按项目名称取为{year}年（可在 文档属性 中更改）"))
    return year


def layout_note(layout: str) -> str:
    """The note that a found table's labels chose a layout other than the default."""
    return (
        f"按表头推断为“{LAYOUT_LABELS[layout]}”版式，打印和导出用此版式"
        "（可在 文档属性 中更改，不会丢失内容）"
    )


def _print_decimals(item: Parsed, layout: str, sheet: str, notes: list[ImportNote]) -> None:
    """Shanghai's two printed decimals taken off a table's 指标值, said once per table."""
    example = read_print_decimals(item.table, layout)
    if example:
        row = None if item.header_row is None else item.header_row + 1
        message = f"本表指标值都印成两位小数（如“{example[0]}”），按数值读取（“{example[1]}”）"
        notes.append(ImportNote(message, sheet, row))


def _lines(grid: list[list[Any]]) -> list[str]:
    return [" ".join(_text(v).strip() for v in row if _text(v).strip()) for row in grid]


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
