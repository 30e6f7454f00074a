"""PDF export of 1000 tables (~20 indicators each) against a drawing floor measured in this run.

The floor: reportlab's canvas drawing every string of every table once, with the
same embedded font, one page per table, no layout. Goal (issue 26): export <= 1.2x the
floor, rounds interleaved, wall and CPU time. Peak memory of the export is measured in a
fresh process, as its own VmHWM (target: under 300 MB). Run: `python bench/pdf.py [TABLES...]`
(several sizes: the exponent of the export's growth too).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 5
GOAL = 1.2
sys.path.insert(0, str(ROOT))
os.environ.setdefault("GOALEDITOR_BUNDLED_FONTS", "1")

from bench.common import (  # noqa: E402
    Result,
    big_document,
    growth,
    interleaved,
    ratios,
    wall_and_cpu,
)
from goaleditor.formats.layout.fonts import SONG, register_fonts  # noqa: E402
from goaleditor.formats.layout.grid import BODY_SIZE, PAGE_HEIGHT, PAGE_WIDTH  # noqa: E402
from goaleditor.formats.writers.pdf import write  # noqa: E402
from goaleditor.model.document import Document  # noqa: E402


def table_strings(document: Document) -> list[list[str]]:
    """Every string a table prints, table by table."""
    result = []
    for table in document.tables:
        strings = [table.project_name, document.agency_name, table.fund_use, table.goal]
        for level1, level2, ind in table.indicator_rows():
            strings += [level1, level2, ind.name, ind.description, ind.display]
        result.append(strings)
    return result


def floor(document: Document, path: Path) -> None:
    """Draw every string once, one page per table: the least any PDF export must do."""
    from reportlab import rl_config
    from reportlab.pdfgen.canvas import Canvas

    rl_config.useA85 = 0  # the same stream encoding as the export, so the two compare fairly
    register_fonts()
    canvas = Canvas(
        str(path),
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        initialFontName=SONG,
        initialFontSize=BODY_SIZE,
    )
    for strings in table_strings(document):
        y = PAGE_HEIGHT - 40
        for text in strings:
            canvas.drawString(40, y, text)
            y -= 14
        canvas.showPage()
    canvas.save()


def peak_memory_mb(tables: int) -> float:
    """Peak resident memory of a fresh process exporting `tables` tables: its own VmHWM
    (ru_maxrss would report this process's peak, inherited through exec)."""
    code = (
        f"import sys, tempfile, pathlib; sys.path.insert(0, {str(ROOT)!r});"
        "from bench.common import big_document; from goaleditor.formats.writers.pdf import write;"
        f"write(big_document({tables}), pathlib.Path(tempfile.mkdtemp()) / 'm.pdf');"
        "status = pathlib.Path('/proc/self/status').read_text();"
        "print(int(status.split('VmHWM:')[1].split()[0]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024


def measure(tables: int = 1000, rounds: int = ROUNDS) -> dict[str, object]:
    """Interleaved timings of the floor and the export (the floor warmed first)."""
    document = big_document(tables)
    folder = Path(tempfile.mkdtemp())
    register_fonts()
    floor(document, folder / "warm.pdf")  # font loading is not what we measure
    timings = interleaved(
        rounds,
        {
            "floor": lambda: floor(document, folder / "floor.pdf"),
            "export": lambda: write(document, folder / "export.pdf"),
        },
    )
    return {"tables": tables, "size": (folder / "export.pdf").stat().st_size, **timings}


def results(tables: int = 1000, smaller: int | None = None) -> list[Result]:
    """Issue 26's row: the export of `tables` tables against the canvas floor, its note the
    export's growth from `smaller` tables (a tenth of them by default) to `tables`."""
    smaller = smaller or max(10, tables // 10)
    measured = [measure(size) for size in (smaller, tables)]
    return [replace(_result(measured[-1]), note=_growth(measured, "export", "export"))]


def _growth(series: list[dict[str, object]], path: str, name: str = "exponent") -> str:
    sizes = [int(figures["tables"]) for figures in series]  # type: ignore[call-overload]
    return growth(name, sizes, [figures[path] for figures in series])  # type: ignore[misc]


def _result(figures: dict[str, object]) -> Result:
    wall, cpu = ratios(figures["export"], figures["floor"])  # type: ignore[arg-type]
    return Result(
        path=f"PDF export, {figures['tables']} tables",
        now=wall,
        alternative="reportlab canvas floor",
        goal=GOAL,
        cpu=cpu,
    )


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or [1000]
    series = []
    for tables in sizes:
        figures = measure(tables)
        series.append(figures)
        result = _result(figures)
        print(f"{tables} tables, {ROUNDS} interleaved rounds")
        print(wall_and_cpu("floor (drawString of every string)   ", figures["floor"]))  # type: ignore[arg-type]
        print(wall_and_cpu("export with layout, 目录, page numbers", figures["export"]))  # type: ignore[arg-type]
        print(f"  ({figures['size'] // 1024} KiB)")  # type: ignore[operator]
        print(f"ratio export / floor: {result.now.text()} wall, {result.cpu.text()} CPU")  # type: ignore[union-attr]
        print(f"goal: <= {GOAL}x the floor -> {'met' if result.met else 'NOT met'}")
    if len(series) > 1:
        print(_growth(series, "floor", "floor "))
        print(_growth(series, "export", "export"))
    tables = sizes[-1]
    print(f"peak memory (VmHWM) of a {tables}-table export: {peak_memory_mb(tables):6.0f} MB")


if __name__ == "__main__":
    main()
