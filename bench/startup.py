"""Start-up: launch to the first painted window with the example, vs a bare PySide6 window
drawing Chinese text; and the command line's start-up against a bare script.

Each program is a fresh process timed from launch until it reports its window shown after
one round of events (the round that paints it). goaleditor runs its real entry point (the
`goaleditor FILE` command line) with the event loop replaced by that one round, so nothing
the program does before its first paint is left out. Goal (issue 26): goaleditor at most
1.5x the bare window drawing Chinese text, the median of interleaved runs. CPU time is
printed beside wall time (the machine may be shared): each process's own, from its start
to the moment it reports (an exit is no part of start-up). The reading worker is not in it:
the bundled example is read in the editor's process and the worker starts after the first
paint (tests/ui/test_startup.py checks that no multiprocessing is loaded by then).

Two more windows are printed for context: the bare window with no text, and the Chinese
window with Qt's namespace loaded as well (PySide6 builds its ~90 Python enums on first use
of `Qt.`, which any real program pays).

The command line (context, `python bench/startup.py` only): `goaleditor --help`, `import`
of the example to .goals and `export` of it to .xlsx as whole processes, against
`python -c pass` and against a script doing the same through the library (no command line,
no reading worker).
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
EXAMPLE = ROOT / "resources" / "examples" / "binhai-2026-published.txt"
GOAL = 1.5

SHOWN = """
import time
print("shown", time.process_time(), flush=True)
"""

BARE = (
    """
from PySide6.QtWidgets import QApplication, QMainWindow, QTreeView
app = QApplication([])
window = QMainWindow()
window.setCentralWidget(QTreeView())
window.show()
app.processEvents()
"""
    + SHOWN
)

# The alternative: a bare window drawing Chinese text (30 rows of it).
CHINESE = (
    """
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTreeView
app = QApplication([])
window = QMainWindow()
view = QTreeView()
model = QStandardItemModel()
for _ in range(30):
    model.appendRow([QStandardItem(t) for t in ("产出指标", "≥", "完成率百分之百")])
view.setModel(model)
window.setCentralWidget(view)
window.show()
app.processEvents()
"""
    + SHOWN
)

# The same with Qt's namespace in use, as in any real program (context only).
NAMESPACE = CHINESE.replace(
    "view = QTreeView()",
    "view = QTreeView()\nfrom PySide6.QtCore import Qt\n"
    "view.setTextElideMode(Qt.TextElideMode.ElideRight)",
)

EDITOR = """
import sys, time
from PySide6.QtWidgets import QApplication

def first_round(app):
    app.processEvents()  # the first paint
    window = next(w for w in app.topLevelWidgets() if w.objectName() == "main_window")
    assert window.isVisible() and window.editor.model.rowCount() > 0
    print("shown", time.process_time(), flush=True)
    return 0

QApplication.exec = first_round
from goaleditor.cli import main
sys.exit(main(sys.argv[1:]))
"""


def launch(code: str, env: dict[str, str], *args: str) -> Timing:
    """From starting a fresh interpreter on code until it reports a shown window: seconds,
    and the CPU seconds it had used by then (it reports them itself)."""
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
    process.wait()
    word, _, cpu = line.partition(" ")
    if process.returncode != 0 or word != "shown":
        raise SystemExit(f"start-up run failed:\n{errors}")
    return Timing(shown, float(cpu))


def run_whole(command: list[str], env: dict[str, str]) -> Timing:
    """A whole process (start to exit): wall seconds and the CPU seconds of it and its
    children (the command line's reading worker)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, env=env
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    assert process.stderr is not None
    errors = process.stderr.read().decode("utf-8", "replace")
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{errors}")
    return Timing(wall, usage.ru_utime + usage.ru_stime)


def _environment(home: str) -> dict[str, str]:
    """No saved window state, no recovery files; bytecode as an installed program has it."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        XDG_CONFIG_HOME=str(Path(home) / "config"),
        XDG_DATA_HOME=str(Path(home) / "data"),
        PYTHONPATH=str(ROOT),
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def measure(runs: int = RUNS) -> dict[str, list[Timing]]:
    """Interleaved launches of the four programs (the first of each only warms caches)."""
    # An installed program starts from compiled bytecode (pip and PyInstaller both compile).
    compileall.compile_dir(ROOT / "goaleditor", quiet=1)
    with tempfile.TemporaryDirectory() as home:
        env = _environment(home)
        programs = {"bare": BARE, "chinese": CHINESE, "namespace": NAMESPACE}
        runs_: dict[str, list[Timing]] = {name: [] for name in (*programs, "editor")}
        for _ in range(runs + 1):  # interleaved, so a busy spell of the machine hits all
            for name, code in programs.items():
                runs_[name].append(launch(code, env))
            runs_["editor"].append(launch(EDITOR, env, str(EXAMPLE)))
    return {name: times[1:] for name, times in runs_.items()}


# The library doing what `import` and `export` do, with no command line and no worker.
LIBRARY_IMPORT = """
import sys
from goaleditor.formats.registry import read_document, write_document
write_document(read_document(sys.argv[1]), sys.argv[2])
"""
LIBRARY_EXPORT = LIBRARY_IMPORT


def measure_cli(runs: int = RUNS) -> dict[str, list[Timing]]:
    """Interleaved whole processes: the command line's --help, import and export of the
    example, python -c pass, and the library doing the same import and export."""
    compileall.compile_dir(ROOT / "goaleditor", quiet=1)
    python = sys.executable
    with tempfile.TemporaryDirectory() as home:
        env = _environment(home)
        out = Path(home)
        goals, again, xlsx = out / "x.goals", out / "y.goals", out / "x.xlsx"
        cli = [python, "-m", "goaleditor"]
        commands = {
            "python -c pass": [python, "-c", "pass"],
            "goaleditor --help": [*cli, "--help"],
            "goaleditor import": [*cli, "import", str(EXAMPLE), "-o", str(goals), "--force"],
            "library import": [python, "-c", LIBRARY_IMPORT, str(EXAMPLE), str(again)],
            "goaleditor export": [*cli, "export", str(goals), "-o", str(xlsx)],
            "library export": [python, "-c", LIBRARY_EXPORT, str(goals), str(xlsx)],
        }
        timings: dict[str, list[Timing]] = {name: [] for name in commands}
        for _ in range(runs + 1):
            for name, command in commands.items():
                timings[name].append(run_whole(command, env))
    return {name: times[1:] for name, times in timings.items()}


def results(runs: int = RUNS) -> list[Result]:
    """Issue 26's row: the editor's start-up against a bare window drawing Chinese text."""
    return [_result(measure(runs))]


def _result(figures: dict[str, list[Timing]]) -> Result:
    wall, cpu = ratios(figures["editor"], figures["chinese"])
    return Result(
        path="start-up to painted window",
        now=wall,
        alternative="bare PySide6 window with Chinese text",
        goal=GOAL,
        cpu=cpu,
        note="CPU: each process's own until painted (the example needs no reading worker)",
    )


def main() -> None:
    """Print the median and spread of each, and their ratios; then the command line's."""
    figures = measure()
    result = _result(figures)
    print(wall_and_cpu("bare PySide6 window (QMainWindow + QTreeView)", figures["bare"]))
    print(wall_and_cpu("  the same drawing 30 rows of Chinese text   ", figures["chinese"]))
    print(wall_and_cpu("  and with Qt's namespace (context)          ", figures["namespace"]))
    print(wall_and_cpu("goaleditor with the example document         ", figures["editor"]))
    for name, label in (("bare", "no text"), ("namespace", "Qt's namespace")):
        other_wall, other_cpu = ratios(figures["editor"], figures[name])
        print(f"editor / window with {label} (context): {other_wall.text()} wall, ", end="")
        print(f"{other_cpu.text()} CPU")
    cpu = result.cpu.text() if result.cpu else "-"
    print(f"ratio editor / window with Chinese text: {result.now.text()} wall, {cpu} CPU")
    print(f"goal: <= {GOAL}x -> {'met' if result.met else 'NOT met'}")
    print()
    cli = measure_cli()
    for name, timings in cli.items():
        print(wall_and_cpu(f"{name:18}", timings))
    for ours, theirs in (
        ("goaleditor --help", "python -c pass"),
        ("goaleditor import", "library import"),
        ("goaleditor export", "library export"),
    ):
        wall, cpu = ratios(cli[ours], cli[theirs])
        print(f"{ours} / {theirs}: {wall.text()} wall, {cpu.text()} CPU")


if __name__ == "__main__":
    main()
