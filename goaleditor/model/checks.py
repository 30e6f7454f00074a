"""Checks of a document: problems with severity, location, rule id and a Chinese message."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from goaleditor.model.document import Document, GoalTable
from goaleditor.model.values import COMPARATORS, QUALITATIVE, is_decimal_text

ERROR = "错误"
WARNING = "警告"
HINT = "提示"
SEVERITIES = (ERROR, WARNING, HINT)


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem: table and row are 1-based (row 0 is the table header)."""

    severity: str
    table: int
    row: int
    rule: str
    message: str
    field: str = ""

    def line(self) -> str:
        """The one-line form printed by ``goaleditor check``."""
        where = f"第{self.row}行" if self.row else "表头"
        return f"{self.severity}\t表{self.table}\t{where}\t{self.rule}\t{self.message}"


TableRule = Callable[[GoalTable, int], Iterator[Problem]]


def _structure(table: GoalTable, number: int) -> Iterator[Problem]:
    if table.indicator_count() == 0:
        yield Problem(ERROR, number, 0, "structure.no-indicators", "表中没有任何三级指标")
    for row, (level1, level2, ind) in enumerate(table.indicator_rows(), 1):
        if not level1.strip():
            yield Problem(ERROR, number, row, "structure.no-level1", "一级指标为空", "level1")
        if not level2.strip():
            yield Problem(ERROR, number, row, "structure.no-level2", "二级指标为空", "level2")
        if not ind.name.strip():
            yield Problem(ERROR, number, row, "structure.no-name", "三级指标名称为空", "name")
        if ind.comparator not in COMPARATORS:
            yield Problem(
                ERROR,
                number,
                row,
                "structure.bad-comparator",
                f"指标性质“{ind.comparator}”无效（应为 ≥ ≤ = > < 或 定性）",
                "comparator",
            )
        elif ind.comparator != QUALITATIVE and not is_decimal_text(ind.value):
            yield Problem(
                ERROR,
                number,
                row,
                "structure.not-a-number",
                f"定量指标值“{ind.value}”不是数字",
                "value",
            )


TABLE_RULES: list[TableRule] = [_structure]


def check_document(document: Document) -> list[Problem]:
    """All problems of the document, table by table, in row order."""
    problems: list[Problem] = []
    if not document.tables:
        problems.append(Problem(ERROR, 0, 0, "structure.no-tables", "文档中没有绩效目标表"))
    for number, table in enumerate(document.tables, 1):
        for rule in TABLE_RULES:
            problems.extend(rule(table, number))
    return problems


def has_errors(problems: list[Problem]) -> bool:
    """True when any problem is an 错误."""
    return any(p.severity == ERROR for p in problems)
