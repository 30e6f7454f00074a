"""Two tables' indicator trees matched: groups, then 三级 indicators.

Groups (一级, then 二级 within a matched 一级) match by name; one left over matches another
between the same neighbours when their names are alike or they hold the same indicators
(a group renamed). Indicators match in this order:

1. the same name in the matched group;
2. a rename: the same group and the same 指标值 with an alike name (or the same 绩效指标描述);
   or renamed with its 指标值 changed: an alike name and the same 绩效指标描述, a fairly alike
   name and the same 指标性质 and 计量单位 (≥400次 → ≥365次), or a very alike name;
3. a move: the same name in another group of the table;
4. a move and a rename: another group, the same 指标值 and a very alike name.

What is left was removed or added.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from goaleditor.compare.matching import Pair, pair_by_key, pair_by_score, pair_in_gaps, similarity
from goaleditor.model.document import GoalTable, Indicator, Level2

ALIKE = 50.0  # a rename keeping the 指标值: half the characters in common
VERY_ALIKE = 80.0  # a rename that also changed the 指标值, or moved
FAIRLY_ALIKE = 70.0  # a rename that changed only the number of its 指标值 (same sign and unit)
GROUP_ALIKE = 60.0  # 产出 → 产出指标
MAX_CANDIDATES = 10_000  # leftover pairs scored per table; beyond, removed and added

GroupPath = tuple[int, int]  # (一级, 二级) in its table


@dataclass(frozen=True, slots=True)
class TreeRow:
    """One 三级 indicator with where it stands."""

    group: GroupPath
    index: int  # in its 二级 group
    indicator: Indicator
    names: tuple[str, str]  # its 一级 and 二级 names


class TreeMatching:
    """The matching of one pair of trees: groups, then rows, old to new."""

    def __init__(self, old: GoalTable, new: GoalTable) -> None:
        self.old, self.new = old, new
        self.old_rows = _rows(self.old)
        self.new_rows = _rows(self.new)
        self.level1_pairs = self._match_level1()
        self.level1_map = dict(self.level1_pairs)
        self.level2_pairs = self._match_level2()
        self.level2_map = dict(self.level2_pairs)
        self.row_pairs = self._match_rows()

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


_Score = Callable[[Indicator, Indicator], float | None]


def _rows(table: GoalTable) -> list[TreeRow]:
    return [
        TreeRow((i, j), k, indicator, (level1.name, level2.name))
        for i, level1 in enumerate(table.children)
        for j, level2 in enumerate(level1.children)
        for k, indicator in enumerate(level2.children)
    ]


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
    if same_description and alike >= ALIKE:
        return alike + 50
    same_kind = bool(old.unit) and (old.comparator, old.unit) == (new.comparator, new.unit)
    if alike >= VERY_ALIKE or (same_kind and alike >= FAIRLY_ALIKE):
        return alike
    return None


def _moved_rename_score(old: Indicator, new: Indicator) -> float | None:
    """How surely new is old moved to another group and renamed (None: not so)."""
    alike = similarity(old.name, new.name)
    return alike if old.display == new.display and alike >= VERY_ALIKE else None
