"""Opening a hostile file in the editor: read in the worker, never freezing or killing the
window; a dialog with 取消 while it reads; one line when the parser dies or runs too long."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from goaleditor.formats.canonical_json import dumps
from goaleditor.reading import untrusted
from goaleditor.reading.worker import CRASHED
from goaleditor.ui import reading_wait
from tests.helpers import answer
from tests.reading.hostile import double_deflate_pdf, many_rectangles_pdf


@pytest.fixture(scope="module")
def slow_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A PDF whose one path of 300,000 rectangles takes the reader many seconds."""
    return many_rectangles_pdf(tmp_path_factory.mktemp("slow") / "慢.pdf", 300_000)


def _when_dialog_shows(qtbot, then) -> list[float]:  # type: ignore[no-untyped-def]
    """Call then(dialog) once the reading dialog is up; returns [seconds it took to show]."""
    shown: list[float] = []
    started = time.monotonic()

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog.objectName() == "reading_dialog":
            shown.append(time.monotonic() - started)
            then(dialog)
        else:
            QTimer.singleShot(50, look)

    QTimer.singleShot(50, look)
    return shown


def test_a_slow_file_shows_the_dialog_and_cancel_keeps_the_document(
    qtbot, window, slow_pdf: Path
) -> None:
    before = dumps(window.session.document)
    messages: list[str] = []
    window.session.message.connect(lambda text, _ms: messages.append(text))
    shown = _when_dialog_shows(qtbot, lambda dialog: dialog.cancel_button.click())
    started = time.monotonic()
    assert not window.open_path(slow_pdf, ask=False)
    assert time.monotonic() - started < 5
    assert shown and shown[0] >= reading_wait.SHOW_AFTER_SECONDS - 0.05
    assert dumps(window.session.document) == before
    assert any("已取消打开“慢.pdf”，当前文档没有改变" in m for m in messages)
    assert window.isVisible()


def test_a_file_past_its_deadline_is_one_line_and_the_window_lives_on(
    qtbot, window, slow_pdf: Path, example_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(untrusted, "BASE_SECONDS", 1.5)
    monkeypatch.setattr(untrusted, "SECONDS_PER_MB", 0.0)
    asked = answer(window, "确定")
    shown = _when_dialog_shows(qtbot, lambda _dialog: None)
    assert not window.open_path(slow_pdf, ask=False)
    assert shown
    assert asked == [
        "慢.pdf：文件无法读取：读取超时（超过2秒没有进展），可能是损坏或恶意的文件，已停止"
    ]
    assert window.open_path(example_path, ask=False)  # a new worker reads the next file


def test_a_parser_that_aborts_is_one_line_and_the_next_file_opens(
    qtbot, window, tmp_path: Path, example_path: Path
) -> None:
    hostile = double_deflate_pdf(tmp_path / "炸弹.pdf")
    asked = answer(window, "确定")
    assert not window.open_path(hostile, ask=False)
    assert asked == [f"炸弹.pdf：{CRASHED}"]
    assert window.isVisible()
    assert window.open_path(example_path, ask=False)
    assert window.session.document.tables


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are POSIX")
def test_a_fifo_is_refused_at_once(qtbot, window, tmp_path: Path) -> None:
    fifo = tmp_path / "表.xlsx"
    os.mkfifo(fifo)
    asked = answer(window, "确定")
    started = time.monotonic()
    assert not window.open_path(fifo, ask=False)
    assert time.monotonic() - started < 2
    assert asked == ["表.xlsx：这不是普通文件（管道或设备），无法读取"]
