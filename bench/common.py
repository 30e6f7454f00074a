"""Shared helpers for the benchmarks: a large synthetic document and a timer."""

from __future__ import annotations

import time
from collections.abc import Callable

from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.model.frameworks import CLASSIC

ROWS = [
    (level1, level2)
    for level1, level2s in CLASSIC.levels
    for level2 in level2s
    for _ in range(2 if level2 in ("数量指标", "质量指标") else 1)
]


def big_document(tables: int = 1000, indicators: int = 20) -> Document:
    """tables goal tables of about `indicators` indicators each, with realistic text."""
    document = Document(
        agency_code="319101", agency_name="天津市滨海新区人民政府政务服务办公室", year=2026
    )
    for n in range(tables):
        rows = []
        for i in range(indicators):
            level1, level2 = ROWS[i % len(ROWS)]
            rows.append(
                (
                    level1,
                    level2,
                    Indicator(
                        f"第{n}表指标{i}名称较长的三级指标",
                        f"通过考量实际情况反映工作开展的完成情况{i}",
                        "≥",
                        str(90 + i % 10),
                        "%",
                    ),
                )
            )
        rows.sort(key=lambda r: ROWS.index((r[0], r[1])))
        document.tables.append(
            GoalTable.from_rows(
                rows,
                project_name=f"2026年第{n + 1}个项目运行经费",
                budget_total=None,
                fund_use="用于项目运行支出",
                goal="1.保障项目正常运行，提升服务质量。",
            )
        )
    for table in document.tables:
        table.document = document
    return document


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The fastest of several runs, in seconds (the least disturbed by other load)."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best
