"""PDF export of 1000 tables (~20 indicators each) against a drawing floor measured in this run.

The floor: reportlab's canvas drawing every string of every table once, with the
same embedded font, one page per table, no layout. Target: export <= 2x the floor.
Peak memory of the export is measured in a fresh process (target: under 300 MB).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("GOALEDITOR_BUNDLED_FONTS", "1")

from bench.common import big_document  # noqa: E402
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


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def peak_memory_mb(tables: int) -> float:
    """Peak resident memory of a fresh process exporting `tables` tables."""
    code = (
        f"import resource, sys, tempfile, pathlib; sys.path.insert(0, {str(ROOT)!r});"
        "from bench.common import big_document; from goaleditor.formats.writers.pdf import write;"
        f"write(big_document({tables}), pathlib.Path(tempfile.mkdtemp()) / 'm.pdf');"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024


def main() -> None:
    document = big_document(1000)
    folder = Path(tempfile.mkdtemp())
    register_fonts()
    floor(document, folder / "warm.pdf")  # font loading is not what we measure
    floor_times, export_times = [], []
    for _ in range(3):  # alternate, so that a noisy moment hits both alike; keep the best
        floor_times.append(timed(lambda: floor(document, folder / "floor.pdf")))
        export_times.append(timed(lambda: write(document, folder / "export.pdf")))
    floor_time, export_time = min(floor_times), min(export_times)
    pages = (folder / "export.pdf").stat().st_size
    print(f"floor (drawString of every string, 1000 pages): {floor_time:6.2f} s")
    print(
        f"export with layout, 目录 and page numbers:     {export_time:6.2f} s ({pages // 1024} KiB)"
    )
    print(
        f"ratio export / floor:                           {export_time / floor_time:6.2f}x"
        " (target <= 2x)"
    )
    print(
        f"peak memory of a 1000-table export:             {peak_memory_mb(1000):6.0f} MB"
        " (target < 300 MB)"
    )


if __name__ == "__main__":
    main()
