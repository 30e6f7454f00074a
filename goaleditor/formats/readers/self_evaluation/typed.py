"""Figures a clerk typed on a 自评表 (得分, 执行率, 总分): read as numbers, kept as written."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from goaleditor.formats.readers.tables.cell_value import amount_text, text
from goaleditor.model.values import decimal_value

_HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Typed:
    """One typed figure: its text as the cell shows it, its number (None if not one), its row."""

    shown: str
    number: Decimal | None
    row: int


def typed(value: Any, row: int) -> Typed | None:
    """A typed score or weight; None for a blank cell or a dash (—, /)."""
    shown = amount_text(value).strip()
    if shown in ("", "—", "-", "/", "－", "——"):
        return None
    return Typed(shown, decimal_value(shown), row)


def typed_rate(value: Any, row: int) -> Typed | None:
    """A typed 执行率 in percent: "95.23%" as text, or a number cell (0.9523 is a fraction)."""
    shown = text(value).strip()
    if not shown or shown in ("—", "/", "-"):
        return None
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        try:
            number = Decimal(amount_text(value))
        except InvalidOperation:
            return Typed(shown, None, row)
        percent = number * _HUNDRED if abs(number) <= 2 else number
        return Typed(f"{percent.normalize():f}%", percent, row)
    return Typed(shown, decimal_value(shown.rstrip("%％").strip()), row)
