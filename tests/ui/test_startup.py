"""Start-up: the first window comes up without the heavy modules; the rest follows it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "binhai-2026-published.txt"

# The real entry point (`goaleditor FILE`), with the event loop replaced by a probe: what is
# loaded at the first paint, and what happens in the second that follows.
PROBE = """
import json, sys, time
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

def probe(app):
    app.processEvents()
    window = next(w for w in app.topLevelWidgets() if w.objectName() == "main_window")
    at_first_paint = {
        "modules": sorted(sys.modules),
        "rows": window.editor.model.rowCount(),
        "icon": not app.windowIcon().isNull(),
    }
    # What follows the paint is waited for (up to 60 s on a loaded machine), not timed.
    def later_state():
        working_copy = window.session.working_copy is not None
        return {"icon": not app.windowIcon().isNull(), "working_copy": working_copy}
    deadline = time.monotonic() + 60
    while not all(later_state().values()) and time.monotonic() < deadline:
        loop = QEventLoop()
        QTimer.singleShot(50, loop.quit)
        loop.exec()
    later = later_state()
    print(json.dumps({"first_paint": at_first_paint, "later": later}))
    window.stack.setClean()
    return 0

QApplication.exec = probe
from goaleditor.cli import main
sys.exit(main(sys.argv[1:]))
"""

DEFERRED = (
    "reportlab",
    "openpyxl",
    "xlsxwriter",
    "pypdfium2",
    "defusedxml",
    "docx",
    "lxml",
    "sqlite3",
    "goaleditor.formats.writers.pdf",
    "goaleditor.formats.layout.official",
    "goaleditor.formats.layout.grid",
    "goaleditor.formats.layout.pagination",
    "goaleditor.formats.writers.excel",
    "goaleditor.formats.readers.sheets.xlsx",
    "goaleditor.formats.readers.tables.document_reader",
    "goaleditor.formats.writers.word",
    "goaleditor.formats.clipboard.table",
    "goaleditor.model.store",
    "goaleditor.model.checks",
    "goaleditor.model.library",
    "goaleditor.model.working_copy",
    "goaleditor.files.lock",
    "goaleditor.files.lock_reading",
    "goaleditor.files.lock_host",
    "goaleditor.ui.dialogs",
    "goaleditor.ui.pdf_preview",
    "goaleditor.ui.pdf_pages",
    "goaleditor.ui.page_view",
    "goaleditor.ui.printing",
    "goaleditor.ui.library_dialog",
    "goaleditor.ui.live_pages",  # the 页面视图 canvas, its fonts and layout: on first show
    "goaleditor.ui.grid_painter",
    "rapidfuzz",  # the compare package's: on the first comparison
    "goaleditor.compare",
    "goaleditor.checking",  # the checks run after the first paint
    "goaleditor.reading",  # the bundled example is read here; the worker starts after the paint
    "multiprocessing",
)


def run_probe(home: Path, document: Path = EXAMPLE) -> dict:
    env = dict(
        os.environ,
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(document)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_first_window_comes_before_the_heavy_modules(tmp_path: Path) -> None:
    report = run_probe(tmp_path)
    first = report["first_paint"]
    assert first["rows"] > 0  # the example is on screen
    loaded = [
        name
        for name in first["modules"]
        if any(name == heavy or name.startswith(heavy + ".") for heavy in DEFERRED)
    ]
    assert loaded == []
    # What waited for the first paint does happen shortly after it.
    assert not first["icon"]
    assert report["later"] == {"icon": True, "working_copy": True}


def test_a_goals_file_opens_without_sqlmodel(tmp_path: Path) -> None:
    """Reading a .goals file needs sqlite3 only; SQLModel (≈0.4 s) loads when saving."""
    from tests.helpers import run_cli

    document = tmp_path / "example.goals"
    assert run_cli("import", EXAMPLE, "-o", document).returncode == 0
    first = run_probe(tmp_path, document)["first_paint"]
    assert first["rows"] > 0
    heavy = ("sqlmodel", "sqlalchemy", "pydantic")
    assert [name for name in first["modules"] if name.split(".")[0] in heavy] == []
