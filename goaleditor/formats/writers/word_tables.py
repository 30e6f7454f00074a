"""A goal table as Word XML: its title, agency line, head table and indicator table.

Each goal table is two Word tables with one grid: the head (项目名称 … 绩效目标) and the
indicators, whose first row (一级指标 … 指标值) is the repeated header row. Word, WPS and
LibreOffice repeat only the leading rows of a table, so the header row must lead its own
table; a hidden 1 pt paragraph between the two keeps Word from joining them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import accumulate, pairwise

from goaleditor.formats.layout.grid import (
    BODY_SIZE,
    LEADING,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MIN_ROW_HEIGHT,
    PAD_X,
    PAGE_HEIGHT,
    TABLE_WIDTH,
    TITLE_GAP,
    TITLE_LEADING,
    TITLE_SIZE,
    Cell,
    TableGrid,
)
from goaleditor.formats.layout.line_breaking import clean_text
from goaleditor.formats.writers.word_numbers import fitting_size, is_number
from goaleditor.formats.writers.word_xml import (
    HEI_NAME,
    SONG_NAME,
    _lines,
    _paragraph,
    _run,
    twips,
)

BOOKMARK = "_GoalTable{}"
# What a page holds below the title and the agency line: rows taller than it may split.
_ROW_CAPACITY = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM - 2 * TITLE_LEADING - 2 * MIN_ROW_HEIGHT


def column_twips(col_widths: Iterable[float]) -> list[int]:
    """Column widths in twips whose sum is exactly the rounded table width."""
    edges = [0.0, *accumulate(col_widths)]
    return [twips(b) - twips(a) for a, b in pairwise(edges)]


def _table(grid: TableGrid, page_break: bool) -> Iterator[str]:
    """Title, agency line, the head table, a hidden separator and the indicator table."""
    bookmark = BOOKMARK.format(grid.number)
    title = (
        f'<w:bookmarkStart w:id="{grid.number}" w:name="{bookmark}"/>'
        f"{_lines(grid.title.split(chr(10)), HEI_NAME, TITLE_SIZE)}"
        f'<w:bookmarkEnd w:id="{grid.number}"/>'
    )
    right_tab = f'<w:tabs><w:tab w:val="right" w:pos="{twips(TABLE_WIDTH)}"/></w:tabs>'
    agency = [
        _run(grid.agency.replace("\n", " "), SONG_NAME, BODY_SIZE),
        "<w:r><w:tab/></w:r>",
        _run(grid.unit, SONG_NAME, BODY_SIZE),
    ]
    yield _paragraph(
        [title],
        "center",
        TITLE_LEADING,
        TITLE_GAP,
        keep_next=True,
        page_break=page_break,
    )
    yield _paragraph(agency, line=LEADING, after=6, keep_next=True, tabs=right_tab)
    cover = covering(grid)
    if grid.header_row:
        yield from _word_table(grid, cover, 0, grid.header_row, bottom=False)
        yield _paragraph([], line=1, keep_next=True, hidden=True)
    yield from _word_table(grid, cover, grid.header_row, len(grid.rows), bottom=True)


def covering(grid: TableGrid) -> list[list[Cell | None]]:
    """For each grid row and column, the cell that covers it (merged cells included)."""
    columns = len(grid.col_widths)
    cover: list[list[Cell | None]] = [[None] * columns for _ in grid.rows]
    for row in grid.rows:
        for cell in row.cells:
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    cover[r][c] = cell
    return cover


def _word_table(
    grid: TableGrid, cover: list[list[Cell | None]], first: int, stop: int, bottom: bool
) -> Iterator[str]:
    """A Word table of grid rows first to stop, in pieces: its properties, then each row."""
    widths = column_twips(grid.col_widths)
    border = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'
    edges = ["top", "left", "bottom", "right", "insideH", "insideV"]
    borders = "".join(
        f'<w:{e} w:val="nil"/>' if e == "bottom" and not bottom else f"<w:{e} {border}/>"
        for e in edges
    )
    pad = twips(PAD_X)
    table_pr = (
        f'<w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{borders}</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="{pad}" w:type="dxa"/>'
        f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{pad}" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0"'
        ' w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
    )
    columns = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    yield f"<w:tbl>{table_pr}<w:tblGrid>{columns}</w:tblGrid>"
    for index in range(first, stop):
        row = grid.rows[index]
        keep = row.kind != "indicator"
        height = f'<w:trHeight w:val="{twips(row.least_height)}" w:hRule="atLeast"/>'
        row_pr = "".join(
            [
                "<w:cantSplit/>" if row.height <= _ROW_CAPACITY else "",
                height,
                "<w:tblHeader/>" if row.kind == "header" else "",
            ]
        )
        cells = []
        col = 0
        while col < len(widths):
            cell = cover[index][col]
            if cell is None:  # a hole in the grid: an empty cell keeps the columns whole
                cells.append(_word_cell(widths[col : col + 1], None, "", keep))
                col += 1
                continue
            span = widths[cell.col : cell.col + cell.colspan]
            if cell.rowspan == 1:
                merge = ""
            elif cell.row == index:
                merge = '<w:vMerge w:val="restart"/>'
            else:
                merge = "<w:vMerge/>"
            shown = cell if cell.row == index else None
            cells.append(_word_cell(span, shown, merge, keep))
            col += cell.colspan
        yield f"<w:tr><w:trPr>{row_pr}</w:trPr>{''.join(cells)}</w:tr>"
    yield "</w:tbl>"


def _word_cell(span: list[int], cell: Cell | None, merge: str, keep: bool) -> str:
    grid_span = f'<w:gridSpan w:val="{len(span)}"/>' if len(span) > 1 else ""
    size = BODY_SIZE
    no_wrap = ""
    if cell is not None:
        size = cell.size or BODY_SIZE  # a wide number is smaller, on one line
        if len(cell.lines) <= 1 and is_number(cell.text):
            no_wrap = "<w:noWrap/>"  # and small enough to fit in a wider fallback font
            size = fitting_size(cell.text.strip(), sum(span) / 20 - 2 * PAD_X, size)
    cell_pr = (
        f'<w:tcPr><w:tcW w:w="{sum(span)}" w:type="dxa"/>{grid_span}{merge}{no_wrap}'
        '<w:vAlign w:val="center"/></w:tcPr>'
    )
    if cell is None:
        paragraphs = [_paragraph([], keep_next=keep)]
    elif cell.label and len(cell.lines) > 1:  # broken where the layout breaks it (主管部门/及代码)
        paragraphs = [_paragraph([_lines(cell.lines, SONG_NAME, size)], cell.align, keep_next=keep)]
    else:
        paragraphs = [
            _paragraph([_run(text, SONG_NAME, size)] if text else [], cell.align, keep_next=keep)
            for text in clean_text(cell.text).split("\n")
        ]
    return f"<w:tc>{cell_pr}{''.join(paragraphs)}</w:tc>"
