"""The money unit of a table that states none: looked for wider, and what was assumed said.

A missing 单位：万元 makes every amount 10,000 times too small, so a table without its own
unit line takes the nearest statement above it on its sheet, else the one the whole file
agrees on (another table's line, a cover, the 目录), else amounts written with a unit, else
its cost indicators' magnitude; only then 元, and never without a note.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from goaleditor.formats.notes import place
from goaleditor.formats.readers.tables.money import SCALE, NoResult
from goaleditor.model.document import Indicator

_UNIT = r"(千万元|百万元|亿元|万元|千元|元)"
# 单位：万元, 金额单位为万元, （单位：人民币万元）, and a money label's 项目资金（万元）.
_STATEMENT_RE = re.compile(
    rf"(?:金额|资金)?单位(?:[:：]|为)(?:人民币)?{_UNIT}(?![/每])"
    rf"|^(?:项目)?(?:资金|金额|预算数?|经费|预算金额)[（(](?:单位[:：])?{_UNIT}[)）]$"
)
# A unit named on a table's lines above it or in its head: 单位：万元, （万元）.
_UNIT_IN_LINE_RE = re.compile(rf"(?:金额|资金)?单位\s*[:：]\s*{_UNIT}|[（(]\s*{_UNIT}\s*[)）]")
_LONGEST = 40  # a unit line is short; a longer cell is prose that may quote one
_SUFFIXED_RE = re.compile(r"^[-+]?[￥¥]?\d[\d,，]*(?:\.\d+)?(万元|元)$")
_COST_LEVEL = "成本"
_PAGE_RE = re.compile(r"第\d+页")  # how the PDF reader names its sheets
# A cost this many times the budget in 元 is nearer, by ratio, to the budget in 万元.
_NEARER_IN_WANYUAN = Decimal(100)


@dataclass(frozen=True, slots=True)
class UnitStatement:
    """A line that names a money unit: where it is (row from 0) and what it says."""

    unit: str
    sheet: str
    row: int
    text: str
    order: int  # the sheet's place in the file (PDF pages' sheets may share a name)


def _squeezed(value: Any) -> str:
    if not isinstance(value, str):
        return ""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value).replace(":", "："))


def statement_in(value: Any) -> tuple[str, str] | None:
    """The unit a cell names and the words naming it (单位：万元), or None."""
    if not isinstance(value, str) or "元" not in value or len(value) > _LONGEST:
        return None
    text = _squeezed(value)
    match = _STATEMENT_RE.search(text)
    if match is None:
        return None
    return (match.group(1) or match.group(2)), match.group(0)


def unit_in_line(text: str) -> str | None:
    """The money unit a line of a table's head names (单位：万元, （万元）), or None."""
    match = _UNIT_IN_LINE_RE.search(text)
    return (match.group(1) or match.group(2)) if match else None


def without_unit(text: str) -> str:
    """The line with the words naming its money unit taken out."""
    return _UNIT_IN_LINE_RE.sub("", text)


def unit_statements(sheets: Iterable[tuple[str, list[list[Any]]]]) -> list[UnitStatement]:
    """Every money-unit statement in the file, sheet by sheet, row by row."""
    found: list[UnitStatement] = []
    for order, (name, grid) in enumerate(sheets):
        for r, row in enumerate(grid):
            for value in row:
                said = statement_in(value)
                if said:
                    found.append(UnitStatement(said[0], name, r, said[1], order))
                    break
    return found


@dataclass(frozen=True, slots=True)
class AssumedUnit:
    """The unit a table without its own unit line is read in, and the note saying why."""

    unit: str
    note: str


@dataclass(frozen=True, slots=True)
class UnitClues:
    """The file's unit statements, and the place in the file (order) of the sheet read."""

    statements: list[UnitStatement]
    order: int = -1


def from_statements(clues: UnitClues, start: int) -> AssumedUnit | None:
    """The nearest statement above the table on its sheet, else the unit every statement in
    the file agrees on."""
    statements = clues.statements
    above = [s for s in statements if s.order == clues.order and s.row < start]
    if above:
        nearest = above[-1]
        where = f"第{nearest.row + 1}行"
    elif len({s.unit for s in statements}) == 1:
        nearest = statements[0]
        where = place(nearest.sheet, nearest.row + 1)
    else:
        return None
    if nearest.unit not in SCALE:
        return None
    if not above and _PAGE_RE.fullmatch(nearest.sheet):  # a PDF page has no rows to count
        said = f"按{nearest.sheet}“{nearest.text}”一行，按{nearest.unit}读取"
        return AssumedUnit(nearest.unit, f"本表没有写金额单位，{said}")
    return AssumedUnit(
        nearest.unit, f"本表没有写金额单位，按{where}的“{nearest.text}”读作{nearest.unit}"
    )


def from_written_amounts(values: Iterable[Any]) -> AssumedUnit | None:
    """The unit the amounts themselves carry (680万元), when they all carry the same one."""
    units: dict[str, str] = {}
    for value in values:
        if isinstance(value, str) and (match := _SUFFIXED_RE.match(_squeezed(value))):
            units.setdefault(match.group(1), value.strip())
    if len(units) != 1:
        return None
    unit, example = next(iter(units.items()))
    return AssumedUnit(unit, f"本表没有写金额单位，金额写作“{example}”，按{unit}读取")


def _amount(value: Any) -> Decimal | None:
    if isinstance(value, NoResult | bool) or value is None:
        return None
    text = _squeezed(value) if isinstance(value, str) else str(value)
    try:
        amount = Decimal(text.replace(",", "").replace("，", ""))
    except (InvalidOperation, ValueError):
        return None
    return amount if amount.is_finite() and amount > 0 else None


def from_costs(budget: Any, rows: Iterable[tuple[str, str, Indicator]]) -> AssumedUnit | None:
    """万元 when the budget read in 元 is far below a cost indicator in money (预算数 6.3
    beside a 成本指标 of ≤42万元): nearer it, by ratio, read in 万元 than in 元."""
    total = _amount(budget)
    if total is None:
        return None
    costs = []
    for level1, level2, indicator in rows:
        if _COST_LEVEL not in level1 + level2 or indicator.unit not in SCALE:
            continue
        value = _amount(indicator.value)
        if value is not None:
            costs.append((value * SCALE[indicator.unit], indicator))
    if not costs:
        return None
    largest, indicator = max(costs, key=lambda cost: cost[0])
    if not largest > total * _NEARER_IN_WANYUAN:
        return None
    shown = f"{indicator.comparator if indicator.comparator != '=' else ''}"
    return AssumedUnit(
        "万元",
        f"本表没有写金额单位，预算数{budget}按元读比成本指标“{indicator.name}”"
        f"（{shown}{indicator.value}{indicator.unit}）还少，按万元读取",
    )


# The unit each region's form prints beside its money (项目资金（万元）, 项目资金（元）).
_FORM_UNITS = {
    "central": ("万元", "中央部门项目支出绩效目标申报表"),
    "shanghai": ("元", "上海财政项目支出绩效目标申报表"),
}


def from_form(layout: str) -> AssumedUnit | None:
    """The unit of the official form the table's labels show, when it prints one."""
    if layout not in _FORM_UNITS:
        return None
    unit, form = _FORM_UNITS[layout]
    return AssumedUnit(unit, f"本表没有写金额单位，{form}的金额以{unit}填写，按{unit}读取")


DEFAULT_UNIT = AssumedUnit("元", "本表没有写金额单位（如“单位：万元”），按元读取，请核对")


def assume_unit(
    clues: UnitClues,
    start: int,
    head: Iterable[Any],
    budget: Decimal | None,
    rows: Iterable[tuple[str, str, Indicator]],
    layout: str,
) -> AssumedUnit:
    """The unit of a table (its 项目名称 row at start) with no unit line of its own: from the
    file's statements, else its head's amounts (head: the cells above its indicators), else
    its budget beside its costs, else its form's; else 元, always with a note."""
    return (
        from_statements(clues, start)
        or from_written_amounts(head)
        or from_costs(budget, rows)
        or from_form(layout)
        or DEFAULT_UNIT
    )
