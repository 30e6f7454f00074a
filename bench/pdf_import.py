"""PDF import against PDFium's text extraction of the same pages (issue 26, goal <= 8x).

In-process: goaleditor's read_document of its own export of N tables (about 2 pages each)
against pypdfium2 extracting every page's text, interleaved, at least 5 rounds: the median
ratio and its spread (lowest..highest), wall time and CPU time; and the exponent of a power
law fitted to the median CPU times over the sizes (goal <= 1.05 from 100 to 5000 tables).
Whole process: `python -m goaleditor import X.pdf -o X.goals` against a fresh Python that
extracts the text with pypdfium2, start-up included on both sides.

    python bench/pdf_import.py [--sizes 100,1000,5000] [--rounds 5] [--process 200]
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("GOALEDITOR_BUNDLED_FONTS", "1")

from bench.common import Result, Spread, Timing, interleaved, ratios
from goaleditor.formats import read_document
from goaleditor.formats.writers.pdf import write as write_pdf

GOAL = 8.0
EXPONENT_GOAL = 1.05
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


def published(folder: Path, tables: int) -> tuple[Path, int]:
    """goaleditor's export of a document of that many tables, and its page count."""
    from bench.common import big_document

    path = folder / f"published-{tables}.pdf"
    if not path.exists():
        write_pdf(big_document(tables), path)
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    pages = len(pdf)
    pdf.close()
    return path, pages


def child(command: list[str]) -> None:
    """Run a child process to its end (its CPU time is counted by bench.common.timed)."""
    subprocess.run(command, check=True, capture_output=True)


def exponent(sizes: list[int], seconds: list[float]) -> float:
    """The power of a least-squares fit seconds = c * tables ** power."""
    xs, ys = [math.log(n) for n in sizes], [math.log(t) for t in seconds]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def report(label: str, ours: list[Timing], floor: list[Timing]) -> tuple[Spread, Spread]:
    """Print median times and the median ratio with its spread, by wall and by CPU time."""
    wall, cpu = ratios(ours, floor)
    for kind, spread, pick in (("wall", wall, "wall"), ("cpu", cpu, "cpu")):
        mine = statistics.median(getattr(t, pick) for t in ours)
        theirs = statistics.median(getattr(t, pick) for t in floor)
        print(
            f"{label} {kind:4}: goaleditor {mine:7.3f} s, PDFium text {theirs:7.3f} s, "
            f"ratio median {spread.median:5.1f}x "
            f"(spread {spread.low:.1f}..{spread.high:.1f}x, goal <= {GOAL:.0f}x)",
            flush=True,
        )
    return wall, cpu


def in_process(folder: Path, tables: int, rounds: int) -> tuple[int, Spread, Spread, float]:
    """read_document against PDFium's text extraction, interleaved: the page count, the
    wall and CPU ratios, and goaleditor's median CPU seconds."""
    path, pages = published(folder, tables)
    assert len(read_document(path).tables) == tables  # warm, and read right
    times = interleaved(
        rounds, {"pdfium": lambda: pdfium_text(path), "ours": lambda: read_document(path)}
    )
    wall, cpu = report(
        f"{tables:4} tables, {pages:5} pages, in process", times["ours"], times["pdfium"]
    )
    return pages, wall, cpu, statistics.median(t.cpu for t in times["ours"])


def whole_process(folder: Path, tables: int, rounds: int) -> tuple[Spread, Spread]:
    """`goaleditor import` against a script extracting the text, each a fresh process."""
    path, _ = published(folder, tables)
    script = folder / "pdfium_text.py"
    script.write_text(TEXT_SCRIPT, encoding="utf-8")
    root = str(Path(__file__).resolve().parents[1])
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))
    out = folder / "out.goals"
    ours = [sys.executable, "-m", "goaleditor", "import", str(path), "-o", str(out), "--force"]
    times = interleaved(
        rounds,
        {
            "pdfium": lambda: child([sys.executable, str(script), str(path)]),
            "ours": lambda: child(ours),
        },
    )
    return report(f"{tables:4} tables, whole process       ", times["ours"], times["pdfium"])


def results(
    sizes: tuple[int, ...] = (100, 1000, 5000), rounds: int = 5, process: int = 200
) -> list[Result]:
    """Issue 26's PDF rows: the in-process ratio at each size, the scaling exponent over the
    sizes (by CPU time), and the whole-process ratio (rounds: 5 or more for a verdict)."""
    folder = Path(tempfile.mkdtemp())
    rows: list[Result] = []
    cpu_seconds: list[float] = []
    for tables in sizes:
        pages, wall, cpu, seconds = in_process(folder, tables, rounds)
        cpu_seconds.append(seconds)
        rows.append(
            Result(
                path=f"open a published PDF, {tables} tables ({pages} pages), in process",
                now=wall,
                alternative="PDFium (pypdfium2) extracting every page's text",
                goal=GOAL,
                cpu=cpu,
            )
        )
    if len(sizes) > 1:
        power = exponent(list(sizes), cpu_seconds)
        span = f"{sizes[0]}-{sizes[-1]} tables"
        print(f"fitted exponent (CPU) {span}: {power:.3f} (goal <= {EXPONENT_GOAL})")
        rows.append(
            Result(
                path=f"PDF import scaling, {sizes[0]}–{sizes[-1]} tables",
                now=Spread.of([power]),
                alternative="linear (exponent of a power law fitted to CPU times)",
                goal=EXPONENT_GOAL,
                unit="",
            )
        )
    if process:
        wall, cpu = whole_process(folder, process, rounds)
        rows.append(
            Result(
                path=f"goaleditor import of a {process}-table PDF, whole process",
                now=wall,
                alternative="a fresh Python extracting the text with PDFium",
                goal=GOAL,
                cpu=cpu,
            )
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000", help="table counts, comma-separated")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--process", type=int, default=200, help="tables for the whole-process row")
    args = parser.parse_args()
    sizes = tuple(int(n) for n in args.sizes.split(",") if n)
    results(sizes, max(args.rounds, 5), args.process)


if __name__ == "__main__":
    main()
