"""The written-value rules: a 指标值 holding more than its cell should (a unit holding
以上/以下, a 定性 value that is a number with a unit), a 提示 with the fix-it that splits it."""

from __future__ import annotations

from collections.abc import Iterator

from goaleditor.model.checks import FIX_SPLIT_VALUE, HINT, Problem
from goaleditor.model.document import GoalTable, Indicator
from goaleditor.model.fix_its import FixIt
from goaleditor.model.values import (
    COMPARATORS,
    QUALITATIVE,
    WORDS_AFTER,
    TargetValue,
    parse_worded,
    read_written,
)

_UNIT_PIECE = 4  # the longest unit word a 定性 value may end in to be taken for a quantity


def written_value_problems(table: GoalTable, number: int) -> Iterator[Problem]:
    """Hints for a unit that still holds 以上/以下 and a 定性 value that is a quantity."""
    for row, (_, _, ind) in enumerate(table.indicator_rows(), 1):
        split = split_value(ind)
        unit = ind.unit.strip()
        if ind.comparator != QUALITATIVE and unit.endswith(tuple(WORDS_AFTER)):
            offer = f"，可改为“{split.display()}”" if split else "，与指标性质不一致，请核对"
            message, field = f"单位“{unit}”含比较词{offer}", "unit"
        elif ind.comparator == QUALITATIVE and split is not None:
            message = f"定性指标值“{ind.value.strip()}”像定量指标值，可拆为“{split.display()}”"
            field = "value"
        else:
            continue
        fix = FIX_SPLIT_VALUE if split else ""
        rule = "value.written-in-words"
        yield Problem(HINT, number, row, rule, message, field, fix, node=ind)


def split_value(ind: Indicator) -> TargetValue | None:
    """What an indicator's 指标值 says split into its parts (None: nothing to split).

    A quantity whose unit ends in 以上/以下/以内 (=98 %以上), or a 定性 value that is a
    whole number with a unit or a comparator (985米, ≥90%, 98%以上; not 审减率3.5%以上).
    """
    if ind.comparator == QUALITATIVE:
        read, _ = read_written(ind.value.strip())
        holds_more = read.comparator != "=" or read.unit  # not a bare number such as 2026
        # a unit is a word or two (万元/人/年), not the rest of a sentence (个工作日内完成)
        unit_like = all(len(piece) <= _UNIT_PIECE for piece in read.unit.split("/"))
        quantity = read.comparator != QUALITATIVE and holds_more and unit_like
        return read if quantity else None
    if ind.comparator not in COMPARATORS or not ind.unit.strip():
        return None
    worded = parse_worded(f"{ind.value.strip()}{ind.unit.strip()}")
    if worded is None or ind.comparator not in ("=", worded.comparator):
        return None  # no words, or words against the comparator: nothing sure to offer
    return worded


def split_value_fix_its(ind: Indicator) -> list[FixIt]:
    """Split the 指标值 into comparator, value and unit (empty when nothing is sure)."""
    split = split_value(ind)
    if split is None:
        return []
    parts = (("comparator", split.comparator), ("value", split.value), ("unit", split.unit))
    return [FixIt(f"拆为定量指标值：{split.display()}", ind, parts=parts)]
