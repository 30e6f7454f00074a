"""A scrolling column of PDF pages that renders only the pages in view (and the next one)."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from PySide6.QtCore import QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPaintEvent, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from goaleditor.ui.pdf_pages import POINTS_PER_INCH, PageImages, PdfPages

SCREEN_DPI = 96  # zoom 100% shows a page at this resolution
GAP = 12  # pixels between pages and around them
ZOOMS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)
MIN_ZOOM, MAX_ZOOM = ZOOMS[0], ZOOMS[-1]
BACKGROUND = QColor("#808080")
BORDER = QColor("#555555")


class PageView(QAbstractScrollArea):
    """Pages one under the other; each is painted from the cache, rendered when first in view."""

    current_page_changed = Signal(int)  # the page (from 1) in the middle of the view
    zoom_changed = Signal(float)

    def __init__(self, pdf: PdfPages, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pdf = pdf
        self.zoom = 1.0
        self.images = PageImages(pdf, self._dpi())
        self._tops: list[int] = []  # y of each page's top edge in the whole column
        self._current = 0
        self._prefetch = QTimer(self, singleShot=True, interval=0)
        self._prefetch.timeout.connect(self._render_next)
        self._next: int | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setAutoFillBackground(False)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self._lay_out()

    # --- geometry -------------------------------------------------------------------------

    def _dpi(self) -> float:
        return SCREEN_DPI * self.zoom * self.devicePixelRatioF()

    def page_rect(self, index: int) -> QRect:
        """Where page index is in the whole column, in device-independent pixels."""
        size = self.pdf.sizes[index] * (self.zoom * SCREEN_DPI / POINTS_PER_INCH)
        width = round(size.width())
        left = max(GAP, (self.viewport().width() - width) // 2)
        return QRect(left, self._tops[index], width, round(size.height()))

    def _lay_out(self) -> None:
        """Page positions and scroll ranges for the current zoom and viewport."""
        scale = self.zoom * SCREEN_DPI / POINTS_PER_INCH
        heights = [round(size.height() * scale) + GAP for size in self.pdf.sizes]
        self._tops = [GAP + top for top in accumulate([0, *heights[:-1]])] if heights else []
        total = GAP + sum(heights)
        widest = max((round(size.width() * scale) for size in self.pdf.sizes), default=0)
        viewport = self.viewport().size()
        vertical, horizontal = self.verticalScrollBar(), self.horizontalScrollBar()
        vertical.setRange(0, max(0, total - viewport.height()))
        vertical.setPageStep(viewport.height())
        vertical.setSingleStep(max(20, viewport.height() // 20))
        horizontal.setRange(0, max(0, widest + 2 * GAP - viewport.width()))
        horizontal.setPageStep(viewport.width())
        horizontal.setSingleStep(20)
        self._scrolled()

    def visible_pages(self) -> range:
        """The pages (from 0) that the viewport shows, wholly or in part."""
        if not self._tops:
            return range(0)
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        first = max(0, bisect_right(self._tops, top) - 1)
        if self.page_rect(first).bottom() < top:
            first += 1  # top of the view is in the gap under page first
        last = max(first, bisect_right(self._tops, bottom) - 1)
        return range(min(first, len(self._tops) - 1), min(last, len(self._tops) - 1) + 1)

    def current_page(self) -> int:
        """The page (from 1) in the middle of the view; the last one at the end."""
        return self._current + 1

    def _scrolled(self) -> None:
        vertical = self.verticalScrollBar()
        if not self._tops:
            return
        if vertical.value() == vertical.maximum() and vertical.maximum() > 0:
            current = len(self._tops) - 1
        else:
            middle = vertical.value() + self.viewport().height() // 2
            current = max(0, bisect_right(self._tops, middle) - 1)
        if current != self._current:
            self._current = current
            self.current_page_changed.emit(current + 1)

    # --- navigation and zoom ----------------------------------------------------------------

    def go_to_page(self, number: int) -> None:
        """Scroll so that page number (from 1) is at the top."""
        index = min(max(number, 1), len(self._tops)) - 1
        if index >= 0:
            self.verticalScrollBar().setValue(self._tops[index] - GAP)

    def set_zoom(self, zoom: float) -> None:
        """Show pages at zoom (1.0: 96 dpi), keeping the page in view where it is."""
        zoom = min(max(zoom, MIN_ZOOM), MAX_ZOOM)
        if abs(zoom - self.zoom) < 1e-6:
            return
        vertical = self.verticalScrollBar()
        anchor = self._current
        offset = (vertical.value() - self._tops[anchor]) / self.zoom if self._tops else 0.0
        self.zoom = zoom
        self.images.set_dpi(self._dpi())
        self._lay_out()
        if self._tops:
            vertical.setValue(self._tops[anchor] + round(offset * zoom))
        self.viewport().update()
        self.zoom_changed.emit(zoom)

    def zoom_in(self) -> None:
        """The next larger of the usual zooms."""
        self.set_zoom(next((z for z in ZOOMS if z > self.zoom + 0.005), MAX_ZOOM))

    def zoom_out(self) -> None:
        """The next smaller of the usual zooms."""
        self.set_zoom(next((z for z in reversed(ZOOMS) if z < self.zoom - 0.005), MIN_ZOOM))

    def fit_width(self) -> None:
        """The widest page as wide as the view."""
        widest = max((size.width() for size in self.pdf.sizes), default=0)
        if widest:
            room = self.viewport().width() - 2 * GAP
            self.set_zoom(room / (widest * SCREEN_DPI / POINTS_PER_INCH))

    # --- events -------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), BACKGROUND)
        if self.pdf.closed:
            painter.end()
            return
        self.images.set_dpi(self._dpi())  # no-op unless the screen's pixel ratio changed
        dx, dy = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        shown = self.visible_pages()
        for index in shown:
            rect = self.page_rect(index).translated(-dx, -dy)
            if not rect.intersects(event.rect()):
                continue
            painter.setPen(BORDER)
            painter.drawRect(rect.adjusted(-1, -1, 0, 0))
            painter.drawImage(rect, self.images[index])
        painter.end()
        if shown and shown[-1] + 1 < len(self.pdf) and not self.images.has(shown[-1] + 1):
            self._next = shown[-1] + 1  # render the page after the view before it is needed
            self._prefetch.start()

    def _render_next(self) -> None:
        if self._next is not None and not self.pdf.closed:
            self.images[self._next]
        self._next = None

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._lay_out()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if event.angleDelta().y() > 0:
                self.zoom_in()
            elif event.angleDelta().y() < 0:
                self.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Home:
            self.go_to_page(1)
        elif key == Qt.Key.Key_End:
            self.go_to_page(len(self._tops))
        elif key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp) and self._tops:
            self.page_step(1 if key == Qt.Key.Key_PageDown else -1)
        else:
            super().keyPressEvent(event)

    def page_step(self, direction: int) -> None:
        """PageDown (1) / PageUp (-1): to the next / previous page's top, as PDF readers do
        (a page taller than the view: the arrows and the wheel scroll within it)."""
        bar = self.verticalScrollBar()
        value = bar.value()
        tops = [top - GAP for top in self._tops]  # scroll values that show a page's top
        index = max(0, bisect_right(tops, value) - 1)  # the page at the view's top edge
        if direction > 0:
            target = tops[index + 1] if index + 1 < len(tops) else bar.maximum()
        elif value > tops[index]:  # inside a page: its own top first
            target = tops[index]
        else:
            target = tops[index - 1] if index > 0 else 0
        bar.setValue(target)
