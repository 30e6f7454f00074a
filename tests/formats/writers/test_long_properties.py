"""A title or agency longer than a format's document properties hold: cut there, said once,
whole in the tables; never an internal error."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser
from pdfminer.utils import decode_text

from goaleditor.formats.writers import excel, pdf, word
from goaleditor.formats.writers.properties import CUT_MARK, PDF_PROPERTY_CHARS
from goaleditor.model.document import Document, GoalTable, Indicator


def _document(title: str, agency: str) -> Document:
    document = Document(agency_code="319101", agency_name=agency, year=2026, title=title)
    table = GoalTable.from_rows(
        [("产出指标", "数量指标", Indicator("培训人次", "全年培训", "≥", "100", "人次"))],
        project_name="培训项目",
    )
    table.document = document
    document.tables.append(table)
    return document


@pytest.mark.parametrize("length", [300, 5_000])
def test_word_cuts_title_and_agency_to_255_and_keeps_the_table_whole(
    tmp_path: Path, length: int
) -> None:
    title, agency = "标" * (length - 1) + "尾", "单" * (length - 1) + "位"
    warnings: list[str] = []
    path = tmp_path / "long.docx"
    word.write(_document(title, agency), path, warn=warnings.append)
    properties = docx.Document(str(path)).core_properties
    assert properties.title == "标" * 254 + CUT_MARK
    assert properties.author == "单" * 254 + CUT_MARK
    assert warnings == [
        "标题超过255个字符，文档属性中已截短；表格中的标题完整",
        "单位名称超过255个字符，文档属性中已截短；表格中的单位名称完整",
    ]
    body = "".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert agency in body  # the agency line above the table, whole


def test_word_title_from_a_long_project_name_is_cut_too(tmp_path: Path) -> None:
    document = _document("", "某单位")
    document.tables[0].project_name = "项" * 400
    warnings: list[str] = []
    word.write(document, tmp_path / "long.docx", warn=warnings.append)
    title = docx.Document(str(tmp_path / "long.docx")).core_properties.title
    assert len(title) == 255 and title.endswith(CUT_MARK)
    assert warnings == ["标题超过255个字符，文档属性中已截短；表格中的标题完整"]


@pytest.mark.parametrize("length", [300, 5_000])
def test_xlsx_cuts_the_title_property_and_keeps_the_custom_property_whole(
    tmp_path: Path, length: int
) -> None:
    title = "标" * length
    warnings: list[str] = []
    path = tmp_path / "long.xlsx"
    excel.write(_document(title, "某单位"), path, warn=warnings.append)
    workbook = openpyxl.load_workbook(path)
    assert workbook.properties.title == "标" * 254 + CUT_MARK
    assert workbook.custom_doc_props["goaleditor.title"].value == title  # for re-import
    assert warnings == ["标题超过255个字符，文档属性中已截短；表格中的标题完整"]


def test_pdf_cuts_metadata_beyond_what_a_pdf_string_holds(tmp_path: Path) -> None:
    length = PDF_PROPERTY_CHARS + 2_000
    warnings: list[str] = []
    path = tmp_path / "long.pdf"
    pdf.write(_document("标" * length, "单" * length), path, warn=warnings.append)
    with path.open("rb") as stream:
        info = PDFDocument(PDFParser(stream)).info[0]
    assert decode_text(info["Title"]) == "标" * (PDF_PROPERTY_CHARS - 1) + CUT_MARK
    assert decode_text(info["Author"]) == "单" * (PDF_PROPERTY_CHARS - 1) + CUT_MARK
    assert len(warnings) == 2 and warnings[0].startswith("标题超过8000个字符")


def test_short_properties_are_whole_and_unannounced(tmp_path: Path) -> None:
    warnings: list[str] = []
    for writer, name in ((word.write, "a.docx"), (excel.write, "a.xlsx"), (pdf.write, "a.pdf")):
        writer(_document("标" * 255, "单" * 255), tmp_path / name, warn=warnings.append)
    assert docx.Document(str(tmp_path / "a.docx")).core_properties.title == "标" * 255
    assert openpyxl.load_workbook(tmp_path / "a.xlsx").properties.title == "标" * 255
    assert warnings == []
