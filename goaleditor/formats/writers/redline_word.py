"""A Word redline: the new document in the official layout with the changes as tracked changes.

A changed cell holds the old text in w:del and the new in w:ins; an added indicator is an
inserted row (w:trPr/w:ins), a removed one a deleted row (w:trPr/w:del) where it stood; an
added or removed table is all inserted or all deleted. Word, WPS and LibreOffice list them
and can accept or reject each. The package, fonts and page are the Word export's.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import count
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from goaleditor.compare import Comparison
from goaleditor.files.atomic import atomic_write
from goaleditor.formats.layout.fonts import HEI, SONG, TextWidth
from goaleditor.formats.layout.grid import (
    BODY_SIZE,
    LEADING,
    MIN_ROW_HEIGHT,
    PAD_X,
    TABLE_WIDTH,
    TITLE_GAP,
    TITLE_LEADING,
    TITLE_SIZE,
    Cell,
)
from goaleditor.formats.layout.line_breaking import clean_text
from goaleditor.formats.layout.redline import MarkedText, RedlineGrid, redline_grids
from goaleditor.formats.layout.redline_rows import Whole
from goaleditor.formats.writers.word import _defaults, _page_setup, _properties, _save
from goaleditor.formats.writers.word_tables import column_twips, covering
from goaleditor.formats.writers.word_xml import (
    HEI_NAME,
    SONG_NAME,
    _clean,
    _paragraph,
    _rpr,
    _run,
    twips,
)
from goaleditor.model.document import Document

AUTHOR = "goaleditor"
# A fixed date: the same two documents always give the same file.
DATE = "2000-01-01T00:00:00Z"
_BREAK = "<w:r><w:br/></w:r>"


def write_redline(old: Document, new: Document, comparison: Comparison, path: Path) -> None:
    """Write the redline of old → new as a .docx with tracked changes, atomically."""
    atomic_write(path, lambda temp: _save(_package(new), _body(old, new, comparison), temp))


def _package(new: Document) -> Any:
    import docx

    word = docx.Document()
    _page_setup(word)
    _defaults(word)
    _properties(word, new, None)
    return word


class _Marks:
    """Tracked-change wrappers, each with its own id."""

    def __init__(self) -> None:
        self._ids = count(1)

    def attributes(self) -> str:
        """The id, author and date every w:ins and w:del carries."""
        return f'w:id="{next(self._ids)}" w:author="{AUTHOR}" w:date="{DATE}"'

    def inserted(self, runs: str) -> str:
        """Runs as inserted text."""
        return f"<w:ins {self.attributes()}>{runs}</w:ins>" if runs else ""

    def deleted(self, text: str, font: str, size: float) -> str:
        """A text as deleted runs (w:delText), its lines kept apart."""
        if not text:
            return ""
        runs = _BREAK.join(
            f'<w:r>{_rpr(font, size)}<w:delText xml:space="preserve">'
            f"{escape(_clean(line))}</w:delText></w:r>"
            for line in text.split("\n")
        )
        return f"<w:del {self.attributes()}>{runs}</w:del>"

    def changed(self, before: str, after: str, font: str, size: float) -> str:
        """The old text deleted and the new inserted; the text alone when they are the same."""
        if before == after:
            return self.text(after, "", font, size)
        return self.deleted(before, font, size) + self.text(after, "ins", font, size)

    def text(self, text: str, mark: Whole, font: str, size: float) -> str:
        """A text as plain, inserted or deleted runs."""
        if not text:
            return ""
        if mark == "del":
            return self.deleted(text, font, size)
        runs = _BREAK.join(_run(line, font, size) for line in text.split("\n"))
        return self.inserted(runs) if mark == "ins" else runs


def _body(old: Document, new: Document, comparison: Comparison) -> Iterator[str]:
    marks = _Marks()
    body, title_width = TextWidth(SONG, BODY_SIZE), TextWidth(HEI, TITLE_SIZE)
    redlines = redline_grids(old, new, comparison, body, title_width, cut_marked_heads=True)
    for index, redline in enumerate(redlines):
        yield from _table(redline, marks, page_break=index > 0)
    if not redlines:
        yield _paragraph([_run("（文档中没有绩效目标表）", SONG_NAME, BODY_SIZE)])


def _line(line: MarkedText, marks: _Marks, font: str, size: float) -> str:
    """A line above the table as runs: marked with its table, or old deleted and new inserted."""
    if line.changed:
        assert line.old is not None
        return marks.changed(line.old, line.text, font, size)
    return marks.text(line.text, line.mark, font, size)


def _table(redline: RedlineGrid, marks: _Marks, page_break: bool) -> Iterator[str]:
    """Title, agency line, the head table and the indicator table, marked."""
    grid = redline.grid
    title = _line(redline.title, marks, HEI_NAME, TITLE_SIZE)
    agency_runs = _line(redline.agency, marks, SONG_NAME, BODY_SIZE)
    unit_runs = _line(redline.unit, marks, SONG_NAME, BODY_SIZE)
    right_tab = f'<w:tabs><w:tab w:val="right" w:pos="{twips(TABLE_WIDTH)}"/></w:tabs>'
    yield _paragraph(
        [title], "center", TITLE_LEADING, TITLE_GAP, keep_next=True, page_break=page_break
    )
    yield _paragraph(
        [agency_runs, "<w:r><w:tab/></w:r>", unit_runs],
        line=LEADING,
        after=6,
        keep_next=True,
        tabs=right_tab,
    )
    writer = _TableWriter(redline, marks)
    if grid.header_row:
        yield from writer.rows(0, grid.header_row, bottom=False)
        yield _paragraph([], line=1, keep_next=True, hidden=True)
    yield from writer.rows(grid.header_row, len(grid.rows), bottom=True)


class _TableWriter:
    """Rows of one goal table's grid as Word table XML with their tracked changes."""

    def __init__(self, redline: RedlineGrid, marks: _Marks) -> None:
        self.redline, self.grid, self.marks = redline, redline.grid, marks
        self.cover = covering(redline.grid)
        self.widths = column_twips(redline.grid.col_widths)

    def rows(self, first: int, stop: int, bottom: bool) -> Iterator[str]:
        """A Word table of grid rows first to stop."""
        border = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'
        edges = ["top", "left", "bottom", "right", "insideH", "insideV"]
        borders = "".join(
            f'<w:{e} w:val="nil"/>' if e == "bottom" and not bottom else f"<w:{e} {border}/>"
            for e in edges
        )
        pad = twips(PAD_X)
        columns = "".join(f'<w:gridCol w:w="{w}"/>' for w in self.widths)
        yield (
            f'<w:tbl><w:tblPr><w:tblW w:w="{sum(self.widths)}" w:type="dxa"/>'
            f'<w:jc w:val="center"/><w:tblBorders>{borders}</w:tblBorders>'
            '<w:tblLayout w:type="fixed"/>'
            f'<w:tblCellMar><w:left w:w="{pad}" w:type="dxa"/>'
            f'<w:right w:w="{pad}" w:type="dxa"/></w:tblCellMar></w:tblPr>'
            f"<w:tblGrid>{columns}</w:tblGrid>"
        )
        for index in range(first, stop):
            yield self._row(index)
        yield "</w:tbl>"

    def _row(self, index: int) -> str:
        row = self.grid.rows[index]
        mark = self.redline.row_marks[index]
        change = f"<w:{mark} {self.marks.attributes()}/>" if mark else ""
        row_pr = (
            f'<w:trHeight w:val="{twips(MIN_ROW_HEIGHT)}" w:hRule="atLeast"/>'
            f"{'<w:tblHeader/>' if row.kind == 'header' else ''}{change}"
        )
        cells, col = [], 0
        while col < len(self.widths):
            cell = self.cover[index][col]
            if cell is None:
                cells.append(self._cell(self.widths[col : col + 1], None, "", mark))
                col += 1
                continue
            merge = ""
            if cell.rowspan > 1:
                merge = '<w:vMerge w:val="restart"/>' if cell.row == index else "<w:vMerge/>"
            shown = cell if cell.row == index else None
            span = self.widths[cell.col : cell.col + cell.colspan]
            cells.append(self._cell(span, shown, merge, self.redline.cell_mark(cell)))
            col += cell.colspan
        return f"<w:tr><w:trPr>{row_pr}</w:trPr>{''.join(cells)}</w:tr>"

    def _cell(self, span: list[int], cell: Cell | None, merge: str, mark: Whole) -> str:
        grid_span = f'<w:gridSpan w:val="{len(span)}"/>' if len(span) > 1 else ""
        cell_pr = (
            f'<w:tcPr><w:tcW w:w="{sum(span)}" w:type="dxa"/>{grid_span}{merge}'
            '<w:vAlign w:val="center"/></w:tcPr>'
        )
        if cell is None:
            return f"<w:tc>{cell_pr}{_paragraph([])}</w:tc>"
        size = cell.size or BODY_SIZE
        text = clean_text(cell.text)
        before = self.redline.old_text(cell)
        if before is not None:
            runs = self.marks.deleted(before, SONG_NAME, size) + self.marks.text(
                text, "ins", SONG_NAME, size
            )
        else:
            runs = self.marks.text(text, mark, SONG_NAME, size)
        return f"<w:tc>{cell_pr}{_paragraph([runs], cell.align)}</w:tc>"
