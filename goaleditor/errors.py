"""Errors that carry one line a user understands."""

import unicodedata


class InputError(Exception):
    """An input that cannot be read; str() is a single line in Chinese for the user."""


_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def one_line(text: str) -> str:
    """Text with control characters (line breaks, escape sequences) shown as \\xNN escapes."""
    return "".join(
        ascii(ch)[1:-1] if unicodedata.category(ch) in _HIDDEN else ch for ch in str(text)
    )
