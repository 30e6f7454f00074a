"""Print preview and printing: the pages of the exact exported PDF, rendered with PDFium."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

PREVIEW_DPI = 96
PRINT_DPI = 300


def render_pages(pdf_path: Path, dpi: int) -> list[QImage]:
    """Every page of a PDF as an image at dpi."""
    import pypdfium2 as pdfium

    images = []
    document = pdfium.PdfDocument(str(pdf_path))
    try:
        for index in range(len(document)):
            bitmap = document[index].render(scale=dpi / 72, rev_byteorder=True)
            image = QImage(
                bytes(bitmap.buffer),
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGB888,
            )
            images.append(image.copy())  # own the pixels; the bitmap goes away
    finally:
        document.close()
    return images


def print_pdf(pdf_path: Path, parent: QWidget | None) -> bool:
    """Ask for a printer and print the PDF's pages at their A4 size; True when printed."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(pdf_path.stem)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("打印")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        for number, image in enumerate(render_pages(pdf_path, PRINT_DPI)):
            if number:
                printer.newPage()
            target = painter.viewport()
            size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(target.topLeft(), size), image)
    finally:
        painter.end()
    return True


class PreviewDialog(QDialog):
    """Shows the pages of an exported PDF, one under the other, with a print button."""

    def __init__(self, pdf_path: Path, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"打印预览 — {pdf_path.name}")
        self._pdf_path = pdf_path
        self.pages = render_pages(pdf_path, PREVIEW_DPI)
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        for image in self.pages:
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setStyleSheet("border: 1px solid #999; background: white;")
            layout.addWidget(label)
        scroll = QScrollArea(self)
        scroll.setWidget(column)
        scroll.setWidgetResizable(True)
        scroll.setStyleSheet("QScrollArea { background: #808080; }")
        buttons = QDialogButtonBox(self)
        print_button = buttons.addButton("打印…", QDialogButtonBox.ButtonRole.ActionRole)
        print_button.clicked.connect(lambda: print_pdf(self._pdf_path, self))
        close = buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll)
        outer.addWidget(buttons)
        self.resize(900, 1000)
