"""A 自评表's money block: 年初预算数 · 全年预算数 · 全年执行数 · 分值 · 执行率 · 得分 by rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from goaleditor.formats.readers.self_evaluation.labels import (
    MONEY_COLUMNS,
    UNMAPPED_MONEY_ROWS,
    bare,
    money_row,
)
from goaleditor.formats.readers.self_evaluation.typed import Typed, typed, typed_rate
from goaleditor.formats.readers.tables.cell_value import text
from goaleditor.formats.readers.tables.money import TableMoney
from goaleditor.formats.readers.tables.money_unit import without_unit

_FIELDS = {
    "initial": "budget_initial",
    "adjusted": "budget_adjusted",
    "executed": "budget_executed",
}


@dataclass
class MoneyBlock:
    """What the block holds: amounts by field, and the clerk's 分值 / 执行率 / 得分."""

    amounts: dict[str, Decimal | None] = field(default_factory=dict)
    weight: Typed | None = None
    rate: Typed | None = None
    score: Typed | None = None
    header_row: int | None = None


def _columns(row: list[Any]) -> dict[str, int]:
    found: dict[str, int] = {}
    for c, value in enumerate(row):
        name = MONEY_COLUMNS.get(without_unit(bare(value)))
        if name and name not in found:
            found[name] = c
    return found


def find_header(rows: list[list[Any]], start: int, stop: int) -> int | None:
    """The row of the block's column labels (年初预算数 … 全年执行数), None if none."""
    for r in range(start, stop):
        columns = _columns(rows[r])
        if "executed" in columns and ("adjusted" in columns or "initial" in columns):
            return r
    return None


def read_money_block(
    rows: list[list[Any]],
    start: int,
    stop: int,
    money: TableMoney,
    say: Callable[[int, str], None],
) -> MoneyBlock:
    """The block between start and stop (the indicator header): its rows until one that is
    no money row; a row with no field of its own (财政专户管理资金) said once."""
    block = MoneyBlock()
    head = find_header(rows, start, stop)
    if head is None:
        return block
    block.header_row = head
    columns = _columns(rows[head])
    first = min(columns.values())
    unmapped: list[tuple[int, str]] = []
    for r in range(head + 1, stop):
        row = rows[r]
        name = next((bare(v) for v in row[:first] if text(v).strip()), "")
        suffix = money_row(name)
        if suffix is None:
            if name in UNMAPPED_MONEY_ROWS:
                unmapped.append((r, name))
                continue
            break
        for column, base in _FIELDS.items():
            c = columns.get(column)
            value = row[c] if c is not None and c < len(row) else None
            block.amounts[base + suffix] = money(value, r, name)
        if suffix == "":
            block.weight = _cell(row, columns.get("weight"), r, typed)
            block.rate = _cell(row, columns.get("rate"), r, typed_rate)
            block.score = _cell(row, columns.get("score"), r, typed)
    if unmapped:
        names = "、".join(name for _, name in unmapped)
        say(
            unmapped[0][0],
            f"预算执行情况中“{names}”行在自评表中没有对应栏目，未导入（已含在总额中）",
        )
    return block


def _cell(
    row: list[Any], c: int | None, r: int, read: Callable[[Any, int], Typed | None]
) -> Typed | None:
    return read(row[c], r) if c is not None and c < len(row) else None
