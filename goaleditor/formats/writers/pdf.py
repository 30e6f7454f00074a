"""PDF export in the official layout: draws the layout grid on reportlab's canvas."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from goaleditor.files.atomic import atomic_write
from goaleditor.formats.exporting import (
    ExportOptions,
    ExportWarn,
    Progress,
    check_progress,
)
from goaleditor.formats.layout.contents import (
    TOC_ENTRY_GAP,
    TocLine,
    toc_heading,
    toc_pages,
)
from goaleditor.formats.layout.fonts import HEI, SONG, TextWidth
from goaleditor.formats.layout.grid import (
    BODY_SIZE,
    FOOTER_Y,
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
from goaleditor.formats.layout.official import DEFAULT_HEADING
from goaleditor.formats.layout.pagination import Page, PlacedCell, paginate
from goaleditor.formats.layout.review_sheet_tables import (
    grid_maker,
    printed_tables,
    review_sheet_warnings,
    with_contents,
)
from goaleditor.formats.writers.properties import PDF_PROPERTY_CHARS, fit_property
from goaleditor.model.document import Document

TOC_TITLE_SIZE = 18.0
SUBJECT = DEFAULT_HEADING
TOC_KEY = "toc"


def write(
    document: Document,
    path: Path,
    *,
    options: ExportOptions | None = None,
    progress: Progress | None = None,
    warn: ExportWarn | None = None,
) -> None:
    """Write the document as a print-ready A4 PDF, atomically.

    warn receives one line for each field holding characters no embedded font can draw,
    and one for a title or agency too long for the document properties (cut there).
    """
    options = options or ExportOptions()
    if warn is not None:
        from goaleditor.formats.layout.glyphs import glyph_warnings

        for line in glyph_warnings(document) + review_sheet_warnings(document, options, True):
            warn(line)
    # Layout makes hundreds of thousands of small acyclic objects; the cycle collector
    # would walk them again and again for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        atomic_write(path, lambda temp: _render(document, temp, options, progress, warn))
    finally:
        if collecting:
            gc.enable()


def layout_pages(
    document: Document,
    progress: Progress | None = None,
    width: TextWidth | None = None,
    title_width: TextWidth | None = None,
    options: ExportOptions | None = None,
) -> list[list[Page]]:
    """Every printed table's pages (its goal table or its 审核表), in document order."""
    width = width or TextWidth(SONG, BODY_SIZE)
    title_width = title_width or TextWidth(HEI, TITLE_SIZE)
    cache: dict[tuple[str, float], list[str]] = {}
    result = []
    printed, build = printed_tables(document, options), grid_maker(options)
    total = len(printed)
    for done, (number, table) in enumerate(printed, 1):
        result.append(paginate(build(document, table, number, width, title_width, cache)))
        check_progress(progress, done, total * 2)
    return result


def _render(
    document: Document,
    temp: Path,
    options: ExportOptions,
    progress: Progress | None,
    warn: ExportWarn | None,
) -> None:
    from reportlab import rl_config
    from reportlab.pdfgen.canvas import Canvas

    rl_config.useA85 = 0  # binary compressed streams: smaller, and no slow ASCII85 pass

    body, title = TextWidth(SONG, BODY_SIZE), TextWidth(HEI, TITLE_SIZE)
    tables = layout_pages(document, progress, body, title, options)
    with_toc = options.toc and len(tables) > 1 and with_contents(options)
    toc = toc_pages(document, tables, body, title) if with_toc else []
    canvas = Canvas(
        str(temp),
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        initialFontName=SONG,
        initialFontSize=BODY_SIZE,
        initialLeading=LEADING,
        pageCompression=1,
        lang="zh-CN",
    )
    first_title = tables[0][0].title.replace("\n", " ") if tables and tables[0] else ""
    heading = clean_text(document.title or first_title or SUBJECT)
    canvas.setTitle(fit_property(heading, PDF_PROPERTY_CHARS, "标题", warn))
    canvas.setSubject(SUBJECT)
    agency = clean_text(document.agency_name)
    canvas.setAuthor(fit_property(agency, PDF_PROPERTY_CHARS, "单位名称", warn))
    # Layouts without an agency line print neither: these two properties bring them back.
    code = clean_text(document.agency_code)
    canvas.setKeywords(fit_property(code, PDF_PROPERTY_CHARS, "单位编码", warn))
    canvas.setCreator("goaleditor")
    canvas.showOutline()
    painter = _Painter(canvas, body, title)
    page_number = 0
    for index, toc_page in enumerate(toc):
        page_number += 1
        if index == 0:
            _bookmark(canvas, TOC_KEY, "目录")
        painter.toc_page(toc_page)
        painter.finish_page(page_number if options.page_numbers else 0)
    total = len(tables)
    for done, pages in enumerate(tables, 1):
        for index, page in enumerate(pages):
            page_number += 1
            if index == 0:
                _bookmark(canvas, table_key(page.table_number), page.title)
            painter.table_page(page)
            painter.finish_page(page_number if options.page_numbers else 0)
        check_progress(progress, total + done, total * 2)
    if page_number == 0:
        canvas.drawString(MARGIN_LEFT, PAGE_HEIGHT - MARGIN_TOP, "（文档中没有绩效目标表）")
        canvas.showPage()
    canvas.save()


def table_key(number: int) -> str:
    """The PDF destination of a table's first page (outline and 目录 links go there)."""
    return f"table{number}"


def _bookmark(canvas: Any, key: str, title: str) -> None:
    """A destination at the top of the current page and its outline entry."""
    canvas.bookmarkPage(key, fit="XYZ", left=0, top=PAGE_HEIGHT, zoom=0)
    canvas.addOutlineEntry(clean_text(title).replace("\n", " "), key, level=0)


def line_positions(cell: PlacedCell, body: TextWidth) -> list[tuple[float, float, str]]:
    """Where each line of a placed cell starts: (x, baseline y from the page's bottom, line)."""
    size = cell.size
    content = len(cell.lines) * LEADING
    baseline = (
        PAGE_HEIGHT - cell.y - (cell.height - content) / 2 - (LEADING - size) / 2 - size * 0.88
    )
    found = []
    for line in cell.lines:
        if cell.align == "left":
            x = cell.x + PAD_X
        else:
            free = cell.width - 2 * PAD_X - body(line) * size / BODY_SIZE
            x = cell.x + PAD_X + (free / 2 if cell.align == "center" else free)
        found.append((x, baseline, line))
        baseline -= LEADING
    return found


def _cell_borders(cells: list[PlacedCell]) -> str:
    """Every cell's rectangle as one PDF path: what reportlab's path.rect per cell and
    drawPath write, without a call per cell."""
    from reportlab.lib.rl_accel import fp_str

    if not cells:
        return ""
    rects = [
        f"{fp_str(cell.x, PAGE_HEIGHT - cell.y - cell.height, cell.width, cell.height)} re"
        for cell in cells
    ]
    return "n " + " ".join(rects)


class _TextBlock:
    """One PDF text object per page for all cell lines, each distinct line encoded once.

    This is what reportlab's TextObject.textOut does, minus re-encoding the many lines
    that repeat across tables (labels, units, level names) and minus one BT/ET per line.
    """

    def __init__(self, canvas: Any, font_name: str, size: float) -> None:
        from reportlab.lib.rl_accel import fp_str
        from reportlab.pdfbase import pdfmetrics

        self._canvas = canvas
        self._font = pdfmetrics.getFont(font_name)
        self._fp = fp_str
        self._size = size
        self._select = f"{fp_str(size)} Tf {fp_str(LEADING)} TL"
        self._selects: dict[float, str] = {size: self._select}
        self._encoded: dict[str, list[tuple[int, str]]] = {}
        self._names: dict[int, str] = {}
        self._code: list[str] = []
        self._subset = -1

    def begin(self) -> None:
        self._code = ["BT"]
        self._subset = -1

    def size(self, size: float) -> None:
        """Draw the following lines at this font size."""
        if size != self._size:
            self._size = size
            select = self._selects.get(size)
            if select is None:
                select = self._selects[size] = f"{self._fp(size)} Tf {self._fp(LEADING)} TL"
            self._select = select
            self._subset = -1  # select the font again, at this size

    def line(self, x: float, y: float, text: str) -> None:
        """One line of text starting at (x, y)."""
        self.lines(((x, y, text),))

    def lines(self, placed: Iterable[tuple[float, float, str]]) -> None:
        """Lines of text, each starting at its (x, y) (the loop of every cell's lines)."""
        encoded, fp = self._encoded, self._fp
        append = self._code.append
        for x, y, text in placed:
            runs = encoded.get(text)
            if runs is None:
                runs = self._encode(text)
            append(f"1 0 0 1 {fp(x, y)} Tm")
            for subset, shown in runs:
                if subset != self._subset:
                    self._select_subset(subset)
                append(shown)

    def _encode(self, text: str) -> list[tuple[int, str]]:
        doc, escape = self._canvas._doc, self._canvas._escape
        runs = [
            (subset, f"({escape(chars)}) Tj") for subset, chars in self._font.splitString(text, doc)
        ]
        self._encoded[text] = runs
        return runs

    def _select_subset(self, subset: int) -> None:
        name = self._names.get(subset)
        if name is None:
            name = self._font.getSubsetInternalName(subset, self._canvas._doc)
            self._names[subset] = name
        self._code.append(f"{name} {self._select}")
        self._subset = subset

    def end(self) -> None:
        self._code.append("ET")
        self._canvas._code.append(" ".join(self._code))


class _Painter:
    """Draws pages on the canvas with precomputed widths (no layout happens here)."""

    def __init__(self, canvas: object, body: TextWidth, title: TextWidth) -> None:
        self.c = canvas
        self.body = body
        self.title = title
        self.cells_text = _TextBlock(canvas, SONG, BODY_SIZE)

    def finish_page(self, number: int) -> None:
        c = self.c
        if number:
            text = f"- {number} -"
            c.setFont(SONG, 9)  # type: ignore[attr-defined]
            c.drawString((PAGE_WIDTH - self.body(text) * 9 / BODY_SIZE) / 2, FOOTER_Y, text)  # type: ignore[attr-defined]
        c.showPage()  # type: ignore[attr-defined]

    def table_page(self, page: Page) -> None:
        c = self.c
        c.setFont(HEI, TITLE_SIZE)  # type: ignore[attr-defined]
        y = PAGE_HEIGHT - MARGIN_TOP - TITLE_SIZE
        for line in page.title_lines:
            c.drawString((PAGE_WIDTH - self.title(line)) / 2, y, line)  # type: ignore[attr-defined]
            y -= TITLE_LEADING
        c.setFont(SONG, BODY_SIZE)  # type: ignore[attr-defined]
        if page.title_only:
            return
        agency_y = PAGE_HEIGHT - page.agency_y
        unit_x = MARGIN_LEFT + TABLE_WIDTH - self.body(page.unit)
        agency = wrap(
            clean_text(page.agency).replace("\n", " "), unit_x - MARGIN_LEFT - 10, self.body
        )
        c.drawString(MARGIN_LEFT, agency_y, agency[0] if agency else "")  # type: ignore[attr-defined]
        c.drawString(unit_x, agency_y, page.unit)  # type: ignore[attr-defined]
        c.setLineWidth(0.6)  # type: ignore[attr-defined]
        self.cells_text.begin()
        for cell in page.cells:
            self._cell_text(cell)
        c._code.append(_cell_borders(page.cells))  # type: ignore[attr-defined]
        c._code.append("S")  # type: ignore[attr-defined]  # stroked, not filled
        self.cells_text.end()

    def _cell_text(self, cell: PlacedCell) -> None:
        if not cell.lines:
            return
        self.cells_text.size(cell.size)
        self.cells_text.lines(line_positions(cell, self.body))

    def toc_page(self, lines: list[TocLine]) -> None:
        c = self.c
        y = PAGE_HEIGHT - MARGIN_TOP
        for entry in lines:
            if entry.page == -1:
                title_lines = toc_heading(entry.text, self.title)
                c.setFont(HEI, TITLE_SIZE)  # type: ignore[attr-defined]
                for line in title_lines:
                    y -= TITLE_SIZE * 1.3
                    c.drawString((PAGE_WIDTH - self.title(line)) / 2, y, line)  # type: ignore[attr-defined]
                y -= 14  # keep in step with toc_heading_height
                c.drawString((PAGE_WIDTH - self.title("目录")) / 2, y - TITLE_SIZE, "目录")  # type: ignore[attr-defined]
                y -= TITLE_SIZE + 20
                c.setFont(SONG, BODY_SIZE)  # type: ignore[attr-defined]
                continue
            y -= LEADING + (TOC_ENTRY_GAP / 2 if entry.page else 0)
            c.drawString(MARGIN_LEFT, y, entry.text)  # type: ignore[attr-defined]
            box = (MARGIN_LEFT, y - 3, MARGIN_LEFT + TABLE_WIDTH, y + BODY_SIZE)
            c.linkRect("", table_key(entry.table), box, relative=0, thickness=0)  # type: ignore[attr-defined]
            if entry.page:
                number = str(entry.page)
                right = MARGIN_LEFT + TABLE_WIDTH
                number_x = right - self.body(number)
                dots_start = MARGIN_LEFT + self.body(entry.text) + 6
                dot = self.body("·")
                count = max(0, int((number_x - 6 - dots_start) // dot))
                c.drawString(number_x - 4 - count * dot, y, "·" * count)  # type: ignore[attr-defined]
                c.drawString(number_x, y, number)  # type: ignore[attr-defined]
