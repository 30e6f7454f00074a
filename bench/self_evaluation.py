"""Scoring a 1000-table self-evaluation: a full rescore, and one table's after one edit.

A full rescore reads every 实际完成值 as written, scores every indicator by its rule, scores
the budget, sums and grades each table. Baseline, in the same run: summing the same numbers
(the actual values already read) per table, which is the least any rescore must do.
Target (issue 24): rescoring after one edit (one table) under 10 ms median.
"""

from __future__ import annotations

import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import best_of, big_document
from goaleditor.model.document import GoalTable
from goaleditor.model.values import decimal_value
from goaleditor.self_evaluation.actual_values import read_actual
from goaleditor.self_evaluation.profiles import CENTRAL
from goaleditor.self_evaluation.scoring import (
    execution_rate,
    grade_of,
    score_budget,
    score_indicator,
    total_score,
)
from goaleditor.self_evaluation.weights import default_weights_of

RUNS = 5
ONE_EDIT_RUNS = 200
# Actual values as clerks write them: plain, with a word around, above and below the target.
ACTUALS = ("95%", "约92%", "100%（已完成）", "≥98%", "87.5%", "99%")


def self_evaluation(tables: int = 1000) -> tuple[list[GoalTable], list[list[str]]]:
    """The benchmark document's tables with default weights, and an actual value per indicator."""
    document = big_document(tables)
    actuals = []
    for n, table in enumerate(document.tables):
        plan = default_weights_of(table, CENTRAL)
        rows = list(table.indicator_rows())
        for (_, _, indicator), weight in zip(rows, plan.indicators, strict=True):
            indicator.weight = str(weight)
        actuals.append([ACTUALS[(n + i) % len(ACTUALS)] for i in range(len(rows))])
    return document.tables, actuals


def rescore_table(table: GoalTable, actuals: list[str]) -> tuple[Decimal, str]:
    """One table scored from its text: every indicator, the budget, the total and the grade."""
    scores: list[Decimal | None] = []
    for (_, _, indicator), written in zip(table.indicator_rows(), actuals, strict=True):
        actual = read_actual(written, indicator.unit).value
        target, weight = decimal_value(indicator.value), decimal_value(indicator.weight)
        scores.append(score_indicator(indicator.comparator, target, actual, weight, CENTRAL))
    scores.append(score_budget(execution_rate(Decimal(200), Decimal(190)), CENTRAL))
    total = total_score(scores)
    return total, grade_of(total, CENTRAL)


def main() -> None:
    tables, actuals = self_evaluation()
    indicators = sum(len(a) for a in actuals)
    numbers = [[read_actual(w, "%").value or Decimal(0) for w in table] for table in actuals]

    def full() -> None:
        for table, written in zip(tables, actuals, strict=True):
            rescore_table(table, written)

    def baseline() -> None:
        for values in numbers:
            sum(values, Decimal(0))

    full_time = best_of(RUNS, full)
    base_time = best_of(RUNS, baseline)
    one = []
    for n in range(ONE_EDIT_RUNS):
        k = (n * 7919) % len(tables)
        actuals[k][n % len(actuals[k])] = f"{80 + n % 20}%"  # the edit
        start = time.perf_counter()
        rescore_table(tables[k], actuals[k])
        one.append(time.perf_counter() - start)
    print(f"{len(tables)} tables, {indicators} indicators")
    print(f"summing the same numbers (baseline):      {base_time * 1000:8.2f} ms")
    print(
        f"full rescore from the text:                {full_time * 1000:8.2f} ms"
        f"  ({full_time / base_time:.0f}x the baseline)"
    )
    median = statistics.median(one) * 1000
    print(f"one table after one edit (median / worst): {median:8.3f} / {max(one) * 1000:.3f} ms")
    print("  (target < 10 ms median)")


if __name__ == "__main__":
    main()
