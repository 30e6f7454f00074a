"""Work that waits for a window's first paint; the bundled example read without a worker."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from goaleditor.formats.canonical_json import dumps
from goaleditor.ui import first_paint
from goaleditor.ui.first_paint import after_first_paint, painted


class _Order(QObject):
    """Notes the window's paints among the work done."""

    def __init__(self, log: list[str]) -> None:
        super().__init__()
        self.log = log

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.log.append("paint")
        return False


def test_work_due_before_the_paint_waits_for_it(qtbot) -> None:
    """A timer that fell due while the window was being built runs before Qt paints; work
    given to after_first_paint does not, however long the build took."""
    window = QLabel("绩效目标表")
    qtbot.addWidget(window)
    log: list[str] = []
    order = _Order(log)
    window.installEventFilter(order)
    QTimer.singleShot(0, lambda: log.append("due timer"))
    after_first_paint(window, lambda: log.append("work"))
    window.show()
    time.sleep(0.05)  # a slow build: the zero timer is due
    qtbot.waitUntil(lambda: "work" in log)
    assert "due timer" in log
    assert log.index("paint") < log.index("work")
    assert painted(window)
    log.clear()
    after_first_paint(window, lambda: log.append("later work"))  # painted already: soon
    qtbot.waitUntil(lambda: "later work" in log)
    window.update()
    QApplication.processEvents()
    assert log.count("later work") == 1  # once, whatever paints follow


def test_a_window_never_painted_runs_the_work_late(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(first_paint, "LATEST_MS", 50)
    window = QLabel("未显示")
    qtbot.addWidget(window)
    done: list[int] = []
    after_first_paint(window, lambda: done.append(1))
    qtbot.waitUntil(lambda: done == [1])
    qtbot.wait(100)
    assert done == [1]


@pytest.mark.parametrize("name", ["example", "a copy"])
def test_the_bundled_example_is_read_at_start_as_the_worker_reads_it(
    qtbot, monkeypatch, tmp_path: Path, example_path: Path, name: str
) -> None:
    """Before the window shows, the example is read in the editor's own process (no worker
    to wait for at start), giving the document and notes the worker gives; a copy elsewhere
    still goes to the worker."""
    from goaleditor.reading import read_untrusted
    from goaleditor.ui import reading_wait
    from goaleditor.ui.reading_wait import is_bundled_example, read_file

    path = example_path
    if name == "a copy":
        path = tmp_path / example_path.name
        path.write_bytes(example_path.read_bytes())
    else:

        def no_worker() -> None:
            raise AssertionError("the example at start needs no worker")

        monkeypatch.setattr(reading_wait, "_take_worker", no_worker)
    assert is_bundled_example(path) == (name == "example")
    window = QWidget()  # not shown yet, as at start
    qtbot.addWidget(window)
    read = read_file(path, window)
    assert read is not None
    document, notes = read
    worker_notes: list[object] = []
    assert dumps(document) == dumps(read_untrusted(example_path, worker_notes.append))
    assert [str(n) for n in notes] == [str(n) for n in worker_notes]
