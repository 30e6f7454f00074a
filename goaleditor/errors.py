"""Errors that carry one line a user understands, and the escaping that keeps them one line."""

from __future__ import annotations

import unicodedata

# Controls, format characters (bidi overrides, isolates), line/paragraph separators, lone
# surrogates: none may reach a terminal or a dialog raw (escape sequences, fake lines).
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def printable(text: str) -> str:
    """text as one safe line: hidden characters shown as \\xNN, \\uNNNN or \\UNNNNNNNN."""
    return "".join(
        ascii(ch)[1:-1] if unicodedata.category(ch) in _HIDDEN else ch for ch in str(text)
    )


class InputError(Exception):
    """An input that cannot be read; str() is a single line in Chinese for the user.

    Control characters in the message (a hostile file or table name) are escaped here,
    so whoever prints it prints one line.
    """

    def __init__(self, message: str = "") -> None:
        super().__init__(printable(str(message)))
