"""Data cells never end a paragraph with one character alone (可持续影响指/标).

A user saw 二级/三级 indicator names printed so in the Shanghai and central PDFs.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goaleditor.formats.layout.fonts import HEI, SONG, TextWidth
from goaleditor.formats.layout.grid import BODY_SIZE, TITLE_SIZE, TableGrid
from goaleditor.formats.layout.line_breaking import is_ideograph, wrap
from goaleditor.formats.layout.official import build_grid
from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.model.fields import MONEY_FIELDS
from goaleditor.model.layouts import PROFILES

BODY = TextWidth(SONG, BODY_SIZE)
LONG = "可持续影响指标服务对象满意度及长效管理机制建设情况"


def orphan_document(layout: str) -> Document:
    """Indicators named by every prefix of a long name: some end one character past a line."""
    rows = [
        ("效益指标", "可持续影响指标", Indicator(LONG[:n], LONG[:n], "≥", "90", "%", "10"))
        for n in range(2, len(LONG) + 1)
    ]
    table = GoalTable.from_rows(rows, project_name="长效管理项目")
    for name in MONEY_FIELDS:
        setattr(table, name, Decimal("100.00"))
    return Document(tables=[table], layout=layout, year=2026, merge_level2=False)


def _grid(layout: str) -> TableGrid:
    document = orphan_document(layout)
    return build_grid(document, document.tables[0], 1, BODY, TextWidth(HEI, TITLE_SIZE))


@pytest.mark.parametrize("layout", sorted(PROFILES))
def test_no_data_cell_ends_with_one_character_alone(layout: str) -> None:
    cells = [c for row in _grid(layout).rows for c in row.cells if not c.label]
    wrapped = [c for c in cells if len(c.lines) > 1]
    assert len(wrapped) >= 5
    for cell in wrapped:
        assert "".join(cell.lines) == cell.text
        assert len(cell.lines[-1]) >= 2, (layout, cell.field, cell.lines)


def test_the_character_before_goes_down_with_the_last() -> None:
    room = BODY("字" * 6)
    assert wrap("可持续影响指标", room, BODY) == ["可持续影响指", "标"]
    assert wrap("可持续影响指标", room, BODY, orphans=False) == ["可持续影响", "指标"]
    # a line of two cannot give one: it stays
    assert wrap("可持续", BODY("字" * 2), BODY, orphans=False) == ["可持", "续"]


CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
TEXTS = st.lists(
    st.one_of(
        st.text(CJK, min_size=1, max_size=8), st.sampled_from(["，", "（", "）", "95%", " "])
    ),
    min_size=1,
    max_size=12,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(min_value=3, max_value=12))
def test_no_orphan_keeps_the_text_and_the_width(text: str, room: int) -> None:
    limit = BODY("字" * room) + 1.0
    lines = wrap(text, limit, BODY, orphans=False)
    greedy = wrap(text, limit, BODY)
    assert "".join(lines) == "".join(greedy) and len(lines) == len(greedy)
    assert all(BODY(line) <= limit for line in lines)
    above = greedy[-2] if len(greedy) > 1 else ""
    if len(greedy[-1]) == 1 and len(above) >= 3 and all(map(is_ideograph, above[-2:])):
        assert len(lines[-1]) == 2
