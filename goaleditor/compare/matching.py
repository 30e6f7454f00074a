"""Pairing two ordered lists: by key in order, in the gaps between pairs, by best likeness.

A pair is (old index, new index). Every helper keeps each index in at most one pair and is
deterministic: ties go to the earlier item, so the same two lists always pair the same way.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict, deque
from collections.abc import Callable, Hashable, Sequence
from itertools import accumulate

from rapidfuzz.fuzz import ratio

Pair = tuple[int, int]
MAX_GAP_CANDIDATES = 10_000  # a gap's leftovers tried one against another; beyond, unpaired


def pair_by_key(
    old: Sequence[Hashable],
    new: Sequence[Hashable],
    taken_old: set[int],
    taken_new: set[int],
) -> list[Pair]:
    """Items with equal keys paired in order (the first old with the first new, …).

    A key of None never pairs. Paired indices are added to taken_old and taken_new."""
    waiting: dict[Hashable, deque[int]] = defaultdict(deque)
    for index, key in enumerate(old):
        if key is not None and index not in taken_old:
            waiting[key].append(index)
    pairs: list[Pair] = []
    for index, key in enumerate(new):
        if key is None or index in taken_new:
            continue
        queue = waiting.get(key)
        if queue:
            pairs.append((queue.popleft(), index))
    _take(pairs, taken_old, taken_new)
    return pairs


def pair_in_gaps(
    old_count: int,
    new_count: int,
    pairs: Sequence[Pair],
    accept: Callable[[int, int], bool] | None = None,
) -> list[Pair]:
    """The unpaired items that sit between the same two pairs, paired in order.

    An unpaired old item's gap is named by the pair just before it in the old list, a new
    item's by the pair just before it in the new list (or the start of both lists). With
    accept, a candidate pair is kept only when accept(old, new) says so (and a gap of too
    many leftovers to try pairs none)."""
    old_partner = dict(pairs)
    new_partner = {new: old for old, new in pairs}
    old_gaps: dict[int, list[int]] = defaultdict(list)
    anchor = -1
    for index in range(old_count):
        if index in old_partner:
            anchor = index
        else:
            old_gaps[anchor].append(index)
    new_gaps: dict[int, list[int]] = defaultdict(list)
    anchor = -1
    for index in range(new_count):
        if index in new_partner:
            anchor = new_partner[index]  # named by the old item of the pair
        else:
            new_gaps[anchor].append(index)
    found: list[Pair] = []
    for anchor, olds in old_gaps.items():
        news = new_gaps.get(anchor, [])
        if accept is None:
            found += zip(olds, news, strict=False)
            continue
        if len(olds) * len(news) > MAX_GAP_CANDIDATES:
            continue
        remaining = list(news)
        for old_index in olds:
            for position, new_index in enumerate(remaining):
                if accept(old_index, new_index):
                    found.append((old_index, new_index))
                    del remaining[position]
                    break
    return sorted(found)


def pair_by_score(
    olds: Sequence[int],
    news: Sequence[int],
    score: Callable[[int, int], float | None],
) -> list[Pair]:
    """The best-scoring pairs first, greedily; score None means the two never pair."""
    candidates: list[tuple[float, int, int]] = []
    for old_index in olds:
        for new_index in news:
            value = score(old_index, new_index)
            if value is not None:
                candidates.append((-value, old_index, new_index))
    candidates.sort()
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs: list[Pair] = []
    for _, old_index, new_index in candidates:
        if old_index not in used_old and new_index not in used_new:
            pairs.append((old_index, new_index))
            used_old.add(old_index)
            used_new.add(new_index)
    return sorted(pairs)


# Names are short; a hostile file's 100,000-character "name" is judged by its start.
LIKENESS_CHARS = 200


def similarity(first: str, second: str) -> float:
    """How alike two names are, 0 to 100 (an edit-distance ratio, by characters)."""
    return float(ratio(first[:LIKENESS_CHARS], second[:LIKENESS_CHARS]))


def out_of_order(pairs: Sequence[Pair]) -> set[Pair]:
    """The pairs that moved: those outside a longest run kept in the same order in both lists.

    Pairs are taken in new order; the longest increasing run of their old indices stayed
    where they were, relative to each other; the rest moved (one inserted or removed item
    shifts its neighbours' positions without moving them). Among runs equally long, short
    lists keep the one that leaves the items moved farthest out (a row moved down three
    places is the move, not the row it passed)."""
    ordered = sorted(pairs, key=lambda pair: pair[1])
    if all(ordered[n][0] < ordered[n + 1][0] for n in range(len(ordered) - 1)):
        return set()  # the usual case: nothing moved
    weighed = len(ordered) <= _WEIGHED_UP_TO
    kept = _weighed_run(ordered) if weighed else _longest_run(ordered)
    return {pair for position, pair in enumerate(ordered) if position not in kept}


_WEIGHED_UP_TO = 64  # the weighed run costs n² steps: a group's rows, not a document's tables


def _weighed_run(ordered: Sequence[Pair]) -> set[int]:
    """A longest increasing run of old indices, the least displaced one among equals."""
    best: list[tuple[int, int]] = []  # (length, -displacement) of the best run ending here
    previous: list[int] = []
    for position, (old_index, new_index) in enumerate(ordered):
        score, before = (1, -abs(old_index - new_index)), -1
        for earlier in range(position):
            if ordered[earlier][0] < old_index:
                length, displaced = best[earlier]
                candidate = (length + 1, displaced - abs(old_index - new_index))
                if candidate > score:
                    score, before = candidate, earlier
        best.append(score)
        previous.append(before)
    kept: set[int] = set()
    position = max(range(len(ordered)), key=lambda p: best[p], default=-1)
    while position >= 0:
        kept.add(position)
        position = previous[position]
    return kept


def _longest_run(ordered: Sequence[Pair]) -> set[int]:
    """A longest increasing run of old indices, in n log n steps."""
    tails: list[int] = []  # the smallest old index ending a run of each length
    tail_at: list[int] = []  # which pair ends it
    previous: list[int] = [-1] * len(ordered)
    for position, (old_index, _) in enumerate(ordered):
        length = bisect_left(tails, old_index)
        if length == len(tails):
            tails.append(old_index)
            tail_at.append(position)
        else:
            tails[length] = old_index
            tail_at[length] = position
        previous[position] = tail_at[length - 1] if length else -1
    kept: set[int] = set()
    position = tail_at[-1] if tail_at else -1
    while position >= 0:
        kept.add(position)
        position = previous[position]
    return kept


class Slots:
    """Where unpaired old items go in the new order: just after the partner of their nearest
    paired predecessor (before everything when none is paired)."""

    def __init__(self, mapping: dict[int, int]) -> None:
        self._olds = sorted(mapping)
        self._highest = list(accumulate((mapping[o] for o in self._olds), max))

    def __call__(self, old_index: int) -> float:
        before = bisect_left(self._olds, old_index)
        return (self._highest[before - 1] if before else -1) + 0.5


def _take(pairs: Sequence[Pair], taken_old: set[int], taken_new: set[int]) -> None:
    for old_index, new_index in pairs:
        taken_old.add(old_index)
        taken_new.add(new_index)
