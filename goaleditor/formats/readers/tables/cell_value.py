"""A cell's value as a person reads it: its text, and an amount's exact decimal text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from goaleditor.formats.readers.tables.money import NoResult, number_text


def text(value: Any) -> str:
    """A cell's text as a person reads it ('' for blank)."""
    if value is None or isinstance(value, NoResult):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.strftime("%Y-%m-%d")
    return str(value)


def amount_text(value: Any) -> str:
    """A cell's amount as exact decimal text: a number cell by its shortest repr (what Excel
    shows), never through float arithmetic; a text cell as it is."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        try:
            return number_text(value)
        except (ArithmeticError, ValueError):
            return str(value)
    return text(value)
