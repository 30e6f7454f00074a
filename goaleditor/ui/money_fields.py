"""The header form's money fields: what an amount may hold (and saying what it may not), and
the question a change of 金额单位 asks about the amounts already filled."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QValidator

from goaleditor.model import money_unit
from goaleditor.model.fields import SPECS
from goaleditor.model.layouts import get_profile
from goaleditor.model.money import MoneyError, format_money, read_typed_money, refused_characters
from goaleditor.ui.prompts import CANCEL

if TYPE_CHECKING:
    from goaleditor.model.document import GoalTable
    from goaleditor.model.layouts import LayoutProfile
    from goaleditor.model.money_unit import Conversion
    from goaleditor.ui.prompts import Prompts
    from goaleditor.ui.session import DocumentSession

CONVERT, KEEP_NUMBERS = "换算金额", "保留数字"
BUDGET_FIELDS = ("budget_total", "budget_fiscal", "budget_carryover", "budget_other")


def form_label(profile: LayoutProfile, name: str) -> str:
    """A field's label in the header form: as the layout prints it, else the clerk's name."""
    return profile.labels.get(name) or SPECS[name].in_form


def refused_message(label: str, characters: str) -> str:
    """The status line when characters no amount holds are typed or pasted into a field."""
    chars = "、".join(f"“{c}”" for c in characters)
    field = label.removeprefix("其中：")
    return f"{field}：金额中不能有{chars}，未输入（可写 375万、1,234.5元、￥400）"


class MoneyValidator(QValidator):
    """Lets in what an amount may hold (digits, 万, 元, ￥, commas…) and says what it refuses."""

    refused = Signal(str)  # the characters refused, each once

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        """Invalid (and said) when text holds a character no amount has; else Acceptable."""
        refused = refused_characters(text)
        if refused:
            self.refused.emit(refused)
            return QValidator.State.Invalid, text, pos
        return QValidator.State.Acceptable, text, pos


def ask_conversion(
    prompts: Prompts, profile: LayoutProfile, old: str, unit: str, conversions: list[Conversion]
) -> str:
    """CONVERT, KEEP_NUMBERS or CANCEL: what becomes of the amounts in the new unit."""
    factor = "÷10000" if unit == "万元" else "×10000"
    lines = [
        f"{form_label(profile, c.field).removeprefix('其中：')}：{format_money(c.old)}{old}"
        f" → {format_money(c.new)}{unit}{'（四舍五入）' if c.rounded else ''}"
        for c in conversions
    ]
    rounded = any(c.rounded for c in conversions)
    detail = "\n".join(
        [
            f"换算金额（{factor}）：",
            *lines,
            *(["有金额超过两位小数，已四舍五入到分。"] if rounded else []),
            f"保留数字：各金额数字不变，只把单位改为{unit}。",
        ]
    )
    return prompts.choose(
        "question",
        "money_unit_change",
        "修改金额单位",
        f"金额单位由{old}改为{unit}：要把已填的金额换算为{unit}吗？",
        [CONVERT, KEEP_NUMBERS, CANCEL],
        detail,
    )


def change_unit(session: DocumentSession, table: GoalTable, unit: str) -> str | None:
    """Set a table's 金额单位 as one undo step, asking first (when amounts are filled) whether
    to convert them or keep the numbers; what to say on the status line, None when cancelled."""
    old = table.money_unit
    try:
        conversions = money_unit.money_conversions(table, unit)
    except MoneyError as exc:
        session.prompts.error("无法换算金额", f"换算为{unit}后{exc}")
        return None
    convert = False
    if conversions:
        profile = get_profile(session.document.layout)
        answer = ask_conversion(session.prompts, profile, old, unit, conversions)
        if answer not in (CONVERT, KEEP_NUMBERS):
            return None
        convert = answer == CONVERT
    session.apply(money_unit.change_money_unit(table, unit, convert))
    done = "，金额已换算" if convert else ("，金额数字未变" if conversions else "")
    return f"金额单位已改为{unit}{done}（Ctrl+Z 撤销）"


def budget_mismatch(texts: list[str], unit: str) -> str:
    """The hint under 预算数 when the amounts typed (total first, as BUDGET_FIELDS) do not add
    up; "" when they do or cannot be told yet."""
    amounts: list[Decimal | None] = []
    for text in texts:
        try:
            amounts.append(read_typed_money(text, unit)[0])
        except MoneyError:
            amounts.append(None)
    total, *parts = amounts
    if total is None or all(part is None for part in parts):
        return ""
    added = sum((part or Decimal(0) for part in parts), Decimal(0))
    if added == total:
        return ""
    carryover = "上年结转资金 + " if parts[1] is not None else ""
    return f"预算数 {format_money(total)} ≠ 财政资金 + {carryover}其他资金 = {format_money(added)}"
