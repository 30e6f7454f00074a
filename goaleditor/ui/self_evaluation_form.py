"""The 自评表's part of the header form: the money block as the official form lays it out (rows
年度资金总额 and its 其中 rows × 年初预算数 · 全年预算数 · 全年执行数), 执行率 and 预算得分 computed
beside it, the budget's 分值, and the table's 总分 and 等级.

The amounts and the 分值 are the header form's own line fields (typed like every amount: 375万,
Esc takes the visit's typing back); this module lays them out and shows what the scoring
rules make of them. Which header fields a 自评表 shows, and under which labels, is said here too.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QSizePolicy, QVBoxLayout, QWidget

from goaleditor.model.fields import REPORT_FIELDS, SPECS
from goaleditor.model.money import format_money
from goaleditor.self_evaluation.evaluation import profile_of, score_text
from goaleditor.self_evaluation.layouts import printed_fields as form_fields
from goaleditor.self_evaluation.scoring import execution_rate

if TYPE_CHECKING:
    from goaleditor.model.document import Document, GoalTable
    from goaleditor.self_evaluation.evaluation import TableScore
    from goaleditor.self_evaluation.scores import DocumentScores

# The money block's columns (amount fields) and rows (their suffixes), as the central form
# prints them; the column labels are the fields' own (年初预算数, 全年预算数, 全年执行数).
MONEY_COLUMNS = ("budget_initial", "budget_adjusted", "budget_executed")
MONEY_ROWS = (
    ("", "年度资金总额"),
    ("_fiscal", "其中：当年财政拨款"),
    ("_carryover", "上年结转资金"),
    ("_other", "其他资金"),
)
MONEY_BLOCK_FIELDS = tuple(f"{c}{suffix}" for suffix, _ in MONEY_ROWS for c in MONEY_COLUMNS)
# The goal table's 预算数 row: in a 自评表 its amounts are the 年初预算数 column.
GOAL_BUDGET_FIELDS = ("budget_total", "budget_fiscal", "budget_carryover", "budget_other")
SICHUAN_FIELDS = REPORT_FIELDS
# Shown on every 自评表 (the money block's fields are in the block).
RESULT_FIELDS = ("goal_result",)
# A 自评表's labels where its form gives them context (年度总体目标: 预期目标 | 实际完成情况).
LABELS = {
    "goal": "预期目标",
    "goal_result": "实际完成情况",
    "process_summary": "项目实施内容\n及过程概述",  # on two lines: the labels stay narrow
}
NO_VALUE = "—"
MONEY_WIDTH_CHARS = 13  # 12,345,678.90 fits; the block stays narrower than the form


def shown_fields(document: Document, table: GoalTable | None, printed: frozenset[str]) -> set[str]:
    """The header fields the form shows as rows: the layout's, and for a 自评表 its results
    (Sichuan's text fields where the layout is Sichuan's or they are filled) without the goal
    table's 预算数 row, whose amounts are the block's 年初预算数."""
    if not document.is_self_evaluation:
        return set(printed)
    # The goal layout's rows, and those its 自评表 form prints (主管部门 and 实施单位 on every
    # form, even where the goal layout has none).
    shown = (set(printed) | set(form_fields(document.layout))) - set(GOAL_BUDGET_FIELDS)
    shown.update(RESULT_FIELDS)
    filled = table is not None and any(getattr(table, name) for name in SICHUAN_FIELDS)
    if document.layout == "sichuan" or filled:
        shown.update(SICHUAN_FIELDS)
    return shown


def rate_text(rate: Decimal | None) -> str:
    """执行率 as the form prints it: 86.19%, or — when it cannot be told."""
    return NO_VALUE if rate is None else f"{rate:f}%"


def _caption(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setStyleSheet("color: #444444;")
    return label


def _computed(name: str, parent: QWidget) -> QLabel:
    """A read-only cell the rules fill (执行率, 得分)."""
    label = QLabel(NO_VALUE, parent)
    label.setObjectName(name)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setMinimumWidth(label.fontMetrics().horizontalAdvance("100.00%") + 8)
    return label


class SelfEvaluationBlock(QWidget):
    """The money block grid with its computed 执行率 and 得分, then 总分 and 等级."""

    def __init__(
        self,
        make_editor: Callable[[str], QWidget],
        scores: Callable[[], DocumentScores],
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("self_evaluation_block")
        self._scores = scores
        self._table: GoalTable | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        outer.addLayout(grid)
        self._unit = _caption("", self)
        grid.addWidget(self._unit, 0, 0)
        headings = [SPECS[c].label for c in MONEY_COLUMNS] + ["执行率", "分值", "得分"]
        for column, heading in enumerate(headings, 1):
            grid.addWidget(_caption(heading, self), 0, column)
        self.rates: dict[str, QLabel] = {}
        width = self.fontMetrics().horizontalAdvance("0" * MONEY_WIDTH_CHARS) + 12
        for row, (suffix, label) in enumerate(MONEY_ROWS, 1):
            grid.addWidget(QLabel(label, self), row, 0)
            for column, field in enumerate(MONEY_COLUMNS, 1):
                editor = make_editor(f"{field}{suffix}")
                editor.setFixedWidth(width)
                grid.addWidget(editor, row, column)
            self.rates[suffix] = _computed(f"rate{suffix}", self)
            grid.addWidget(self.rates[suffix], row, 4)
            if suffix:  # 分值 and 得分 belong to the 年度资金总额 row alone
                grid.addWidget(_caption(NO_VALUE, self), row, 5)
                grid.addWidget(_caption(NO_VALUE, self), row, 6)
        self.weight = make_editor("budget_weight")
        self.weight.setFixedWidth(self.weight.fontMetrics().horizontalAdvance("100.00") + 16)
        if isinstance(self.weight, QLineEdit):
            self.weight.setAlignment(Qt.AlignmentFlag.AlignCenter)
        grid.addWidget(self.weight, 1, 5)
        # The budget's score: computed; where the profile lets the clerk score it, typed
        # (the rule's score then said beside it).
        self.budget_score = _computed("budget_score_shown", self)
        self.score_editor = make_editor("budget_score")
        self.score_editor.setFixedWidth(self.weight.width())
        self.rule_score = QLabel(self)
        self.rule_score.setObjectName("budget_rule_score")
        self.rule_score.setStyleSheet("color: #666666;")
        grid.addWidget(self.budget_score, 1, 6)
        grid.addWidget(self.score_editor, 1, 6)
        grid.addWidget(self.rule_score, 1, 7)
        grid.setColumnStretch(8, 1)
        self.mismatch = QLabel(self)
        self.mismatch.setObjectName("money_block_mismatch")
        self.mismatch.setStyleSheet("color: #b00020;")
        self.mismatch.setVisible(False)
        outer.addWidget(self.mismatch)
        self.result = QLabel(self)
        self.result.setObjectName("table_result")
        self.result.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        outer.addWidget(self.result)

    def set_table(self, table: GoalTable | None) -> None:
        """Show another table's results (its amounts are the form's fields)."""
        self._table = table
        self.refresh()

    def refresh(self) -> None:
        """Recompute what the rules make of the table as it is now."""
        table = self._table
        if table is None or table.document is None or not table.document.is_self_evaluation:
            for label in (*self.rates.values(), self.budget_score):
                label.setText(NO_VALUE)
            self.result.setText("")
            self.mismatch.setVisible(False)
            return
        self._unit.setText(f"金额（{table.money_unit}）")
        for suffix, label in self.rates.items():
            adjusted = getattr(table, f"budget_adjusted{suffix}")
            executed = getattr(table, f"budget_executed{suffix}")
            label.setText(rate_text(execution_rate(adjusted, executed)))
        said = money_block_mismatch(table)
        self.mismatch.setText(said)
        self.mismatch.setVisible(bool(said))
        score = self._scores().of(table)
        editable = score.budget_mode == "editable"
        self.budget_score.setVisible(not editable)
        self.score_editor.setVisible(editable)
        self.rule_score.setVisible(editable)
        self.budget_score.setText(score_text(score.budget_score) or NO_VALUE)
        self.rule_score.setText(
            f"按规则{score_text(score.budget_rule) or NO_VALUE}（空着即用此分）"
        )
        self.result.setText(result_text(score, profile_of(table.document).label))


def money_block_mismatch(table: GoalTable) -> str:
    """Where a column's 其中 rows do not add up to its 年度资金总额 (one line each); "" when
    they do or none is filled."""
    lines = []
    for column in MONEY_COLUMNS:
        total = getattr(table, column)
        parts = [getattr(table, f"{column}{suffix}") for suffix, _ in MONEY_ROWS[1:]]
        if total is None or all(part is None for part in parts):
            continue
        added = sum((part or Decimal(0) for part in parts), Decimal(0))
        if added != total:
            lines.append(
                f"{SPECS[column].label}：年度资金总额 {format_money(total)} ≠ "
                f"当年财政拨款 + 上年结转资金 + 其他资金 = {format_money(added)}"
            )
    return "\n".join(lines)


def result_text(score: TableScore, rules: str) -> str:
    """本表总分 and 等级, or how many scores are still missing (the grade waits for them)."""
    full = sum(
        (i.weight or Decimal(0) for i in score.indicators), score.budget_weight or Decimal(0)
    )
    total = f"本表总分：{score_text(score.total)}（满分{full.normalize():f}）"
    missing = sum(1 for i in score.indicators if i.score is None)
    missing += score.budget_score is None
    grade = f"等级：{score.grade}" if score.complete else f"等级：尚有{missing}项未评分"
    return f"{total}　　{grade}　　评分规则：{rules}"
