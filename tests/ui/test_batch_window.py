"""文件 → 批量检查…: a folder made here (our writers, openpyxl, python-docx, one damaged file)
read off the GUI thread into the table; sorted, filtered, opened, summarised and cancelled."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from goaleditor.batch import running
from goaleditor.formats.readers.published_text import read
from goaleditor.formats.registry import write_document
from goaleditor.model.edits import SetHeader
from goaleditor.ui import batch_window
from goaleditor.ui.batch_model import COL_ERRORS, COL_FILE, COL_MONEY, COL_NOTE
from goaleditor.ui.batch_window import BatchWindow
from goaleditor.ui.prompts import CANCEL
from tests.conftest import EXAMPLE

WAIT_MS = 180_000  # worker processes start afresh (spawn) on a shared, busy machine
NAMES = {
    "滨海.goals",
    "滨海.xlsx",
    "滨海.docx",
    "滨海-openpyxl.xlsx",
    "滨海-docx.docx",
    "截断.xlsx",
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five readable documents by three programs and one truncated workbook."""
    folder = tmp_path_factory.mktemp("各单位")
    document = read(EXAMPLE)
    for suffix in (".goals", ".xlsx", ".docx"):
        write_document(document, folder / f"滨海{suffix}")
    openpyxl.load_workbook(folder / "滨海.xlsx").save(folder / "滨海-openpyxl.xlsx")
    docx.Document(str(folder / "滨海.docx")).save(str(folder / "滨海-docx.docx"))
    good = (folder / "滨海.xlsx").read_bytes()
    (folder / "截断.xlsx").write_bytes(good[: len(good) // 3])
    (folder / "说明.txt.bak").write_text("不是文档", encoding="utf-8")
    return folder


@pytest.fixture
def one_job(monkeypatch: pytest.MonkeyPatch) -> None:
    """One worker process (the machine is shared)."""
    monkeypatch.setattr(running, "default_jobs", lambda: 1)


@pytest.fixture(autouse=True)
def _batches_closed():
    """A batch window a failed test left open is closed (its run stopped)."""
    yield
    for batch in list(batch_window._open_windows):
        batch.close()


def started(qtbot, window, folder: Path) -> BatchWindow:
    """文件 → 批量检查… on folder, as the clerk picks it."""
    window.prompts.folder_name = lambda *_args: folder  # type: ignore[method-assign]
    window.action.batch_check.trigger()
    return batch_window._open_windows[-1]


def names(batch: BatchWindow) -> list[str]:
    proxy = batch.proxy
    return [Path(proxy.index(row, COL_FILE).data()).name for row in range(proxy.rowCount())]


def row_of(batch: BatchWindow, name: str):
    proxy = batch.proxy
    return next(
        proxy.index(row, COL_FILE)
        for row in range(proxy.rowCount())
        if Path(proxy.index(row, COL_FILE).data()).name == name
    )


def test_a_folder_fills_the_table_sorts_opens_and_exports(
    qtbot, window, folder: Path, tmp_path: Path, one_job: None
) -> None:
    batch = started(qtbot, window, folder)
    assert batch.running()  # the window is up while the files are read
    qtbot.waitUntil(lambda: not batch.running(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "已完成" in batch.status.text())
    assert set(names(batch)) == NAMES  # the .bak is passed over
    by_name = {Path(r.name).name: r for r in batch.model.results}
    assert not by_name["截断.xlsx"].readable
    tables = len(read(EXAMPLE).tables)
    assert all(by_name[n].readable and by_name[n].tables == tables for n in NAMES - {"截断.xlsx"})
    assert batch.proxy.index(0, COL_NOTE).data() != ""
    status = batch.status.text()
    assert "已读6个文件" in status and "无法读取1个" in status
    assert "另有1个非文档文件未检查" in status
    assert batch.progress.value() == batch.progress.maximum() == 6

    batch.view.sortByColumn(COL_ERRORS, Qt.SortOrder.DescendingOrder)
    assert names(batch)[0] == "截断.xlsx"  # the file that could not be read: first
    batch.view.sortByColumn(COL_MONEY, Qt.SortOrder.DescendingOrder)
    assert names(batch)[-1] == "截断.xlsx"  # no money at all
    assert all(by_name[n].money_wan > 0 for n in NAMES - {"截断.xlsx"})

    QTest.keyClicks(batch.filter, "openpyxl")
    assert names(batch) == ["滨海-openpyxl.xlsx"]
    batch.filter.clear()
    assert len(names(batch)) == 6

    # A double-click opens the file in the editor through the usual path.
    index = row_of(batch, "滨海.goals")
    batch.view.scrollTo(index)
    place = batch.view.visualRect(index).center()
    QTest.mouseClick(batch.view.viewport(), Qt.MouseButton.LeftButton, pos=place)
    QTest.mouseDClick(batch.view.viewport(), Qt.MouseButton.LeftButton, pos=place)
    assert window.session.path == folder / "滨海.goals"

    # Enter on another row: the document has unsaved edits, so the usual question first.
    window.session.apply(SetHeader(window.document.tables[0], "project_name", "改过的项目"))
    asked: list[str] = []

    def unsaved(name: str, detail: str = "") -> str:
        asked.append(name)
        return CANCEL

    window.prompts.unsaved = unsaved  # type: ignore[method-assign]
    batch.view.setCurrentIndex(row_of(batch, "滨海-openpyxl.xlsx"))
    batch.view.setFocus()
    QTest.keyClick(batch.view, Qt.Key.Key_Return)
    assert asked  # asked, and cancelled: the edited document stays
    assert window.session.path == folder / "滨海.goals"
    assert window.document.tables[0].project_name == "改过的项目"
    window.stack.setClean()

    # 导出汇总…: the workbook of every file, through the save prompt.
    summary = tmp_path / "汇总"
    batch.prompts.save_name = lambda *_args: summary  # type: ignore[method-assign]
    batch.export_button.click()
    book = openpyxl.load_workbook(tmp_path / "汇总.xlsx")
    rows = list(book["文件"].iter_rows(values_only=True))
    assert len([r for r in rows[1:] if r[0]]) == 6
    assert any("截断.xlsx" in str(r[0]) and r[1] == "无法读取" for r in rows[1:])
    assert "汇总已导出" in batch.status.text()
    batch.close()
    assert batch not in batch_window._open_windows


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twelve workbooks: time enough to cancel between them."""
    folder = tmp_path_factory.mktemp("许多")
    document = read(EXAMPLE)
    write_document(document, folder / "表00.xlsx")
    for number in range(1, 12):
        (folder / f"表{number:02}.xlsx").write_bytes((folder / "表00.xlsx").read_bytes())
    return folder


def test_cancel_stops_the_workers_and_keeps_what_was_read(
    qtbot, window, many: Path, one_job: None
) -> None:
    batch = started(qtbot, window, many)
    qtbot.waitUntil(lambda: batch.model.rowCount() >= 1, timeout=WAIT_MS)
    batch.cancel_button.click()
    qtbot.waitUntil(lambda: not batch.running(), timeout=30_000)
    read = batch.model.rowCount()
    assert 1 <= read < 12
    qtbot.wait(300)  # nothing arrives after the stop
    assert batch.model.rowCount() == read
    assert "已取消" in batch.status.text()
    assert not batch.cancel_button.isEnabled()
    batch.close()


def test_closing_the_window_stops_the_run(qtbot, window, many: Path, one_job: None) -> None:
    batch = started(qtbot, window, many)
    run = batch.run
    qtbot.waitUntil(lambda: batch.model.rowCount() >= 1, timeout=WAIT_MS)
    batch.close()
    assert not run.isRunning()
    assert batch not in batch_window._open_windows


def test_files_and_an_archive_picked_are_checked_and_a_member_is_not_opened_in_place(
    qtbot, window, folder: Path, tmp_path: Path, one_job: None
) -> None:
    archive = tmp_path / "报送.zip"
    with zipfile.ZipFile(archive, "w") as packed:
        packed.write(folder / "滨海.xlsx", "教育局/滨海.xlsx")
    batch = started(qtbot, window, folder)
    batch.cancel_button.click()
    qtbot.waitUntil(lambda: not batch.running(), timeout=WAIT_MS)
    picked = [archive, folder / "滨海.docx"]
    batch.prompts.open_names = lambda *_args: picked  # type: ignore[method-assign]
    other = batch.check_other_files()
    assert other is not None and other is not batch
    qtbot.waitUntil(lambda: not other.running(), timeout=WAIT_MS)
    shown = sorted(other.proxy.index(row, COL_FILE).data() for row in range(2))
    assert shown == sorted([f"{archive}/教育局/滨海.xlsx", str(folder / "滨海.docx")])
    assert all(result.readable for result in other.model.results)
    opened = window.session.path
    index = next(
        other.proxy.index(row, COL_FILE)
        for row in range(2)
        if ".zip" in other.proxy.index(row, COL_FILE).data()
    )
    other.open_index(index)
    assert window.session.path == opened  # a member is not opened from inside the archive
    assert "请先解压" in other.status.text()


def test_quitting_the_editor_closes_the_batch_window_and_stops_its_run(
    qtbot, window, many: Path, one_job: None
) -> None:
    batch = started(qtbot, window, many)
    run = batch.run
    qtbot.waitUntil(lambda: batch.model.rowCount() >= 1, timeout=WAIT_MS)
    window.action.quit.trigger()
    assert not window.isVisible()
    assert batch not in batch_window._open_windows
    assert not run.isRunning()
