"""Errors that carry one line a user understands, and the escaping that keeps them one line."""

from __future__ import annotations

import re

# C0/C1 controls, DEL, bidi overrides and isolates, line/paragraph separators, lone
# surrogates: none may reach a terminal or a dialog raw (escape sequences, fake lines).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """text as one safe line: control and bidi characters shown as \\xNN or \\uNNNN."""
    return _UNPRINTABLE.sub(_escape, text)


class InputError(Exception):
    """An input that cannot be read; str() is a single line in Chinese for the user.

    Control characters in the message (a hostile file or table name) are escaped here,
    so whoever prints it prints one line.
    """

    def __init__(self, message: str = "") -> None:
        super().__init__(printable(str(message)))
