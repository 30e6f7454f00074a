"""Word export in the official layout: the shared layout grid as real Word tables.

The package and its 目录 are made here; each goal table's XML in word_tables.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
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
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TABLE_WIDTH,
    TITLE_SIZE,
)
from goaleditor.formats.layout.official import (
    DEFAULT_HEADING,
    heading_of,
    table_title,
    toc_entry,
)
from goaleditor.formats.layout.pagination import paginate
from goaleditor.formats.layout.review_sheet_tables import (
    GridMaker,
    grid_maker,
    printed_tables,
    review_sheet_warnings,
    with_contents,
)
from goaleditor.formats.writers.properties import CORE_PROPERTY_CHARS, fit_property
from goaleditor.formats.writers.word_tables import BOOKMARK, _table
from goaleditor.formats.writers.word_xml import (
    HEI_NAME,
    SONG_NAME,
    _clean,
    _field_run,
    _paragraph,
    _rpr,
    _run,
    twips,
)
from goaleditor.model.document import Document, GoalTable

SUBJECT = DEFAULT_HEADING
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
META_PREFIX = "goaleditor."  # custom property names, as in the workbook export
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
_SPOOL_CHUNK = 1 << 20
_CACHE_ENTRIES = 20_000  # line-broken texts kept for the next tables


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
    if warn is not None:
        for line in review_sheet_warnings(document, options):
            warn(line)
    atomic_write(path, lambda temp: _save(*_build(document, progress, warn, options), temp))


def _build(
    document: Document,
    progress: Progress | None,
    warn: ExportWarn | None,
    options: ExportOptions | None = None,
) -> tuple[Any, Iterator[str | bytes]]:
    """The Word document without its body, and the body's XML, made as it is written."""
    import docx

    word = docx.Document()
    _page_setup(word)
    _defaults(word)
    _properties(word, document, warn)
    printed = printed_tables(document, options)
    toc = with_contents(options) and len(printed) > 1
    return word, _body(document, printed, grid_maker(options), progress, toc)


def _body(
    document: Document,
    printed: list[tuple[int, GoalTable]],
    build: GridMaker,
    progress: Progress | None,
    toc: bool,
) -> Iterator[str | bytes]:
    """The body's XML in pieces: the 目录, then each table; progress after each table.

    Each table's grid is made, written and dropped in turn, so memory does not grow with the
    tables. The 目录 comes first but needs every table's page count: with one, the tables'
    XML waits in a temporary file (on disk, not in memory) until the 目录 is written.
    """
    body, title_width = TextWidth(SONG, BODY_SIZE), TextWidth(HEI, TITLE_SIZE)
    cache: dict[tuple[str, float], list[str]] = {}
    total = len(printed)

    def tables(page_counts: list[int]) -> Iterator[str]:
        for index, (number, table) in enumerate(printed):
            grid = build(document, table, number, body, title_width, cache)
            if toc:
                page_counts.append(len(paginate(grid)))
            yield "".join(_table(grid, page_break=toc or index > 0))
            if len(cache) > _CACHE_ENTRIES:  # most texts are a table's own: keep memory flat
                cache.clear()
            check_progress(progress, index + 1, total)

    if not printed:
        yield _paragraph([_run("（文档中没有绩效目标表）", SONG_NAME, BODY_SIZE)])
    elif not toc:
        yield from tables([])
    else:
        with tempfile.TemporaryFile() as spool:
            page_counts: list[int] = []
            for piece in tables(page_counts):
                spool.write(piece.encode())
            numbers = [number for number, _ in printed]
            yield from _toc(document, numbers, page_counts, body, title_width)
            spool.seek(0)
            while chunk := spool.read(_SPOOL_CHUNK):
                yield chunk


def _save(word: Any, body: Iterable[str | bytes], temp: Path) -> None:
    """Save the package with the body streamed into word/document.xml.

    Inserting a large tree into python-docx's document moves it between lxml documents,
    which takes time quadratic in its size (a table of 4,000 indicators took minutes).
    """
    import zipfile
    from io import BytesIO

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
            with target.open(info.filename, "w") as member:
                member.write(xml[:at].encode())
                for piece in body:
                    member.write(piece if isinstance(piece, bytes) else piece.encode())
                member.write(xml[at:].encode())


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
    if document.is_self_evaluation:  # its scoring rules: the form alone does not tell them
        values["scoring"] = document.scoring
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


def _toc(
    document: Document,
    numbers: list[int],
    page_counts: list[int],
    body: TextWidth,
    title_width: TextWidth,
) -> list[str]:
    """The 目录 page: the document title, 目录, and one linked entry a table with its page."""
    # The 目录's packing needs only each table's number of pages.
    pages = [range(count) for count in page_counts]
    number = toc_page_count(document, pages, body, title_width) + 1
    heading = heading_of(document)
    parts = [
        _paragraph([_run(heading, HEI_NAME, TITLE_SIZE)], "center", TITLE_SIZE * 1.3, 14),
        _paragraph([_run("目录", HEI_NAME, TITLE_SIZE)], "center", TITLE_SIZE * 1.3, 14),
    ]
    dots = f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{twips(TABLE_WIDTH)}"/></w:tabs>'
    for table_number, table, table_pages in zip(numbers, document.tables, page_counts, strict=True):
        bookmark = BOOKMARK.format(table_number)
        entry = toc_entry(table_number, table, document)
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
        number += table_pages
    return parts
