"""Goal tables found in one sheet of cell values by their labels, read as a person reads them."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from goaleditor.errors import RefusalKind
from goaleditor.formats.notes import ImportNote, TableRefusal
from goaleditor.formats.readers.tables.blank_levels import LevelledRow, fill_levels
from goaleditor.formats.readers.tables.cell_value import text
from goaleditor.formats.readers.tables.columns import (
    HEADER,
    SUB_HEADER,
    find_columns,
    is_header_row,
    label,
)
from goaleditor.formats.readers.tables.header_labels import (
    ANNUAL_ANCHORS,
    LABELLED_FIELDS,
    MONEY_ROWS,
    PERIOD_ANCHORS,
    LabelledFields,
    guess_layout,
)
from goaleditor.formats.readers.tables.indicator_row import ValueReadings, read_indicator
from goaleditor.formats.readers.tables.label_cells import GOAL_LABELS, split_label_cells
from goaleditor.formats.readers.tables.level_names import canonical_levels
from goaleditor.formats.readers.tables.list_form import is_list_form, list_tables
from goaleditor.formats.readers.tables.money import SCALE, NoResult, TableMoney
from goaleditor.formats.readers.tables.money_unit import (
    AssumedUnit,
    UnitClues,
    assume_unit,
    unit_in_line,
    without_unit,
)
from goaleditor.formats.readers.tables.other_tables import table_kind
from goaleditor.formats.readers.tables.table_end import (
    after_block,
    is_footer,
    is_title,
    lead_start,
    title_name,
)
from goaleditor.model.document import GoalTable, Indicator
from goaleditor.model.layouts import get_profile

# An agency code and name ("101001 某某局"); never a numbered title ("100.2026年…") or a year.
AGENCY_RE = re.compile(r"^(\d{3,})(?![\d.．、,，年])\s*(\S.*)$")
UNIT_RE = re.compile(r"^(?:金额)?单位[:：](万元|元)$")
# 填报单位（盖章）：… as well: a short note in brackets may sit between label and colon.
AGENCY_LABEL_RE = re.compile(
    r"^(?:填报单位|编报单位|编制单位|编制部门|填报部门|单位名称|预算单位|申报单位|部门名称)"
    r"\s*(?:[（(][^（()）]{1,6}[)）])?\s*[:：]\s*(.+)$"
)
_FORM_YEAR_RE = re.compile(r"^[（(](?:19|20)\d\d年度?[)）]$")
# A document's title over its tables, its year in brackets after it or on the next line.
_DOC_TITLE_RE = re.compile(r"项目支出绩效目标表(?:汇总)?(?:[（(](?:19|20)\d\d年度?[)）])?$")
FISCAL_LABELS = ("其中：财政资金", "其中:财政资金", "财政资金", "其中：财政拨款", "其中:财政拨款")
_AMOUNT_RE = re.compile(
    r"^[-+]?[￥¥]?[\d,，]*(?:\.\d*)?\s*(?:万?元|万)?$"
)  # a money block's amounts
_TOTAL_LABELS = ("预算数", "资金总额", "年度资金总额", "年度预算数", "项目预算数", "预算金额")
_OTHER_LABELS = ("其他资金", "其中：其他资金", "其中:其他资金")
_OVERALL_GOAL = ("总体目标",)  # a group label over 中期目标 | 年度目标, or a goal's own label
# A money label may carry its unit: 预算数（万元）, 财政资金(元), 预算数（单位：万元）.
_UNIT_SUFFIX_RE = re.compile(r"^(.+?)[（(](?:单位[:：])?(万元|元)[)）]$")
_ALL_LABELS = frozenset(
    {
        "项目名称",
        "预算规模及资金用途",
        "资金用途",
        *_TOTAL_LABELS,
        *_OTHER_LABELS,
        *FISCAL_LABELS,
        *GOAL_LABELS,
        *HEADER,
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


@dataclass
class Parsed:
    """One goal table found, with the lines around it."""

    table: GoalTable
    agency: tuple[str, str] | None
    title: str
    layout: str = ""
    document_title: str = ""
    header_row: int | None = None  # the 一级指标 row, from 0


class SheetReader:
    """Finds goal tables in one sheet by their labels; each guess or skip goes to notes."""

    def __init__(
        self,
        rows: list[list[Any]],
        sheet_name: str,
        own_print: bool = False,
        first_column: int = 0,
        unit_clues: UnitClues | None = None,
    ) -> None:
        self.rows = rows
        self.unit_clues = unit_clues or UnitClues([])  # for a table stating no unit
        self.sheet = sheet_name
        self.first_column = first_column  # where rows start in the sheet (a band of it)
        self.own_print = own_print  # printed by goaleditor: its number style is no guess
        self.notes: list[ImportNote] = []
        self._unknown: set[str] = set()  # header labels said once per sheet
        self.skipped: list[str] = []  # the kinds of table read and found not to be goal tables
        # Reads a 自评表 (reader, lead, start, header, stop); set by the document reader.
        self.read_self_evaluation: Callable[[SheetReader, int, int, int, int], Parsed] | None = None

    def _say(self, r: int, message: str) -> None:
        self.notes.append(ImportNote(message, self.sheet, r + 1))

    def say(self, r: int, message: str) -> None:
        """Note message about row r (from 0) of this sheet."""
        self._say(r, message)

    def tables(self) -> list[Parsed]:
        """Every table of the sheet, in order; its lines above it and footers below."""
        self.rows = list(self.rows)  # cells split below do not change the caller's rows
        split_label_cells(self.rows, self._say)
        starts = [r for r, row in enumerate(self.rows) if any(label(v) == "项目名称" for v in row)]
        found = []
        lead = 0
        for n, start in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else len(self.rows)
            header = self._find_row(start, end, "一级指标")
            if header is None:
                continue  # a 项目名称 column of another table (项目支出预算表)
            lead, skipped = after_block(self.rows, start, lead, self.sheet)
            if skipped is not None:
                self.notes.append(skipped)
            kind = self._other_kind(lead, start, header)
            if kind == "绩效自评表" and self.read_self_evaluation is not None:
                stop = lead_start(self.rows, end, header + 1) if end < len(self.rows) else end
                self._formulas(lead, stop)
                found.append(self.read_self_evaluation(self, lead, start, header, stop))
                lead = stop
                continue
            if kind:
                self.skipped.append(kind)
                self._say(start, f"这张表是{kind}，不是绩效目标表，已跳过")
                lead = lead_start(self.rows, end, header + 1) if end < len(self.rows) else end
                continue
            if is_list_form(self.rows, start, header):
                stop = lead_start(self.rows, end, header + 1) if end < len(self.rows) else end
                self._formulas(lead, stop)
                found.extend(list_tables(self, lead, start, header, stop))
                lead = stop
                continue
            named = [c for c, v in enumerate(self.rows[start]) if label(v) == "项目名称"]
            if len(named) > 1:  # side by side with no empty column between: not told apart
                column = self.first_column + named[1] + 1
                self._say(start, f"第{column}列起还有一张表，未导入")
            stop = lead_start(self.rows, end, header + 1) if end < len(self.rows) else end
            self._formulas(lead, stop)
            found.append(self._table(lead, start, header, stop))
            lead = stop
        return found

    def _other_kind(self, lead: int, start: int, header: int) -> str:
        """绩效自评表 or 部门整体支出绩效目标表 when a table's title or head says it is one."""
        head = [label(v) for row in self.rows[start : header + 2] for v in row if text(v).strip()]
        title = " ".join(text(v) for row in self.rows[lead:start] for v in row)
        return table_kind(head, title)

    def _formulas(self, first: int, stop: int) -> None:
        for r in range(first, stop):
            for value in self.rows[r]:
                if isinstance(value, NoResult):
                    self._say(r, f"公式“{value.formula}”没有保存计算结果，按空白读取")

    def _find_row(self, start: int, end: int, wanted: str | tuple[str, ...]) -> int | None:
        labels = (wanted,) if isinstance(wanted, str) else wanted
        for r in range(start, end):
            if any(label(v) in labels for v in self.rows[r]):
                return r
        return None

    def _find_money_row(self, start: int, end: int, labels: tuple[str, ...]) -> int | None:
        """The row of a money label, written bare or with its unit (预算数（万元）)."""
        for r in range(start, end):
            if any(money_label(v, labels)[0] in labels for v in self.rows[r]):
                return r
        return None

    def _value_right_of(self, r: int, labels: tuple[str, ...]) -> tuple[Any, int]:
        row = self.rows[r]
        for c, value in enumerate(row):
            if money_label(value, labels)[0] in labels:
                for right in row[c + 1 :]:
                    if right is not None and text(right) != "" and label(right) not in _ALL_LABELS:
                        return right, c
                    if right is not None and text(right) != "":
                        return None, c
                return None, c
        return None, -1

    def lines_above(self, lead: int, start: int, header: int) -> tuple[str, str, Any, str]:
        """Title, document title, agency and money unit from the lines above and in the head."""
        title = document_title = ""
        agency = None
        unit = ""
        for r in range(lead, header):
            unit_row = any(unit_in_line(label(v)) for v in self.rows[r])
            for value in self.rows[r]:
                shown = text(value).strip()
                squeezed = label(value)
                if named := unit_in_line(squeezed):
                    unit = unit or named
                    squeezed = without_unit(squeezed)
                    shown = without_unit(shown).strip()
                    if not shown or r >= start:
                        continue
                if r >= start:
                    continue
                if _DOC_TITLE_RE.search(squeezed) and not document_title and not title:
                    document_title = shown
                elif not title and is_title(shown):
                    title = shown
                elif title and _FORM_YEAR_RE.match(squeezed):
                    title += shown
                elif document_title and not title and _FORM_YEAR_RE.match(squeezed):
                    document_title += shown
                elif agency is None and (match := AGENCY_LABEL_RE.match(shown)):
                    agency = self._agency(match.group(1).strip())
                elif agency is None and (match := AGENCY_RE.match(shown)):
                    agency = (match.group(1), match.group(2))
                elif agency is None and unit_row and shown:
                    agency = ("", shown)
        return title, document_title, agency, unit

    @staticmethod
    def _agency(shown: str) -> tuple[str, str]:
        match = AGENCY_RE.match(shown)
        return (match.group(1), match.group(2)) if match else ("", shown)

    def _table(self, lead: int, start: int, header: int, stop: int) -> Parsed:
        title, document_title, agency, unit = self.lines_above(lead, start, header)
        project, _ = self._value_right_of(start, ("项目名称",))
        if (
            document_title
            and not title
            and label(project)
            and label(project) in label(document_title)
        ):
            title, document_title = document_title, ""  # "XX项目支出绩效目标表" names this table
        said = len(self.notes)  # the indicators' notes follow the head's, as it is read
        columns, below = self._columns(header, start + 1)
        layout = guess_layout(self.rows, start, header + below, title)
        readings = ValueReadings(get_profile(layout).value_style, self.own_print)
        rows = self._indicators(columns, header + below, stop, readings)
        on_indicators = self.notes[said:]
        del self.notes[said:]
        assumed = None if unit in SCALE else self._assumed_unit(start, header, rows, layout)
        unit = assumed.unit if assumed else unit
        money = TableMoney(unit, self._say, report_grouping=not self.own_print)
        header_fields: dict[str, Any] = {
            "project_name": text(project) or (title_name(title) or ""),
            "money_unit": unit,
        }
        extra = self._money_fields(start, header, money, header_fields)
        if assumed and any(
            isinstance(v, Decimal) for v in (*header_fields.values(), *extra.values())
        ):
            self.notes.insert(said, ImportNote(assumed.note, self.sheet, start + 1))
        self.notes.extend(on_indicators)
        goal_row = self._find_row(start, header, GOAL_LABELS)
        goal, _ = self._value_right_of(goal_row, GOAL_LABELS) if goal_row is not None else (None, 0)
        if goal_row is None and not extra.get("goal"):  # a hand-made head: 总体目标 | its text
            goal_row = self._find_row(start, header, _OVERALL_GOAL)
            if goal_row is not None:
                goal, _ = self._value_right_of(goal_row, _OVERALL_GOAL)
        header_fields["goal"] = text(goal)
        header_fields["fund_use"] = self._fund_use(
            self._find_money_row(start, header, _TOTAL_LABELS), goal_row or header, start
        )
        if header_fields["goal"]:  # a 绩效目标 beside its label wins
            extra.pop("goal", None)
        header_fields.update({k: v for k, v in extra.items() if v is not None})
        money.finish()
        header_fields["money_unit"] = money.settle(header_fields)
        table = GoalTable.from_rows(rows, **header_fields)
        return Parsed(table, agency, title, layout, document_title, header)

    def _money_fields(
        self, start: int, header: int, money: TableMoney, fields: dict[str, Any]
    ) -> dict[str, Any]:
        """The amounts of the head: the labelled ones put in fields; a form's fields
        (its money block, its dates and goals, read by their labels) returned."""
        extra = LabelledFields(self.rows, start, header, money).fields()
        for name, labels in (
            ("budget_total", _TOTAL_LABELS),
            ("budget_fiscal", FISCAL_LABELS),
            ("budget_other", _OTHER_LABELS),
        ):
            r = None if name in extra else self._find_money_row(start, header, labels)
            if r is not None:  # not a form's money block (read by LabelledFields)
                value, c = self._value_right_of(r, labels)
                named = money_label(self.rows[r][c], labels)[1] if c >= 0 else ""
                if named and money.unit in SCALE and named != money.unit:
                    self._say(
                        r,
                        f"{MONEY_LABEL[name]}的标签写“{named}”，本表单位为“{money.unit}”，"
                        f"按“{money.unit}”读取，请核对",
                    )
                fields[name] = money(value, r, MONEY_LABEL[name])
        return extra

    def _assumed_unit(
        self, start: int, header: int, rows: list[tuple[str, str, Indicator]], layout: str
    ) -> AssumedUnit:
        """The unit of a table with no unit line of its own, looked for wider (money_unit)."""
        probe: dict[str, Any] = {}
        extra = self._money_fields(start, header, TableMoney("元", lambda _r, _m: None), probe)
        budget = next(
            (
                amounts[k]
                for amounts in (probe, extra)
                for k in ("budget_total", "period_total", "budget_fiscal")
                if isinstance(amounts.get(k), Decimal)
            ),
            None,
        )
        head = (v for row in self.rows[start:header] for v in row)
        return assume_unit(self.unit_clues, start, head, budget, rows, layout)

    def _fund_use(self, budget_row: int | None, stop: int, start: int) -> str:
        labelled = self._find_row(start, stop, "资金用途")
        if labelled is not None:
            value, _ = self._value_right_of(labelled, ("资金用途",))
            if value is not None:
                return text(value)
        if budget_row is None:
            return ""
        budget = self.rows[budget_row]
        edge = next((c for c, v in enumerate(budget) if text(v).strip()), 0)  # the label column
        for r in range(budget_row + 1, stop):
            if any(text(v).strip() for v in self.rows[r][: edge + 1]):
                break  # the next labelled block (总体目标, 绩效目标): no use row
            values = [v for v in self.rows[r][edge + 1 :] if v is not None and text(v) != ""]
            texts = [
                v for v in values if label(v) not in _ALL_LABELS and not _AMOUNT_RE.match(text(v))
            ]
            if texts:
                return text(texts[0])
        return ""

    def say_unknown(self, r: int, shown: str) -> None:
        """Note a header label nobody knows, once per sheet."""
        if shown not in self._unknown:
            self._unknown.add(shown)
            self._say(r, f"表头“{shown}”不认识，该列未读取")

    def _columns(self, header: int, floor: int) -> tuple[dict[str, int], int]:
        columns = find_columns(self.rows, header, floor, self.say_unknown)
        if "name" not in columns.fields or "value" not in columns.fields:
            missing = ImportNote("表头缺少“三级指标”或“指标值”", self.sheet, header + 1)
            raise TableRefusal(missing, RefusalKind.HEADER_MISSING)
        return columns.fields, columns.extra_rows

    def indicator_rows(
        self, columns: dict[str, int], header: int, stop: int, layout: str
    ) -> list[tuple[str, str, Indicator]]:
        """The indicator rows below row header down to stop, of a table in layout."""
        readings = ValueReadings(get_profile(layout).value_style, self.own_print)
        return self._indicators(columns, header, stop, readings)

    def _indicators(
        self, columns: dict[str, int], header: int, stop: int, readings: ValueReadings
    ) -> list[tuple[str, str, Indicator]]:
        """The indicator rows below the header (its last row at header) down to stop."""
        split = "comparator" in columns or "unit" in columns
        found: list[LevelledRow] = []
        ended = False
        for r in range(header + 1, stop):
            row = self.rows[r]

            def get(name: str, row: list[Any] = row) -> str:
                c = columns.get(name)
                return text(row[c]).strip() if c is not None and c < len(row) else ""

            first = next((text(v).strip() for v in row if text(v).strip()), "")
            if not first:
                continue  # an empty row
            if ended or is_footer(row):
                ended = True
                self._say(r, f"表下的“{first[:20]}”不是指标，已跳过")
                continue
            if label(get("level1")) == "一级指标" or is_header_row(row, SUB_HEADER):
                continue  # a repeated header row (on a continued page)
            if not any(get(f) for f in ("name", "description", "value")):
                self._say(r, f"“{first[:20]}”不是指标（没有三级指标和指标值），已跳过")
                continue
            say = functools.partial(self._say, r)
            indicator = read_indicator(get, split, say, readings)
            found.append(LevelledRow(r, get("level1"), get("level2"), indicator))
        for note in readings.finish():
            self._say(header, note)
        fill_levels(found, self._say)
        pairs, note = canonical_levels([(row.level1, row.level2) for row in found])
        if note:
            self._say(header, note)
        return [(*pair, row.indicator) for pair, row in zip(pairs, found, strict=True)]


def money_label(value: Any, labels: tuple[str, ...]) -> tuple[str, str]:
    """A cell's label with the money unit it carries taken off when the rest is one of labels
    (预算数（万元） is 预算数, 万元), else the label and ''."""
    shown = label(value)
    match = _UNIT_SUFFIX_RE.match(shown)
    if match and match.group(1) in labels:
        return match.group(1), match.group(2)
    return shown, ""


MONEY_LABEL = {"budget_total": "预算数", "budget_fiscal": "财政资金", "budget_other": "其他资金"}
