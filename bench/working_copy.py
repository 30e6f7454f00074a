"""Cost of committing one edit to the working copy of a 1000-table document.

Alternatives, in the same run: the same edits on the document without a working copy, and
a bare SQLite commit (one small row replaced in a WAL database). Goal (issue 26): the
median edit with its commit at most 0.3 ms. Rounds are interleaved; wall and CPU time are
both printed, since the machine may be shared.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import Result, Spread, big_document
from goaleditor.model.document import Document
from goaleditor.model.working_copy import WorkingCopy

EDITS = 300
ROUNDS = 5
GOAL_MS = 0.3


def edit_times(document: Document, copy: bool) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of each of EDITS edits (with its commit when copy)."""
    indicators = [i for t in document.tables for _, _, i in t.indicator_rows()]
    working = WorkingCopy(Path(tempfile.mkdtemp()), document, None) if copy else None
    walls, cpus = [], []
    for n in range(EDITS):
        target = indicators[(n * 7919) % len(indicators)]
        cpu, start = time.process_time(), time.perf_counter()
        document.set_field(target, "value", str(n))
        if working is not None:
            working.flush()  # what the editor does after each edit
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
        if working is not None and n % 50 == 49:
            working.checkpoint()  # what the editor does when idle; not part of an edit
    if working is not None:
        working.close()
    return walls, cpus


def bare_commits() -> list[float]:
    """Wall seconds of EDITS bare SQLite commits of one small row in a WAL database."""
    db = sqlite3.connect(Path(tempfile.mkdtemp()) / "bare.db", isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("CREATE TABLE goal (uid TEXT PRIMARY KEY, data TEXT NOT NULL)")
    times = []
    for n in range(EDITS):
        start = time.perf_counter()
        db.execute("BEGIN")
        db.execute("INSERT OR REPLACE INTO goal VALUES (?, ?)", (str(n % 7), "x" * 2000))
        db.execute("COMMIT")
        times.append(time.perf_counter() - start)
    db.close()
    return times


def measure(tables: int = 1000) -> dict[str, object]:
    """Every figure the bench prints: per round, the median edit (wall and CPU, in ms)."""
    document = big_document(tables)
    start = time.perf_counter()
    WorkingCopy(Path(tempfile.mkdtemp()), document, None).close()
    creating = time.perf_counter() - start
    rounds: dict[str, list[float]] = {"plain": [], "copy": [], "copy_cpu": [], "bare": []}
    worst = 0.0
    for _ in range(ROUNDS):
        plain, _cpu = edit_times(document, copy=False)
        walls, cpus = edit_times(document, copy=True)
        bare = bare_commits()
        rounds["plain"].append(statistics.median(plain) * 1000)
        rounds["copy"].append(statistics.median(walls) * 1000)
        rounds["copy_cpu"].append(statistics.median(cpus) * 1000)
        rounds["bare"].append(statistics.median(bare) * 1000)
        worst = max(worst, max(walls) * 1000)
    return {"tables": tables, "creating_ms": creating * 1000, "worst_ms": worst, **rounds}


def results(tables: int = 1000) -> list[Result]:
    """The issue's row: the median edit with its commit, in ms (spread over the rounds)."""
    return [_result(measure(tables))]


def _result(figures: dict[str, object]) -> Result:
    copy, cpu, bare = (Spread.of(figures[k]) for k in ("copy", "copy_cpu", "bare"))  # type: ignore[arg-type]
    return Result(
        path=f"edit commit, {figures['tables']} tables",
        now=copy,
        unit=" ms",
        alternative=f"a bare SQLite commit {bare.median:.3f} ms",
        goal=GOAL_MS,
        cpu=cpu,
    )


def main() -> None:
    figures = measure()
    result = _result(figures)
    plain = Spread.of(figures["plain"])  # type: ignore[arg-type]
    print(f"creating the working copy of 1000 tables:  {figures['creating_ms']:9.1f} ms")
    print(f"edit without working copy (median):        {plain.text(3, ' ms')}")
    print(f"edit with its commit (median), wall:       {result.now.text(3, ' ms')}")
    print(f"edit with its commit (median), CPU:        {result.cpu.text(3, ' ms')}")  # type: ignore[union-attr]
    print(f"worst single edit with its commit:         {figures['worst_ms']:9.3f} ms")
    print(f"alternative: {result.alternative}")
    print(f"goal: median <= {GOAL_MS} ms -> {'met' if result.met else 'NOT met'}")


if __name__ == "__main__":
    main()
