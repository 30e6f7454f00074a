"""A money cell as a person reads it: 680万元, ￥400, 1,234.00 read; /, 无, — blank; each said."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from typing import Any

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
_UNIT_SUFFIX_RE = re.compile(r"^(.*?)(万元|万|元)$")
_SCALE = {"元": Decimal(1), "万元": Decimal(10000)}


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


def read_money(value: Any, unit: str, say: Callable[[str], None]) -> Decimal | None:
    """The amount a cell means in a table kept in `unit`, or None; say() each guess or blank."""
    if value is None or isinstance(value, NoResult):
        return None
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        try:
            return parse_money(number_text(value))
        except (MoneyError, ArithmeticError, ValueError) as exc:
            say(f"{exc}，已留空")
            return None
    raw = str(value).strip()
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw))
    if text == "":
        return None
    if text in _BLANKS or unicodedata.normalize("NFKC", text) in _BLANKS:
        say(f"“{raw}”不是金额，按空白读取")
        return None
    cleaned = _CURRENCY_RE.sub("", text).replace(",", "").replace("，", "")
    cell_unit = ""
    if match := _UNIT_SUFFIX_RE.match(cleaned):
        cleaned, cell_unit = match.group(1), "万元" if match.group(2) != "元" else "元"
    try:
        amount = parse_money(cleaned)
    except MoneyError:
        say(f"“{raw[:40]}”不是金额，已留空")
        return None
    if amount is None:
        say(f"“{raw}”不是金额，按空白读取")
        return None
    if cell_unit and cell_unit != unit and unit in _SCALE:
        exact = Decimal(cleaned) * _SCALE[cell_unit] / _SCALE[unit]
        try:
            converted = parse_money(format(exact, "f"))
        except MoneyError as exc:
            say(f"{exc}，已留空")
            return None
        say(f"“{raw}”按本表单位（{unit}）读作{converted}")
        return converted
    if cleaned != text:
        say(f"“{raw}”读作{amount}")
    return amount


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

    def __call__(self, value: Any, r: int, name: str) -> Decimal | None:
        """The amount of one cell in row r labelled name."""
        grouped = isinstance(value, str) and bool(_GROUPED_RE.match(value.strip()))
        said: list[str] = []
        amount = read_money(value, self.unit, said.append)
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
