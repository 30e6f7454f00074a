"""批量检查 off the GUI thread: a QThread that runs batch.check_files and hands each file's
result to the window by a signal as it finishes; cancel() stops the workers cleanly."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QThread, Signal


class BatchRun(QThread):
    """One run of 批量检查 over paths (folders, files, .zip archives)."""

    counted = Signal(int)  # about how many files there are (for the progress bar)
    arrived = Signal(object)  # a FileResult, in finishing order
    skipped = Signal(int)  # names passed over (files of no readable kind), at the end
    failed = Signal(str)  # the run itself broke (not a file): one line

    def __init__(self, paths: Sequence[Path], jobs: int | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.paths = list(paths)
        self.jobs = jobs
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Stop: the files being read are stopped, those not started are not reported."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        """True once cancel() was asked."""
        return self._cancel.is_set()

    def run(self) -> None:
        """Count the files, then read and check them, emitting each result."""
        from goaleditor.batch.running import check_files
        from goaleditor.batch.sources import Walk, count_files

        try:
            self.counted.emit(count_files(self.paths))
            walk = Walk(self.paths)
            results = check_files(self.paths, self.jobs, cancel=self._cancel.is_set, walk=walk)
            with contextlib.closing(results):  # the pool stopped here, in this thread
                for result in results:
                    self.arrived.emit(result)
                    if self._cancel.is_set():
                        break
            self.skipped.emit(len(walk.skipped))
        except Exception as exc:  # a pool that cannot start (no processes allowed): said
            first = next((line for line in str(exc).splitlines() if line.strip()), "")
            self.failed.emit(f"批量检查中断：{type(exc).__name__}：{first.strip()}")
