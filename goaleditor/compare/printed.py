"""Fields as printed, for comparing: header fields, money with its unit, document properties.

Money compares by amount: 6300000.00 in a 元 table and 630.00 in a 万元 table are the same
money (the 金额单位 line says the unit changed); when amounts differ each prints with its unit.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from goaleditor.model.document import Document, GoalTable
from goaleditor.model.fields import (
    DOCUMENT_PROPERTIES,
    GOALS,
    HEADER_FIELDS,
    REVIEW_HEADER_FIELDS,
    SELF_EVALUATION,
    SPECS,
)
from goaleditor.model.frameworks import FRAMEWORKS
from goaleditor.model.layout_names import LAYOUT_LABELS
from goaleditor.model.money import UNIT_SCALE, format_money
from goaleditor.self_evaluation.profiles import PROFILES

_KIND_LABELS = {GOALS: "绩效目标表", SELF_EVALUATION: "绩效自评表"}
# A reviewer's marks are not what the table prints: a comparison leaves them out.
_COMPARED_HEADER = tuple(name for name in HEADER_FIELDS if name not in REVIEW_HEADER_FIELDS)


def header_differences(old: GoalTable, new: GoalTable) -> Iterator[tuple[str, str, str]]:
    """(field, old text, new text) for each header field that prints differently."""
    for name in _COMPARED_HEADER:
        before, after = getattr(old, name), getattr(new, name)
        if SPECS[name].kind == "money":
            if _same_money(before, old.money_unit, after, new.money_unit):
                continue
            yield name, money_text(before, old.money_unit), money_text(after, new.money_unit)
        elif before != after:
            yield name, _text(before), _text(after)


def document_differences(old: Document, new: Document) -> Iterator[tuple[str, str, str]]:
    """(property, old text, new text) for each document property that differs."""
    for name in DOCUMENT_PROPERTIES:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            yield name, property_text(name, before), property_text(name, after)


def money_text(amount: Decimal | None, unit: str) -> str:
    """An amount as printed with its unit (6300000.00元), "" for none."""
    return f"{format_money(amount)}{unit}" if amount is not None else ""


def property_text(name: str, value: Any) -> str:
    """A document property as the clerk reads it (a layout's, a framework's, a scoring
    profile's labels)."""
    if name == "layout":
        return LAYOUT_LABELS.get(value, str(value))
    if name == "framework":
        framework = FRAMEWORKS.get(value)
        return framework.label if framework is not None else str(value)
    if name == "kind":
        return _KIND_LABELS.get(value, str(value))
    if name == "scoring":
        return PROFILES[value].label if value in PROFILES else str(value)
    if name == "merge_level2":
        return "是" if value else "否"
    return _text(value)


def _same_money(
    before: Decimal | None, old_unit: str, after: Decimal | None, new_unit: str
) -> bool:
    if before is None or after is None:
        return before is after
    if old_unit == new_unit:
        return bool(before == after)
    if old_unit in UNIT_SCALE and new_unit in UNIT_SCALE:
        return bool(before * UNIT_SCALE[old_unit] == after * UNIT_SCALE[new_unit])
    return False


def _text(value: Any) -> str:
    return "" if value is None else str(value)
