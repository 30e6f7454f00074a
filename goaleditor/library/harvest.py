"""Harvest: a library from a folder of goal tables, one entry per distinct 一级/二级/三级."""

from __future__ import annotations

import os
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from goaleditor.errors import InputError
from goaleditor.library.entries import LibraryEntry, Source, ValuesSeen
from goaleditor.model.document import Document
from goaleditor.model.values import QUALITATIVE

MAX_SOURCES = 20  # per entry: enough to say where, not a catalogue
MAX_TEXTS = 20  # qualitative values kept per entry
_TRAILING = "。．.，,；;：:、!！?？ "
_NUMBER_RE = re.compile(r"^[-+]?\d+(?:\.\d+)?$")

Refused = Callable[[Path, InputError], None]


def spelling_key(text: str) -> str:
    """The form near-duplicates share: half width, no blanks, no trailing punctuation, 比率 → 率."""
    plain = unicodedata.normalize("NFKC", text)
    plain = re.sub(r"\s+", "", plain).rstrip(_TRAILING)
    return plain.replace("比率", "率")


def files_under(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The files named, and every readable file inside the folders named (recursed, sorted)."""
    from goaleditor.formats.registry import IMPORT_EXTENSIONS

    found: list[Path] = []
    for given in map(Path, paths):
        if given.is_dir():
            inside = (p for p in given.rglob("*") if p.suffix.lower() in IMPORT_EXTENSIONS)
            found.extend(sorted(p for p in inside if p.is_file()))
        else:
            found.append(given)
    return found


def harvest(
    paths: Iterable[str | os.PathLike[str]], jobs: int = 2, refused: Refused | None = None
) -> list[LibraryEntry]:
    """Read the files (folders recursed) in sandboxed workers; their indicators as entries.

    A file that cannot be read is told to refused (if given) and skipped.
    """
    from goaleditor.reading.pool import read_many

    harvester = Harvester()
    outcomes = read_many(files_under(paths), workers=jobs)
    for path, document, _notes in sorted(outcomes, key=lambda outcome: str(outcome[0])):
        if isinstance(document, InputError):
            if refused is not None:
                refused(path, document)
            continue
        harvester.add(document, path.name)
    return harvester.entries()


@dataclass
class _Seen:
    """What one distinct indicator gathered so far."""

    spellings: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    descriptions: Counter[str] = field(default_factory=Counter)
    comparators: Counter[str] = field(default_factory=Counter)
    units: Counter[str] = field(default_factory=Counter)
    numbers: list[Decimal] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    count: int = 0
    sources: list[Source] = field(default_factory=list)


class Harvester:
    """Gathers indicators from documents; entries() merges them by their spelling key."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str, str], _Seen] = {}

    def add(self, document: Document, file: str) -> None:
        """Every named indicator of the document, seen in file."""
        for table in document.tables:
            source = Source(file, table.project_name.strip(), document.year)
            for level1, level2, indicator in table.indicator_rows():
                names = (level1.strip(), level2.strip(), indicator.name.strip())
                if not names[1] or not names[2]:
                    continue
                key = (spelling_key(names[0]), spelling_key(names[1]), spelling_key(names[2]))
                seen = self._seen.setdefault(key, _Seen())
                seen.spellings[names] += 1
                seen.count += 1
                if indicator.description.strip():
                    seen.descriptions[indicator.description.strip()] += 1
                if indicator.comparator:
                    seen.comparators[indicator.comparator] += 1
                if indicator.unit.strip():
                    seen.units[indicator.unit.strip()] += 1
                _note_value(seen, indicator.value.strip())
                if source not in seen.sources and len(seen.sources) < MAX_SOURCES:
                    seen.sources.append(source)

    def entries(self) -> list[LibraryEntry]:
        """One entry per distinct indicator: by 一级 and 二级 in the frameworks' order, then
        as first seen."""
        entries = [_entry(seen) for seen in self._seen.values()]
        rank = _level_rank()
        return sorted(entries, key=lambda e: rank.get((e.level1, e.level2), len(rank)))


def _level_rank() -> dict[tuple[str, str], int]:
    from goaleditor.model.frameworks import FRAMEWORKS

    rank: dict[tuple[str, str], int] = {}
    for framework in FRAMEWORKS.values():
        for level1, level2s in framework.levels:
            for level2 in level2s:
                rank.setdefault((level1, level2), len(rank))
    return rank


def _note_value(seen: _Seen, value: str) -> None:
    if not value:
        return
    plain = unicodedata.normalize("NFKC", value).replace(",", "")
    if _NUMBER_RE.match(plain):
        try:
            seen.numbers.append(Decimal(plain))
            return
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            pass
    if value not in seen.texts and len(seen.texts) < MAX_TEXTS:
        seen.texts.append(value)


def _most(counter: Counter[str]) -> str:
    """The most seen item (the first seen among equals), or ''."""
    return counter.most_common(1)[0][0] if counter else ""


def _entry(seen: _Seen) -> LibraryEntry:
    (level1, level2, name), _ = seen.spellings.most_common(1)[0]
    others = sorted({spelled[2] for spelled in seen.spellings} - {name})
    numbers = sorted(seen.numbers)
    comparator = _most(seen.comparators)
    values = ValuesSeen(
        count=seen.count,
        minimum=numbers[0] if numbers else None,
        median=Decimal(str(statistics.median(numbers))) if numbers else None,
        maximum=numbers[-1] if numbers else None,
        texts=tuple(seen.texts),
    )
    return LibraryEntry(
        level2=level2,
        name=name,
        description=_most(seen.descriptions),
        comparator=comparator,
        unit=_most(seen.units),
        level1=level1,
        nature=_nature(comparator, numbers),
        comparators_seen=tuple(c for c, _ in seen.comparators.most_common()),
        units_seen=tuple(u for u, _ in seen.units.most_common()),
        values_seen=values,
        sources=tuple(seen.sources),
        keywords=tuple(others),
        origin="harvest",
    )


def _nature(comparator: str, numbers: list[Decimal]) -> str:
    if comparator == QUALITATIVE:
        return "定性"
    return "定量" if comparator or numbers else ""
