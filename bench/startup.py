"""Start-up: launch to the first shown window with the example, vs a bare PySide6 window.

Both are fresh processes timed from launch until they report a shown, painted window.
Target: goaleditor at most 1.5x the bare window.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 5

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow, QTreeView
app = QApplication([])
window = QMainWindow()
window.setCentralWidget(QTreeView())
window.show()
app.processEvents()
print("shown", flush=True)
"""

# The same steps as goaleditor.ui.app.run_editor, up to the event loop.
EDITOR = """
import sys
from pathlib import Path
from goaleditor.ui.app import create_application
from goaleditor.ui.main_window import MainWindow
app = create_application()
window = MainWindow()
window.show()
window.open_path(Path(sys.argv[1]), ask=False)
app.processEvents()
assert window.editor.model.rowCount() > 0
print("shown", flush=True)
"""


def launch(code: str, *args: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
    )
    assert "shown" in out.stdout, out.stderr
    return time.perf_counter() - start


def main() -> None:
    example = str(ROOT / "resources" / "examples" / "binhai-2026-published.txt")
    launch(BARE)
    launch(EDITOR, example)  # warm the file caches for both
    bare = min(launch(BARE) for _ in range(RUNS))
    editor = min(launch(EDITOR, example) for _ in range(RUNS))
    print(f"bare PySide6 window (QMainWindow + QTreeView): {bare * 1000:6.0f} ms")
    print(f"goaleditor with the example document:          {editor * 1000:6.0f} ms")
    print(f"ratio: {editor / bare:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()
