"""The indicator library: built-in entries, the personal library, completion and browsing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit

from goaleditor.model.library import IndicatorLibrary
from goaleditor.resources import resources_dir
from tests.ui.test_ui_editor import cell, editor_widget, focus_cell, indicator, press, type_text

BUILTIN = resources_dir() / "library" / "builtin.json"


def test_builtin_library_covers_every_level2() -> None:
    from goaleditor.model.frameworks import FRAMEWORKS

    library = IndicatorLibrary.load(BUILTIN, None)
    for framework in FRAMEWORKS.values():
        for _, level2s in framework.levels:
            for level2 in level2s:
                assert library.entries(level2), level2


def test_personal_library_learns_and_persists(tmp_path: Path, example_document) -> None:
    path = tmp_path / "lib" / "personal.json"
    library = IndicatorLibrary.load(BUILTIN, path)
    assert library.learn(example_document) > 40
    library.save()
    again = IndicatorLibrary.load(BUILTIN, path)
    entry = again.find("数量指标", "硬件采购、维护数量")
    assert entry is not None and (entry.comparator, entry.unit) == ("≥", "次")
    assert again.entries("数量指标")[0].name == "政务服务中心管理办公用房及周围面积"  # own first
    path.write_text("{broken", encoding="utf-8")
    assert IndicatorLibrary.load(BUILTIN, path).personal == {}  # damaged: start again


def test_completion_fills_the_row_in_one_step(qtbot, window) -> None:
    focus_cell(qtbot, window, cell(window, 0, 0))
    press(window.editor.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    editor = editor_widget(window)
    assert isinstance(editor, QLineEdit) and editor.completer() is not None
    type_text(editor, "培训")
    popup = editor.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().index(0, 0).data() == "培训人次"
    press(popup, Qt.Key.Key_Down)
    press(popup, Qt.Key.Key_Return)
    press(editor, Qt.Key.Key_Return)
    new = indicator(window, 1)
    assert (new.name, new.comparator, new.unit, new.description) == (
        "培训人次",
        "≥",
        "人次",
        "反映组织培训的人次",
    )
    assert window.stack.undoText() == "从指标库填入“培训人次”"
    window.stack.undo()
    assert (new.name, new.unit) == ("", "")


def test_typed_name_without_choosing_is_just_a_name(qtbot, window) -> None:
    focus_cell(qtbot, window, cell(window, 0, 0))
    press(window.editor.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    editor = editor_widget(window)
    type_text(editor, "自定义指标")
    editor.completer().popup().hide()
    press(editor, Qt.Key.Key_Return)
    assert (indicator(window, 1).name, indicator(window, 1).unit) == ("自定义指标", "")


def test_saving_teaches_the_personal_library(window, tmp_path: Path) -> None:
    indicator(window, 0).name = "独有的指标名称"
    assert window.session.save_to(tmp_path / "t.goals")
    assert window.library.find("数量指标", "独有的指标名称") is not None
    assert window.library.personal_path is not None and window.library.personal_path.exists()


def test_browse_and_insert(qtbot, window) -> None:
    from goaleditor.ui.library_dialog import LibraryDialog

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, LibraryDialog)
        dialog.groups.setCurrentRow(dialog.groups.count() - 1)  # 服务对象满意度指标
        dialog.entries.topLevelItem(2).setCheckState(0, Qt.CheckState.Checked)
        dialog.groups.setCurrentRow(2)  # 时效指标
        dialog.entries.topLevelItem(1).setCheckState(0, Qt.CheckState.Checked)
        dialog.accept()

    QTimer.singleShot(0, choose)
    window.action.library.trigger()
    rows = [(l2, i.name) for _, l2, i in window.current_table().indicator_rows()]
    assert ("时效指标", "故障响应时间") in rows[:10]
    assert rows[-1] == ("服务对象满意度指标", "使用单位满意度")
    assert window.stack.undoText() == "从指标库插入指标"
    window.stack.undo()
    assert window.current_table().indicator_count() == 16
