"""The 问题 panel on a 自评表: its own problems, one edit rechecking (and rescoring) one table."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import goaleditor.checking
from goaleditor.model.checks import WARNING, Problem
from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.self_evaluation.checks import (
    LOW_EXECUTION,
    NO_DEVIATION,
    UNKNOWN_SCORING,
    WEIGHTS,
)
from goaleditor.ui.problems_panel import ProblemsPanel


def _table(actual: str) -> GoalTable:
    indicator = Indicator("办件数", "", "≥", "10", "个", "90")
    indicator.actual = actual
    table = GoalTable.from_rows([("产出指标", "数量指标", indicator)], project_name="p", goal="g")
    table.budget_adjusted, table.budget_executed = Decimal(100), Decimal(100)
    table.goal_result = "全部完成"
    return table


@pytest.fixture
def panel(qtbot: Any) -> ProblemsPanel:
    document = Document(kind="self-evaluation", tables=[_table("10个") for _ in range(1000)])
    widget = ProblemsPanel(document, lambda _fix: None)
    qtbot.addWidget(widget)
    widget.recheck()
    return widget


def test_one_edit_rescores_only_its_table(panel: ProblemsPanel, monkeypatch: Any) -> None:
    assert panel.problems == []
    calls: list[GoalTable] = []
    real = goaleditor.checking.score_table

    def counting(table: GoalTable, profile: Any) -> Any:
        calls.append(table)
        return real(table, profile)

    monkeypatch.setattr(goaleditor.checking, "score_table", counting)
    document = panel._document
    indicator = next(document.tables[500].indicator_rows())[2]
    document.set_field(indicator, "actual", "8个")  # 72 of 90: a 偏差原因 is needed
    panel.recheck()
    assert calls == [document.tables[500]]
    [problem] = panel.problems
    assert (problem.rule, problem.table, problem.row) == (NO_DEVIATION, 501, 1)
    assert (problem.node, problem.field) == (indicator, "deviation")  # the cell to fill


def test_another_scoring_profile_rechecks_every_table(panel: ProblemsPanel) -> None:
    panel._document.set_property("scoring", "hubei")  # the budget is worth 20: 三级 sum to 80
    panel.recheck()
    assert [(p.rule, p.table) for p in panel.problems] == [(WEIGHTS, n) for n in range(1, 1001)]
    panel._document.set_property("scoring", "mars")
    panel.recheck()
    assert [p.rule for p in panel.problems] == [UNKNOWN_SCORING]


SELF_EVALUATION = (
    Path(__file__).resolve().parents[1]
    / "fixtures"
    / "self_evaluation"
    / "central-clerk-expected.json"
)


def test_a_problem_of_a_self_evaluation_leads_to_its_row(window: Any) -> None:
    assert window.open_path(SELF_EVALUATION, ask=False)
    window.problems.recheck()
    problem = next(p for p in window.problems.problems if p.rule == NO_DEVIATION)
    window.problems.activated.emit(problem)
    assert window.current_table() is window.session.document.tables[1]
    view = window.editor.view
    assert view.model().node(view.currentIndex()) is problem.node  # 知识库条目更新数


def test_a_problem_of_a_self_evaluation_header_field_never_fails(window: Any) -> None:
    assert window.open_path(SELF_EVALUATION, ask=False)
    table = window.session.document.tables[0]
    problem = Problem(WARNING, 1, 0, LOW_EXECUTION, "预算执行率", "budget_executed", node=table)
    window.problems.activated.emit(problem)  # with or without an editor for it in the form
    assert window.current_table() is table
