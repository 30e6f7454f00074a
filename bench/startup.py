"""Start-up: launch to the first shown window with the example, vs a bare PySide6 window.

Both are fresh processes timed from launch until they report a shown, painted window.
goaleditor runs its real entry point (the `goaleditor FILE` command line) with the event
loop replaced by one round of events, so nothing the program does at start is left out.
Goal: goaleditor at most 1.5x the bare window (median of interleaved runs; CPU time of
each whole process printed beside it, since the machine may be shared).

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
sys.path.insert(0, str(ROOT))

from bench.common import Result, Timing, ratios, wall_and_cpu  # noqa: E402

RUNS = int(os.environ.get("BENCH_STARTUP_RUNS", "15"))
GOAL = 1.5

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


def launch(code: str, env: dict[str, str], *args: str) -> Timing:
    """From starting a fresh interpreter on code until it reports a shown window: seconds,
    and the CPU seconds the process used in all (its exit included: read when it ends)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    assert process.stdout is not None and process.stderr is not None
    line = process.stdout.readline()
    shown = time.perf_counter() - start  # the exit that follows is not part of start-up
    errors = process.stderr.read()
    process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0 or line.strip() != "shown":
        raise SystemExit(f"start-up run failed:\n{errors}")
    return Timing(shown, usage.ru_utime + usage.ru_stime)


def measure(runs: int = RUNS) -> dict[str, list[Timing]]:
    """Interleaved launches of the three programs (the first of each only warms caches)."""
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
        runs_: dict[str, list[Timing]] = {"bare": [], "floor": [], "editor": []}
        for _ in range(runs + 1):  # interleaved, so a busy spell of the machine hits all three
            runs_["bare"].append(launch(BARE, env))
            runs_["floor"].append(launch(FLOOR, env))
            runs_["editor"].append(launch(EDITOR, env, example))
    return {name: times[1:] for name, times in runs_.items()}


def results(runs: int = RUNS) -> list[Result]:
    """Issue 26's row: the editor's start-up against the bare window."""
    return [_result(measure(runs))]


def _result(figures: dict[str, list[Timing]]) -> Result:
    wall, cpu = ratios(figures["editor"], figures["bare"])
    return Result(
        path="start-up to painted window",
        now=wall,
        alternative="bare PySide6 window",
        goal=GOAL,
        cpu=cpu,
        note="CPU: each whole process, its exit and the editor's reading worker's start included",
    )


def main() -> None:
    """Print the median and spread of each, and their ratios."""
    figures = measure()
    result = _result(figures)
    print(wall_and_cpu("bare PySide6 window (QMainWindow + QTreeView)", figures["bare"]))
    print(wall_and_cpu("  the same with Qt's enums and Chinese text  ", figures["floor"]))
    print(wall_and_cpu("goaleditor with the example document         ", figures["editor"]))
    floor_wall, floor_cpu = ratios(figures["floor"], figures["bare"])
    print(f"floor / bare (context only): {floor_wall.text()} wall, {floor_cpu.text()} CPU")
    print(f"ratio editor / bare: {result.now.text()} wall, {result.cpu.text()} CPU")  # type: ignore[union-attr]
    print(f"goal: <= {GOAL}x -> {'met' if result.met else 'NOT met'}")


if __name__ == "__main__":
    main()
