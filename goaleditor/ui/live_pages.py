"""The live page view's canvas: one table's pages drawn from its layout grid, zoomable,
clickable, with the current field marked."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from goaleditor.formats.layout import official, pagination
from goaleditor.formats.layout.grid import PAGE_HEIGHT, PAGE_WIDTH, TableGrid
from goaleditor.formats.layout.pagination import Page
from goaleditor.model.document import Document, GoalTable
from goaleditor.ui.grid_painter import GridPainter, Target

SCREEN_DPI = 96  # zoom 100% shows a page at this resolution, as the print preview does
GAP = 12  # pixels between pages and around them
ZOOMS = (0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0)
MIN_ZOOM, MAX_ZOOM = 0.25, 2.0  # fitting a narrow dock's width may go below 50%
BACKGROUND = QColor("#808080")
BORDER = QColor("#555555")
WRAP_CACHE_LIMIT = 50_000  # wrapped texts kept between layouts (typing adds one a key)


class LivePageView(QAbstractScrollArea):
    """Shows a table's pages; lays the table out again only when show_table is called."""

    activated = Signal(object, str)  # a click on a field: (table or indicator, field)
    edit_requested = Signal(object, str)  # a double click on it
    zoom_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.painter = GridPainter()
        self.grid: TableGrid | None = None
        self.pages: list[Page] = []
        self.layouts = 0  # how many times a table was laid out (a seam for tests and benches)
        self.zoom = 1.0
        self.fit = True  # 适合宽度: the zoom follows the view's width
        self._targets: list[list[Target]] = []
        self._marks: set[tuple[int, str]] = set()
        self._marked: list[list[QRectF]] = []
        self._changes: set[tuple[int, str]] = set()  # a comparison's (id(object), field) pairs
        self._changed: list[list[QRectF]] = []
        self._cache: dict[tuple[str, float], list[str]] = {}
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setAutoFillBackground(False)
        self.viewport().setMouseTracking(True)

    # --- the table ------------------------------------------------------------------------

    def show_table(self, document: Document, table: GoalTable | None) -> None:
        """Lay out table (numbered as in the document) and show it; None shows nothing."""
        number = next((n for n, t in enumerate(document.tables, 1) if t is table), 0)
        if table is None or not number:
            self.grid, self.pages = None, []
        else:
            if len(self._cache) > WRAP_CACHE_LIMIT:
                self._cache.clear()
            body, title = self.painter.body, self.painter.title
            self.grid = official.build_grid(document, table, number, body, title, self._cache)
            self.pages = pagination.paginate(self.grid)
            self.layouts += 1
        self._targets = [self.painter.targets(page) for page in self.pages]
        self._find_marked()
        self._lay_out()
        self.viewport().update()

    def text(self) -> list[str]:
        """Every line drawn, page by page (titles, then cells in reading order)."""
        lines: list[str] = []
        for page in self.pages:
            lines += page.title_lines
            for cell in page.cells:
                lines += cell.lines
        return lines

    # --- marking the current field -----------------------------------------------------------

    def set_marks(self, marks: list[tuple[object, str]], reveal: bool = True) -> None:
        """Mark the cells showing these (object, field) pairs; reveal scrolls to the first."""
        self._marks = {(id(source), field) for source, field in marks}
        self._find_marked()
        self.viewport().update()
        if reveal:
            self.reveal()

    def marked(self) -> list[tuple[int, QRectF]]:
        """The marked boxes: (page index, box in points)."""
        return [(index, box) for index, boxes in enumerate(self._marked) for box in boxes]

    def boxes(self, source: object, field: str) -> list[tuple[int, QRectF]]:
        """Where a field of an object is printed: (page index, box in points)."""
        return [
            (index, t.box)
            for index, targets in enumerate(self._targets)
            for t in targets
            if t.source is source and t.field == field
        ]

    def set_changed(self, marks: list[tuple[object, str]]) -> None:
        """Tint the cells showing these (object, field) pairs: what a comparison changed."""
        self._changes = {(id(source), field) for source, field in marks}
        self._find_marked()
        self.viewport().update()

    def changed(self) -> list[tuple[int, QRectF]]:
        """The boxes tinted as changed: (page index, box in points)."""
        return [(index, box) for index, boxes in enumerate(self._changed) for box in boxes]

    def _find_marked(self) -> None:
        self._marked = [
            [t.box for t in targets if (id(t.source), t.field) in self._marks]
            for targets in self._targets
        ]
        self._changed = [
            [t.box for t in targets if (id(t.source), t.field) in self._changes]
            for targets in self._targets
        ]

    def reveal(self) -> None:
        """Scroll the first marked box into view."""
        marked = self.marked()
        if not marked:
            return
        index, box = marked[0]
        rect = self._to_view(index, box)
        vertical, horizontal = self.verticalScrollBar(), self.horizontalScrollBar()
        top, height = vertical.value(), self.viewport().height()
        if rect.top() < top + GAP or rect.bottom() > top + height - GAP:
            vertical.setValue(round(rect.top() - min(height / 3, max(GAP, height - rect.height()))))
        left, width = horizontal.value(), self.viewport().width()
        if rect.left() < left or rect.right() > left + width:
            horizontal.setValue(round(rect.left() - GAP))

    # --- geometry ---------------------------------------------------------------------------

    def scale(self) -> float:
        """Pixels per point at the current zoom."""
        return self.zoom * SCREEN_DPI / 72

    def page_rect(self, index: int) -> QRectF:
        """Where page index is in the whole column of pages, in pixels."""
        s = self.scale()
        width, height = PAGE_WIDTH * s, PAGE_HEIGHT * s
        left = max(GAP, (self.viewport().width() - width) / 2)
        return QRectF(left, GAP + index * (height + GAP), width, height)

    def _to_view(self, index: int, box: QRectF) -> QRectF:
        """A box in a page's points -> the whole column's pixels."""
        s = self.scale()
        origin = self.page_rect(index).topLeft()
        return QRectF(origin + box.topLeft() * s, box.size() * s)

    def view_rect(self, index: int, box: QRectF) -> QRectF:
        """Where a box (points) of page index is in the viewport now, in pixels."""
        scrolled = QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        return self._to_view(index, box).translated(-scrolled)

    def _lay_out(self) -> None:
        s_width = PAGE_WIDTH * SCREEN_DPI / 72
        if self.fit:
            fitted = (self.viewport().width() - 2 * GAP) / s_width
            self._set_zoom_value(min(max(fitted, MIN_ZOOM), MAX_ZOOM))
        s = self.scale()
        total = GAP + len(self.pages) * (round(PAGE_HEIGHT * s) + GAP)
        viewport = self.viewport().size()
        vertical, horizontal = self.verticalScrollBar(), self.horizontalScrollBar()
        vertical.setRange(0, max(0, total - viewport.height()))
        vertical.setPageStep(viewport.height())
        vertical.setSingleStep(max(20, viewport.height() // 20))
        horizontal.setRange(0, max(0, round(PAGE_WIDTH * s) + 2 * GAP - viewport.width()))
        horizontal.setPageStep(viewport.width())
        horizontal.setSingleStep(20)

    def target_at(self, pos: QPoint) -> Target | None:
        """The field under a point of the viewport, if any."""
        point = QPointF(pos) + QPointF(
            self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        )
        for index, targets in enumerate(self._targets):
            rect = self.page_rect(index)
            if rect.contains(point):
                at = _divided(point - rect.topLeft(), self.scale())
                return next((t for t in targets if t.box.contains(at)), None)
        return None

    # --- zoom ---------------------------------------------------------------------------------

    def _set_zoom_value(self, zoom: float) -> None:
        if abs(zoom - self.zoom) > 1e-6:
            self.zoom = zoom
            self.zoom_changed.emit(zoom)

    def set_zoom(self, zoom: float) -> None:
        """Show pages at zoom (1.0: 96 dpi), leaving 适合宽度; keeps the view's middle in place."""
        zoom = min(max(zoom, MIN_ZOOM), MAX_ZOOM)
        vertical = self.verticalScrollBar()
        middle = (vertical.value() + self.viewport().height() / 2) / self.scale()
        self.fit = False
        self._set_zoom_value(zoom)
        self._lay_out()
        vertical.setValue(round(middle * self.scale() - self.viewport().height() / 2))
        self.viewport().update()

    def fit_width(self) -> None:
        """适合宽度: the page as wide as the view, also after the view is resized."""
        self.fit = True
        self._lay_out()
        self.viewport().update()

    def zoom_in(self) -> None:
        """The next larger of the usual zooms."""
        self.set_zoom(next((z for z in ZOOMS if z > self.zoom + 0.005), MAX_ZOOM))

    def zoom_out(self) -> None:
        """The next smaller of the usual zooms."""
        self.set_zoom(next((z for z in reversed(ZOOMS) if z < self.zoom - 0.005), ZOOMS[0]))

    # --- events -------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), BACKGROUND)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        dx, dy = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        exposed = QRectF(event.rect()).translated(dx, dy)
        s = self.scale()
        for index, page in enumerate(self.pages):
            rect = self.page_rect(index)
            if not rect.intersects(exposed):
                continue
            painter.setPen(BORDER)
            painter.drawRect(rect.translated(-dx, -dy).adjusted(-1, -1, 0, 0))
            painter.save()
            painter.translate(rect.left() - dx, rect.top() - dy)
            painter.scale(s, s)
            size = exposed.size()
            visible = QRectF(
                _divided(exposed.topLeft() - rect.topLeft(), s),
                QSizeF(size.width() / s, size.height() / s),
            ).intersected(QRectF(0, 0, PAGE_WIDTH, PAGE_HEIGHT))
            painter.setClipRect(visible)
            marked, changed = self._marked[index], self._changed[index]
            self.painter.paint(painter, page, marked, visible, changed)
            painter.restore()
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._lay_out()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        target = self.target_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and target is not None:
            self.activated.emit(target.source, target.field)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        target = self.target_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and target is not None:
            self.edit_requested.emit(target.source, target.field)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        over = self.target_at(event.position().toPoint()) is not None
        cursor = Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor
        self.viewport().setCursor(cursor)
        super().mouseMoveEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if event.angleDelta().y() > 0:
                self.zoom_in()
            elif event.angleDelta().y() < 0:
                self.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)


def _divided(point: QPointF, divisor: float) -> QPointF:
    """point / divisor, as Qt divides (PySide6's stubs lack QPointF.__truediv__)."""
    return QPointF(point.x() / divisor, point.y() / divisor)
