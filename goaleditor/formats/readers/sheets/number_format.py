"""A number cell as a person reads it: through its number format (95%, 365天), when that matters."""

from __future__ import annotations

import datetime as dt
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
    before, after = _literal(section)  # a quoted "%" is text, kept; a bare % is the scale
    negative = value < 0 and len(_section_list(fmt)) > 1
    if negative and before.startswith(("(", "（")) and after.endswith((")", "）")):
        before, after = before[1:].strip(), after[:-1].strip()  # (100,000.00): the minus sign
        if not percent and not (before + after).strip("¥￥$€£ "):
            return value
        before = f"-{before}"
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


_DATE_TOKEN_RE = re.compile(r'"[^"]*"|\\.|yyyy|yy|mm|m|dd|d|[hHsSaAeEbBgG]', re.I)


def shown_date(value: Any, number_format: str | None) -> Any:
    """The text a person sees for a date whose format adds words: 2025-12-31 in
    yyyy"年"m"月"d"日前" → "2025年12月31日前". A plain date (yyyy-mm-dd, yyyy/m/d) or any
    format with a time, weekday or era is left as the date."""
    if not isinstance(value, dt.datetime | dt.date) or not number_format:
        return value
    section = _BRACKET_RE.sub("", number_format.split(";")[0]).strip()
    parts: list[str] = []
    words = False
    for token in _DATE_TOKEN_RE.finditer(section):
        piece = token.group()
        lower = piece.lower()
        if piece.startswith('"'):
            parts.append(piece[1:-1])
            words = words or bool(piece[1:-1].strip("-/. "))
        elif piece.startswith("\\"):
            parts.append(piece[1:])
        elif lower in ("yyyy", "yy"):
            parts.append(f"{value.year:04d}" if lower == "yyyy" else f"{value.year % 100:02d}")
        elif lower in ("mm", "m"):
            parts.append(f"{value.month:02d}" if lower == "mm" else str(value.month))
        elif lower in ("dd", "d"):
            parts.append(f"{value.day:02d}" if lower == "dd" else str(value.day))
        else:
            return value  # a time, weekday or era: not a date's words
    plain = _DATE_TOKEN_RE.sub("", section)
    words = words or any(ch not in "-/. " for ch in plain)  # 年 月 日 typed unquoted
    if not words:
        return value
    shown = iter(parts)
    return _DATE_TOKEN_RE.sub(lambda _m: next(shown), section)


def _section_list(fmt: str) -> list[str]:
    return [part for part in fmt.split(";") if part.strip()]
