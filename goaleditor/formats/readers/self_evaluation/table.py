"""One 自评表 found by the shared engine, read into a table of a self-evaluation document."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from goaleditor.errors import RefusalKind
from goaleditor.formats.notes import ImportNote, TableRefusal
from goaleditor.formats.readers.self_evaluation.indicators import (
    indicator_columns,
    read_indicator_rows,
)
from goaleditor.formats.readers.self_evaluation.labels import (
    GOAL_LABELS,
    PROCESS_LABELS,
    RESULT_LABELS,
    SICHUAN_CLUES,
    SICHUAN_LABELS,
    SIGNATURES,
    TEXT_BELOW,
    bare,
    unnumbered,
)
from goaleditor.formats.readers.self_evaluation.money_block import read_money_block
from goaleditor.formats.readers.self_evaluation.typed import Typed
from goaleditor.formats.readers.tables.cell_value import text
from goaleditor.formats.readers.tables.columns import label
from goaleditor.formats.readers.tables.indicator_row import ValueReadings
from goaleditor.formats.readers.tables.money import TableMoney
from goaleditor.formats.readers.tables.table_reader import Parsed, SheetReader
from goaleditor.model.document import GoalTable
from goaleditor.model.layouts import get_profile

SELF_EVALUATION = "绩效自评表"
_YEAR_LINE_RE = re.compile(r"^[（(]?(?:19|20)\d\d年度?[)）]?$")


@dataclass
class EvaluatedTable(Parsed):
    """A 自评表 read, with what the clerk typed for the scores (settled once the document's
    scoring profile is known: see typed_scores)."""

    sheet: str = ""
    name_row: int = 0  # the 项目名称 row (from 0)
    scores: list[Typed | None] = field(default_factory=list)  # per indicator, in order
    total: Typed | None = None
    rate: Typed | None = None
    budget_score: Typed | None = None


def _texts(row: list[Any]) -> list[tuple[int, str]]:
    return [(c, text(v).strip()) for c, v in enumerate(row) if text(v).strip()]


def _first_from(row: list[Any], first: int, stop: int) -> str:
    return next((text(v).strip() for v in row[first:stop] if text(v).strip()), "")


def _layout(lines: str, head: set[str]) -> str:
    squeezed = "".join(lines.split())
    if any(clue in squeezed for clue in SICHUAN_CLUES) or head & SICHUAN_LABELS:
        return "sichuan"
    return "central"


def read_self_evaluation(
    reader: SheetReader, lead: int, start: int, header: int, stop: int
) -> EvaluatedTable:
    """The 自评表 whose 项目名称 row is start and 一级指标 row header; lead..start its title
    lines, stop where the next table's lines begin."""
    rows = reader.rows
    above = [" ".join(t for _, t in _texts(row)) for row in rows[lead:start]]
    title = "".join(line for line in above if "报表编号" not in line)
    head = {bare(v) for row in rows[start : header + 1] for v in row if text(v).strip()}
    layout = _layout(" ".join(above), head)
    _, _, agency, unit = reader.lines_above(lead, start, header)
    if agency and ("自评" in agency[1] or _YEAR_LINE_RE.match("".join(agency[1].split()))):
        agency = None  # the form's title or year line (（2025年度）): the form has no agency line
    columns = indicator_columns(reader, header, start + 1)
    if columns is None:
        missing = ImportNote("表头缺少“三级指标”或“指标值”", reader.sheet, header + 1)
        raise TableRefusal(missing, RefusalKind.HEADER_MISSING)
    readings = ValueReadings(get_profile(layout).value_style, reader.own_print)
    found = read_indicator_rows(reader, columns, header, stop, readings)
    money = TableMoney(unit or "元", reader.say, report_grouping=not reader.own_print)
    block = read_money_block(rows, start, header, money, reader.say)
    if not unit and any(amount is not None for amount in block.amounts.values()):
        reader.say(block.header_row or start, "自评表没有写明金额单位，金额按元读取")
    fields: dict[str, Any] = {
        "project_name": _right_of(rows[start], "项目名称"),
        "money_unit": unit or "元",
        **_head_texts(rows, start, header),
        **_texts_below(rows, found.end, stop),
        **block.amounts,
    }
    if block.weight is not None:
        fields["budget_weight"] = block.weight.shown
    money.finish()
    fields["money_unit"] = money.settle(fields)
    table = GoalTable.from_rows(found.rows, **fields)
    return EvaluatedTable(
        table,
        agency,
        title,
        layout,
        header_row=header,
        sheet=reader.sheet,
        name_row=start,
        scores=found.scores,
        total=found.total,
        rate=block.rate,
        budget_score=block.score,
    )


def _right_of(row: list[Any], wanted: str) -> str:
    """The first text right of a label cell in row ('' when none)."""
    for c, value in enumerate(row):
        if bare(value) == wanted:
            return _first_from(row, c + 1, len(row))
    return ""


def _head_texts(rows: list[list[Any]], start: int, header: int) -> dict[str, str]:
    """主管部门, 实施单位, the goal and its result, Sichuan's 过程概述: by their labels."""
    found: dict[str, str] = {}
    for r in range(start, header):
        row = rows[r]
        labels = {
            bare(v).removesuffix("（盖章）").removesuffix("(盖章)"): c for c, v in enumerate(row)
        }
        pair = (("主管部门", "supervisor"), ("实施单位", "implementer"))
        for wanted, name in pair:
            if wanted in labels and name not in found:
                at = labels[wanted]
                # up to the other label of the row: an empty 主管部门 is not "实施单位"
                later = [labels[w] for w, _ in pair if w in labels and labels[w] > at]
                found[name] = _first_from(row, at + 1, min(later, default=len(row)))
        goal = next((c for lab, c in labels.items() if lab in GOAL_LABELS), None)
        result = next((c for lab, c in labels.items() if lab in RESULT_LABELS), None)
        if goal is not None and result is not None and r + 1 < header and "goal" not in found:
            below = rows[r + 1]
            found["goal"] = _first_from(below, goal, result)
            found["goal_result"] = _first_from(below, result, len(below))
        if any(unnumbered(lab) in PROCESS_LABELS for lab in labels) and r + 1 < header:
            first = min(c for lab, c in labels.items() if unnumbered(lab) in PROCESS_LABELS)
            found["process_summary"] = _first_from(rows[r + 1], first, len(rows[r + 1]))
    return found


def _texts_below(rows: list[list[Any]], first: int, stop: int) -> dict[str, str]:
    """Sichuan's 评价结论 / 存在问题 / 改进措施 and the two signatures under 合计."""
    found: dict[str, str] = {}
    for r in range(first, stop):
        for c, shown in _texts(rows[r]):
            plain = label(shown)
            if (name := TEXT_BELOW.get(plain)) and name not in found:
                found[name] = _first_from(rows[r], c + 1, len(rows[r]))
                break
            for wanted, name in SIGNATURES.items():
                signed = re.match(rf"{wanted}\s*[:：]\s*(.*)$", shown.strip())
                if signed:
                    found[name] = signed.group(1) or _first_from(rows[r], c + 1, len(rows[r]))
    return found
