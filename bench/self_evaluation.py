"""Scoring a 1000-table self-evaluation: a full rescore, and the whole document's scores after
one edit (the editor's path: the edit through the document, then every table's score asked for).

A full rescore reads every 实际完成值 as written, scores every indicator by its rule, scores
the budget, sums and grades each table. Baseline, in the same run: summing the same numbers
(the actual values already read) per table, which is the least any rescore must do.
Target (issue 24): the scores after one edit under 10 ms median (the edit-commit budget).
"""

from __future__ import annotations

import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import best_timing, big_document
from goaleditor.model.document import Document
from goaleditor.self_evaluation.actual_values import read_actual
from goaleditor.self_evaluation.evaluation import profile_of, score_table
from goaleditor.self_evaluation.scores import DocumentScores
from goaleditor.self_evaluation.start import start_self_evaluation
from goaleditor.self_evaluation.summary import summarize

RUNS = 5
ONE_EDIT_RUNS = 200
# Actual values as clerks write them: plain, with a word around, above and below the target.
ACTUALS = ("95%", "约92%", "100%（已完成）", "≥98%", "87.5%", "99%")


def self_evaluation(tables: int = 1000) -> Document:
    """The benchmark document as a 自评表: default weights, an actual value per indicator."""
    document = start_self_evaluation(big_document(tables)).document
    for n, table in enumerate(document.tables):
        table.budget_adjusted, table.budget_executed = Decimal(200), Decimal(190)
        for i, (_, _, indicator) in enumerate(table.indicator_rows()):
            indicator.actual = ACTUALS[(n + i) % len(ACTUALS)]
    return document


def main() -> None:
    document = self_evaluation()
    tables = document.tables
    indicators = sum(t.indicator_count() for t in tables)
    numbers = [
        [read_actual(i.actual, "%").value or Decimal(0) for _, _, i in t.indicator_rows()]
        for t in tables
    ]
    profile = profile_of(document)

    def full() -> None:
        for table in tables:
            score_table(table, profile)

    def baseline() -> None:
        for values in numbers:
            sum(values, Decimal(0))

    full_timing = best_timing(RUNS, full)
    base_timing = best_timing(RUNS, baseline)
    full_time, base_time = full_timing.wall, base_timing.wall
    scores = DocumentScores(document)
    scores.all()
    one, one_cpu, with_summary = [], [], []
    for n in range(ONE_EDIT_RUNS):
        table = tables[(n * 7919) % len(tables)]
        rows = [i for _, _, i in table.indicator_rows()]
        start, cpu = time.perf_counter(), time.process_time()
        document.set_field(rows[n % len(rows)], "actual", f"{80 + n % 20}%")  # the edit
        scores.all()  # every table's score, as the window and the 问题 panel ask
        one.append(time.perf_counter() - start)
        one_cpu.append(time.process_time() - cpu)
        start = time.perf_counter()
        summarize(document, scores)
        with_summary.append(time.perf_counter() - start)
    print(f"{len(tables)} tables, {indicators} indicators")
    print(
        f"summing the same numbers (baseline):       {base_time * 1000:8.2f} ms wall,"
        f" {base_timing.cpu * 1000:8.2f} ms CPU"
    )
    print(
        f"full rescore from the text:                 {full_time * 1000:8.2f} ms wall,"
        f" {full_timing.cpu * 1000:8.2f} ms CPU  ({full_time / base_time:.0f}x the baseline)"
    )
    median = statistics.median(one) * 1000
    print(f"all scores after one edit (median / worst): {median:8.3f} / {max(one) * 1000:.3f} ms")
    print(f"  CPU (median): {statistics.median(one_cpu) * 1000:8.3f} ms")
    print(f"  = {statistics.median(one) / full_time:.4f}x a full rescore (target < 10 ms median)")
    summary = statistics.median(with_summary) * 1000
    print(f"the summary line after it (median):         {summary:8.3f} ms")


if __name__ == "__main__":
    main()
