"""The document session: open, save, save-as, saved state, locks, recovery, working copy."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from goaleditor.files.lock import lock_path, read_lock
from goaleditor.formats.canonical_json import dumps
from goaleditor.formats.readers.published_text import read
from goaleditor.model.edits import SetHeader
from goaleditor.model.store import load_document, save_document
from goaleditor.model.working_copy import Orphan, WorkingCopy, find_orphans, restore
from goaleditor.ui.prompts import Prompts
from goaleditor.ui.recent_files import RecentFiles
from goaleditor.ui.session import DocumentSession, working_folder
from tests.conftest import EXAMPLE
from tests.helpers import answer


@pytest.fixture
def session(qtbot, tmp_path: Path):
    """A session with no window, its questions unanswered until a test answers them."""
    from goaleditor.ui.app import create_application

    create_application()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    result = DocumentSession(Prompts(None), RecentFiles(settings), None)
    answer(result)
    yield result
    result.close()


def _goals(tmp_path: Path, name: str = "文档.goals") -> Path:
    path = tmp_path / name
    save_document(read(EXAMPLE), path)
    return path


def _edit(session: DocumentSession, goal: str = "改过的目标") -> None:
    session.apply(SetHeader(session.document.tables[0], "goal", goal))


def test_open_edit_save_and_saved_state(session, tmp_path: Path) -> None:
    path = _goals(tmp_path)
    assert session.open(path)
    assert session.path == path and not session.is_modified() and read_lock(path) is not None
    _edit(session)
    assert session.is_modified()
    saved: list[Path] = []
    session.saved.connect(saved.append)
    assert session.save()
    assert saved == [path] and not session.is_modified()
    assert load_document(path).tables[0].goal == "改过的目标"
    assert session.recent.files() == [str(path.resolve())]
    session.stack.undo()
    assert session.is_modified()


def test_save_as_moves_the_lock_and_adds_the_suffix(session, tmp_path: Path) -> None:
    first = _goals(tmp_path)
    assert session.open(first)
    session.prompts.save_name = lambda title, start, kind: tmp_path / "另一个"
    assert session.save_as()
    second = tmp_path / "另一个.goals"
    assert session.path == second and session.display_name() == "另一个.goals"
    assert read_lock(second) is not None and read_lock(first) is None
    session.prompts.save_name = lambda title, start, kind: None
    assert not session.save_as() and session.path == second


def test_import_is_unsaved_and_save_asks_for_a_file(session, tmp_path: Path) -> None:
    assert session.open(EXAMPLE)
    assert session.path is None and session.is_modified()
    asked: list[Path] = []
    session.prompts.save_name = lambda title, start, kind: asked.append(start)
    assert not session.save()
    # The first project's name, in the folder the file came from (never the program's).
    assert asked and asked[0] == EXAMPLE.parent.resolve() / "2026年政务服务办运行经费.goals"


def test_maybe_save_asks_only_when_modified(session, tmp_path: Path) -> None:
    assert session.open(_goals(tmp_path))
    assert session.maybe_save()  # nothing to ask: answer() would fail on a question
    _edit(session)
    asked = answer(session, "取消", "不保存")
    assert not session.maybe_save()
    assert session.maybe_save()
    assert len(asked) == 2 and "文档.goals" in asked[0]


@pytest.mark.parametrize("choice", ["以只读方式打开", "打开副本", "取消"])
def test_a_file_locked_elsewhere(session, tmp_path: Path, choice: str) -> None:
    path = _goals(tmp_path)
    other = {"user": "李会计", "host": "财务科-PC", "pid": 1, "since": "2026-11-20 09:00"}
    lock_path(path).write_text(json.dumps(other), encoding="utf-8")
    before = session.document
    asked = answer(session, choice)
    opened = session.open(path)
    assert "李会计（计算机 财务科-PC）" in asked[0]
    assert opened is (choice != "取消")
    if choice == "以只读方式打开":
        assert session.read_only and session.path == path and session.file_lock is None
    elif choice == "打开副本":
        assert session.path is None and session.is_modified() and not session.read_only
    else:
        assert session.document is before
    assert json.loads(lock_path(path).read_text(encoding="utf-8")) == other


def test_another_computers_lock_can_be_taken_over(session, tmp_path: Path) -> None:
    path = _goals(tmp_path)
    other = {"user": "李会计", "host": "财务科-PC", "pid": 1, "since": "2026-11-20 09:00"}
    lock_path(path).write_text(json.dumps(other), encoding="utf-8")
    asked = answer(session, "接管并编辑")
    assert session.open(path)
    assert "李会计" in asked[0]
    assert session.path == path and not session.read_only and session.file_lock is not None
    mine = read_lock(path)
    assert mine is not None and mine.user != "李会计"


def test_a_running_editor_here_is_never_offered_to_take_over(session, tmp_path: Path) -> None:
    import os
    import socket
    from datetime import datetime

    path = _goals(tmp_path)
    since = datetime.now().strftime("%Y-%m-%d %H:%M")
    here = {"user": "我", "host": socket.gethostname(), "pid": os.getppid(), "since": since}
    lock_path(path).write_text(json.dumps(here), encoding="utf-8")
    offered: list[tuple[str, ...]] = []
    session.prompts.choose = lambda kind, name, title, text, buttons, detail="": (
        offered.append(tuple(buttons)) or "取消"
    )
    assert not session.open(path)
    assert offered == [("以只读方式打开", "打开副本", "取消")]


def _orphan(tmp_path: Path, source: Path | None) -> str:
    """A working copy left by a crashed editor; the canonical JSON of its document."""
    document = read(EXAMPLE)
    copy = WorkingCopy(working_folder(), document, source)
    document.set_header(document.tables[0], "goal", "崩溃前的目标")
    copy.flush()
    copy._lock.release()  # as if the process had died
    return dumps(document)


def _another_session(tmp_path: Path) -> DocumentSession:
    """A second editor started later (its own session, same user data)."""
    settings = QSettings(str(tmp_path / "settings2.ini"), QSettings.Format.IniFormat)
    return DocumentSession(Prompts(None), RecentFiles(settings), None)


def test_recovery_restores_or_forgets(session, tmp_path: Path) -> None:
    expected = _orphan(tmp_path, tmp_path / "我的.goals")
    asked = answer(session, "以后再说")
    session.offer_recovery()
    assert len(find_orphans(working_folder())) == 1 and "我的.goals" in asked[0]
    assert "（2张表）" not in asked[0] and "张表）在 " in asked[0]  # its table count
    answer(session)  # offered once: not again in this editor
    session.offer_recovery()
    later = _another_session(tmp_path)  # the next start offers it again
    answer(later, "恢复")
    later.offer_recovery()
    session.close()
    session = later
    assert dumps(session.document) == expected
    assert session.path == tmp_path / "我的.goals" and session.is_modified()
    assert session.file_lock is None  # locked again when saved
    assert find_orphans(working_folder()) == []
    _orphan(tmp_path, None)
    answer(session, "丢弃")
    session.offer_recovery()
    assert find_orphans(working_folder()) == [] and dumps(session.document) == expected


def test_working_copy_follows_the_undo_stack(qtbot, session, tmp_path: Path) -> None:
    assert session.open(_goals(tmp_path))
    qtbot.waitUntil(lambda: session.working_copy is not None)
    _edit(session, "第一次")
    _edit(session, "第二次")
    session.stack.undo()
    working = Orphan(session.working_copy.path, "", 0)
    assert restore(working).tables[0].goal == "第一次"


def test_working_copy_failure_is_reported_and_the_edit_stands(qtbot, window) -> None:
    from goaleditor.ui.error_log import log_path

    session = window.session
    qtbot.waitUntil(lambda: session.working_copy is not None)
    working = session.working_copy

    def full_disk() -> None:
        raise OSError(28, "No space left on device")

    working.flush = full_disk
    table = window.current_table()
    window.session.apply(SetHeader(table, "goal", "磁盘满时改的目标"))
    assert table.goal == "磁盘满时改的目标" and window.isWindowModified()
    assert window.statusBar().currentMessage().startswith("工作副本无法写入：")
    assert "No space left on device" in log_path().read_text(encoding="utf-8")
    window.stack.undo()  # the editor goes on working
    window.stack.redo()
    assert table.goal == "磁盘满时改的目标"
    del working.flush  # the disk has room again: the next flush writes what was pending
    session.flush()
    assert restore(Orphan(working.path, "", 0)).tables[0].goal == "磁盘满时改的目标"


def test_prompts_show_a_real_message_box(qtbot) -> None:
    seen: list[str] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox) and box.objectName() == "unsaved_changes"
        seen.append(box.text())
        next(b for b in box.findChildren(QPushButton) if b.text() == "不保存").click()

    QTimer.singleShot(0, click)
    assert Prompts(None).unsaved("a.goals") == "不保存"
    assert seen == ["“a.goals”有未保存的修改。是否保存？"]


def test_a_file_that_cannot_be_replaced_offers_save_as(session, tmp_path: Path) -> None:
    path = _goals(tmp_path)
    os.link(path, tmp_path / "另一个名字.goals")  # hard links: replacing would split them
    assert session.open(path)
    _edit(session)
    asked = answer(session, "另存为…")
    session.prompts.save_name = lambda title, start, kind: tmp_path / "新文件.goals"
    assert session.save()
    assert "不能覆盖“文档.goals”" in asked[0]
    assert session.path == tmp_path / "新文件.goals" and not session.is_modified()
    assert load_document(path).tables[0].goal != "改过的目标"  # the linked file untouched


def test_recovery_never_drops_modified_work_without_asking(session, tmp_path: Path) -> None:
    """A new editor with an imported, edited, unsaved document is offered a dead editor's
    untitled work: the question says what it replaces, and 取消 keeps both."""
    from goaleditor.formats.writers.excel import write as write_xlsx

    expected = _orphan(tmp_path, None)
    workbook = tmp_path / "同事的表.xlsx"
    write_xlsx(read(EXAMPLE), workbook)
    assert session.open(workbook) and session.is_modified()
    _edit(session)  # work done on the import (an untouched one is dropped without a word)
    mine = dumps(session.document)
    asked = answer(session, "恢复", "取消")
    session.offer_recovery()
    tables = len(read(EXAMPLE).tables)
    assert asked[0] == (
        f"上次未正常退出，发现“未命名的新文档”（{tables}张表）在 "
        f"{asked[0].split('在 ')[1].split(' 的')[0]} 的未保存修改。是否恢复？"
    )
    assert asked[1] == "“从同事的表.xlsx导入的文档”有未保存的修改。是否保存？"
    assert dumps(session.document) == mine and session.source == workbook
    assert len(find_orphans(working_folder())) == 1  # kept for the next start
    later = _another_session(tmp_path)
    answer(later, "恢复")  # an editor with nothing modified restores without a question
    later.offer_recovery()
    assert dumps(later.document) == expected and later.path is None
    assert find_orphans(working_folder()) == []
    later.close()


def test_recovery_names_the_replaced_document_and_may_discard_it(session, tmp_path: Path) -> None:
    _orphan(tmp_path, None)
    assert session.open(_goals(tmp_path))
    _edit(session)
    texts: list[tuple[str, str]] = []

    def choose(kind: str, name: str, title: str, text: str, buttons, detail: str = "") -> str:
        texts.append((text, detail))
        return "恢复" if name == "recovery" else "不保存"

    session.prompts.choose = choose
    session.offer_recovery()
    assert "替换本窗口中的“文档.goals”" in texts[0][1]
    assert texts[1] == ("“文档.goals”有未保存的修改。是否保存？", "恢复的工作将替换它。")
    assert session.document.tables[0].goal == "崩溃前的目标" and session.path is None


def test_an_orphan_being_offered_elsewhere_is_not_offered_twice(session, tmp_path: Path) -> None:
    """Two editors starting together: while one offers the dead editor's work, the other
    does not offer it too."""
    from goaleditor.model.working_copy import claim

    _orphan(tmp_path, None)
    (orphan,) = find_orphans(working_folder())
    held = claim(orphan)
    assert held is not None
    answer(session)  # no question
    session.offer_recovery()
    held.release()
    later = _another_session(tmp_path)
    asked = answer(later, "以后再说")
    later.offer_recovery()
    assert len(asked) == 1 and "未命名的新文档" in asked[0]
    later.close()


def test_an_untouched_import_is_dropped_without_a_question(session, tmp_path: Path) -> None:
    """Opened only to look at (as a spreadsheet shows a CSV): 新建 or closing asks nothing;
    once edited it asks; and an import whose file has gone away asks too."""
    source = tmp_path / "同事的文件.txt"
    source.write_bytes(EXAMPLE.read_bytes())
    assert session.open(source)
    assert session.is_modified()  # not saved as a .goals file: the marker says so
    assert session.maybe_save()  # answer() would fail on a question
    _edit(session)
    asked = answer(session, "取消")
    assert not session.maybe_save() and len(asked) == 1
    assert session.open(source)
    source.unlink()
    asked = answer(session, "取消")
    assert not session.maybe_save() and len(asked) == 1
