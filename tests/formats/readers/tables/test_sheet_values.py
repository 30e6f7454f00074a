"""指标值 as clerks write them in workbooks: comparators in words read as signs, said once a
table; sentences stay 定性; a form that prints quantities as =100.00(%) keeps 985米 定性."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook

from goaleditor.formats.registry import read_document
from goaleditor.model.checks import check_document
from goaleditor.model.document import Document
from tests.helpers import note_lines

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"


def _parts(document: Document, table: int = 0) -> dict[str, tuple[str, str, str]]:
    return {
        i.name: (i.comparator, i.value, i.unit)
        for _, _, i in document.tables[table].indicator_rows()
    }


def _read(path: Path) -> tuple[Document, list[str]]:
    notes: list[str] = []
    return read_document(path, note_lines(notes)), notes


def test_an_xlsxwriter_workbook_with_values_in_words(tmp_path: Path) -> None:
    """tests/fixtures/make_worded_values.py wrote it with XlsxWriter."""
    document, notes = _read(FIXTURES / "worded-values-xlsxwriter.xlsx")
    assert _parts(document, 0) == {
        "养护次数": ("≥", "12", "次"),
        "养护面积": ("≥", "98", "%"),
        "成活率": ("≥", "95", "%"),
        "投诉率": ("<", "5", "%"),
        "完成时间": ("定性", "2026年12月31日前完成", ""),
        "响应时间": ("≤", "2", "天"),
        "项目成本": ("≤", "30", "万元"),
        "人均成本": ("≤", "0.5", "万元/人"),
        "环境改善": ("定性", "有效提升", ""),
        "审减": ("定性", "审减率3.5%以上", ""),
        "群众满意度": (">", "90", "%"),
    }
    assert _parts(document, 1) == {
        "整改问题": ("≤", "3", "个"),
        "巡查缺勤": ("≤", "10", "次"),
        "群众满意度": ("≥", "90", "%"),
    }
    # one note a table, never one a row
    assert notes == [
        "工作表“养护”第7行：8个指标值的比较词按符号读取（如“不少于12次”读作“≥12次”）",
        "工作表“巡查”第7行：2个指标值的比较词按符号读取（如“3个以内”读作“≤3个”）",
    ]
    assert "value.written-in-words" not in {p.rule for p in check_document(document)}


def _book(path: Path, rows: list[list[Any]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "表"
    for row in rows:
        sheet.append(row)
    for cells in sheet.iter_rows():  # typed text, not formulas (=100.00(%) is not one)
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    book.save(path)
    return path


HEAD: list[list[Any]] = [
    ["2026年巡查项目绩效目标表"],
    ["216003某区城管委", None, None, None, None, None, "单位：元"],
    ["项目名称", "巡查项目"],
    ["预算规模及资金用途", "预算数", 1000, "其中：财政资金", 1000, "其他资金", 0],
    [None, "用于巡查"],
    ["绩效目标", "完成巡查"],
]


def test_an_openpyxl_workbook_with_split_columns_and_words(tmp_path: Path) -> None:
    """指标性质 | 指标值 | 单位 apart: words in the 指标值 or the 单位 cell are read too."""
    rows = [
        *HEAD,
        ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标性质", "指标值", "计量单位"],
        ["产出指标", "数量指标", "巡查次数", "全年", "定量", "不少于12", "次"],
        [None, "质量指标", "合格率", "合格", "≥", 98, "%以上"],
        [None, "时效指标", "完成时间", "按期", "定性", "2026年12月31日前完成", None],
        [None, None, "响应", "及时", None, "3个工作日以内", None],
        ["成本指标", "经济成本指标", "人均成本", "人均", "定量", "不高于0.5", "万元/人"],
        ["效益指标", "社会效益指标", "审减", "审计", "定性", "审减率3.5%以上", None],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "问卷", None, "95%及以上", None],
    ]
    document, notes = _read(_book(tmp_path / "split.xlsx", rows))
    assert _parts(document) == {
        "巡查次数": ("≥", "12", "次"),
        "合格率": ("≥", "98", "%"),
        "完成时间": ("定性", "2026年12月31日前完成", ""),
        "响应": ("≤", "3", "个工作日"),
        "人均成本": ("≤", "0.5", "万元/人"),
        "审减": ("定性", "审减率3.5%以上", ""),
        "群众满意度": ("≥", "95", "%"),
    }
    assert notes == ["工作表“表”第7行：5个指标值的比较词按符号读取（如“不少于12次”读作“≥12次”）"]


def test_words_against_the_comparator_column_are_said(tmp_path: Path) -> None:
    rows = [
        *HEAD,
        ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标性质", "指标值", "计量单位"],
        ["产出指标", "数量指标", "巡查次数", "全年", "≤", "不少于12", "次"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "问卷", "≥", 90, "%"],
    ]
    document, notes = _read(_book(tmp_path / "against.xlsx", rows))
    assert _parts(document)["巡查次数"] == ("≥", "12", "次")
    assert notes == [
        "工作表“表”第7行：指标值的比较词按符号读取（如“不少于12次”读作“≥12次”）",
        "工作表“表”第8行：指标性质“≤”与指标值“不少于12次”不一致，按指标值读取",
    ]
