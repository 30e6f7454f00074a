"""The 绩效目标审核表's grid: every label, the reviewer's marks in the cells naming their fields,
the marked indicators, ☑ on the chosen result, long opinions wrapped whole, the blank form."""

from __future__ import annotations

from decimal import Decimal

import pytest

from goaleditor.formats.exporting import ExportOptions
from goaleditor.formats.layout import review_sheet
from goaleditor.formats.layout.fonts import HEI, SONG, TextWidth, register_fonts
from goaleditor.formats.layout.grid import BODY_SIZE, PAD_X, TITLE_SIZE, Cell, TableGrid
from goaleditor.formats.layout.line_breaking import clean_text
from goaleditor.formats.layout.pagination import paginate
from goaleditor.formats.layout.review_sheet import (
    BOXES,
    BRACKETS,
    INDICATOR_HEADER,
    NO_INDICATORS,
    OPINIONS,
    RESULT,
    RESULTS,
    SIGNATURE,
    TODO,
    build_review_grid,
    result_marks,
    result_text,
)
from goaleditor.formats.layout.review_sheet_tables import (
    NONE_REVIEWED,
    grid_maker,
    printed_tables,
    review_sheet_warnings,
    with_contents,
)
from goaleditor.model.document import Document, GoalTable
from goaleditor.model.review_marks import drop_review_marks
from tests.formats.review_sheet_documents import (
    BENEFIT_OPINION,
    FORMULA,
    GOAL_OPINION,
    LONG_OPINION,
    OUTPUT_OPINION,
    mark_first_table,
)
from tests.formats.review_sheet_documents import TODO as TODO_TEXT

BODY = TextWidth(SONG, BODY_SIZE)
TITLE = TextWidth(HEI, TITLE_SIZE)


def grid_of(document: Document, index: int = 0) -> TableGrid:
    return build_review_grid(document, document.tables[index], index + 1, BODY, TITLE)


def cells(grid: TableGrid) -> list[Cell]:
    return [cell for row in grid.rows for cell in row.cells]


def field_cells(grid: TableGrid, name: str) -> list[Cell]:
    return [cell for cell in cells(grid) if cell.field == name]


def label_left_of(grid: TableGrid, cell: Cell) -> str:
    """The label in the same row just left of a cell."""
    row = grid.rows[cell.row]
    left = [c for c in row.cells if c.col + c.colspan == cell.col]
    assert len(left) == 1, cell
    assert left[0].label
    return left[0].text


def test_the_title_agency_and_unit_lines(example_document: Document) -> None:
    grid = grid_of(example_document)
    assert grid.title == "2026年度项目支出绩效目标审核表"
    assert grid.agency == f"单位名称：{example_document.agency_name}"
    assert grid.unit == "金额单位：元"
    example_document.year = None
    assert grid_of(example_document).title == "    年度项目支出绩效目标审核表"


def test_every_label_of_the_form_is_printed_in_order(example_document: Document) -> None:
    mark_first_table(example_document)
    labels = [cell.text for cell in cells(grid_of(example_document)) if cell.label]
    expected = [
        "项目名称",
        "主管部门",
        "实施单位",
        "项目资金（元）",
        "年度资金总额",
        "其中：财政资金",
        "其他资金",
        "审核内容",
        "审核意见",
        *(label for label, _ in OPINIONS),
        "指标审核情况",
        *INDICATOR_HEADER,
        TODO,
        RESULT,
        SIGNATURE,
    ]
    assert labels == expected  # in print order; 审核意见 heads the opinions and a column


def test_the_head_block_shows_the_tables_fields(example_document: Document) -> None:
    table = example_document.tables[0]
    table.supervisor, table.implementer = "天津市滨海新区人民政府", "政务服务办公室"
    table.budget_fiscal, table.budget_other = Decimal("6000000"), Decimal("300000.5")
    grid = grid_of(example_document)
    shown = {cell.field: cell.text for cell in cells(grid) if cell.field}
    assert shown["project_name"] == table.project_name
    assert shown["supervisor"] == "天津市滨海新区人民政府"
    assert shown["implementer"] == "政务服务办公室"
    assert shown["budget_total"] == "6300000.00"
    assert shown["budget_fiscal"] == "6000000.00"
    assert shown["budget_other"] == "300000.50"
    assert label_left_of(grid, field_cells(grid, "budget_other")[0]) == "其他资金"
    head_fields = {"project_name", "supervisor", "implementer", "budget_total", "budget_fiscal"}
    assert all(cell.source is table for cell in cells(grid) if cell.field in head_fields)


def test_money_is_printed_as_the_goal_table_prints_it(example_document: Document) -> None:
    example_document.layout = "shanghai"  # thousands separators
    example_document.tables[0].money_unit = "万元"
    grid = grid_of(example_document)
    assert field_cells(grid, "budget_total")[0].text == "6,300,000.00"
    assert grid.thousands
    assert "项目资金（万元）" in [cell.text for cell in cells(grid) if cell.label]
    assert grid.unit == "金额单位：万元"


def test_each_opinion_is_in_its_fields_cell_beside_its_label(example_document: Document) -> None:
    mark_first_table(example_document)
    grid = grid_of(example_document)
    expected = {
        "review_goal": GOAL_OPINION,
        "review_output": OUTPUT_OPINION,
        "review_benefit": BENEFIT_OPINION,
        "review_satisfaction": "",
    }
    for label, name in OPINIONS:
        (cell,) = field_cells(grid, name)
        assert cell.text == expected[name]
        assert label_left_of(grid, cell) == label
        assert cell.source is example_document.tables[0]
    (todo,) = field_cells(grid, "review_todo")
    assert todo.text == TODO_TEXT and label_left_of(grid, todo) == TODO
    assert todo.lines == TODO_TEXT.split("\n")  # its own lines kept
    (result,) = field_cells(grid, "review_result")
    assert label_left_of(grid, result) == RESULT


def test_the_indicator_table_lists_the_marked_indicators_only(example_document: Document) -> None:
    table = mark_first_table(example_document)
    rows = list(table.indicator_rows())
    grid = grid_of(example_document)
    names = [cell.text for cell in field_cells(grid, "indicator.name")]
    assert names == [rows[0][2].name, rows[1][2].name, rows[-1][2].name]
    verdicts = [cell.text for cell in field_cells(grid, "indicator.review_verdict")]
    assert verdicts == ["通过", "不通过", ""]
    opinions = field_cells(grid, "indicator.review_opinion")
    assert [cell.text for cell in opinions] == ["", LONG_OPINION, FORMULA]
    assert [cell.source for cell in opinions] == [rows[0][2], rows[1][2], rows[-1][2]]
    values = [cell.text for cell in field_cells(grid, "indicator.display")]
    assert values == [ind.display for _, _, ind in (rows[0], rows[1], rows[-1])]
    # 一级 and 二级 merge down their runs, as in the goal table
    level1 = field_cells(grid, "level1")
    assert [(c.text, c.rowspan) for c in level1] == [(rows[0][0], 2), (rows[-1][0], 1)]
    assert grid.rows[grid.header_row].kind == "header"
    header = [cell.text for cell in grid.rows[grid.header_row].cells]
    assert header == list(INDICATOR_HEADER)


def test_a_failed_indicator_is_listed_even_without_an_opinion(example_document: Document) -> None:
    table = example_document.tables[1]
    table.review_result = "不通过"
    *_, last = table.indicator_rows()
    last[2].review_verdict = "不通过"
    grid = grid_of(example_document, 1)
    assert [cell.text for cell in field_cells(grid, "indicator.name")] == [last[2].name]
    assert [cell.text for cell in field_cells(grid, "indicator.review_verdict")] == ["不通过"]


def test_no_marked_indicator_prints_none(example_document: Document) -> None:
    example_document.tables[0].review_goal = GOAL_OPINION
    grid = grid_of(example_document)
    assert not field_cells(grid, "indicator.name")
    after_header = grid.rows[grid.header_row + 1].cells
    assert [(cell.text, cell.colspan, cell.label) for cell in after_header] == [
        (NO_INDICATORS, 6, True)
    ]


def test_an_unmarked_table_prints_the_blank_form(example_document: Document) -> None:
    table = example_document.tables[2]
    grid = grid_of(example_document, 2)
    for name in ("review_goal", "review_output", "review_benefit", "review_todo"):
        assert [cell.text for cell in field_cells(grid, name)] == [""]
    # every indicator, to be marked by hand, in rows with room to write
    listed = [cell.text for cell in field_cells(grid, "indicator.name")]
    assert listed == [indicator.name for _, _, indicator in table.indicator_rows()]
    assert all(cell.text == "" for cell in field_cells(grid, "indicator.review_verdict"))
    indicator_rows = [row for row in grid.rows if row.kind == "indicator"]
    assert all(row.height >= review_sheet.BLANK_INDICATOR_HEIGHT > 20 for row in indicator_rows)
    chosen, other = result_marks()
    (result,) = field_cells(grid, "review_result")
    assert chosen not in result.text
    assert result.text.count(other) == len(RESULTS)
    assert all(name in result.text for name in RESULTS)
    assert grid.rows[-1].cells[0].text == SIGNATURE


@pytest.mark.parametrize("choice", RESULTS)
def test_the_chosen_result_alone_is_ticked(choice: str) -> None:
    chosen, other = result_marks()
    text = result_text(choice)
    assert text.count(chosen) == 1
    assert text.count(other) == len(RESULTS) - 1
    assert f"{chosen}{choice}" in text
    for name in RESULTS:
        assert f"{chosen if name == choice else other}{name}" in text


def test_a_result_outside_the_three_is_printed_too_and_ticked() -> None:
    chosen, other = result_marks()
    text = result_text("基本通过")
    assert text.count(chosen) == 1 and text.endswith(f"{chosen}基本通过")
    assert all(f"{other}{name}" in text for name in RESULTS)
    assert result_text("") == result_text("  ")
    assert chosen not in result_text("")


def test_characters_the_font_lacks_in_a_reviewers_text_are_said(
    example_document: Document,
) -> None:
    table = mark_first_table(example_document)
    table.review_todo = "请补充😀"
    *_, last = table.indicator_rows()
    last[2].review_opinion = "见附件🙂"
    reviewed = ExportOptions(review_sheet="reviewed")
    lines = review_sheet_warnings(example_document, reviewed, glyphs=True)
    assert lines == [
        "第1张表的需补充完善事项中有字体无法显示的字符：“😀”(U+1F600)，审核表PDF中会显示为空白",
        "第1张表的审核意见中有字体无法显示的字符：“🙂”(U+1F642)，审核表PDF中会显示为空白",
    ]
    assert review_sheet_warnings(example_document, reviewed) == []  # Word and Excel draw them
    assert review_sheet_warnings(example_document, ExportOptions(), glyphs=True) == []


def test_more_than_ten_characters_the_font_lacks_are_counted_not_left_out(
    example_document: Document,
) -> None:
    """The first ten are shown; the line must not read as if they were all."""
    table = mark_first_table(example_document)
    table.review_goal = "".join(chr(0x1F600 + i) for i in range(12))
    lines = review_sheet_warnings(example_document, ExportOptions(review_sheet="reviewed"), True)
    shown = "".join(f"“{chr(0x1F600 + i)}”(U+{0x1F600 + i:04X})" for i in range(10))
    assert lines == [
        f"第1张表的总体目标审核意见中有字体无法显示的字符：{shown}等12个字符，"
        "审核表PDF中会显示为空白"
    ]


def test_ballot_boxes_where_the_font_draws_them_else_brackets() -> None:
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    covered = pdfmetrics.getFont(SONG).face.charToGlyph
    assert review_sheet.printable_chars() == frozenset(covered)
    has_boxes = all(ord(box) in covered for box in BOXES)
    assert result_marks() == (BOXES if has_boxes else BRACKETS)
    chosen, other = result_marks()
    assert all(ord(char) in covered for char in chosen + other if not char.isspace())


def test_a_long_opinion_wraps_without_losing_a_character(example_document: Document) -> None:
    table = mark_first_table(example_document)
    table.review_goal = LONG_OPINION
    grid = grid_of(example_document)
    for name in ("review_goal", "indicator.review_opinion"):
        for cell in field_cells(grid, name):
            assert "".join(cell.lines) == clean_text(cell.text).replace("\n", "")
            room = grid.span_width(cell) - 2 * PAD_X
            assert all(BODY(line) <= room + 0.01 for line in cell.lines)
            row = grid.rows[cell.row]
            if cell.rowspan == 1 and cell.text:
                assert row.height >= len(cell.lines) * 13.5
    (goal,) = field_cells(grid, "review_goal")
    assert len(goal.lines) > 3


@pytest.mark.parametrize(
    "todo_lines", [0, 10, 30, *range(44, 54)]
)  # 48-50: break before the signature
def test_the_signature_is_never_alone_on_a_page(
    example_document: Document, todo_lines: int
) -> None:
    mark_first_table(example_document)
    example_document.tables[0].review_todo = "\n".join(f"第{n}项" for n in range(todo_lines))
    pages = paginate(grid_of(example_document))
    page_of = {}
    for number, page in enumerate(pages):
        for placed in page.cells:
            if placed.cell is not None and placed.lines:
                page_of.setdefault(placed.cell.text, number)
    assert page_of[SIGNATURE] == page_of[RESULT]


def test_which_tables_print_and_in_which_form(example_document: Document) -> None:
    from goaleditor.formats.layout.official import build_grid

    document = example_document
    all_numbers = list(range(1, len(document.tables) + 1))
    goals = ExportOptions()
    assert [n for n, _ in printed_tables(document, goals)] == all_numbers
    assert grid_maker(goals) is build_grid and with_contents(goals)
    reviewed = ExportOptions(review_sheet="reviewed")
    # nothing marked: every table, as blank forms, and the clerk hears of it
    assert [n for n, _ in printed_tables(document, reviewed)] == all_numbers
    assert review_sheet_warnings(document, reviewed) == [NONE_REVIEWED]
    mark_first_table(document)
    document.tables[3].review_todo = "补充"
    assert [n for n, _ in printed_tables(document, reviewed)] == [1, 4]
    assert review_sheet_warnings(document, reviewed) == []
    every = ExportOptions(review_sheet="all")
    assert [n for n, _ in printed_tables(document, every)] == all_numbers
    assert grid_maker(every) is build_review_grid and not with_contents(every)
    assert review_sheet_warnings(document, every) == []


def test_dropping_the_marks_gives_the_blank_form_again(example_document: Document) -> None:
    before = [(c.text, c.field) for c in cells(grid_of(example_document))]
    table: GoalTable = mark_first_table(example_document)
    assert [(c.text, c.field) for c in cells(grid_of(example_document))] != before
    drop_review_marks(table)
    assert [(c.text, c.field) for c in cells(grid_of(example_document))] == before


def test_every_page_of_a_blank_form_names_its_project(example_document: Document) -> None:
    """A 审核表 continued on a new page repeats its 项目名称 row there: the page signed at the
    end is tied to its table (six blank forms once left a page of 审核结果 and signature alone)."""
    continued = 0
    for index, table in enumerate(example_document.tables):
        pages = [p for p in paginate(grid_of(example_document, index)) if not p.title_only]
        continued += len(pages) - 1
        for page in pages:
            top = min(page.cells, key=lambda c: (c.y, c.x))
            names = [c for c in page.cells if c.cell and c.cell.field == "project_name"]
            assert top.lines == ["项目名称"] and len(names) == 1
            assert "".join(names[0].lines) == clean_text(table.project_name).replace("\n", "")
        last = pages[-1]
        texts = ["".join(c.lines) for c in last.cells]
        assert SIGNATURE.replace("　", "") in "".join(texts).replace("　", "")
        assert any(text == TODO for text in texts)  # the last block stays together
    assert continued >= 1  # the example has a form that needs a second page


def test_a_value_breaks_before_its_unit_not_inside_it(example_document: Document) -> None:
    table = example_document.tables[0]
    row = next(i for _, _, i in table.indicator_rows() if i.value == "55853.63")
    row.value = "5585353.63"  # too long for one line of the 指标值 column
    grid = grid_of(example_document)
    value = next(c for c in cells(grid) if c.field == "indicator.display" and c.source is row)
    assert len(value.lines) > 1 and value.lines[-1] == "平方米"
    assert "".join(value.lines) == value.text
