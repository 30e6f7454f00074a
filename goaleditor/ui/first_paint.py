"""Work that waits for a window's first paint, so that it never delays it.

A timer counted from before the window is shown may fall due before the paint on a slow or
busy machine, and Qt runs due timers ahead of painting: the checks, the working copy and the
reading worker's start would then keep the window blank. These wait for the paint itself.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

LATEST_MS = 3000  # a window that gets no paint (started minimized, hidden): no later than this
_PAINTED = "goaleditorPainted"  # the window's property once it has painted


def painted(window: QWidget) -> bool:
    """Whether the window has been painted once."""
    return bool(window.property(_PAINTED))


def after_first_paint(window: QWidget, work: Callable[[], object]) -> None:
    """Run work once the window has painted for the first time (at once if it has), or
    LATEST_MS after the event loop first runs if it has not painted by then; never twice."""
    if painted(window):
        QTimer.singleShot(0, window, work)
        return
    _FirstPaint(window, work)


class _FirstPaint(QObject):
    """Watches one window's events for its first paint; gone once it has run the work."""

    def __init__(self, window: QWidget, work: Callable[[], object]) -> None:
        super().__init__(window)
        self._window = window
        self._work: Callable[[], object] | None = work
        window.installEventFilter(self)
        # Counted from the event loop's start: building the window may take seconds on a
        # busy machine, and a count from here could then fall due before the first paint.
        QTimer.singleShot(0, self, lambda: QTimer.singleShot(LATEST_MS, self, self._run))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """On the window's first paint, run the work once that paint is done."""
        if watched is self._window and event.type() == QEvent.Type.Paint:
            self._window.setProperty(_PAINTED, True)
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)  # after the rest of this paint
        return False

    def _run(self) -> None:
        work, self._work = self._work, None
        if work is None:
            return
        self._window.removeEventFilter(self)
        self._window.setProperty(_PAINTED, True)
        self.deleteLater()
        work()
