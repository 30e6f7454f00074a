"""Removing the clerk's own library entries and hiding the others, whichever library it is.

A library with remove(entry) and set_hidden(entry, hidden) does it itself; otherwise the
IndicatorLibrary's personal part holds the clerk's own entries (removed from it) and
hidden copies of the others (entries with a hidden field, issue 28's LibraryEntry).
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


def can_hide(library: Any, entry: Any) -> bool:
    """Whether the library can keep this entry hidden."""
    if hasattr(library, "set_hidden"):
        return True
    return hasattr(entry, "hidden") and isinstance(getattr(library, "personal", None), dict)


def hide_entry(library: Any, entry: Any) -> bool:
    """Hide the entry from browsing, completion and suggestions (saved at once).

    Without set_hidden, a hidden copy goes into the personal part: entries() gives the
    personal entry of a 二级 and name before the bureau's and built-in one, so the copy
    hides those too.
    """
    if not can_hide(library, entry):
        return False
    if hasattr(library, "set_hidden"):
        library.set_hidden(entry, True)
    else:
        library.personal[(entry.level2, entry.name)] = entry.with_changes(hidden=True)
    library.save()
    return True
