"""redline_tables: removed rows, groups and tables put back where they stood, in one pass."""

from __future__ import annotations

import time
from decimal import Decimal

from goaleditor.compare import compare_documents
from goaleditor.formats.layout.redline_rows import redline_tables
from goaleditor.model.document import Document, GoalTable, Indicator
from tests.comparison.builders import document


def _one_group(count: int) -> Document:
    rows = [
        ("产出指标", "数量指标", Indicator(f"指标{i}", "", "≥", str(i), "个")) for i in range(count)
    ]
    table = GoalTable.from_rows(
        rows,
        project_name="2026年大表",
        budget_total=Decimal("1"),
        budget_fiscal=Decimal("1"),
        fund_use="用于运行支出",
        goal="保障运行",
    )
    made = Document(agency_code="1", agency_name="某某单位", year=2026)
    made.tables = [table]
    made.__post_init__()
    return made


def _names(table: GoalTable) -> list[str]:
    return [indicator.name for _, _, indicator in table.indicator_rows()]


def test_removed_rows_stand_where_they_stood_between_the_kept_ones() -> None:
    old, new = _one_group(6), _one_group(6)
    group = new.tables[0].children[0].children[0]
    group.children = [group.children[0], group.children[3]]
    (redline,) = redline_tables(old, new, compare_documents(old, new))
    assert _names(redline.table) == [f"指标{i}" for i in range(6)]
    marks = [redline.mark_of(indicator) for _, _, indicator in redline.table.indicator_rows()]
    assert marks == ["", "del", "del", "", "del", "del"]


def test_thousands_of_removed_rows_are_put_back_in_linear_time() -> None:
    """Each removed row once looked back over every row before it: 8000 took minutes."""
    old, new = _one_group(8000), _one_group(8000)
    group = new.tables[0].children[0].children[0]
    group.children = group.children[:1]
    comparison = compare_documents(old, new)
    started = time.perf_counter()
    (redline,) = redline_tables(old, new, comparison)
    assert time.perf_counter() - started < 5
    assert _names(redline.table) == [f"指标{i}" for i in range(8000)]


def test_removed_tables_stand_where_they_stood_around_the_kept_ones() -> None:
    names = [f"项目{i}" for i in range(3000)]
    old, new = document(*names), document(names[0], names[1500])
    tables = redline_tables(old, new, compare_documents(old, new))
    assert [t.table.project_name for t in tables] == [f"2026年{name}" for name in names]
    marks = [t.whole for t in tables]
    assert marks == [""] + ["del"] * 1499 + [""] + ["del"] * 1499


def test_the_moves_of_thousands_of_tables_are_gathered_once() -> None:
    """Each table once read every change of the document: 3000 renamed tables took minutes."""
    names = [f"项目{i}" for i in range(3000)]
    old, new = document(*names), document(*names)
    for table in new.tables:
        first, second, *_ = (indicator for _, _, indicator in table.indicator_rows())
        for indicator in table.indicator_rows():
            indicator[2].name += "（新）"
        group = table.children[0].children[0]
        group.children = [second, first]
    started = time.perf_counter()
    comparison = compare_documents(old, new)
    comparing = time.perf_counter() - started
    started = time.perf_counter()
    tables = redline_tables(old, new, comparison)
    assert time.perf_counter() - started < 3 * comparing  # 6× before, 1.2× now
    last = tables[-1]
    marks = [(i.name, last.mark_of(i)) for _, _, i in last.table.indicator_rows()][:3]
    # the moved one struck where it stood (with its old name), underlined where it stands
    assert marks == [("维修次数", "del"), ("服务人数（新）", ""), ("维修次数（新）", "ins")]
