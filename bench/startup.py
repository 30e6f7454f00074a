"""Start-up: launch to the first shown window with the example, vs a bare PySide6 window.

Both are fresh processes timed from launch until they report a shown, painted window.
goaleditor runs its real entry point (the `goaleditor FILE` command line) with the event
loop replaced by one round of events, so nothing the program does at start is left out.
Target: goaleditor at most 1.5x the bare window.
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
        bare_runs: list[float] = []
        editor_runs: list[float] = []
        for _ in range(RUNS + 1):  # alternating, so a busy spell of the machine hits both
            bare_runs.append(launch(BARE, env))
            editor_runs.append(launch(EDITOR, env, example))
        bare = min(bare_runs[1:])  # the first run of each only warms the file caches
        editor = min(editor_runs[1:])
    print(f"bare PySide6 window (QMainWindow + QTreeView): {bare * 1000:6.0f} ms")
    print(f"goaleditor with the example document:          {editor * 1000:6.0f} ms")
    print(f"ratio: {editor / bare:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()
