"""The Word export breaks lines where the layout does: the two-line titles, wrapped labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from goaleditor.formats.layout.fonts import HEI, SONG, TextWidth
from goaleditor.formats.layout.grid import BODY_SIZE, TITLE_SIZE
from goaleditor.formats.layout.official import build_grid
from goaleditor.formats.writers.word import BOOKMARK, write
from goaleditor.model.document import Document
from goaleditor.model.layouts import PROFILES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BODY, TITLE = TextWidth(SONG, BODY_SIZE), TextWidth(HEI, TITLE_SIZE)


def _export(document: Document, layout: str, path: Path) -> Document:
    document.layout = layout
    write(document, path)
    return document


def _title_paragraph(word, number: int):
    """The paragraph holding a table's bookmark: its title."""
    name = BOOKMARK.format(number)
    for paragraph in word.paragraphs:
        if any(b.get(W + "name") == name for b in paragraph._p.iter(W + "bookmarkStart")):
            return paragraph
    raise AssertionError(f"no title paragraph for table {number}")


@pytest.mark.parametrize("layout", ["shanghai", "central"])
def test_the_form_titles_print_on_two_lines(
    tmp_path: Path, example_document: Document, layout: str
) -> None:
    import docx

    document = _export(example_document, layout, tmp_path / "out.docx")
    word = docx.Document(str(tmp_path / "out.docx"))
    for number, table in enumerate(document.tables, 1):
        paragraph = _title_paragraph(word, number)
        title = PROFILES[layout].title_of(number, table, document)
        first, second = title.split("\n")
        assert paragraph.text.split("\n") == [first, second]  # python-docx reads w:br as "\n"
        assert len(list(paragraph._p.iter(W + "br"))) == 1


def test_a_one_line_title_has_no_line_break(tmp_path: Path, example_document: Document) -> None:
    import docx

    _export(example_document, "tianjin", tmp_path / "out.docx")
    word = docx.Document(str(tmp_path / "out.docx"))
    paragraph = _title_paragraph(word, 1)
    assert paragraph.text == "1.2026年政务服务办运行经费绩效目标表"
    assert not list(paragraph._p.iter(W + "br"))


@pytest.mark.parametrize("layout", sorted(PROFILES))
def test_labels_print_the_lines_of_the_layout(
    tmp_path: Path, example_document: Document, layout: str
) -> None:
    import docx

    document = _export(example_document, layout, tmp_path / "out.docx")
    word = docx.Document(str(tmp_path / "out.docx"))
    grid = build_grid(document, document.tables[0], 1, BODY, TITLE)
    head, indicators = word.tables[:2]
    wrapped = 0
    for row in grid.rows:
        target, offset = (head, 0) if row.kind == "head" else (indicators, grid.header_row)
        for cell in row.cells:
            if cell.label:
                got = target.cell(cell.row - offset, cell.col).text
                assert got.split("\n") == cell.lines, (layout, cell.text)
                wrapped += len(cell.lines) > 1
    assert wrapped >= 1  # every layout has a label on two lines (项目资金/（元）, 其中：/财政资金)
