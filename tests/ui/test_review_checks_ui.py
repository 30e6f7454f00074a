"""The review checks in the 问题 panel: each goes to its cell (a header field, a 指标值)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QApplication

from goaleditor.model import edit_rules as rules
from goaleditor.model.edits import SetField, SetHeader, Steps
from goaleditor.ui.indicator_model import COL_VALUE


def _activate(window, rule: str):
    panel = window.problems
    panel.recheck()
    problem = next(p for p in panel.problems if p.rule == rule)
    panel.activated.emit(problem)
    return problem


def _multi_year_shanghai(window) -> None:
    """The example's first table in Shanghai's form, run 2025–2027 with its money copied."""
    window.session.apply(rules.set_properties(window.document, {"layout": "shanghai"}))
    table = window.current_table()
    money = table.budget_total
    steps = [
        SetHeader(table, "start_date", "2025-01-01"),
        SetHeader(table, "end_date", "2027-12-31"),
        SetHeader(table, "period_total", money),
        SetHeader(table, "period_fiscal", money),
        SetHeader(table, "period_goal", f"{table.goal}\n"),
    ]
    window.session.apply(Steps(tuple(steps), "测试"))


def test_copied_money_and_goal_go_to_their_header_fields(qtbot, window) -> None:
    _multi_year_shanghai(window)
    window.editor.view.setFocus()
    money = _activate(window, "budget.annual-equals-period")
    assert money.message == "年度资金与实施期资金相同：多年项目的年度预算应为当年安排数"
    assert QApplication.focusWidget() is window.header_form.editor("budget_total")
    goal = _activate(window, "goal.same-as-period-goal")
    assert goal.message.startswith("年度总体目标与项目总体目标相同")
    assert QApplication.focusWidget() is window.header_form.editor("goal")
    window.session.apply(SetHeader(window.current_table(), "budget_total", Decimal(2000000)))
    window.session.apply(SetHeader(window.current_table(), "budget_fiscal", Decimal(2000000)))
    window.problems.recheck()
    assert "budget.annual-equals-period" not in {p.rule for p in window.problems.problems}


def test_a_vague_value_goes_to_its_value_cell(qtbot, window) -> None:
    table = window.current_table()
    _, _, quality = next(r for r in table.indicator_rows() if r[1] == "质量指标")
    window.session.apply(SetField(quality, "comparator", "定性"))
    window.session.apply(SetField(quality, "value", "明显提升"))
    window.header_form.editor("project_name").setFocus()
    problem = _activate(window, "value.vague-qualitative")
    assert problem.node is quality and problem.severity == "提示"
    view = window.editor.view
    assert window.editor.model.node(view.currentIndex()) is quality
    assert view.currentIndex().column() == COL_VALUE and window.focusWidget() is view
