"""Marks and places of a comparison in the new document: what the editor tints and goes to."""

from __future__ import annotations

from decimal import Decimal

from goaleditor.compare import REMOVED, compare_documents
from goaleditor.compare.marks import WHOLE, marks, node_at, place_in_new
from goaleditor.model.document import Indicator, Level2
from tests.comparison.builders import document, indicator

NAMES = ("运行保障项目", "评审工作专项经费")


def marked(old, new) -> dict[tuple[str, str], str]:
    """(node's name, field) -> tip, for reading."""
    found = marks(compare_documents(old, new), old, new)
    return {(getattr(m.node, "name", "") or type(m.node).__name__, m.field): m.tip for m in found}


def test_a_changed_value_marks_the_printed_value_and_the_part_that_differs() -> None:
    old, new = document(*NAMES), document(*NAMES)
    indicator(new, 1, "验收合格率").value = "99"
    assert marked(old, new) == {
        ("验收合格率", "display"): "原：≥98%",
        ("验收合格率", "value"): "原：≥98%",
    }


def test_the_mark_is_on_the_new_documents_own_node() -> None:
    old, new = document(*NAMES), document(*NAMES)
    changed = indicator(new, 0, "服务人数")
    changed.description = ""
    (mark,) = marks(compare_documents(old, new), old, new)
    assert mark.node is changed and (mark.field, mark.tip) == ("description", "原：服务人数的描述")
    changed.description, changed.unit = "新的描述", "人次"
    found = {m.field: m.tip for m in marks(compare_documents(old, new), old, new)}
    assert found == {
        "display": "原：≥40人",
        "unit": "原：≥40人",
        "description": "原：服务人数的描述",
    }


def test_header_fields_renames_and_added_rows() -> None:
    old, new = document(*NAMES), document(*NAMES)
    new.tables[0].budget_total = Decimal("6500000.00")
    new.tables[0].goal = ""
    indicator(new, 1, "验收合格率").name = "日常维修的验收合格率"
    new.tables[1].children[0].children[0].children.append(Indicator("新指标", "", "≥", "1", "个"))
    new.tables[1].children[0].children.append(Level2("新二级"))
    found = marked(old, new)
    assert found[("GoalTable", "budget_total")] == "原：6300000.00元"
    assert found[("GoalTable", "goal")] == "原：1.保障运行保障项目正常运行。"
    assert found[("日常维修的验收合格率", "name")] == "原：验收合格率"
    assert found[("新指标", WHOLE)] == "新增三级指标"
    assert found[("新二级", "name")] == "新增二级指标"


def test_two_changes_of_one_field_show_both_tips() -> None:
    old, new = document(*NAMES), document(*NAMES)
    group = new.tables[0].children[0].children[0]
    group.children.reverse()  # 维修次数 second now: moved
    group.children[1].name = "维修次数2"
    assert marked(old, new)[("维修次数2", "name")].splitlines() == [
        "原：维修次数",
        "原位置：产出指标/数量指标第1项",
    ]


def test_a_removed_row_goes_to_the_row_now_in_its_place_or_its_group() -> None:
    old, new = document(*NAMES), document(*NAMES)
    quantity = new.tables[1].children[0].children[0]
    del quantity.children[0]  # 维修次数 gone: 服务人数 stands where it stood
    comparison = compare_documents(old, new)
    (change,) = comparison.changes
    assert change.kind == REMOVED and change.new_at is None
    place = place_in_new(change, comparison, new)
    assert node_at(new, place) is indicator(new, 1, "服务人数")
    quantity.children.clear()
    comparison = compare_documents(old, new)
    for change in comparison.changes:
        assert node_at(new, place_in_new(change, comparison, new)) is quantity


def test_a_removed_table_goes_to_the_table_now_in_its_place() -> None:
    old, new = document(*NAMES, "水土保持评审经费"), document(*NAMES)
    comparison = compare_documents(old, new)
    (change,) = comparison.changes
    assert place_in_new(change, comparison, new) == (1,)
    assert place_in_new(change, comparison, document()) is None


def test_a_place_no_longer_there_is_none() -> None:
    new = document(*NAMES)
    assert node_at(new, (0, 9)) is None and node_at(new, None) is None
    assert node_at(new, (1, 0, 1, 0)) is indicator(new, 1, "验收合格率")
