"""The 绩效目标审核表 as PDF: each printed cell's text in its box, the marks, ☑ on the chosen
result, one sheet per table from a new page, no 目录, fonts embedded."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest

from goaleditor.formats.exporting import ExportOptions
from goaleditor.formats.layout.review_sheet import RESULTS, SIGNATURE, result_marks
from goaleditor.formats.layout.review_sheet_tables import NONE_REVIEWED
from goaleditor.formats.writers import pdf
from goaleditor.formats.writers.pdf import layout_pages
from goaleditor.model.document import Document
from tests.formats.review_sheet_documents import (
    BENEFIT_OPINION,
    FORMULA,
    GOAL_OPINION,
    LONG_OPINION,
    OUTPUT_OPINION,
    TODO,
    mark_first_table,
)

REVIEWED = ExportOptions(review_sheet="reviewed")
ALL = ExportOptions(review_sheet="all")
TITLE = "2026年度项目支出绩效目标审核表"


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_texts(path: Path) -> list[str]:
    with pdfplumber.open(path) as document:
        return [squeezed(page.extract_text()) for page in document.pages]


def test_every_cell_prints_its_text_in_its_box(tmp_path: Path, example_document: Document) -> None:
    mark_first_table(example_document)
    out = tmp_path / "review.pdf"
    pdf.write(example_document, out, options=REVIEWED)
    (laid,) = layout_pages(example_document, options=REVIEWED)  # the one marked table
    with pdfplumber.open(out) as printed:
        assert len(printed.pages) == len(laid)
        shown: list[str] = []
        for page, placed_page in zip(printed.pages, laid, strict=True):
            assert squeezed(page.extract_text()).startswith(TITLE)
            for placed in placed_page.cells:
                box = (placed.x, placed.y, placed.x + placed.width, placed.y + placed.height)
                inside = squeezed(page.within_bbox(box).extract_text())
                assert inside == squeezed("".join(placed.lines)), placed.lines
                shown.append(inside)
    text = "".join(shown)
    for mark in (GOAL_OPINION, OUTPUT_OPINION, BENEFIT_OPINION, TODO, FORMULA, LONG_OPINION):
        assert squeezed(mark) in text, mark  # whole: a long opinion wrapped, never cut
    assert "<b>请补充</b>&amp;" in text  # user text is data, not markup
    assert SIGNATURE.replace("　", "") in text
    chosen, other = result_marks()
    assert squeezed(f"{chosen}修改完善后通过") in text
    assert squeezed(f"{other}通过") in text and squeezed(f"{other}不通过") in text


def test_one_sheet_per_table_each_from_a_new_page_without_contents(
    tmp_path: Path, example_document: Document
) -> None:
    mark_first_table(example_document)
    out = tmp_path / "all.pdf"
    pdf.write(example_document, out, options=ALL)
    pages = page_texts(out)
    laid = layout_pages(example_document, options=ALL)
    assert len(pages) == sum(len(table_pages) for table_pages in laid)
    assert not any("目录" in page for page in pages)
    first_pages = [sum(len(t) for t in laid[:i]) for i in range(len(laid))]
    for index, table in enumerate(example_document.tables):
        page = pages[first_pages[index]]
        assert page.startswith(TITLE)
        assert squeezed(table.project_name) in page
    # the unmarked tables are blank forms: all three results unticked
    chosen, other = result_marks()
    last = "".join(pages[first_pages[-1] :])
    assert chosen not in last
    assert all(squeezed(f"{other}{name}") in last for name in RESULTS)


def test_only_the_marked_tables_by_default(tmp_path: Path, example_document: Document) -> None:
    mark_first_table(example_document)
    example_document.tables[4].review_result = "通过"
    out = tmp_path / "reviewed.pdf"
    heard: list[str] = []
    pdf.write(example_document, out, options=REVIEWED, warn=heard.append)
    text = "".join(page_texts(out))
    names = [squeezed(table.project_name) for table in example_document.tables]
    assert [name in text for name in names] == [True, False, False, False, True, False]
    assert NONE_REVIEWED not in heard


def test_no_marks_anywhere_prints_every_blank_form_and_says_so(
    tmp_path: Path, example_document: Document
) -> None:
    out = tmp_path / "blank.pdf"
    heard: list[str] = []
    pdf.write(example_document, out, options=REVIEWED, warn=heard.append)
    assert NONE_REVIEWED in heard
    pages = page_texts(out)
    assert sum(page.startswith(TITLE) for page in pages) >= len(example_document.tables)
    for table in example_document.tables:
        assert any(squeezed(table.project_name) in page for page in pages)


def test_the_goal_table_export_is_unchanged_by_marks(
    tmp_path: Path, example_document: Document
) -> None:
    plain = tmp_path / "plain.pdf"
    pdf.write(example_document, plain)
    mark_first_table(example_document)
    marked = tmp_path / "marked.pdf"
    pdf.write(example_document, marked)
    assert page_texts(plain) == page_texts(marked)
    assert squeezed(GOAL_OPINION) not in "".join(page_texts(marked))


def _fonts(path: Path) -> list[tuple[str, bool]]:
    """(base font name, embedded) of every font the pages use."""
    from pdfminer.pdftypes import resolve1

    found = []
    with pdfplumber.open(path) as document:
        for page in document.pages:
            fonts = resolve1(resolve1(page.page_obj.attrs["Resources"]).get("Font", {}))
            for ref in fonts.values():
                font = resolve1(ref)
                descendants = resolve1(font.get("DescendantFonts"))
                described = resolve1(descendants[0]) if descendants else font
                descriptor = resolve1(described.get("FontDescriptor")) or {}
                embedded = any(k in descriptor for k in ("FontFile", "FontFile2", "FontFile3"))
                found.append((str(resolve1(font.get("BaseFont"))), embedded))
    return found


def test_fonts_are_embedded(tmp_path: Path, example_document: Document) -> None:
    mark_first_table(example_document)
    out = tmp_path / "fonts.pdf"
    pdf.write(example_document, out, options=REVIEWED)
    fonts = _fonts(out)
    assert fonts
    assert all(embedded for _, embedded in fonts), fonts
    assert not any("Helvetica" in name for name, _ in fonts)


@pytest.mark.parametrize("choice", RESULTS)
def test_the_printed_tick_is_on_the_chosen_result(
    tmp_path: Path, example_document: Document, choice: str
) -> None:
    example_document.tables[0].review_result = choice
    out = tmp_path / "result.pdf"
    pdf.write(example_document, out, options=REVIEWED)
    chosen, _ = result_marks()
    with pdfplumber.open(out) as printed:
        lines = [line for page in printed.pages for line in page.extract_text().splitlines()]
    (line,) = [squeezed(line) for line in lines if "审核结果" in line]
    assert [name for name in RESULTS if squeezed(f"{chosen}{name}") in line] == [choice]
    assert line.count(squeezed(chosen)) == 1
