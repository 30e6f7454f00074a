"""A document's year as every layout prints it: four digits, or none."""

from __future__ import annotations

MIN_YEAR = 1000
MAX_YEAR = 9999
YEAR_RULE = f"应为整数年份（四位数，{MIN_YEAR}至{MAX_YEAR}）或null"


def plain_year(value: object) -> int | None:
    """value as a year when it is a whole number or ASCII digits within the range, else None.

    Only ASCII digits count: str.isdigit() accepts "²" and other digits int() refuses, and a
    text of thousands of digits would take int() long (or raise) for nothing.
    """
    if isinstance(value, str):
        text = value.strip()
        if len(text) != 4 or not (text.isascii() and text.isdigit()):
            return None
        value = int(text)
    if not isinstance(value, int) or isinstance(value, bool):
        return None
    return value if MIN_YEAR <= value <= MAX_YEAR else None
