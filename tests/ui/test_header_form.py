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


# --- amounts as clerks write them ----------------------------------------------------------


def status(window) -> str:
    return window.statusBar().currentMessage()


def retype(edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    type_text(edit, text)


def test_375_wan_in_a_yuan_table_is_3750000_and_said(window) -> None:
    total = window.header_form.editor("budget_total")
    retype(total, "375万")
    assert window.current_table().budget_total == Decimal("3750000.00")
    assert status(window) == "“375万”按本表单位（元）读作3750000.00元"
    press(total, Qt.Key.Key_Return)
    assert total.text() == "3750000.00"
    assert window.stack.undoText() == "修改预算数"


def test_375_wan_in_a_ten_thousand_yuan_table_is_375(window) -> None:
    from goaleditor.model.edits import SetHeader

    table = window.current_table()
    window.session.apply(SetHeader(table, "money_unit", "万元"))
    retype(window.header_form.editor("budget_fiscal"), "375万")
    assert table.budget_fiscal == Decimal("375.00")
    assert "读作375.00万元" in status(window)


def test_grouped_yuan_and_currency_sign_are_read_and_said(window) -> None:
    other = window.header_form.editor("budget_other")
    retype(other, "1,234.5元")
    assert window.current_table().budget_other == Decimal("1234.50")
    assert status(window) == "“1,234.5元”按本表单位（元）读作1234.50元"
    retype(other, "￥400")
    assert window.current_table().budget_other == Decimal("400.00")
    assert status(window) == "“￥400”读作400.00元"


def test_a_pasted_amount_is_read_the_same_way(window) -> None:
    total = window.header_form.editor("budget_total")
    QApplication.clipboard().setText("375万")
    total.setFocus()
    total.selectAll()
    QTest.keyClick(total, Qt.Key.Key_V, CTRL)
    assert window.current_table().budget_total == Decimal("3750000.00")
    assert "读作3750000.00元" in status(window)


def test_a_refused_character_is_said_never_silently_dropped(window) -> None:
    total = window.header_form.editor("budget_total")
    retype(total, "12")
    type_text(total, "a")
    assert total.text() == "12"
    assert "金额中不能有“a”" in status(window) and "预算数" in status(window)
    QApplication.clipboard().setText("预算375万")
    total.selectAll()
    QTest.keyClick(total, Qt.Key.Key_V, CTRL)
    assert total.text() == "12"  # the paste is refused whole, and said
    assert "金额中不能有“预”、“算”" in status(window)
    assert window.current_table().budget_total == Decimal("12.00")


def test_a_third_decimal_is_said_and_the_amount_before_typing_kept(window) -> None:
    """1.234 is refused; leaving, the field holds what it held before this visit's typing
    (6300000.00), not the half-typed 1.23 it passed through."""
    total = window.header_form.editor("budget_total")
    retype(total, "1.23")
    type_text(total, "4")
    assert window.current_table().budget_total == Decimal("1.23")
    assert status(window) == "“1.234”超过两位小数（金额到分），未采用"
    assert total.palette().color(total.foregroundRole()).name() == "#b00020"
    press(total, Qt.Key.Key_Return)
    assert total.text() == "6300000.00"
    assert window.current_table().budget_total == Decimal("6300000.00")
    assert status(window) == "“1.234”超过两位小数（金额到分），未采用：仍为6300000.00"
    assert total.palette().color(total.foregroundRole()).name() != "#b00020"


# --- switching the money unit ---------------------------------------------------------------


def choose_unit(window, unit: str, answer: str | None) -> list[tuple[str, str]]:
    """Pick unit in the 金额单位 box; the question (if any) is answered with answer."""
    asked: list[tuple[str, str]] = []

    def choose(kind, name, title, text, buttons, detail="", default=0):
        asked.append((text, detail))
        assert name == "money_unit_change" and answer in buttons
        return answer

    window.prompts.choose = choose
    combo = window.header_form.editor("money_unit")
    combo.setCurrentIndex(combo.findText(unit))
    combo.activated.emit(combo.currentIndex())
    return asked


def test_switching_to_wan_yuan_converts_the_amounts_in_one_undo_step(window) -> None:
    table = window.current_table()
    table_before = (table.budget_total, table.budget_fiscal)
    asked = choose_unit(window, "万元", "换算金额")
    assert asked and "金额单位由元改为万元" in asked[0][0]
    assert "预算数：6300000.00元 → 630.00万元" in asked[0][1]
    assert table.money_unit == "万元"
    assert (table.budget_total, table.budget_fiscal) == (Decimal("630.00"), Decimal("630.00"))
    assert window.header_form.editor("budget_total").text() == "630.00"
    assert "金额已换算" in status(window)
    assert window.stack.undoText() == "修改金额单位（换算金额）"
    window.stack.undo()  # one step back: the unit and every amount
    assert table.money_unit == "元"
    assert (table.budget_total, table.budget_fiscal) == table_before
    assert status(window) == "已撤销：修改金额单位（换算金额）"  # no longer "金额已换算"
    assert window.header_form.editor("money_unit").currentText() == "元"
    assert window.header_form.editor("budget_total").text() == "6300000.00"


def test_switching_the_unit_can_keep_the_numbers_or_be_cancelled(window) -> None:
    table = window.current_table()
    choose_unit(window, "万元", "取消")
    assert table.money_unit == "元"
    assert window.header_form.editor("money_unit").currentText() == "元"
    choose_unit(window, "万元", "保留数字")
    assert (table.money_unit, table.budget_total) == ("万元", Decimal("6300000.00"))
    assert window.stack.undoText() == "修改金额单位"
    assert "金额数字未变" in status(window)


def test_rounded_conversions_are_said_before_they_are_made(window) -> None:
    from goaleditor.model.edits import SetHeader

    table = window.current_table()
    window.session.apply(SetHeader(table, "budget_other", Decimal("1234.56")))
    asked = choose_unit(window, "万元", "换算金额")
    assert "其他资金：1234.56元 → 0.12万元（四舍五入）" in asked[0][1]
    assert "四舍五入到分" in asked[0][1]


def test_a_table_without_amounts_switches_without_asking(window) -> None:
    from goaleditor.model.edits import SetHeader, Steps

    table = window.current_table()
    window.session.apply(
        Steps(tuple(SetHeader(table, n, None) for n in ("budget_total", "budget_fiscal")), "清空")
    )
    assert choose_unit(window, "万元", None) == []
    assert table.money_unit == "万元"


def test_a_cell_copied_from_a_spreadsheet_pastes_with_its_line_end(window) -> None:
    total = window.header_form.editor("budget_total")
    QApplication.clipboard().setText("1,234.5元\r\n")
    total.setFocus()
    total.selectAll()
    QTest.keyClick(total, Qt.Key.Key_V, CTRL)
    assert window.current_table().budget_total == Decimal("1234.50")
    press(total, Qt.Key.Key_Return)
    assert total.text() == "1234.50"


def test_the_examples_in_empty_fields_name_the_documents_year(window) -> None:
    """A 2027 draft does not suggest 2026年…运行经费 or 2026-01-01."""
    from goaleditor.model.edits import SetHeader, SetProperties

    table = window.current_table()
    window.session.apply(SetProperties({"year": 2027}))
    window.session.apply(SetHeader(table, "project_name", ""))
    placeholder = window.header_form.editor("project_name").placeholderText()
    assert "2027年" in placeholder and "2026" not in placeholder


def test_an_amount_refused_on_leaving_goes_back_to_what_the_field_held(window) -> None:
    """Typing commits each keystroke: "12万5千" stored 120000 on the way, and leaving with the
    text refused must not keep that half-typed amount: the field goes back to 98."""
    other = window.header_form.editor("budget_other")
    retype(other, "98")
    press(other, Qt.Key.Key_Tab)
    steps = window.stack.count()
    retype(other, "12万5千")
    assert window.current_table().budget_other == Decimal("120000.00")  # a prefix, on the way
    press(other, Qt.Key.Key_Return)
    assert window.current_table().budget_other == Decimal("98.00")
    assert other.text() == "98.00"
    assert status(window).endswith("未采用：仍为98.00")
    window.stack.undo()  # the visit was one step, and it changed nothing in the end
    assert window.stack.count() <= steps + 1
    assert window.current_table().budget_other == Decimal("98.00")


def test_escape_in_a_field_takes_back_what_was_typed_there(window) -> None:
    other = window.header_form.editor("budget_other")
    before = window.current_table().budget_other
    retype(other, "45")
    assert window.current_table().budget_other == Decimal("45.00")
    press(other, Qt.Key.Key_Escape)
    assert window.current_table().budget_other == before
    assert other.text() == format_money(before)
    total = window.header_form.editor("budget_total")
    retype(total, "45")
    assert window.header_form._hint.text().startswith("预算数 45.00 ≠")
    press(total, Qt.Key.Key_Escape)
    assert window.header_form._hint.text() == ""  # the sum holds again: no stale warning
    name = window.header_form.editor("project_name")
    retype(name, "新的名称")
    press(name, Qt.Key.Key_Escape)
    assert window.current_table().project_name == ORIGINAL_NAME


def test_every_line_field_of_the_form_holds_a_field_at_the_cap(window) -> None:
    """QLineEdit cuts at 32,767 characters by default: a long name that came in a file would
    be cut silently when the clerk edits it."""
    from PySide6.QtWidgets import QLineEdit

    from goaleditor.model.limits import MAX_FIELD_CHARS

    lines = [w for w in window.header_form.findChildren(QLineEdit) if w.objectName()]
    assert lines
    for line in lines:
        assert line.maxLength() >= MAX_FIELD_CHARS, line.objectName()
