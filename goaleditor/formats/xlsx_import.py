"""Import of official-layout workbooks made by anyone: labels are found, not addressed."""

from __future__ import annotations

import math
import re
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from goaleditor.errors import InputError
from goaleditor.formats import xlsx_guard
from goaleditor.formats.layout import (
    SHEET_AGENCY_ROW,
    SHEET_GRID_ROW,
    SHEET_TITLE_ROW,
)
from goaleditor.formats.notes import locating
from goaleditor.formats.xlsx_labels import (
    ANNUAL_ANCHORS,
    LABELLED_FIELDS,
    MONEY_ROWS,
    PERIOD_ANCHORS,
    LabelledFields,
)
from goaleditor.formats.xlsx_labels import (
    guess_layout as _guess_layout,
)
from goaleditor.model.document import MONEY_FIELDS, Document, GoalTable, Indicator
from goaleditor.model.frameworks import FRAMEWORKS, detect_framework
from goaleditor.model.layout_names import LAYOUT_NAMES
from goaleditor.model.layouts import PROFILES, LayoutProfile, get_profile
from goaleditor.model.money import MONEY_UNITS, MoneyError, parse_money
from goaleditor.model.values import QUALITATIVE, TargetValue, normalize_comparator, parse_target

MAX_SHEETS = 10_001  # one sheet per table (limits.MAX_TABLES) and a 目录
MAX_ROWS, MAX_COLUMNS = 20_000, 60
META_PREFIX = "goaleditor."
Warn = Callable[[str], None]

_TITLE_RE = re.compile(r"^(?:\d+\s*[.．、]\s*(.*?)|(.+?))\s*绩效目标表$", re.S)
_AGENCY_RE = re.compile(r"^(\d{3,})\s*(\S.*)$")
_UNIT_RE = re.compile(r"^(?:金额)?单位[:：](万元|元)$")
_YEAR_RE = re.compile(r"((?:19|20)\d\d)年")
_FORM_RE = re.compile(r"绩效目标申报表")  # Shanghai's and the central form's title
_FORM_YEAR_RE = re.compile(r"^[（(](?:19|20)\d\d年度?[)）]$")
_FISCAL_LABELS = ("其中：财政资金", "其中:财政资金", "财政资金")
_GOAL_LABELS = ("绩效目标", "年度绩效目标")
_HEADER = {
    "年度(/项目)指标值": "value",
    "年度（/项目）指标值": "value",
    "年度指标值": "value",
    "权重": "weight",
    "分值": "weight",
    "权重（分）": "weight",
    "指标解释": "explanation",
    "评(扣)分标准": "standard",
    "评（扣）分标准": "standard",
    "评分标准": "standard",
    "评分细则": "standard",
    "备注": "remark",
    "一级指标": "level1",
    "二级指标": "level2",
    "三级指标": "name",
    "绩效指标描述": "description",
    "指标描述": "description",
    "指标值": "value",
    "指标性质": "comparator",
    "计量单位": "unit",
    "度量单位": "unit",
}


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
            sheets = _bounded_sheets(workbook, deadline, notes, places)
            document = document_from_sheets(sheets, path.name, notes.append, exact=profile)
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


def _bounded_sheets(
    workbook: Any,
    deadline: xlsx_guard.Deadline,
    notes: list[str],
    places: list[tuple[str, list[tuple[int, str]]]],
) -> Iterator[tuple[str, list[list[Any]]]]:
    """Each worksheet's values within the caps; where each one names a 项目名称 (places)."""
    for sheet in workbook.worksheets:
        deadline.check()
        grid = _sheet_values(xlsx_guard.BoundedSheet(sheet, deadline, notes))
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
) -> Document:
    """Find the goal tables in sheets of cell values (a merged range: its first cell only).

    exact: the layout of a workbook goaleditor exported, read by cell position.
    """
    skipped: list[str] = []
    document = Document()
    agency: tuple[str, str] | None = None
    titles: list[str] = []
    layouts: list[str] = []
    for name, grid in sheets:
        found = _exact_table(grid, exact) if exact else None
        parsed = [found] if found else _SheetReader(grid, name).tables()
        if not parsed:
            if name != "目录":
                skipped.append(f"工作表“{name}”不是绩效目标表，已跳过")
            continue
        for item in parsed:
            document.tables.append(item.table)
            item.table.document = document
            agency = agency or item.agency
            titles.append(item.title)
            layouts.append(item.layout)
    if not document.tables:  # one line says it all; the skipped sheets are not news then
        raise InputError(f"{source}：没有找到绩效目标表（需要“项目名称”和“一级指标”表头）")
    if warn is not None:
        for message in skipped:
            warn(message)
    if agency:
        document.agency_code, document.agency_name = agency
    years = [int(m.group(1)) for t in titles for m in _YEAR_RE.finditer(t)]
    document.year = max(set(years), key=years.count) if years else None
    document.framework = detect_framework(l1.name for t in document.tables for l1 in t.children)
    document.layout = next((name for name in layouts if name), document.layout)
    return document


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
    rows = []
    for number, row in enumerate(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)):
        if number >= MAX_ROWS:
            break
        rows.append(list(row))
    return rows


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
    unit = _UNIT_RE.match(_label(_cell(rows, SHEET_AGENCY_ROW, profile.columns - 1)))
    return unit.group(1) if unit else "元"


def _exact_table(rows: list[list[Any]], profile: LayoutProfile) -> _Parsed | None:
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
    agency = _AGENCY_RE.match(_text(_cell(rows, SHEET_AGENCY_ROW, 0)))
    table = GoalTable.from_rows(
        indicators,
        money_unit=unit,
        **{
            name: money(name) if name in MONEY_FIELDS else _text(_cell(rows, *at))
            for name, at in fields.items()
        },
    )
    return _Parsed(
        table,
        (agency.group(1), agency.group(2)) if agency else None,
        _text(_cell(rows, SHEET_TITLE_ROW, 0)),
    )


def amount_text(value: Any) -> str:
    """A cell's amount as exact decimal text: a number cell by its shortest repr (what Excel
    shows), never through float arithmetic; a text cell as it is."""
    if isinstance(value, float) and math.isfinite(value):
        return format(Decimal(repr(value)), "f")
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return format(Decimal(value), "f")
    return _text(value)


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


def _label(value: Any) -> str:
    return re.sub(r"\s+", "", value) if isinstance(value, str) else ""


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass
class _Parsed:
    table: GoalTable
    agency: tuple[str, str] | None
    title: str
    layout: str = ""


class _SheetReader:
    """Finds goal tables in one sheet by their labels."""

    def __init__(self, rows: list[list[Any]], sheet_name: str) -> None:
        self.rows = rows
        self.sheet = sheet_name

    def tables(self) -> list[_Parsed]:
        starts = [r for r, row in enumerate(self.rows) if any(_label(v) == "项目名称" for v in row)]
        found = []
        for n, start in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else len(self.rows)
            header = self._find_row(start, end, "一级指标")
            if header is None:
                continue
            # The title and agency line sit just above 项目名称.
            previous_end = starts[n - 1] + 1 if n else 0
            found.append(self._table(max(previous_end, start - 4), start, header, end))
        return found

    def _find_row(self, start: int, end: int, label: str | tuple[str, ...]) -> int | None:
        labels = (label,) if isinstance(label, str) else label
        for r in range(start, end):
            if any(_label(v) in labels for v in self.rows[r]):
                return r
        return None

    def _value_right_of(self, r: int, labels: tuple[str, ...]) -> tuple[Any, bool]:
        row = self.rows[r]
        for c, value in enumerate(row):
            if _label(value) in labels:
                for right in row[c + 1 :]:
                    if right is not None and _label(right) not in _ALL_LABELS:
                        return right, True
                    if right is not None:
                        return None, True
                return None, True
        return None, False

    def _money(self, r: int | None, labels: tuple[str, ...], name: str) -> Decimal | None:
        if r is None:
            return None
        value, _ = self._value_right_of(r, labels)
        if value is None:
            return None
        try:
            return parse_money(amount_text(value))
        except MoneyError as exc:
            raise InputError(f"工作表“{self.sheet}”第{r + 1}行：{name}{exc}") from None

    def _table(self, lead: int, start: int, header: int, end: int) -> _Parsed:
        title = ""
        agency = None
        unit = "元"
        for r in range(lead, header):
            # The agency line: "319101天津市…" (or a name alone) left of "单位：元".
            agency_row = any(_UNIT_RE.match(_label(value)) for value in self.rows[r])
            for value in self.rows[r]:
                text = _text(value).strip()
                label = _label(value)
                if match := _UNIT_RE.match(label):
                    unit = match.group(1)
                elif r < start and not title and (_TITLE_RE.match(text) or _FORM_RE.search(text)):
                    title = text
                elif r < start and title and _FORM_YEAR_RE.match(label):
                    title += text
                elif r < start and agency is None and (match := _AGENCY_RE.match(text)):
                    agency = (match.group(1), match.group(2))
                elif r < start and agency is None and agency_row and text:
                    agency = ("", text)
        project, _ = self._value_right_of(start, ("项目名称",))
        budget_row = self._find_row(start, header, "预算数")
        goal_row = self._find_row(start, header, _GOAL_LABELS)
        goal, _ = (
            self._value_right_of(goal_row, _GOAL_LABELS) if goal_row is not None else (None, 0)
        )
        fund_use = self._fund_use(budget_row, goal_row or header, start)
        table_title = _TITLE_RE.match(title)
        header_fields = {
            "project_name": _text(project)
            or (table_title.group(1) or table_title.group(2) or "" if table_title else ""),
            "money_unit": unit if unit in MONEY_UNITS else "元",
            "budget_total": self._money(budget_row, ("预算数",), "预算数"),
            "budget_fiscal": self._money(budget_row, _FISCAL_LABELS, "财政资金"),
            "budget_other": self._money(budget_row, ("其他资金",), "其他资金"),
            "fund_use": fund_use,
            "goal": _text(goal),
        }
        extra = LabelledFields(self.rows, start, header).fields()
        if header_fields["goal"]:  # a 绩效目标 beside its label wins
            extra.pop("goal", None)
        header_fields.update(extra)
        rows = self._indicators(header, end)
        layout = _guess_layout(self.rows, start, header, title)
        return _Parsed(GoalTable.from_rows(rows, **header_fields), agency, title, layout)

    def _fund_use(self, budget_row: int | None, stop: int, start: int) -> str:
        labelled = self._find_row(start, stop, "资金用途")
        if labelled is not None:
            value, _ = self._value_right_of(labelled, ("资金用途",))
            if value is not None:
                return _text(value)
        if budget_row is None:
            return ""
        for r in range(budget_row + 1, stop):
            values = [v for v in self.rows[r][1:] if v is not None and _text(v) != ""]
            texts = [v for v in values if _label(v) not in _ALL_LABELS]
            if texts:
                return _text(texts[0])
        return ""

    def _indicators(self, header: int, end: int) -> list[tuple[str, str, Indicator]]:
        columns: dict[str, int] = {}
        for c, value in enumerate(self.rows[header]):
            field = _HEADER.get(_label(value))
            if field and field not in columns:
                columns[field] = c
        if "name" not in columns or "value" not in columns:
            raise InputError(f"工作表“{self.sheet}”第{header + 1}行：表头缺少“三级指标”或“指标值”")
        split = "comparator" in columns or "unit" in columns
        rows: list[tuple[str, str, Indicator]] = []
        level1 = level2 = ""
        for r in range(header + 1, end):
            row = self.rows[r]

            def get(field: str, row: list[Any] = row) -> str:
                c = columns.get(field)
                return _text(row[c]) if c is not None and c < len(row) else ""

            if _label(get("level1")) == "一级指标":
                continue  # a repeated header row
            cells = [get(f) for f in ("level1", "level2", "name", "description", "value")]
            if not any(x.strip() for x in cells):
                continue  # an empty row
            level1 = get("level1") or level1
            level2 = get("level2") or level2
            comparator = normalize_comparator(get("comparator")) if split else None
            if comparator == QUALITATIVE:
                target = TargetValue(QUALITATIVE, get("value"), "")
            else:  # the three columns, or one cell such as ≥40个 or =100.00(%), as one 指标值
                text = f"{comparator or ''}{get('value')}{get('unit')}"
                target = PROFILES["shanghai"].parse_display(text)
                if target.comparator == QUALITATIVE:
                    target = _verbatim_target(text)
            indicator = Indicator(
                get("name"), get("description"), target.comparator, target.value, target.unit
            )
            for name in ("weight", "explanation", "standard", "remark"):
                setattr(indicator, name, get(name))
            rows.append((level1, level2, indicator))
        return rows


_ALL_LABELS = frozenset(
    {
        "项目名称",
        "预算规模及资金用途",
        "预算数",
        "其他资金",
        "资金用途",
        *_FISCAL_LABELS,
        *_GOAL_LABELS,
        *_HEADER,
        *LABELLED_FIELDS,
        *PERIOD_ANCHORS,
        *ANNUAL_ANCHORS,
        *MONEY_ROWS,
        "项目资金（元）",
        "项目资金（万元）",
        "项目绩效目标",
        "总体目标",
        "绩效指标",
    }
)
