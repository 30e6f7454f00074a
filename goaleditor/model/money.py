"""Money amounts: Decimal with two places, parsed leniently and written as the source does."""

from __future__ import annotations

import re
from decimal import Decimal

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
