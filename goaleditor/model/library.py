"""The indicator library: built-in common indicators per 二级, a bureau's, and the clerk's own.

The entry and the library file live in goaleditor.library; this keeps the editor's API.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable
from pathlib import Path

from goaleditor.errors import InputError
from goaleditor.library.entries import LibraryEntry
from goaleditor.model.document import Document
from goaleditor.model.values import COMPARATORS, QUALITATIVE

__all__ = ["LEGACY_PERSONAL_FILE", "PERSONAL_FILE", "IndicatorLibrary", "LibraryEntry"]

PERSONAL_FILE = "indicator-library.sqlite"
LEGACY_PERSONAL_FILE = "indicator-library.json"  # before issue 28: migrated on first load
MAX_PERSONAL = 50_000  # learned and imported entries; the newest are kept
# The fields a JSON entry may carry besides level2 and name (text ones; keywords a list).
_JSON_TEXTS = ("description", "comparator", "unit", "level1", "fund_use", "nature")


def _entries(data: object, origin: str) -> list[LibraryEntry]:
    """The entries of a library JSON (the built-in seed, or an old personal library)."""
    entries = []
    items = data.get("entries", []) if isinstance(data, dict) else []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        fields = {k: item.get(k, "") for k in ("level2", "name", *_JSON_TEXTS)}
        keywords = item.get("keywords", [])
        if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
            continue
        if all(isinstance(v, str) for v in fields.values()) and fields["name"] and fields["level2"]:
            if fields["comparator"] not in COMPARATORS:
                fields["comparator"] = QUALITATIVE
            entries.append(LibraryEntry(**fields, keywords=tuple(keywords), origin=origin))
    return entries


def _read_personal(path: Path) -> list[LibraryEntry]:
    """The personal library file, or the old JSON beside it (migrated); [] if damaged."""
    from goaleditor.library.store import read_library, write_library

    if path.suffix.lower() == ".json":  # an old-style path given directly
        return _read_json(path)
    if path.is_file():
        try:
            return read_library(path, origin="personal")
        except InputError:
            return []  # a damaged personal library is rebuilt, never fatal
    legacy = path.with_name(LEGACY_PERSONAL_FILE)
    entries = _read_json(legacy) if legacy.is_file() else []
    if entries:
        with contextlib.suppress(OSError):  # the JSON stays: an older version still reads it
            write_library(path, entries)
    return entries


def _read_json(path: Path) -> list[LibraryEntry]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        data = {}  # a damaged personal library is rebuilt, never fatal
    return _entries(data, "personal")


class IndicatorLibrary:
    """Built-in entries, read-only bureau ones, and a personal part learned from documents
    and saved as the clerk's library file (SQLite; an old JSON one is migrated)."""

    def __init__(
        self,
        builtin: list[LibraryEntry],
        personal_path: Path | None,
        bureau: list[LibraryEntry] | None = None,
    ) -> None:
        self.builtin = builtin
        self.bureau = bureau or []
        self.bureau_problems: list[str] = []
        self.personal_path = personal_path
        self.personal: dict[tuple[str, str], LibraryEntry] = {}
        if personal_path is not None:
            self.personal = {(e.level2, e.name): e for e in _read_personal(personal_path)}

    @classmethod
    def load(cls, builtin_file: Path, personal_path: Path | None) -> IndicatorLibrary:
        """The built-in library from its JSON file, and the personal one if it exists."""
        data = json.loads(builtin_file.read_text(encoding="utf-8"))
        return cls(_entries(data, "builtin"), personal_path)

    def set_bureau(self, entries: list[LibraryEntry], problems: Iterable[str] = ()) -> None:
        """The bureau's entries (goaleditor.library.bureau.read_bureau_libraries reads them
        from the paths in the settings) and a line for each library that could not be read."""
        self.bureau, self.bureau_problems = entries, list(problems)

    def entries(self, level2: str | None = None) -> list[LibraryEntry]:
        """Personal entries first (the clerk's habits), then the bureau's, then built-in ones;
        no duplicate names."""
        seen: set[tuple[str, str]] = set()
        result = []
        for entry in [*self.personal.values(), *self.bureau, *self.builtin]:
            key = (entry.level2, entry.name)
            if key in seen or (level2 is not None and entry.level2 != level2):
                continue
            seen.add(key)
            result.append(entry)
        return result

    def find(self, level2: str, name: str) -> LibraryEntry | None:
        """The entry with this name under this 二级."""
        return next((e for e in self.entries(level2) if e.name == name), None)

    def learn(self, document: Document) -> int:
        """Add the document's named indicators to the personal library; returns how many."""
        added = 0
        for table in document.tables:
            for level1, level2, ind in table.indicator_rows():
                name = ind.name.strip()
                if not name or not level2:
                    continue
                entry = LibraryEntry(
                    level2,
                    name,
                    ind.description.strip(),
                    ind.comparator,
                    ind.unit.strip(),
                    level1=level1.strip(),
                )
                old = self.personal.get((level2, name))
                if old is not None:  # what was kept beyond the editor's fields stays
                    entry = old.with_changes(
                        description=entry.description or old.description,
                        comparator=entry.comparator,
                        unit=entry.unit,
                        level1=entry.level1 or old.level1,
                    )
                if self.personal.get((level2, name)) != entry:
                    self.personal[(level2, name)] = entry
                    added += 1
        if len(self.personal) > MAX_PERSONAL:  # keep the newest
            keep = list(self.personal.items())[-MAX_PERSONAL:]
            self.personal = dict(keep)
        return added

    def save(self) -> None:
        """Write the personal library atomically (nothing to do without a path)."""
        from goaleditor.library.store import write_library

        if self.personal_path is None:
            return
        self.personal_path.parent.mkdir(parents=True, exist_ok=True)
        if self.personal_path.suffix.lower() == ".json":  # an old-style path given directly
            from goaleditor.files.atomic import atomic_write_text

            data = {"schema": 1, "entries": [_json_item(e) for e in self.personal.values()]}
            atomic_write_text(self.personal_path, json.dumps(data, ensure_ascii=False, indent=1))
            return
        write_library(self.personal_path, self.personal.values())


def _json_item(entry: LibraryEntry) -> dict[str, object]:
    item: dict[str, object] = {"level2": entry.level2, "name": entry.name}
    item.update({k: getattr(entry, k) for k in _JSON_TEXTS if getattr(entry, k)})
    if entry.keywords:
        item["keywords"] = list(entry.keywords)
    return item
