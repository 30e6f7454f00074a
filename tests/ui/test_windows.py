"""Several windows in one editor: each with its own document, undo, lock and working copy;
rows copy between them; 打开 keeps edited work open; closing asks each about its own work."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from goaleditor.files.lock import read_lock
from goaleditor.formats.canonical_json import dumps
from goaleditor.formats.readers.published_text import read
from goaleditor.model.store import save_document
from goaleditor.model.working_copy import find_orphans
from goaleditor.ui.app import main_windows
from goaleditor.ui.indicator_model import COL_NAME
from goaleditor.ui.prompts import CANCEL, DISCARD
from goaleditor.ui.session import working_folder
from tests.helpers import answer
from tests.ui.test_ui_editor import cell, focus_cell, indicator, press

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "binhai-2026-published.txt"
Key = Qt.Key
Ctrl = Qt.KeyboardModifier.ControlModifier


def _goals(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    save_document(read(EXAMPLE), path)
    return path


@pytest.fixture
def second(qtbot, window):
    """A second window (文件 → 新建窗口) beside the fixture's, closed after the test."""
    window.action.new_window.trigger()
    [other] = [w for w in main_windows() if w is not window]
    qtbot.waitExposed(other)
    yield other
    for extra in main_windows():
        if extra is not window:
            extra.stack.setClean()
            extra.close()
    QApplication.processEvents()


def _activate(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _edit_a_cell(qtbot, window, text: str) -> None:
    window.editor.model.setData(cell(window, 0, COL_NAME), text, Qt.ItemDataRole.EditRole)


def test_a_new_window_has_its_own_document_and_undo(qtbot, window, second) -> None:
    assert second is not window and second.session is not window.session
    assert second.stack is not window.stack and not second.document.tables
    assert second.hint.isVisible()  # how to begin, as at a fresh start
    assert "Ctrl+Shift+N" in window.action.new_window.shortcut().toString()
    second.action.add_table.trigger()
    assert len(second.document.tables) == 1 and second.stack.count() == 1
    assert window.stack.count() == 0
    second.stack.undo()
    assert not second.document.tables and window.document.tables


def test_rows_copy_from_one_window_to_the_other(qtbot, window, second, tmp_path) -> None:
    assert second.open_path(_goals(tmp_path, "草稿.goals"), ask=False)
    view = window.editor.view
    _activate(qtbot, window)
    focus_cell(qtbot, window, cell(window, 0, COL_NAME))
    press(view, Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    press(view, Key.Key_C, Ctrl)  # 硬件采购、维护数量 and the next row
    copied = [indicator(window, 0).name, indicator(window, 1).name]
    _activate(qtbot, second)
    focus_cell(qtbot, second, cell(second, 2, COL_NAME))
    press(second.editor.view, Key.Key_V, Ctrl)
    assert [indicator(second, 3).name, indicator(second, 4).name] == copied
    assert second.stack.count() == 1 and window.stack.count() == 0
    assert second.isWindowModified() and not window.isWindowModified()


def test_open_keeps_edited_work_and_opens_beside_it(qtbot, window, tmp_path) -> None:
    path = _goals(tmp_path, "同事.goals")
    window.prompts.open_name = lambda *_args: path  # type: ignore[method-assign]
    _edit_a_cell(qtbot, window, "起草中")
    assert window.isWindowModified()
    asked = answer(window)  # no question: the draft stays as it is
    try:
        window.action.open.trigger()
        [other] = [w for w in main_windows() if w is not window]
        assert other.session.path == path and asked == []
        assert indicator(window, 0).name == "起草中" and window.session.path is None
        window.action.open.trigger()  # the same file again: its window comes forward
        assert len(main_windows()) == 2
    finally:
        for extra in main_windows():
            if extra is not window:
                extra.close()


def test_open_replaces_an_unedited_document_in_place(qtbot, window, tmp_path) -> None:
    path = _goals(tmp_path, "同事.goals")
    window.prompts.open_name = lambda *_args: path  # type: ignore[method-assign]
    window.action.open.trigger()
    assert window.session.path == path and main_windows() == [window]
    other = tmp_path / "另一个.goals"
    save_document(read(EXAMPLE), other)
    window.prompts.open_name = lambda *_args: other  # type: ignore[method-assign]
    window.action.open_in_new_window.trigger()  # 在新窗口中打开: always beside
    try:
        [beside] = [w for w in main_windows() if w is not window]
        assert beside.session.path == other and window.session.path == path
    finally:
        beside.close()


def test_each_window_holds_its_own_lock_and_working_copy(qtbot, window, second, tmp_path) -> None:
    mine, theirs = _goals(tmp_path, "我的.goals"), _goals(tmp_path, "同事.goals")
    assert window.open_path(mine, ask=False) and second.open_path(theirs, ask=False)
    assert read_lock(mine) is not None and read_lock(theirs) is not None
    assert second.open_path(mine, ask=False)  # open here already: that window is shown
    assert second.session.path == theirs
    _edit_a_cell(qtbot, window, "甲")
    _edit_a_cell(qtbot, second, "乙")
    qtbot.waitUntil(lambda: None not in (window.session.working_copy, second.session.working_copy))
    window.session.flush()
    second.session.flush()
    assert window.session.working_copy.path != second.session.working_copy.path
    assert find_orphans(working_folder()) == []  # both editors are alive: nothing to recover
    copy = second.session.working_copy.path
    answer(second, DISCARD)
    assert second.close()
    assert read_lock(theirs) is None and read_lock(mine) is not None
    assert not copy.exists() and window.session.working_copy is not None


def test_closing_asks_each_window_about_its_own_work(qtbot, window, second, tmp_path) -> None:
    assert second.open_path(_goals(tmp_path, "同事.goals"), ask=False)
    _edit_a_cell(qtbot, second, "乙")
    untouched = answer(window)
    asked = answer(second, CANCEL)
    assert not second.close()  # 取消: it stays, with its work
    assert len(asked) == 1 and "同事.goals" in asked[0] and untouched == []
    _edit_a_cell(qtbot, window, "甲")
    first = answer(window, DISCARD)
    asked = answer(second, CANCEL)
    window.action.quit.trigger()  # 退出: every window, stopped by the one cancelled
    assert len(first) == 1 and len(asked) == 1
    assert main_windows() == [second] and indicator(second, 0).name == "乙"
    other = answer(second, DISCARD)
    second.action.quit.trigger()
    assert len(other) == 1 and main_windows() == []
    assert QApplication.quitOnLastWindowClosed()  # the last window closed ends the editor


def test_close_window_closes_only_this_one(qtbot, window, second) -> None:
    keys = window.action.close_window.shortcut().toString()
    assert keys in ("Ctrl+W", "Ctrl+F4")
    second.action.close_window.trigger()
    assert main_windows() == [window]


def test_a_new_window_shows_below_right_of_the_first(qtbot, window) -> None:
    area = window.screen().availableGeometry()
    window.setGeometry(area)  # a small screen: the first window takes all of it
    window.action.new_window.trigger()
    [other] = [w for w in main_windows() if w is not window]
    try:
        qtbot.waitExposed(other)
        assert other.pos().x() > window.pos().x() and other.pos().y() > window.pos().y()
        assert area.contains(other.frameGeometry())
    finally:
        other.close()


def test_work_of_several_crashed_windows_comes_back_in_as_many(qtbot, window, tmp_path) -> None:
    from goaleditor.ui.app import _offer_recovery_when_free
    from tests.ui.test_session import _orphan

    mine = _orphan(tmp_path, tmp_path / "我的.goals")
    theirs = _orphan(tmp_path, None)
    asked = answer(window, "逐份查看", "恢复")
    _offer_recovery_when_free(window)
    [other] = [w for w in main_windows() if w is not window]
    later = answer(other, "恢复")
    try:
        qtbot.waitUntil(lambda: len(later) == 1)
        assert len(asked) == 2 and "还有2份未保存的工作" in asked[0]
        assert asked[1].startswith("第1份（共2份）") and later[0].startswith("第2份（共2份）")
        restored = {dumps(window.document), dumps(other.document)}
        assert restored == {mine, theirs}
        assert window.session.is_modified() and other.session.is_modified()
        assert find_orphans(working_folder()) == []
    finally:
        other.stack.setClean()
        other.close()


def test_a_spare_window_goes_again_when_the_work_waits(qtbot, window, tmp_path) -> None:
    from goaleditor.ui.app import _offer_recovery_when_free
    from tests.ui.test_session import _orphan

    _orphan(tmp_path, tmp_path / "我的.goals")
    _orphan(tmp_path, None)
    answer(window, "逐份查看", "恢复")
    _offer_recovery_when_free(window)
    [other] = [w for w in main_windows() if w is not window]
    later = answer(other, "以后再说")
    qtbot.waitUntil(lambda: main_windows() == [window])
    assert len(later) == 1 and len(find_orphans(working_folder())) == 1  # offered next start
