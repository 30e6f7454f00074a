"""Print preview of a 500-table document's PDF (1000+ pages), against opening it with PDFium.

The baseline: pypdfium2 opening the same PDF and rendering its first page at 96 dpi into a
QImage, the least any preview must do. Measured: opening the preview dialog until its
first page is painted (target: under 2 s), and the peak memory of a fresh editor process
with the document open, then the preview scrolled through every page (target: < 800 MB):
the editor's own VmHWM, read from /proc/PID/status by this process before the editor exits
(ru_maxrss would report this bench's own peak, inherited through exec).
Linux only (reads /proc).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("GOALEDITOR_BUNDLED_FONTS", "1")

from bench.common import big_document, interleaved, peak_memory_mb, ratios, wall_and_cpu  # noqa: E402

TABLES = int(os.environ.get("BENCH_PREVIEW_TABLES", "500"))

# A fresh editor process: the document open in the main window, then (with "preview") the
# preview dialog shown and scrolled to every page. Prints pages rendered and peak RSS in MB.
EDITOR = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from goaleditor.ui.app import create_application
from goaleditor.ui.main_window import MainWindow
goals, pdf, folder = Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
create_application()
window = MainWindow(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
window.show()
assert window.open_path(goals, ask=False)
QApplication.processEvents()
def rss():
    status = Path("/proc/self/status").read_text().split("VmRSS:")[1]
    return int(status.split()[0]) // 1024
rendered, before, most = 0, rss(), 0
if sys.argv[5] == "preview":
    from goaleditor.ui.pdf_preview import PreviewDialog
    dialog = PreviewDialog(pdf, window)
    dialog.show()
    for number in range(1, len(dialog.pdf) + 1):
        dialog.view.go_to_page(number)
        dialog.view.viewport().repaint()
        QApplication.processEvents()
        most = max(most, rss())
    rendered = dialog.pdf.renders
    dialog.reject()
print(rendered, before, most, flush=True)
sys.stdin.readline()  # the parent reads this process's VmHWM meanwhile
"""


def editor_peak(goals: Path, pdf: Path, folder: Path, preview: bool) -> list[int]:
    """Pages rendered, RSS before the preview, most RSS while scrolling, and the editor
    process's own peak (VmHWM, read from /proc by this process before the editor exits:
    ru_maxrss would be this bench's peak, which a child inherits through exec)."""
    argv = [str(ROOT), str(goals), str(pdf), str(folder), "preview" if preview else "none"]
    editor = subprocess.Popen(
        [sys.executable, "-c", EDITOR, *argv],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert editor.stdout is not None
    figures = [int(figure) for figure in editor.stdout.readline().split()]
    if len(figures) != 3:
        _, errors = editor.communicate()
        raise SystemExit(f"the editor process failed:\n{errors}")
    peak = round(peak_memory_mb(editor.pid))
    editor.communicate("\n")
    return [*figures, peak]


def main() -> None:
    import pypdfium2 as pdfium
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from goaleditor.formats.writers.pdf import write
    from goaleditor.model.store import save_document
    from goaleditor.ui.app import create_application
    from goaleditor.ui.pdf_preview import PreviewDialog

    folder = Path(tempfile.mkdtemp())
    document = big_document(TABLES)
    goals, pdf = folder / "big.goals", folder / "big.pdf"
    save_document(document, goals)
    write(document, pdf)  # the export is bench/pdf.py's business, not timed here
    create_application()

    def open_and_render_first_page() -> None:
        doc = pdfium.PdfDocument(str(pdf))
        bitmap = doc[0].render(scale=96 / 72, rev_byteorder=True, prefer_bgrx=True)
        format_ = QImage.Format.Format_RGBX8888
        QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, format_).copy()
        doc.close()

    pages = [0]

    def open_preview() -> None:
        dialog = PreviewDialog(pdf)
        dialog.show()
        while not dialog.pages.has(0):  # rendered in the viewport's paint event
            QApplication.processEvents()
        pages[0] = len(dialog.pdf)
        dialog.reject()
        dialog.deleteLater()
        QApplication.processEvents()

    open_preview()  # warm: Qt's first dialog, fonts, PDFium's library
    timings = interleaved(5, {"baseline": open_and_render_first_page, "preview": open_preview})
    preview = statistics.median(t.wall for t in timings["preview"])
    wall_ratio, cpu_ratio = ratios(timings["preview"], timings["baseline"])
    start = time.perf_counter()
    rendered, before, scrolling, with_preview = editor_peak(goals, pdf, folder, preview=True)
    scrolled = time.perf_counter() - start
    editor_only = editor_peak(goals, pdf, folder, preview=False)[-1]
    print(f"{TABLES} tables, {pages[0]} pages ({pdf.stat().st_size // 1024} KiB PDF)")
    print(wall_and_cpu("PDFium open + first page at 96 dpi (baseline)", timings["baseline"]))
    print(wall_and_cpu("preview dialog open, first page painted      ", timings["preview"]))
    print(f"ratio preview / baseline: {wall_ratio.text()} wall, {cpu_ratio.text()} CPU")
    print(f"target: preview open under 2 s -> {'met' if preview < 2 else 'NOT met'}")
    print(f"peak (VmHWM), editor with the document open:    {editor_only:7d} MB")
    print(
        f"peak (VmHWM), the same + preview of every page: {with_preview:7d} MB"
        f" ({rendered} renders, {scrolled:.1f} s in all)"
    )
    print(f"RSS before the preview -> most while scrolling: {before:7d} -> {scrolling} MB")
    print(f"target: editor under 800 MB -> {'met' if with_preview < 800 else 'NOT met'}")


if __name__ == "__main__":
    main()
