"""The 修改情况说明 workbook: one row per change, in order, every text kept as text."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from goaleditor.compare import compare_documents
from goaleditor.errors import InputError
from goaleditor.formats.writers.change_list import (
    HEADER_ROW,
    HEADINGS,
    NO_CHANGES,
    TITLE,
    write_change_list,
)
from goaleditor.model.document import Document
from tests.comparison.builders import document, indicator


def _revised() -> tuple[Document, Document]:
    old = document("运行保障项目", "旧项目")
    new = document("运行保障项目")
    indicator(new, 0, "维修次数").value = "366"
    indicator(new, 0, "验收合格率").name = "日常维修的验收合格率"
    indicator(new, 0, "服务人数").name = "=SUM(A1:A2)"
    return old, new


def _rows(path: Path) -> list[tuple[object, ...]]:
    sheet = openpyxl.load_workbook(path).active
    return [tuple(row) for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]


def test_each_change_is_one_row_in_the_comparisons_order(tmp_path: Path) -> None:
    old, new = _revised()
    comparison = compare_documents(old, new)
    out = tmp_path / "说明.xlsx"
    write_change_list(comparison, "v1.goals", "v2.goals", out)
    sheet = openpyxl.load_workbook(out).active
    assert sheet["A1"].value == TITLE
    assert "v1.goals" in sheet["A2"].value and "v2.goals" in sheet["A2"].value
    assert tuple(c.value for c in sheet[HEADER_ROW]) == HEADINGS
    table = "表1 2026年运行保障项目"
    assert _rows(out) == [
        (1, table, "产出指标/数量指标/维修次数", "≥365次", "≥366次", "修改指标值"),
        (2, table, "产出指标/数量指标/=SUM(A1:A2)", "服务人数", "=SUM(A1:A2)", "三级指标更名"),
        (3, table, "产出指标/质量指标/日常维修的验收合格率", "验收合格率",
         "日常维修的验收合格率", "三级指标更名"),
        (4, "原表2 2026年旧项目", None, None, None, "删除表"),
    ]  # fmt: skip
    assert len(comparison.changes) == 4


def test_a_change_names_the_reviewers_opinion_it_answers(tmp_path: Path) -> None:
    old, new = _revised()
    marked = indicator(old, 0, "维修次数")
    marked.review_verdict, marked.review_opinion = "不通过", "次数应与上年持平 "
    indicator(old, 0, "验收合格率").review_verdict = "通过"  # no opinion: nothing to cite
    out = tmp_path / "说明.xlsx"
    write_change_list(compare_documents(old, new), "v1.goals", "v2.goals", out, old)
    said = [row[5] for row in _rows(out)]
    assert said[:3] == ["修改指标值；按审核意见：次数应与上年持平", "三级指标更名", "三级指标更名"]


def test_a_text_like_a_formula_stays_text(tmp_path: Path) -> None:
    old, new = _revised()
    out = tmp_path / "说明.xlsx"
    write_change_list(compare_documents(old, new), "a", "b", out)
    sheet = openpyxl.load_workbook(out).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value == "=SUM(A1:A2)"]
    assert cells and all(c.data_type == "s" for c in cells)


def test_header_fields_and_documents_name_their_field(tmp_path: Path) -> None:
    old, new = document("运行保障项目"), document("运行保障项目")
    new.tables[0].fund_use = "用于日常运行支出"
    new.year = 2027
    out = tmp_path / "说明.xlsx"
    write_change_list(compare_documents(old, new), "a", "b", out)
    rows = _rows(out)
    assert [row[1:3] + row[5:] for row in rows] == [
        ("文档", "年度", "修改年度"),
        ("表1 2026年运行保障项目", "资金用途", "修改资金用途"),
    ]


def test_the_sheet_prints_a4_landscape_with_the_header_row_on_every_page(tmp_path: Path) -> None:
    old, new = _revised()
    out = tmp_path / "说明.xlsx"
    write_change_list(compare_documents(old, new), "a", "b", out)
    sheet = openpyxl.load_workbook(out).active
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert sheet["B4"].font.name == "宋体" and sheet["B4"].border.left.style == "thin"


def test_the_same_documents_say_there_is_no_change(tmp_path: Path) -> None:
    out = tmp_path / "说明.xlsx"
    write_change_list(compare_documents(document("甲"), document("甲")), "a", "b", out)
    assert _rows(out)[0][0] == NO_CHANGES


def test_a_text_too_long_for_excel_is_refused_not_cut(tmp_path: Path) -> None:
    old, new = document("运行保障项目"), document("运行保障项目")
    new.tables[0].fund_use = "长" * 40_000
    out = tmp_path / "说明.xlsx"
    with pytest.raises(InputError, match=r"第1处改动.*40000个字符"):
        write_change_list(compare_documents(old, new), "a", "b", out)
    assert not out.exists()


def test_every_change_row_is_bordered_song_the_number_centred_the_texts_wrapped(
    tmp_path: Path,
) -> None:
    """Every row of changes is styled alike: 宋体, bordered, 序号 centred, texts wrapped."""
    old, new = _revised()
    out = tmp_path / "说明.xlsx"
    comparison = compare_documents(old, new)
    write_change_list(comparison, "a", "b", out)
    sheet = openpyxl.load_workbook(out).active
    rows = range(HEADER_ROW + 1, HEADER_ROW + 1 + len(comparison.changes))
    for row in rows:
        for column in range(1, len(HEADINGS) + 1):
            cell = sheet.cell(row=row, column=column)
            assert cell.font.name == "宋体" and cell.border.left.style == "thin"
            assert cell.border.bottom.style == "thin" and cell.alignment.wrap_text
            assert cell.alignment.horizontal == ("center" if column == 1 else "left")
            assert cell.alignment.vertical == "center"
