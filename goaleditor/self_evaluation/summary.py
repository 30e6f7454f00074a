"""The 自评 summary a publication prints: how many projects, their budget, the average score
and how many earned each grade (绩效自评的项目N个，涉及预算金额X万元，平均得分Y分，其中优…个…)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from goaleditor.model.document import Document, GoalTable
from goaleditor.model.money import convert_amount
from goaleditor.self_evaluation.evaluation import profile_of
from goaleditor.self_evaluation.scores import DocumentScores
from goaleditor.self_evaluation.scoring import round_score

_CENT = Decimal("0.01")
_ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Summary:
    """The figures of a 自评表 document's summary."""

    projects: int
    budget_wan: Decimal  # Σ全年预算数 (else 年初预算数) in 万元
    scored: int  # projects with every score known
    average: Decimal | None  # of the scored projects' totals, 2 places
    grades: tuple[tuple[str, int], ...]  # every grade name of the profile, best first

    def text(self) -> str:
        """The sentence for the publication."""
        said = f"绩效自评的项目{self.projects}个，涉及预算金额{self.budget_wan:f}万元"
        if self.average is None:
            return said + "，尚无评完的项目"
        counts = "、".join(f"{name}{count}个" for name, count in self.grades)
        said += f"，平均得分{self.average:f}分，其中{counts}"
        if self.scored < self.projects:
            said += f"（另有{self.projects - self.scored}个项目尚未评完，未计入平均得分和等级）"
        return said


def _budget_wan(table: GoalTable) -> Decimal:
    amount = table.budget_adjusted if table.budget_adjusted is not None else table.budget_initial
    if amount is None:
        return _ZERO
    return convert_amount(amount, table.money_unit, "万元")


def summarize(document: Document, scores: DocumentScores | None = None) -> Summary:
    """The summary of a 自评表 document (scores from `scores` when the caller keeps them)."""
    own = scores is None
    keeper = DocumentScores(document) if scores is None else scores
    try:
        results = keeper.all()
    finally:
        if own:
            keeper.close()
    complete = [r for r in results if r.complete]
    names = profile_of(document).grade_names
    grades = tuple((name, sum(1 for r in complete if r.grade == name)) for name in names)
    average = None
    if complete:
        average = round_score(sum((r.total for r in complete), _ZERO) / len(complete))
    budget = sum((_budget_wan(t) for t in document.tables), _ZERO).quantize(
        _CENT, rounding=ROUND_HALF_UP
    )
    return Summary(len(document.tables), budget, len(complete), average, grades)
