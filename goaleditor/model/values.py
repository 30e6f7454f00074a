"""指标值 parsing and formatting: comparator + value + unit, or 定性 free text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

QUALITATIVE = "定性"
QUANTITATIVE_COMPARATORS: tuple[str, ...] = ("≥", "≤", "=", ">", "<")
COMPARATORS: tuple[str, ...] = (*QUANTITATIVE_COMPARATORS, QUALITATIVE)

# Every spelling seen in templates, longest first so that ">=" wins over ">".
_COMPARATOR_SPELLINGS: dict[str, str] = {
    "＞＝": "≥",
    ">＝": "≥",
    "＞=": "≥",
    ">=": "≥",
    "=>": "≥",
    "≥": "≥",
    "≧": "≥",
    "⩾": "≥",
    "＜＝": "≤",
    "<＝": "≤",
    "＜=": "≤",
    "<=": "≤",
    "=<": "≤",
    "≤": "≤",
    "≦": "≤",
    "⩽": "≤",
    "＝＝": "=",
    "==": "=",
    "＝": "=",
    "=": "=",
    "＞": ">",
    ">": ">",
    "＜": "<",
    "<": "<",
}
_SPELLINGS_LONGEST_FIRST = sorted(_COMPARATOR_SPELLINGS, key=len, reverse=True)
_COMPARATOR_RE = "|".join(re.escape(s) for s in _SPELLINGS_LONGEST_FIRST)
_NUMBER_RE = r"[+-]?(?:\d+(?:\.\d+)?|\.\d+)"
# A unit has no digits, no whitespace and no sentence punctuation, and is short.
_UNIT_RE = r"[^\d\s，。；;：:,、！？!?（）()]{0,12}"
_QUANTITATIVE_RE = re.compile(
    rf"^\s*(?P<cmp>{_COMPARATOR_RE})?\s*(?P<num>{_NUMBER_RE})\s*(?P<unit>{_UNIT_RE})\s*$"
)
_DECIMAL_RE = re.compile(rf"^{_NUMBER_RE}$")
# Full-width digits and point are common when typed with a Chinese IME.
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")


@dataclass(frozen=True, slots=True)
class TargetValue:
    """One 指标值: comparator (≥ ≤ = > < or 定性), value text and unit."""

    comparator: str
    value: str
    unit: str

    def display(self) -> str:
        """The printed 指标值: comparator + value + unit, with = and 定性 not printed."""
        return format_display(self.comparator, self.value, self.unit)


def normalize_comparator(text: str) -> str | None:
    """Map any accepted spelling of a comparator to its canonical form, or None."""
    stripped = text.strip()
    if stripped == QUALITATIVE:
        return QUALITATIVE
    return _COMPARATOR_SPELLINGS.get(stripped)


def is_decimal_text(text: str) -> bool:
    """True when text is a plain decimal number such as 365, 0.6 or -2.5."""
    return bool(_DECIMAL_RE.match(text.strip()))


def normalize_number(text: str) -> str:
    """Turn full-width digits into ASCII and strip blanks; the text is otherwise kept."""
    return text.strip().translate(_FULLWIDTH_DIGITS)


def parse_target(text: str) -> TargetValue:
    """Parse a printed 指标值 into comparator, value and unit; anything else is 定性."""
    normalized = text.translate(_FULLWIDTH_DIGITS)
    match = _QUANTITATIVE_RE.match(normalized)
    if match is None:
        return TargetValue(QUALITATIVE, text.strip(), "")
    spelling = match.group("cmp")
    comparator = _COMPARATOR_SPELLINGS[spelling] if spelling else "="
    return TargetValue(comparator, match.group("num"), match.group("unit"))


def format_display(comparator: str, value: str, unit: str) -> str:
    """Compose the printed 指标值 from its three parts."""
    if comparator == QUALITATIVE:
        return value
    shown = "" if comparator == "=" else comparator
    return f"{shown}{value}{unit}"


def decimal_value(text: str) -> Decimal | None:
    """The value as a Decimal when it is a plain number, else None."""
    cleaned = normalize_number(text)
    if not is_decimal_text(cleaned):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
        return None
