"""Two tables' indicator trees compared: groups, then 三级 indicators, then their fields.

The trees are matched in tree_matching; what is left was removed or added. An indicator that
moved within its group is one that left the longest run of indicators kept in order
(inserting a row moves nothing).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter

from goaleditor.compare.changes import (
    ADDED,
    CHANGED,
    DISPLAY_FIELD,
    MOVED,
    REMOVED,
    RENAMED,
    Change,
    ChangeKind,
    Level,
    Position,
)
from goaleditor.compare.matching import Pair, Slots, out_of_order
from goaleditor.compare.tree_matching import GroupPath, TreeMatching, TreeRow
from goaleditor.model.document import GoalTable, Indicator
from goaleditor.model.fields import INDICATOR_FIELDS, REVIEW_INDICATOR_FIELDS

# The fields compared one by one; the name is the indicator's identity (a rename), and
# comparator, value and unit are compared together as the printed 指标值; a reviewer's
# marks are not printed and not compared.
_NOT_COMPARED = ("name", "comparator", "value", "unit", *REVIEW_INDICATOR_FIELDS)
COMPARED_FIELDS: tuple[str, ...] = (
    DISPLAY_FIELD,
    *(f for f in INDICATOR_FIELDS if f not in _NOT_COMPARED),
)
_OTHER_FIELDS = attrgetter(*COMPARED_FIELDS[1:])  # all but the 指标值, read at once
Key = tuple[float, float, float]


@dataclass(frozen=True, slots=True)
class TableSides:
    """A matched pair of tables: each one's index and number in its document."""

    old: GoalTable
    new: GoalTable
    old_index: int
    new_index: int


def tree_changes(sides: TableSides) -> list[Change]:
    """Every change in the indicator tree of a matched pair of tables, in the new tree's order."""
    return _TreeComparison(sides).changes()


class _TreeComparison(TreeMatching):
    """The changes that the matching of one pair of trees finds."""

    def __init__(self, sides: TableSides) -> None:
        super().__init__(sides.old, sides.new)
        self.sides = sides
        self.found: list[tuple[Key, Change]] = []

    # --- changes --------------------------------------------------------------------

    def changes(self) -> list[Change]:
        self._group_changes()
        self._row_changes()
        self.found.sort(key=lambda item: item[0])
        return [change for _, change in self.found]

    def _group_changes(self) -> None:
        old, new = self.old.children, self.new.children
        moved1 = out_of_order(self.level1_pairs)
        for old_i, new_i in self.level1_pairs:
            key: Key = (new_i, -1, -1)
            if old[old_i].name != new[new_i].name:
                self._add(
                    key,
                    RENAMED,
                    "level1",
                    (new[new_i].name,),
                    "level1",
                    old[old_i].name,
                    new[new_i].name,
                    (old_i,),
                    (new_i,),
                )
            if (old_i, new_i) in moved1:
                self._add(
                    key,
                    MOVED,
                    "level1",
                    (new[new_i].name,),
                    "",
                    _nth(old_i),
                    _nth(new_i),
                    (old_i,),
                    (new_i,),
                )
        for old_i in _unpaired(len(old), self.level1_map):
            self._add(
                (self._slot1(old_i), -1, -1), REMOVED, "level1", (old[old_i].name,), old_at=(old_i,)
            )
        for new_i in _unpaired(len(new), {n: o for o, n in self.level1_pairs}):
            self._add((new_i, -1, -1), ADDED, "level1", (new[new_i].name,), new_at=(new_i,))
        self._level2_changes()

    def _level2_changes(self) -> None:
        old, new = self.old.children, self.new.children
        within: dict[tuple[int, int], list[Pair]] = defaultdict(list)
        for (old_i, old_j), (new_i, new_j) in self.level2_pairs:
            within[(old_i, new_i)].append((old_j, new_j))
        for (old_i, new_i), pairs in within.items():
            moved = out_of_order(pairs)
            for old_j, new_j in pairs:
                before, after = old[old_i].children[old_j], new[new_i].children[new_j]
                path = (new[new_i].name, after.name)
                at_old, at_new = (old_i, old_j), (new_i, new_j)
                key: Key = (new_i, new_j, -1)
                if before.name != after.name:
                    self._add(
                        key,
                        RENAMED,
                        "level2",
                        path,
                        "level2",
                        before.name,
                        after.name,
                        at_old,
                        at_new,
                    )
                if (old_j, new_j) in moved:
                    self._add(
                        key,
                        MOVED,
                        "level2",
                        path,
                        "",
                        _nth(old_j, old[old_i].name),
                        _nth(new_j, new[new_i].name),
                        at_old,
                        at_new,
                    )
        paired_old = {old_path for old_path, _ in self.level2_pairs}
        paired_new = {new_path for _, new_path in self.level2_pairs}
        for old_i in self.level1_map:  # a removed 一级 takes its 二级 groups along
            for old_j, group in enumerate(old[old_i].children):
                if (old_i, old_j) not in paired_old:
                    self._add(
                        self._slot2(old_i, old_j),
                        REMOVED,
                        "level2",
                        (old[old_i].name, group.name),
                        old_at=(old_i, old_j),
                    )
        for new_i in self.level1_map.values():
            for new_j, group in enumerate(new[new_i].children):
                if (new_i, new_j) not in paired_new:
                    self._add(
                        (new_i, new_j, -1),
                        ADDED,
                        "level2",
                        (new[new_i].name, group.name),
                        new_at=(new_i, new_j),
                    )

    def _row_changes(self) -> None:
        olds, news = self.old_rows, self.new_rows
        in_place: dict[GroupPath, list[Pair]] = defaultdict(list)
        for old_index, new_index in self.row_pairs:
            if self.level2_map.get(olds[old_index].group) == news[new_index].group:
                in_place[news[new_index].group].append(
                    (olds[old_index].index, news[new_index].index)
                )
        moved_in_place = {
            (group, pair) for group, pairs in in_place.items() for pair in out_of_order(pairs)
        }
        for old_index, new_index in self.row_pairs:
            before, after = olds[old_index], news[new_index]
            key = _row_key(after)
            path = (*after.names, after.indicator.name)
            at_old, at_new = _at(before), _at(after)
            if before.indicator.name != after.indicator.name:
                self._add(
                    key,
                    RENAMED,
                    "indicator",
                    path,
                    "name",
                    before.indicator.name,
                    after.indicator.name,
                    at_old,
                    at_new,
                )
            same_group = self.level2_map.get(before.group) == after.group
            if not same_group or (after.group, (before.index, after.index)) in moved_in_place:
                self._add(
                    key,
                    MOVED,
                    "indicator",
                    path,
                    "",
                    _nth(before.index, *before.names),
                    _nth(after.index, *after.names),
                    at_old,
                    at_new,
                )
            if _OTHER_FIELDS(before.indicator) == _OTHER_FIELDS(after.indicator) and (
                before.indicator.display == after.indicator.display
            ):
                continue
            for name in COMPARED_FIELDS:
                was, now = _field(before.indicator, name), _field(after.indicator, name)
                if was != now:
                    self._add(key, CHANGED, "indicator", path, name, was, now, at_old, at_new)
        paired_old = {o for o, _ in self.row_pairs}
        paired_new = {n for _, n in self.row_pairs}
        for index, row in enumerate(olds):
            if index not in paired_old:
                self._add(
                    self._slot_row(row),
                    REMOVED,
                    "indicator",
                    (*row.names, row.indicator.name),
                    old=row.indicator.display,
                    old_at=_at(row),
                )
        for index, row in enumerate(news):
            if index not in paired_new:
                self._add(
                    _row_key(row),
                    ADDED,
                    "indicator",
                    (*row.names, row.indicator.name),
                    new=row.indicator.display,
                    new_at=_at(row),
                )

    # --- where removed things go in the new tree's order ---------------------------------

    def _slot1(self, old_i: int) -> float:
        return self._slots[None](old_i)

    def _slot2(self, old_i: int, old_j: int) -> Key:
        new_i = self.level1_map.get(old_i)
        if new_i is None:
            return (self._slot1(old_i), float(old_j), -1.0)
        return (float(new_i), self._slots[old_i](old_j), -1.0)

    def _slot_row(self, row: TreeRow) -> Key:
        target = self.level2_map.get(row.group)
        if target is None:
            first, second, _ = self._slot2(*row.group)
            return (first, second, float(row.index))
        return (float(target[0]), float(target[1]), self._slots[row.group](row.index))

    @cached_property
    def _slots(self) -> dict[int | GroupPath | None, Slots]:
        """Slots of the 一级 groups (None), of each 一级's 二级 groups, of each 二级's rows."""
        mappings: dict[int | GroupPath | None, dict[int, int]] = defaultdict(dict)
        mappings[None] = dict(self.level1_map)
        for (old_i, old_j), (new_i, new_j) in self.level2_pairs:
            if self.level1_map.get(old_i) == new_i:
                mappings[old_i][old_j] = new_j
        for old_index, new_index in self.row_pairs:
            before, after = self.old_rows[old_index], self.new_rows[new_index]
            if self.level2_map.get(before.group) == after.group:
                mappings[before.group][before.index] = after.index
        return defaultdict(lambda: Slots({}), {k: Slots(m) for k, m in mappings.items()})

    # --- building changes -------------------------------------------------------------

    def _add(
        self,
        key: Key,
        kind: ChangeKind,
        level: Level,
        path: tuple[str, ...],
        field: str = "",
        old: str = "",
        new: str = "",
        old_at: Position | None = None,
        new_at: Position | None = None,
    ) -> None:
        sides = self.sides
        change = Change(
            kind=kind,
            level=level,
            table_number=sides.new_index + 1,
            table_name=sides.new.project_name,
            path=path,
            field=field,
            old=old,
            new=new,
            old_at=None if old_at is None else (sides.old_index, *old_at),
            new_at=None if new_at is None else (sides.new_index, *new_at),
        )
        self.found.append(((float(key[0]), float(key[1]), float(key[2])), change))


def _row_key(row: TreeRow) -> Key:
    return (float(row.group[0]), float(row.group[1]), float(row.index))


def _at(row: TreeRow) -> Position:
    return (*row.group, row.index)


def _field(indicator: Indicator, name: str) -> str:
    value = indicator.display if name == DISPLAY_FIELD else getattr(indicator, name)
    return str(value)


def _nth(index: int, *group: str) -> str:
    """A place in a group as the clerk reads it: 产出指标/数量指标第3项."""
    return f"{'/'.join(group)}第{index + 1}项"


def _unpaired(count: int, paired: dict[int, int]) -> Iterator[int]:
    return (index for index in range(count) if index not in paired)
