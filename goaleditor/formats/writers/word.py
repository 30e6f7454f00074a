"""Word export in the official layout: the shared layout grid as real Word tables.

Each goal table is two Word tables with one grid: the head (项目名称 … 绩效目标) and the
indicators, whose first row (一级指标 … 指标值) is the repeated header row. Word, WPS and
LibreOffice repeat only the leading rows of a table, so the header row must lead its own
table; a hidden 1 pt paragraph between the two keeps Word from joining them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import accumulate, pairwise
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from goaleditor.files.atomic import atomic_write
from goaleditor.formats.exporting import ExportOptions, ExportWarn, Progress, check_progress
from goaleditor.formats.layout.contents import toc_page_count
from goaleditor.formats.layout.fonts import HEI, SONG, TextWidth
from goaleditor.formats.layout.grid import (
    BODY_SIZE,
    FOOTER_Y,
    LEADING,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MIN_ROW_HEIGHT,
    PAD_X,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TABLE_WIDTH,
    TITLE_GAP,
    TITLE_LEADING,
    TITLE_SIZE,
    Cell,
    TableGrid,
)
from goaleditor.formats.layout.line_breaking import clean_text
from goaleditor.formats.layout.official import (
    DEFAULT_HEADING,
    build_grid,
    heading_of,
    table_title,
    toc_entry,
)
from goaleditor.formats.layout.pagination import paginate
from goaleditor.formats.writers.properties import CORE_PROPERTY_CHARS, fit_property
from goaleditor.formats.writers.word_numbers import fitting_size, is_number
from goaleditor.model.document import Document

SONG_NAME, HEI_NAME = "宋体", "黑体"
SUBJECT = DEFAULT_HEADING
BOOKMARK = "_GoalTable{}"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
META_PREFIX = "goaleditor."  # custom property names, as in the workbook export
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
# Characters XML 1.0 cannot hold (lxml refuses them); clean_text drops the control ones.
_XML_ILLEGAL = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# What a page holds below the title and the agency line: rows taller than it may split.
_ROW_CAPACITY = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM - 2 * TITLE_LEADING - 2 * MIN_ROW_HEIGHT


def twips(points: float) -> int:
    """Points to twentieths of a point, Word's unit for lengths."""
    return round(points * 20)


def write(
    document: Document,
    path: Path,
    *,
    options: ExportOptions | None = None,
    progress: Progress | None = None,
    warn: ExportWarn | None = None,
) -> None:
    """Write the document as a Word .docx in the official layout, atomically; warn hears of
    a title or agency too long for the document properties (cut there)."""
    atomic_write(path, lambda temp: _save(*_build(document, progress, warn), temp))


def column_twips(col_widths: Iterable[float]) -> list[int]:
    """Column widths in twips whose sum is exactly the rounded table width."""
    edges = [0.0, *accumulate(col_widths)]
    return [twips(b) - twips(a) for a, b in pairwise(edges)]


def _build(
    document: Document, progress: Progress | None, warn: ExportWarn | None
) -> tuple[Any, Iterator[str]]:
    """The Word document without its body, and the body's XML, made as it is written."""
    import docx

    word = docx.Document()
    _page_setup(word)
    _defaults(word)
    _properties(word, document, warn)
    body, title_width = TextWidth(SONG, BODY_SIZE), TextWidth(HEI, TITLE_SIZE)
    cache: dict[tuple[str, float], list[str]] = {}
    grids = []
    total = len(document.tables)
    for number, table in enumerate(document.tables, 1):
        grids.append(build_grid(document, table, number, body, title_width, cache))
        check_progress(progress, number, total * 2)
    return word, _body(document, grids, body, title_width, progress)


def _body(
    document: Document,
    grids: list[TableGrid],
    body: TextWidth,
    title_width: TextWidth,
    progress: Progress | None,
) -> Iterator[str]:
    """The body's XML in pieces: the 目录, then each table; progress after each table."""
    total = len(grids)
    if total > 1:
        yield from _toc(document, grids, body, title_width)
    for index, grid in enumerate(grids):
        yield from _table(grid, page_break=total > 1 or index > 0)
        check_progress(progress, total + index + 1, total * 2)
    if not grids:
        yield _paragraph([_run("（文档中没有绩效目标表）", SONG_NAME, BODY_SIZE)])


def _save(word: Any, body: Iterator[str], temp: Path) -> None:
    """Save the package with the body streamed into word/document.xml.

    Inserting a large tree into python-docx's document moves it between lxml documents,
    which takes time quadratic in its size (a table of 4,000 indicators took minutes).
    """
    import zipfile
    from io import BytesIO, TextIOWrapper

    from docx.opc.oxml import serialize_part_xml

    package = BytesIO()
    word.save(package)
    xml = serialize_part_xml(word.element).decode()
    at = xml.rindex("<w:sectPr")  # the body's last child: the tables go before it
    with (
        zipfile.ZipFile(package) as source,
        zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if info.filename != "word/document.xml":
                target.writestr(info, source.read(info))
                continue
            raw = target.open(info.filename, "w")
            with TextIOWrapper(raw, encoding="utf-8", newline="") as text:
                text.write(xml[:at])
                for piece in body:
                    text.write(piece)
                text.write(xml[at:])


def _page_setup(word: Any) -> None:
    from docx.shared import Pt

    section = word.sections[0]
    section.page_width, section.page_height = Pt(PAGE_WIDTH), Pt(PAGE_HEIGHT)
    section.left_margin, section.right_margin = Pt(MARGIN_LEFT), Pt(MARGIN_RIGHT)
    section.top_margin, section.bottom_margin = Pt(MARGIN_TOP), Pt(MARGIN_BOTTOM)
    section.header_distance, section.footer_distance = Pt(FOOTER_Y), Pt(FOOTER_Y)
    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    field = [
        _run("- ", SONG_NAME, 9),
        _field_run("begin"),
        f'<w:r>{_rpr(SONG_NAME, 9)}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
        _field_run("separate"),
        _run("1", SONG_NAME, 9),
        _field_run("end"),
        _run(" -", SONG_NAME, 9),
    ]
    replacement = _fragment(_paragraph(field, align="center"))
    paragraph._p.addprevious(replacement)
    paragraph._p.getparent().remove(paragraph._p)


def _fragment(xml: str) -> Any:
    from lxml import etree

    return etree.fromstring(f'<w:body xmlns:w="{W_NS}">{xml}</w:body>'.encode())[0]


def _defaults(word: Any) -> None:
    """Document defaults: 宋体 in every font slot, 五号, Chinese as the East Asian language."""
    styles = word.styles.element
    defaults = styles.find(f"{{{W_NS}}}docDefaults")
    rpr = defaults.find(f"{{{W_NS}}}rPrDefault")
    rpr.getparent().replace(
        rpr,
        _fragment(f"<w:rPrDefault>{_rpr(SONG_NAME, BODY_SIZE, lang=True)}</w:rPrDefault>"),
    )


def _properties(word: Any, document: Document, warn: ExportWarn | None) -> None:
    properties = word.core_properties
    title = _clean(document.title or _first_title(document) or SUBJECT)
    properties.title = fit_property(title, CORE_PROPERTY_CHARS, "标题", warn)
    properties.subject = SUBJECT
    agency = _clean(document.agency_name)
    properties.author = fit_property(agency, CORE_PROPERTY_CHARS, "单位名称", warn)
    properties.language = "zh-CN"
    properties.comments = ""
    properties.keywords = ""
    properties.last_modified_by = "goaleditor"
    _custom_properties(word, document)


def _custom_properties(word: Any, document: Document) -> None:
    """The document fields a layout may not print (the agency line), for a lossless re-import.

    Stored as custom properties under the names the workbook export uses.
    """
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    values = {
        "agency_code": document.agency_code,
        "agency_name": document.agency_name,
        "year": "" if document.year is None else str(document.year),
        "layout": document.layout,
    }
    entries = "".join(
        f'<property fmtid="{_CUSTOM_FMTID}" pid="{pid}" name="{META_PREFIX}{key}">'
        f"<vt:lpwstr>{escape(_clean(value))}</vt:lpwstr></property>"
        for pid, (key, value) in enumerate(values.items(), 2)
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{_CUSTOM_NS}" xmlns:vt="{_VT_NS}">{entries}</Properties>'
    )
    package = word.part.package
    part = Part(
        PackURI("/docProps/custom.xml"), CONTENT_TYPE.OFC_CUSTOM_PROPERTIES, xml.encode(), package
    )
    package.relate_to(part, RELATIONSHIP_TYPE.CUSTOM_PROPERTIES)


def _first_title(document: Document) -> str:
    if not document.tables:
        return ""
    return table_title(1, document.tables[0], document).replace("\n", " ")


def _clean(text: str) -> str:
    return _XML_ILLEGAL.sub("", clean_text(text))


def _rpr(font: str, size: float, lang: bool = False) -> str:
    half_points = round(size * 2)
    fonts = f'w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"'
    language = '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>' if lang else ""
    return (
        f'<w:rPr><w:rFonts {fonts}/><w:sz w:val="{half_points}"/>'
        f'<w:szCs w:val="{half_points}"/>{language}</w:rPr>'
    )


def _run(text: str, font: str, size: float) -> str:
    return f'<w:r>{_rpr(font, size)}<w:t xml:space="preserve">{escape(_clean(text))}</w:t></w:r>'


def _lines(lines: list[str], font: str, size: float) -> str:
    """Runs of lines in one paragraph, each after the first on a new line (a w:br)."""
    return "<w:r><w:br/></w:r>".join(_run(line, font, size) for line in lines)


def _field_run(kind: str) -> str:
    return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'


def _paragraph(
    runs: list[str],
    align: str = "left",
    line: float = LEADING,
    after: float = 0.0,
    keep_next: bool = False,
    page_break: bool = False,
    tabs: str = "",
    hidden: bool = False,
) -> str:
    """One paragraph; pPr children in the schema's order (Word refuses any other)."""
    ppr = [
        "<w:keepNext/>" if keep_next else "",
        "<w:pageBreakBefore/>" if page_break else "",
        tabs,
        f'<w:spacing w:before="0" w:after="{twips(after)}" w:line="{twips(line)}"'
        ' w:lineRule="exact"/>',
        '<w:ind w:left="0" w:right="0" w:firstLine="0"/>',
        f'<w:jc w:val="{ {"left": "left", "center": "center", "right": "right"}[align] }"/>',
        '<w:rPr><w:vanish/><w:sz w:val="2"/></w:rPr>' if hidden else "",
    ]
    return f"<w:p><w:pPr>{''.join(ppr)}</w:pPr>{''.join(runs)}</w:p>"


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
        height = f'<w:trHeight w:val="{twips(MIN_ROW_HEIGHT)}" w:hRule="atLeast"/>'
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


def _toc(
    document: Document, grids: list[TableGrid], body: TextWidth, title_width: TextWidth
) -> list[str]:
    """The 目录 page: the document title, 目录, and one linked entry a table with its page."""
    pages = [paginate(grid) for grid in grids]
    number = toc_page_count(document, pages, body, title_width) + 1
    heading = heading_of(document)
    parts = [
        _paragraph([_run(heading, HEI_NAME, TITLE_SIZE)], "center", TITLE_SIZE * 1.3, 14),
        _paragraph([_run("目录", HEI_NAME, TITLE_SIZE)], "center", TITLE_SIZE * 1.3, 14),
    ]
    dots = f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{twips(TABLE_WIDTH)}"/></w:tabs>'
    for grid, table, table_pages in zip(grids, document.tables, pages, strict=True):
        bookmark = BOOKMARK.format(grid.number)
        entry = toc_entry(grid.number, table, document)
        runs = [
            _run(entry, SONG_NAME, BODY_SIZE),
            "<w:r><w:tab/></w:r>",
            _field_run("begin"),
            f'<w:r><w:instrText xml:space="preserve"> PAGEREF {bookmark} \\h </w:instrText></w:r>',
            _field_run("separate"),
            _run(str(number), SONG_NAME, BODY_SIZE),
            _field_run("end"),
        ]
        link = f'<w:hyperlink w:anchor="{bookmark}" w:history="1">{"".join(runs)}</w:hyperlink>'
        parts.append(_paragraph([link], line=LEADING, after=3, tabs=dots))
        number += len(table_pages)
    return parts
