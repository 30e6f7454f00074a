"""Crash recovery: edits made in an editor process survive kill -9 and come back."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from goaleditor.formats.canonical_json import dumps
from goaleditor.formats.readers.published_text import read
from goaleditor.model.document import Document, Indicator
from goaleditor.model.working_copy import WorkingCopy, find_orphans, restore
from goaleditor.ui.session import working_folder
from tests.helpers import answer
from tests.ui.test_session import _another_session, _orphan

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "binhai-2026-published.txt"

EDITOR = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from goaleditor.ui.app import create_application
from goaleditor.ui.main_window import MainWindow
from goaleditor.formats.canonical_json import dumps
from goaleditor.model.document import Indicator
from goaleditor.model.edits import SetHeader
from goaleditor.ui.commands import EditCommand
app = create_application()
w = MainWindow()
w.show()
w.open_path(Path(sys.argv[1]), ask=False)
import time
while w.session.working_copy is None:  # edits below must go through the per-edit commit
    time.sleep(0.01)
    app.processEvents()
first = next(w.current_table().indicator_rows())[2]
w.editor._edit_field(first, "name", "崩溃前改的名字")
w.editor.insert_indicators([Indicator("崩溃前插入的指标", "描述", "≥", "3", "个")], "插入")
w.session.apply(SetHeader(w.current_table(), "goal", "崩溃前改的目标"))
w.table_list.setCurrentIndex(w.table_model.index(2))
w.table_actions.delete_table()
w.table_list.setCurrentIndex(w.table_model.index(0))
w.table_actions.move_table(1)
w.stack.undo()  # undone edits must not come back either
sys.stdout.write(dumps(w.document))
sys.stdout.write("\\nREADY\\n")
sys.stdout.flush()
app.exec()
"""


def test_edits_survive_kill_9(window, tmp_path: Path) -> None:
    editor = subprocess.Popen(
        [sys.executable, "-c", EDITOR, str(EXAMPLE)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    assert editor.stdout is not None
    lines = []
    for line in editor.stdout:
        if line.strip() == "READY":
            break
        lines.append(line)
    expected = "".join(lines).rstrip("\n") + "\n"
    os.kill(editor.pid, signal.SIGKILL)
    editor.wait()
    assert "崩溃前改的名字" in expected and "崩溃前改的目标" in expected

    shown = answer(window, "恢复")
    window.stack.setClean()
    window.session.offer_recovery()
    assert shown and "未命名的新文档" in shown[0]  # an imported text is not a saved file yet
    assert dumps(window.document) == expected
    assert window.isWindowModified() and window.session.path is None
    assert find_orphans(working_folder()) == []


def test_recovery_names_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "working"
    document = read(EXAMPLE)
    copy = WorkingCopy(folder, document, tmp_path / "我的文档.goals")
    document.set_field(next(document.tables[0].indicator_rows())[2], "value", "123")
    copy.flush()
    copy._lock.release()  # as if the process had died
    (orphan,) = find_orphans(folder)
    assert orphan.source.endswith("我的文档.goals")
    assert dumps(restore(orphan)) == dumps(document)


def test_every_kind_of_change_reaches_the_working_copy(tmp_path: Path) -> None:
    document = read(EXAMPLE)
    copy = WorkingCopy(tmp_path, document, None)
    table = document.tables[0]
    level2 = table.children[0].children[0]
    document.insert_nodes(level2, 0, [Indicator("新")])
    document.remove_nodes(table.children[1], 0, 1)
    document.move_nodes(level2, 0, 1, table.children[0].children[1], 0)
    document.set_header(document.tables[2], "fund_use", "改")
    document.set_property("title", "新标题")
    moved = document.remove_tables(4, 1)
    document.insert_tables(0, moved)
    document.move_tables(0, 1, 3)
    copy.flush()
    copy._lock.release()
    (orphan,) = find_orphans(tmp_path)
    assert dumps(restore(orphan)) == dumps(document)
    assert isinstance(restore(orphan), Document)


def test_unedited_or_saved_work_is_not_offered(tmp_path: Path) -> None:
    untouched = WorkingCopy(tmp_path, read(EXAMPLE), None)
    untouched._lock.release()
    document = read(EXAMPLE)
    saved = WorkingCopy(tmp_path, document, tmp_path / "a.goals")
    document.set_field(next(document.tables[0].indicator_rows())[2], "value", "1")
    saved.flush()
    saved.mark_saved()
    saved._lock.release()
    assert find_orphans(tmp_path) == []
    assert not list(tmp_path.glob("*.working"))


def test_edits_wait_for_flush_and_a_failed_flush_is_retried(tmp_path: Path, monkeypatch) -> None:
    document = read(EXAMPLE)
    copy = WorkingCopy(tmp_path, document, None)
    document.set_header(document.tables[1], "goal", "改过的目标")
    document.set_property("title", "新标题")

    def full_disk(*args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    with monkeypatch.context() as patch:
        patch.setattr(copy, "_write_order", full_disk)
        with pytest.raises(sqlite3.OperationalError):
            copy.flush()
    copy.flush()  # what was pending is still pending, and now written
    copy._lock.release()
    (orphan,) = find_orphans(tmp_path)
    assert dumps(restore(orphan)) == dumps(document)


def test_several_pieces_of_work_are_announced_before_any_is_asked_about(
    qtbot, tmp_path: Path
) -> None:
    """Two killed editors left work: the first question says how many wait and offers to
    look at them one by one or all later, so no second question comes unannounced."""
    session = _another_session(tmp_path)
    _orphan(tmp_path, tmp_path / "我的.goals")
    _orphan(tmp_path, None)
    asked = answer(session, "全部以后再说")
    assert not session.offer_recovery()
    assert asked == ["上次未正常退出，还有2份未保存的工作。"]
    answer(session)  # left for later: not asked again by this editor
    session.offer_recovery()
    assert len(find_orphans(working_folder())) == 2
    session.close()
    later = _another_session(tmp_path)  # the next start asks again
    asked = answer(later, "逐份查看", "丢弃", "丢弃")
    later.offer_recovery()
    assert asked[0] == "上次未正常退出，还有2份未保存的工作。"
    assert asked[1].startswith("第1份（共2份）：上次未正常退出，发现“")
    assert asked[2].startswith("第2份（共2份）：上次未正常退出，发现“")
    assert {"我的.goals" in asked[1], "我的.goals" in asked[2]} == {True, False}
    assert find_orphans(working_folder()) == []
    later.close()


def test_the_announcement_is_a_real_box_and_nothing_follows_it(qtbot, tmp_path: Path) -> None:
    """Through the real message box: 全部以后再说 closes it and no other box comes up."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

    _orphan(tmp_path, None)
    _orphan(tmp_path, None)
    session = _another_session(tmp_path)
    boxes: list[tuple[str, str, list[str]]] = []
    details: list[str] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            return  # no box (more) came up
        buttons = [b.text() for b in box.findChildren(QPushButton)]
        boxes.append((box.objectName(), box.text(), buttons))
        details.append(box.informativeText())
        wanted = "全部以后再说" if "全部以后再说" in buttons else "以后再说"
        next(b for b in box.findChildren(QPushButton) if b.text() == wanted).click()
        if box.objectName() != "recovery_waiting":  # a box that follows is answered too
            QTimer.singleShot(0, click)

    QTimer.singleShot(0, click)
    assert not session.offer_recovery()
    assert boxes == [
        ("recovery_waiting", "上次未正常退出，还有2份未保存的工作。", ["逐份查看", "全部以后再说"])
    ]
    tables = len(read(EXAMPLE).tables)
    assert details[0].splitlines()[:2] == [f"· 未命名的新文档（{tables}张表）"] * 2
    assert len(find_orphans(working_folder())) == 2
    session.close()


def test_one_piece_of_work_is_asked_about_at_once(qtbot, tmp_path: Path) -> None:
    session = _another_session(tmp_path)
    _orphan(tmp_path, None)
    asked = answer(session, "以后再说")
    session.offer_recovery()
    assert len(asked) == 1 and asked[0].startswith("上次未正常退出，发现“未命名的新文档”")
    session.close()
