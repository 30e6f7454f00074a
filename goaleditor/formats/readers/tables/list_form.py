"""A list of projects in one sheet: 项目名称 | 年度目标 | 一级指标 … as one header row, one row
or block of rows per project. Read as one goal table per project, and said; refused when no
project can be told apart, never read as one table named after a column."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from goaleditor.errors import RefusalKind
from goaleditor.formats.notes import ImportNote, TableRefusal
from goaleditor.formats.readers.tables.columns import (
    GROUP_LABELS,
    IGNORED,
    field_of,
    find_columns,
    label,
)
from goaleditor.formats.readers.tables.header_labels import (
    LABELLED_FIELDS,
    date_text,
    guess_layout,
)
from goaleditor.formats.readers.tables.money import SCALE, TableMoney, read_money
from goaleditor.formats.readers.tables.money_unit import (
    DEFAULT_UNIT,
    AssumedUnit,
    from_costs,
    from_statements,
    from_written_amounts,
)
from goaleditor.model.document import GoalTable

if TYPE_CHECKING:
    from goaleditor.formats.readers.tables.table_reader import Parsed, SheetReader

FORM = "项目清单式的表（项目名称、一级指标等都是列标题，每个项目占一行或几行）"
# A column label of the list (a money label's unit in brackets taken off) -> field.
_PROJECT_COLUMNS: dict[str, str] = {
    "项目名称": "project_name",
    "年度目标": "goal",
    "年度绩效目标": "goal",
    "绩效目标": "goal",
    "项目绩效目标": "goal",
    "年度总体目标": "goal",
    "总体目标": "goal",
    "项目年度目标": "goal",
    "预算数": "budget_total",
    "年度预算数": "budget_total",
    "项目预算数": "budget_total",
    "预算金额": "budget_total",
    "资金总额": "budget_total",
    "年度资金总额": "budget_total",
    "项目资金": "budget_total",
    "财政资金": "budget_fiscal",
    "其中：财政资金": "budget_fiscal",
    "财政拨款": "budget_fiscal",
    "其他资金": "budget_other",
    "其中：其他资金": "budget_other",
    "资金用途": "fund_use",
    "中期目标": "period_goal",
    "实施期目标": "period_goal",
    **LABELLED_FIELDS,
}
_MONEY = ("budget_total", "budget_fiscal", "budget_other")
_BRACKET_UNIT_RE = re.compile(r"[（(](?:单位[:：])?(千万元|百万元|亿元|万元|千元|元)[)）]$")
_LABEL_NAME = {"budget_total": "预算数", "budget_fiscal": "财政资金", "budget_other": "其他资金"}


def is_list_form(rows: list[list[Any]], start: int, header: int) -> bool:
    """The 项目名称 label heads a column of the indicators' header: in the 一级指标 row, or
    in the row above it when every cell there is a column label (绩效指标 over 一级|二级|三级)."""
    if header == start:
        return True
    if header != start + 1:
        return False
    labels = [label(v) for v in rows[start] if label(v)]
    column = next(c for c, v in enumerate(rows[start]) if label(v) == "项目名称")
    below = label(rows[header][column]) if column < len(rows[header]) else ""
    return not below and all(_column_label(text) for text in labels)


def _column_label(text: str) -> bool:
    return bool(
        _PROJECT_COLUMNS.get(_BRACKET_UNIT_RE.sub("", text))
        or field_of(text)
        or text in GROUP_LABELS | IGNORED
    )


@dataclass
class _Block:
    """The rows of one project: first (its name's row) up to stop."""

    name: str
    first: int
    stop: int


def _project_columns(row: list[Any]) -> tuple[dict[str, int], str]:
    """Where each project field is, and the money unit a money label names (预算数（万元）)."""
    found: dict[str, int] = {}
    unit = ""
    for c, value in enumerate(row):
        text = label(value)
        bracket = _BRACKET_UNIT_RE.search(text)
        name = _PROJECT_COLUMNS.get(_BRACKET_UNIT_RE.sub("", text))
        if name and name not in found:
            found[name] = c
            if bracket and name in _MONEY:
                unit = unit or bracket.group(1)
    return found, unit


def _cell(row: list[Any], c: int | None) -> Any:
    return row[c] if c is not None and c < len(row) else None


def list_tables(reader: SheetReader, lead: int, start: int, header: int, stop: int) -> list[Parsed]:
    """One goal table per project of the list whose 项目名称 label is in row start and
    whose 一级指标 label is in row header."""
    from goaleditor.formats.readers.tables.table_reader import Parsed

    rows = reader.rows
    project, unit = _project_columns(rows[start])
    if start != header:
        below, below_unit = _project_columns(rows[header])
        project = {**below, **project}
        unit = unit or below_unit
    known = {
        label(rows[r][c]) for c in project.values() for r in (start, header) if c < len(rows[r])
    }

    def unknown(r: int, shown: str) -> None:
        if label(shown) not in known:
            reader.say_unknown(r, shown)

    # The project's columns are no indicator's: read as a column of numbers (序号) is.
    heads = {
        r: ["序号" if c in project.values() else v for c, v in enumerate(rows[r])]
        for r in (start, header)
    }
    columns = find_columns([heads.get(r, row) for r, row in enumerate(rows)], header, lead, unknown)
    if "name" not in columns.fields or "value" not in columns.fields:
        missing = ImportNote(f"这是{FORM}，表头缺少“三级指标”或“指标值”", reader.sheet, header + 1)
        raise TableRefusal(missing, RefusalKind.HEADER_MISSING)
    body = header + columns.extra_rows
    blocks = _blocks(reader, project["project_name"], body + 1, stop)
    if not blocks:
        refusal = ImportNote(f"这是{FORM}，没有读出任何项目，未导入", reader.sheet, start + 1)
        raise TableRefusal(refusal, RefusalKind.NOT_A_GOAL_TABLE)
    title, document_title, agency, stated = reader.lines_above(lead, start, start)
    reader.notes.append(
        ImportNote(f"这是{FORM}，按项目名称分为{len(blocks)}张绩效目标表", reader.sheet, start + 1)
    )
    layout = guess_layout(rows, start, body, title)
    found = []
    for block in blocks:
        table = _table(reader, block, project, columns.fields, stated or unit, layout)
        found.append(Parsed(table, agency, "", layout, document_title or title, header))
    return found


def _blocks(reader: SheetReader, column: int, first: int, stop: int) -> list[_Block]:
    """The projects: a name starts one, blank names below it (a merged cell) continue it."""
    blocks: list[_Block] = []
    for r in range(first, stop):
        name = label(_cell(reader.rows[r], column))
        shown = str(_cell(reader.rows[r], column) or "").strip()
        if name and (not blocks or label(blocks[-1].name) != name):
            if blocks:
                blocks[-1].stop = r
            blocks.append(_Block(shown, r, stop))
        elif not blocks and any(str(v or "").strip() for v in reader.rows[r]):
            reader.say(r, "这一行不属于任何项目（项目名称为空），已跳过")
    return blocks


def _table(
    reader: SheetReader,
    block: _Block,
    project: dict[str, int],
    fields: dict[str, int],
    unit: str,
    layout: str,
) -> GoalTable:
    """The goal table of one project's rows."""
    rows = reader.rows[block.first : block.stop]

    def first_value(name: str) -> tuple[Any, int]:
        for n, row in enumerate(rows):
            value = _cell(row, project.get(name))
            if value is not None and str(value).strip():
                return value, block.first + n
        return None, block.first

    indicators = reader.indicator_rows(fields, block.first - 1, block.stop, layout)
    assumed: AssumedUnit | None = None
    if unit not in SCALE:
        amounts = [first_value(name)[0] for name in _MONEY]
        budget = next((a for a in amounts if a is not None), None)
        assumed = (
            from_statements(reader.unit_clues, block.first)
            or from_written_amounts(amounts)
            or from_costs(_plain(budget), indicators)
            or DEFAULT_UNIT
        )
        unit = assumed.unit
    money = TableMoney(unit, reader.say, report_grouping=not reader.own_print)
    header: dict[str, Any] = {"project_name": block.name, "money_unit": unit}
    for name in project:
        if name == "project_name":
            continue
        value, r = first_value(name)
        if name in _MONEY:
            header[name] = money(value, r, _LABEL_NAME[name])
        elif value is not None:
            header[name] = date_text(value) if name.endswith("_date") else str(value).strip()
    if assumed and any(isinstance(header.get(name), Decimal) for name in _MONEY):
        reader.say(block.first, assumed.note)
    money.finish()
    header["money_unit"] = money.settle(header)
    return GoalTable.from_rows(indicators, **header)


def _plain(value: Any) -> Decimal | None:
    """An amount as typed, quietly (for comparing magnitudes)."""
    return read_money(value, "元", lambda _message: None, exact=True)
