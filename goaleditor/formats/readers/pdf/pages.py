"""Notes on a table's rows named by the page each row is printed on, not the table's first."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from typing import Any

from goaleditor.formats.notes import ImportNote

Sheet = tuple[str, list[list[Any]]]
Where = tuple[int, int]  # the page, and the row there (from 1)


def paged(
    notes: Iterable[ImportNote], sheets: list[Sheet], blocks: list[tuple[int, bool, list[Any]]]
) -> list[ImportNote]:
    """The notes, each on a row of a table that goes on over pages moved to the row's page.

    A sheet is named by the page its table starts on and counts its rows from there; a row
    on a later page is named by that page and its place among the table's rows on it.
    """
    page_of = {id(row): page for page, _, rows in blocks for row in rows}
    places: dict[str, list[list[Where]]] = {}
    for name, rows in sheets:
        places.setdefault(name, []).append(_places(rows, page_of))
    return [_moved(note, places.get(note.sheet, [])) for note in notes]


def named_from_first_row(
    sheets: list[Sheet], blocks: list[tuple[int, bool, list[Any]]]
) -> list[Sheet]:
    """The sheets, one whose lines start on an earlier page than its table (a cover's
    单位：万元) named by that page, where no other sheet is: a note naming such a line then
    names the page it is printed on."""
    page_of = {id(row): page for page, _, rows in blocks for row in rows}
    names = {name for name, _ in sheets}
    renamed = []
    for name, rows in sheets:
        first = page_of.get(id(rows[0])) if rows else None
        named = re.fullmatch(r"第(\d+)页", name)
        earlier = first is not None and named is not None and first < int(named.group(1))
        if earlier and f"第{first}页" not in names:
            name = f"第{first}页"
        renamed.append((name, rows))
    return renamed


def _places(rows: list[list[Any]], page_of: dict[int, int]) -> list[Where]:
    result: list[Where] = []
    first = None
    counts: dict[int, int] = {}
    for index, row in enumerate(rows):
        page = page_of.get(id(row), first)
        first = page if first is None else first
        if page is None or page == first:
            result.append((first or 0, index + 1))
            continue
        counts[page] = counts.get(page, 0) + 1
        result.append((page, counts[page]))
    return result


def _moved(note: ImportNote, candidates: list[list[Where]]) -> ImportNote:
    """The note on the page of its row. Sheets starting on one page share its name; all but
    the last of them end on it, so a row only the last one has is that one's."""
    if note.row is None or not candidates:
        return note
    row = note.row
    if any(len(places) >= row for places in candidates[:-1]):
        return note  # a row of a table ending on its first page
    places = candidates[-1]
    if row > len(places) or places[row - 1][0] == 0:
        return note
    page, there = places[row - 1]
    return dataclasses.replace(note, sheet=f"第{page}页", row=there)
