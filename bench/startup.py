"""Start-up: launch to the first shown window with the example, vs a bare PySide6 window.

Both are fresh processes timed from launch until they report a shown, painted window.
goaleditor runs its real entry point (the `goaleditor FILE` command line) with the event
loop replaced by one round of events, so nothing the program does at start is left out.
Target: goaleditor at most 1.5x the bare window.

A third program shows what any Chinese PySide6 program pays on top of the bare window: the
same window with Qt's namespace loaded (PySide6 builds its ~90 Python enums on first use) and
30 rows of Chinese text (fontconfig, glyph loading). It is printed for context only.
"""

from __future__ import annotations

import compileall
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 15

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow, QTreeView
app = QApplication([])
window = QMainWindow()
window.setCentralWidget(QTreeView())
window.show()
app.processEvents()
print("shown", flush=True)
"""

# The bare window plus what showing any Chinese text in PySide6 costs.
FLOOR = """
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTreeView
app = QApplication([])
window = QMainWindow()
view = QTreeView()
view.setTextElideMode(Qt.TextElideMode.ElideRight)
model = QStandardItemModel()
for _ in range(30):
    model.appendRow([QStandardItem(t) for t in ("产出指标", "≥", "完成率百分之百")])
view.setModel(model)
window.setCentralWidget(view)
window.show()
app.processEvents()
print("shown", flush=True)
"""

EDITOR = """
import sys
from PySide6.QtWidgets import QApplication

def first_round(app):
    app.processEvents()  # the first paint
    window = next(w for w in app.topLevelWidgets() if w.objectName() == "main_window")
    assert window.isVisible() and window.editor.model.rowCount() > 0
    print("shown", flush=True)
    return 0

QApplication.exec = first_round
from goaleditor.cli import main
sys.exit(main(sys.argv[1:]))
"""


def launch(code: str, env: dict[str, str], *args: str) -> float:
    """Seconds from starting a fresh interpreter on code until it reports a shown window."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    shown = time.perf_counter() - start  # the exit that follows is not part of start-up
    _, errors = process.communicate()
    if process.returncode != 0 or line.strip() != "shown":
        raise SystemExit(f"start-up run failed:\n{errors}")
    return shown


def main() -> None:
    """Print the best of several runs of each, and their ratio."""
    # An installed program starts from compiled bytecode (pip and PyInstaller both compile).
    compileall.compile_dir(ROOT / "goaleditor", quiet=1)
    example = str(ROOT / "resources" / "examples" / "binhai-2026-published.txt")
    with tempfile.TemporaryDirectory() as home:  # no saved window state, no recovery files
        env = dict(
            os.environ,
            QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            XDG_CONFIG_HOME=str(Path(home) / "config"),
            XDG_DATA_HOME=str(Path(home) / "data"),
        )
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        runs: dict[str, list[float]] = {"bare": [], "floor": [], "editor": []}
        for _ in range(RUNS + 1):  # interleaved, so a busy spell of the machine hits all three
            runs["bare"].append(launch(BARE, env))
            runs["floor"].append(launch(FLOOR, env))
            runs["editor"].append(launch(EDITOR, env, example))
    # The first run of each only warms the file caches.
    bare, floor, editor = (min(times[1:]) for times in runs.values())
    print(f"bare PySide6 window (QMainWindow + QTreeView):    {bare * 1000:6.0f} ms")
    print(
        f"  the same with Qt's enums and Chinese text:      {floor * 1000:6.0f} ms"
        f"  ({floor / bare:.2f}x, context only)"
    )
    print(f"goaleditor with the example document:             {editor * 1000:6.0f} ms")
    print(f"ratio: {editor / bare:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()
