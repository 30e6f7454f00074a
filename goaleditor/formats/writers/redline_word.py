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
    TableGrid,
)
from goaleditor.formats.layout.line_breaking import clean_text
from goaleditor.formats.layout.official import agency_line, build_grid, field_text, table_title
from goaleditor.formats.writers.redline_rows import RedlineTable, Whole, redline_tables
from goaleditor.formats.writers.redline_spans import split_marked_spans
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
from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.model.layouts import LayoutProfile, profile_of

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


class _Heads:
    """The lines above a matched table as the old document printed them."""

    def __init__(self, old: Document, new: Document) -> None:
        self.old = old
        self.profile = profile_of(new)
        self._old_profile = profile_of(old)

    def old_lines(self, item: RedlineTable) -> tuple[str, str, str]:
        """The old title, agency line and unit line ("" each for a table not matched)."""
        table = item.old_table
        if table is None:
            return "", "", ""
        title = table_title(item.old_number, table, self.old)
        unit = self._old_profile.unit.format(unit=table.money_unit)
        return title, agency_line(self.old).replace("\n", " "), unit


def _body(old: Document, new: Document, comparison: Comparison) -> Iterator[str]:
    marks = _Marks()
    heads = _Heads(old, new)
    body, title_width = TextWidth(SONG, BODY_SIZE), TextWidth(HEI, TITLE_SIZE)
    cache: dict[tuple[str, float], list[str]] = {}
    tables = redline_tables(old, new, comparison)
    for index, item in enumerate(tables):
        source = old if item.whole == "del" else new
        grid = build_grid(source, item.table, item.number, body, title_width, cache)
        yield from _table(grid, item, heads, marks, page_break=index > 0)
    if not tables:
        yield _paragraph([_run("（文档中没有绩效目标表）", SONG_NAME, BODY_SIZE)])


def _table(
    grid: TableGrid, item: RedlineTable, heads: _Heads, marks: _Marks, page_break: bool
) -> Iterator[str]:
    """Title, agency line, the head table and the indicator table, marked."""
    old_title, old_agency, old_unit = heads.old_lines(item)
    agency = grid.agency.replace("\n", " ")
    if item.whole:
        title = marks.text(grid.title, item.whole, HEI_NAME, TITLE_SIZE)
        agency_runs = marks.text(agency, item.whole, SONG_NAME, BODY_SIZE)
        unit_runs = marks.text(grid.unit, item.whole, SONG_NAME, BODY_SIZE)
    else:
        title = marks.changed(old_title or grid.title, grid.title, HEI_NAME, TITLE_SIZE)
        agency_runs = marks.changed(old_agency, agency, SONG_NAME, BODY_SIZE)
        unit_runs = marks.changed(old_unit, grid.unit, SONG_NAME, BODY_SIZE)
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
    writer = _TableWriter(grid, item, heads.profile, marks)
    split_marked_spans(grid, writer.row_mark)
    writer.cover = covering(grid)
    if grid.header_row:
        yield from writer.rows(0, grid.header_row, bottom=False)
        yield _paragraph([], line=1, keep_next=True, hidden=True)
    yield from writer.rows(grid.header_row, len(grid.rows), bottom=True)


class _TableWriter:
    """Rows of one goal table's grid as Word table XML with their tracked changes."""

    def __init__(
        self,
        grid: TableGrid,
        item: RedlineTable,
        profile: LayoutProfile,
        marks: _Marks,
    ) -> None:
        self.grid, self.item, self.profile, self.marks = grid, item, profile, marks
        self.cover: list[list[Cell | None]] = []
        self.widths = column_twips(grid.col_widths)

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
        mark = self.row_mark(index)
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
            cells.append(self._cell(span, shown, merge, self._cell_mark(cell, mark)))
            col += cell.colspan
        return f"<w:tr><w:trPr>{row_pr}</w:trPr>{''.join(cells)}</w:tr>"

    def _cell_mark(self, cell: Cell, mark: Whole) -> Whole:
        """A merged cell's text is marked only when every row it spans is (a 一级 name over
        a deleted row and kept ones stays when the deletion is accepted)."""
        if cell.rowspan == 1 or not mark:
            return mark
        spanned = range(cell.row, cell.row + cell.rowspan)
        return mark if all(self.row_mark(row) == mark for row in spanned) else ""

    def row_mark(self, index: int) -> Whole:
        """How a grid row is marked: inserted, deleted, or kept ("")."""
        row = self.grid.rows[index]
        if self.item.whole:
            return self.item.whole
        if row.kind != "indicator":
            return ""
        sources = [c.source for c in row.cells if c.field and c.field.startswith("indicator.")]
        return self.item.mark_of(sources[0]) if sources else ""

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
        before = None if mark else self._old_text(cell)
        if before is not None and before != text:
            runs = self.marks.deleted(before, SONG_NAME, size) + self.marks.text(
                text, "ins", SONG_NAME, size
            )
        else:
            runs = self.marks.text(text, mark, SONG_NAME, size)
        return f"<w:tc>{cell_pr}{_paragraph([runs], cell.align)}</w:tc>"

    def _old_text(self, cell: Cell) -> str | None:
        """What the cell printed in the old document (None: nothing to compare with)."""
        if cell.label or cell.field is None or cell.computed:  # a score follows what it scores
            return None
        if isinstance(cell.source, GoalTable):
            old_table = self.item.old_table
            if old_table is None or not hasattr(old_table, cell.field):
                return None
            return clean_text(field_text(self.profile, old_table, cell.field))
        key = id(cell.source)
        if cell.field in ("level1", "level2"):
            names = self.item.old_groups.get(key)
            return None if names is None else names[0 if cell.field == "level1" else 1]
        before = self.item.old_of.get(key)
        if before is None:
            return None
        return clean_text(_indicator_text(self.profile, before, cell.field))


def _indicator_text(profile: LayoutProfile, indicator: Indicator, slot_field: str) -> str:
    """An indicator's cell text as the layout prints it (official.indicator_text's rule)."""
    name = slot_field.removeprefix("indicator.")
    if name == "display":
        return profile.display(indicator.comparator, indicator.value, indicator.unit)
    return str(getattr(indicator, name, ""))
