"""建议指标: library entries proposed for a table from its 项目名称, 资金用途 and 绩效目标 words.

Offline and explainable: the table's text is cut into two-character pieces (a character
n-gram match, no word segmenter), each entry scores by the pieces its name and keywords
share with it (a piece found in few entries weighs more: log(entries / entries with it)),
an entry of the table's 资金用途 (rapidfuzz, so 会议培训费 finds 会议培训) scores more, and
so, when the table names none, does a matching entry of the group its words point to;
frequency breaks ties. Names the table already has are not proposed again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from math import log
from typing import Any

from goaleditor.library.search import NO_FUND_USE, SearchIndex, bigrams, frequency_of
from goaleditor.model.document import GoalTable, Indicator
from goaleditor.model.edit_rules import add_level1, add_level2
from goaleditor.model.edits import Edit, InsertNodes, Procedure
from goaleditor.model.frameworks import get_framework

FUND_USE_SCORE = 3.0  # an entry of the table's 资金用途 counts as much as a rare shared piece
MIN_SCORE = 1.0  # below this, a shared piece is too common to mean anything (项目 alone)
FUND_USE_LIKE = 80  # rapidfuzz partial_ratio from which two 资金用途 are the same
GROUP_EVIDENCE = 5  # a 资金用途 group is judged by this many of its best-matching entries
GROUP_MIN = 3.0  # and must reach this much to be taken as the table's
PER_LEVEL2 = 3  # suggestions under one 二级, at most: a table needs several kinds


def table_words(table: GoalTable) -> str:
    """The table's text suggestions start from: 项目名称, 资金用途, 绩效目标."""
    return " ".join((table.project_name, table.fund_use, table.goal, table.period_goal))


def level1_of(entry: Any, framework: str) -> str:
    """The entry's 一级: its own, or the one its 二级 belongs under in the framework."""
    own = str(getattr(entry, "level1", "") or "")
    if own:
        return own
    for level1, level2s in get_framework(framework).levels:
        if entry.level2 in level2s:
            return level1
    return ""


def suggestions(
    table: GoalTable, index: SearchIndex, framework: str, limit: int = 12
) -> list[tuple[str, Any]]:
    """(一级, entry) pairs to propose for the table, best first; none if it says nothing."""
    pieces = bigrams(table_words(table))
    ids_of = index.bigram_ids()
    scores: dict[int, float] = {}
    everyone = max(len(index), 2)
    for piece in pieces:
        ids = ids_of.get(piece, ())
        weight = log(everyone / len(ids)) if ids else 0.0  # 项目, 服务: common, worth little
        for i in ids:
            scores[i] = scores.get(i, 0.0) + weight
    named = _fund_use_ids(index, table.fund_use)
    for i in named:
        scores[i] = scores.get(i, 0.0) + FUND_USE_SCORE
    for i in [] if named else _likeliest_group(index, scores):
        if scores.get(i, 0.0) > 0:  # the group lifts what the words found, nothing else
            scores[i] += FUND_USE_SCORE
    present = {ind.name.strip() for _, _, ind in table.indicator_rows()}
    wanted = [i for i, score in scores.items() if score >= MIN_SCORE]
    ranked = sorted(wanted, key=lambda i: (-scores[i], -frequency_of(index.entries[i]), i))
    chosen: list[tuple[str, Any]] = []
    per_level2: Counter[str] = Counter()
    for i in ranked:
        entry = index.entries[i]
        level1 = level1_of(entry, framework)
        if not level1 or entry.name in present or per_level2[entry.level2] >= PER_LEVEL2:
            continue
        if getattr(entry, "hidden", False):
            continue
        present.add(entry.name)
        per_level2[entry.level2] += 1
        chosen.append((level1, entry))
        if len(chosen) >= limit:
            break
    return chosen


def _fund_use_ids(index: SearchIndex, wanted: str) -> list[int]:
    """Entries whose 资金用途 is like the wanted one (none when it is empty)."""
    wanted = wanted.strip()
    if not wanted:
        return []
    from rapidfuzz import fuzz

    found: list[int] = []
    for fund_use, groups in index.browse_tree.items():
        if fuzz.partial_ratio(fund_use, wanted) >= FUND_USE_LIKE:
            found += [i for ids in groups.values() for i in ids]
    return found


def _likeliest_group(index: SearchIndex, scores: dict[int, float]) -> list[int]:
    """The entries of the 资金用途 group the table's words point to most (the sum of its
    best few entries' scores): a 培训 project is a 会议培训 one even if it does not say so."""
    best, best_score = "", 0.0
    for fund_use, groups in index.browse_tree.items():
        top = sorted((scores.get(i, 0.0) for ids in groups.values() for i in ids), reverse=True)
        score = sum(top[:GROUP_EVIDENCE])
        if score > max(best_score, GROUP_MIN) and fund_use != NO_FUND_USE:
            best, best_score = fund_use, score
    return [i for ids in index.browse_tree.get(best, {}).values() for i in ids] if best else []


def suggestion_edit(
    table: GoalTable, framework: str, chosen: Sequence[tuple[str, Any]]
) -> tuple[Edit | None, list[Indicator]]:
    """One undoable step inserting the chosen entries under their 二级 (groups added as
    needed), and the indicators it inserts (made here, so they can be marked as suggested)."""
    made = [(level1, entry.level2, entry.indicator()) for level1, entry in chosen]
    if not made:
        return None, []

    def steps() -> Iterator[Edit]:
        for level1_name, level2_name, indicator in made:
            level1 = next((l1 for l1 in table.children if l1.name == level1_name), None)
            if level1 is None:
                added = add_level1(table, framework, level1_name)
                yield added
                level1 = added.nodes[0]
            level2 = next((l2 for l2 in level1.children if l2.name == level2_name), None)
            if level2 is None:
                added = add_level2(level1, framework, level2_name)
                yield added
                level2 = added.nodes[0]
            yield InsertNodes(level2, len(level2.children), (indicator,), "插入")

    return Procedure(steps, f"建议指标（{len(made)}项）"), [ind for _, _, ind in made]
