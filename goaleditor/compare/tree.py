"""Two tables' indicator trees compared: groups, then 三级 indicators, then their fields.

Groups (一级, then 二级 within a matched 一级) match by name; one left over matches another
between the same neighbours when their names are alike or they hold the same indicators
(a group renamed). Indicators match in this order:

1. the same name in the matched group;
2. a rename: the same group and the same 指标值 with an alike name (or the same 绩效指标描述),
   or a very alike name with another 指标值 (renamed, and its 指标值 changed);
3. a move: the same name in another group of the table;
4. a move and a rename: another group, the same 指标值 and a very alike name.

What is left was removed or added. An indicator that moved within its group is one that
left the longest run of indicators kept in order (inserting a row moves nothing).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
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
from goaleditor.compare.matching import (
    Pair,
    Slots,
    out_of_order,
    pair_by_key,
    pair_by_score,
    pair_in_gaps,
    similarity,
)
from goaleditor.model.document import GoalTable, Indicator, Level2
from goaleditor.model.fields import INDICATOR_FIELDS

# The fields compared one by one; the name is the indicator's identity (a rename), and
# comparator, value and unit are compared together as the printed 指标值.
COMPARED_FIELDS: tuple[str, ...] = (
    DISPLAY_FIELD,
    *(f for f in INDICATOR_FIELDS if f not in ("name", "comparator", "value", "unit")),
)
_OTHER_FIELDS = attrgetter(*COMPARED_FIELDS[1:])  # all but the 指标值, read at once
ALIKE = 50.0  # a rename keeping the 指标值: half the characters in common
VERY_ALIKE = 80.0  # a rename that also changed the 指标值, or moved
GROUP_ALIKE = 60.0  # 产出 → 产出指标
MAX_CANDIDATES = 10_000  # leftover pairs scored per table; beyond, removed and added

GroupPath = tuple[int, int]  # (一级, 二级) in its table
Key = tuple[float, float, float]


@dataclass(frozen=True, slots=True)
class _Row:
    """One 三级 indicator with where it stands."""

    group: GroupPath
    index: int  # in its 二级 group
    indicator: Indicator
    names: tuple[str, str]  # its 一级 and 二级 names


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


class _TreeComparison:
    """The matching of one pair of trees and the changes it finds."""

    def __init__(self, sides: TableSides) -> None:
        self.sides = sides
        self.old, self.new = sides.old, sides.new
        self.old_rows = _rows(self.old)
        self.new_rows = _rows(self.new)
        self.level1_pairs = self._match_level1()
        self.level1_map = dict(self.level1_pairs)
        self.level2_pairs = self._match_level2()
        self.level2_map = dict(self.level2_pairs)
        self.row_pairs = self._match_rows()
        self.found: list[tuple[Key, Change]] = []

    # --- matching -------------------------------------------------------------------

    def _match_level1(self) -> list[Pair]:
        old_names = [g.name for g in self.old.children]
        new_names = [g.name for g in self.new.children]
        return _match_groups(
            old_names,
            new_names,
            lambda i: _indicator_names(self.old.children[i].children),
            lambda i: _indicator_names(self.new.children[i].children),
        )

    def _match_level2(self) -> list[tuple[GroupPath, GroupPath]]:
        pairs: list[tuple[GroupPath, GroupPath]] = []
        for old_i, new_i in self.level1_pairs:
            olds, news = self.old.children[old_i].children, self.new.children[new_i].children
            found = _match_groups(
                [g.name for g in olds],
                [g.name for g in news],
                _names_in(olds),
                _names_in(news),
            )
            pairs += [((old_i, old_j), (new_i, new_j)) for old_j, new_j in found]
        return pairs

    def _match_rows(self) -> list[Pair]:
        olds, news = self.old_rows, self.new_rows
        taken_old: set[int] = set()
        taken_new: set[int] = set()
        pairs = pair_by_key(
            [_key(self.level2_map.get(r.group), r.indicator.name) for r in olds],
            [(r.group, r.indicator.name) for r in news],
            taken_old,
            taken_new,
        )
        by_group: dict[GroupPath, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
        for index, row in enumerate(olds):
            target = self.level2_map.get(row.group)
            if index not in taken_old and target is not None:
                by_group[target][0].append(index)
        for index, row in enumerate(news):
            if index not in taken_new and row.group in by_group:
                by_group[row.group][1].append(index)
        for old_list, new_list in by_group.values():
            pairs += self._scored(old_list, new_list, _rename_score, taken_old, taken_new)
        pairs += pair_by_key(
            [r.indicator.name or None for r in olds],
            [r.indicator.name or None for r in news],
            taken_old,
            taken_new,
        )
        old_left = [i for i in range(len(olds)) if i not in taken_old]
        new_left = [i for i in range(len(news)) if i not in taken_new]
        pairs += self._scored(old_left, new_left, _moved_rename_score, taken_old, taken_new)
        return sorted(pairs)

    def _scored(
        self,
        old_list: Sequence[int],
        new_list: Sequence[int],
        score: _Score,
        taken_old: set[int],
        taken_new: set[int],
    ) -> list[Pair]:
        if not old_list or not new_list or len(old_list) * len(new_list) > MAX_CANDIDATES:
            return []
        olds, news = self.old_rows, self.new_rows
        pairs = pair_by_score(
            old_list, new_list, lambda o, n: score(olds[o].indicator, news[n].indicator)
        )
        for old_index, new_index in pairs:
            taken_old.add(old_index)
            taken_new.add(new_index)
        return pairs

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

    def _slot_row(self, row: _Row) -> Key:
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


_Score = Callable[[Indicator, Indicator], float | None]


def _rows(table: GoalTable) -> list[_Row]:
    return [
        _Row((i, j), k, indicator, (level1.name, level2.name))
        for i, level1 in enumerate(table.children)
        for j, level2 in enumerate(level1.children)
        for k, indicator in enumerate(level2.children)
    ]


def _row_key(row: _Row) -> Key:
    return (float(row.group[0]), float(row.group[1]), float(row.index))


def _at(row: _Row) -> Position:
    return (*row.group, row.index)


def _indicator_names(groups: Sequence[Level2]) -> frozenset[str]:
    return frozenset(i.name for group in groups for i in group.children if i.name)


def _names_in(groups: Sequence[Level2]) -> Callable[[int], frozenset[str]]:
    """The indicator names of the group at an index of groups (asked only for leftovers)."""
    return lambda index: _indicator_names([groups[index]])


def _match_groups(
    old_names: Sequence[str],
    new_names: Sequence[str],
    old_names_below: Callable[[int], frozenset[str]],
    new_names_below: Callable[[int], frozenset[str]],
) -> list[Pair]:
    """Groups by name, then a renamed one: alike names, or most indicators in common."""
    pairs = pair_by_key(old_names, new_names, set(), set())

    def renamed(old_index: int, new_index: int) -> bool:
        if similarity(old_names[old_index], new_names[new_index]) >= GROUP_ALIKE:
            return True
        old_set, new_set = old_names_below(old_index), new_names_below(new_index)
        shared = len(old_set & new_set)
        smaller = min(len(old_set), len(new_set))
        return smaller > 0 and 2 * shared >= smaller

    pairs += pair_in_gaps(len(old_names), len(new_names), pairs, renamed)
    return sorted(pairs)


def _key(group: GroupPath | None, name: str) -> tuple[GroupPath, str] | None:
    return None if group is None else (group, name)


def _rename_score(old: Indicator, new: Indicator) -> float | None:
    """How surely new is old renamed in its group (None: not a rename)."""
    alike = similarity(old.name, new.name)
    same_description = bool(old.description) and old.description == new.description
    if old.display == new.display and (alike >= ALIKE or same_description):
        return alike + 100 + (50 if same_description else 0)
    if alike >= VERY_ALIKE:
        return alike
    return None


def _moved_rename_score(old: Indicator, new: Indicator) -> float | None:
    """How surely new is old moved to another group and renamed (None: not so)."""
    alike = similarity(old.name, new.name)
    return alike if old.display == new.display and alike >= VERY_ALIKE else None


def _field(indicator: Indicator, name: str) -> str:
    value = indicator.display if name == DISPLAY_FIELD else getattr(indicator, name)
    return str(value)


def _nth(index: int, *group: str) -> str:
    """A place in a group as the clerk reads it: 产出指标/数量指标第3项."""
    return f"{'/'.join(group)}第{index + 1}项"


def _unpaired(count: int, paired: dict[int, int]) -> Iterator[int]:
    return (index for index in range(count) if index not in paired)
