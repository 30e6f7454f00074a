"""The indicator library: built-in common indicators per 二级, plus the clerk's own."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from goaleditor.files.atomic import atomic_write_text
from goaleditor.model.document import Document, Indicator
from goaleditor.model.values import COMPARATORS, QUALITATIVE

PERSONAL_FILE = "indicator-library.json"
MAX_PERSONAL = 5000


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """A reusable indicator: its 二级, name, description template, comparator and unit."""

    level2: str
    name: str
    description: str
    comparator: str
    unit: str

    def indicator(self) -> Indicator:
        """A new indicator from this entry (the value is the clerk's to fill in)."""
        return Indicator(self.name, self.description, self.comparator, "", self.unit)


def _entries(data: object) -> list[LibraryEntry]:
    entries = []
    items = data.get("entries", []) if isinstance(data, dict) else []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        fields = {
            k: item.get(k, "") for k in ("level2", "name", "description", "comparator", "unit")
        }
        if all(isinstance(v, str) for v in fields.values()) and fields["name"] and fields["level2"]:
            if fields["comparator"] not in COMPARATORS:
                fields["comparator"] = QUALITATIVE
            entries.append(LibraryEntry(**fields))
    return entries


class IndicatorLibrary:
    """Built-in entries and a personal part learned from documents and saved as JSON."""

    def __init__(self, builtin: list[LibraryEntry], personal_path: Path | None) -> None:
        self.builtin = builtin
        self.personal_path = personal_path
        self.personal: dict[tuple[str, str], LibraryEntry] = {}
        if personal_path is not None and personal_path.is_file():
            try:
                data = json.loads(personal_path.read_text(encoding="utf-8"))
            except (OSError, ValueError, RecursionError):
                data = {}  # a damaged personal library is rebuilt, never fatal
            self.personal = {(e.level2, e.name): e for e in _entries(data)}

    @classmethod
    def load(cls, builtin_file: Path, personal_path: Path | None) -> IndicatorLibrary:
        """The built-in library from its JSON file, and the personal one if it exists."""
        data = json.loads(builtin_file.read_text(encoding="utf-8"))
        return cls(_entries(data), personal_path)

    def entries(self, level2: str | None = None) -> list[LibraryEntry]:
        """Personal entries first (the clerk's habits), then built-in ones; no duplicate names."""
        seen: set[tuple[str, str]] = set()
        result = []
        for entry in [*self.personal.values(), *self.builtin]:
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
            for _, level2, ind in table.indicator_rows():
                name = ind.name.strip()
                if not name or not level2:
                    continue
                entry = LibraryEntry(
                    level2, name, ind.description.strip(), ind.comparator, ind.unit.strip()
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
        if self.personal_path is None:
            return
        self.personal_path.parent.mkdir(parents=True, exist_ok=True)
        data = {"schema": 1, "entries": [asdict(e) for e in self.personal.values()]}
        atomic_write_text(self.personal_path, json.dumps(data, ensure_ascii=False, indent=1))
