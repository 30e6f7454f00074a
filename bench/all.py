"""Every bench, then issue 26's table: path · now · alternative · goal · met?

Each row comes from a bench's own results() (a bench.common.Result: the median ratio to its
alternative, or an absolute figure, with its spread over interleaved rounds and the same
ratio in CPU time), so nothing here reads printed text. A row measured against another
alternative than the issue's (the benches of engines being changed now) is shown but not
judged; a path with no bench yet says so.

Run: `python bench/all.py` (the issue's sizes) or `python bench/all.py --quick` (smaller
sizes and fewer rounds: a first look, not a verdict). Timings on a shared machine are noisy:
compare the CPU column, and run again on a quiet machine before judging.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("GOALEDITOR_BUNDLED_FONTS", "1")

from bench.common import Result

# The paths with no bench script yet (another engineer's part of issue 26).
NOT_YET: tuple[tuple[str, str, str], ...] = ()


def plan(quick: bool) -> list[tuple[str, Callable[[], list[Result]]]]:
    """(bench module, what to run) in the order of the issue's table."""

    def run(module: str, **arguments: object) -> Callable[[], list[Result]]:
        def results() -> list[Result]:
            return importlib.import_module(f"bench.{module}").results(**arguments)  # type: ignore[no-any-return]

        return results

    def without_pdf(run_import: Callable[[], list[Result]]) -> Callable[[], list[Result]]:
        """bench/import.py's rows less its PDF one (against pdfplumber, not the issue's
        PDFium): bench/pdf_import.py gives the PDF rows."""
        return lambda: [r for r in run_import() if "PDF" not in r.path]

    if quick:
        return [
            ("pdf_import", run("pdf_import", sizes=(30, 100), rounds=2, process=100)),
            (
                "import",
                without_pdf(
                    run(
                        "import",
                        pdf_tables=2,
                        book_tables=100,
                        rounds=2,
                        book_rounds=2,
                        book_sizes=(50, 100, 200),
                    )
                ),
            ),
            ("xlsx", run("xlsx", tables=100, rounds=2, process=100)),
            ("word", run("word", export_sizes=(100,), import_sizes=(100,), rounds=1)),
            ("open", run("open", sizes=(100, 1000))),
            ("working_copy", run("working_copy", tables=1000)),
            ("page_view", run("page_view", rounds=1)),
            ("pdf", run("pdf", tables=100)),
            ("startup", run("startup", runs=5)),
            ("batch", run("batch", files=50, rounds=1)),
            ("library", run("library", size=5000, rounds=2)),
        ]
    return [
        ("pdf_import", run("pdf_import")),
        ("import", without_pdf(run("import", pdf_tables=2))),
        ("xlsx", run("xlsx", tables=1000)),
        ("word", run("word")),
        ("open", run("open", sizes=(1000, 5000))),
        ("working_copy", run("working_copy", tables=1000)),
        ("page_view", run("page_view", rounds=3)),
        ("pdf", run("pdf", tables=1000)),
        ("startup", run("startup")),
        ("batch", run("batch")),
        ("library", run("library")),
    ]


def _now(result: Result) -> str:
    digits = 3 if result.unit == " ms" and result.now.median < 1 else 2
    wall = result.now.text(digits, result.unit)
    cpu = f"; CPU {result.cpu.text(digits, result.unit)}" if result.cpu else ""
    return wall + cpu


def _verdict(result: Result) -> str:
    met = result.met
    return "not judged" if met is None else ("yes" if met else "NO")


def table(rows: list[Result], failed: list[str]) -> str:
    """The issue's table in Markdown."""
    lines = ["| path | now (median, spread) | alternative | goal | met? |", "|---|---|---|---|---|"]
    for result in rows:
        note = f" — {result.note}" if result.note else ""
        goal = f"≤ {result.goal:g}{result.unit.strip() or '×'}"
        lines.append(
            f"| {result.path} | {_now(result)} | {result.alternative}{note} | {goal} "
            f"| {_verdict(result)} |"
        )
    for path, alternative, goal in NOT_YET:
        lines.append(f"| {path} | no bench script yet | {alternative} | {goal} | – |")
    for name in failed:
        lines.append(f"| bench/{name}.py | failed (see above) | | | – |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, fewer rounds")
    parser.add_argument("--only", nargs="*", help="only these benches (module names)")
    args = parser.parse_args()
    rows: list[Result] = []
    failed: list[str] = []
    for name, results in plan(args.quick):
        if args.only and name not in args.only:
            continue
        started = time.perf_counter()
        print(f"bench/{name}.py …", flush=True)
        try:
            found = results()
        except Exception:
            traceback.print_exc()
            failed.append(name)
            continue
        rows += found
        for result in found:
            print(f"  {result.path}: {_now(result)} ({_verdict(result)})", flush=True)
        print(f"  ({time.perf_counter() - started:.0f} s)", flush=True)
    print()
    print(table(rows, failed))
    if args.quick:
        print("\n--quick: smaller sizes and fewer rounds than the issue's; a first look only.")


if __name__ == "__main__":
    main()
