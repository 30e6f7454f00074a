"""The editor follows the document's layout: 新建 asks for it, 文档属性 switches it (undoable),
the header form and the tree show the fields the layout prints, and unprinted data is named."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from goaleditor.ui.dialogs import DocumentPropertiesDialog
from goaleditor.ui.indicator_model import COL_UNIT, COL_WEIGHT
from tests.ui.test_ui_editor import cell, editor_widget, focus_cell, press, type_text

SHANGHAI_ONLY = ("project_nature", "supervisor", "start_date", "period_total", "period_goal")


def _choose_layout(name: str, seen: list[str] | None = None) -> None:
    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, DocumentPropertiesDialog)
        if seen is not None:
            seen.append(dialog.layout_choice.currentData())
        dialog.layout_choice.setCurrentIndex(dialog.layout_choice.findData(name))
        dialog.accept()

    QTimer.singleShot(0, choose)


def shown(window, name: str) -> bool:
    return window.header_form.editor(name).isVisibleTo(window)


def test_new_asks_for_the_layout_and_remembers_it(window) -> None:
    seen: list[str] = []
    _choose_layout("shanghai", seen)
    window.action.new.trigger()
    doc = window.document
    assert (doc.layout, doc.framework) == ("shanghai", "cost-first")
    assert seen == ["tianjin"]
    assert all(shown(window, name) for name in SHANGHAI_ONLY)
    assert not shown(window, "fund_use") and shown(window, "budget_carryover")
    _choose_layout("central", seen)
    window.action.new.trigger()
    assert seen == ["tianjin", "shanghai"]  # the last choice is offered first
    assert window.document.layout == "central"
    assert window.current_table().money_unit == "万元"


def test_switching_the_layout_is_one_undoable_step(window) -> None:
    assert not any(shown(window, name) for name in SHANGHAI_ONLY)
    assert window.editor.view.isColumnHidden(COL_WEIGHT)
    _choose_layout("sichuan")
    window.action.properties.trigger()
    assert window.document.layout == "sichuan"
    assert not window.editor.view.isColumnHidden(COL_WEIGHT)
    _choose_layout("shanghai")
    window.action.properties.trigger()
    assert all(shown(window, name) for name in SHANGHAI_ONLY)
    assert window.editor.view.isColumnHidden(COL_WEIGHT)
    note = window.header_form.findChild(type(window.header_form._hint), "unprinted_note")
    assert note.isVisibleTo(window) and "资金用途" in note.text()
    assert window.current_table().fund_use  # kept, only not printed
    window.stack.undo()
    window.stack.undo()
    assert window.document.layout == "tianjin"
    assert not any(shown(window, name) for name in SHANGHAI_ONLY) and shown(window, "fund_use")
    assert not note.isVisibleTo(window)


def test_weights_are_typed_in_their_column_and_tab_skips_it_when_hidden(qtbot, window) -> None:
    view = window.editor.view
    focus_cell(qtbot, window, cell(window, 0, COL_UNIT))
    press(view, Qt.Key.Key_Tab)
    assert view.currentIndex().column() != COL_WEIGHT  # hidden in the tianjin layout
    _choose_layout("sichuan")
    window.action.properties.trigger()
    window.activateWindow()  # back from the dialog
    qtbot.waitActive(window)
    focus_cell(qtbot, window, cell(window, 0, COL_UNIT))
    press(view, Qt.Key.Key_Tab)  # past 打印值, which is not editable
    assert view.currentIndex().column() == COL_WEIGHT
    press(view, Qt.Key.Key_F2)
    editor = editor_widget(window)
    type_text(editor, "25")
    press(editor, Qt.Key.Key_Return)
    indicator = next(window.current_table().indicator_rows())[2]
    assert indicator.weight == "25"
    assert window.stack.undoText() == "修改权重"


def test_problems_follow_a_layout_switch(window) -> None:
    window.problems.recheck()
    _choose_layout("sichuan")
    window.action.properties.trigger()
    window.problems.recheck()
    assert window.problems.problems  # no weights in the example: every row is flagged
    assert {p.rule for p in window.problems.problems} >= {"weight.invalid"}


def test_the_printed_value_column_follows_the_layout(window) -> None:
    from goaleditor.model.edits import SetProperties
    from goaleditor.ui.indicator_model import COL_DISPLAY

    index = cell(window, 1, COL_DISPLAY)  # 硬件采购、维护数量: ≥365次
    assert index.data() == "≥365次"
    window.session.apply(SetProperties({"layout": "shanghai"}))
    assert cell(window, 1, COL_DISPLAY).data() == "≥365.00(次)"
    window.stack.undo()
    assert cell(window, 1, COL_DISPLAY).data() == "≥365次"
