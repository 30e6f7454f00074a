"""Money amounts: Decimal with two places, parsed leniently and written as the source does."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

MONEY_UNITS: tuple[str, ...] = ("元", "万元")
_CENT = Decimal("0.01")
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
    try:
        return Decimal(cleaned).quantize(_CENT)
    except InvalidOperation as exc:  # pragma: no cover - regex admits only valid decimals
        raise MoneyError(f"“{text.strip()}”不是金额") from exc


def format_money(amount: Decimal | None) -> str:
    """Two decimal places, no grouping; '' for an absent amount."""
    if amount is None:
        return ""
    return f"{amount.quantize(_CENT):f}"
