"""Excel: export in the official layout, import of anyone's official-layout workbooks, safety."""

from __future__ import annotations

import copy
import time
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from goaleditor.errors import InputError
from goaleditor.formats.canonical_json import dumps
from goaleditor.formats.layout import grid as layout_grid
from goaleditor.formats.layout import official
from goaleditor.formats.readers.sheets.xlsx import read
from goaleditor.formats.writers.excel import write
from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.model.layouts import TIANJIN
from tests.compare import document_differences, documents_equal
from tests.formats.test_layouts import printed_view
from tests.helpers import note_lines, run_cli
from tests.strategies import documents

ROOT = Path(__file__).resolve().parents[3]


def test_example_round_trip(tmp_path: Path, example_document) -> None:
    out = tmp_path / "example.xlsx"
    write(example_document, out)
    back = read(out)
    assert documents_equal(back, example_document), document_differences(back, example_document)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(documents(empty_groups=False))  # a sheet lists indicator rows: no empty groups
def test_round_trip_any_document(tmp_path: Path, document: Document) -> None:
    document.tables = [t for t in document.tables if t.indicator_count()]  # a sheet needs rows
    expected = printed_view(copy.deepcopy(document))  # what the document's layout prints
    # Known limitation: with merged 二级 cells an indicator whose printed cells are all empty
    # reads like the lower part of a row split for Excel's 409 pt limit, and is skipped.
    assume(
        not document.merge_level2
        or all(
            ind.name or ind.description or ind.display
            for t in expected.tables
            for *_, ind in t.indicator_rows()
        )
    )
    out = tmp_path / "h.xlsx"
    write(document, out)
    if not document.tables:
        with pytest.raises(InputError):
            read(out)
        return
    back = read(out)
    assert documents_equal(back, expected), document_differences(back, expected)


def test_layout_of_the_exported_sheet(tmp_path: Path, example_document) -> None:
    out = tmp_path / "x.xlsx"
    write(example_document, out)
    book = load_workbook(out)
    assert book.sheetnames[0] == "目录" and len(book.sheetnames) == 7
    sheet = book.worksheets[1]
    assert sheet["A1"].value == "1.2026年政务服务办运行经费绩效目标表"
    assert sheet["A1"].font.name == "黑体" and sheet["A4"].font.name == "宋体"
    assert sheet["G2"].value == "单位：元"
    merges = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A1:G1", "B3:G3", "A4:A5", "B5:G5", "B6:G6", "D7:E7", "F7:G7"} <= merges
    assert "A8:A19" in merges  # 产出指标 merged over its twelve rows
    assert sheet["C4"].value == Decimal("6300000") or sheet["C4"].value == 6300000
    assert sheet["C4"].number_format == "0.00"
    assert sheet["A7"].value == "一级指标" and sheet.print_title_rows == "$7:$7"
    assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
    # One page wide: fit to page, and a fitToWidth left out is 1 (ECMA-376 §18.3.1.63; Excel
    # and XlsxWriter leave it out).
    assert sheet.page_setup.orientation == "portrait" and sheet.page_setup.fitToWidth in (None, 1)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet["D8"].border.left.style == "thin" and sheet["E8"].border.right.style == "thin"
    assert sheet["C8"].alignment.wrap_text


def test_row_height_fits_wrapped_lines(tmp_path: Path) -> None:
    long = "通过多种用工人员经费发放准确的人数与总人数比对，反映发放的准确情况。" * 4
    rows = [("产出指标", "数量指标", Indicator("短", long, "≥", "95", "%"))]
    doc = Document(tables=[GoalTable.from_rows(rows, project_name="p")])
    out = tmp_path / "h.xlsx"
    write(doc, out)
    sheet = load_workbook(out).worksheets[0]
    row = 8  # title, agency, five head rows, header row, then the indicator
    assert sheet.cell(row=row, column=4).value == long
    width_pt = sum(layout_grid.TABLE_WIDTH * f for f in TIANJIN.column_fractions[3:5])
    chars_per_line = (width_pt - 2 * layout_grid.PAD_X) / layout_grid.BODY_SIZE
    lines = -(-len(long) // int(chars_per_line))
    assert sheet.row_dimensions[row].height >= lines * layout_grid.LEADING
    assert sheet.row_dimensions[9].height is None or sheet.row_dimensions[9].height < 30


def test_formula_like_text_stays_text(tmp_path: Path) -> None:
    hostile = ["=SUM(A1:A9)", "+1", "-2", "@cmd", '=HYPERLINK("http://x")']
    # "+1" and "-2" as a 定性 value would read back as numbers, so values use the others.
    rows = [("产出指标", "数量指标", Indicator(t, t, "定性", f"值{t}", "")) for t in hostile]
    doc = Document(tables=[GoalTable.from_rows(rows, project_name="=1+1")])
    out = tmp_path / "f.xlsx"
    write(doc, out)
    sheet = load_workbook(out).worksheets[0]
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                assert cell.data_type == "s", cell.coordinate
    with zipfile.ZipFile(out) as archive:
        assert all(b"<f>" not in archive.read(n) for n in archive.namelist() if "sheet" in n)
    assert dumps(read(out)) == dumps(doc)


def colleague_workbook(path: Path) -> None:
    """A workbook as a colleague would make it by hand in Excel or WPS."""
    book = Workbook()
    toc = book.active
    toc.title = "目录"
    toc["A1"] = "项目支出绩效目标表"
    toc["A3"] = "1.2026年信息化运维项目绩效目标表 …… 2"
    sheet = book.create_sheet("运维项目")
    for column, width in zip("ABCDEFGH", (14, 16, 30, 12, 20, 12, 9, 9), strict=True):
        sheet.column_dimensions[column].width = width
    rows = [
        ["2026年信息化运维项目绩效目标表"],
        ["123456某某区大数据中心", None, None, None, None, None, "单位：万元"],
        [],
        ["项目\n名称", "2026年信息化运维项目"],
        ["预算规模及\n资金用途", "预算数", 150, "其中：\n财政  资金", "120.5", "其他资金", 29.5],
        [None, "用于机房和网络运维"],
        ["年度绩效目标", "1.保障系统稳定运行\n2.提升服务效率"],
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "绩效指标描述",
            None,
            "指标性质",
            "指标值",
            "计量单位",
        ],
        ["产出指标", "数量指标", "运维系统数量", "纳入运维的系统数", None, "≥", 12, "个"],
        [None, "质量指标", "系统可用率", "全年系统可用时间比例", None, ">=", "99.5", "%"],
        [],
        [None, "时效指标", "故障响应时间", "接报到响应", None, "≤", 2, "小时"],
        ["效益指标", "社会效益指标", "服务改善", "群众办事体验", None, "定性", "明显改善", None],
        ["满意度指标", "服务对象满意度指标", "使用单位满意度", "问卷调查", None, "≥", 90, "%"],
    ]
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("A9:A12")
    sheet.merge_cells("D8:E8")
    notes = book.create_sheet("填表说明")
    notes["A1"] = "请按财政局要求填写"
    book.save(path)


def test_import_colleague_workbook(tmp_path: Path) -> None:
    path = tmp_path / "colleague.xlsx"
    colleague_workbook(path)
    warnings: list[str] = []
    doc = read(path, note_lines(warnings))
    assert warnings == ["工作表“填表说明”不是绩效目标表，已跳过"]
    assert (doc.agency_code, doc.agency_name, doc.year) == ("123456", "某某区大数据中心", 2026)
    table = doc.tables[0]
    assert (table.project_name, table.money_unit) == ("2026年信息化运维项目", "万元")
    assert (table.budget_total, table.budget_fiscal, table.budget_other) == (
        Decimal("150.00"),
        Decimal("120.50"),
        Decimal("29.50"),
    )
    assert table.fund_use == "用于机房和网络运维"
    assert table.goal == "1.保障系统稳定运行\n2.提升服务效率"
    rows = [
        (l1, l2, i.name, i.description, i.comparator, i.value, i.unit)
        for l1, l2, i in table.indicator_rows()
    ]
    assert rows == [
        ("产出指标", "数量指标", "运维系统数量", "纳入运维的系统数", "≥", "12", "个"),
        ("产出指标", "质量指标", "系统可用率", "全年系统可用时间比例", "≥", "99.5", "%"),
        ("产出指标", "时效指标", "故障响应时间", "接报到响应", "≤", "2", "小时"),
        ("效益指标", "社会效益指标", "服务改善", "群众办事体验", "定性", "明显改善", ""),
        ("满意度指标", "服务对象满意度指标", "使用单位满意度", "问卷调查", "≥", "90", "%"),
    ]


def test_workbook_without_goal_tables_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    book = Workbook()
    book.active["A1"] = "工资表"
    book.save(path)
    result = run_cli("dump", path, timeout=60)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1  # one line, not a warning per skipped sheet
    assert "没有找到绩效目标表" in result.stderr and "Traceback" not in result.stderr


def test_zip_bomb_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(300):
                member.write(chunk)
    assert path.stat().st_size < 2 * 1024 * 1024
    start = time.monotonic()
    with pytest.raises(InputError, match="解压后过大"):
        read(path)
    assert time.monotonic() - start < 2


def test_entity_expansion_is_refused(tmp_path: Path, example_document) -> None:
    good = tmp_path / "good.xlsx"
    write(example_document, good)
    bad = tmp_path / "laughs.xlsx"
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                data = laughs.encode()
            target.writestr(item, data)
    with pytest.raises(InputError):
        read(bad)


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(InputError, match="不是有效的Excel工作簿"):
        read(path)


def test_row_taller_than_excel_allows_is_spread_over_rows(tmp_path: Path) -> None:
    goal = "很长的绩效目标，" * 700
    rows = [("产出指标", "数量指标", Indicator("名称", "描述", "≥", "1", "个"))]
    doc = Document(tables=[GoalTable.from_rows(rows, project_name="p", goal=goal)])
    out = tmp_path / "tall.xlsx"
    write(doc, out)
    sheet = load_workbook(out).worksheets[0]
    heights = [sheet.row_dimensions[r].height or 15 for r in range(1, sheet.max_row + 1)]
    assert max(heights) <= 409
    goal_range = next(r for r in sheet.merged_cells.ranges if r.min_col == 2 and r.min_row == 6)
    covered = sum(
        sheet.row_dimensions[r].height for r in range(goal_range.min_row, goal_range.max_row + 1)
    )
    grid_lines = len(goal) / 40  # at least this many lines at ~40 characters a line
    assert covered >= grid_lines * layout_grid.LEADING
    assert dumps(read(out)) == dumps(doc)


def test_grid_cells_name_the_field_they_show(example_document: Document) -> None:
    table = example_document.tables[0]
    grid = official.build_grid(example_document, table, 1, lambda s: 9.0 * len(s), len)
    cells = [cell for row in grid.rows for cell in row.cells]
    assert all((cell.field is None) == cell.label for cell in cells)
    head = {cell.field: cell for cell in cells if cell.source is table}
    assert head["project_name"].text == table.project_name
    assert head["budget_total"].text == "6300000.00" and head["budget_total"].col == 2
    rows = [row for row in grid.rows if row.kind == "indicator"]
    assert len(rows) == table.indicator_count()
    for row, (_, _, indicator) in zip(rows, table.indicator_rows(), strict=True):
        shown = {cell.field: cell.text for cell in row.cells if cell.source is indicator}
        assert shown["indicator.name"] == indicator.name
        assert shown["indicator.display"] == indicator.display


def _one_table(**header: object) -> Document:
    rows = [("产出指标", "数量指标", Indicator("数量", "说明", "≥", "1", "个"))]
    return Document(tables=[GoalTable.from_rows(rows, **header)])


CAP = Decimal(10) ** 15 - Decimal("0.01")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(amount=st.decimals(min_value=-CAP, max_value=CAP, places=2, allow_nan=False))
def test_any_amount_up_to_the_cap_survives_excel(tmp_path_factory, amount: Decimal) -> None:
    out = tmp_path_factory.mktemp("x") / "amount.xlsx"
    write(_one_table(budget_total=amount, budget_fiscal=amount), out)
    back = read(out).tables[0]
    assert (back.budget_total, back.budget_fiscal) == (amount, amount)
    cell = load_workbook(out)["1.绩效目标表"]["C4"]
    if len(amount.normalize().as_tuple().digits) > 15:  # Excel would change it as a number
        assert cell.data_type == "s" and cell.value == f"{amount:.2f}"
    assert cell.number_format == "0.00" and cell.alignment.horizontal == "right"


@pytest.mark.parametrize(
    "text", ["99999999999999.99", "123456789012345.67", "999999999999999.99", "-0.10", "0.00"]
)
def test_sixteen_digit_amounts_are_kept_exactly(tmp_path: Path, text: str) -> None:
    out = tmp_path / "a.xlsx"
    write(_one_table(budget_total=Decimal(text)), out)
    assert str(read(out).tables[0].budget_total) == text


@pytest.mark.parametrize(
    "value", [1e19, 1e300, 12345678901234567890, "1e19", "1000000000000000", "1234567890123456.78"]
)
def test_amounts_beyond_the_cap_are_refused_with_a_reason(tmp_path: Path, value) -> None:
    """A number cell of 1e19 (someone typed it in Excel) used to crash the import."""
    out = tmp_path / "big.xlsx"
    write(_one_table(budget_total=Decimal(1)), out)
    book = load_workbook(out)
    book["1.绩效目标表"]["C4"] = value
    book.save(out)
    with pytest.raises(InputError, match=r"超出金额上限|不是金额") as error:
        read(out)
    assert "预算数" in str(error.value) or "第4行" in str(error.value)
    result = run_cli("import", out, "-o", tmp_path / "x.goals")
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "内部错误" not in result.stderr


def test_text_over_excel_cell_limit_is_refused_not_cut(tmp_path: Path) -> None:
    out = tmp_path / "long.xlsx"
    write(_one_table(goal="长" * 32_767), out)  # exactly at the limit: written whole
    assert read(out).tables[0].goal == "长" * 32_767
    with pytest.raises(InputError, match="32767") as error:
        write(_one_table(goal="长" * 32_768), tmp_path / "longer.xlsx")
    assert "单元格B6有32768个字符" in str(error.value)
    assert not (tmp_path / "longer.xlsx").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["long.xlsx"]


def test_control_characters_are_dropped_and_the_rest_kept(tmp_path: Path) -> None:
    """A vertical tab pasted from Word used to stop the export with an internal error."""
    document = _one_table(project_name="项目\x0b名称\x00", goal="第一行\n第二行\x0c\x1b完")
    document.agency_name = "单位\x07名称"
    indicator = next(iter(document.tables[0].indicator_rows()))[2]
    indicator.description = "说\x0b明\t制表"
    out = tmp_path / "c.xlsx"
    write(document, out)
    table = read(out).tables[0]
    assert table.project_name == "项目名称"
    assert table.goal == "第一行\n第二行完"
    assert next(iter(table.indicator_rows()))[2].description == "说明\t制表"
    result = run_cli("export", out, "-o", tmp_path / "again.xlsx")
    assert result.returncode == 0, result.stderr


def test_a_large_sheet_of_long_text_is_read_not_refused() -> None:
    """A 17 MB workbook of one sheet of long 描述 holds a 64 MB sheet part: not an attack."""
    import zipfile

    from goaleditor.formats.readers import guard

    sheet = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
    sheet.file_size = 64 * 2**20
    guard.check_sizes("big.xlsx", [sheet])  # no InputError
    sheet.file_size = 101 * 2**20
    with pytest.raises(InputError, match="解压后过大"):
        guard.check_sizes("big.xlsx", [sheet])
