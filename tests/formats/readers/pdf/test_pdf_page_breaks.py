"""Page breaks inside a goal table's head: parts joined by what they hold, whatever the rows."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from goaleditor.formats import read_document
from goaleditor.model.document import Document
from tests.fixtures.make_page_break_pdfs import FIXTURES, Fixture, Project
from tests.fixtures.make_ruled_pdfs import (
    LINE,
    PAD,
    Cell,
    Page,
    draw,
    head_rows,
    indicator_rows,
)
from tests.helpers import note_lines

FIXTURE_DIR = Path(__file__).resolve().parents[3] / "fixtures"


def _read(path: Path) -> tuple[Document, list[str]]:
    warnings: list[str] = []
    document = read_document(path, note_lines(warnings))
    return document, warnings


def _indicators(document: Document) -> list[list[tuple[str, ...]]]:
    return [
        [
            (l1.name, l2.name, i.name, i.description, i.display)
            for l1 in table.children
            for l2 in l1.children
            for i in l2.children
        ]
        for table in document.tables
    ]


def _heads(document: Document) -> list[tuple[object, ...]]:
    return [
        (t.project_name, t.money_unit, t.budget_total, t.budget_fiscal, t.fund_use, t.goal)
        for t in document.tables
    ]


def _expected_heads(projects: tuple[Project, ...]) -> list[tuple[object, ...]]:
    return [(p.name, "万元", Decimal(p.total), Decimal(p.fiscal), p.use, p.goal) for p in projects]


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_word_tables_printed_by_writer_with_breaks_inside_the_head(fixture: Fixture) -> None:
    """break-after-name: a page ends with the 项目名称 row; break-repeated-head: the
    项目名称 row (or the whole head) is Word's repeated header row and the page breaks after
    绩效目标, after 一级指标, between indicators; break-split-head: inside the head table."""
    document, warnings = _read(FIXTURE_DIR / f"{fixture.name}.pdf")
    assert _heads(document) == _expected_heads(fixture.projects)
    assert _indicators(document) == [p.indicators() for p in fixture.projects]
    assert document.agency_name == "某市水务局"
    assert warnings == []


def _project(name: str, count: int) -> tuple[str, list[tuple[str, str, str, str, str]]]:
    rows = [
        ("产出指标", "数量指标", f"{name[:2]}指标{k}", f"第{k}项任务完成情况", f"≥{k + 10}次")
        for k in range(1, count + 1)
    ]
    return name, rows


def _budget_rows(total: str) -> list[list[Cell]]:
    return [
        [
            Cell(0, ["预算数"]),
            Cell(1, [total]),
            Cell(2, ["其中：财政资金"]),
            Cell(3, [total], span=2),
        ]
    ]


def test_a_page_ending_with_the_project_name_row_drawn_by_reportlab(tmp_path: Path) -> None:
    """Page 1 ends with the second project's 项目名称 row, a table of one row and two cells;
    page 2 goes on with its budget, goal and indicators, no 项目名称 on it."""
    (first, a), (second, b) = _project("泵站维护项目", 5), _project("河道保洁项目", 4)
    page1 = Page(lines=["2026年项目支出绩效目标表", "金额单位：万元"])
    widths = page1.widths
    page1.rows = [
        *head_rows(first, f"{first}按期完成。")[:1],
        *_budget_rows("120.00"),
        *head_rows(first, f"{first}按期完成。")[1:],
        *indicator_rows(a, widths),
    ]
    # The second table's first part, its 项目名称 row alone, below the first table.
    drop = len(page1.rows) * (LINE + 2 * PAD) + 30
    alone = Page(rows=[[Cell(0, ["项目名称"]), Cell(1, [second], span=4)]], drop=drop)
    alone.left = (page1.size[0] - sum(widths)) / 2
    page1.beside = [alone]
    page2 = Page()
    page2.rows = [
        *_budget_rows("80.00"),
        *head_rows(second, f"{second}按期完成。")[1:],
        *indicator_rows(b, widths),
    ]
    path = tmp_path / "name-row-last.pdf"
    draw(path, [page1, page2])
    document, warnings = _read(path)
    assert [t.project_name for t in document.tables] == [first, second]
    assert [t.budget_total for t in document.tables] == [Decimal("120.00"), Decimal("80.00")]
    assert document.tables[0].money_unit == "万元"
    assert [t.goal for t in document.tables] == [f"{first}按期完成。", f"{second}按期完成。"]
    assert _indicators(document) == [a, b]
    # the one unit line sits above the document's first table, in the page's lines
    assert warnings == ["第1页第1行：本表没有写金额单位，按第1页“金额单位：万元”一行，按万元读取"]


def test_a_repeated_project_name_row_joins_the_head_before_the_break(tmp_path: Path) -> None:
    """Page 1 ends with the project's head (项目名称 … 绩效目标); page 2 repeats the
    项目名称 row, then the 一级指标 row and the indicators; page 3 repeats 项目名称 and
    一级指标 both."""
    name, rows = _project("泵站维护项目", 12)
    head = head_rows(name, f"{name}按期完成。")
    page1 = Page(lines=["2026年项目支出绩效目标表", "金额单位：万元"])
    page1.rows = [head[0], *_budget_rows("120.00"), head[1]]
    page2 = Page(rows=[head[0], head[2], *indicator_rows(rows[:7], page1.widths)])
    page3 = Page(rows=[head[0], head[2], *indicator_rows(rows[7:], page1.widths, rows[6][:2])])
    path = tmp_path / "repeated-name.pdf"
    draw(path, [page1, page2, page3])
    document, warnings = _read(path)
    assert [t.project_name for t in document.tables] == [name]
    assert document.tables[0].budget_total == Decimal("120.00")
    assert document.tables[0].money_unit == "万元"
    assert document.tables[0].goal == f"{name}按期完成。"
    assert _indicators(document) == [rows]
    assert warnings == []


def test_the_same_project_name_with_another_head_is_two_tables_said(tmp_path: Path) -> None:
    """A page starting with the project name of the table before it, but another budget:
    not a repeat. Read as two tables, said naming both pages."""
    name, rows = _project("泵站维护项目", 6)
    head = head_rows(name, f"{name}按期完成。")
    page1 = Page(lines=["2026年项目支出绩效目标表", "金额单位：万元"])
    page1.rows = [
        head[0],
        *_budget_rows("120.00"),
        *head[1:],
        *indicator_rows(rows[:3], page1.widths),
    ]
    page2 = Page(
        rows=[head[0], *_budget_rows("30.00"), *head[1:], *indicator_rows(rows[3:], page1.widths)]
    )
    path = tmp_path / "same-name.pdf"
    draw(path, [page1, page2])
    document, warnings = _read(path)
    assert [t.budget_total for t in document.tables] == [Decimal("120.00"), Decimal("30.00")]
    assert _indicators(document) == [rows[:3], rows[3:]]
    assert warnings == [
        "第2页的表格与第1页起的表格项目名称相同，但表头不同，已按两张表读取，请核对",
        "第2页第1行：本表没有写金额单位，按第1页“金额单位：万元”一行，按万元读取",
    ]


def test_a_note_on_a_row_of_a_later_page_names_that_page(tmp_path: Path) -> None:
    """A table over two pages whose last row, on page 2, is no indicator: every note on it
    names page 2 and the row's place there, never the page the table starts on."""
    name, rows = _project("泵站维护项目", 8)
    page1 = Page(lines=["2026年泵站维护项目绩效目标表", "金额单位：万元"])
    page1.rows = head_rows(name, "按期完成。") + indicator_rows(rows[:4], page1.widths)
    page2 = Page(rows=indicator_rows(rows[4:], page1.widths, rows[3][:2]))
    page2.rows.append([Cell(0, ["备注"]), Cell(1, ["以上指标按季度考核"], span=4)])
    path = tmp_path / "remark.pdf"
    draw(path, [page1, page2])
    document, warnings = _read(path)
    assert _indicators(document) == [rows]
    assert sorted(warnings) == [
        "第2页第5行：“以上指标按季度考核”跨过“二级指标”“三级指标”“绩效指标描述”“指标值”几列，"
        "已读作“二级指标”，“三级指标”“绩效指标描述”“指标值”为空，请核对",
        "第2页第5行：“备注”不是指标（没有三级指标和指标值），已跳过",
    ]


def test_pages_after_the_last_header_row_that_repeat_the_project_name_are_read(
    tmp_path: Path,
) -> None:
    """Only the 项目名称 row repeats on pages 2 and 3 (no 一级指标, no 绩效目标 there):
    each goes on with the table, page 3 as well."""
    name, rows = _project("泵站维护项目", 12)
    head = head_rows(name, f"{name}按期完成。")
    page1 = Page(lines=["2026年项目支出绩效目标表", "金额单位：万元"])
    page1.rows = [*head, *indicator_rows(rows[:4], page1.widths)]
    page2 = Page(rows=[head[0], *indicator_rows(rows[4:8], page1.widths, rows[3][:2])])
    page3 = Page(rows=[head[0], *indicator_rows(rows[8:], page1.widths, rows[7][:2])])
    path = tmp_path / "name-only.pdf"
    draw(path, [page1, page2, page3])
    document, warnings = _read(path)
    assert [t.project_name for t in document.tables] == [name]
    assert _indicators(document) == [rows]
    assert warnings == []
