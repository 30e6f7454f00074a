"""The 绩效目标审核表 as Word and Excel, from the same grid as the PDF: labels, marks, the ticked
result, one sheet per table (a page or a worksheet each), no 目录, user text kept as text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document as WordDocument
from openpyxl import load_workbook

from goaleditor.formats.exporting import ExportOptions
from goaleditor.formats.layout.review_sheet import (
    INDICATOR_HEADER,
    OPINION_HEIGHT,
    SIGNATURE,
    result_marks,
)
from goaleditor.formats.layout.review_sheet_tables import NONE_REVIEWED
from goaleditor.formats.writers import excel, word
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
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def squeezed(text: str) -> str:
    """Text without white space: a label broken over lines reads as one string."""
    return re.sub(r"\s+", "", text)


def cell_texts(path: Path) -> list[str]:
    """Every table cell's text, merged cells once each, in document order."""
    texts: list[str] = []
    for table in WordDocument(str(path)).tables:
        for row in table.rows:
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) not in seen:
                    seen.add(id(cell._tc))
                    texts.append(cell.text)
    return texts


def test_the_docx_holds_every_label_and_mark(tmp_path: Path, example_document: Document) -> None:
    table = mark_first_table(example_document)
    out = tmp_path / "review.docx"
    word.write(example_document, out, options=REVIEWED)
    texts = cell_texts(out)
    for text in (
        "项目名称",
        table.project_name,
        "主管部门",
        "实施单位",
        "项目资金（元）",
        "年度资金总额",
        "6300000.00",
        "审核内容",
        "总体目标",
        GOAL_OPINION,
        OUTPUT_OPINION,  # markup-like text as typed
        BENEFIT_OPINION,
        "指标审核情况",
        *INDICATOR_HEADER,
        "不通过",
        LONG_OPINION,  # whole: Word wraps it
        FORMULA,
        "需补充完善事项",
        TODO,
        "审核结果",
        SIGNATURE,
    ):
        assert squeezed(text) in [squeezed(shown) for shown in texts], text
    chosen, other = result_marks()
    (result,) = [text for text in texts if "修改完善后通过" in text]
    assert result.count(chosen) == 1 and f"{chosen}修改完善后通过" in result
    assert f"{other}通过" in result and f"{other}不通过" in result
    paragraphs = [p.text for p in WordDocument(str(out)).paragraphs]
    assert TITLE in paragraphs
    assert not any("目录" in text for text in paragraphs)


def test_each_table_starts_a_page_and_the_indicator_header_repeats(
    tmp_path: Path, example_document: Document
) -> None:
    out = tmp_path / "all.docx"
    word.write(example_document, out, options=ALL)
    document = WordDocument(str(out))
    titles = [p._p for p in document.paragraphs if p.text == TITLE]
    assert len(titles) == len(example_document.tables)
    breaks = [p.find(f"{W}pPr/{W}pageBreakBefore") is not None for p in titles]
    assert breaks == [False] + [True] * (len(titles) - 1)  # no blank first page
    body = document.element.body
    headers = [row for row in body.iter(f"{W}tr") if row.find(f"{W}trPr/{W}tblHeader") is not None]
    assert len(headers) == len(example_document.tables)
    first = ["".join(t.text or "" for t in tc.iter(f"{W}t")) for tc in headers[0].iter(f"{W}tc")]
    assert first == list(INDICATOR_HEADER)


def test_the_blank_form_leaves_room_to_write(tmp_path: Path, example_document: Document) -> None:
    out = tmp_path / "blank.docx"
    heard: list[str] = []
    word.write(example_document, out, options=REVIEWED, warn=heard.append)
    assert heard == [NONE_REVIEWED]
    body = WordDocument(str(out)).element.body
    heights = [int(h.get(f"{W}val")) for h in body.iter(f"{W}trHeight")]
    assert max(heights) >= round(OPINION_HEIGHT * 20)  # twips: rows to write opinions in


def test_the_workbook_has_a_sheet_per_marked_table_and_text_kept_as_text(
    tmp_path: Path, example_document: Document
) -> None:
    mark_first_table(example_document)
    example_document.tables[2].review_todo = "补充测算依据"
    out = tmp_path / "review.xlsx"
    excel.write(example_document, out, options=REVIEWED)
    workbook = load_workbook(out)
    assert [sheet.title[:2] for sheet in workbook.worksheets] == ["1.", "3."]  # no 目录
    sheet = workbook.worksheets[0]
    values = [cell.value for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert values[0] == TITLE
    assert FORMULA in values  # a string, never a formula
    formula = next(c for row in sheet.iter_rows() for c in row if c.value == FORMULA)
    assert formula.data_type == "s"
    assert LONG_OPINION in values and GOAL_OPINION in values and SIGNATURE in values
    from decimal import Decimal

    assert Decimal("6300000") in [v for v in values if isinstance(v, (int, float, Decimal))]


@pytest.mark.parametrize("writer", [word.write, excel.write])
def test_goal_table_exports_stay_as_they_were(
    tmp_path: Path, example_document: Document, writer: object
) -> None:
    mark_first_table(example_document)
    suffix = ".docx" if writer is word.write else ".xlsx"
    out = tmp_path / f"goals{suffix}"
    writer(example_document, out)  # type: ignore[operator]
    if suffix == ".docx":
        texts = cell_texts(out)
        paragraphs = [p.text for p in WordDocument(str(out)).paragraphs]
        assert "目录" in paragraphs
    else:
        workbook = load_workbook(out)
        assert workbook.worksheets[0].title == "目录"
        texts = [str(c.value) for s in workbook.worksheets for r in s.iter_rows() for c in r]
    assert GOAL_OPINION not in texts and "审核结果" not in texts
