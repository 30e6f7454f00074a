"""Goal tables side by side on one PDF page: each read, left to right; an odd one said."""

from __future__ import annotations

from pathlib import Path

import pytest

from goaleditor.errors import InputError, RefusalKind
from goaleditor.formats import read_document
from goaleditor.formats.notes import ImportNote
from goaleditor.model.document import Document
from tests.fixtures.make_ruled_pdfs import LANDSCAPE, Cell, Page, draw, head_rows, indicator_rows
from tests.helpers import note_lines

WIDTHS = [50.0, 60.0, 80.0, 110.0, 60.0]
LEFT = [
    ("产出指标", "数量指标", "绿化养护面积", "全年养护的绿地面积", "≥35万平方米"),
    ("产出指标", "时效指标", "养护完成时间", "年度养护任务完成时间", "12月底前"),
    ("满意度指标", "服务对象满意度指标", "市民满意度", "周边市民对绿化的满意程度", "≥90%"),
]
RIGHT = [
    ("产出指标", "数量指标", "路灯维修数量", "全年维修的路灯数量", "≥800盏"),
    ("产出指标", "质量指标", "亮灯率", "主次干道路灯亮灯的比例", "≥98%"),
    ("效益指标", "社会效益指标", "夜间出行安全", "保障市民夜间出行安全", "有效保障"),
    ("效益指标", "可持续影响指标", "设施持续运行", "路灯设施长期稳定运行", "长期"),
    ("满意度指标", "服务对象满意度指标", "市民满意度", "市民对夜间照明的满意程度", "≥92%"),
]


def _table(project: str, indicators: list[tuple[str, ...]], left: float) -> Page:
    page = Page(size=LANDSCAPE, left=left, widths=WIDTHS)
    rows = [[Cell(0, [f"{project}绩效目标表"], span=5)], [Cell(0, ["单位：元"], span=5)]]
    page.rows = rows + head_rows(project, f"{project}按期完成。")
    page.rows += indicator_rows(indicators, WIDTHS)  # type: ignore[arg-type]
    return page


def _fields(document: Document) -> list[list[tuple[str, ...]]]:
    return [
        [
            (l1.name, l2.name, i.name, i.description, i.display)
            for l1 in table.children
            for l2 in l1.children
            for i in l2.children
        ]
        for table in document.tables
    ]


def _read(path: Path) -> tuple[Document, list[str]]:
    warnings: list[str] = []
    return read_document(path, note_lines(warnings)), warnings


def test_two_tables_side_by_side_are_read_left_to_right(tmp_path: Path) -> None:
    """The right table drawn first, a little higher, and longer than the left one: its text
    beside the left table's rows is not the left table's overflow."""
    page = _table("2026年城区绿化养护经费", LEFT, 40.0)
    right = _table("2026年路灯维护经费", RIGHT, 440.0)
    right.drop = -1.5
    page.beside = [right]
    draw(tmp_path / "beside.pdf", [page])
    document, warnings = _read(tmp_path / "beside.pdf")
    assert [t.project_name for t in document.tables] == [
        "2026年城区绿化养护经费",
        "2026年路灯维护经费",
    ]
    assert [t.goal for t in document.tables] == [
        "2026年城区绿化养护经费按期完成。",
        "2026年路灯维护经费按期完成。",
    ]
    assert _fields(document) == [LEFT, RIGHT]
    assert document.year == 2026
    assert warnings == []


def _odd(project: str, left: float) -> Page:
    """A table whose header row names neither 三级指标 nor 指标值."""
    page = _table(project, RIGHT, left)
    page.rows[4] = [
        Cell(c, [t]) for c, t in enumerate(["一级指标", "二级指标", "项目", "说明", "值"])
    ]
    return page


def test_a_table_that_cannot_be_read_beside_one_that_can_is_said(tmp_path: Path) -> None:
    page = _odd("2026年路灯维护经费", 40.0)
    page.beside = [_table("2026年城区绿化养护经费", LEFT, 440.0)]
    draw(tmp_path / "odd.pdf", [page])
    document, warnings = _read(tmp_path / "odd.pdf")
    assert [t.project_name for t in document.tables] == ["2026年城区绿化养护经费"]
    assert _fields(document) == [LEFT]
    assert warnings == ["第1页第5行：表头缺少“三级指标”或“指标值”，该表未读取"]


def test_the_note_of_a_table_left_out_keeps_its_page_and_row(tmp_path: Path) -> None:
    page = _odd("2026年路灯维护经费", 40.0)
    page.beside = [_table("2026年城区绿化养护经费", LEFT, 440.0)]
    draw(tmp_path / "odd.pdf", [page])
    notes: list[ImportNote] = []
    read_document(tmp_path / "odd.pdf", notes.append)
    (note,) = notes
    assert (note.sheet, note.row) == ("第1页", 5)
    assert note.message == "表头缺少“三级指标”或“指标值”，该表未读取"


def test_a_file_of_tables_none_can_be_read_is_refused_naming_it(tmp_path: Path) -> None:
    page = _odd("2026年路灯维护经费", 40.0)
    page.beside = [_odd("2026年城区绿化养护经费", 440.0)]
    draw(tmp_path / "none.pdf", [page])
    with pytest.raises(InputError) as caught:
        read_document(tmp_path / "none.pdf")
    assert str(caught.value) == "none.pdf：第1页第5行：表头缺少“三级指标”或“指标值”"
    assert caught.value.kind is RefusalKind.HEADER_MISSING  # not told apart by its text
