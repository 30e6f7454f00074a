"""The editor never fails silently, and its modified marker always tells the truth."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from goaleditor.formats.canonical_json import dumps
from goaleditor.formats.readers.published_text import read
from goaleditor.model.document import Indicator
from goaleditor.model.store import load_document

EXAMPLE = (
    Path(__file__).resolve().parents[2] / "resources" / "examples" / "binhai-2026-published.txt"
)


def test_unexpected_error_is_shown_and_logged(window) -> None:
    from goaleditor.ui.app import show_unexpected
    from goaleditor.ui.error_log import log_path

    shown: list[str] = []

    def close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        shown.append(box.text() + box.informativeText())
        box.close()

    QTimer.singleShot(0, close)
    try:
        raise ValueError("测试用的意外")
    except ValueError:
        show_unexpected(*sys.exc_info())
    assert shown and "测试用的意外" in shown[0] and "未保存的修改都还在" in shown[0]
    log = log_path().read_text(encoding="utf-8")
    assert "ValueError: 测试用的意外" in log and "Traceback" in log
    assert window.document.tables  # the document is still there


def test_modified_marker_state_machine(window, tmp_path: Path) -> None:
    class Editing(RuleBasedStateMachine):
        """Edits, undo, redo and save in any order."""

        @initialize()
        def fresh(self) -> None:
            window.session.replace(read(EXAMPLE))
            self.path = tmp_path / "m.goals"
            self.saved: str | None = None

        def _indicators(self) -> list[Indicator]:
            return [i for t in window.document.tables for _, _, i in t.indicator_rows()]

        @rule(n=st.integers(0, 1000), text=st.text("甲乙丙123", max_size=4))
        def edit(self, n: int, text: str) -> None:
            items = self._indicators()
            if items:
                target = items[n % len(items)]
                if target.name != text:
                    window.editor._edit_field(target, "name", text)

        @rule()
        def insert(self) -> None:
            window.editor.insert_indicators([Indicator("新")], "插入")

        @precondition(lambda self: window.stack.canUndo())
        @rule()
        def undo(self) -> None:
            window.stack.undo()

        @precondition(lambda self: window.stack.canRedo())
        @rule()
        def redo(self) -> None:
            window.stack.redo()

        @rule()
        def save(self) -> None:
            assert window.session.save_to(self.path)
            self.saved = dumps(window.document)
            assert dumps(load_document(self.path)) == self.saved

        @precondition(lambda self: window.stack.cleanIndex() >= 0)
        @rule()
        def back_to_saved(self) -> None:
            window.stack.setIndex(window.stack.cleanIndex())

        @invariant()
        def marker_is_truthful(self) -> None:
            assert window.isWindowModified() == (not window.stack.isClean())
            if window.stack.isClean() and self.saved is not None:
                assert dumps(window.document) == self.saved

    run_state_machine_as_test(
        Editing,
        settings=settings(
            max_examples=15,
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
