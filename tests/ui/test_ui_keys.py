"""The indicator tree's keys, pressed as a clerk used to Excel/WPS presses them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from goaleditor.formats.canonical_json import dumps
from goaleditor.model.document import Level1, Level2
from goaleditor.ui.indicator_model import (
    COL_COMPARATOR,
    COL_DESCRIPTION,
    COL_DISPLAY,
    COL_NAME,
    COL_UNIT,
    COL_VALUE,
    COL_WEIGHT,
)
from tests.ui.test_ui_editor import cell, editor_widget, focus_cell, indicator, press, type_text

Key = Qt.Key
Mod = Qt.KeyboardModifier


def current(window) -> tuple[int, int]:
    """(indicator number in print order, column) of the tree's current cell."""
    index = window.editor.view.currentIndex()
    rows = [i for _, _, i in window.current_table().indicator_rows()]
    node = window.editor.model.node(index)
    return next(n for n, i in enumerate(rows) if i is node), index.column()


def test_after_opening_the_cursor_is_on_the_first_indicator(qtbot, window) -> None:
    view = window.editor.view
    qtbot.waitUntil(view.hasFocus)
    assert current(window) == (0, COL_NAME)
    assert view.selectionModel().isSelected(view.currentIndex())
    type_text(view, "甲")
    press(editor_widget(window), Key.Key_Return)
    assert indicator(window, 0).name == "甲"


def test_arrows_move_one_cell_and_left_stays_in_the_row(qtbot, window) -> None:
    view = window.editor.view
    focus_cell(qtbot, window, cell(window, 1, COL_DESCRIPTION))
    press(view, Key.Key_Left)
    assert current(window) == (1, COL_NAME)
    press(view, Key.Key_Left)  # not to the 二级 group
    assert current(window) == (1, COL_NAME)
    for _ in range(6):
        press(view, Key.Key_Right)
    assert current(window) == (1, COL_DISPLAY)
    press(view, Key.Key_Down)
    assert current(window) == (2, COL_DISPLAY)
    press(view, Key.Key_Up)
    press(view, Key.Key_Up)
    assert current(window) == (0, COL_DISPLAY)


def test_ctrl_arrows_fold_and_unfold_a_group(qtbot, window) -> None:
    view = window.editor.view
    focus_cell(qtbot, window, cell(window, 1, COL_VALUE))
    press(view, Key.Key_Left, Mod.ControlModifier)
    group = view.currentIndex()
    assert isinstance(window.editor.model.node(group), Level2) and not view.isExpanded(group)
    press(view, Key.Key_Right, Mod.ControlModifier)
    assert view.isExpanded(group)


def test_enter_moves_down_and_shift_enter_up(qtbot, window) -> None:
    view = window.editor.view
    focus_cell(qtbot, window, cell(window, 1, COL_VALUE))
    press(view, Key.Key_Return)
    assert current(window) == (2, COL_VALUE)
    assert view.state() != view.State.EditingState  # Enter moves; F2 edits
    press(view, Key.Key_Return, Mod.ShiftModifier)
    assert current(window) == (1, COL_VALUE)


def test_enter_commits_the_editor_and_moves_down(qtbot, window) -> None:
    view = window.editor.view
    focus_cell(qtbot, window, cell(window, 2, COL_DESCRIPTION))
    type_text(view, "新")
    editor = editor_widget(window)
    assert isinstance(editor, QLineEdit) and editor.text() == "新"  # typing replaced the text
    type_text(editor, "描述")
    press(editor, Key.Key_Return)
    assert indicator(window, 2).description == "新描述"
    assert current(window) == (3, COL_DESCRIPTION) and view.hasFocus()
    type_text(view, "上")
    press(editor_widget(window), Key.Key_Return, Mod.ShiftModifier)
    assert indicator(window, 3).description == "上"
    assert current(window) == (2, COL_DESCRIPTION)


def test_f2_keeps_the_text_with_the_cursor_at_its_end(qtbot, window) -> None:
    focus_cell(qtbot, window, cell(window, 2, COL_NAME))
    press(window.editor.view, Key.Key_F2)
    editor = editor_widget(window)
    assert isinstance(editor, QLineEdit) and not editor.hasSelectedText()
    assert editor.cursorPosition() == len("提供服务人数")
    type_text(editor, "合计")
    press(editor, Key.Key_Return)
    assert indicator(window, 2).name == "提供服务人数合计"


@pytest.mark.parametrize(
    ("row", "column", "typed", "field", "expected"),
    [
        (2, COL_NAME, "新名称", "name", "新名称"),
        (2, COL_DESCRIPTION, "新描述", "description", "新描述"),
        (2, COL_VALUE, "75", "value", "75"),
        (2, COL_UNIT, "人次", "unit", "人次"),
        (9, COL_UNIT, "亿元", "unit", "亿元"),
    ],
)
def test_typing_replaces_the_cell(qtbot, window, row, column, typed, field, expected) -> None:
    focus_cell(qtbot, window, cell(window, row, column))
    type_text(window.editor.view, typed[0])
    type_text(editor_widget(window), typed[1:])
    press(editor_widget(window), Key.Key_Return)
    assert getattr(indicator(window, row), field) == expected


def test_typing_on_the_comparator_chooses_it(qtbot, window) -> None:
    focus_cell(qtbot, window, cell(window, 2, COL_COMPARATOR))
    type_text(window.editor.view, "定")
    combo = editor_widget(window)
    assert isinstance(combo, QComboBox) and combo.currentText().startswith("定")
    press(combo, Key.Key_Return)
    assert indicator(window, 2).comparator == "定性"
    assert current(window) == (3, COL_COMPARATOR)


def test_tab_walks_the_cells_and_wraps_to_the_next_row(qtbot, window) -> None:
    view = window.editor.view
    focus_cell(qtbot, window, cell(window, 1, COL_UNIT))
    press(view, Key.Key_Tab)
    assert current(window) == (2, COL_NAME)  # 打印值 is not editable: skipped
    press(view, Key.Key_Backtab)
    assert current(window) == (1, COL_UNIT)


def test_delete_clears_the_selected_cells_in_one_step(qtbot, window) -> None:
    view = window.editor.view
    focus_cell(qtbot, window, cell(window, 1, COL_DESCRIPTION))
    select = QItemSelectionModel.SelectionFlag.Select
    for index in (cell(window, 1, COL_VALUE), cell(window, 2, COL_DESCRIPTION)):
        view.selectionModel().select(index, select)
    press(view, Key.Key_Delete)
    assert (indicator(window, 1).description, indicator(window, 1).value) == ("", "")
    assert indicator(window, 2).description == "" and indicator(window, 1).unit == "次"
    assert window.stack.count() == 1
    press(view, Key.Key_Z, Mod.ControlModifier)
    assert indicator(window, 1).description == "政务服务中心硬件维护、维修次数"
    assert indicator(window, 2).description == "提供服务人数"


def test_delete_on_a_group_row_does_nothing(qtbot, window) -> None:
    view = window.editor.view
    group = window.editor.model.index_of(indicator(window, 0).parent)
    focus_cell(qtbot, window, group)
    view.selectionModel().select(group, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    press(view, Key.Key_Delete)
    assert window.stack.count() == 0


def test_ctrl_shift_arrows_move_rows_and_alt_down_does_not(qtbot, window) -> None:
    view = window.editor.view
    focus_cell(qtbot, window, cell(window, 0, COL_NAME))
    press(view, Key.Key_Down, Mod.AltModifier)
    assert window.stack.count() == 0
    focus_cell(qtbot, window, cell(window, 0, COL_NAME))
    press(view, Key.Key_Down, Mod.ControlModifier | Mod.ShiftModifier)
    assert indicator(window, 1).name == "政务服务中心管理办公用房及周围面积"
    assert current(window) == (1, COL_NAME)
    press(view, Key.Key_Up, Mod.ControlModifier | Mod.ShiftModifier)
    assert indicator(window, 0).name == "政务服务中心管理办公用房及周围面积"
    assert "Ctrl+Shift+Down" in window.editor.down_action.toolTip()


def test_alt_down_in_a_cell_editor_does_not_move_the_row(qtbot, window) -> None:
    focus_cell(qtbot, window, cell(window, 1, COL_UNIT))
    press(window.editor.view, Key.Key_F2)
    press(editor_widget(window), Key.Key_Down, Mod.AltModifier)
    assert window.stack.count() == 0
    assert indicator(window, 1).name == "硬件采购、维护数量"


def test_typing_on_a_level2_row_starts_a_new_indicator_there(qtbot, window) -> None:
    view = window.editor.view
    group = indicator(window, 8).parent  # 时效指标, one indicator
    focus_cell(qtbot, window, window.editor.model.index_of(group))
    type_text(view, "办")
    editor = editor_widget(window)
    assert isinstance(editor, QLineEdit) and editor.text() == "办"
    type_text(editor, "结时限")
    press(editor, Key.Key_Return)
    assert [i.name for i in group.children] == ["故障修复响应时间", "办结时限"]
    assert window.stack.count() == 2
    window.stack.undo()
    window.stack.undo()
    assert len(group.children) == 1


def test_keys_typed_before_the_new_rows_editor_has_focus_are_not_lost(qtbot, window) -> None:
    """Typed fast (or on a desktop without a window manager), the second key can reach the
    tree before the editor has focus: it goes into the editor, not the tree's search."""
    view = window.editor.view
    group = indicator(window, 8).parent  # 时效指标
    focus_cell(qtbot, window, window.editor.model.index_of(group))
    type_text(view, "运")
    type_text(view, "维服务费")  # sent to the tree: the editor had not taken them yet
    editor = editor_widget(window)
    assert isinstance(editor, QLineEdit) and editor.text() == "运维服务费"
    press(editor, Key.Key_Return)
    assert [i.name for i in group.children][-1] == "运维服务费"


def test_esc_after_typing_on_a_group_row_takes_the_new_row_back(qtbot, window) -> None:
    """As a spreadsheet throws away what was typed: no stray indicator named by one key."""
    view = window.editor.view
    group = indicator(window, 8).parent  # 时效指标, one indicator
    focus_cell(qtbot, window, window.editor.model.index_of(group))
    type_text(view, "a")
    editor = editor_widget(window)
    type_text(editor, "bc")
    press(editor, Key.Key_Escape)
    assert [i.name for i in group.children] == ["故障修复响应时间"]
    assert window.stack.index() == 0
    type_text(view, "办")  # the next typing still starts a row, and Enter keeps it
    press(editor_widget(window), Key.Key_Return)
    assert [i.name for i in group.children] == ["故障修复响应时间", "办"]
    press(view, Key.Key_Escape)  # Esc in navigation leaves the committed row alone
    assert len(group.children) == 2


def test_plus_and_minus_fold_a_group_instead_of_adding(qtbot, window) -> None:
    view = window.editor.view
    group = window.editor.model.index_of(indicator(window, 8).parent)
    focus_cell(qtbot, window, group)
    press(view, Key.Key_Minus)
    assert not view.isExpanded(group) and window.stack.count() == 0
    press(view, Key.Key_Plus)
    assert view.isExpanded(group)


def test_undo_and_redo_keys_in_the_tree_and_the_table_list(qtbot, window) -> None:
    before = dumps(window.document)
    view = window.editor.view
    focus_cell(qtbot, window, cell(window, 1, COL_DESCRIPTION))
    press(view, Key.Key_Delete)
    press(view, Key.Key_Z, Mod.ControlModifier)
    assert dumps(window.document) == before
    press(view, Key.Key_Y, Mod.ControlModifier)
    assert indicator(window, 1).description == ""
    window.table_list.setFocus()
    qtbot.waitUntil(window.table_list.hasFocus)
    press(window.table_list, Key.Key_Z, Mod.ControlModifier)
    assert dumps(window.document) == before
    press(window.table_list, Key.Key_Z, Mod.ControlModifier | Mod.ShiftModifier)
    assert indicator(window, 1).description == ""


def test_typing_on_a_level1_row_starts_an_indicator_in_its_first_group(qtbot, window) -> None:
    level1 = window.editor.model.index(0, 0)
    node = window.editor.model.node(level1)
    assert isinstance(node, Level1)
    group = node.children[0]
    before = [i.name for i in group.children]
    focus_cell(qtbot, window, level1)
    type_text(window.editor.view, "新")
    editor = editor_widget(window)
    assert isinstance(editor, QLineEdit) and editor.text() == "新"
    type_text(editor, "指标")
    press(editor, Key.Key_Return)
    assert [i.name for i in group.children] == [*before, "新指标"]
    window.stack.undo()
    window.stack.undo()
    assert [i.name for i in group.children] == before


def test_home_and_end_stay_in_the_row(qtbot, window) -> None:
    view = window.editor.view
    focus_cell(qtbot, window, cell(window, 2, COL_VALUE))
    press(view, Key.Key_End)
    last = max(c for c in range(COL_WEIGHT + 1) if not view.isColumnHidden(c) and c != COL_DISPLAY)
    assert current(window) == (2, last)
    press(view, Key.Key_Home)
    assert current(window) == (2, COL_NAME)
    press(view, Key.Key_End, Mod.ControlModifier)  # Ctrl+End: the last row, as in a sheet
    assert window.editor.model.node(view.currentIndex()) is not indicator(window, 2)


def test_home_and_end_skip_a_column_the_layout_hides(qtbot, window) -> None:
    view = window.editor.view
    view.setColumnHidden(COL_WEIGHT, True)
    focus_cell(qtbot, window, cell(window, 0, COL_NAME))
    press(view, Key.Key_End)
    assert current(window) == (0, COL_UNIT)  # 指标值（显示） is not editable, 权重 hidden
    view.setColumnHidden(COL_WEIGHT, False)
    press(view, Key.Key_End)
    assert current(window) == (0, COL_WEIGHT)


@pytest.mark.parametrize("column", [COL_COMPARATOR, COL_UNIT])
def test_alt_down_opens_the_drop_down_without_f2(qtbot, window, column) -> None:
    view = window.editor.view
    focus_cell(qtbot, window, cell(window, 1, column))
    press(view, Key.Key_Down, Mod.AltModifier)
    combo = view.indexWidget(view.currentIndex())
    assert isinstance(combo, QComboBox)
    qtbot.waitUntil(lambda: combo.view().isVisible())
    assert current(window) == (1, column) and window.stack.count() == 0
    combo.hidePopup()
    press(editor_widget(window), Key.Key_Escape)
    assert window.stack.count() == 0


def test_a_check_marking_the_cell_being_typed_keeps_what_was_typed(qtbot, window) -> None:
    """Typing on a 二级 row: the new indicator gets a problem marker while its name is typed."""
    view = window.editor.view
    group = window.current_table().children[0].children[0]
    window.editor.select_node(group)
    view.setFocus()
    type_text(view, "运")
    editor = editor_widget(window)
    type_text(editor, "维服务")
    window.problems.recheck()  # marks the new, still nameless row: dataChanged on the cell
    qtbot.wait(50)
    type_text(editor, "次数")
    press(editor, Key.Key_Return)
    assert group.children[-1].name == "运维服务次数"
