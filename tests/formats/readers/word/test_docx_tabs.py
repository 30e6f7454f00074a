"""Word goal tables typed as tabbed paragraphs: read field by field, or refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from goaleditor.errors import InputError
from goaleditor.formats import read_document
from goaleditor.formats.readers.word.tabs import NOTE
from tests.helpers import note_lines

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"
HEAD = [
    "项目名称\t测试项目",
    "预算规模及资金用途\t预算数\t10.00\t其中：财政资金\t10.00\t其他资金\t",
    "\t用于测试",
    "绩效目标\t完成测试。",
]


def _indicators(table: object) -> list[tuple[str, ...]]:
    return [
        (l1.name, l2.name, i.name, i.description, i.comparator, i.value, i.unit)
        for l1 in table.children  # type: ignore[attr-defined]
        for l2 in l1.children
        for i in l2.children
    ]


def test_tabbed_lines_saved_by_writer_are_read_field_by_field() -> None:
    """Leading tabs are empty fields (the group of the row above); a middle one too."""
    warnings: list[str] = []
    document = read_document(FIXTURES / "word-tabbed.docx", note_lines(warnings))
    assert warnings == [
        NOTE,  # the one 金额单位 line, above the first table, is every table's
        "第2个表格第2行：本表没有写金额单位，按第1个表格第3行的“金额单位：万元”读作万元",
    ]
    assert (document.title, document.agency_name, document.year) == (
        "2026年绩效目标表",
        "某某区民政局",
        2026,
    )
    first, second = document.tables
    assert (first.project_name, first.money_unit, first.fund_use, first.goal) == (
        "2026年社区养老服务补贴项目",
        "万元",
        "用于社区养老服务站运营补贴",
        "保障10个养老服务站正常运营。",
    )
    assert [str(v) for v in (first.budget_total, first.budget_fiscal, first.budget_other)] == [
        "120.50",
        "100.50",
        "20.00",
    ]
    assert _indicators(first) == [
        ("产出指标", "数量指标", "补贴站点数", "获得补贴的服务站数量", "=", "10", "个"),
        ("产出指标", "数量指标", "服务人次", "全年服务老人人次", "≥", "5000", "人次"),
        ("产出指标", "质量指标", "服务达标率", "", "≥", "95", "%"),
        ("满意度指标", "服务对象满意度指标", "老人满意度", "受访老人满意的比例", "≥", "90", "%"),
    ]
    assert (second.project_name, second.money_unit, second.fund_use, second.budget_other) == (
        "2026年老年食堂运营项目",
        "万元",
        "用于老年食堂餐费补贴",
        None,
    )
    assert _indicators(second) == [
        ("产出指标", "时效指标", "运营天数", "全年开餐天数", "≥", "300", "天")
    ]


def _word(path: Path, lines: list[str]) -> None:
    """Paragraphs typed in python-docx, a tab where the text has one."""
    import docx

    word = docx.Document()
    for line in lines:
        paragraph = word.add_paragraph()
        for n, part in enumerate(line.split("\t")):
            if n:
                paragraph.add_run().add_tab()
            if part:
                paragraph.add_run(part)
    word.save(str(path))


def _refusal(name: str, shown: str) -> str:
    return (
        f"{name}：文档中的表格是用制表符排的，不是Word表格，“{shown}”一段的制表符"
        "与表头的列对不上，无法分清各列；请在Word中选中这些段落，"
        "用“插入→表格→文本转换成表格”转成表格后再导入"
    )


def test_a_header_lined_up_with_two_tabs_refuses_the_table(tmp_path: Path) -> None:
    path = tmp_path / "aligned.docx"
    header = "一级指标\t\t二级指标\t三级指标\t绩效指标描述\t指标值"
    _word(path, [*HEAD, header, "产出指标\t数量指标\t次数\t测试次数\t≥3次"])
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert str(caught.value) == _refusal(
        "aligned.docx", "一级指标 二级指标 三级指标 绩效指标描述 指标值"
    )


def test_a_row_with_more_fields_than_the_header_refuses_the_table(tmp_path: Path) -> None:
    path = tmp_path / "extra.docx"
    rows = ["产出指标\t数量指标\t次数\t测试次数\t≥3次", "\t\t\t质量指标\t合格率\t合格比例\t100%"]
    _word(path, [*HEAD, "一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值", *rows])
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert str(caught.value) == _refusal("extra.docx", "质量指标 合格率 合格比例 100%")
