"""Fix-its from the problems panel's context menu: several ways to fix, each one undoable."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMenu

from goaleditor.model.edits import SetHeader


def menu_actions(window, rule: str) -> list:
    """The actions of the context menu opened on the first problem of a rule."""
    panel = window.problems
    panel.recheck()
    row = next(i for i, p in enumerate(panel.problems) if p.rule == rule)
    item = panel.tree.topLevelItem(row)
    shown: list = []

    def read_and_close() -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            shown.extend(menu.actions())
            menu.close()

    QTimer.singleShot(0, read_and_close)  # the menu runs its own event loop
    point = panel.tree.visualItemRect(item).center()
    panel.tree.customContextMenuRequested.emit(point)
    return shown


def test_budget_fix_offers_both_directions(qtbot, window) -> None:
    table = window.current_table()  # 预算数 6300000.00 = 财政资金 6300000.00
    window.session.apply(SetHeader(table, "budget_total", Decimal(7000000)))
    actions = menu_actions(window, "budget.sum")
    labels = [a.text() for a in actions]
    assert labels == [
        "定位到单元格(&L)",
        "&1 修复：财政资金改为 预算数 − 其他资金 = 7000000.00",
        "&2 修复：预算数改为 财政资金 + 其他资金 = 6300000.00",
    ]
    actions[2].trigger()  # the clerk meant to keep 财政资金: 预算数 goes back
    assert table.budget_total == Decimal("6300000.00")
    assert table.budget_fiscal == Decimal("6300000.00")
    assert window.stack.undoText() == "修复问题"
    window.stack.undo()
    assert table.budget_total == Decimal(7000000)


def test_date_of_another_year_offers_the_document_year(qtbot, window) -> None:
    from goaleditor.model import edit_rules as rules

    window.session.apply(rules.set_properties(window.document, {"year": 2027}))
    actions = menu_actions(window, "timeliness.outside-year")
    assert actions[1].text() == "&1 修复：改为本年度：2027年12月31日前"
    actions[1].trigger()
    window.problems.recheck()
    assert "2027年12月31日前" in {
        i.value for t in window.document.tables for _, _, i in t.indicator_rows()
    }


def test_a_missing_level2_is_shown_at_its_group_and_fixed_by_a_new_row(qtbot, window) -> None:
    from goaleditor.model import edit_rules as rules

    table = window.current_table()
    timely = table.children[0].children[2]
    assert timely.name == "时效指标" and len(timely.children) == 1
    window.session.apply(rules.delete_nodes(timely.children))
    actions = menu_actions(window, "framework.missing-level2")
    panel = window.problems
    row = next(i for i, p in enumerate(panel.problems) if p.rule == "framework.missing-level2")
    item = panel.tree.topLevelItem(row)
    assert item.text(1) == "表1 产出指标/时效指标"
    assert item.text(2) == "时效指标下还没有三级指标（本框架要求数量、质量、时效、成本指标都有）"
    assert [a.text() for a in actions] == [
        "定位到单元格(&L)",
        "&1 修复：在“时效指标”下添加一个三级指标",
    ]
    window.editor.select_node(table.children[2].children[0].children[0])  # elsewhere
    actions[0].trigger()  # 定位: the group is current and selected, in the focused tree
    view = window.editor.view
    assert window.editor.model.node(view.currentIndex()) is timely
    assert view.selectionModel().isSelected(view.currentIndex()) and window.focusWidget() is view
    actions[1].trigger()
    assert [i.name for i in timely.children] == [""]
    assert window.editor.model.node(view.currentIndex()) is timely.children[0]  # ready to type
    assert window.stack.undoText() == "修复问题"
    assert "framework.missing-level2" not in {p.rule for p in panel.problems}
    window.stack.undo()
    assert timely.children == []


def test_every_fix_has_a_chinese_label_for_its_tooltip() -> None:
    from goaleditor.model import checks
    from goaleditor.self_evaluation import fix_its
    from goaleditor.ui.problems_panel import FIX_LABELS

    ids = {
        v
        for module in (checks, fix_its)
        for k, v in vars(module).items()
        if k.startswith("FIX_") and isinstance(v, str)
    }
    assert ids == set(FIX_LABELS)
