"""A PDF redline: the new document in the official layout with the changes marked on it.

Deleted text is red and struck through, inserted text blue and underlined: the colour for
the screen, the line for a black-and-white print. A changed cell shows its old text struck
above its new one; a removed indicator keeps its row where it stood, struck; an added one's
row is underlined; a removed or added table is struck or underlined whole. The grids and
their marks are formats/layout/redline.py's (the Word redline reads the same); the pages
are cut by the normal pagination and drawn by the PDF export's painter, marks added. Text is
drawn with canvas.drawString, never parsed as markup.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from goaleditor.compare import Comparison
from goaleditor.files.atomic import atomic_write
from goaleditor.formats.layout.fonts import HEI, SONG, TextWidth
from goaleditor.formats.layout.grid import (
    BODY_SIZE,
    MARGIN_LEFT,
    MARGIN_TOP,
    MM,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TABLE_WIDTH,
    TITLE_LEADING,
    TITLE_SIZE,
)
from goaleditor.formats.layout.line_breaking import clean_text, wrap
from goaleditor.formats.layout.pagination import Page, PlacedCell, paginate
from goaleditor.formats.layout.redline import MarkedText, RedlineGrid, redline_grids
from goaleditor.formats.layout.redline_lines import mark_lines, mark_of
from goaleditor.formats.layout.redline_rows import Whole
from goaleditor.formats.writers.pdf import _bookmark, _Painter, line_positions
from goaleditor.formats.writers.properties import PDF_PROPERTY_CHARS, fit_property
from goaleditor.model.document import Document

# Dark enough to read as black-grey in print; told apart there by their lines.
COLOURS: dict[Whole, tuple[float, float, float]] = {
    "del": (0.78, 0.0, 0.0),
    "ins": (0.0, 0.22, 0.78),
    "": (0.0, 0.0, 0.0),
}
STRIKE_RISE = 0.33  # the strike-through line above the baseline, in font sizes (CJK middle)
UNDERLINE_DROP = 0.16  # the underline below the baseline, in font sizes
MARK_LINE_WIDTH = 0.8
LEGEND_SIZE = 9.0
LEGEND_Y = PAGE_HEIGHT - 9 * MM  # in the top margin, above every page's title
LEGEND: tuple[tuple[str, Whole], ...] = (
    ("图例：", ""),
    ("删除内容", "del"),
    ("（删除线）　", ""),
    ("新增内容", "ins"),
    ("（下划线）", ""),
)
SUBJECT = "绩效目标表修订稿"


def write_redline_pdf(
    old: Document,
    new: Document,
    comparison: Comparison,
    path: Path,
    old_name: str = "",
    new_name: str = "",
) -> None:
    """Write the redline of old → new as an A4 PDF, atomically; the names head each page."""
    atomic_write(path, lambda temp: _render(old, new, comparison, temp, f"{old_name} → {new_name}"))


def _render(old: Document, new: Document, comparison: Comparison, temp: Path, names: str) -> None:
    from reportlab import rl_config
    from reportlab.pdfgen.canvas import Canvas

    rl_config.useA85 = 0
    body, title = TextWidth(SONG, BODY_SIZE), TextWidth(HEI, TITLE_SIZE)
    redlines = redline_grids(old, new, comparison, body, title)
    canvas = Canvas(
        str(temp),
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        initialFontName=SONG,
        initialFontSize=BODY_SIZE,
        pageCompression=1,
        lang="zh-CN",
    )
    heading = clean_text(new.title or (redlines[0].grid.title if redlines else "")).replace(
        "\n", " "
    )
    canvas.setTitle(fit_property(f"修订稿：{heading}", PDF_PROPERTY_CHARS, "标题", None))
    canvas.setSubject(SUBJECT)
    canvas.setAuthor(fit_property(clean_text(new.agency_name), PDF_PROPERTY_CHARS, "单位", None))
    canvas.setCreator("goaleditor")
    canvas.showOutline()
    painter = _RedlinePainter(canvas, body, title, clean_text(names.strip(" →")))
    page_number = 0
    for index, redline in enumerate(redlines):
        mark_lines(redline, body, title)
        for page_index, page in enumerate(paginate(redline.grid)):
            page_number += 1
            if page_index == 0:
                _bookmark(canvas, f"redline{index}", page.title)
            painter.redline_page(page, redline)
            painter.finish_page(page_number)
    if page_number == 0:
        painter.legend()
        canvas.setFont(SONG, BODY_SIZE)
        canvas.drawString(MARGIN_LEFT, PAGE_HEIGHT - MARGIN_TOP, "（文档中没有绩效目标表）")
        canvas.showPage()
    canvas.save()


class _RedlinePainter(_Painter):
    """The PDF export's painter with marked lines drawn in their colour and line."""

    def __init__(self, canvas: Any, body: TextWidth, title: TextWidth, names: str) -> None:
        super().__init__(canvas, body, title)
        self.canvas = canvas
        self.names = names
        self._marked: list[tuple[float, float, str, float]] = []

    def redline_page(self, page: Page, redline: RedlineGrid) -> None:
        """A table page: the grid and plain text as the export draws it, then the marks."""
        self._marked = []
        super().table_page(replace(page, title_lines=[], agency="", unit=""))
        for x, y, line, size in self._marked:
            self._text(SONG, self.body, x, y, line, size, mark_of(line))
        y = PAGE_HEIGHT - MARGIN_TOP - TITLE_SIZE
        for line in page.title_lines:
            x = (PAGE_WIDTH - self.title(line)) / 2
            self._text(HEI, self.title, x, y, line, TITLE_SIZE, mark_of(line))
            y -= TITLE_LEADING
        if not page.title_only:
            self._head_line(page, redline)
        self.legend()

    def _cell_text(self, cell: PlacedCell) -> None:
        if not cell.lines:
            return
        self.cells_text.size(cell.size)
        for x, y, line in line_positions(cell, self.body):
            if mark_of(line):
                self._marked.append((x, y, line, cell.size))
            else:
                self.cells_text.line(x, y, line)

    def _head_line(self, page: Page, redline: RedlineGrid) -> None:
        """The agency line at the left and the unit at the right, each marked."""
        y = PAGE_HEIGHT - page.agency_y
        unit = _pieces(redline.unit)
        unit_x = MARGIN_LEFT + TABLE_WIDTH - sum(self.body(text) for text, _ in unit)
        self._pieces(unit_x, y, unit, MARGIN_LEFT + TABLE_WIDTH, self.body, BODY_SIZE, SONG)
        agency = _pieces(replace(redline.agency, text=clean_text(redline.agency.text)))
        self._pieces(MARGIN_LEFT, y, agency, unit_x - 10, self.body, BODY_SIZE, SONG)

    def legend(self) -> None:
        """The files compared at the left of the top margin, the two marks at its right."""
        scale = LEGEND_SIZE / BODY_SIZE
        width = sum(self.body(text) for text, _ in LEGEND) * scale
        legend_x = MARGIN_LEFT + TABLE_WIDTH - width
        names: list[tuple[str, Whole]] = [(f"修订稿：{self.names}", "")] if self.names else []
        self._pieces(MARGIN_LEFT, LEGEND_Y, names, legend_x - 10, self.body, LEGEND_SIZE, SONG)
        self._pieces(legend_x, LEGEND_Y, LEGEND, PAGE_WIDTH, self.body, LEGEND_SIZE, SONG)

    def _pieces(
        self,
        x: float,
        y: float,
        pieces: list[tuple[str, Whole]] | tuple[tuple[str, Whole], ...],
        right: float,
        measure: TextWidth,
        size: float,
        font: str,
    ) -> None:
        """Texts one after another on a line, each marked, cut where the line ends at right."""
        scale = size / BODY_SIZE if measure is self.body else size / TITLE_SIZE
        for text, mark in pieces:
            room = (right - x) / scale
            if room <= 0:
                return
            shown = wrap(text, room, measure)[:1] if measure(text) > room else [text]
            if not shown:
                return
            self._text(font, measure, x, y, shown[0], size, mark)
            x += measure(shown[0]) * scale

    def _text(
        self, font: str, measure: TextWidth, x: float, y: float, text: str, size: float, mark: Whole
    ) -> None:
        """A text at (x, baseline y) in its mark's colour, struck or underlined by its mark."""
        if not text:
            return
        c = self.canvas
        colour = COLOURS[mark]
        c.setFont(font, size)
        c.setFillColorRGB(*colour)
        c.drawString(x, y, text)
        if mark:
            reference = BODY_SIZE if measure is self.body else TITLE_SIZE
            end = x + measure(text) * size / reference
            line_y = y + STRIKE_RISE * size if mark == "del" else y - UNDERLINE_DROP * size
            c.setStrokeColorRGB(*colour)
            c.setLineWidth(MARK_LINE_WIDTH)
            c.line(x, line_y, end, line_y)
            c.setStrokeColorRGB(0, 0, 0)
        c.setFillColorRGB(0, 0, 0)


def _pieces(line: MarkedText) -> list[tuple[str, Whole]]:
    """A line above a table as marked pieces: the old text struck and the new underlined."""
    if line.changed:
        assert line.old is not None
        return [(line.old, "del"), ("　", ""), (line.text, "ins")]
    return [(line.text, line.mark)]
