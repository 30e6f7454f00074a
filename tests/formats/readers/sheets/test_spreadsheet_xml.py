"""Excel 2003 XML (SpreadsheetML) saved as .xls is read like the other workbooks, and said."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from goaleditor.errors import InputError
from goaleditor.formats import read_document
from goaleditor.formats.readers.sheets import spreadsheet_xml
from goaleditor.model.document import GoalTable
from tests.helpers import note_lines

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"
NOTE = "这是Excel 2003 XML表格，已读取"


def _cell(text: str, extra: str = "", kind: str = "String") -> str:
    return f'<Cell{extra}><Data ss:Type="{kind}">{text}</Data></Cell>'


# Typed by hand as Excel 2003 saves it: ss:Index skips cells and rows, 项目名称's value merged
# across four columns, 一级指标 merged down two rows, a hidden row, numbers as Number.
def _row(*cells: str, extra: str = "") -> str:
    return f"<Row{extra}>" + "".join(cells) + "</Row>"


HAND_WRITTEN = "".join(
    [
        '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n',
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"',
        ' xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">',
        '<Worksheet ss:Name="绩效目标表"><Table>',
        _row(_cell("1.手写项目绩效目标表")),
        _row(_cell("单位：万元", ' ss:Index="5"'), extra=' ss:Index="3"'),
        _row(_cell("项目名称"), _cell("手写项目", ' ss:MergeAcross="3"')),
        _row(_cell("预算数"), _cell("120", kind="Number")),
        _row(_cell("其中：财政资金"), _cell("100.5", kind="Number")),
        _row(_cell("其他资金"), _cell("19.5", kind="Number")),
        _row(_cell("草稿"), _cell("不导入"), extra=' ss:Hidden="1"'),
        _row(_cell("绩效目标"), _cell("完成手写测试")),
        _row(*(_cell(t) for t in ("一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"))),
        _row(
            _cell("产出指标", ' ss:MergeDown="1"'),
            *(_cell(t) for t in ("数量指标", "检查次数", "检查次数", "≥12次")),
        ),
        _row(
            _cell("质量指标", ' ss:Index="2"'),
            *(_cell(t) for t in ("覆盖率", "覆盖率", "98%以上")),
        ),
        "</Table></Worksheet></Workbook>",
    ]
)


def _indicators(table: GoalTable) -> list[tuple[str, str, str, str, str, str]]:
    return [
        (l1.name, l2.name, i.name, i.comparator, i.value, i.unit)
        for l1 in table.children
        for l2 in l1.children
        for i in l2.children
    ]


def test_hand_written_spreadsheetml_named_xls_is_read_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "手写.xls"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    lines: list[str] = []
    table = read_document(path, note_lines(lines)).tables[0]
    assert (table.project_name, table.money_unit) == ("手写项目", "万元")
    assert (table.budget_total, table.budget_fiscal, table.budget_other) == (
        Decimal("120"),
        Decimal("100.5"),
        Decimal("19.5"),
    )
    assert table.goal == "完成手写测试"
    assert _indicators(table) == [
        ("产出指标", "数量指标", "检查次数", "≥", "12", "次"),
        ("产出指标", "质量指标", "覆盖率", "≥", "98", "%"),
    ]
    assert NOTE in lines
    assert any("隐藏行" in line for line in lines), lines


def test_spreadsheetml_saved_by_libreoffice_is_read() -> None:
    # made by tests/fixtures/make_spreadsheetml.py (soffice, Excel 2003 XML filter)
    lines: list[str] = []
    table = read_document(FIXTURES / "spreadsheetml-lo.xls", note_lines(lines)).tables[0]
    assert (table.project_name, table.money_unit, table.budget_total) == (
        "测试项目",
        "万元",
        Decimal("120"),
    )
    assert [row[2:] for row in _indicators(table)] == [
        ("检查次数", "≥", "12", "次"),
        ("覆盖率", "≥", "98", "%"),
    ]
    assert NOTE in lines


def test_spreadsheetml_past_the_cell_cap_is_refused_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(spreadsheet_xml, "MAX_CELLS", 10)
    path = tmp_path / "大.xls"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    with pytest.raises(InputError, match="单元格超过上限") as refused:
        read_document(path)
    assert "\n" not in str(refused.value)


def test_damaged_spreadsheetml_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "坏.xls"
    path.write_text(HAND_WRITTEN[: len(HAND_WRITTEN) // 2], encoding="utf-8")
    with pytest.raises(InputError) as refused:
        read_document(path)
    assert "\n" not in str(refused.value) and "坏.xls" in str(refused.value)


def test_spreadsheetml_named_xlsx_is_read_as_what_it_is(tmp_path: Path) -> None:
    path = tmp_path / "改名.xlsx"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    lines: list[str] = []
    table = read_document(path, note_lines(lines)).tables[0]
    assert table.project_name == "手写项目"
    assert NOTE in lines
