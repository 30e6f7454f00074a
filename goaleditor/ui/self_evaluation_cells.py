"""The Qt roles of a 自评表's own cells in the indicator tree: 实际完成值, 得分, 定性等级."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.self_evaluation.evaluation import IndicatorScore, profile_of
from goaleditor.self_evaluation.profiles import ScoringProfile
from goaleditor.self_evaluation.scores import DocumentScores
from goaleditor.ui import self_evaluation_columns as se

_Role = Qt.ItemDataRole
_TEXT_ROLES = (_Role.DisplayRole, _Role.EditRole)


class SelfEvaluationCells:
    """What a 自评表's own cells show, by field, from the document's kept scores.

    Created ahead of the model that uses it, so that it follows the document first: a cell
    repainted on an edit then reads its table already rescored.
    """

    def __init__(
        self, document: Document, computed_color: QColor, shared: DocumentScores | None = None
    ) -> None:
        self.document = document
        self._lookup = se.ScoreLookup(document, shared)
        self._computed_color = computed_color
        self._computed_font = QFont()
        self._computed_font.setItalic(True)
        self._problem_color = QColor("#c00000")
        self._problem_background = QColor("#fde2e2")

    def close(self) -> None:
        """Stop following the document."""
        self._lookup.close()

    @property
    def scores(self) -> DocumentScores:
        """The document's kept scores (one table rescored per edit)."""
        return self._lookup.scores

    @property
    def scoring(self) -> ScoringProfile:
        """The scoring profile the document names."""
        return profile_of(self.document)

    def score_of(self, node: Indicator, table: GoalTable | None) -> IndicatorScore | None:
        """The indicator's score (None without a table)."""
        return self._lookup.of(node, table) if table is not None else None

    def typed_here(self, node: Indicator, field: str) -> bool:
        """Whether a 自评 cell is typed: never in a goal document; 得分 where the profile
        lets the clerk (定性 always), 定性等级 on 定性 rows."""
        if not self.document.is_self_evaluation:
            return False
        if field == "score":
            return se.score_is_typed(node, self.scoring)
        if field == "grade":
            return se.is_qualitative(node)
        return True

    def read_only_reason(self, field: str) -> str:
        """Why a 自评 cell that is not typed in cannot be ("" for the others)."""
        if field == "score":
            return "得分按规则计算（见提示），填写实际完成值、分值后自动更新，不能直接修改"
        if field == "grade":
            return "定量指标按规则计分，不选定性等级"
        return ""

    def problem(self, node: Indicator, table: GoalTable | None, field: str) -> str:
        """Why 实际完成值 cannot be scored, or 得分 is missing or out of its band ("" if fine)."""
        score = self.score_of(node, table)
        if score is None:
            return ""
        if field == "actual":
            return score.actual.reason if score.actual is not None else ""
        if field == "score":
            return se.score_cell(score, self.scoring).problem
        return ""

    def data(self, node: Indicator, table: GoalTable | None, field: str, role: int) -> Any:
        """A role of 实际完成值, 得分, 定性等级 or 偏差原因 of an indicator."""
        if field == "score":
            return self._score_data(node, table, role)
        if field == "actual" and role not in _TEXT_ROLES:
            return self._actual_data(node, table, role)
        if role in _TEXT_ROLES:
            return getattr(node, field)
        if role == _Role.ToolTipRole and field == "grade":
            if se.is_qualitative(node):
                return "定性指标的等级：" + "、".join(se.grade_names(self.scoring))
            return "定量指标按规则计分，不选等级"
        if role == _Role.ToolTipRole and field == "deviation":
            return node.deviation or None
        return None

    def _actual_data(self, node: Indicator, table: GoalTable | None, role: int) -> Any:
        score = self.score_of(node, table)
        if role == _Role.ToolTipRole:
            return se.actual_tooltip(score)
        if se.actual_unscorable(score):  # marked: written, but it cannot be scored
            if role == _Role.ForegroundRole:
                return self._problem_color
            if role == _Role.BackgroundRole:
                return self._problem_background
        return None

    def _score_data(self, node: Indicator, table: GoalTable | None, role: int) -> Any:
        """The 得分 cell: the score in force; the rule's grey and italic."""
        score = self.score_of(node, table)
        if score is None:
            return None
        if role == _Role.EditRole:
            return node.score
        cell = se.score_cell(score, self.scoring)
        if role == _Role.DisplayRole:
            return cell.text
        if role == _Role.ToolTipRole:
            return cell.tooltip
        if role == _Role.ForegroundRole:
            if cell.problem and cell.text:
                return self._problem_color
            return self._computed_color if cell.computed else None
        if role == _Role.FontRole and cell.computed:
            return self._computed_font
        if role == _Role.BackgroundRole and cell.problem and not cell.computed:
            return self._problem_background
        return None
