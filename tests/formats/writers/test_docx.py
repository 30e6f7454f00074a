"""Word export: the XML Word expects (merges, widths, header row, fonts, page), texts in place."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

from goaleditor.formats.exporting import ExportCancelled
from goaleditor.formats.layout import grid as layout_grid
from goaleditor.formats.layout import official
from goaleditor.formats.layout.contents import toc_page_count
from goaleditor.formats.layout.fonts import HEI, SONG, TextWidth
from goaleditor.formats.registry import format_for, write_document
from goaleditor.formats.writers.pdf import layout_pages
from goaleditor.formats.writers.word import BOOKMARK, twips, write
from goaleditor.model.document import Document, GoalTable, Indicator
from tests.helpers import note_lines
from tests.strategies import documents

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
BODY = TextWidth(SONG, layout_grid.BODY_SIZE)
TITLE = TextWidth(HEI, layout_grid.TITLE_SIZE)
HEADER_LABELS = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"]


def _xml(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def _int(element: etree._Element, name: str = "val") -> int:
    return int(element.get(W + name))


def _text(element: etree._Element) -> str:
    return "\n".join("".join(p.itertext()) for p in element.iter(W + "p"))


def validate(root: etree._Element, document: Document | None = None) -> list[etree._Element]:
    """Check every table as Word checks it (in the document's layout); returns the tables."""
    from goaleditor.model.layouts import TIANJIN, profile_of

    profile = profile_of(document) if document is not None else TIANJIN
    header_labels = [slot.label for slot in profile.indicator_slots]
    tables = root.findall(".//w:tbl", NS)
    for table in tables:
        columns = [_int(c, "w") for c in table.findall("w:tblGrid/w:gridCol", NS)]
        assert len(columns) == profile.columns and all(w > 0 for w in columns)
        props = table.find("w:tblPr", NS)
        assert _int(props.find("w:tblW", NS), "w") == sum(columns) == twips(layout_grid.TABLE_WIDTH)
        assert props.find("w:tblLayout", NS).get(W + "type") == "fixed"
        above: dict[int, tuple[int, str | None]] = {}  # start column -> (span, vMerge)
        for index, row in enumerate(table.findall("w:tr", NS)):
            col, here = 0, {}
            header = row.find("w:trPr/w:tblHeader", NS) is not None
            assert header == (index == 0 and _cells_text(row) == header_labels)
            for cell in row.findall("w:tc", NS):
                span_el = cell.find("w:tcPr/w:gridSpan", NS)
                span = 1 if span_el is None else _int(span_el)
                width = _int(cell.find("w:tcPr/w:tcW", NS), "w")
                assert width == sum(columns[col : col + span])
                merge_el = cell.find("w:tcPr/w:vMerge", NS)
                merge = None if merge_el is None else (merge_el.get(W + "val") or "continue")
                if merge == "continue":
                    assert above.get(col, (0, None))[0] == span, "continue under a cell of its span"
                    assert above[col][1] in ("restart", "continue")
                    assert _text(cell) == ""
                assert cell.find("w:p", NS) is not None  # Word needs a paragraph in every cell
                here[col] = (span, merge)
                col += span
            assert col == len(columns), f"row {index}: spans add up to {col}"
            above = here
    return tables


def _cells_text(row: etree._Element) -> list[str]:
    return [_text(cell) for cell in row.findall("w:tc", NS)]


@pytest.fixture(scope="module")
def example_docx(tmp_path_factory) -> Path:
    from goaleditor.formats.readers.published_text import read

    doc = read(layout_root() / "resources/examples/binhai-2026-published.txt")
    out = tmp_path_factory.mktemp("docx") / "example.docx"
    write(doc, out)
    return out


def layout_root() -> Path:
    return Path(__file__).resolve().parents[3]


def test_tables_are_valid_word_tables_with_the_header_row_flagged(example_docx: Path) -> None:
    tables = validate(_xml(example_docx))
    assert len(tables) == 12  # each goal table: the head, then the indicators
    for head, indicators in zip(tables[::2], tables[1::2], strict=True):
        assert _cells_text(head.find("w:tr", NS))[0] == "项目名称"
        first = indicators.find("w:tr", NS)
        assert first.find("w:trPr/w:tblHeader", NS) is not None
        rows = indicators.findall("w:tr", NS)
        assert all(r.find("w:trPr/w:cantSplit", NS) is not None for r in rows)
        separator = head.getnext()
        assert separator.tag == W + "p" and separator.getnext() is indicators
        assert separator.find("w:pPr/w:rPr/w:vanish", NS) is not None


def test_python_docx_reads_every_cell_where_the_grid_puts_it(
    example_docx: Path, example_document
) -> None:
    import docx

    word = docx.Document(str(example_docx))
    for number, table in enumerate(example_document.tables, 1):
        grid = official.build_grid(example_document, table, number, BODY, TITLE)
        head, indicators = word.tables[2 * number - 2 : 2 * number]
        for row in grid.rows:
            for cell in row.cells:
                target = head if row.kind == "head" else indicators
                offset = 0 if row.kind == "head" else grid.header_row
                got = target.cell(cell.row - offset, cell.col).text
                # A label prints the grid's lines (python-docx reads a line break as "\n").
                expected = "\n".join(cell.lines) if cell.label else cell.text
                assert got == expected, (number, cell.row, cell.col)


def test_fonts_page_and_one_table_a_page(example_docx: Path, example_document) -> None:
    root = _xml(example_docx)
    size = root.find(".//w:sectPr/w:pgSz", NS)
    assert (_int(size, "w"), _int(size, "h")) == (11906, 16838)  # A4
    margins = root.find(".//w:sectPr/w:pgMar", NS)
    assert _int(margins, "left") == twips(layout_grid.MARGIN_LEFT)
    assert _int(margins, "top") == twips(layout_grid.MARGIN_TOP)
    titles = [p for p in root.iter(W + "p") if p.find("w:pPr/w:pageBreakBefore", NS) is not None]
    assert len(titles) == len(example_document.tables)  # after the 目录, each on a new page
    for number, (title, table) in enumerate(zip(titles, example_document.tables, strict=True), 1):
        assert _text(title) == f"{number}.{table.project_name}绩效目标表"
        fonts = title.find(".//w:r/w:rPr/w:rFonts", NS)
        assert fonts.get(W + "eastAsia") == fonts.get(W + "ascii") == "黑体"
    cell_fonts = {f.get(W + "eastAsia") for f in root.findall(".//w:tbl//w:rFonts", NS)}
    assert cell_fonts == {"宋体"}


def test_toc_links_to_each_title_with_the_pdf_page_numbers(
    example_docx: Path, example_document
) -> None:
    root = _xml(example_docx)
    marks = {m.get(W + "name") for m in root.iter(W + "bookmarkStart")}
    links = root.findall(".//w:hyperlink", NS)
    assert [link.get(W + "anchor") for link in links] == [BOOKMARK.format(n) for n in range(1, 7)]
    assert marks >= {link.get(W + "anchor") for link in links}
    pages = layout_pages(example_document)
    expected = toc_page_count(example_document, pages, BODY, TITLE) + 1
    for link, table_pages in zip(links, pages, strict=True):
        instruction = "".join(t.text for t in link.iter(W + "instrText"))
        assert "PAGEREF" in instruction and link.get(W + "anchor") in instruction
        shown = "".join(t.text for t in link.iter(W + "t"))
        assert shown == f"{table_pages[0].title}{expected}"
        expected += len(table_pages)


def test_hostile_text_is_data(tmp_path: Path) -> None:
    import docx

    weird = "<w:t>&amp; =SUM(A1)\x0b\ufffe😀"
    table = GoalTable.from_rows(
        [("产出指标", "数量指标", Indicator(weird, weird, "定性", weird, ""))],
        project_name=weird,
        goal="第一行\n第二行",
    )
    out = tmp_path / "x.docx"
    write(Document(agency_name=weird, tables=[table]), out)
    validate(_xml(out))
    word = docx.Document(str(out))
    assert word.tables[0].cell(0, 1).text == "<w:t>&amp; =SUM(A1)😀"
    assert word.tables[0].cell(3, 1).text == "第一行\n第二行"
    assert word.core_properties.author == "<w:t>&amp; =SUM(A1)😀"
    assert word.core_properties.subject == "项目支出绩效目标表"


def test_a_long_table_keeps_one_header_row_and_merged_level1(tmp_path: Path) -> None:
    rows = [
        ("产出指标" if i < 40 else "效益指标", "数量指标" if i < 40 else "社会效益指标",
         Indicator(f"指标{i}", "描述" * (i % 7 + 1), "≥", str(i), "个"))
        for i in range(80)
    ]  # fmt: skip
    doc = Document(tables=[GoalTable.from_rows(rows, project_name="长表")])
    out = tmp_path / "long.docx"
    write(doc, out)
    _, indicators = validate(_xml(out))
    flags = [r.find("w:trPr/w:tblHeader", NS) is not None for r in indicators.findall("w:tr", NS)]
    assert flags == [True] + [False] * 80
    merges = [r.find("w:tc/w:tcPr/w:vMerge", NS) for r in indicators.findall("w:tr", NS)[1:]]
    restarts = [m is not None and m.get(W + "val") == "restart" for m in merges]
    assert [i for i, r in enumerate(restarts) if r] == [0, 40]
    assert all(m is not None for m in merges)


def test_a_row_taller_than_a_page_may_split(tmp_path: Path) -> None:
    table = GoalTable.from_rows(
        [("产出指标", "数量指标", Indicator("a", "b", "≥", "1", "个"))],
        goal="很长的绩效目标。" * 900,
    )
    out = tmp_path / "tall.docx"
    write(Document(tables=[table]), out)
    head, _ = validate(_xml(out))
    split = [r.find("w:trPr/w:cantSplit", NS) is None for r in head.findall("w:tr", NS)]
    assert split == [False, False, False, True]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_any_document_gives_valid_tables(tmp_path_factory, doc: Document) -> None:
    out = tmp_path_factory.mktemp("any") / "any.docx"
    write(doc, out)
    tables = validate(_xml(out), doc)
    assert len(tables) == 2 * len(doc.tables)


def test_registered_and_atomic_on_cancel(tmp_path: Path, example_document) -> None:
    fmt = format_for(".DOCX")
    assert fmt is not None and fmt.label == "Word文档"
    out = tmp_path / "x.docx"
    write_document(example_document, out)
    assert zipfile.is_zipfile(out)
    cancelled = tmp_path / "cancelled.docx"
    with pytest.raises(ExportCancelled):
        write(example_document, cancelled, progress=lambda done, total: done < 3)
    assert list(tmp_path.iterdir()) == [out]


def test_empty_document(tmp_path: Path) -> None:
    out = tmp_path / "empty.docx"
    write(Document(), out)
    assert "文档中没有绩效目标表" in _text(_xml(out))


def test_cli_exports_docx(tmp_path: Path, example_path: Path) -> None:
    from tests.helpers import run_cli

    out = tmp_path / "cli.docx"
    result = run_cli("export", example_path, "-o", out)
    assert result.returncode == 0, result.stderr
    assert len(validate(_xml(out))) == 12


def test_reads_back_exactly_through_the_docx_importer(tmp_path: Path, example_document) -> None:
    from goaleditor.formats.readers.word.reader import read
    from tests.compare import document_differences

    path = tmp_path / "example.docx"
    write(example_document, path)
    warnings: list[str] = []
    assert document_differences(read(path, note_lines(warnings)), example_document) == []
    assert warnings == []


def test_thirty_tricky_tables_read_back_through_the_docx_importer(tmp_path: Path) -> None:
    """Merged 二级, 万元, a long goal with line breaks, a row taller than a page."""
    from goaleditor.formats.readers.word.reader import read
    from tests.compare import document_differences
    from tests.formats.test_containers import _tricky_document

    document = _tricky_document(30)
    path = tmp_path / "tricky.docx"
    write(document, path)
    assert document_differences(read(path), document) == []
