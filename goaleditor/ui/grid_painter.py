"""Draws laid-out table pages with QPainter as the PDF writer draws them, in page points.

The text is measured with the PDF's own metrics (the same TrueType files, registered with
reportlab) and drawn with those files loaded into Qt, so lines fall where the PDF puts them.
Loaded with the page view, never at start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPainter, QPen

from goaleditor.formats.layout.fonts import HEI, SONG, TextWidth, register_fonts
from goaleditor.formats.layout.grid import (
    BODY_SIZE,
    LEADING,
    MARGIN_LEFT,
    MARGIN_TOP,
    PAD_X,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TABLE_WIDTH,
    TITLE_LEADING,
    TITLE_SIZE,
)
from goaleditor.formats.layout.line_breaking import clean_text, wrap
from goaleditor.formats.layout.pagination import Page, PlacedCell

LINE_WIDTH = 0.6  # the PDF's cell borders, in points
ASCENT_RATIO = 0.88  # of the font size: as formats/pdf.py places a cell's first baseline
HIGHLIGHT = QColor(255, 196, 0, 90)
CHANGED = QColor(59, 130, 246, 55)  # a cell a comparison found changed (ui/compare_marks.py)
INK = QColor("#000000")
PAPER = QColor("#ffffff")
TEXT_SCALE = 100  # text is drawn this much larger in a coordinate system this much smaller


@dataclass(frozen=True, slots=True)
class Target:
    """A clickable area of a page: the box (points) and the field of the object it shows."""

    box: QRectF
    source: object
    field: str


@cache
def _families() -> tuple[str, str]:
    """The Song and Hei families of the fonts the PDF embeds, loaded into Qt once."""
    choice = register_fonts()
    names = []
    for path in (choice.song, choice.hei):
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        names.append(families[0] if families else "serif")
    return names[0], names[1]


def _font(family: str, size: float) -> QFont:
    """A font TEXT_SCALE times size pixels: at that size its advances are the design's,
    as the PDF's; small pixel sizes round each advance to a pixel and lines run long."""
    font = QFont(family)
    font.setPixelSize(round(size * TEXT_SCALE))
    font.setKerning(False)  # reportlab's widths have no kerning
    return font


class GridPainter:
    """Paints one page at a time in points (top-left origin); the caller sets the scale."""

    def __init__(self) -> None:
        self.body = TextWidth(SONG, BODY_SIZE)
        self.title = TextWidth(HEI, TITLE_SIZE)
        song, hei = _families()
        self.body_font = _font(song, BODY_SIZE)
        self.title_font = _font(hei, TITLE_SIZE)
        self._sized: dict[float, QFont] = {}

    def targets(self, page: Page) -> list[Target]:
        """The page's clickable areas: its cells, the title (项目名称) and the unit (金额单位)."""
        found: list[Target] = []
        table = None
        for placed in page.cells:
            cell = placed.cell
            if cell is None or cell.source is None:
                continue
            box = QRectF(placed.x, placed.y, placed.width, placed.height)
            field = cell.field
            if cell.label:
                field = _field_beside(page, placed)
            if field is not None:
                found.append(Target(box, cell.source, field))
            if field == "project_name":
                table = cell.source
        if table is not None:
            height = len(page.title_lines) * TITLE_LEADING
            title = QRectF(MARGIN_LEFT, MARGIN_TOP, TABLE_WIDTH, height)
            found.append(Target(title, table, "project_name"))
            width = self.body(page.unit)
            unit = QRectF(MARGIN_LEFT + TABLE_WIDTH - width, page.agency_y - BODY_SIZE, width, 14)
            found.append(Target(unit, table, "money_unit"))
        return found

    def paint(
        self,
        painter: QPainter,
        page: Page,
        marked: list[QRectF],
        visible: QRectF,
        changed: Sequence[QRectF] = (),
    ) -> None:
        """Draw a page: paper, changed and marked boxes, cell borders, title, agency line and
        cell text.

        Only cells meeting visible (points) are drawn.
        """
        painter.fillRect(QRectF(0, 0, PAGE_WIDTH, PAGE_HEIGHT), PAPER)
        for box in changed:
            painter.fillRect(box, CHANGED)
        for box in marked:
            painter.fillRect(box, HIGHLIGHT)
        pen = QPen(INK, LINE_WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        cells = [
            cell
            for cell in page.cells
            if visible.intersects(QRectF(cell.x - 1, cell.y - 1, cell.width + 2, cell.height + 2))
        ]
        for cell in cells:
            painter.drawRect(QRectF(cell.x, cell.y, cell.width, cell.height))
        painter.save()
        painter.scale(1 / TEXT_SCALE, 1 / TEXT_SCALE)
        painter.setPen(INK)
        painter.setFont(self.title_font)
        y = MARGIN_TOP + TITLE_SIZE
        for line in page.title_lines:
            _text(painter, (PAGE_WIDTH - self.title(line)) / 2, y, line)
            y += TITLE_LEADING
        painter.setFont(self.body_font)
        unit_x = MARGIN_LEFT + TABLE_WIDTH - self.body(page.unit)
        agency = wrap(
            clean_text(page.agency).replace("\n", " "), unit_x - MARGIN_LEFT - 10, self.body
        )
        _text(painter, MARGIN_LEFT, page.agency_y, agency[0] if agency else "")
        _text(painter, unit_x, page.agency_y, page.unit)
        for cell in cells:
            self._cell_text(painter, cell)
        painter.restore()

    def _cell_text(self, painter: QPainter, cell: PlacedCell) -> None:
        size = cell.size
        if size != BODY_SIZE:  # a wide number, smaller on one line
            font = self._sized.get(size)
            if font is None:
                font = self._sized[size] = _font(self.body_font.family(), size)
            painter.setFont(font)
        content = len(cell.lines) * LEADING
        baseline = cell.y + (cell.height - content) / 2 + (LEADING - size) / 2 + size * ASCENT_RATIO
        for line in cell.lines:
            if cell.align == "left":
                x = cell.x + PAD_X
            else:
                free = cell.width - 2 * PAD_X - self.body(line) * size / BODY_SIZE
                x = cell.x + PAD_X + (free / 2 if cell.align == "center" else free)
            _text(painter, x, baseline, line)
            baseline += LEADING
        if size != BODY_SIZE:
            painter.setFont(self.body_font)


def _text(painter: QPainter, x: float, baseline: float, text: str) -> None:
    """Draw a line at a point of the page, in the TEXT_SCALE-times-smaller system."""
    painter.drawText(QPointF(x * TEXT_SCALE, baseline * TEXT_SCALE), text)


def _field_beside(page: Page, label: PlacedCell) -> str | None:
    """A head-row label (项目名称, 预算数, …) stands for the first field to its right; a
    label over two rows (预算规模及资金用途) for the one of its last row (资金用途)."""
    cell = label.cell
    if cell is None or cell.field is not None:
        return None
    row = cell.row + cell.rowspan - 1
    for other in page.cells:
        found = other.cell
        if (
            found is not None
            and found.row == row
            and found.col > cell.col
            and found.field is not None
            and not found.label
        ):
            return found.field
    return None
