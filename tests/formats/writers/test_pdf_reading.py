"""A PDF that reads well: outline, clickable 目录, language, metadata; glyphs no font has."""

from __future__ import annotations

import ctypes
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest

from goaleditor.formats.exporting import ExportOptions
from goaleditor.formats.layout.glyphs import glyph_warnings, missing_glyphs
from goaleditor.formats.writers.pdf import write
from goaleditor.model.document import Document, GoalTable, Indicator


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory) -> Path:
    from goaleditor.formats.readers.published_text import read

    doc = read(Path(__file__).resolve().parents[3] / "resources/examples/binhai-2026-published.txt")
    out = tmp_path_factory.mktemp("pdf") / "example.pdf"
    write(doc, out)
    return out


def _links(pdf: pdfium.PdfDocument, index: int) -> list[tuple[int, float, float]]:
    """(destination page index, bottom, top) of each link on a page."""
    page = pdf[index]
    found = []
    position, link = ctypes.c_int(0), raw.FPDF_LINK()
    while raw.FPDFLink_Enumerate(page, ctypes.byref(position), ctypes.byref(link)):
        dest = raw.FPDFLink_GetDest(pdf, link)
        rect = raw.FS_RECTF()
        assert raw.FPDFLink_GetAnnotRect(link, ctypes.byref(rect))
        found.append((raw.FPDFDest_GetDestPageIndex(pdf, dest), rect.bottom, rect.top))
    return found


def test_outline_has_the_toc_and_a_bookmark_per_table(example_pdf: Path, example_document) -> None:
    pdf = pdfium.PdfDocument(example_pdf)
    entries = [(b.level, b.get_title(), b.get_dest().get_index()) for b in pdf.get_toc()]
    titles = [f"{n}.{t.project_name}绩效目标表" for n, t in enumerate(example_document.tables, 1)]
    assert entries == [(0, "目录", 0)] + [(0, t, n) for n, t in enumerate(titles, 1)]


def test_toc_entries_link_to_their_tables(example_pdf: Path) -> None:
    pdf = pdfium.PdfDocument(example_pdf)
    links = _links(pdf, 0)
    assert [dest for dest, _, _ in links] == [1, 2, 3, 4, 5, 6]
    tops = [top for _, _, top in links]
    assert tops == sorted(tops, reverse=True)  # one under the other, as the entries are
    assert all(top - bottom > 10 for _, bottom, top in links)
    assert _links(pdf, 1) == []  # table pages carry no links


def test_language_title_subject_author(example_pdf: Path, example_document) -> None:
    meta = pdfium.PdfDocument(example_pdf).get_metadata_dict()
    assert meta["Title"] == f"1.{example_document.tables[0].project_name}绩效目标表"
    assert meta["Subject"] == "项目支出绩效目标表"
    assert meta["Author"] == "天津市滨海新区人民政府政务服务办公室"
    assert b"/Lang (zh-CN)" in example_pdf.read_bytes()


def test_the_document_title_wins_and_no_toc_means_no_links(tmp_path: Path, example_document):
    example_document.title = "某单位项目支出绩效目标表（2026年）"
    out = tmp_path / "t.pdf"
    write(example_document, out, options=ExportOptions(toc=False))
    pdf = pdfium.PdfDocument(out)
    assert pdf.get_metadata_dict()["Title"] == example_document.title
    assert [b.get_dest().get_index() for b in pdf.get_toc()] == [0, 1, 2, 3, 4, 5]
    assert _links(pdf, 0) == []


def _emoji_document() -> Document:
    table = GoalTable.from_rows(
        [("产出指标", "数量指标", Indicator("扫码办理😀", "生僻字𠀀与常用字", "≥", "1", "个"))],
        project_name="项目😀",
    )
    return Document(agency_name="单位", tables=[GoalTable(project_name="正常"), table])


def test_missing_glyphs_are_found_by_table_and_field() -> None:
    assert missing_glyphs(Document(agency_name="天津市≥≤℃①㎡％“”、；", tables=[])) == []
    assert missing_glyphs(_emoji_document()) == [
        (2, "project_name", "😀"),
        (2, "indicator.name", "😀"),
        (2, "indicator.description", "𠀀"),
    ]


def test_the_pdf_writer_warns_before_drawing_them(tmp_path: Path) -> None:
    lines: list[str] = []
    write(_emoji_document(), tmp_path / "e.pdf", warn=lines.append)
    assert lines == glyph_warnings(_emoji_document())
    assert len(lines) == 3 and "第2张表的三级指标" in lines[1] and "U+1F600" in lines[1]
    quiet: list[str] = []
    write(Document(tables=[GoalTable(project_name="正常")]), tmp_path / "q.pdf", warn=quiet.append)
    assert quiet == []
