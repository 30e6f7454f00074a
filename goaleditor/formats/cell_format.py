"""A number cell as a person reads it: through its number format (95%, 365天), when that matters."""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

_BRACKET_RE = re.compile(r"\[[^\]]*\]")  # [Red], [$-804], [>=100]
_QUOTED_RE = re.compile(r'"([^"]*)"|\\(.)')
_PLACEHOLDERS = set("0#?,.%")


def _section(number_format: str, value: float) -> str:
    sections = number_format.split(";")
    if value < 0 and len(sections) > 1 and sections[1].strip():
        return sections[1]
    if value == 0 and len(sections) > 2 and sections[2].strip():
        return sections[2]
    return sections[0]


def _literal(section: str) -> tuple[str, str]:
    """The literal text before and after the digits of a format section."""
    before: list[str] = []
    after: list[str] = []
    seen_digit = False
    at = 0
    while at < len(section):
        char = section[at]
        quoted = _QUOTED_RE.match(section, at)
        if quoted:
            text = quoted.group(1) if quoted.group(1) is not None else quoted.group(2)
            (after if seen_digit else before).append(text)
            at = quoted.end()
            continue
        if char in "0#?":
            seen_digit = True
        elif char in "_*":  # padding: the next character takes space, it is not shown
            at += 1
        elif char not in _PLACEHOLDERS and char not in " ":
            (after if seen_digit else before).append(char)
        at += 1
    return "".join(before).strip(), "".join(after).strip()


def shown_number(value: Any, number_format: str | None) -> Any:
    """The text a person sees for a number whose format adds % or a unit; else the number.

    0.95 in 0% → "95%"; 365 in 0"天" → "365天"; 1234.5 in #,##0.00 stays 1234.5 (the
    amount is exact as a number, grouping is only ink).
    """
    if isinstance(value, bool) or not isinstance(value, int | float) or not number_format:
        return value
    if isinstance(value, float) and not math.isfinite(value):
        return value
    fmt = number_format.strip()
    if fmt in ("General", "@", ""):
        return value
    section = _BRACKET_RE.sub("", _section(fmt, value))
    bare = _QUOTED_RE.sub("", section)
    if any(ch in bare for ch in "yYdDhHsS") or ("m" in bare and "0" not in bare):
        return value  # a date or time format: openpyxl/xlrd already give a date
    percent = "%" in bare
    before, after = _literal(section.replace("%", ""))
    if not percent and not (before + after).strip("¥￥$€£ "):
        return value  # plain, grouped or currency: the number itself is the amount
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if percent:
        number *= 100
    digits = bare.split(".", 1)[1] if "." in bare else ""
    places = sum(1 for ch in digits if ch in "0#?")
    exact = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if places and "#" in digits and "0" not in digits:
        exact = exact.normalize()
    text = format(abs(exact), "f")
    sign = "-" if exact < 0 and len(_section_list(fmt)) < 2 else ""
    return f"{before}{sign}{text}{'%' if percent else ''}{after}"


def _section_list(fmt: str) -> list[str]:
    return [part for part in fmt.split(";") if part.strip()]
