"""Printing a PDF: one page rendered at printer resolution, drawn and dropped, then the next."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from goaleditor.ui.pdf_pages import PdfPages

PRINT_DPI = 300  # enough for text on paper; a 1200-dpi A4 page would be 400 MB of pixels


def print_pdf(pdf_path: Path, parent: QWidget | None) -> bool:
    """Ask for a printer and print the PDF's pages at their A4 size; True when printed."""
    pages = PdfPages(pdf_path)
    try:
        return ask_and_print(pages, pdf_path.stem, parent)
    finally:
        pages.close()


def ask_and_print(pages: PdfPages, name: str, parent: QWidget | None) -> bool:
    """Show the print dialog for pages, then print what it says; True when printed."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(name)
    printer.setFullPage(True)  # the PDF has its margins already: paper and page are one size
    if len(pages):
        printer.setPageSize(QPageSize(pages.sizes[0], QPageSize.Unit.Point))
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("打印")
    dialog.setMinMax(1, max(1, len(pages)))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    return print_pages(pages, printer)


def print_order(printer: QPrinter, count: int) -> list[int]:
    """Pages (from 0) in the order they go to the printer: range, copies, collation, order."""
    chosen = list(range(count))
    ranges = printer.pageRanges()
    if printer.printRange() == QPrinter.PrintRange.PageRange and not ranges.isEmpty():
        chosen = [index for index in chosen if ranges.contains(index + 1)]
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        chosen.reverse()
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    if printer.collateCopies():
        return chosen * copies
    return [index for index in chosen for _ in range(copies)]


def print_pages(pages: PdfPages, printer: QPrinter) -> bool:
    """Render, draw and drop one page at a time; True when every page went to the printer."""
    dpi = min(printer.resolution(), PRINT_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        for number, index in enumerate(print_order(printer, len(pages))):
            if number and not printer.newPage():
                return False
            image = pages.render(index, dpi)
            paper = painter.viewport()
            size = image.size().scaled(paper.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(paper.topLeft(), size)
            target.moveCenter(paper.center())
            painter.drawImage(target, image)
            del image  # never more than one page of pixels
    finally:
        painter.end()
    return True
