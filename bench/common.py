"""Shared helpers for the benchmarks: a large synthetic document, timers (wall and CPU),
interleaved rounds with their spread, and the Result a bench hands to bench/all.py."""

from __future__ import annotations

import math
import resource
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.model.frameworks import CLASSIC

ROWS = [
    (level1, level2)
    for level1, level2s in CLASSIC.levels
    for level2 in level2s
    for _ in range(2 if level2 in ("数量指标", "质量指标") else 1)
]


def big_document(tables: int = 1000, indicators: int = 20) -> Document:
    """tables goal tables of about `indicators` indicators each, with realistic text."""
    document = Document(
        agency_code="319101", agency_name="天津市滨海新区人民政府政务服务办公室", year=2026
    )
    for n in range(tables):
        rows = []
        for i in range(indicators):
            level1, level2 = ROWS[i % len(ROWS)]
            rows.append(
                (
                    level1,
                    level2,
                    Indicator(
                        f"第{n}表指标{i}名称较长的三级指标",
                        f"通过考量实际情况反映工作开展的完成情况{i}",
                        "≥",
                        str(90 + i % 10),
                        "%",
                    ),
                )
            )
        rows.sort(key=lambda r: ROWS.index((r[0], r[1])))
        document.tables.append(
            GoalTable.from_rows(
                rows,
                project_name=f"2026年第{n + 1}个项目运行经费",
                budget_total=None,
                fund_use="用于项目运行支出",
                goal="1.保障项目正常运行，提升服务质量。",
            )
        )
    for table in document.tables:
        table.document = document
    return document


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The fastest of several runs, in seconds (the least disturbed by other load)."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def best_timing(runs: int, work: Callable[[], object]) -> Timing:
    """The least wall time and the least CPU time of several runs (each the least disturbed
    by other load)."""
    timings = [timed(work) for _ in range(runs)]
    return Timing(min(t.wall for t in timings), min(t.cpu for t in timings))


@dataclass(frozen=True)
class Timing:
    """Wall-clock and CPU seconds of one run (CPU: this process, plus waited-for children)."""

    wall: float
    cpu: float


def timed(work: Callable[[], object]) -> Timing:
    """Run work once: its wall time and the CPU time it took (this process and children)."""
    cpu = _cpu_seconds()
    start = time.perf_counter()
    work()
    wall = time.perf_counter() - start
    return Timing(wall, _cpu_seconds() - cpu)


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def interleaved(rounds: int, works: dict[str, Callable[[], object]]) -> dict[str, list[Timing]]:
    """Each work once per round, in turn, so that a busy spell of the machine hits all alike."""
    timings: dict[str, list[Timing]] = {name: [] for name in works}
    for _ in range(rounds):
        for name, work in works.items():
            timings[name].append(timed(work))
    return timings


@dataclass(frozen=True)
class Spread:
    """The median of several measurements and their lowest and highest."""

    median: float
    low: float
    high: float

    @classmethod
    def of(cls, values: list[float]) -> Spread:
        """The spread of values (at least one)."""
        return cls(statistics.median(values), min(values), max(values))

    def text(self, digits: int = 2, unit: str = "×") -> str:
        """'1.23× (1.10–1.40)'."""
        return f"{self.median:.{digits}f}{unit} ({self.low:.{digits}f}–{self.high:.{digits}f})"


def ratios(ours: list[Timing], theirs: list[Timing]) -> tuple[Spread, Spread]:
    """Round-by-round ratios ours / theirs: in wall time and in CPU time."""
    wall = [a.wall / b.wall for a, b in zip(ours, theirs, strict=True)]
    cpu = [a.cpu / b.cpu if b.cpu > 0 else float("inf") for a, b in zip(ours, theirs, strict=True)]
    return Spread.of(wall), Spread.of(cpu)


def wall_and_cpu(name: str, timings: list[Timing]) -> str:
    """One line: the median wall time and CPU time of a measured path, in ms."""
    wall = statistics.median(t.wall for t in timings) * 1000
    cpu = statistics.median(t.cpu for t in timings) * 1000
    return f"{name}: {wall:9.1f} ms wall, {cpu:9.1f} ms CPU (median of {len(timings)})"


@dataclass(frozen=True)
class Result:
    """One row of issue 26's table as a bench measured it (bench/all.py prints them)."""

    path: str  # the path measured, as the issue names it
    now: Spread  # the ratio to the alternative (unit "×"), or an absolute figure (e.g. "ms")
    alternative: str
    goal: float  # now.median must be at most this
    unit: str = "×"
    cpu: Spread | None = None  # the same ratio in CPU time (shared machines: less noisy)
    note: str = ""  # what the figure is not (another alternative than the issue's, …)
    judged: bool = True  # False: measured against another alternative, so not judged

    @property
    def met(self) -> bool | None:
        """Whether the median is at or under the goal (None when not judged)."""
        return self.now.median <= self.goal if self.judged else None


def peak_memory_mb(pid: int) -> float:
    """The high-water mark of a running process's resident memory (VmHWM, Linux), in MB.

    Unlike ru_maxrss it is the process's own: it starts again at exec, where ru_maxrss
    keeps the parent's peak.
    """
    status = Path(f"/proc/{pid}/status").read_text()
    kib = int(status.split("VmHWM:")[1].split()[0])
    return kib / 1024


def exponent(sizes: list[int], seconds: list[float]) -> float:
    """How time grows with size: the least-squares slope of log(time) over log(size)
    (1.0: linear; issue 26 asks at most 1.05 from 100 to 5000 tables)."""
    if len(sizes) < 2 or len(sizes) != len(seconds) or min(seconds) <= 0:
        raise ValueError("an exponent needs two sizes or more, each with a positive time")
    xs = [math.log(size) for size in sizes]
    ys = [math.log(value) for value in seconds]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread


def growth(name: str, sizes: list[int], timings: list[list[Timing]]) -> str:
    """One line: a path's exponent over a size series, from median wall and CPU times."""
    wall = exponent(sizes, [statistics.median(t.wall for t in runs) for runs in timings])
    cpu = exponent(sizes, [statistics.median(t.cpu for t in runs) for runs in timings])
    span = f"{sizes[0]}–{sizes[-1]} tables"
    return f"{name}: exponent {wall:.2f} wall, {cpu:.2f} CPU ({span}; goal <= 1.05)"
