"""Excel export against XlsxWriter writing the same cells, measured in the same run.

The reference: every call the export makes to XlsxWriter when it writes each cell through
XlsxWriter's own calls (formats, sheets, column widths, row heights, each cell's value and
format, merges, print setup, properties) is recorded once, untimed, and replayed on a fresh
constant_memory workbook. (The export itself writes a sheet's rows as the XML those calls make,
directly: formats/writers/excel_rows.py; tests/formats/writers/test_excel_rows.py pins the two
workbooks byte for byte.) So it is XlsxWriter writing exactly
the cells of the export, with none of the export's own work (the layout grid, line breaking,
number checks). The export runs as the editor runs it (formats/writers/excel.write).

Runs are interleaved (reference, export; export, reference; ...), at least 5 rounds per size;
printed: the median of the per-round ratios and their spread, wall and CPU time, and the
exponent of a power law fitted to the median times (1.0 = linear). Goal (issue 26): ratio
<= 1.0x, exponent <= 1.05 from 100 to 5000 tables.

Whole process (--process N): `python -m goaleditor export BIG.goals -o x.xlsx` of N tables
against a fresh Python replaying the same recorded calls with XlsxWriter (read from a pickle),
start-up included on both sides; interleaved, CPU time of each child (user + system). Goal
(issue 26): <= 1.1x.

    python bench/xlsx.py [TABLES ...] [--rounds N] [--process N]
        (default: 100 1000 5000, 5 rounds; --process 0 skips the whole-process row)
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("GOALEDITOR_BUNDLED_FONTS", "1")

from bench.common import Result, big_document
from goaleditor.formats.writers import excel
from goaleditor.formats.writers.excel_workbook import workbook
from goaleditor.model.document import Document


class _FormatRef:
    """A format the export asked for, by its number."""

    def __init__(self, index: int) -> None:
        self.index = index


class _RecordedSheet:
    """A worksheet that notes each call made to it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
        self.merge: list[list[int]] = []

    def __getattr__(self, method: str) -> Callable[..., None]:
        def record(*args: Any, **kwargs: Any) -> None:
            self.calls.append((method, args, kwargs))

        return record


class _RecordedBook:
    """A workbook that notes the export's calls instead of writing anything."""

    def __init__(self) -> None:
        self.formats: list[dict[str, Any]] = []
        self.sheets: list[_RecordedSheet] = []
        self.calls: list[tuple[str, tuple[Any, ...]]] = []

    def add_format(self, properties: dict[str, Any]) -> _FormatRef:
        self.formats.append(dict(properties))
        return _FormatRef(len(self.formats) - 1)

    def add_worksheet(self, name: str) -> _RecordedSheet:
        self.sheets.append(_RecordedSheet(name))
        return self.sheets[-1]

    def worksheets(self) -> list[_RecordedSheet]:
        return self.sheets

    def set_properties(self, *args: Any) -> None:
        self.calls.append(("set_properties", args))

    def set_custom_property(self, *args: Any) -> None:
        self.calls.append(("set_custom_property", args))


def record(document: Document) -> _RecordedBook:
    """The export's XlsxWriter calls for document."""
    book = _RecordedBook()
    excel.fill(book, document, direct=False)
    return book


def replay(recorded: _RecordedBook, path: Path) -> None:
    """XlsxWriter writing the recorded cells: the same calls, on a constant_memory workbook
    (goaleditor's with XlsxWriter's own sheets: its only change is a sheet-name check that is
    not quadratic)."""
    with workbook(path, stock_sheets=True) as book:
        formats = [book.add_format(properties) for properties in recorded.formats]
        for method, args in recorded.calls:
            getattr(book, method)(*args)
        for sheet in recorded.sheets:
            real = book.add_worksheet(sheet.name)
            for method, call_args, kwargs in sheet.calls:
                given = [formats[a.index] if isinstance(a, _FormatRef) else a for a in call_args]
                getattr(real, method)(*given, **kwargs)
            real.merge.extend(sheet.merge)


PROCESS_GOAL = 1.1
# The reference as a whole process: XlsxWriter replaying the recorded calls (see plain_calls)
# on goaleditor's constant_memory workbook, as replay() does in process.
REPLAY_SCRIPT = """
import pickle
import sys
from pathlib import Path

from goaleditor.formats.writers.excel_workbook import workbook

with open(sys.argv[1], "rb") as file:
    formats, book_calls, sheets = pickle.load(file)
with workbook(Path(sys.argv[2]), stock_sheets=True) as book:
    made = [book.add_format(properties) for properties in formats]
    for method, args in book_calls:
        getattr(book, method)(*args)
    for name, calls, merges in sheets:
        sheet = book.add_worksheet(name)
        for method, args, kwargs in calls:
            args = [made[a[1]] if type(a) is tuple else a for a in args]
            getattr(sheet, method)(*args, **kwargs)
        sheet.merge.extend(merges)
"""


def plain_calls(recorded: _RecordedBook) -> tuple[Any, ...]:
    """The recording as plain data for pickle: a format is ("format", its number)."""

    def plain(arg: Any) -> Any:
        return ("format", arg.index) if isinstance(arg, _FormatRef) else arg

    sheets = [
        (
            sheet.name,
            [(m, [plain(a) for a in args], kw) for m, args, kw in sheet.calls],
            sheet.merge,
        )
        for sheet in recorded.sheets
    ]
    return recorded.formats, recorded.calls, sheets


def child_cpu(command: list[str]) -> tuple[float, float]:
    """Wall seconds of a child process, and its CPU seconds (user + system)."""
    before, wall = os.times(), time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    wall = time.perf_counter() - wall
    after = os.times()
    cpu = after.children_user - before.children_user
    return wall, cpu + after.children_system - before.children_system


def whole_process(tables: int, rounds: int, folder: Path) -> dict[str, list[float]]:
    """`goaleditor export BIG.goals -o x.xlsx` and the replay script, each a fresh process,
    interleaved: per round wall and CPU seconds of each."""
    from goaleditor.model.store import save_document

    document = big_document(tables)
    goals, calls = folder / "big.goals", folder / "calls.pickle"
    save_document(document, goals)
    with calls.open("wb") as file:
        pickle.dump(plain_calls(record(document)), file, protocol=pickle.HIGHEST_PROTOCOL)
    script = folder / "replay.py"
    script.write_text(REPLAY_SCRIPT, encoding="utf-8")
    root = str(Path(__file__).resolve().parents[1])
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))
    exported = str(folder / "exported.xlsx")
    commands = {
        "ref": [sys.executable, str(script), str(calls), str(folder / "replayed.xlsx")],
        "exp": [
            sys.executable,
            "-m",
            "goaleditor",
            "export",
            str(goals),
            "-o",
            exported,
            "--force",
        ],
    }
    for command in commands.values():  # warm the file cache
        child_cpu(command)
    results: dict[str, list[float]] = {k: [] for k in ("ref", "ref_cpu", "exp", "exp_cpu")}
    for round_number in range(rounds):
        order = ["ref", "exp"] if round_number % 2 == 0 else ["exp", "ref"]
        for key in order:
            wall, cpu = child_cpu(commands[key])
            results[key].append(wall)
            results[f"{key}_cpu"].append(cpu)
    return results


def _print_process(tables: int, results: dict[str, list[float]]) -> None:
    for kind, suffix in (("wall", ""), ("cpu", "_cpu")):
        ours, theirs = results[f"exp{suffix}"], results[f"ref{suffix}"]
        ratios = sorted(e / r for e, r in zip(ours, theirs, strict=True))
        print(
            f"whole process, {tables} tables, {kind:4}: goaleditor export "
            f"{statistics.median(ours):6.2f} s, XlsxWriter replay "
            f"{statistics.median(theirs):6.2f} s, ratio {statistics.median(ratios):.2f}x "
            f"({ratios[0]:.2f}-{ratios[-1]:.2f}), goal <= {PROCESS_GOAL}x"
        )


def _timed(work: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of work."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def _exponent(sizes: list[int], times: list[float]) -> float:
    """The power of a least-squares fit time = c * tables ** power."""
    xs, ys = [math.log(n) for n in sizes], [math.log(t) for t in times]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def measure(tables: int, rounds: int, folder: Path) -> dict[str, float]:
    """Interleaved rounds of reference and export at one size: medians and spread."""
    document = big_document(tables)
    recorded = record(document)
    # The document and the recording live through every run: out of the collector's way, or
    # its full collections, scanning them again and again, make both sides super-linear.
    gc.collect()
    gc.freeze()
    cells = sum(len(sheet.calls) for sheet in recorded.sheets)
    reference_path, export_path = folder / "reference.xlsx", folder / "export.xlsx"
    replay(recorded, reference_path)  # warm both (imports, fonts)
    excel.write(document, export_path)
    results: dict[str, list[float]] = {k: [] for k in ("ref", "ref_cpu", "exp", "exp_cpu")}
    for round_number in range(rounds):
        runs = [
            ("ref", lambda: replay(recorded, reference_path)),
            ("exp", lambda: excel.write(document, export_path)),
        ]
        for key, work in runs if round_number % 2 == 0 else runs[::-1]:
            wall, cpu = _timed(work)
            results[key].append(wall)
            results[f"{key}_cpu"].append(cpu)
    gc.unfreeze()
    ratios = [e / r for e, r in zip(results["exp"], results["ref"], strict=True)]
    cpu_ratios = [e / r for e, r in zip(results["exp_cpu"], results["ref_cpu"], strict=True)]
    return {
        "calls": cells,
        "ref": statistics.median(results["ref"]),
        "ref_cpu": statistics.median(results["ref_cpu"]),
        "exp": statistics.median(results["exp"]),
        "exp_cpu": statistics.median(results["exp_cpu"]),
        "ratio": statistics.median(ratios),
        "ratio_low": min(ratios),
        "ratio_high": max(ratios),
        "cpu_ratio": statistics.median(cpu_ratios),
        "cpu_low": min(cpu_ratios),
        "cpu_high": max(cpu_ratios),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tables", nargs="*", type=int, default=[100, 1000, 5000])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--process", type=int, default=1000, help="tables; 0: no such row")
    args = parser.parse_args()
    rounds = max(5, args.rounds)
    folder = Path(tempfile.mkdtemp())
    rows = []
    print(f"Excel export vs XlsxWriter writing the same cells ({rounds} interleaved rounds)")
    print(
        "tables  sheet calls  XlsxWriter wall/cpu   export wall/cpu    "
        "ratio wall (spread)     ratio cpu (spread)"
    )
    for tables in args.tables:
        r = measure(tables, rounds, folder)
        rows.append((tables, r))
        print(
            f"{tables:6d}  {r['calls']:11.0f}  {r['ref']:7.2f} s/{r['ref_cpu']:6.2f} s  "
            f"{r['exp']:7.2f} s/{r['exp_cpu']:6.2f} s  "
            f"{r['ratio']:5.2f}x ({r['ratio_low']:.2f}-{r['ratio_high']:.2f})  "
            f"{r['cpu_ratio']:5.2f}x ({r['cpu_low']:.2f}-{r['cpu_high']:.2f})"
        )
    if len(rows) >= 2:
        sizes = [tables for tables, _ in rows]
        for key, label in (("exp", "export"), ("ref", "XlsxWriter")):
            wall = _exponent(sizes, [r[key] for _, r in rows])
            cpu = _exponent(sizes, [r[f"{key}_cpu"] for _, r in rows])
            print(
                f"fitted exponent {label:10s} {sizes[0]}-{sizes[-1]} tables: "
                f"wall {wall:.3f}, cpu {cpu:.3f} (goal <= 1.05)"
            )
    print("goal: ratio <= 1.0x (issue 26)")
    if args.process:
        _print_process(args.process, whole_process(args.process, rounds, folder))


def results(tables: int = 1000, rounds: int = 5, process: int = 1000) -> list[Result]:
    """Issue 26's rows from this bench: the export against XlsxWriter writing the same cells,
    in process and (process tables, 0 for none) as whole processes."""
    from bench.common import Spread, interleaved, ratios

    document = big_document(tables)
    recorded = record(document)
    folder = Path(tempfile.mkdtemp())
    times = interleaved(
        rounds,
        {
            "reference": lambda: replay(recorded, folder / "reference.xlsx"),
            "export": lambda: excel.write(document, folder / "export.xlsx"),
        },
    )
    wall, cpu = ratios(times["export"], times["reference"])
    rows = [
        Result(
            path=f"Excel export, {tables} tables",
            now=wall,
            alternative="XlsxWriter writing the same cells",
            goal=1.0,
            cpu=cpu,
        )
    ]
    if process:
        found = whole_process(process, rounds, folder)
        rows.append(
            Result(
                path=f"goaleditor export -o x.xlsx, {process} tables, whole process",
                now=Spread.of([e / r for e, r in zip(found["exp"], found["ref"], strict=True)]),
                alternative="a fresh Python writing the same cells with XlsxWriter",
                goal=PROCESS_GOAL,
                cpu=Spread.of(
                    [e / r for e, r in zip(found["exp_cpu"], found["ref_cpu"], strict=True)]
                ),
            )
        )
    return rows


if __name__ == "__main__":
    main()
