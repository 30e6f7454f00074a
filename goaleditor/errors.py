"""Errors that carry one line a user understands."""


class InputError(Exception):
    """An input that cannot be read; str() is a single line in Chinese for the user."""
