"""Errors that carry one line a user understands."""


class InputError(Exception):
    """An input that cannot be read; str() is a single line in Chinese for the user."""


def one_line(text: str) -> str:
    """Text with control characters (line breaks, escape sequences) shown as \\xNN escapes."""
    return "".join(ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in str(text))
