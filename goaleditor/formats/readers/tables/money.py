"""A money cell as a person reads it: 680万元, ￥400, 1,234.00, （80.00） read; /, 无, — blank;
each said. A table in 千元 or 亿元 is kept in 元 or 万元, converted exactly and said."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from goaleditor.model.fields import MONEY_FIELDS
from goaleditor.model.money import MoneyError, parse_money

_BLANKS = frozenset(
    {
        "/",
        "／",
        "\\",
        "无",
        "—",
        "——",
        "－",
        "-",
        "--",
        "–",
        "空",
        "（空）",
        "(空)",
        "暂无",
        "不适用",
    }
)
_CURRENCY_RE = re.compile(r"^(?:人民币|RMB|CNY)?[￥¥]?")
_UNIT_SUFFIX_RE = re.compile(r"^(.*?)(千万元|百万元|亿元|万元|千元|亿|万|元)$")
_SUFFIX_UNIT = {"亿": "亿元", "万": "万元"}
_PARENS_RE = re.compile(r"^\((.+)\)$")  # (80.00): the accountant's negative
_CENT = Decimal("0.01")
SCALE = {
    "元": Decimal(1),
    "千元": Decimal(1000),
    "万元": Decimal(10000),
    "百万元": Decimal(10) ** 6,
    "千万元": Decimal(10) ** 7,
    "亿元": Decimal(10) ** 8,
}
# The supported units (元, 万元) a table written in each unit is kept in, in order of
# preference: the first that holds every amount with two decimals, else the last, rounded.
_KEPT_IN = {
    "元": ("元",),
    "千元": ("元",),
    "万元": ("万元", "元"),
    "百万元": ("万元", "元"),
    "千万元": ("万元", "元"),
    "亿元": ("万元", "元"),
}


class NoResult:
    """A formula cell saved without its computed value (the workbook was never recalculated)."""

    __slots__ = ("formula",)

    def __init__(self, formula: str) -> None:
        self.formula = formula

    def __str__(self) -> str:
        return ""

    def __repr__(self) -> str:
        return f"NoResult({self.formula!r})"


def number_text(value: Any) -> str:
    """A number cell as exact decimal text (its shortest repr, as Excel shows it)."""
    if isinstance(value, float) and math.isfinite(value):
        return format(Decimal(repr(value)), "f")
    return format(Decimal(value), "f")


def read_money(
    value: Any, unit: str, say: Callable[[str], None], exact: bool = False
) -> Decimal | None:
    """The amount a cell means in a table kept in `unit`, or None; say() each guess or blank.

    exact: every digit kept (a table settles its unit and rounding later); else two places.
    """
    if value is None or isinstance(value, NoResult):
        return None
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        try:
            written = number_text(value)
            parse_money(written)  # within the limit
        except (MoneyError, ArithmeticError, ValueError) as exc:
            say(f"{exc}，已留空")
            return None
        if isinstance(value, float):  # 15 digits, as Excel shows it: no 0.30000000000000004
            written = format(Decimal(f"{value:.15g}"), "f")
        return _kept(Decimal(written), exact)
    raw = str(value).strip()
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw))
    if text == "":
        return None
    if text in _BLANKS or unicodedata.normalize("NFKC", text) in _BLANKS:
        say(f"“{raw}”不是金额，按空白读取")
        return None
    negative = _PARENS_RE.match(text)
    cleaned = negative.group(1) if negative else text
    cleaned = _CURRENCY_RE.sub("", cleaned).replace(",", "").replace("，", "")
    cell_unit = ""
    if match := _UNIT_SUFFIX_RE.match(cleaned):
        cleaned, cell_unit = match.group(1), _SUFFIX_UNIT.get(match.group(2), match.group(2))
    if negative and not cleaned.startswith(("-", "+")):
        cleaned = f"-{cleaned}"
    try:
        amount = parse_money(cleaned)
    except MoneyError:
        say(f"“{raw[:40]}”不是金额，已留空")
        return None
    if amount is None:
        say(f"“{raw}”不是金额，按空白读取")
        return None
    typed = Decimal(cleaned)
    if cell_unit and cell_unit != unit and unit in SCALE:
        converted = typed * SCALE[cell_unit] / SCALE[unit]
        try:
            parse_money(format(converted, "f"))
        except MoneyError as exc:
            say(f"{exc}，已留空")
            return None
        say(f"“{raw}”按本表单位（{unit}）读作{_shown(converted)}")
        return _kept(converted, exact)
    if negative:
        say(f"“{raw}”按负数{_shown(typed)}读取")
    elif cleaned != text:
        say(f"“{raw}”读作{_shown(typed)}")
    return _kept(typed, exact)


def _kept(amount: Decimal, exact: bool) -> Decimal:
    return amount if exact else amount.quantize(_CENT)


def _shown(amount: Decimal) -> str:
    """An amount with at least two decimals, every digit kept."""
    cents = amount.quantize(_CENT)
    return format(cents if cents == amount else amount, "f")


_GROUPED_RE = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")


class TableMoney:
    """The money cells of one table: each read by read_money; amounts written with thousands
    separators (10,308,000.00, as the Shanghai form prints every one) said once per table."""

    def __init__(
        self, unit: str, say: Callable[[int, str], None], report_grouping: bool = True
    ) -> None:
        self.unit = unit
        self.say = say
        self.report_grouping = report_grouping
        self.grouped: list[tuple[int, str]] = []  # (row, what read_money said)
        self.first_row: int | None = None  # where the first amount was read

    def __call__(self, value: Any, r: int, name: str) -> Decimal | None:
        """The amount of one cell in row r labelled name, every digit kept (see settle)."""
        grouped = isinstance(value, str) and bool(_GROUPED_RE.match(value.strip()))
        said: list[str] = []
        amount = read_money(value, self.unit, said.append, exact=True)
        if amount is not None and self.first_row is None:
            self.first_row = r
        for message in said:
            if grouped:
                self.grouped.append((r, f"{name}{message}"))
            else:
                self.say(r, f"{name}{message}")
        return amount

    def finish(self) -> None:
        """Say the amounts read from thousands separators: one line for the table."""
        if self.report_grouping and len(self.grouped) == 1:
            self.say(*self.grouped[0])
        elif self.report_grouping and self.grouped:
            r, first = self.grouped[0]
            self.say(r, f"{len(self.grouped)}个金额带千分位，按数值读取（如{first}）")
        self.grouped = []

    def settle(self, fields: dict[str, Any]) -> str:
        """Put the amounts in fields into the unit the table is kept in (元 or 万元) and return
        it: 千元 → 元, 亿元 → 万元, 万元 with more than two decimals → 元, each digit kept
        and said once; what still has more than two decimals is rounded to the cent, said."""
        names = [k for k in MONEY_FIELDS if isinstance(fields.get(k), Decimal)]
        kept_in = _KEPT_IN.get(self.unit, ("元",))
        target, factor = kept_in[-1], SCALE.get(self.unit, Decimal(1)) / SCALE[kept_in[-1]]
        for candidate in kept_in:
            scale = SCALE.get(self.unit, Decimal(1)) / SCALE[candidate]
            if all(fields[k] * scale == (fields[k] * scale).quantize(_CENT) for k in names):
                target, factor = candidate, scale
                break
        r = self.first_row if self.first_row is not None else 0
        example = next((fields[k] for k in names), None)
        if target != self.unit and example is not None:
            why = (
                "金额有超过两位的小数" if self.unit in ("元", "万元") else f"本表单位是{self.unit}"
            )
            self.say(
                r,
                f"{why}，已换算为{target}（×{factor:f}，"
                f"如{_shown(example)}{self.unit}读作{_shown(example * factor)}{target}）",
            )
        elif target != self.unit:
            self.say(r, f"本表单位是{self.unit}，按{target}读取")
        rounded: list[str] = []
        for k in names:
            amount = fields[k] * factor
            cents = amount.quantize(_CENT, rounding=ROUND_HALF_UP)
            try:
                parse_money(format(cents, "f"))
            except MoneyError as exc:
                self.say(r, f"{exc}，已留空")
                fields[k] = None
                continue
            if cents != amount:
                rounded.append(f"{_shown(amount)}{target}四舍五入为{cents}{target}")
            fields[k] = cents
        if rounded:
            more = f"等{len(rounded)}个金额" if len(rounded) > 1 else ""
            self.say(r, f"金额超过两位小数，已四舍五入到分（{rounded[0]}{more}）")
        return target
