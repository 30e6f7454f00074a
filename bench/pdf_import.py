"""PDF import against PDFium's text extraction of the same pages (issue 26, goal <= 8x).

In-process: goaleditor's read_document of its own export of N tables (about 2 pages each)
against pypdfium2 extracting every page's text, interleaved, at least 5 rounds: the median
ratio and its spread (lowest..highest), wall time and CPU time.
Whole process: `python -m goaleditor import X.pdf -o X.goals` against a fresh Python that
extracts the text with pypdfium2, start-up included on both sides.

    python bench/pdf_import.py [--sizes 25,50] [--rounds 5] [--process 200]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("GOALEDITOR_BUNDLED_FONTS", "1")

from bench.common import big_document
from goaleditor.formats import read_document
from goaleditor.formats.writers.pdf import write as write_pdf

GOAL = 8.0
TEXT_SCRIPT = """
import sys
import pypdfium2 as pdfium
pdf = pdfium.PdfDocument(sys.argv[1])
count = 0
for page in pdf:
    textpage = page.get_textpage()
    count += len(textpage.get_text_range())
    textpage.close()
    page.close()
pdf.close()
print(count)
"""


def pdfium_text(path: Path) -> int:
    """PDFium alone: every page's text."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    count = 0
    for page in pdf:
        textpage = page.get_textpage()
        count += len(textpage.get_text_range())
        textpage.close()
        page.close()
    pdf.close()
    return count


def timed(work: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of one run."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def child_timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds of a child process, and its CPU seconds (user + system)."""
    before = os.times()
    wall = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    wall = time.perf_counter() - wall
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu


def report(label: str, ours: list[tuple[float, float]], floor: list[tuple[float, float]]) -> None:
    """Median times and the median ratio with its spread, by wall and by CPU time."""
    for kind, k in (("wall", 0), ("cpu", 1)):
        ratios = sorted(o[k] / max(f[k], 1e-9) for o, f in zip(ours, floor, strict=True))
        print(
            f"{label} {kind:4}: goaleditor {statistics.median(o[k] for o in ours):7.3f} s, "
            f"PDFium text {statistics.median(f[k] for f in floor):7.3f} s, "
            f"ratio median {statistics.median(ratios):5.1f}x "
            f"(spread {ratios[0]:.1f}..{ratios[-1]:.1f}x, goal <= {GOAL:.0f}x)"
        )


def in_process(folder: Path, tables: int, rounds: int) -> None:
    """The ratio of read_document to PDFium's text extraction, interleaved."""
    path = folder / f"published-{tables}.pdf"
    write_pdf(big_document(tables), path)
    import pypdfium2 as pdfium

    pages = len(pdfium.PdfDocument(str(path)))
    assert len(read_document(path).tables) == tables  # warm, and read right
    ours: list[tuple[float, float]] = []
    floor: list[tuple[float, float]] = []
    for _ in range(rounds):
        floor.append(timed(lambda: pdfium_text(path)))
        ours.append(timed(lambda: read_document(path)))
    report(f"{tables:4} tables, {pages:4} pages, in process", ours, floor)


def whole_process(folder: Path, tables: int, rounds: int) -> None:
    """`goaleditor import` against a script extracting the text, each a fresh process."""
    path = folder / f"published-{tables}.pdf"
    if not path.exists():
        write_pdf(big_document(tables), path)
    script = folder / "pdfium_text.py"
    script.write_text(TEXT_SCRIPT, encoding="utf-8")
    root = str(Path(__file__).resolve().parents[1])
    env_path = os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))
    os.environ["PYTHONPATH"] = env_path
    out = folder / "out.goals"
    ours: list[tuple[float, float]] = []
    floor: list[tuple[float, float]] = []
    for _ in range(rounds):
        floor.append(child_timed([sys.executable, str(script), str(path)]))
        command = [sys.executable, "-m", "goaleditor", "import", str(path), "-o", str(out)]
        ours.append(child_timed([*command, "--force"]))
    report(f"{tables:4} tables, whole process  ", ours, floor)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="25,50,100", help="table counts, comma-separated")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--process", type=int, default=200, help="tables for the whole-process row")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    for tables in (int(n) for n in args.sizes.split(",") if n):
        in_process(folder, tables, max(args.rounds, 5))
    if args.process:
        whole_process(folder, args.process, max(args.rounds, 5))


if __name__ == "__main__":
    main()
