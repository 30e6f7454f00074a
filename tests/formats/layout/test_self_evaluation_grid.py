"""The 绩效自评表 grids: the central form and Sichuan's, their labels, merges, scores and pages."""

from __future__ import annotations

from decimal import Decimal

import pytest

from goaleditor.formats.layout import official
from goaleditor.formats.layout.fonts import HEI, SONG, TextWidth
from goaleditor.formats.layout.grid import BODY_SIZE, MARGIN_LEFT, TITLE_SIZE, Cell, TableGrid
from goaleditor.formats.layout.pagination import paginate
from goaleditor.formats.layout.self_evaluation import computed_cells
from goaleditor.model.document import Document
from goaleditor.self_evaluation.evaluation import profile_of, score_table, score_text
from goaleditor.self_evaluation.layouts import CENTRAL, SICHUAN, form_of, printed_fields
from tests.formats.self_evaluation_documents import filled

BODY = TextWidth(SONG, BODY_SIZE)
TITLE = TextWidth(HEI, TITLE_SIZE)


def grid_of(document: Document, number: int = 1) -> TableGrid:
    """The grid of a table as every writer gets it (official.build_grid)."""
    return official.build_grid(document, document.tables[number - 1], number, BODY, TITLE)


def cells(grid: TableGrid) -> list[Cell]:
    return [cell for row in grid.rows for cell in row.cells]


def find(grid: TableGrid, text: str) -> Cell:
    found = [cell for cell in cells(grid) if cell.text == text]
    assert len(found) == 1, (text, found)
    return found[0]


def row_texts(grid: TableGrid, row: int) -> list[str]:
    return [cell.text for cell in grid.rows[row].cells]


@pytest.fixture
def central(example_document: Document) -> Document:
    return filled(example_document, "central")


@pytest.fixture
def sichuan(example_document: Document) -> Document:
    return filled(example_document, "sichuan")


def test_the_central_form_has_its_ten_columns_labels_and_merges(central: Document) -> None:
    grid = grid_of(central)
    table = central.tables[0]
    assert grid.columns == 10
    assert grid.title == "项目支出绩效自评表\n（2026年度）"
    assert (grid.agency, grid.unit) == ("", "")
    assert row_texts(grid, 0) == ["项目名称", table.project_name]
    assert find(grid, table.project_name).colspan == 9
    assert row_texts(grid, 1)[0::2] == ["主管部门", "实施单位"]
    money = find(grid, "项目资金（元）")
    assert (money.row, money.col, money.rowspan) == (2, 0, 5)
    assert row_texts(grid, 2)[1:] == [
        "",
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
        "得分",
    ]
    total_row = row_texts(grid, 3)
    assert total_row[:2] == ["年度资金总额", "6300000.00"]
    assert total_row[3:] == ["5999490.00", "10", "95.23%", "9.52"]
    assert row_texts(grid, 4) == [
        "其中：当年财政拨款",
        "6300000.00",
        "6300000.00",
        "5670000.00",
        "—",
        "90.00%",
        "—",
    ]
    assert row_texts(grid, 5)[0] == "上年结转资金"
    assert row_texts(grid, 6)[0] == "其他资金"
    goal = find(grid, "年度总体目标")
    assert (goal.row, goal.rowspan) == (7, 2)
    assert row_texts(grid, 7)[1:] == ["预期目标", "实际完成情况"]
    assert row_texts(grid, 8) == [table.goal, "表1年度目标已完成"]
    header = grid.rows[grid.header_row]
    assert grid.header_row == 9
    assert [c.text for c in header.cells] == ["绩效指标", *CENTRAL.indicator_columns]
    assert header.cells[0].rowspan == 1 + table.indicator_count()
    assert header.cells[-1].colspan == 2  # 偏差原因分析及改进措施 over I..J
    last = grid.rows[-1].cells
    assert [c.text for c in last] == ["总分", "100", "99.52", ""]
    assert (last[0].colspan, last[1].col, last[2].col) == (6, 6, 7)


def test_level_names_merge_down_their_groups(central: Document) -> None:
    grid = grid_of(central)
    table = central.tables[0]
    level1 = [c for c in cells(grid) if c.field == "level1"]
    level2 = [c for c in cells(grid) if c.field == "level2"]
    assert [(c.text, c.rowspan) for c in level1] == [
        (group.name, sum(len(l2.children) for l2 in group.children)) for group in table.children
    ]
    assert [(c.text, c.rowspan) for c in level2] == [
        (l2.name, len(l2.children)) for group in table.children for l2 in group.children
    ]


def test_indicator_rows_show_target_result_weight_score_and_deviation(central: Document) -> None:
    grid = grid_of(central)
    table = central.tables[0]
    scored = score_table(table, profile_of(central))
    rows = [row for row in grid.rows if row.kind == "indicator"]
    assert len(rows) == table.indicator_count()
    for row, score in zip(rows, scored.indicators, strict=True):
        by_col = {cell.col: cell for cell in row.cells}
        indicator = score.indicator
        assert by_col[3].text == indicator.name
        assert by_col[4].text == indicator.display or by_col[4].text.startswith("=")
        assert by_col[5].text == indicator.actual
        assert by_col[6].text == indicator.weight
        assert by_col[7].text == score_text(score.score) != ""
        assert (by_col[8].text, by_col[8].colspan) == ("无偏差", 2)
    # = is printed on the 自评表 (=100%), unlike the goal table's 指标值
    equal = next(i for _, _, i in table.indicator_rows() if i.comparator == "=")
    assert f"={equal.value}{equal.unit}" in [c.text for c in cells(grid)]


def test_computed_cells_are_marked_and_name_no_field(central: Document) -> None:
    grid = grid_of(central)
    computed = computed_cells(grid)
    texts = [c.text for c in computed]
    assert "95.23%" in texts and "9.52" in texts and "99.52" in texts and "100" in texts
    quantitative = [
        c for c in computed if c.text and c.col == 7 and grid.rows[c.row].kind == "indicator"
    ]
    assert quantitative  # the rule's scores
    assert all(c.field is None and c.source is None for c in computed)
    # 定性 scores are typed: a field, not computed
    typed = [c for c in cells(grid) if c.field == "indicator.score"]
    assert typed and not any(c.computed for c in typed)
    assert all(c.source.comparator == "定性" for c in typed)  # type: ignore[union-attr]


def test_an_editable_profile_scores_by_rule_until_typed(example_document: Document) -> None:
    document = filled(example_document, "central", scoring="hubei")
    first = next(i for _, _, i in document.tables[0].indicator_rows() if i.comparator != "定性")
    grid = grid_of(document)
    cell = next(c for c in cells(grid) if c.source is first and c.field == "indicator.score")
    assert cell.computed and cell.text != ""
    first.score = "1"
    cell = next(
        c for c in cells(grid_of(document)) if c.source is first and c.field == "indicator.score"
    )
    assert not cell.computed and cell.text == "1.00"


def test_the_total_waits_for_every_score(central: Document) -> None:
    table = central.tables[0]
    next(i for _, _, i in table.indicator_rows()).actual = ""
    last = grid_of(central).rows[-1].cells
    assert [c.text for c in last] == ["总分", "100", "", ""]


def test_shanghai_prints_the_central_form_titled_as_its_own(example_document: Document) -> None:
    grid = grid_of(filled(example_document, "shanghai"))
    assert grid.title == "财政项目支出绩效自评表\n（2026年度）"
    assert grid.columns == 10
    for layout in ("tianjin", "central", "shanghai", "anything"):
        assert form_of(layout) is CENTRAL
    assert form_of("sichuan") is SICHUAN


def test_a_document_without_year_leaves_the_year_blank(central: Document) -> None:
    central.year = None
    assert grid_of(central).title == "项目支出绩效自评表\n（    年度）"


def test_sichuans_form_has_its_eleven_columns_sections_and_signatures(sichuan: Document) -> None:
    grid = grid_of(sichuan)
    table = sichuan.tables[0]
    assert grid.columns == 11
    assert grid.title == "部门预算项目支出绩效自评表（2026年度）"
    assert grid.agency == "报表编号：510000_0013zp"
    assert row_texts(grid, 1)[0::2] == ["主管部门", "实施单位（盖章）"]
    basic = find(grid, "项目基本情况")
    assert (basic.row, basic.rowspan) == (2, 5)
    assert row_texts(grid, 2)[1:] == ["1.项目年度目标完成情况"]
    assert row_texts(grid, 3) == ["项目年度目标", "年度目标完成情况"]
    assert row_texts(grid, 4) == [table.goal, "表1年度目标已完成"]
    assert row_texts(grid, 5) == ["2.项目实施内容及过程概述"]
    assert row_texts(grid, 6) == ["表1按计划实施"]
    block = find(grid, "预算执行情况（10分）")
    assert (block.row, block.rowspan) == (7, 6)
    assert row_texts(grid, 7)[1:] == [
        "年度预算数（元）",
        "年初预算",
        "调整后预算数",
        "预算执行数",
        "预算执行率",
        "权重",
        "得分",
        "原因",
    ]
    assert row_texts(grid, 8)[:8] == [
        "总额",
        "6300000.00",
        "6300000.00",
        "5999490.00",
        "95.23%",
        "10",
        "9.52",
        SICHUAN.reason_note,
    ]
    note = find(grid, SICHUAN.reason_note)
    assert (note.col, note.colspan, note.rowspan) == (9, 2, 5)
    assert row_texts(grid, 9) == [
        "其中：财政资金",
        "6300000.00",
        "6300000.00",
        "5670000.00",
        "90.00%",
        "/",
        "/",
    ]
    assert row_texts(grid, 10) == ["财政专户管理资金", "", "", "", "", "/", "/"]
    assert row_texts(grid, 11) == ["单位资金", "", "", "", "", "/", "/"]
    assert row_texts(grid, 12)[0] == "其他资金"
    header = grid.rows[grid.header_row]
    assert grid.header_row == 13
    assert [c.text for c in header.cells] == ["绩效指标（90分）", *SICHUAN.indicator_columns]
    assert header.cells[0].rowspan == 1 + table.indicator_count()
    first = next(row for row in grid.rows if row.kind == "indicator")
    indicator = next(i for _, _, i in table.indicator_rows())
    by_col = {c.col: c.text for c in first.cells}
    assert [by_col[c] for c in range(3, 11)] == [
        indicator.name,
        indicator.comparator,
        indicator.value,
        indicator.unit,
        indicator.actual,
        indicator.weight,
        "4.17",
        "无偏差",
    ]
    tail = [row_texts(grid, index) for index in range(len(grid.rows) - 5, len(grid.rows))]
    assert tail == [
        ["合计", "100", "99.52", ""],
        ["评价结论", "表1评价结论"],
        ["存在问题", "表1存在问题"],
        ["改进措施", "表1改进措施"],
        ["项目负责人：张三", "财务负责人：李四"],
    ]
    assert grid.rows[-5].cells[0].colspan == 8


def test_the_grid_prints_the_fields_printed_fields_names(
    central: Document, sichuan: Document
) -> None:
    for document in (central, sichuan):
        shown: set[str] = set()
        for grid in (grid_of(document, n) for n in range(1, len(document.tables) + 1)):
            for cell in cells(grid):
                if cell.field == "indicator.display":
                    shown |= {"indicator.comparator", "indicator.value", "indicator.unit"}
                elif cell.field is not None:
                    shown.add(cell.field)
                elif cell.computed and grid.rows[cell.row].kind == "indicator":
                    shown.add("indicator.score")  # the rule's score, where typed ones go
                elif cell.computed and cell.col in (7, 8) and cell.text == "9.52":
                    shown.add("budget_score")
        assert shown == printed_fields(document.layout), document.layout
    assert "budget_initial_carryover" in printed_fields("central")
    assert "budget_initial_carryover" not in printed_fields("sichuan")
    assert "conclusion" in printed_fields("sichuan") and "conclusion" not in printed_fields(
        "tianjin"
    )
    assert not any(
        "grade" in name for name in printed_fields("sichuan") | printed_fields("central")
    )


def test_long_texts_wrap_and_break_pages_with_the_label_repeated(central: Document) -> None:
    table = central.tables[0]
    for _, _, indicator in table.indicator_rows():
        indicator.deviation = "偏差原因分析及改进措施很长的一段说明，" * 12
    grid = grid_of(central)
    deviation = next(c for c in cells(grid) if c.field == "indicator.deviation")
    assert len(deviation.lines) > 10
    pages = paginate(grid)
    assert len(pages) > 3
    for page in pages[1:]:
        assert page.title_lines == ["项目支出绩效自评表", "（2026年度）"]
        header = [c for c in page.cells if c.cell is not None and c.cell.text == "一级指标"]
        assert len(header) == 1  # the indicator header repeats on every later page
        label = [c for c in page.cells if c.cell is not None and c.cell.text == "绩效指标"]
        assert len(label) == 1 and label[0].x == pytest.approx(MARGIN_LEFT)
        assert label[0].y <= header[0].y  # the merged label covers the repeated header too


def test_money_prints_in_the_tables_unit(central: Document) -> None:
    table = central.tables[0]
    table.money_unit = "万元"
    table.budget_initial = Decimal("630")
    grid = grid_of(central)
    assert find(grid, "项目资金（万元）").rowspan == 5
    assert row_texts(grid, 3)[1] == "630.00"


def test_the_contents_name_the_self_evaluation_title(central: Document, sichuan: Document) -> None:
    table = central.tables[0]
    assert (
        official.toc_entry(1, table, central)
        == f"项目支出绩效自评表（2026年度）（{table.project_name}）"
    )
    assert official.heading_of(central) == "项目支出绩效自评表"
    assert (
        official.table_title(1, sichuan.tables[0], sichuan)
        == "部门预算项目支出绩效自评表（2026年度）"
    )


def test_a_goal_document_keeps_its_goal_table_form(example_document: Document) -> None:
    grid = grid_of(example_document)
    assert "绩效自评表" not in grid.title
    assert official.heading_of(example_document) == official.DEFAULT_HEADING
    assert not computed_cells(grid)


def test_a_graded_qualitative_row_without_a_result_prints_its_grade(central: Document) -> None:
    """The central form's 实际完成值 of a 定性 row reads 达成预期指标: a row the clerk only
    graded prints that, never a blank; a written result prints as written."""
    rows = [i for _, _, i in central.tables[0].indicator_rows() if i.comparator == "定性"]
    rows[0].actual, rows[0].grade = "", "部分达成"
    rows[1].actual = "保障到位"
    texts = [c.text for c in cells(grid_of(central))]
    assert "部分达成预期指标" in texts and "保障到位" in texts
