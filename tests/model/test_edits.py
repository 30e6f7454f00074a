"""Domain edits: apply, inverse, apply again — and the editing rules, without Qt."""

from __future__ import annotations

from decimal import Decimal

import pytest

from goaleditor.model import edit_rules as rules
from goaleditor.model.checks import (
    FIX_ADD_INDICATOR,
    FIX_DOCUMENT_YEAR,
    FIX_FILL_DESCRIPTION,
    FIX_NORMALIZE_COMPARATOR,
    FIX_RECOMPUTE_FISCAL,
    Problem,
)
from goaleditor.model.document import Document, GoalTable, Indicator, Level1, Level2, new_table
from goaleditor.model.edits import (
    Edit,
    InsertNodes,
    InsertTables,
    MoveNodes,
    MoveTables,
    RemoveNodes,
    RemoveTables,
    SetField,
    SetHeader,
    SetProperties,
    Steps,
)
from goaleditor.model.layout_names import LAYOUT_LABELS
from goaleditor.model.library import LibraryEntry
from goaleditor.model.problem_fixes import fix_its
from tests.compare import document_differences


def copy_of(document: Document) -> Document:
    """A detached deep copy (a snapshot to compare against)."""
    props = {n: getattr(document, n) for n in ("agency_code", "agency_name", "year", "title")}
    return Document(
        **props,
        framework=document.framework,
        merge_level2=document.merge_level2,
        tables=[t.clone() for t in document.tables],
    )


def assert_same(left: Document, right: Document) -> None:
    """Equal documents, or the list of differences."""
    assert document_differences(left, right) == []


def round_trip(document: Document, edit: Edit) -> Edit:
    """Apply an edit, undo it, redo it: the document is right at each step. Returns the undo."""
    before = copy_of(document)
    inverse = edit.apply(document)
    after = copy_of(document)
    assert document_differences(document, before), "the edit changed nothing"
    redo = inverse.apply(document)
    assert_same(document, before)
    undo = redo.apply(document)
    assert_same(document, after)
    undo.apply(document)
    assert_same(document, before)
    assert inverse.text == edit.text == redo.text
    return inverse


def sample() -> Document:
    """Two classic tables; the first has 3 数量指标 and 1 质量指标 indicator."""
    first, second = new_table("classic", "甲"), new_table("classic", "乙")
    quantity, quality = first.children[0].children[0], first.children[0].children[1]
    for name in ("一", "二", "三"):
        quantity.children.append(Indicator(name, unit="个"))
    quality.children.append(Indicator("四"))
    for level2 in (quantity, quality):
        level2.__post_init__()
    return Document(title="文档", tables=[first, second])


def quantity_of(document: Document) -> Level2:
    return document.tables[0].children[0].children[0]


# --- every kind of edit round-trips --------------------------------------------------------


def test_set_field_round_trips() -> None:
    document = sample()
    node = quantity_of(document).children[1]
    round_trip(document, SetField(node, "value", "98"))
    round_trip(document, SetField(quantity_of(document), "name", "数量"))
    assert SetField(node, "value", "1").text == "修改指标值"


def test_set_header_and_properties_round_trip() -> None:
    document = sample()
    round_trip(document, SetHeader(document.tables[1], "budget_total", Decimal("12.50")))
    round_trip(document, SetHeader(document.tables[0], "goal", "目标"))
    edit = SetProperties({"year": 2027, "agency_name": "某单位", "merge_level2": True})
    round_trip(document, edit)
    assert edit.text == "修改文档属性"


def test_nodes_insert_remove_move_round_trip() -> None:
    document = sample()
    quantity = quantity_of(document)
    quality = document.tables[0].children[0].children[1]
    round_trip(document, InsertNodes(quantity, 1, (Indicator("新"), Indicator("新二"))))
    round_trip(document, RemoveNodes(quantity, 0, 2))
    for first, dest_row in ((0, 3), (2, 0), (1, 3)):
        round_trip(document, MoveNodes(quantity, first, 1, quantity, dest_row))
    round_trip(document, MoveNodes(quantity, 1, 2, quality, 0))
    round_trip(document, RemoveNodes(document.tables[0], 1, 1, "删除指标组"))
    round_trip(document, InsertNodes(document.tables[1].children[0], 0, (Level2("空组"),)))


def test_a_move_that_changes_nothing_undoes_to_nothing() -> None:
    document = sample()
    before = copy_of(document)
    inverse = MoveNodes(quantity_of(document), 1, 1, quantity_of(document), 2).apply(document)
    assert inverse.apply(document).apply(document) is not None
    assert_same(document, before)


def test_tables_round_trip() -> None:
    document = sample()
    round_trip(document, InsertTables(1, (new_table("classic", "丙"),)))
    round_trip(document, RemoveTables(0, 1))
    round_trip(document, MoveTables(0, 1, 2))
    round_trip(document, rules.add_table(document, 2))
    round_trip(document, rules.duplicate_table(document.tables[0], 1))
    round_trip(document, rules.delete_table(1))
    round_trip(document, rules.move_table(1, 0))
    round_trip(document, rules.move_table(0, 1))


def test_steps_are_all_or_nothing() -> None:
    document = sample()
    before = copy_of(document)
    table = document.tables[0]
    steps = Steps((SetHeader(table, "goal", "新目标"), SetHeader(table, "children", 1)), "两步")
    with pytest.raises(KeyError):
        steps.apply(document)
    assert_same(document, before)


# --- the rules -----------------------------------------------------------------------------


def test_insert_place() -> None:
    document = sample()
    table = document.tables[0]
    quantity = quantity_of(document)
    assert rules.insert_place(quantity.children[1], table) == (quantity, 2)
    assert rules.insert_place(quantity, table) == (quantity, 3)
    assert rules.insert_place(table.children[1], table) == (table.children[1].children[0], 0)
    assert rules.insert_place(None, table) == (quantity, 3)
    assert rules.insert_place(None, GoalTable()) is None
    assert rules.insert_place(None, None) is None


def test_drop_placement() -> None:
    document = sample()
    table = document.tables[0]
    quantity = quantity_of(document)
    second = quantity.children[1]
    assert rules.drop_placement(second, "above") == (quantity, 1)
    assert rules.drop_placement(second, "below") == (quantity, 2)
    assert rules.drop_placement(quantity, "on") == (quantity, 3)
    assert rules.drop_placement(quantity, "below") == (quantity, 0)
    assert rules.drop_placement(table.children[1], "on") == (table.children[1].children[0], 0)
    assert rules.drop_placement(Level1("空"), "on") is None
    assert rules.drop_placement(None, "on") is None


def test_move_step_within_and_across_groups() -> None:
    document = sample()
    quantity = quantity_of(document)
    quality = document.tables[0].children[0].children[1]
    first, last = quantity.children[0], quantity.children[2]
    round_trip(document, rules.move_step(quantity.children[1], -1))  # type: ignore[arg-type]
    down = rules.move_step(last, 1)
    assert down is not None and (down.dest, down.dest_row) == (quality, 0)
    down.apply(document)
    assert quality.children[0] is last
    up = rules.move_step(last, -1)
    assert up is not None and (up.dest, up.dest_row) == (quantity, 2)
    round_trip(document, up)
    # The first indicator of the table has no group above it.
    assert rules.move_step(first, -1) is None
    table = document.tables[1]
    table.children[-1].children[-1].children.append(Indicator("末"))
    table.children[-1].children[-1].__post_init__()
    assert rules.move_step(table.children[-1].children[-1].children[0], 1) is None


def test_move_indicators_keeps_their_order() -> None:
    document = sample()
    quantity = quantity_of(document)
    quality = document.tables[0].children[0].children[1]
    one, _, three = quantity.children
    edit = rules.move_indicators([one, three], quality, 1)
    assert edit is not None and edit.text == "移动指标"
    round_trip(document, edit)
    edit.apply(document)
    assert [i.name for i in quality.children] == ["四", "一", "三"]
    assert rules.move_indicators([], quality, 0) is None


def test_delete_nodes_takes_children_with_their_group() -> None:
    document = sample()
    quantity = quantity_of(document)
    edit = rules.delete_nodes([quantity.children[0], quantity, quantity.children[2], quantity])
    assert edit is not None and edit.text == "删除指标组"
    round_trip(document, edit)
    only = rules.delete_nodes([quantity.children[0], quantity.children[2]])
    assert only is not None and only.text == "删除指标"
    only.apply(document)
    assert [i.name for i in quantity.children] == ["二"]
    assert rules.delete_nodes([]) is None


def test_groups_are_added_in_framework_order() -> None:
    document = sample()
    table = document.tables[1]
    removed = RemoveNodes(table, 1, 1).apply(document)  # drop 效益指标
    assert removed is not None
    edit = rules.add_level1(table, "classic", "效益指标")
    assert edit.row == 1 and edit.text == "添加效益指标"
    assert [l2.name for l2 in edit.nodes[0].children][:1] == ["经济效益指标"]
    round_trip(document, edit)
    output = table.children[0]
    RemoveNodes(output, 1, 1).apply(document)  # drop 质量指标
    group = rules.add_level2(output, "classic", "质量指标")
    assert group.row == 1
    round_trip(document, group)


def test_fill_from_library() -> None:
    document = sample()
    node = quantity_of(document).children[0]
    entry = LibraryEntry("数量指标", "培训人次", "开展培训", "≥", "人次")
    edit = rules.fill_from_library(node, entry)
    assert edit is not None and edit.text == "从指标库填入“培训人次”"
    round_trip(document, edit)
    edit.apply(document)
    assert (node.name, node.description, node.unit) == ("培训人次", "开展培训", "人次")
    assert rules.fill_from_library(node, entry) is None


def test_insert_from_library_adds_missing_groups() -> None:
    document = sample()
    table = document.tables[1]
    RemoveNodes(table, 2, 1).apply(document)  # no 满意度指标 any more
    RemoveNodes(table.children[0], 0, 1).apply(document)  # nor 数量指标
    chosen = [
        ("满意度指标", LibraryEntry("服务对象满意度指标", "满意度", "", "≥", "%")),
        ("产出指标", LibraryEntry("数量指标", "户数", "", "≥", "户")),
        ("满意度指标", LibraryEntry("服务对象满意度指标", "投诉率", "", "≤", "%")),
    ]
    edit = rules.insert_from_library(table, "classic", chosen)
    assert edit is not None and edit.text == "从指标库插入指标"
    round_trip(document, edit)
    edit.apply(document)
    satisfaction = table.children[2]
    assert satisfaction.name == "满意度指标"
    assert [i.name for i in satisfaction.children[0].children] == ["满意度", "投诉率"]
    assert [i.name for i in table.children[0].children[0].children] == ["户数"]
    assert rules.insert_from_library(table, "classic", []) is None


COST = ("产出指标", "成本指标")


def first_fix(problem: Problem) -> Edit | None:
    """A problem's first fix-it as one step (None when no fix is obvious)."""
    fixes = fix_its(problem)
    return fixes[0].edit() if fixes else None


def test_fix_edit() -> None:
    document = sample()
    node = quantity_of(document).children[0]
    problem = Problem("警告", 1, 1, "r", "m", "description", FIX_FILL_DESCRIPTION, node)
    edit = first_fix(problem)
    assert edit is not None and edit.text == "修复问题"
    round_trip(document, edit)
    table = document.tables[0]
    table.budget_total, table.budget_other = Decimal(100), Decimal(30)
    fiscal = first_fix(Problem("错误", 1, 0, "r", "m", "", FIX_RECOMPUTE_FISCAL, table))
    assert fiscal is not None
    fiscal.apply(document)
    assert table.budget_fiscal == Decimal(70)
    assert first_fix(Problem("提示", 1, 1, "r", "m", "", "", node)) is None
    table.budget_total = Decimal(90)
    problem = Problem("错误", 1, 0, "r", "m", "", FIX_RECOMPUTE_FISCAL, table)
    _, total_fix = fix_its(problem, document.year)
    assert total_fix.label == "预算数改为 财政资金 + 其他资金 = 100.00"
    round_trip(document, total_fix.edit())
    total_fix.edit().apply(document)
    assert table.budget_total == Decimal(100)


def test_every_fix_it_is_one_step_its_inverse_undoes() -> None:
    document = sample()
    document.year = 2027
    table = document.tables[0]
    one, two = quantity_of(document).children[:2]
    one.description, two.comparator, two.value = "", ">=", "2026年底前"
    table.budget_total, table.budget_fiscal, table.budget_other = (
        Decimal(100),
        Decimal(50),
        Decimal(30),
    )
    cost = table.children[0].children[3]
    problems = [
        Problem("提示", 1, 1, "r", "m", "description", FIX_FILL_DESCRIPTION, one),
        Problem("警告", 1, 2, "r", "m", "comparator", FIX_NORMALIZE_COMPARATOR, two),
        Problem("警告", 1, 2, "r", "m", "value", FIX_DOCUMENT_YEAR, two),
        Problem("错误", 1, 0, "r", "m", "", FIX_RECOMPUTE_FISCAL, table),
        Problem("错误", 1, 0, "r", "m", "", FIX_ADD_INDICATOR, cost, groups=(COST,)),
    ]
    fixes = [fix for problem in problems for fix in fix_its(problem, document.year)]
    assert [fix.label for fix in fixes] == [
        "使用指标名称作为描述",
        "指标性质改为“≥”",
        "改为本年度：2027年底前",
        "财政资金改为 预算数 − 其他资金 = 70.00",
        "预算数改为 财政资金 + 其他资金 = 80.00",
        "在“成本指标”下添加一个三级指标",
    ]
    for fix in fixes:
        edit = fix.edit()
        assert edit.text == "修复问题"
        round_trip(document, edit)
    assert all(fix.added_row() is None for fix in fixes)  # undone: no row is left
    fixes[-1].edit().apply(document)
    added = fixes[-1].added_row()
    assert added is not None and added is cost.children[-1] and added.name == ""
    assert fixes[0].added_row() is None


def test_clearing_cells_empties_fields_but_keeps_the_comparator() -> None:
    document = sample()
    quantity = quantity_of(document)
    one, two = quantity.children[:2]
    one.description, one.comparator, one.value = "描述", "≥", "5"
    cells = [
        (one, "name"),
        (one, "description"),
        (one, "comparator"),  # 指标性质 stays
        (one, "value"),
        (one, None),  # a column of no field (指标值 as printed)
        (quantity, "name"),  # a group row
        (two, "value"),  # empty already
    ]
    edit = rules.clear_cells(cells)
    assert edit is not None and edit.text == "清除3个单元格"
    round_trip(document, edit)
    edit.apply(document)
    assert (one.name, one.description, one.comparator, one.value) == ("", "", "≥", "")
    assert one.unit == "个"  # not selected
    assert quantity.name == "数量指标"
    single = rules.clear_cells([(two, "name"), (two, "comparator")])
    assert single is not None and single.text == "修改三级指标"
    round_trip(document, single)
    assert rules.clear_cells([(one, "name"), (quantity, "name"), (two, "comparator")]) is None
    assert rules.clear_cells([]) is None


def test_a_new_document_starts_with_one_empty_table_in_its_layouts_money_unit() -> None:
    from goaleditor.model.layouts import get_profile
    from goaleditor.model.new_document import new_document

    properties = {"layout": "tianjin", "agency_name": "某区财政局", "year": 2027}
    document = new_document({**properties, "framework": "cost-first"})
    assert (document.layout, document.agency_name, document.year) == ("tianjin", "某区财政局", 2027)
    (table,) = document.tables
    assert table.document is document and table.project_name == ""
    assert [l1.name for l1 in table.children] == ["成本指标", "产出指标", "效益指标", "满意度指标"]
    assert not list(table.indicator_rows())
    assert table.money_unit == get_profile("tianjin").money_unit
    wan = next(name for name in LAYOUT_LABELS if get_profile(name).money_unit == "万元")
    assert new_document({"layout": wan}).tables[0].money_unit == "万元"


def test_new_table_takes_the_documents_money_unit() -> None:
    document = sample()
    assert rules.add_table(document, 0).tables[0].money_unit == "元"
    for table in document.tables:
        table.money_unit = "万元"
    assert rules.add_table(document, 0).tables[0].money_unit == "万元"


def test_set_properties_only_what_changed() -> None:
    document = sample()
    assert rules.set_properties(document, {"title": "文档"}) is None
    edit = rules.set_properties(document, {"title": "文档", "year": 2030})
    assert edit is not None and dict(edit.values) == {"year": 2030}
    round_trip(document, edit)


def test_merge_keys_name_one_typing_session_in_one_field() -> None:
    document = sample()
    a, b = quantity_of(document).children[:2]
    assert SetField(a, "name", "x").merge_key is None  # a cell committed once: a step of its own
    assert SetField(a, "name", "x", 1).merge_key == SetField(a, "name", "y", 1).merge_key
    assert SetField(a, "name", "x", 1).merge_key != SetField(a, "name", "y", 2).merge_key
    assert SetField(a, "name", "x", 1).merge_key != SetField(b, "name", "x", 1).merge_key
    assert SetField(a, "name", "x", 1).merge_key != SetField(a, "unit", "x", 1).merge_key
    table = document.tables[0]
    assert SetHeader(table, "goal", "1", 7).merge_key == SetHeader(table, "goal", "2", 7).merge_key
    assert SetHeader(table, "goal", "1").merge_key is None
    assert InsertTables(0, ()).merge_key is None


def test_the_undo_text_of_a_header_field_is_the_label_the_layout_prints(full_document) -> None:
    from goaleditor.model.edits import SetHeader

    table = full_document.tables[0]
    for layout, text in (("shanghai", "修改年度资金申请总额"), ("tianjin", "修改预算数")):
        full_document.layout = layout
        assert SetHeader(table, "budget_total", None).text == text
