"""Print preview of a 500-table document's PDF (1000+ pages), against opening it with PDFium.

The baseline: pypdfium2 opening the same PDF and rendering its first page at 96 dpi into a
QImage, the least any preview must do. Measured: opening the preview dialog until its
first page is painted (target: under 2 s), and the peak memory of a fresh editor process
with the document open, then the preview scrolled through every page (target: < 800 MB).
Linux only (reads /proc/self/status).
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
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("GOALEDITOR_BUNDLED_FONTS", "1")

from bench.common import best_of, big_document  # noqa: E402

TABLES = 500

# A fresh editor process: the document open in the main window, then (with "preview") the
# preview dialog shown and scrolled to every page. Prints pages rendered and peak RSS in MB.
EDITOR = """
import sys, resource
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
print(rendered, before, most, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def editor_peak(goals: Path, pdf: Path, folder: Path, preview: bool) -> list[int]:
    """Pages rendered, RSS before the preview, most RSS while scrolling, peak RSS (MB)."""
    argv = [str(ROOT), str(goals), str(pdf), str(folder), "preview" if preview else "none"]
    out = subprocess.run(
        [sys.executable, "-c", EDITOR, *argv], capture_output=True, text=True, check=True
    )
    return [int(figure) for figure in out.stdout.split()[-4:]]


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
    baseline = best_of(3, open_and_render_first_page)
    preview = best_of(3, open_preview)
    start = time.perf_counter()
    rendered, before, scrolling, with_preview = editor_peak(goals, pdf, folder, preview=True)
    scrolled = time.perf_counter() - start
    editor_only = editor_peak(goals, pdf, folder, preview=False)[-1]
    print(f"{TABLES} tables, {pages[0]} pages ({pdf.stat().st_size // 1024} KiB PDF)")
    print(f"PDFium open + first page at 96 dpi (baseline):  {baseline * 1000:7.1f} ms")
    print(f"preview dialog open, first page painted:        {preview * 1000:7.1f} ms")
    print(f"ratio preview / baseline:                       {preview / baseline:7.2f}x")
    print(f"target: preview open under 2 s -> {'met' if preview < 2 else 'NOT met'}")
    print(f"peak RSS, editor with the document open:        {editor_only:7d} MB")
    print(
        f"peak RSS, the same + preview of every page:     {with_preview:7d} MB"
        f" ({rendered} renders, {scrolled:.1f} s in all)"
    )
    print(f"RSS before the preview -> most while scrolling: {before:7d} -> {scrolling} MB")
    print(f"target: editor under 800 MB -> {'met' if with_preview < 800 else 'NOT met'}")


if __name__ == "__main__":
    main()
