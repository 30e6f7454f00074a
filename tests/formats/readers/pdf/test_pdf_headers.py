"""PDF tables whose indicator header has two rows, and goal tables side by side on a page."""

from __future__ import annotations

from pathlib import Path

from goaleditor.formats import read_document
from goaleditor.model.document import Document
from tests.fixtures.make_ruled_pdfs import Cell, Page, draw, head_rows, indicator_rows
from tests.helpers import note_lines

INDICATORS = [
    ("产出指标", "数量指标", "培训人次", "全年开展业务培训的人次", "≥120人次"),
    ("产出指标", "质量指标", "培训合格率", "参训人员考核合格的比例", "≥95%"),
    ("效益指标", "社会效益指标", "业务能力提升", "参训人员业务能力提升情况", "明显提升"),
    ("满意度指标", "服务对象满意度指标", "参训人员满意度", "参训人员对培训的满意程度", "≥90%"),
]
PARTS = [("120", "人次"), ("95", "%"), ("明显提升", ""), ("90", "%")]
PROJECT = "2026年基层业务骨干培训经费"
GOAL = "完成基层业务骨干培训120人次，提升业务能力。"


def _fields(document: Document) -> list[tuple[str, ...]]:
    return [
        (l1.name, l2.name, i.name, i.description, i.display)
        for table in document.tables
        for l1 in table.children
        for l2 in l1.children
        for i in l2.children
    ]


def _read(path: Path) -> tuple[Document, list[str]]:
    warnings: list[str] = []
    return read_document(path, note_lines(warnings)), warnings


def _head(total: int) -> list[list[Cell]]:
    return head_rows(PROJECT, GOAL, total)[:2]


def test_group_row_above_levels_with_description_and_value_merged_down(tmp_path: Path) -> None:
    """绩效指标 over 一级|二级|三级; 绩效指标描述 and 指标值 merged down both header rows."""
    page = Page(lines=["2026年基层业务骨干培训经费绩效目标表", "单位：元"])
    page.rows = [
        *_head(5),
        [
            Cell(0, ["绩效指标"], span=3),
            Cell(3, ["绩效指标描述"], rows=2),
            Cell(4, ["指标值"], rows=2),
        ],
        [Cell(0, ["一级指标"]), Cell(1, ["二级指标"]), Cell(2, ["三级指标"])],
        *indicator_rows(INDICATORS, page.widths),
    ]
    draw(tmp_path / "group.pdf", [page])
    document, warnings = _read(tmp_path / "group.pdf")
    assert [(t.project_name, t.goal) for t in document.tables] == [(PROJECT, GOAL)]
    assert _fields(document) == INDICATORS
    assert warnings == []


def _value_unit_rows(widths: list[float]) -> list[list[Cell]]:
    rows = indicator_rows([(*i[:4], "") for i in INDICATORS], widths)
    for row, (value, unit), indicator in zip(rows, PARTS, INDICATORS, strict=True):
        row[-1] = Cell(4, [("≥" if "≥" in indicator[4] else "") + value])
        row.append(Cell(5, [unit]))
    return rows


def test_value_over_a_parts_row_of_number_and_unit(tmp_path: Path) -> None:
    """一级指标 … 指标值 with 指标值 over 数值 | 单位 below; the other labels merged down."""
    widths = [60.0, 70.0, 90.0, 130.0, 60.0, 40.0]
    page = Page(lines=["2026年基层业务骨干培训经费绩效目标表", "单位：元"], widths=widths)
    labels = ["一级指标", "二级指标", "三级指标", "绩效指标描述"]
    page.rows = [
        *_head(6),
        [
            *(Cell(c, [label], rows=2) for c, label in enumerate(labels)),
            Cell(4, ["指标值"], span=2),
        ],
        [Cell(4, ["数值"]), Cell(5, ["单位"])],
        *_value_unit_rows(widths),
    ]
    draw(tmp_path / "parts.pdf", [page])
    document, warnings = _read(tmp_path / "parts.pdf")
    assert _fields(document) == INDICATORS
    assert warnings == []


def test_group_row_above_and_value_parts_in_the_levels_row(tmp_path: Path) -> None:
    """绩效指标 over 一级|二级|三级 and 指标值 over 数值|单位, all in two header rows."""
    widths = [60.0, 70.0, 90.0, 130.0, 60.0, 40.0]
    page = Page(lines=["2026年基层业务骨干培训经费绩效目标表", "单位：元"], widths=widths)
    page.rows = [
        *_head(6),
        [Cell(0, ["绩效指标"], span=3), Cell(3, ["指标描述"], rows=2), Cell(4, ["指标值"], span=2)],
        [Cell(c, [label]) for c, label in enumerate(["一级指标", "二级指标", "三级指标"])]
        + [Cell(4, ["数值"]), Cell(5, ["单位"])],
        *_value_unit_rows(widths),
    ]
    draw(tmp_path / "both.pdf", [page])
    document, warnings = _read(tmp_path / "both.pdf")
    assert _fields(document) == INDICATORS
    assert warnings == []


def test_text_the_header_does_not_name_is_said(tmp_path: Path) -> None:
    """A header cell left blank over text, and a description merged over the 指标值 column."""
    widths = [60.0, 70.0, 90.0, 120.0, 50.0, 60.0]
    page = Page(lines=["2026年基层业务骨干培训经费绩效目标表", "单位：元"], widths=widths)
    labels = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "", "指标值"]
    rows = indicator_rows([(*i[:4], "") for i in INDICATORS], widths)
    for row, indicator in zip(rows, INDICATORS, strict=True):
        row[-1] = Cell(5, [indicator[4]])
        row.insert(-1, Cell(4, ["见附件"]))
    rows[1][-3:] = [Cell(3, ["参训人员考核合格的比例≥95%"], span=3)]
    page.rows = [*_head(6), [Cell(c, [label]) for c, label in enumerate(labels)], *rows]
    draw(tmp_path / "blank.pdf", [page])
    document, warnings = _read(tmp_path / "blank.pdf")
    expected = [list(i) for i in INDICATORS]
    expected[1][3:] = ["参训人员考核合格的比例≥95%", ""]
    assert _fields(document) == [tuple(i) for i in expected]
    assert warnings == [
        "第1页第4行：“见附件”所在的列没有表头，未读取",
        "第1页第5行：“参训人员考核合格的比例≥95%”跨过“绩效指标描述”“指标值”几列，"
        "已读作“绩效指标描述”，“指标值”为空，请核对",
        "第1页第6行：“见附件”所在的列没有表头，未读取",
        "第1页第7行：“见附件”所在的列没有表头，未读取",
    ]
