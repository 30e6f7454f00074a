"""The working copy's log is folded when the clerk pauses, never right after each edit."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from goaleditor.model import working_copy
from goaleditor.model.edits import SetHeader
from goaleditor.ui.session import IDLE_MS, DocumentSession
from tests.ui.test_session import _goals, session  # noqa: F401  (the fixture)


def test_edits_start_the_idle_wait_without_shortening_it(
    qtbot,
    session: DocumentSession,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folded: list[object] = []
    real = working_copy.WorkingCopy.checkpoint
    monkeypatch.setattr(
        working_copy.WorkingCopy, "checkpoint", lambda copy: folded.append(copy) or real(copy)
    )
    assert session.open(_goals(tmp_path))
    # The working copy is made a moment after opening (and folded once, when made); on a busy
    # machine that moment may fall inside the edits below, so wait for it first.
    qtbot.waitUntil(lambda: session.working_copy is not None, timeout=5000)
    assert not session._working_copy_timer.isActive()
    folded.clear()
    for n in range(3):
        session.apply(SetHeader(session.document.tables[0], "goal", f"第{n}次"))
        assert session._idle.isActive() and session._idle.interval() == IDLE_MS
    for _ in range(20):  # a few ms of events: the index (1, 2, 3) must not be the wait in ms
        QApplication.processEvents()
    assert folded == []
