"""Printed labels wrap where they read well: never one character alone on a line.

A user saw 计划开始日/期, 项目绩效目/标 and 主管部门及/代码 in the Shanghai and central PDFs.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goaleditor.formats.layout.fonts import HEI, SONG, TextWidth
from goaleditor.formats.layout.grid import BODY_SIZE, PAD_X, TITLE_SIZE, TableGrid
from goaleditor.formats.layout.line_breaking import NO_LINE_START, wrap, wrap_label
from goaleditor.formats.layout.official import build_grid
from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.model.fields import MONEY_FIELDS
from goaleditor.model.layouts import PROFILES
from goaleditor.model.money import MONEY_UNITS

BODY = TextWidth(SONG, BODY_SIZE)
TITLE = TextWidth(HEI, TITLE_SIZE)
LONG = "政务服务中心运行保障及办公用房物业管理服务" * 4


def _grid(layout: str, money_unit: str, text: str) -> TableGrid:
    """A table whose every field holds text (long or short) in one layout."""
    rows = [
        ("产出指标", "数量指标", Indicator(text, text, "≥", "365", "次", "10")),
        ("效益指标", "社会效益指标", Indicator("满意度", text, "≥", "90", "%", "10")),
    ]
    table = GoalTable.from_rows(rows, project_name=text, money_unit=money_unit)
    for name in ("fund_use", "goal", "period_goal", "supervisor", "implementer"):
        setattr(table, name, text)
    for name in MONEY_FIELDS:
        setattr(table, name, Decimal("6300000.00"))
    document = Document(tables=[table], layout=layout, year=2026, merge_level2=True)
    return build_grid(document, table, 1, BODY, TITLE)


@pytest.mark.parametrize("layout", sorted(PROFILES))
@pytest.mark.parametrize("money_unit", MONEY_UNITS)
@pytest.mark.parametrize("text", ["短", LONG])
def test_no_label_line_is_one_character(layout: str, money_unit: str, text: str) -> None:
    grid = _grid(layout, money_unit, text)
    labels = [cell for row in grid.rows for cell in row.cells if cell.label and cell.text]
    assert len(labels) >= 8
    for cell in labels:
        assert "".join(cell.lines) == cell.text
        if len(cell.text) > 1:
            assert all(len(line) > 1 for line in cell.lines), (layout, cell.lines)


@pytest.mark.parametrize("layout", ["shanghai", "central"])
def test_the_first_column_holds_six_character_labels_on_one_line(layout: str) -> None:
    grid = _grid(layout, "元", "短")
    for cell in (c for row in grid.rows for c in row.cells if c.label and c.col == 0):
        if len(cell.text) <= 6:
            assert cell.lines == [cell.text], cell.lines


def test_labels_break_after_punctuation_and_between_words() -> None:
    def chars(n: int) -> float:
        return BODY("字" * n)

    assert wrap_label("主管部门及代码", chars(6), BODY) == ["主管部门", "及代码"]
    assert wrap_label("其中：财政资金", chars(5), BODY) == ["其中：", "财政资金"]
    assert wrap_label("项目资金（万元）", chars(6), BODY) == ["项目资金", "（万元）"]
    assert wrap_label("中期（实施期）资金总额", chars(7), BODY) == ["中期（实施期）", "资金总额"]
    assert wrap_label("计划开始日期", chars(6), BODY) == ["计划开始日期"]
    assert wrap_label("计划开始日期", chars(5), BODY) == ["计划开始", "日期"]
    assert wrap_label("其中：当年财政拨款", chars(7), BODY) == ["其中：当年", "财政拨款"]
    assert wrap_label("预算规模及资金用途", chars(6), BODY) == ["预算规模及", "资金用途"]
    assert wrap_label("服务对象满意度指标", chars(6), BODY) == ["服务对象", "满意度指标"]


CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
LABELS = st.lists(
    st.one_of(st.text(CJK, min_size=1, max_size=4), st.sampled_from(["：", "（", "）", "、"])),
    min_size=1,
    max_size=8,
).map("".join)


@settings(max_examples=120, deadline=None)
@given(LABELS, st.integers(min_value=2, max_value=8))
def test_a_label_takes_as_many_lines_as_wrap_and_fits(text: str, room: int) -> None:
    limit = BODY("字" * room) + PAD_X / 10
    lines = wrap_label(text, limit, BODY)
    greedy = wrap(text, limit, BODY)
    assert len(lines) == len(greedy)
    assert "".join(lines) == "".join(greedy)
    for number, line in enumerate(lines):
        assert BODY(line) <= limit or len(line) == 1
        if number and line[0] in NO_LINE_START:  # only where wrap had to break there
            assert any(g[0] in NO_LINE_START for g in greedy[1:])
