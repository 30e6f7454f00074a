"""PDF tables continued over several pages, tables that go on from nothing, a 目录 as a table."""

from __future__ import annotations

import itertools
from pathlib import Path

from goaleditor.formats import read_document
from goaleditor.model.document import Document
from tests.fixtures.make_ruled_pdfs import (
    LANDSCAPE,
    PORTRAIT,
    Cell,
    Page,
    draw,
    fill,
    head_rows,
    header_row,
    indicator_rows,
)
from tests.helpers import note_lines

Row = tuple[str, str, str, str, str]
GROUPS = [
    ("产出指标", "数量指标", 20),
    ("产出指标", "质量指标", 10),
    ("产出指标", "时效指标", 5),
    ("效益指标", "社会效益指标", 12),
    ("效益指标", "可持续影响指标", 5),
    ("满意度指标", "服务对象满意度指标", 5),
]


def _indicators(count: int) -> list[Row]:
    result: list[Row] = []
    for l1, l2, n in GROUPS:
        for _ in range(n):
            k = len(result) + 1
            description = f"第{k}片区泵站及管网全年按规程完成巡检维护的次数"
            result.append((l1, l2, f"第{k}片区维护次数", description, f"≥{k + 10}次"))
    return result[:count]


def _fields(document: Document) -> list[tuple[str, ...]]:
    return [
        (l1.name, l2.name, i.name, i.description, i.display)
        for table in document.tables
        for l1 in table.children
        for l2 in l1.children
        for i in l2.children
    ]


def _pages(indicators: list[Row], cuts: list[int], sizes: list[tuple[float, float]]) -> list[Page]:
    """The indicators cut into pages at the cuts, the goal table's head on the first."""
    pages = []
    bounds = [0, *cuts, len(indicators)]
    for n, (a, b) in enumerate(itertools.pairwise(bounds)):
        page = Page(size=sizes[n % len(sizes)], footer=f"- {n + 1} -")
        before = indicators[a - 1][:2] if a else ("", "")
        page.rows = indicator_rows(indicators[a:b], page.widths, before)
        if n == 0:
            page.lines = ["2026年城区排水设施维护项目绩效目标表", "单位：元"]
            page.rows[:0] = head_rows("2026年城区排水设施维护项目", "保障城区排水设施安全运行。")
        pages.append(page)
    return pages


def test_a_table_over_five_pages_without_repeated_header_is_read_whole(tmp_path: Path) -> None:
    """Portrait pages, no header repeated; 一级/二级 merged cells broken over the pages."""
    indicators = _indicators(57)
    path = tmp_path / "long.pdf"
    draw(path, _pages(indicators, [11, 24, 37, 50], [PORTRAIT]))
    warnings: list[str] = []
    document = read_document(path, note_lines(warnings))
    assert [t.project_name for t in document.tables] == ["2026年城区排水设施维护项目"]
    assert document.tables[0].goal == "保障城区排水设施安全运行。"
    assert _fields(document) == list(indicators)
    assert warnings == []


def test_landscape_pages_a_repeated_header_and_a_row_broken_over_a_page(tmp_path: Path) -> None:
    """Page 1 portrait, then landscape pages (the table centred elsewhere), the header row
    repeated on one continuation page only, and a description broken over pages 2 and 3."""
    indicators = _indicators(23)
    long = "第9片区泵站及管网全年按规程完成巡检维护的次数并且每季度形成书面记录"
    indicators[8] = (*indicators[8][:3], long, indicators[8][4])
    pages = _pages(indicators, [6, 9, 16], [PORTRAIT, LANDSCAPE, LANDSCAPE, PORTRAIT])
    lines = fill(long, pages[1].widths[3])
    assert len(lines) == 3
    pages[1].rows[-1][-2] = Cell(3, lines[:2])  # two full lines at the foot of page 2
    lower = [Cell(0, []), Cell(1, []), Cell(2, []), Cell(3, lines[2:]), Cell(4, [])]
    pages[2].rows[:0] = [header_row(), lower]
    path = tmp_path / "mixed.pdf"
    draw(path, pages)
    warnings: list[str] = []
    document = read_document(path, note_lines(warnings))
    assert _fields(document) == list(indicators)
    assert warnings == []


def _short_table(project: str, indicators: list[Row], title: str) -> Page:
    page = Page(lines=[title, "单位：万元"])
    page.rows = head_rows(project, f"{project}按期完成。") + indicator_rows(indicators, page.widths)
    return page


def _toc(rows: list[list[Cell]], lines: list[str] | None = None) -> Page:
    return Page(lines=lines or [], rows=rows, widths=[40.0, 300.0, 60.0])


def test_a_toc_printed_as_a_table_gives_the_document_title(tmp_path: Path) -> None:
    """A 目录 page drawn as a ruled table: the title a merged row atop it, a running header
    line above it, entries with their page numbers (no 目录 line at all)."""
    title = "某市水务局2026年度部门项目支出绩效目标表"
    toc = _toc(
        [
            [Cell(0, [title], span=3)],
            [Cell(0, ["序号"]), Cell(1, ["项目名称"]), Cell(2, ["页次"])],
            [Cell(0, ["1"]), Cell(1, ["2026年泵站维护项目绩效目标表"]), Cell(2, ["2"])],
            [Cell(0, ["2"]), Cell(1, ["2026年河道保洁项目绩效目标表"]), Cell(2, ["3"])],
        ],
        ["附件3"],
    )
    first, second = _indicators(3), _indicators(40)[35:37]
    path = tmp_path / "toc.pdf"
    draw(
        path,
        [
            toc,
            _short_table("2026年泵站维护项目", first, "1.2026年泵站维护项目绩效目标表"),
            _short_table("2026年河道保洁项目", second, "2.2026年河道保洁项目绩效目标表"),
        ],
    )
    warnings: list[str] = []
    document = read_document(path, note_lines(warnings))
    assert document.title == title
    assert [t.project_name for t in document.tables] == ["2026年泵站维护项目", "2026年河道保洁项目"]
    assert [t.money_unit for t in document.tables] == ["万元", "万元"]
    assert _fields(document) == first + second
    assert warnings == []


def test_a_table_before_the_goal_tables_that_lists_no_pages_is_reported(tmp_path: Path) -> None:
    cover = _toc(
        [
            [Cell(0, ["填报单位"]), Cell(1, ["某市水务局"], span=2)],
            [Cell(0, ["联系人"]), Cell(1, ["张三"], span=2)],
        ],
        ["2026年泵站维护项目申报材料"],
    )
    indicators = _indicators(4)
    path = tmp_path / "cover.pdf"
    draw(path, [cover, _short_table("2026年泵站维护项目", indicators, "泵站维护项目绩效目标表")])
    warnings: list[str] = []
    document = read_document(path, note_lines(warnings))
    assert [t.project_name for t in document.tables] == ["2026年泵站维护项目"]
    assert _fields(document) == indicators
    assert warnings == [
        "文件中没有写年度，按项目名称取为2026年（可在 文档属性 中更改）",  # the title has none
        "第1页：表格不是绩效目标表，未读取",
    ]


def test_a_table_of_another_width_is_no_continuation_and_is_reported(tmp_path: Path) -> None:
    """After the goal table, on its own page, a narrower table (signatures) that starts
    nothing; and one between two goal tables."""
    indicators = _indicators(30)
    signatures = _toc([[Cell(0, ["填报人"]), Cell(1, ["审核人"]), Cell(2, ["日期"])]])
    pages = [
        *_pages(indicators[:20], [12], [PORTRAIT]),
        signatures,
        _short_table("2026年河道保洁项目", indicators[20:], "2.2026年河道保洁项目绩效目标表"),
        signatures,
    ]
    path = tmp_path / "signatures.pdf"
    draw(path, pages)
    warnings: list[str] = []
    document = read_document(path, note_lines(warnings))
    assert [t.project_name for t in document.tables] == [
        "2026年城区排水设施维护项目",
        "2026年河道保洁项目",
    ]
    assert _fields(document) == indicators
    assert warnings == [
        "第3页：表格与前面的表格宽度不同，不是续表，未读取",
        "第5页：表格与前面的表格宽度不同，不是续表，未读取",
    ]
