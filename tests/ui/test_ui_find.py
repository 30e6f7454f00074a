"""查找/替换, the shortcut sheet (F1) and the library's search box, driven with keys."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from goaleditor.formats.canonical_json import dumps
from goaleditor.ui.indicator_model import COL_DESCRIPTION, COL_NAME, COL_UNIT
from tests.ui.test_ui_editor import cell, press, type_text

Key = Qt.Key
Mod = Qt.KeyboardModifier


def open_find(qtbot, window, key: Key):
    from goaleditor.ui.find_dialog import FindDialog

    press(window.editor.view, key, Mod.ControlModifier)
    dialog = window.findChild(FindDialog, "find_dialog")
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    return dialog


def test_ctrl_f_finds_across_tables_and_goes_to_each_cell(qtbot, window) -> None:
    dialog = open_find(qtbot, window, Key.Key_F)
    qtbot.waitUntil(dialog.find_text.hasFocus)
    type_text(dialog.find_text, "满意度")
    press(dialog.find_text, Key.Key_Return)  # 查找下一个 is the default button
    view = window.editor.view
    assert view.currentIndex() == cell(window, 14, COL_NAME)
    assert dialog.status.text().startswith("第1处，共")
    press(dialog.find_text, Key.Key_Return)
    assert view.currentIndex() == cell(window, 14, COL_DESCRIPTION)
    dialog.previous_button.click()
    dialog.previous_button.click()  # wraps to the last match, in the last table
    assert window.table_list.currentIndex().row() == len(window.document.tables) - 1


def test_find_goes_to_header_fields_and_units(qtbot, window) -> None:
    dialog = open_find(qtbot, window, Key.Key_F)
    window.table_list.setCurrentIndex(window.table_model.index(2))
    type_text(dialog.find_text, "水土保持")
    dialog.next_button.click()
    assert window.table_list.currentIndex().row() == 1
    name = window.header_form.editor("project_name")
    assert name.selectedText() == "水土保持"
    dialog.find_text.clear()
    type_text(dialog.find_text, "平方米")
    dialog.next_button.click()
    assert window.table_list.currentIndex().row() == 0
    assert window.editor.view.currentIndex() == cell(window, 0, COL_UNIT)


def test_nothing_found_says_so(qtbot, window) -> None:
    dialog = open_find(qtbot, window, Key.Key_F)
    type_text(dialog.find_text, "不存在的文字")
    dialog.next_button.click()
    assert dialog.status.text() == "找不到“不存在的文字”"


def test_replace_one_then_replace_all_and_undo(qtbot, window) -> None:
    before = dumps(window.document)
    dialog = open_find(qtbot, window, Key.Key_H)
    type_text(dialog.find_text, "满意度")
    press(dialog.find_text, Key.Key_Tab)
    type_text(dialog.replace_text, "满意⑨")
    dialog.replace_button.click()  # the first click finds
    assert window.stack.count() == 0
    dialog.replace_button.click()  # the second replaces and goes on
    first = window.editor.model.node(cell(window, 14, COL_NAME))
    assert first.name == "中心工作人员满意⑨" and first.description == "中心工作人员满意度"
    assert window.editor.view.currentIndex() == cell(window, 14, COL_DESCRIPTION)
    dialog.replace_all_button.click()
    assert "满意度" not in dumps(window.document).replace("满意度指标", "")
    assert dialog.status.text().startswith("已替换")
    assert window.stack.count() == 2  # replace all is one step
    window.action.undo.trigger()
    assert "满意⑨" in dumps(window.document)
    window.action.undo.trigger()
    assert dumps(window.document) == before


def test_ctrl_h_with_a_search_text_goes_to_the_replacement(qtbot, window) -> None:
    dialog = open_find(qtbot, window, Key.Key_F)
    type_text(dialog.find_text, "经费")
    dialog.close()
    window.action.replace.trigger()
    assert dialog.isVisible()
    qtbot.waitUntil(dialog.replace_text.hasFocus)


def test_f1_lists_every_shortcut_from_the_actions(qtbot, window) -> None:
    from goaleditor.ui.shortcut_sheet import ShortcutSheet

    seen: list[list[str]] = []

    def read_sheet() -> None:
        sheet = QApplication.activeModalWidget()
        assert isinstance(sheet, ShortcutSheet)
        items = [sheet.list.topLevelItem(i) for i in range(sheet.list.topLevelItemCount())]
        seen.extend([item.text(j) for j in range(3)] for item in items)
        sheet.reject()

    QTimer.singleShot(0, read_sheet)
    press(window.editor.view, Key.Key_F1)
    rows = {(where, command): keys for where, command, keys in seen}
    assert rows[("编辑", "下移")] == "Ctrl+Shift+↓"
    assert rows[("编辑", "查找")] == "Ctrl+F" and rows[("编辑", "替换")] == "Ctrl+H"
    assert rows[("文件 → 导出", "导出PDF")] == "Ctrl+E"
    assert rows[("帮助", "快捷键一览")] == "F1"
    assert rows[("表", "表下移")] == "Ctrl+Shift+↓ 或 Alt+↓"
    assert ("指标表格", "清除选中单元格的内容") in rows
    # Generated from the actions: a changed shortcut shows at once.
    window.action.check.setShortcut("F9")
    QTimer.singleShot(0, read_sheet)
    seen.clear()
    window.action.shortcuts.trigger()
    assert {(w, c): k for w, c, k in seen}[("文档", "检查")] == "F9"


def test_library_search_filters_every_group_as_you_type(qtbot, window) -> None:
    from goaleditor.model.frameworks import get_framework
    from goaleditor.ui.library_dialog import LibraryDialog

    dialog = LibraryDialog(window.library, get_framework("classic"), window)
    qtbot.addWidget(dialog)
    everything = dialog.entries.topLevelItemCount()
    dialog.search.setFocus()
    type_text(dialog.search, "满意")
    names = [dialog.entries.topLevelItem(i) for i in range(dialog.entries.topLevelItemCount())]
    assert names and all("满意" in i.text(0) + i.text(1) for i in names)
    assert {i.text(3) for i in names} >= {"服务对象满意度指标"}
    assert not dialog.groups.isEnabled()
    names[0].setCheckState(0, Qt.CheckState.Checked)
    chosen = names[0].text(0)
    dialog.search.clear()
    assert dialog.entries.topLevelItemCount() == everything and dialog.groups.isEnabled()
    assert [entry.name for _, entry in dialog.chosen()] == [chosen]


def _screen_rect(widget, rect):
    from PySide6.QtCore import QRect

    return QRect(widget.mapToGlobal(rect.topLeft()), rect.size())


def test_the_find_dialog_moves_off_the_cell_it_goes_to(qtbot, window) -> None:
    dialog = open_find(qtbot, window, Key.Key_F)
    view = window.editor.view
    type_text(dialog.find_text, "满意度")
    target = cell(window, 14, COL_NAME)
    view.scrollTo(target)
    spot = _screen_rect(view.viewport(), view.visualRect(target))
    dialog.move(spot.center() - dialog.rect().center())  # right over the first match
    assert dialog.frameGeometry().intersects(spot)
    press(dialog.find_text, Key.Key_Return)
    assert view.currentIndex() == target
    shown = _screen_rect(view.viewport(), view.visualRect(view.currentIndex()))
    assert not dialog.frameGeometry().intersects(shown)
    assert dialog.screen().availableGeometry().contains(dialog.frameGeometry())


def test_the_find_dialog_moves_off_a_header_field_it_goes_to(qtbot, window) -> None:
    dialog = open_find(qtbot, window, Key.Key_F)
    field = window.header_form.editor("project_name")
    name = window.document.tables[2].project_name
    type_text(dialog.find_text, name)
    window.table_list.setCurrentIndex(window.table_model.index(2))
    spot = _screen_rect(field, field.rect())
    dialog.move(spot.center() - dialog.rect().center())
    press(dialog.find_text, Key.Key_Return)
    assert window.table_list.currentIndex().row() == 2
    assert not dialog.frameGeometry().intersects(_screen_rect(field, field.rect()))
