"""Print preview: the pages of the exported PDF, rendered with PDFium as they come into view."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from goaleditor.ui.page_view import GAP, SCREEN_DPI, PageView
from goaleditor.ui.pdf_pages import POINTS_PER_INCH, PageImages, PdfPages
from goaleditor.ui.printing import ask_and_print

PREFERRED = QSize(900, 1000)
ZOOM_IN = "Ctrl+="  # Ctrl++ without Shift on most keyboards


class PreviewDialog(QDialog):
    """The PDF's pages one under the other, with zoom, the page in view and a print button."""

    def __init__(self, pdf_path: Path, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"打印预览 — {pdf_path.name}")
        self._pdf_path = pdf_path
        self.pdf = PdfPages(pdf_path)  # open until the dialog closes
        self.view = PageView(self.pdf, self)
        self.page_label = QLabel()
        self.zoom_label = QLabel()
        bar = QHBoxLayout()
        zoom_in = [QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence(ZOOM_IN)]
        for text, slot, keys in (
            ("缩小", self.view.zoom_out, [QKeySequence(QKeySequence.StandardKey.ZoomOut)]),
            ("放大", self.view.zoom_in, zoom_in),
            ("适合宽度", self.view.fit_width, []),
        ):
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            bar.addWidget(button)
            for key in keys:
                QShortcut(key, self, slot)
        bar.addWidget(self.zoom_label)
        bar.addStretch()
        bar.addWidget(self.page_label)
        buttons = QDialogButtonBox(self)
        self.print_button = buttons.addButton("打印…", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.print_document)
        close = buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addLayout(bar)
        outer.addWidget(self.view, 1)
        outer.addWidget(buttons)
        self.view.current_page_changed.connect(self._show_page)
        self.view.zoom_changed.connect(self._show_zoom)
        self._show_page(1)
        self._show_zoom(self.view.zoom)
        self._fitted = False
        screen = self.screen() or QGuiApplication.primaryScreen()
        self.fit_to(screen.availableGeometry())

    @property
    def pages(self) -> PageImages:
        """The page images as shown: rendered on first use, a few kept."""
        return self.view.images

    def fit_to(self, available: QRect) -> None:
        """Size and place the dialog inside available (a screen's free area)."""
        size = PREFERRED.boundedTo(QSize(available.width() * 9 // 10, available.height() * 9 // 10))
        self.resize(size.expandedTo(self.minimumSizeHint()).boundedTo(available.size()))
        frame = QRect(0, 0, self.width(), self.height())
        frame.moveCenter(available.center())
        self.move(frame.topLeft())

    def print_document(self) -> bool:
        """Print the previewed PDF (the print dialog first); True when printed."""
        return ask_and_print(self.pdf, self._pdf_path.stem, self)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted:  # a page wider than the view at 100% starts at the view's width
            self._fitted = True
            widest = max((size.width() for size in self.pdf.sizes), default=0)
            if widest * SCREEN_DPI / POINTS_PER_INCH + 2 * GAP > self.view.viewport().width():
                self.view.fit_width()
        self.view.setFocus()

    def done(self, result: int) -> None:
        """Close the PDF with the dialog, so that its file can be deleted (on Windows too)."""
        super().done(result)
        self.view.images.clear()
        self.pdf.close()

    def _show_page(self, number: int) -> None:
        self.page_label.setText(f"第 {number} / {len(self.pdf)} 页")

    def _show_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(f"{round(zoom * 100)}%")
