"""Two goal documents compared: the document's properties, then each table in the new order."""

from __future__ import annotations

from dataclasses import dataclass

from goaleditor.compare.changes import ADDED, CHANGED, MOVED, REMOVED, Change
from goaleditor.compare.matching import Pair, out_of_order
from goaleditor.compare.printed import document_differences, header_differences
from goaleditor.compare.tables import match_tables
from goaleditor.compare.tree import TableSides, tree_changes
from goaleditor.model.document import Document


@dataclass(frozen=True, slots=True)
class Comparison:
    """What changed from old to new: the changes in the new document's order, and which
    old table is which new one (index pairs, by old index)."""

    changes: tuple[Change, ...]
    tables: tuple[Pair, ...]

    @property
    def same(self) -> bool:
        """True when the documents print the same."""
        return not self.changes

    def lines(self) -> list[str]:
        """Each change as its one line (`goaleditor diff`'s output)."""
        return [change.line() for change in self.changes]


def compare_documents(old: Document, new: Document) -> Comparison:
    """Every change from old to new (see goaleditor.compare.changes for what one says)."""
    pairs = match_tables(old.tables, new.tables)
    changes = [
        Change(CHANGED, "document", 0, "", field=name, old=before, new=after)
        for name, before, after in document_differences(old, new)
    ]
    old_partner = dict(pairs)
    new_partner = {n: o for o, n in pairs}
    moved = out_of_order(pairs)
    removed_after: dict[int, list[int]] = {}
    last_new = -1
    for old_index in range(len(old.tables)):
        if old_index in old_partner:
            last_new = old_partner[old_index]
        else:
            removed_after.setdefault(last_new, []).append(old_index)
    changes += _removed_tables(old, removed_after.get(-1, []))
    for new_index, table in enumerate(new.tables):
        partner = new_partner.get(new_index)
        if partner is None:
            changes.append(
                Change(ADDED, "table", new_index + 1, table.project_name, new_at=(new_index,))
            )
        else:
            sides = TableSides(old.tables[partner], table, partner, new_index)
            changes += _table_changes(sides, moved=(partner, new_index) in moved)
        changes += _removed_tables(old, removed_after.get(new_index, []))
    return Comparison(tuple(changes), tuple(pairs))


def _table_changes(sides: TableSides, moved: bool) -> list[Change]:
    number, name = sides.new_index + 1, sides.new.project_name
    at_old, at_new = (sides.old_index,), (sides.new_index,)
    found = []
    if moved:
        found.append(
            Change(
                MOVED,
                "table",
                number,
                name,
                old=f"表{sides.old_index + 1}",
                new=f"表{number}",
                old_at=at_old,
                new_at=at_new,
            )
        )
    found += [
        Change(
            CHANGED,
            "table",
            number,
            name,
            field=field,
            old=before,
            new=after,
            old_at=at_old,
            new_at=at_new,
        )
        for field, before, after in header_differences(sides.old, sides.new)
    ]
    return found + tree_changes(sides)


def _removed_tables(old: Document, indices: list[int]) -> list[Change]:
    return [
        Change(REMOVED, "table", index + 1, old.tables[index].project_name, old_at=(index,))
        for index in indices
    ]
