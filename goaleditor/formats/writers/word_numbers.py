"""Numbers in Word cells that never wrap: a run size that fits even in a wider fallback font.

Word draws digits in 宋体 at half an em. LibreOffice and WPS on a machine without 宋体 fall
back to a Latin font whose digits are wider (DejaVu Sans: 0.636 em), so an amount that
fits its cell in Word wraps there (``6300000.0`` / ``0``). A number cell is therefore
sized with the widest common fallback's metrics and marked ``w:noWrap``.
"""

from __future__ import annotations

import math
import re

# Printed numbers: an amount (with thousands separators), a 指标值 such as ≥90, 95%, =100.00(%).
_NUMBER_RE = re.compile(
    r"[≥≤=<>＞＜＝≧≦]?\s*[-+]?\d[\d,，]*(?:\.\d+)?\s*(?:[%％]|[(（][%％][)）])?"
)
# Advance widths in em of DejaVu Sans, the widest fallback LibreOffice picks for 宋体.
_WIDE_EM = {
    **dict.fromkeys("0123456789", 0.636),
    **dict.fromkeys(".,: ", 0.318),
    **dict.fromkeys("-", 0.361),
    **dict.fromkeys("()", 0.390),
    **dict.fromkeys("+=<>≥≤", 0.838),
    "%": 0.950,
}
_SAFETY = 1.04  # kerning, hinting and rounding of the cell width in other programs
MIN_SIZE = 4.0  # the smallest amount a clerk can still read on paper


def is_number(text: str) -> bool:
    """A printed number (amount, count, percentage, with a comparator or not)."""
    return "\n" not in text and _NUMBER_RE.fullmatch(text.strip()) is not None


def wide_width(text: str, size: float) -> float:
    """Width in points of text in the widest common fallback font (full-width forms: 1 em)."""
    return sum(_WIDE_EM.get(ch, 1.0) for ch in text) * size * _SAFETY


def fitting_size(text: str, room: float, size: float) -> float:
    """The largest size up to size, in half points, at which text fits room in any font."""
    needed = wide_width(text, size)
    if needed <= room:
        return size
    return max(MIN_SIZE, math.floor(2 * size * room / needed) / 2)
