"""The header form commits as the clerk types, one undo step per field, Ctrl+Z in the field."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from goaleditor.model.money import format_money
from tests.ui.test_ui_editor import press, type_text

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ORIGINAL_NAME = "2026年政务服务办运行经费"


def test_typing_commits_at_once_as_one_undo_step(window) -> None:
    edit = window.header_form.editor("project_name")
    edit.setFocus()
    edit.selectAll()
    steps = window.stack.count()
    type_text(edit, "新项目")
    assert window.current_table().project_name == "新项目"  # no Return, no flush
    assert window.stack.count() == steps + 1
    assert window.stack.undoText() == "修改项目名称"
    type_text(window.header_form.editor("budget_other"), "5")
    assert window.stack.count() == steps + 2  # another field: another step


def test_coming_back_to_a_field_is_a_new_undo_step(window) -> None:
    edit = window.header_form.editor("project_name")
    edit.setFocus()
    edit.selectAll()
    type_text(edit, "第一次")
    window.editor.view.setFocus()
    edit.setFocus()
    edit.selectAll()
    type_text(edit, "第二次")
    window.stack.undo()
    assert window.current_table().project_name == "第一次"
    window.stack.undo()
    assert window.current_table().project_name == ORIGINAL_NAME


def test_ctrl_z_and_ctrl_y_in_a_field_undo_the_document(window) -> None:
    edit = window.header_form.editor("project_name")
    edit.setFocus()
    edit.selectAll()
    type_text(edit, "新项目")
    done = window.stack.index()
    QTest.keyClick(edit, Qt.Key.Key_Z, CTRL)
    assert window.stack.index() == done - 1  # the window's undo, not the line edit's own
    assert window.current_table().project_name == ORIGINAL_NAME
    assert edit.text() == ORIGINAL_NAME
    QTest.keyClick(edit, Qt.Key.Key_Y, CTRL)
    assert window.stack.index() == done
    assert window.current_table().project_name == "新项目"
    QTest.keyClick(edit, Qt.Key.Key_Z, CTRL)
    QTest.keyClick(edit, Qt.Key.Key_Z, CTRL | SHIFT)
    assert edit.text() == window.current_table().project_name == "新项目"


def test_ctrl_z_in_the_goal_field_undoes_the_document(window) -> None:
    goal = window.header_form.editor("goal")
    before = window.current_table().goal
    goal.setFocus()
    type_text(goal, "补充")
    assert window.current_table().goal != before
    QTest.keyClick(goal, Qt.Key.Key_Z, CTRL)
    assert window.current_table().goal == before == goal.toPlainText()


def test_spaces_typed_in_the_name_stay_while_typing(window) -> None:
    edit = window.header_form.editor("project_name")
    edit.setFocus()
    edit.selectAll()
    type_text(edit, "甲 乙 ")
    assert edit.text() == "甲 乙 "
    assert window.current_table().project_name == "甲 乙"
    press(edit, Qt.Key.Key_Return)
    assert edit.text() == "甲 乙"


def test_money_commits_when_valid_and_is_formatted_on_leaving(window) -> None:
    total = window.header_form.editor("budget_total")
    total.setFocus()
    total.selectAll()
    type_text(total, "1234.5")
    assert window.current_table().budget_total == Decimal("1234.50")
    assert total.text() == "1234.5"  # not rewritten under the cursor
    press(total, Qt.Key.Key_Return)
    assert total.text() == format_money(Decimal("1234.50"))
    total.selectAll()
    type_text(total, ".")  # not an amount: the document keeps the last one
    assert window.current_table().budget_total == Decimal("1234.50")
    press(total, Qt.Key.Key_Return)
    assert total.text() == format_money(Decimal("1234.50"))


def test_switching_tables_keeps_what_was_typed(window) -> None:
    edit = window.header_form.editor("fund_use")
    edit.setFocus()
    edit.selectAll()
    type_text(edit, "新用途")
    first = window.current_table()
    window.table_list.setCurrentIndex(window.table_model.index(1))
    assert first.fund_use == "新用途"
    assert edit.toPlainText() == window.current_table().fund_use


def test_tab_from_the_project_name_goes_to_the_budget(qtbot, window) -> None:
    name = window.header_form.editor("project_name")
    name.setFocus()
    press(name, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.header_form.editor("budget_total")


def test_a_blank_amount_reads_as_missing_and_a_zero_as_zero(window) -> None:
    edit = window.header_form.editor("budget_other")
    edit.setFocus()
    edit.selectAll()
    QTest.keyClick(edit, Qt.Key.Key_Delete)
    assert window.current_table().budget_other is None
    assert (edit.text(), edit.placeholderText()) == ("", "未填")
    type_text(edit, "0")
    window.editor.view.setFocus()
    assert window.current_table().budget_other == Decimal("0")
    assert edit.text() == format_money(Decimal("0")) == "0.00"
