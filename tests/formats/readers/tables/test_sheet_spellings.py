"""Sheets written another way: 千元/亿元 tables, invisible characters, numbered or short level
names, accountants' negatives; each read as meant, each guess said."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from goaleditor.formats.readers.sheets.number_format import shown_number
from goaleditor.formats.readers.sheets.xlsx import read
from goaleditor.formats.readers.tables.cell_text import INVISIBLE_NOTE, CellCleaner
from goaleditor.formats.readers.tables.level_names import canonical_levels
from goaleditor.formats.readers.tables.money import read_money
from goaleditor.formats.registry import read_document
from goaleditor.formats.writers.excel import write
from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.model.frameworks import canonical_level1, canonical_level2
from tests.compare import document_differences, documents_equal
from tests.formats.test_layouts import printed_view
from tests.helpers import note_lines

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"
HEADER = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"]
ROWS = [
    ["产出指标", "数量指标", "养护面积", "养护绿地面积", "≥120个"],
    ["满意度指标", "服务对象满意度指标", "群众满意度", "满意度调查", "≥90%"],
]


def _book(path: Path, rows: list[list[Any]], formats: dict[str, str] | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "表"
    for row in rows:
        sheet.append(row)
    for cell, number_format in (formats or {}).items():
        sheet[cell].number_format = number_format
    book.save(path)
    return path


def _head(unit_line: str, total: Any, fiscal: Any = None, other: Any = None) -> list[list[Any]]:
    return [
        ["2026年养护项目绩效目标表"],
        ["216003某区城管委", None, None, None, unit_line],
        ["项目名称", "养护项目"],
        ["预算规模及资金用途", "预算数", total, "其中：财政资金", fiscal, "其他资金", other],
        [None, "用于养护"],
        ["绩效目标", "完成养护"],
        HEADER,
    ]


def _read(path: Path) -> tuple[Document, list[str]]:
    notes: list[str] = []
    return read_document(path, note_lines(notes)), notes


def _money(document: Document, n: int = 0) -> tuple[Any, ...]:
    table = document.tables[n]
    return table.money_unit, table.budget_total, table.budget_fiscal, table.budget_other


def _levels(document: Document, n: int = 0) -> list[tuple[str, str, str]]:
    return [(l1, l2, i.name) for l1, l2, i in document.tables[n].indicator_rows()]


# 1. money units -----------------------------------------------------------------------------


def test_qianyuan_numbers_and_text_become_yuan_exactly(tmp_path: Path) -> None:
    path = _book(tmp_path / "q.xlsx", [*_head("单位：千元", 1280.5, "1,000.125", 280.375), *ROWS])
    document, notes = _read(path)
    assert _money(document) == (
        "元",
        Decimal("1280500.00"),
        Decimal("1000125.00"),
        Decimal("280375.00"),
    )
    assert notes == [
        "工作表“表”第4行：财政资金“1,000.125”读作1000.125",
        "工作表“表”第4行：本表单位是千元，已换算为元（×1000，如1280.50千元读作1280500.00元）",
    ]


def test_yiyuan_kept_in_wanyuan_or_yuan_whichever_is_exact(tmp_path: Path) -> None:
    rows = [*_head("金额单位：亿元", 0.068, 0.06, 0.008), *ROWS]
    document, notes = _read(_book(tmp_path / "y.xlsx", rows, {"C4": "0.0000"}))
    assert _money(document) == ("万元", Decimal("680.00"), Decimal("600.00"), Decimal("80.00"))
    assert notes == [
        "工作表“表”第4行：本表单位是亿元，已换算为万元（×10000，如0.068亿元读作680.00万元）"
    ]
    rows = [*_head("（亿元）", 0.00001234, 0.00001234), *ROWS]  # 0.1234 万元: only 元 holds it
    document, notes = _read(_book(tmp_path / "y2.xlsx", rows))
    assert _money(document) == ("元", Decimal("1234.00"), Decimal("1234.00"), None)
    assert notes == [
        "工作表“表”第4行：本表单位是亿元，已换算为元（×100000000，如0.00001234亿元读作1234.00元）"
    ]


def test_wanyuan_with_four_decimals_becomes_yuan_and_three_decimal_yuan_is_rounded(
    tmp_path: Path,
) -> None:
    rows = [*_head("单位：万元", "12.3456", 12.3456), *ROWS]
    document, notes = _read(_book(tmp_path / "w.xlsx", rows, {"E4": "0.0000"}))
    assert _money(document) == ("元", Decimal("123456.00"), Decimal("123456.00"), None)
    assert notes == [
        "工作表“表”第4行：金额有超过两位的小数，已换算为元（×10000，如12.3456万元读作123456.00元）"
    ]
    document, notes = _read(_book(tmp_path / "r.xlsx", [*_head("单位：元", 10.005, 10), *ROWS]))
    assert _money(document) == ("元", Decimal("10.01"), Decimal("10.00"), None)
    assert notes == [
        "工作表“表”第4行：金额超过两位小数，已四舍五入到分（10.005元四舍五入为10.01元）"
    ]
    rows = [*_head("单位：元", "20.125", 10.004, 10.121), *ROWS]
    document, notes = _read(_book(tmp_path / "r2.xlsx", rows))
    assert _money(document) == ("元", Decimal("20.13"), Decimal("10.00"), Decimal("10.12"))
    assert notes == [
        "工作表“表”第4行：金额超过两位小数，已四舍五入到分（20.125元四舍五入为20.13元等3个金额）"
    ]


def test_float_noise_is_not_a_decimal(tmp_path: Path) -> None:
    document, notes = _read(_book(tmp_path / "f.xlsx", [*_head("单位：万元", 0.1 + 0.2), *ROWS]))
    assert _money(document) == ("万元", Decimal("0.30"), None, None)
    assert notes == []


def test_libreoffice_ods_with_baiwanyuan_and_qianyuan_tables() -> None:
    document, notes = _read(FIXTURES / "money-units-lo.ods")
    assert _money(document, 0) == ("万元", Decimal("125.00"), Decimal("75.00"), Decimal("50.00"))
    assert _money(document, 1) == ("元", Decimal("2000500.00"), Decimal("3456.70"), None)
    assert notes == [
        "工作表“表”第4行：本表单位是百万元，已换算为万元（×100，如1.25百万元读作125.00万元）",
        "工作表“表”第15行：预算数“2,000.5”读作2000.50",
        "工作表“表”第15行：本表单位是千元，已换算为元（×1000，如2000.50千元读作2000500.00元）",
    ]
    assert [i.display for _, _, i in document.tables[0].indicator_rows()] == [
        "≥120万平方米",
        "≥98%",
        "≥90%",
    ]


# 2. invisible characters ----------------------------------------------------------------------


def test_every_format_character_is_taken_out() -> None:
    cleaner = CellCleaner()
    for code in range(0x110000):
        if unicodedata.category(chr(code)) == "Cf":
            assert cleaner.cell(f"项目{chr(code)}名称") == "项目名称", hex(code)
    assert cleaner.stripped
    plain = CellCleaner()
    assert plain.cell("\u3000有效\u3000提升\xa0") == "有效\u3000提升"
    assert plain.cell("  缩进的目标\n") == "  缩进的目标\n"  # ordinary spaces: as typed
    assert plain.cell(12.5) == 12.5
    assert not plain.stripped


def test_invisible_characters_in_labels_and_values(tmp_path: Path) -> None:
    rows = [
        ["2026年养护项目绩效目标表"],
        ["216003某区城管委", None, None, None, "单位：\ufeff元"],
        ["项目名称\u200b", "\u3000养护项目\u200b"],
        ["预算规模及资金用途", "\u00ad预算数", 100, "其中：财政资金\u2060", 100, "其他资金", None],
        [None, "用于养护"],
        ["\ufeff绩效目标", "完成养护\u3000"],
        ["一级指标", "二级指标", "三级指标\u200c", "绩效指标描述", "指标值\u200d"],
        ["产出指标", "数量指标", "运维系统数量\u200b", "系统数", "≥\u200b12个"],
        ["满意度指标", "服务对象满意度指标\u200b", "群众满意度", "调查", "≥95%"],
    ]
    document, notes = _read(_book(tmp_path / "u.xlsx", rows))
    table = document.tables[0]
    assert (table.project_name, table.budget_total, table.budget_fiscal, table.goal) == (
        "养护项目",
        Decimal("100.00"),
        Decimal("100.00"),
        "完成养护",
    )
    assert _levels(document) == [
        ("产出指标", "数量指标", "运维系统数量"),
        ("满意度指标", "服务对象满意度指标", "群众满意度"),
    ]
    first = next(table.indicator_rows())[2]
    assert (first.comparator, first.value, first.unit) == ("≥", "12", "个")
    assert notes == [INVISIBLE_NOTE]


def test_invisible_characters_in_a_libreoffice_xls() -> None:
    document, notes = _read(FIXTURES / "invisible-chars-lo.xls")
    table = document.tables[0]
    assert (table.project_name, table.money_unit, table.budget_total) == (
        "丙项目",
        "元",
        Decimal("100.00"),
    )
    assert [(l1, l2, i.name, i.description, i.display) for l1, l2, i in table.indicator_rows()] == [
        ("产出指标", "数量指标", "养护面积", "养护绿地面积", "≥120个"),
        ("产出指标", "质量指标", "成活率", "苗木成活率", "≥98%"),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "满意度调查", "≥90%"),
    ]
    assert notes == [INVISIBLE_NOTE]


# 3. level names -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("产出 指标", "产出指标"),
        ("效益类", "效益指标"),
        ("满意度", "满意度指标"),
        ("成本类指标", "成本指标"),
        ("一、产出指标", "产出指标"),
        ("（三）满意度", "满意度指标"),
        ("②效益", "效益指标"),
        ("产出效益", None),
        ("指标", None),
        ("其他", None),
    ],
)
def test_level1_spellings(written: str, meant: str | None) -> None:
    assert canonical_level1(written) == meant


@pytest.mark.parametrize(
    ("level1", "written", "meant"),
    [
        ("产出指标", "1.数量指标", "数量指标"),
        ("产出指标", "（2）质量", "质量指标"),
        ("产出指标", "⑶时效类", "时效指标"),
        ("效益指标", "经济效益类指标", "经济效益指标"),
        ("成本指标", "经济成本", "经济成本指标"),
        ("满意度指标", "满意度", None),  # not 服务对象满意度: left as written
        ("效益指标", "数量", None),  # not a 二级 of 效益指标
        ("某某指标", "2.质量指标", "质量指标"),  # an unknown 一级: any framework 二级
    ],
)
def test_level2_spellings(level1: str, written: str, meant: str | None) -> None:
    assert canonical_level2(level1, written) == meant


def test_one_note_per_table_lists_the_renames() -> None:
    pairs, note = canonical_levels(
        [("产出类指标", "1.数量指标"), ("产出类指标", "2.质量指标"), ("自定义", "其他"), ("", "")]
    )
    assert pairs == [
        ("产出指标", "数量指标"),
        ("产出指标", "质量指标"),
        ("自定义", "其他"),
        ("", ""),
    ]
    assert note == (
        "2个一级、二级名称前的编号已去掉（如“1.数量指标”“2.质量指标”）；"
        "一级“产出类指标”按“产出指标”读取"
    )
    assert canonical_levels([("产出指标", "数量指标")]) == ([("产出指标", "数量指标")], "")


def test_level_spellings_in_a_libreoffice_xls() -> None:
    document, notes = _read(FIXTURES / "level-spellings-lo.xls")
    assert _levels(document) == [
        ("产出指标", "数量指标", "养护面积"),
        ("产出指标", "质量指标", "成活率"),
        ("效益指标", "社会效益指标", "环境改善"),
        ("效益指标", "其他指标", "其他"),
        ("第三部分", "服务对象满意度指标", "群众满意度"),
    ]
    assert notes == [
        "工作表“表”第7行：一级“（一）产出”按“产出指标”读取；二级“⑴数量”按“数量指标”读取；"
        "二级“2、质量类”按“质量指标”读取；一级“二. 效益类指标”按“效益指标”读取；"
        "二级“社会效益”按“社会效益指标”读取；二级“服务对象满意度”按“服务对象满意度指标”读取"
    ]


def test_renamed_groups_merge_with_their_neighbours(tmp_path: Path) -> None:
    rows = [
        *_head("单位：元", 100, 100),
        ["产出指标", "数量指标", "甲", "甲", "≥1个"],
        ["产出 指标", "数量 指标", "乙", "乙", "≥2个"],
        ["满意度", "服务对象满意度指标", "丙", "丙", "≥90%"],
    ]
    document, notes = _read(_book(tmp_path / "m.xlsx", rows))
    table = document.tables[0]
    assert [(l1.name, [l2.name for l2 in l1.children]) for l1 in table.children] == [
        ("产出指标", ["数量指标"]),
        ("满意度指标", ["服务对象满意度指标"]),
    ]
    assert notes == [
        "工作表“表”第7行：一级“产出 指标”按“产出指标”读取；二级“数量 指标”按“数量指标”读取；"
        "一级“满意度”按“满意度指标”读取"
    ]


# 4. accountants' negatives --------------------------------------------------------------------


def test_accounting_format_is_the_negative_number() -> None:
    assert shown_number(-100000, "#,##0.00;(#,##0.00)") == -100000
    assert shown_number(-100000, "#,##0.00_);[Red](#,##0.00)") == -100000
    assert shown_number(-5, '0"万元";(0"万元")') == "-5万元"
    assert shown_number(100000, "#,##0.00;(#,##0.00)") == 100000


def test_negatives_in_parentheses_read_like_a_negative_number(tmp_path: Path) -> None:
    rows = [*_head("单位：元", 356000, 456000, -100000), *ROWS]
    rows += [[], *_head("单位：元", 520, 600, "（80.00）"), *ROWS]
    document, notes = _read(_book(tmp_path / "n.xlsx", rows, {"G4": "#,##0.00;(#,##0.00)"}))
    assert _money(document, 0) == (
        "元",
        Decimal("356000.00"),
        Decimal("456000.00"),
        Decimal("-100000.00"),
    )
    assert _money(document, 1)[3] == Decimal("-80.00")
    assert notes == ["工作表“表”第14行：其他资金“（80.00）”按负数-80.00读取"]
    said: list[str] = []
    assert read_money("(1,234.5万元)", "元", said.append) == Decimal("-12345000.00")
    assert said == ["“(1,234.5万元)”按本表单位（元）读作-12345000.00"]


def test_goaleditor_workbooks_keep_what_the_user_typed(tmp_path: Path) -> None:
    """Only others' workbooks are cleaned: an export reads back exactly, soft hyphen and all."""
    rows = [("产出指标", "数量指标", Indicator("软\xad件", "说明\xa0", "≥", "1", "个"))]
    table = GoalTable.from_rows(rows, project_name="\u3000项目\u200b", period_goal="\xad")
    document = Document(tables=[table], layout="shanghai", year=2026)
    write(document, tmp_path / "own.xlsx")
    notes: list[str] = []
    back = read(tmp_path / "own.xlsx", note_lines(notes))
    expected = printed_view(document)
    assert documents_equal(back, expected), document_differences(back, expected)
    assert back.tables[0].project_name == "\u3000项目\u200b"
    assert notes == []
