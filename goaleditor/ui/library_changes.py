"""Removing the clerk's own library entries and hiding the others, whichever library it is.

The library store (goaleditor/library, issue 28 points 1–3) offers remove(entry) and
set_hidden(entry, hidden); the JSON IndicatorLibrary it replaces keeps the clerk's own
entries in its personal part, which can be removed but has no hidden flag.
"""

from __future__ import annotations

from typing import Any

OWN_ORIGINS = ("personal", "harvest")  # what the clerk collected; builtin and bureau are not


def can_remove(library: Any, entry: Any) -> bool:
    """Whether the entry is the clerk's own, so that it can be removed."""
    if hasattr(library, "remove"):
        return getattr(entry, "origin", "personal") in OWN_ORIGINS
    personal = getattr(library, "personal", {})
    return personal.get((entry.level2, entry.name)) is entry


def remove_entry(library: Any, entry: Any) -> bool:
    """Remove the clerk's own entry for good (saved at once); False when it is not theirs."""
    if not can_remove(library, entry):
        return False
    if hasattr(library, "remove"):
        library.remove(entry)
    else:
        del library.personal[(entry.level2, entry.name)]
    library.save()
    return True


def can_hide(library: Any) -> bool:
    """Whether the library can keep an entry hidden."""
    return hasattr(library, "set_hidden")


def hide_entry(library: Any, entry: Any) -> bool:
    """Hide the entry from browsing, completion and suggestions (saved at once)."""
    if not can_hide(library):
        return False
    library.set_hidden(entry, True)
    library.save()
    return True
