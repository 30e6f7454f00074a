"""Switching a table's money unit (元 ↔ 万元) as one undoable step, its amounts converted
(÷10000 to 万元, ×10000 back) or kept as they are."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from goaleditor.model.document import GoalTable
from goaleditor.model.edits import Edit, SetHeader, Steps
from goaleditor.model.fields import MONEY_FIELDS
from goaleditor.model.money import convert_amount, format_money, parse_money


@dataclass(frozen=True, slots=True)
class Conversion:
    """One amount of a table in its old unit and in the new one (rounded to the cent)."""

    field: str
    old: Decimal
    new: Decimal
    rounded: bool  # digits were lost: 1234.56元 is 0.12万元


def money_conversions(table: GoalTable, unit: str) -> list[Conversion]:
    """The table's amounts converted into unit (元 ↔ 万元), field by field, in field order.

    Raises MoneyError when an amount would exceed the limit in the new unit."""
    conversions = []
    for name in MONEY_FIELDS:
        amount = getattr(table, name)
        if amount is None:
            continue
        converted = convert_amount(amount, table.money_unit, unit)
        parse_money(format_money(converted))  # within the limit
        back = convert_amount(converted, unit, table.money_unit)
        conversions.append(Conversion(name, amount, converted, back != amount))
    return conversions


def change_money_unit(table: GoalTable, unit: str, convert: bool) -> Edit | None:
    """Set the table's money unit as one undo step; convert: every amount is converted into
    it (÷10000 from 元 to 万元, ×10000 back), else the numbers stay as they are."""
    if unit == table.money_unit:
        return None
    edits: list[Edit] = [SetHeader(table, "money_unit", unit)]
    if convert:
        edits += [SetHeader(table, c.field, c.new) for c in money_conversions(table, unit)]
    return Steps(tuple(edits), "修改金额单位（换算金额）" if convert else "修改金额单位")
