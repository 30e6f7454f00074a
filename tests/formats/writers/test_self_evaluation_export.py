"""A scored 绩效自评表 written as PDF, Excel and Word: every label, score and total, in its form."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest
from docx import Document as WordDocument
from openpyxl import load_workbook

from goaleditor.formats.writers import excel, pdf, word
from goaleditor.formats.writers.pdf import layout_pages
from goaleditor.model.document import Document
from goaleditor.self_evaluation.evaluation import profile_of, score_table, score_text
from goaleditor.self_evaluation.layouts import CENTRAL, SICHUAN
from tests.formats.self_evaluation_documents import filled

CENTRAL_LABELS = [
    "项目名称",
    "主管部门",
    "实施单位",
    "项目资金（元）",
    *CENTRAL.money_columns,
    "分值",
    "执行率",
    "得分",
    *(row.label for row in CENTRAL.money_rows),
    "年度总体目标",
    "预期目标",
    "实际完成情况",
    "绩效指标",
    *CENTRAL.indicator_columns,
    "总分",
]
SICHUAN_LABELS = [
    "报表编号：510000_0013zp",
    "项目基本情况",
    "1.项目年度目标完成情况",
    "项目年度目标",
    "年度目标完成情况",
    "2.项目实施内容及过程概述",
    "预算执行情况（10分）",
    "年度预算数（元）",
    *SICHUAN.money_columns,
    "预算执行率",
    *(row.label for row in SICHUAN.money_rows),
    "绩效指标（90分）",
    *SICHUAN.indicator_columns,
    "合计",
    "评价结论",
    "存在问题",
    "改进措施",
    "项目负责人：张三",
    "财务负责人：李四",
]


def squeezed(text: str) -> str:
    """Text without white space: wrapped cells and labels read as one string."""
    return re.sub(r"\s+", "", text)


def pdf_pages(path: Path) -> list[str]:
    with pdfplumber.open(path) as document:
        return [squeezed(page.extract_text()) for page in document.pages]


def scores_of(document: Document) -> list[list[str]]:
    """Each table's printed scores: every indicator's, the budget's and the total."""
    result = []
    for table in document.tables:
        scored = score_table(table, profile_of(document))
        assert scored.complete
        texts = [score_text(i.score) for i in scored.indicators]
        result.append([*texts, score_text(scored.budget_score), score_text(scored.total)])
    return result


@pytest.mark.parametrize(
    ("layout", "title", "labels"),
    [
        ("central", "项目支出绩效自评表（2026年度）", CENTRAL_LABELS),
        ("shanghai", "财政项目支出绩效自评表（2026年度）", CENTRAL_LABELS),
        ("sichuan", "部门预算项目支出绩效自评表（2026年度）", SICHUAN_LABELS),
    ],
)
def test_the_pdf_shows_every_label_score_and_total(
    tmp_path: Path, example_document: Document, layout: str, title: str, labels: list[str]
) -> None:
    document = filled(example_document, layout)
    out = tmp_path / "se.pdf"
    pdf.write(document, out)
    tables = layout_pages(document)
    with pdfplumber.open(out) as printed:
        pages = printed.pages
        assert squeezed(pages[0].extract_text()).startswith("项目支出绩效自评表目录")
        assert squeezed(pages[0].extract_text()).count(title) == len(document.tables)
        number = 1
        for table, laid, scores in zip(document.tables, tables, scores_of(document), strict=True):
            cell_texts: list[str] = []
            for page in laid:
                number += 1
                assert squeezed(pages[number - 1].extract_text()).startswith(title)
                for placed in page.cells:  # the text printed inside each cell's box
                    box = (placed.x, placed.y, placed.x + placed.width, placed.y + placed.height)
                    inside = squeezed(pages[number - 1].within_bbox(box).extract_text())
                    assert inside == squeezed("".join(placed.lines)), (number, placed.lines)
                    cell_texts.append(inside)
            header = squeezed(pages[number - len(laid)].extract_text())
            for label in labels:  # in a cell, or the line above the grid (报表编号)
                found = squeezed(label) in cell_texts or squeezed(label) in header
                assert found, (table.project_name, label)
            assert {"95.23%", "9.52", "100"} <= set(cell_texts)
            assert Counter(scores[:-2]) <= Counter(cell_texts)  # every indicator's score
            assert cell_texts.count(scores[-1]) == 1  # the total, once
            assert scores[-1] == "99.52"


def test_sichuans_pdf_leaves_out_the_carryover_it_has_no_row_for(
    tmp_path: Path, example_document: Document
) -> None:
    document = filled(example_document, "sichuan")
    for table in document.tables:
        table.budget_initial_carryover = Decimal("123456.78")
    out = tmp_path / "se.pdf"
    pdf.write(document, out)
    text = "".join(pdf_pages(out))
    assert "123456.78" not in text and "上年结转" not in text
    central = filled(example_document, "central")
    central.tables[0].budget_initial_carryover = Decimal("123456.78")
    pdf.write(central, out)
    assert "123456.78" in "".join(pdf_pages(out))


def test_the_workbook_holds_amounts_scores_and_weights_as_numbers_and_the_rest_as_text(
    tmp_path: Path, example_document: Document
) -> None:
    document = filled(example_document, "central")
    out = tmp_path / "se.xlsx"
    excel.write(document, out)
    book = load_workbook(out)
    assert book.sheetnames[0] == "目录"
    toc = [row[0] for row in book["目录"].iter_rows(values_only=True)]
    assert toc[0] == "项目支出绩效自评表"
    assert toc[2] == f"项目支出绩效自评表（2026年度）（{document.tables[0].project_name}）"
    sheet = book.worksheets[1]
    assert sheet["A1"].value == "项目支出绩效自评表\n（2026年度）"
    # labels are broken where the layout breaks them (项目\n名称)
    by_text = {
        squeezed(str(cell.value)): cell for row in sheet.iter_rows() for cell in row if cell.value
    }
    for label in CENTRAL_LABELS:
        assert by_text[squeezed(label)].data_type == "s", label
    total = by_text["年度资金总额"]
    amounts = [sheet.cell(row=total.row, column=c).value for c in (4, 5, 6)]
    assert amounts == [6300000, 6300000, Decimal("5999490")] or amounts == [
        6300000.0,
        6300000.0,
        5999490.0,
    ]
    # scores, 执行率 and 分值 are numbers a clerk can add up, printed as the PDF prints them
    rate = sheet.cell(row=total.row, column=8)
    assert (float(rate.value), rate.data_type, rate.number_format) == (0.9523, "n", "0.00%")
    score = sheet.cell(row=total.row, column=9)
    assert (float(score.value), score.number_format) == (9.52, "0.00")
    last = sheet.max_row
    cells = [sheet.cell(row=last, column=c).value for c in (1, 7, 8)]
    assert cells[0] == "总分" and [float(v) for v in cells[1:]] == [100, 99.52]
    first = next(i for _, _, i in document.tables[0].indicator_rows())
    named = next(c for row in sheet.iter_rows() for c in row if c.value == first.name)
    weight = sheet.cell(row=named.row, column=7)  # 分值, after 年度指标值 and 实际完成值
    assert weight.data_type == "n"
    assert float(weight.value) == float(first.weight)
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert f"A{last}:F{last}" in merged
    assert f"A{total.row - 1}:A{total.row + 3}" in merged  # 项目资金（元） over its five rows


def test_the_word_file_holds_the_table(tmp_path: Path, example_document: Document) -> None:
    document = filled(example_document, "sichuan")
    out = tmp_path / "se.docx"
    word.write(document, out)
    opened = WordDocument(str(out))
    paragraphs = [squeezed(p.text) for p in opened.paragraphs]
    assert "部门预算项目支出绩效自评表（2026年度）" in paragraphs
    assert squeezed(SICHUAN.report_code) in paragraphs
    # each 自评表 table as Word tables: its head rows, then the indicators under their header
    assert len(opened.tables) == 2 * len(document.tables)
    head, indicators = opened.tables[:2]
    texts = [
        squeezed(cell.text) for t in (head, indicators) for row in t.rows for cell in row.cells
    ]
    for label in SICHUAN_LABELS[1:]:
        assert squeezed(label) in texts, label
    assert len(head.columns) == len(indicators.columns) == 11
    assert [squeezed(cell.text) for cell in indicators.rows[0].cells][1:] == list(
        SICHUAN.indicator_columns
    )
    total = [squeezed(cell.text) for cell in indicators.rows[-5].cells]
    assert total[-3:] == ["100", "99.52", ""]
