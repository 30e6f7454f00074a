"""Reading a file to open in the editor's worker process, behind a dialog with 取消.

One warm worker serves every window (started after the first window shows, and again after
a file killed it). An ordinary file is read within SHOW_AFTER_SECONDS; past that a modal
dialog with 取消 runs the window's events while the worker reads, so a hostile file never
freezes it, and the worker's deadline ends the wait in any case.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from goaleditor.formats.notes import ImportNote
    from goaleditor.model.document import Document
    from goaleditor.reading import Job, Worker

SHOW_AFTER_SECONDS = 0.4  # an ordinary file is read by then: no dialog flashes up
POLL_MS = 30

_warm: Worker | None = None


def warm_up() -> None:
    """Start the shared reading worker in the background, unless one is alive already."""
    global _warm
    from goaleditor.reading import Worker

    if _warm is None or not _warm.process.is_alive():
        _warm = Worker("spawn", preload=True)  # Qt runs threads here: never fork


def _take_worker() -> Worker:
    """The warm worker when it is free, else a new one (another window is reading)."""
    from goaleditor.reading import Worker

    warm_up()
    assert _warm is not None
    return _warm if _warm.usable() else Worker("spawn", preload=True)


def read_file(path: Path, parent: QWidget | None) -> tuple[Document, list[ImportNote]] | None:
    """The document at path and its import notes, read in the worker; None when the clerk
    pressed 取消. InputError (one line) for a refusal, a parser that died or the deadline."""
    if is_bundled_example(path) and not _on_screen(parent):  # the start: no worker to wait for
        return _read_bundled(path)
    from goaleditor.reading import deadline_for
    from goaleditor.reading.untrusted import checked_size

    seconds = deadline_for(checked_size(path))  # a pipe, a folder: refused here at once
    worker = _take_worker()
    job = worker.submit(path, seconds)
    try:
        slow = not job.wait(SHOW_AFTER_SECONDS)
        if slow and _on_screen(parent) and not ReadingDialog(job, path.name, parent).run():
            job.cancel()
            return None
        return job.result()  # before the window shows (a file named at start): no events run
    finally:
        if worker is not _warm:
            worker.close()
        if _warm is not None and not _warm.process.is_alive():
            QTimer.singleShot(0, warm_up)  # the next file opens without waiting for one


def is_bundled_example(path: Path) -> bool:
    """Whether path is the example that ships with the program: as trusted as its code."""
    from goaleditor.resources import example_document

    try:
        return path.resolve() == example_document().resolve()
    except (OSError, RuntimeError):  # a link loop: not ours
        return False


def _read_bundled(path: Path) -> tuple[Document, list[ImportNote]]:
    """The bundled example, read here: the first window need not wait for a worker to start
    (once a window is up, the warm worker reads it as it reads any file)."""
    from goaleditor.formats.registry import read_document

    notes: list[ImportNote] = []
    return read_document(path, notes.append), notes


def _on_screen(parent: QWidget | None) -> bool:
    """Whether a window is up to keep alive: before the first one shows, running events
    (its timers) while waiting would do the work meant for after the first paint."""
    window = parent.window() if parent is not None else None
    return window.isVisible() if window is not None else QApplication.activeWindow() is not None


class ReadingDialog(QDialog):
    """正在读取…: modal while the worker reads; 取消 stops it."""

    def __init__(self, job: Job, name: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.job = job
        self.setObjectName("reading_dialog")
        self.setWindowTitle("正在打开")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"正在读取“{name}”…", self))
        busy = QProgressBar(self)
        busy.setRange(0, 0)
        layout.addWidget(busy)
        self.cancel_button = QPushButton("取消", self)
        self.cancel_button.clicked.connect(self.reject)
        layout.addWidget(self.cancel_button, alignment=Qt.AlignmentFlag.AlignRight)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

    def _poll(self) -> None:
        if self.job.wait(0):
            self.accept()

    def run(self) -> bool:
        """Wait for the job with the dialog up; False when the clerk cancelled."""
        self._timer.start()
        try:
            return self.exec() == QDialog.DialogCode.Accepted
        finally:
            self._timer.stop()
            self.deleteLater()
            window = self.parentWidget()
            if window is not None:  # keys and shortcuts go back to the window at once
                window.window().activateWindow()
