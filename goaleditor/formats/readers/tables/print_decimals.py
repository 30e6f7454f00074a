"""指标值 as a layout prints them: Shanghai's =100.00(%) form, its two decimals read as numbers."""

from __future__ import annotations

import re
from decimal import Decimal

from goaleditor.model.document import GoalTable
from goaleditor.model.values import QUALITATIVE, TargetValue, parse_parenthesized

_TWO_PLACES = re.compile(r"^-?\d+\.\d\d$")


def printed_in_form(shown: str) -> TargetValue:
    """A 指标值 in the form of a layout that prints every quantity with its comparator and
    the unit in parentheses (=100.00(%), ≥3.00); anything else is 定性 as written."""
    return parse_parenthesized(shown)


def qualitative_note(shown: list[str]) -> str:
    """The note that values which look like quantities stay 定性 in such a layout."""
    some = f"等{len(shown)}个指标值" if len(shown) > 1 else ""
    return (
        f"本表版式的定量指标值都印作“=100.00(%)”的样式，“{shown[0]}”{some}不是此样式，"
        "按定性指标值读取（可在 问题 面板中改为定量）"
    )


def plain(value: str) -> str:
    """A decimal without the zeros its print style added: 365.00 → 365, 0.50 → 0.5."""
    return format(Decimal(value).normalize(), "f")


def read_print_decimals(table: GoalTable, layout: str) -> tuple[str, str] | None:
    """Take the two printed decimals off every 指标值 when the table prints them all that way.

    A table reads so when each of its numbers has exactly two decimals and it is in the
    Shanghai layout, or has three numbers or more (one 0.50 alone may be what was typed).
    Returns one (as printed, as read) example for the warning, or None when nothing changed.
    """
    values = [
        indicator
        for _, _, indicator in table.indicator_rows()
        if indicator.comparator != QUALITATIVE and indicator.value
    ]
    if not values or not all(_TWO_PLACES.match(i.value) for i in values):
        return None
    if layout != "shanghai" and len(values) < 3:
        return None
    example = None
    for indicator in values:
        read = plain(indicator.value)
        if read != indicator.value:
            example = example or (indicator.value, read)
            indicator.value = read
    return example
