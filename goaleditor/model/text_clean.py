"""Text that cannot be stored: lone UTF-16 surrogates (from JSON "\\ud800" or a bad paste)."""

from __future__ import annotations

import re

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def lone_surrogate(text: str) -> str | None:
    """The first lone surrogate in text, or None: UTF-8 cannot encode one."""
    found = _LONE_SURROGATE.search(text)
    return found.group() if found else None


def encodable(text: str) -> str:
    """text with every lone surrogate replaced by U+FFFD, so that it can be saved."""
    return _LONE_SURROGATE.sub(REPLACEMENT, text)
