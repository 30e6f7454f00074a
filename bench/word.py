"""Word export and import against python-docx, each run in a fresh process (issue 26).

Export: goaleditor's Word export (formats/writers/word.write) of N tables against a naive
python-docx export of the same layout grid (one add_table a table, each cell's text set,
merges left out): time ratio, and the peak memory (VmHWM) of each side's own process.
Import: goaleditor's Word import of its export of N tables against python-docx opening the
same file (docx.Document(path)), time ratio and peak memory.

Every run is a child process that makes the document (or opens the file), does the work
once and prints its wall and CPU time; this parent reads the child's VmHWM from /proc before
letting it exit (ru_maxrss would be inherited through exec). Runs are interleaved (ours,
theirs; theirs, ours; ...): the median of the per-round ratios and their spread, wall and
CPU, and the exponent of a power law fitted to our median CPU times over the sizes
(1.0 = linear). Goals: export peak < 250 MB at 5000 tables, time held; import <= 2x.

    python bench/word.py [--export 100,1000,5000] [--import-sizes 100,1000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("GOALEDITOR_BUNDLED_FONTS", "1")

from bench.common import Result, Spread, peak_memory_mb  # noqa: E402

EXPORT_PEAK_GOAL_MB = 250.0
IMPORT_GOAL = 2.0
_EXPORT_ROUNDS = {5000: 1}  # naive python-docx takes minutes at 5000 tables


def naive_docx(document: Any, path: Path) -> None:
    """The same layout grids written the way python-docx's tutorial writes tables.

    Merged cells are left unmerged: python-docx's merge takes about 10 ms (an XPath search of
    the table each time), some 50 a table, which would make this side take minutes.
    """
    import docx

    from goaleditor.formats.layout.fonts import HEI, SONG, TextWidth
    from goaleditor.formats.layout.grid import BODY_SIZE, TITLE_SIZE
    from goaleditor.formats.layout.official import build_grid

    word = docx.Document()
    body, title = TextWidth(SONG, BODY_SIZE), TextWidth(HEI, TITLE_SIZE)
    cache: dict[tuple[str, float], list[str]] = {}
    for number, table in enumerate(document.tables, 1):
        grid = build_grid(document, table, number, body, title, cache)
        word.add_paragraph(grid.title)
        word.add_paragraph(f"{grid.agency}\t{grid.unit}")
        made = word.add_table(rows=len(grid.rows), cols=len(grid.col_widths))
        made.style = "Table Grid"
        cells = [row.cells for row in made.rows]
        for grid_row in grid.rows:
            for cell in grid_row.cells:  # at its top-left grid cell, not merged (see above)
                cells[cell.row][cell.col].text = cell.text
    word.save(str(path))


# A child: does one run and prints {"wall": s, "cpu": s}, then waits for the parent to
# read its VmHWM. argv: ROOT, what, tables or path, target.
CHILD = """
import json, os, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
os.environ.setdefault("GOALEDITOR_BUNDLED_FONTS", "1")
what, size, target = sys.argv[2], sys.argv[3], Path(sys.argv[4])
if what in ("export", "naive"):
    from bench.common import big_document
    from bench.word import naive_docx
    from goaleditor.formats.writers.word import write
    document = big_document(int(size))
    work = (lambda: write(document, target)) if what == "export" else (
        lambda: naive_docx(document, target))
elif what == "import":
    from goaleditor.formats.readers.word.reader import read
    work = lambda: read(target)
else:
    import docx
    work = lambda: docx.Document(str(target))
wall, cpu = time.perf_counter(), time.process_time()
work()
print(json.dumps({"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu}))
sys.stdout.flush()
sys.stdin.readline()
"""


@dataclass(frozen=True)
class Run:
    """One child's run: its wall and CPU seconds and its own peak memory."""

    wall: float
    cpu: float
    peak_mb: float


def run_child(what: str, size: int, target: Path) -> Run:
    """One run of what ("export", "naive", "import", "load") in a fresh process."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(ROOT), what, str(size), str(target)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    if not line:
        _, errors = child.communicate()
        raise SystemExit(f"bench/word.py: the {what} child failed:\n{errors}")
    peak = peak_memory_mb(child.pid)
    child.communicate("\n")
    times = json.loads(line)
    return Run(times["wall"], times["cpu"], peak)


def interleaved_runs(
    sides: tuple[str, str], size: int, targets: dict[str, Path], rounds: int
) -> dict[str, list[Run]]:
    """rounds runs of each side, alternating which goes first."""
    runs: dict[str, list[Run]] = {side: [] for side in sides}
    for number in range(rounds):
        for side in sides if number % 2 == 0 else sides[::-1]:
            runs[side].append(run_child(side, size, targets[side]))
    return runs


@dataclass(frozen=True)
class Comparison:
    """Ours against theirs at one size: ratios per round, and each side's runs."""

    size: int
    ours: list[Run]
    theirs: list[Run]

    def ratio(self, key: str) -> Spread:
        """The per-round ratios ours / theirs of wall, cpu or peak_mb."""
        pairs = zip(self.ours, self.theirs, strict=True)
        return Spread.of([getattr(a, key) / max(getattr(b, key), 1e-9) for a, b in pairs])

    def median(self, side: str, key: str) -> float:
        """The median of one side's wall, cpu or peak_mb."""
        runs: list[Run] = getattr(self, side)
        return float(statistics.median(getattr(run, key) for run in runs))

    def line(self, label: str) -> str:
        """One printed line: medians of both sides, the ratios with their spread."""
        return (
            f"{label} {self.size:5d} tables: ours {self.median('ours', 'wall'):7.2f} s wall, "
            f"{self.median('ours', 'cpu'):7.2f} s CPU, {self.median('ours', 'peak_mb'):6.0f} MB | "
            f"theirs {self.median('theirs', 'wall'):7.2f} s wall, "
            f"{self.median('theirs', 'cpu'):7.2f} s CPU, "
            f"{self.median('theirs', 'peak_mb'):6.0f} MB | ratio wall {self.ratio('wall').text()}"
            f", CPU {self.ratio('cpu').text()}, peak {self.ratio('peak_mb').text()} "
            f"({len(self.ours)} rounds)"
        )


def compare_export(size: int, rounds: int, folder: Path) -> Comparison:
    """goaleditor's export against naive python-docx, at size tables."""
    targets = {"export": folder / "ours.docx", "naive": folder / "naive.docx"}
    runs = interleaved_runs(("export", "naive"), size, targets, rounds)
    return Comparison(size, runs["export"], runs["naive"])


def compare_import(size: int, rounds: int, folder: Path) -> Comparison:
    """goaleditor's import of its export of size tables against python-docx's load."""
    from bench.common import big_document
    from goaleditor.formats.writers.word import write

    path = folder / f"import-{size}.docx"
    write(big_document(size), path)
    runs = interleaved_runs(("import", "load"), size, {"import": path, "load": path}, rounds)
    return Comparison(size, runs["import"], runs["load"])


def exponent(comparisons: list[Comparison], side: str = "ours") -> float:
    """The power of a least-squares fit CPU time = c * tables ** power (1.0: linear)."""
    xs = [math.log(c.size) for c in comparisons]
    ys = [math.log(c.median(side, "cpu")) for c in comparisons]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def results(
    export_sizes: tuple[int, ...] = (1000, 5000),
    import_sizes: tuple[int, ...] = (1000,),
    rounds: int = 5,
) -> list[Result]:
    """Issue 26's two Word rows: the export's peak memory at the largest size (its time
    ratio to naive python-docx said beside it), and the import's ratio to python-docx's load."""
    folder = Path(tempfile.mkdtemp())
    exports = [compare_export(n, _export_rounds(n, rounds), folder) for n in export_sizes]
    imports = [compare_import(n, max(5, rounds), folder) for n in import_sizes]
    largest, at_import = exports[-1], imports[-1]
    times = "; ".join(f"{c.size}: {c.ratio('cpu').median:.2f}× naive CPU" for c in exports)
    peak = [run.peak_mb for run in largest.ours]
    return [
        Result(
            path=f"Word export, {largest.size} tables: peak memory",
            now=Spread.of(peak),
            alternative="naive python-docx",
            goal=EXPORT_PEAK_GOAL_MB,
            unit=" MB",
            note=f"naive {largest.median('theirs', 'peak_mb'):.0f} MB; time {times}",
        ),
        Result(
            path=f"Word import, {at_import.size} tables",
            now=at_import.ratio("wall"),
            alternative="python-docx's load",
            goal=IMPORT_GOAL,
            cpu=at_import.ratio("cpu"),
            note=f"peak {at_import.median('ours', 'peak_mb'):.0f} MB "
            f"(python-docx {at_import.median('theirs', 'peak_mb'):.0f} MB)",
        ),
    ]


def _export_rounds(size: int, rounds: int) -> int:
    """Export rounds at a size: at most 3 (one at 5000 tables, where naive takes minutes)."""
    return _EXPORT_ROUNDS.get(size, min(rounds, 3))


def _sizes(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(",") if part)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--export", type=_sizes, default=(100, 1000, 5000), help="table counts")
    parser.add_argument("--import-sizes", type=_sizes, default=(100, 1000), help="table counts")
    parser.add_argument("--rounds", type=int, default=5, help="import rounds (at least 5)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    exports = []
    for size in args.export:
        exports.append(compare_export(size, _export_rounds(size, args.rounds), folder))
        print(exports[-1].line("export"), flush=True)
    imports = []
    for size in args.import_sizes:
        imports.append(compare_import(size, max(5, args.rounds), folder))
        print(imports[-1].line("import"), flush=True)
    for label, found in (("export", exports), ("import", imports)):
        if len(found) >= 2:
            sizes = f"{found[0].size}-{found[-1].size}"
            print(
                f"fitted exponent of CPU time, {label} {sizes} tables: ours "
                f"{exponent(found):.3f}, python-docx {exponent(found, 'theirs'):.3f} "
                "(goal <= 1.05)"
            )
    print(
        f"goals: export peak < {EXPORT_PEAK_GOAL_MB:.0f} MB at 5000 tables, time held; "
        f"import <= {IMPORT_GOAL:g}x python-docx's load"
    )


if __name__ == "__main__":
    main()
