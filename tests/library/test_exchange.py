"""Excel exchange: our workbook round-trips, a bureau's list loads in one step."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from goaleditor.errors import InputError
from goaleditor.library.entries import LibraryEntry, Source, ValuesSeen
from goaleditor.library.exchange import (
    BUREAU_COLUMNS,
    EXPORT_COLUMNS,
    export_workbook,
    import_workbook,
)

ENTRIES = [
    LibraryEntry(
        "数量指标",
        "培训人次",
        "反映组织培训的人次",
        "≥",
        "人次",
        level1="产出指标",
        fund_use="会议培训",
        function_class="2010301",
        nature="定量",
        reference_value="200",
        comparators_seen=("≥", "="),
        units_seen=("人次", "人"),
        values_seen=ValuesSeen(3, Decimal("50"), Decimal("120.5"), Decimal("300"), ()),
        sources=(Source("a.xlsx", "2026年培训项目", 2026), Source("b.pdf", "", None)),
        keywords=("培训 人次", "参训人次"),
        origin="personal",
    ),
    LibraryEntry(
        "社会效益指标",
        "=1+1",  # text that looks like a formula stays text
        "",
        "定性",
        "",
        level1="效益指标",
        nature="定性",
        values_seen=ValuesSeen(2, None, None, None, ("明显提升", "有所改善")),
        hidden=True,
    ),
]


def test_our_workbook_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "库.xlsx"
    export_workbook(ENTRIES, path)
    result = import_workbook(path)
    assert result.refused == []
    assert result.entries == ENTRIES
    export_workbook(result.entries, tmp_path / "again.xlsx")
    assert import_workbook(tmp_path / "again.xlsx").entries == ENTRIES
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[1]] == list(EXPORT_COLUMNS)
    assert list(EXPORT_COLUMNS[:7]) == list(BUREAU_COLUMNS)
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    assert sheet["D3"].value == "=1+1" and sheet["D3"].data_type == "s"


def _bureau_list(path: Path, title: bool, shuffled: bool) -> None:
    book = Workbook()
    sheet = book.active
    columns = [*BUREAU_COLUMNS, "备注"]
    if shuffled:
        columns = [columns[i] for i in (3, 0, 7, 6, 2, 1, 5, 4)]
    if title:
        sheet.append(["某某区财政局共性绩效指标库（2026年）"])
        sheet.append([])
    sheet.append(columns)
    rows = [
        ("会议培训", "产出指标", "数量指标", "培训人次", "定量", "人次", "参训人员数量", "x"),
        ("会议培训", "", "", "培训天数", "定量", "天", "", ""),  # blank 一级/二级: as above
        ("会议培训", "产出指标", "质量指标", "", "定量", "%", "缺三级", ""),  # refused
        ("会议培训", "效益指标", "社会效益指标", "培训效果", "定性", "", "学员能力提升", ""),
        ("会议培训", "产出指标", "数量指标", "培训人次", "定量", "人", "重复", ""),  # refused
    ]
    order = [list(BUREAU_COLUMNS).index(c) if c in BUREAU_COLUMNS else 7 for c in columns]
    for row in rows:
        sheet.append([row[i] for i in order])
    book.save(path)


@pytest.mark.parametrize(("title", "shuffled"), [(False, False), (True, True)])
def test_a_bureau_list_loads_in_one_step(tmp_path: Path, title: bool, shuffled: bool) -> None:
    path = tmp_path / "bureau.xlsx"
    _bureau_list(path, title, shuffled)
    result = import_workbook(path, origin="bureau")
    first = 4 if title else 2  # the first data row's number as Excel shows it
    assert result.refusal_lines() == [
        f"Sheet 第{first + 2}行：缺少三级指标",
        f"Sheet 第{first + 4}行：与第{first}行重复",
    ]
    assert [(e.level1, e.level2, e.name, e.unit) for e in result.entries] == [
        ("产出指标", "数量指标", "培训人次", "人次"),
        ("产出指标", "数量指标", "培训天数", "天"),
        ("效益指标", "社会效益指标", "培训效果", ""),
    ]
    first_entry = result.entries[0]
    assert (first_entry.fund_use, first_entry.nature, first_entry.description) == (
        "会议培训",
        "定量",
        "参训人员数量",
    )
    assert all(e.origin == "bureau" for e in result.entries)


def test_the_budget_systems_columns_load(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(
        ["一级指标", "二级指标", "三级指标", "计算符号", "指标值", "计量单位", "权重", "指标值说明"]
    )
    sheet.append(["产出指标", "时效指标", "完成及时率", ">=", "95", "%", "10", "按期完成的比例"])
    sheet.append(["产出指标", "时效指标", "完成时间", "约等于", "12", "月", "10", ""])
    book.save(tmp_path / "system.xlsx")
    result = import_workbook(tmp_path / "system.xlsx")
    entry = result.entries[0]
    assert (entry.comparator, entry.reference_value, entry.unit, entry.description) == (
        "≥",
        "95",
        "%",
        "按期完成的比例",
    )
    assert len(result.refused) == 1 and "计算符号“约等于”" in result.refused[0][1]


def test_a_workbook_without_a_header_is_one_line(tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["名称", "数量"])
    book.save(tmp_path / "other.xlsx")
    with pytest.raises(InputError, match="找不到指标库的表头"):
        import_workbook(tmp_path / "other.xlsx")
    (tmp_path / "bad.xlsx").write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(InputError):
        import_workbook(tmp_path / "bad.xlsx")


FIXTURES = Path(__file__).parents[1] / "fixtures" / "library"


@pytest.mark.parametrize("name", ["bureau-list-lo.xls", "bureau-list-lo.ods"])
def test_a_bureau_list_saved_by_libreoffice_loads(name: str) -> None:
    result = import_workbook(FIXTURES / name, origin="bureau")
    assert result.refusal_lines() == ["指标库 第5行：缺少三级指标"]
    assert [(e.level1, e.level2, e.name, e.unit) for e in result.entries] == [
        ("产出指标", "数量指标", "宣传活动场次", "场"),
        ("产出指标", "数量指标", "发放宣传资料", "份"),  # 一级 and 二级 merged down
        ("效益指标", "社会效益指标", "政策知晓率", "%"),
    ]
    assert {e.fund_use for e in result.entries} == {"宣传"}


def test_rows_it_cannot_take_say_why(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "清单"
    sheet.append(["序号", "二级指标（必填）", "三级指标名称", "取值次数", "最小值"])
    sheet.append([1, "数量指标", "培训人次", 3, 10])
    sheet.append([2, "数量指标", "很长" * 1001, None, None])
    sheet.append([3, "数量指标", "参会人数", "三次", None])
    sheet.append([4, "数量指标", "会议天数", -1, None])
    sheet.append([5, "数量指标", "参训率", None, "很多"])
    book.save(tmp_path / "edge.xlsx")
    result = import_workbook(tmp_path / "edge.xlsx")
    assert [e.name for e in result.entries] == ["培训人次"]
    assert result.entries[0].values_seen.count == 3
    assert result.refusal_lines() == [
        "清单 第3行：“三级指标”过长（超过2000字）",
        "清单 第4行：“取值次数”不是数字：三次",
        "清单 第5行：“取值次数”应为非负整数：-1",
        "清单 第6行：“最小值”不是数字：很多",
    ]
