"""Shanghai's form prints every quantity as =100.00(%): a 985米 in it is a 定性 value as
printed, read so from a clerk's workbook, our PDF, xlsx and docx, and re-exported unchanged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from goaleditor.formats.canonical_json import loads
from goaleditor.formats.readers.tables.document_reader import layout_note
from goaleditor.formats.registry import read_document, write_document
from goaleditor.model.checks import check_document
from goaleditor.model.document import Document
from goaleditor.model.layouts import get_profile
from tests.helpers import note_lines

FULL = Path(__file__).resolve().parents[1] / "fixtures" / "full-shanghai-2026.json"


def _values(document: Document) -> list[tuple[str, str, str]]:
    return [(i.comparator, i.value, i.unit) for _, _, i in document.tables[0].indicator_rows()]


def _printed(document: Document) -> list[str]:
    profile = get_profile(document.layout)
    return [
        profile.display(i.comparator, i.value, i.unit)
        for _, _, i in document.tables[0].indicator_rows()
    ]


def _with_number_like_qualitative_values() -> Document:
    """The fixture with 定性 values that look like quantities (the sample's 985米)."""
    document = loads(FULL.read_bytes(), FULL.name)
    rows = [i for _, _, i in document.tables[0].indicator_rows()]
    rows[1].comparator, rows[1].value, rows[1].unit = "定性", "985米", ""
    rows[2].comparator, rows[2].value, rows[2].unit = "定性", "98%以上", ""
    return document


def test_the_form_prints_qualitative_values_as_written() -> None:
    assert _printed(_with_number_like_qualitative_values())[:4] == [
        "合理",
        "985米",
        "98%以上",
        "=100.00(%)",
    ]


@pytest.mark.parametrize("suffix", ["pdf", "xlsx", "docx"])
def test_our_export_reads_back_and_re_exports_unchanged(tmp_path: Path, suffix: str) -> None:
    document = _with_number_like_qualitative_values()
    first = tmp_path / f"first.{suffix}"
    write_document(document, first)
    notes: list[str] = []
    back = read_document(first, note_lines(notes))
    assert back.layout == "shanghai"
    assert _values(back) == _values(document)  # 985米 and 98%以上 stay 定性
    assert _printed(back) == _printed(document)
    assert notes == []  # our own print: nothing was guessed
    if suffix == "xlsx":  # the second export is the first, cell for cell
        second = tmp_path / "second.xlsx"
        write_document(back, second)
        cells = [
            [[c.value for c in row] for row in load_workbook(path).active.iter_rows()]
            for path in (first, second)
        ]
        assert cells[0] == cells[1]


def test_another_programs_pdf_says_what_stayed_qualitative(tmp_path: Path) -> None:
    document = _with_number_like_qualitative_values()
    pdf = tmp_path / "other.pdf"
    write_document(document, pdf)
    data = pdf.read_bytes()
    assert data.count(b"(goaleditor)") == 1
    pdf.write_bytes(data.replace(b"(goaleditor)", b"(WPS Office)"))
    notes: list[str] = []
    back = read_document(pdf, note_lines(notes))
    assert _values(back) == _values(document)
    said = [n for n in notes if "定性" in n]
    assert said == [
        "第1页第11行：本表版式的定量指标值都印作“=100.00(%)”的样式，“985米”等2个指标值"
        "不是此样式，按定性指标值读取（可在 问题 面板中改为定量）"
    ]


def _typed_by_hand(path: Path, values: list[str]) -> Path:
    """The first page of samples/shanghai-2026-shenbaobiao.txt as a clerk types it."""
    names = ["文明施工情况", "道路建设长度", "项目验收达标率", "项目完成及时性", "长效管理"]
    groups = [
        ("成本指标", "生态环境成本指标"),
        ("产出指标", "数量指标"),
        ("产出指标", "质量指标"),
        ("产出指标", "时效指标"),
        ("效益指标", "可持续影响指标"),
    ]
    rows: list[list[Any]] = [
        ["财政项目支出绩效目标申报表"],
        ["（2026年度）"],
        ["项目名称", "兰溪路-真南路下立交工程", "项目性质", "阶段性项目", "项目类别", "特定目标类"],
        ["主管部门", "上海市普陀区建设和管理委员会", None, "实施单位", "市政工程建设中心"],
        ["计划开始日期", "2026/1/1", None, "计划完成日期", "2027/12/31"],
        ["项目资金（元）", "项目资金总额", 771325800, "年度资金申请总额", 226145100],
        [None, "其中：财政资金", 771325800, "其中：当年财政拨款", 226145100],
        [None, "其他资金", 0, "上年结转资金", 0],
        [None, None, None, "其他资金", 0],
        ["项目绩效目标", "项目总体目标", None, "年度总体目标"],
        [None, "为居民出行提供快速便捷的通道。", None, "积极推进项目前期征收工作。"],
        ["一级指标", "二级指标", "三级指标", "年度(/项目)指标值"],
        *([*group, name, value] for group, name, value in zip(groups, names, values, strict=True)),
    ]
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for cells in sheet.iter_rows():  # typed text, not formulas (=100.00(%) is not one)
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    book.save(path)
    return path


def test_the_samples_985_metres_stay_qualitative(tmp_path: Path) -> None:
    path = _typed_by_hand(tmp_path / "sh.xlsx", ["可控", "985米", "=100.00(%)", "及时", "健全"])
    notes: list[str] = []
    document = read_document(path, note_lines(notes))
    assert document.layout == "shanghai"
    assert _values(document) == [
        ("定性", "可控", ""),
        ("定性", "985米", ""),
        ("=", "100", "%"),
        ("定性", "及时", ""),
        ("定性", "健全", ""),
    ]
    assert notes == [
        layout_note("shanghai"),
        "工作表“Sheet”第12行：本表版式的定量指标值都印作“=100.00(%)”的样式，“985米”不是此样式，"
        "按定性指标值读取（可在 问题 面板中改为定量）",
        "工作表“Sheet”第12行：本表指标值都印成两位小数（如“100.00”），按数值读取（“100”）",
    ]
    # the re-export prints what came in
    assert _printed(document) == ["可控", "985米", "=100.00(%)", "及时", "健全"]
    out = tmp_path / "again.xlsx"
    write_document(document, out)
    printed = {c.value for row in load_workbook(out).active.iter_rows() for c in row}
    assert {"985米", "=100.00(%)"} <= printed
    # and the 问题 panel offers to make it a quantity
    hints = [p.message for p in check_document(document) if p.rule == "value.written-in-words"]
    assert hints == ["定性指标值“985米”像定量指标值，可拆为“985米”"]


def test_a_form_typed_without_the_print_style_keeps_its_quantities(tmp_path: Path) -> None:
    """Shanghai's labels, but no value printed as =100.00(%) and some signed (≥90%): the
    table was not printed by that rule, so its quantities are read as written."""
    path = _typed_by_hand(tmp_path / "plain.xlsx", ["可控", "985米", "≥90%", "98%以上", "健全"])
    notes: list[str] = []
    document = read_document(path, note_lines(notes))
    assert _values(document) == [
        ("定性", "可控", ""),
        ("=", "985", "米"),
        ("≥", "90", "%"),
        ("≥", "98", "%"),
        ("定性", "健全", ""),
    ]
    assert notes == [
        layout_note("shanghai"),
        "工作表“Sheet”第12行：指标值的比较词按符号读取（如“98%以上”读作“≥98%”）",
    ]
