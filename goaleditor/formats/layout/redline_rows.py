"""What a redline lays out for each table: the new table with the old rows put back in place.

A matched table is laid out as a copy of the new one into which the removed indicators (and
the old place of a moved one) go back where they stood: after the new partner of their
nearest kept predecessor. Its rows are then kept (cells compared with the old indicator),
inserted (an added indicator, the new place of a moved one) or deleted. A removed or moved
二级 or 一级 group goes back whole, deleted (a moved one's new place is inserted). An added
table is all inserted, a removed one all deleted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from goaleditor.compare import MOVED, Comparison
from goaleditor.compare.tree_matching import TreeMatching
from goaleditor.model.document import Document, GoalTable, Indicator, Level1, Level2

Whole = Literal["", "ins", "del"]
Item = TypeVar("Item")


@dataclass(slots=True)
class RedlineTable:
    """A table to lay out and how each of its indicator rows is marked."""

    table: GoalTable
    number: int
    whole: Whole = ""  # "ins": an added table, "del": a removed one
    old_table: GoalTable | None = None  # a matched table's old side (header fields)
    old_number: int = 0  # its number in the old document
    inserted: set[int] = field(default_factory=set)  # ids of indicators inserted
    deleted: set[int] = field(default_factory=set)  # ids of indicators deleted
    old_of: dict[int, Indicator] = field(default_factory=dict)  # kept indicator -> old one
    # kept or deleted indicator -> its 一级, 二级 names in the old document
    old_groups: dict[int, tuple[str, str]] = field(default_factory=dict)

    def mark_of(self, indicator: object) -> Whole:
        """How an indicator's row is marked: inserted, deleted, or kept ("")."""
        if self.whole:
            return self.whole
        if id(indicator) in self.inserted:
            return "ins"
        return "del" if id(indicator) in self.deleted else ""


def redline_tables(old: Document, new: Document, comparison: Comparison) -> list[RedlineTable]:
    """The tables of a redline in print order: new ones, removed ones where they stood (a
    moved table is removed where it stood and added where it stands)."""
    moved = {
        (change.old_at[0], change.new_at[0])
        for change in comparison.changes
        if change.kind == MOVED and change.level == "table" and change.old_at and change.new_at
    }
    pairs = {o: n for o, n in comparison.tables if (o, n) not in moved}
    new_partner = {n: o for o, n in pairs.items()}
    moved_rows = _moved_rows(comparison)
    kept = [
        RedlineTable(table, number, "ins")
        if index not in new_partner
        else _matched(old, new, moved_rows, new_partner[index], index)
        for number, (index, table) in enumerate(enumerate(new.tables), 1)
    ]
    anchors = _anchors(len(old.tables), pairs.get)
    removed = [
        (anchors[index], index, RedlineTable(table, index + 1, "del"))
        for index, table in enumerate(old.tables)
        if index not in pairs
    ]
    return _merged(kept, removed)


def _matched(
    old: Document, new: Document, moved_rows: _MovedRows, old_index: int, new_index: int
) -> RedlineTable:
    old_table, new_table = old.tables[old_index], new.tables[new_index]
    matching = TreeMatching(old_table, new_table)
    moved_old, moved_new = moved_rows.get((old_index, new_index), (set(), set()))
    copy = new_table.clone()
    result = RedlineTable(copy, new_index + 1, old_table=old_table, old_number=old_index + 1)
    copies = {
        (i, j, k): indicator
        for i, level1 in enumerate(copy.children)
        for j, level2 in enumerate(level1.children)
        for k, indicator in enumerate(level2.children)
    }
    partner: dict[tuple[int, int, int], tuple[int, int, int]] = {}  # old place -> new place
    for old_row, new_row in matching.row_pairs:
        before, after = matching.old_rows[old_row], matching.new_rows[new_row]
        old_at, new_at = (*before.group, before.index), (*after.group, after.index)
        if _within(old_at, moved_old) or _within(new_at, moved_new):
            continue  # deleted where it stood, inserted where it stands
        partner[old_at] = new_at
        result.old_of[id(copies[new_at])] = before.indicator
        result.old_groups[id(copies[new_at])] = before.names
    result.inserted = {id(ind) for at, ind in copies.items() if id(ind) not in result.old_of}
    _put_back_rows(old_table, copy, _Kept(matching, moved_old), partner, result)
    return result


# Per (old table, new table): where its moved groups and indicators stood and stand.
_MovedRows = dict[tuple[int, int], tuple[set[tuple[int, ...]], set[tuple[int, ...]]]]


def _moved_rows(comparison: Comparison) -> _MovedRows:
    """Where the groups and indicators moved within each pair of tables stood and stand:
    (一级,), (一级, 二级) or (一级, 二级, 三级); one pass over the changes for all tables."""
    found: _MovedRows = {}
    for change in comparison.changes:
        if change.kind != MOVED or change.level == "table":
            continue
        if change.old_at is None or change.new_at is None:
            continue
        olds, news = found.setdefault((change.old_at[0], change.new_at[0]), (set(), set()))
        olds.add(change.old_at[1:])
        news.add(change.new_at[1:])
    return found


def _within(place: tuple[int, ...], moved: set[tuple[int, ...]]) -> bool:
    """Whether a place is a moved node or inside one."""
    return any(place[:length] in moved for length in range(1, len(place) + 1))


class _Kept:
    """The matching of groups with the moved ones left out (they go back whole, deleted)."""

    def __init__(self, matching: TreeMatching, moved_old: set[tuple[int, ...]]) -> None:
        self.level1_map = {
            o: n for o, n in matching.level1_map.items() if not _within((o,), moved_old)
        }
        self.level2_map = {
            o: n for o, n in matching.level2_map.items() if not _within(o, moved_old)
        }


def _put_back_rows(
    old_table: GoalTable,
    copy: GoalTable,
    matching: _Kept,
    partner: dict[tuple[int, int, int], tuple[int, int, int]],
    result: RedlineTable,
) -> None:
    """Removed rows and groups back into the copy, each after its kept predecessor's partner."""
    level1_back: list[tuple[int, int, Level1]] = []
    level2_back: dict[int, list[tuple[int, int, Level2]]] = {}
    rows_back: dict[tuple[int, int], list[tuple[int, int, Indicator]]] = {}
    level1_anchors = _anchors(len(old_table.children), matching.level1_map.get)
    for i, level1 in enumerate(old_table.children):
        new_i = matching.level1_map.get(i)
        if new_i is None:
            gone = level1.clone()
            result.deleted.update(id(ind) for l2 in gone.children for ind in l2.children)
            result.old_groups.update(
                (id(ind), (level1.name, l2.name)) for l2 in gone.children for ind in l2.children
            )
            level1_back.append((level1_anchors[i], i, gone))
            continue

        def within(s: int, i: int = i, new_i: int = new_i) -> int | None:
            found = matching.level2_map.get((i, s))
            return found[1] if found is not None and found[0] == new_i else None

        level2_anchors = _anchors(len(level1.children), within)
        for j, level2 in enumerate(level1.children):
            target = matching.level2_map.get((i, j))
            if target is None or target[0] != new_i:
                gone2 = level2.clone()
                result.deleted.update(id(ind) for ind in gone2.children)
                result.old_groups.update(
                    (id(ind), (level1.name, level2.name)) for ind in gone2.children
                )
                back2 = level2_back.setdefault(new_i, [])
                back2.append((level2_anchors[j], j, gone2))
                continue

            def sibling(
                s: int, i: int = i, j: int = j, target: tuple[int, int] = target
            ) -> int | None:
                found = partner.get((i, j, s))
                return found[2] if found is not None and found[:2] == target else None

            row_anchors = _anchors(len(level2.children), sibling)
            for k, indicator in enumerate(level2.children):
                if (i, j, k) in partner:
                    continue
                gone3 = indicator.clone()
                result.deleted.add(id(gone3))
                result.old_groups[id(gone3)] = (level1.name, level2.name)
                rows = rows_back.setdefault(target, [])
                rows.append((row_anchors[k], k, gone3))
    for (i, j), back in rows_back.items():
        group = copy.children[i].children[j]
        group.children = _merged(group.children, back)
        for indicator in group.children:
            indicator.parent = group
    for i, back2 in level2_back.items():
        level1 = copy.children[i]
        level1.children = _merged(level1.children, back2)
        for level2 in level1.children:
            level2.parent = level1
    copy.children = _merged(copy.children, level1_back)
    for level1 in copy.children:
        level1.parent = copy


def _anchors(count: int, partner_of: Callable[[int], int | None]) -> list[int]:
    """For each of count items, the new index of the nearest earlier item that has a partner
    (-1: none); one pass, so that thousands of removed rows cost no more than thousands kept."""
    anchors: list[int] = []
    last = -1
    for index in range(count):
        anchors.append(last)
        found = partner_of(index)
        if found is not None:
            last = found
    return anchors


def _merged(kept: Sequence[Item], back: Sequence[tuple[int, int, Item]]) -> list[Item]:
    """Kept items in order with each (anchor, old index, item) put right after its anchor."""
    keyed = [((position, 0, 0), item) for position, item in enumerate(kept)]
    keyed += [((anchor, 1, old_index), item) for anchor, old_index, item in back]
    keyed.sort(key=lambda pair: pair[0])
    return [item for _, item in keyed]
