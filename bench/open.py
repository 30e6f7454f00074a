"""Open a 1000-table document in the editor and show its first table, against json.load.

Prints the time of each and their ratio. The baseline is loading the same
document's canonical JSON with the standard library's json.load.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.common import best_of, big_document
from goaleditor.formats.canonical_json import dumps
from goaleditor.model.store import load_document, save_document


def main() -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from goaleditor.ui.app import create_application
    from goaleditor.ui.main_window import MainWindow

    document = big_document()
    folder = Path(tempfile.mkdtemp())
    goals, canonical = folder / "big.goals", folder / "big.json"
    save_document(document, goals)
    canonical.write_text(dumps(document), encoding="utf-8")

    def load_json() -> None:
        with canonical.open(encoding="utf-8") as handle:
            json.load(handle)

    create_application()
    window = MainWindow(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    window.show()
    QApplication.processEvents()

    def open_in_editor() -> None:
        window.open_path(goals, ask=False)
        QApplication.processEvents()
        assert window.editor.model.rowCount() > 0

    def open_and_settle() -> None:
        open_in_editor()
        deadline = time.perf_counter() + 5
        while window.session.working_copy is None and time.perf_counter() < deadline:
            time.sleep(0.005)
            QApplication.processEvents()
        window.problems.recheck()

    baseline = best_of(5, load_json)
    read_only = best_of(5, lambda: load_document(goals))
    editor = best_of(5, open_in_editor)
    settled = best_of(3, open_and_settle)
    print(f"json.load of the canonical JSON (baseline): {baseline * 1000:7.1f} ms")
    print(f"load_document (.goals -> model):            {read_only * 1000:7.1f} ms")
    print(f"open in the editor, first table shown:      {editor * 1000:7.1f} ms")
    print(f"ratio editor open / json.load:              {editor / baseline:7.2f}x")
    print(f"…plus working copy and checks, done after:  {settled * 1000:7.1f} ms")
    print(f"target: under 500 ms on this machine -> {'met' if editor < 0.5 else 'NOT met'}")


if __name__ == "__main__":
    main()
