"""Which old table is which new one: by 项目名称, then by it without its years, then by place.

2025年政务服务办运行经费 and 2026年政务服务办运行经费 are one project (last year's document
compares with this year's). Tables left over pair by position: those between the same two
matched tables, in order (a project renamed in place stays one table).
"""

from __future__ import annotations

from collections.abc import Sequence

from goaleditor.compare.matching import Pair, pair_by_key, pair_in_gaps
from goaleditor.model.document import GoalTable
from goaleditor.model.year_mentions import year_mentions

_AFTER_YEAR = "度"  # 2026年度: the mention ends at 年
# ２０２６年 (typed with a Chinese input method) names the same year as 2026年.
_HALF_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def match_tables(old: Sequence[GoalTable], new: Sequence[GoalTable]) -> list[Pair]:
    """(old index, new index) of the tables that are one project, sorted by old index."""
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    pairs = pair_by_key(
        [t.project_name for t in old], [t.project_name for t in new], taken_old, taken_new
    )
    pairs += pair_by_key(
        [name_without_years(t.project_name) for t in old],
        [name_without_years(t.project_name) for t in new],
        taken_old,
        taken_new,
    )
    pairs += pair_in_gaps(len(old), len(new), pairs)
    return sorted(pairs)


def name_without_years(name: str) -> str:
    """A 项目名称 with the years it names taken out (and its spaces): its year-free key."""
    name = name.translate(_HALF_WIDTH_DIGITS)
    kept: list[str] = []
    position = 0
    for mention in year_mentions(name):
        kept.append(name[position : mention.start])
        position = mention.end
        if name.startswith(_AFTER_YEAR, position):
            position += len(_AFTER_YEAR)
    kept.append(name[position:])
    return "".join("".join(kept).split())
