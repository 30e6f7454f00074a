"""One goal table for the clipboard: HTML (Word, WPS, Excel keep the layout) and TSV."""

from __future__ import annotations

import csv
import io
from html import escape

from goaleditor.formats.layout.grid import (
    BODY_SIZE,
    PAD_X,
    TABLE_WIDTH,
    TITLE_SIZE,
    Cell,
    TableGrid,
)
from goaleditor.formats.layout.line_breaking import clean_text
from goaleditor.formats.layout.official import build_grid
from goaleditor.model.document import Document, GoalTable

SONG_CSS = "宋体, SimSun, 'Noto Serif CJK SC', serif"
HEI_CSS = "黑体, SimHei, 'Noto Sans CJK SC', sans-serif"
BORDER = "0.5pt solid #000000"
# Excel reads mso-number-format: "@" keeps user text as text (no formulas, no number guessing).
_TEXT_FORMAT = "mso-number-format:'\\@';"
# Excel splits a cell at <br> unless told to keep the line in the same cell.
_BREAK = '<br style="mso-data-placement:same-cell">'
_FORMULA_START = ("=", "+", "@")


def table_grid(document: Document, table: GoalTable) -> TableGrid:
    """The table's layout grid (its number from its place in the document); no font needed."""
    number = next((i for i, t in enumerate(document.tables, 1) if t is table), 1)
    return build_grid(document, table, number, _no_width, _no_width)


def _no_width(text: str) -> float:
    """Clipboard targets wrap by themselves: every text fits."""
    return 0.0


def _html_text(text: str) -> str:
    return _BREAK.join(escape(line) for line in clean_text(text).split("\n"))


def table_html(document: Document, table: GoalTable) -> str:
    """A full HTML document for text/html: the title, the agency line, then the table."""
    grid = table_grid(document, table)
    body = "\n".join([_title(grid), _agency(grid), _grid_table(grid)])
    return (
        '<html><head><meta charset="utf-8"></head><body>\n'
        f"<!--StartFragment-->\n{body}\n<!--EndFragment-->\n</body></html>\n"
    )


def _title(grid: TableGrid) -> str:
    style = (
        f"margin:0;text-align:center;font-family:{HEI_CSS};font-size:{TITLE_SIZE:g}pt;"
        "font-weight:normal"
    )
    return f'<p style="{style}">{_html_text(grid.title.replace(chr(10), " "))}</p>'


def _agency(grid: TableGrid) -> str:
    font = f"font-family:{SONG_CSS};font-size:{BODY_SIZE:g}pt;padding:0;border:none;"
    return (
        f'<table style="width:{TABLE_WIDTH:.1f}pt;border-collapse:collapse;border:none">'
        f'<tr><td style="{font}text-align:left">{_html_text(grid.agency)}</td>'
        f'<td style="{font}text-align:right">{_html_text(grid.unit)}</td></tr></table>'
    )


def _grid_table(grid: TableGrid) -> str:
    columns = "".join(
        f'<col width="{round(w * 96 / 72)}" style="width:{w:.1f}pt">' for w in grid.col_widths
    )
    rows = []
    for row in grid.rows:
        cells = "".join(_cell(grid, cell) for cell in row.cells)
        rows.append(f"<tr>{cells}</tr>")
    style = (
        f"width:{TABLE_WIDTH:.1f}pt;border-collapse:collapse;table-layout:fixed;"
        f"border:{BORDER};font-family:{SONG_CSS};font-size:{BODY_SIZE:g}pt"
    )
    return (
        f'<table border="1" cellspacing="0" cellpadding="0" style="{style}">'
        f"<colgroup>{columns}</colgroup>\n" + "\n".join(rows) + "\n</table>"
    )


def _cell(grid: TableGrid, cell: Cell) -> str:
    spans = ""
    if cell.rowspan > 1:
        spans += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        spans += f' colspan="{cell.colspan}"'
    style = (
        f"width:{grid.span_width(cell):.1f}pt;border:{BORDER};padding:0 {PAD_X:g}pt;"
        f"vertical-align:middle;text-align:{cell.align};font-family:{SONG_CSS};"
        f"font-size:{BODY_SIZE:g}pt;{'' if cell.label else _TEXT_FORMAT}"
    )
    return f'<td{spans} style="{style}">{_html_text(cell.text)}</td>'


def _tsv_text(text: str) -> str:
    """Plain text of a cell; a leading = + @ gets a quote so that no sheet runs it."""
    text = clean_text(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def table_tsv(document: Document, table: GoalTable) -> str:
    """The title, the agency line and the grid as tab-separated rows (\\r\\n, as Excel).

    A merged cell's text is in its top-left position, its other positions blank, as Excel
    copies merged cells.
    """
    grid = table_grid(document, table)
    rows: list[list[str]] = [
        [_tsv_text(grid.title)] + [""] * (grid.columns - 1),
        [_tsv_text(grid.agency)] + [""] * (grid.columns - 2) + [grid.unit],
    ]
    for row in grid.rows:
        line = [""] * grid.columns
        for cell in row.cells:
            line[cell.col] = _tsv_text(cell.text)
        rows.append(line)
    out = io.StringIO()
    csv.writer(out, delimiter="\t", lineterminator="\r\n").writerows(rows)
    return out.getvalue()
