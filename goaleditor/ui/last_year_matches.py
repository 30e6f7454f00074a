"""This year's indicators matched with last year's, kept per table while the clerk edits.

The 问题 panel re-checks at every pause in typing; matching a 1000-table document with last
year's anew each time would take most of a second. The tables are paired anew each time
(by 项目名称: quick), but a table's indicators are matched again only when its tree was
edited since, it is paired with another table of last year, or its number changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from goaleditor.compare.last_year import LastYearValue, lower_target, table_values
from goaleditor.compare.tables import match_tables
from goaleditor.model.document import Document, GoalTable, containing_table
from goaleditor.model.events import Event, Moved

if TYPE_CHECKING:
    from goaleditor.model.checks import Problem

# this year's table, last year's, the number it had, its matched indicators
_Kept = tuple[GoalTable, GoalTable, int, list[LastYearValue]]


class LastYearMatches:
    """Last year's document matched with the document being edited, table by table."""

    def __init__(self, last_year: Document, document: Document) -> None:
        self.last_year = last_year
        self.document = document
        self._kept: dict[int, _Kept] = {}
        self._unsubscribe = document.subscribe(self._changed)
        self.values: list[LastYearValue] = []  # as of the last refresh

    def follow(self, document: Document) -> None:
        """Match another document being edited (another file opened in the window)."""
        if document is self.document:
            return
        self.close()
        self.document = document
        self._unsubscribe = document.subscribe(self._changed)

    def close(self) -> None:
        """Stop following the document's edits."""
        self._unsubscribe()
        self._kept = {}

    def refresh(self) -> list[Problem]:
        """Match again what changed; the targets lower than last year's (self.values too)."""
        old_tables, new_tables = self.last_year.tables, self.document.tables
        kept: dict[int, _Kept] = {}
        values: list[LastYearValue] = []
        for old_index, new_index in match_tables(old_tables, new_tables):
            old, new, number = old_tables[old_index], new_tables[new_index], new_index + 1
            entry = self._kept.get(id(new))
            if entry is None or entry[0] is not new or entry[1] is not old or entry[2] != number:
                entry = (new, old, number, table_values(old, new, number))
            kept[id(new)] = entry
            values += entry[3]
        self._kept = kept
        values.sort(key=lambda value: value.table_number)  # each table's are in row order
        self.values = values
        return [problem for value in values if (problem := lower_target(value)) is not None]

    def _changed(self, event: Event) -> None:
        dest = event.dest if isinstance(event, Moved) else None
        for container in (event.parent, dest):
            table = containing_table(container)
            if table is not None:
                self._kept.pop(id(table), None)
