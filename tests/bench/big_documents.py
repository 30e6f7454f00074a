"""Documents within the caps built through the model API: one huge table, many small ones."""

from __future__ import annotations

from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.model.frameworks import CLASSIC

_LEVELS = [(level1, level2) for level1, level2s in CLASSIC.levels for level2 in level2s]


def _table(number: int, indicators: int) -> GoalTable:
    """A goal table whose indicators run through the classic 一级/二级 levels in order."""
    rows = []
    per_level = max(1, indicators // len(_LEVELS))
    for i in range(indicators):
        level1, level2 = _LEVELS[min(i // per_level, len(_LEVELS) - 1)]
        indicator = Indicator(
            f"第{number}表指标{i}名称", f"反映工作开展的完成情况{i}", "≥", str(90 + i % 10), "%"
        )
        rows.append((level1, level2, indicator))
    return GoalTable.from_rows(
        rows,
        project_name=f"2026年第{number}个项目运行经费",
        fund_use="用于项目运行支出",
        goal="1.保障项目正常运行，提升服务质量。",
    )


def generated_document(tables: int, indicators: int, merge_level2: bool = False) -> Document:
    """tables goal tables of indicators indicators each."""
    document = Document(agency_code="319101", agency_name="天津市某某单位", year=2026)
    document.merge_level2 = merge_level2
    for number in range(1, tables + 1):
        table = _table(number, indicators)
        table.document = document
        document.tables.append(table)
    return document


def paired_document(indicators: int) -> Document:
    """One table whose 一级指标 changes every two indicators: a merged cell every two rows."""
    document = Document(agency_code="319101", agency_name="天津市某某单位", year=2026)
    rows = [
        (f"一级指标{i // 2}", "数量指标", Indicator(f"指标{i}", "说明", "≥", "1", "项"))
        for i in range(indicators)
    ]
    table = GoalTable.from_rows(rows, project_name="成对合并的项目")
    table.document = document
    document.tables.append(table)
    return document
