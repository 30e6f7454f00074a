"""Money amounts: Decimal with two places, parsed leniently and written as the source does."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

MONEY_UNITS: tuple[str, ...] = ("元", "万元")
_CENT = Decimal("0.01")
# 15 digits before the point: 999 万亿元. Beyond that an amount is a typing error, and
# spreadsheets could no longer hold it as a number.
MAX_INTEGER_DIGITS = 15
LIMIT = Decimal(10) ** MAX_INTEGER_DIGITS
_MONEY_RE = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－", "0123456789.,-")


class MoneyError(ValueError):
    """Raised for text that is not an amount of money."""


def parse_money(text: str | None) -> Decimal | None:
    """Parse '6300000.00', '6,300,000', '856.8' or '' (None); two places kept."""
    if text is None:
        return None
    cleaned = text.translate(_FULLWIDTH).replace(",", "").replace(" ", "").strip()
    if cleaned in ("", "-", "—"):
        return None
    if not _MONEY_RE.match(cleaned):
        raise MoneyError(f"“{text.strip()}”不是金额")
    if len(cleaned.lstrip("+-").split(".")[0].lstrip("0")) > MAX_INTEGER_DIGITS:
        raise MoneyError(f"“{text.strip()[:40]}”超出金额上限（整数部分最多{MAX_INTEGER_DIGITS}位）")
    amount = Decimal(cleaned).quantize(_CENT)
    if abs(amount) >= LIMIT:  # 999999999999999.999 rounds up to 16 digits
        raise MoneyError(f"“{text.strip()[:40]}”超出金额上限（整数部分最多{MAX_INTEGER_DIGITS}位）")
    return amount


def format_money(amount: Decimal | None) -> str:
    """Two decimal places, no grouping; '' for an absent amount."""
    if amount is None:
        return ""
    return f"{amount.quantize(_CENT):f}"


# --- amounts as a clerk types them in a table kept in 元 or 万元 --------------------------

UNIT_SCALE: dict[str, Decimal] = {
    "元": Decimal(1),
    "千元": Decimal(1000),
    "万元": Decimal(10_000),
    "亿元": Decimal(100_000_000),
}
_SUFFIX_UNIT = {"元": "元", "千": "千元", "千元": "千元", "万": "万元", "万元": "万元"}
_SUFFIX_UNIT |= {"亿": "亿元", "亿元": "亿元"}
_TYPED_RE = re.compile(
    r"^(?P<currency>人民币|RMB|CNY|[￥¥])?(?P<number>[^万亿千元]*)(?P<unit>千元|万元|亿元|[元千万亿])?$"
)
_TYPED_TRANSLATION = str.maketrans("０１２３４５６７８９．，－＋　", "0123456789.,-+ ")
# What a typed amount may hold: digits, sign, point, grouping, currency and unit words.
MONEY_CHARACTERS = frozenset(
    "0123456789０１２３４５６７８９.．,，-－+＋ 　\t\r\n￥¥元千万亿人民币RMBCNYrmbcny"
)  # with the tab and line end a cell copied from Excel/WPS brings along


def refused_characters(text: str) -> str:
    """The characters of text that have no place in an amount, each once, in order."""
    return "".join(dict.fromkeys(c for c in text if c not in MONEY_CHARACTERS))


def read_typed_money(text: str, unit: str) -> tuple[Decimal | None, str]:
    """An amount typed in a table whose money unit is unit, and what was read into it.

    375万 in a 元 table is 3750000.00 (said), in a 万元 table 375.00; 1,234.5元 and ￥400 are
    read (said). Raises MoneyError for what is not an amount, or would lose a digit in the
    table's unit (1.234 元, 1元 in a 万元 table).
    """
    raw = text.strip()
    compact = re.sub(r"\s+", "", raw.translate(_TYPED_TRANSLATION)).upper()
    match = _TYPED_RE.match(compact)
    if match is None or (match.group("currency") and not match.group("number")):
        raise MoneyError(f"“{raw[:40]}”不是金额")
    number, written = match.group("number"), match.group("unit")
    if not written:
        try:
            amount = parse_money(number)
        except MoneyError as exc:
            said = str(exc).replace(f"“{number.strip()[:40]}”", f"“{raw[:40]}”")
            raise MoneyError(said) from None
        if amount is not None and amount != Decimal(number.replace(",", "")):
            raise MoneyError(f"“{raw[:40]}”超过两位小数（金额到分）")
        return amount, (f"“{raw}”读作{format_money(amount)}{unit}" if compact != number else "")
    if not number:
        raise MoneyError(f"“{raw[:40]}”缺少数字")
    typed = parse_money(number)  # the digits and the limit; exact value below
    if typed is None:
        raise MoneyError(f"“{raw[:40]}”不是金额")
    exact = Decimal(number.replace(",", "")) * UNIT_SCALE[_SUFFIX_UNIT[written]] / UNIT_SCALE[unit]
    amount = parse_money(f"{exact:f}")
    if amount != exact:
        raise MoneyError(f"“{raw[:40]}”是{exact.normalize():f}{unit}，超过两位小数（金额到分）")
    return amount, f"“{raw}”按本表单位（{unit}）读作{format_money(amount)}{unit}"


def convert_amount(amount: Decimal, old_unit: str, new_unit: str) -> Decimal:
    """An amount in old_unit expressed in new_unit, rounded half up to the cent."""
    exact = amount * UNIT_SCALE[old_unit] / UNIT_SCALE[new_unit]
    return exact.quantize(_CENT, rounding=ROUND_HALF_UP)
