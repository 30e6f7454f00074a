"""A bureau's libraries: read-only library files or workbooks on a shared folder, set once."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from goaleditor.errors import InputError
from goaleditor.library.entries import LibraryEntry
from goaleditor.library.store import read_library

WORKBOOK_SUFFIXES = (".xlsx", ".xls", ".ods")


def read_bureau_libraries(
    paths: Iterable[str | os.PathLike[str]],
) -> tuple[list[LibraryEntry], list[str]]:
    """The read-only bureau libraries set in the settings (library files or workbooks), each
    read once: their entries, and one line for each that could not be read."""
    from goaleditor.library.exchange import import_workbook

    entries: list[LibraryEntry] = []
    problems: list[str] = []
    for given in map(Path, paths):
        try:
            if given.suffix.lower() in WORKBOOK_SUFFIXES:
                result = import_workbook(given, origin="bureau")
                entries.extend(result.entries)
            else:
                entries.extend(read_library(given, origin="bureau"))
        except InputError as refused:
            problems.append(str(refused))
    return entries, problems
