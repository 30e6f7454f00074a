"""Open a 1000-table document in the editor and show its first table, against json.load.

The alternative: loading the same document's canonical JSON with the standard library's
json.load. Measured in interleaved rounds (median and spread of the round-by-round ratios,
in wall and CPU time): load_document alone (.goals -> model) and the editor's open until the
first table is shown. Goal (issue 26): the editor's open at most 1.5x json.load.
What opening leaves for later (the working copy, the checks) is done, untimed, after each
round: it must not run inside the next round's open (the reading dialog's event loop would
run it). The editor's CPU time includes its reading worker's (a process kept running, read
from /proc), since the worker does the reading.
Run: `python bench/open.py [TABLES...]` (default 1000).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.common import (
    Result,
    Timing,
    big_document,
    growth,
    interleaved,
    ratios,
    wall_and_cpu,
)
from goaleditor.formats.canonical_json import dumps
from goaleditor.model.store import load_document, save_document

ROUNDS = 5
GOAL = 1.5


def measure(tables: int = 1000, rounds: int = ROUNDS) -> dict[str, object]:
    """Interleaved timings of json.load, load_document and the editor's open."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from goaleditor.ui.app import create_application
    from goaleditor.ui.main_window import MainWindow

    document = big_document(tables)
    folder = Path(tempfile.mkdtemp())
    goals, canonical = folder / "big.goals", folder / "big.json"
    save_document(document, goals)
    canonical.write_text(dumps(document), encoding="utf-8")
    del document

    def load_json() -> None:
        with canonical.open(encoding="utf-8") as handle:
            json.load(handle)

    create_application()
    window = MainWindow(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    window.show()
    QApplication.processEvents()

    worker_cpu: list[float] = []

    def open_in_editor() -> None:
        before = reading_worker_cpu()
        window.open_path(goals, ask=False)
        QApplication.processEvents()
        assert window.editor.model.rowCount() > 0
        worker_cpu.append(reading_worker_cpu() - before)

    def settle() -> None:
        """What opening leaves for later (the working copy, the checks), done: not left to
        run inside the next round's open."""
        deadline = time.perf_counter() + 30
        while window.session.working_copy is None and time.perf_counter() < deadline:
            time.sleep(0.005)
            QApplication.processEvents()
        window.problems.recheck()
        QApplication.processEvents()

    def open_and_settle() -> None:
        open_in_editor()
        settle()

    load_json(), load_document(goals), open_and_settle()  # warm: file cache, first use of Qt
    worker_cpu.clear()
    works = {"json": load_json, "load": lambda: load_document(goals), "editor": open_in_editor}
    timings: dict[str, list[Timing]] = {name: [] for name in works}
    for _ in range(rounds):
        for name, times in interleaved(1, works).items():
            timings[name] += times
        settle()  # not timed
    # The editor's CPU time includes its reading worker's (another process, kept running).
    editor = timings["editor"]
    timings["editor"] = [Timing(t.wall, t.cpu + w) for t, w in zip(editor, worker_cpu, strict=True)]
    settled = interleaved(2, {"settled": open_and_settle})["settled"]
    window.stack.setClean()
    window.close()
    return {"tables": tables, **timings, "settled": settled}


def reading_worker_cpu() -> float:
    """CPU seconds the editor's warm reading worker has used so far (0 when there is none)."""
    from goaleditor.ui import reading_wait

    worker = reading_wait._warm
    if worker is None or not worker.process.is_alive():
        return 0.0
    try:
        fields = Path(f"/proc/{worker.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def results(sizes: tuple[int, ...] = (1000, 5000)) -> list[Result]:
    """Issue 26's rows: the editor's open of a .goals against json.load, one per size (the
    last row says how the open grows over the sizes)."""
    series = [measure(tables) for tables in sizes]
    rows = [_result(figures) for figures in series]
    if len(series) > 1:
        grown = _growth(series, "editor", "editor open")
        rows[-1] = replace(rows[-1], note=f"{rows[-1].note}; {grown}")
    return rows


def _growth(series: list[dict[str, object]], path: str, name: str = "exponent") -> str:
    sizes = [int(figures["tables"]) for figures in series]  # type: ignore[call-overload]
    return growth(name, sizes, [figures[path] for figures in series])  # type: ignore[misc]


def _result(figures: dict[str, object]) -> Result:
    wall, cpu = ratios(figures["editor"], figures["json"])  # type: ignore[arg-type]
    read_only, read_only_cpu = ratios(figures["load"], figures["json"])  # type: ignore[arg-type]
    return Result(
        path=f"open a .goals, {figures['tables']} tables",
        now=wall,
        alternative="json.load of the same content",
        goal=GOAL,
        cpu=cpu,
        note=f"load_document alone {read_only.text()} (CPU {read_only_cpu.text()})",
    )


def main() -> None:
    series = []
    for tables in [int(arg) for arg in sys.argv[1:]] or [1000]:
        figures = measure(tables)
        series.append(figures)
        result = _result(figures)
        print(f"{tables} tables, {ROUNDS} interleaved rounds")
        print(wall_and_cpu("json.load of the canonical JSON (alternative)", figures["json"]))  # type: ignore[arg-type]
        print(wall_and_cpu("load_document (.goals -> model)              ", figures["load"]))  # type: ignore[arg-type]
        print(wall_and_cpu("open in the editor, first table shown        ", figures["editor"]))  # type: ignore[arg-type]
        print(wall_and_cpu("…plus working copy and checks, done after    ", figures["settled"]))  # type: ignore[arg-type]
        load_wall, load_cpu = ratios(figures["load"], figures["json"])  # type: ignore[arg-type]
        print(f"ratio load_document / json.load:  {load_wall.text()} wall, {load_cpu.text()} CPU")
        print(
            f"ratio editor open / json.load:    {result.now.text()} wall, {result.cpu.text()} CPU"
        )  # type: ignore[union-attr]
        print(f"goal: editor open <= {GOAL}x json.load -> {'met' if result.met else 'NOT met'}")

    if len(series) > 1:
        print(_growth(series, "json", "json.load          "))
        print(_growth(series, "load", "load_document      "))
        print(_growth(series, "editor", "open in the editor "))


if __name__ == "__main__":
    main()
