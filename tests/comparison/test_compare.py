"""compare_documents: every kind of change, renames and moves found, years ignored."""

from __future__ import annotations

from decimal import Decimal

from goaleditor.compare import ADDED, CHANGED, MOVED, REMOVED, RENAMED, compare_documents
from goaleditor.model.document import Indicator, Level2
from tests.comparison.builders import document, indicator

NAMES = ("运行保障项目", "评审工作专项经费", "水土保持评审经费")


def test_the_same_document_has_no_change() -> None:
    old, new = document(*NAMES), document(*NAMES)
    comparison = compare_documents(old, new)
    assert comparison.same and comparison.lines() == []
    assert comparison.tables == ((0, 0), (1, 1), (2, 2))


def test_a_changed_target_is_one_line_as_printed() -> None:
    old, new = document(*NAMES), document(*NAMES)
    indicator(new, 1, "验收合格率").value = "99"
    (change,) = compare_documents(old, new).changes
    assert (change.kind, change.level, change.field) == (CHANGED, "indicator", "display")
    assert (change.old, change.new) == ("≥98%", "≥99%")
    assert change.old_at == change.new_at == (1, 0, 1, 0)
    assert (
        change.line()
        == "表2 2026年评审工作专项经费 产出指标/质量指标/验收合格率 指标值：≥98% → ≥99%"
    )


def test_each_indicator_field_is_its_own_change() -> None:
    old, new = document(*NAMES), document(*NAMES)
    changed = indicator(new, 0, "服务人数")
    changed.unit, changed.description, changed.weight = "人次", "", "10"
    assert compare_documents(old, new).lines() == [
        "表1 2026年运行保障项目 产出指标/数量指标/服务人数 指标值：≥40人 → ≥40人次",
        "表1 2026年运行保障项目 产出指标/数量指标/服务人数 绩效指标描述：服务人数的描述 → （空）",
        "表1 2026年运行保障项目 产出指标/数量指标/服务人数 权重：（空） → 10",
    ]


def test_header_fields_compare_as_printed_money_with_its_unit() -> None:
    old, new = document(*NAMES), document(*NAMES)
    new.tables[2].budget_total = Decimal("6500000.00")
    new.tables[2].goal = "1.第一行\n2.第二行"
    assert compare_documents(old, new).lines() == [
        "表3 2026年水土保持评审经费 预算数：6300000.00元 → 6500000.00元",
        "表3 2026年水土保持评审经费 绩效目标：1.保障水土保持评审经费正常运行。 → 1.第一行⏎2.第二行",
    ]


def test_the_same_money_in_another_unit_is_only_a_unit_change() -> None:
    old, new = document(*NAMES), document(*NAMES)
    converted = new.tables[0]
    converted.money_unit = "万元"
    converted.budget_total = converted.budget_fiscal = Decimal("630.00")
    assert compare_documents(old, new).lines() == ["表1 2026年运行保障项目 金额单位：元 → 万元"]
    converted.budget_fiscal = Decimal("600.00")
    assert compare_documents(old, new).lines()[-1] == (
        "表1 2026年运行保障项目 财政资金：6300000.00元 → 600.00万元"
    )


def test_a_document_property_is_a_document_line() -> None:
    old, new = document(*NAMES), document(*NAMES)
    new.agency_name = "另一单位"
    new.layout = "sichuan"
    assert compare_documents(old, new).lines() == [
        "文档 单位名称：某某单位 → 另一单位",
        "文档 版式：天津（绩效目标表） → 四川（分栏指标值，带权重）",
    ]


def test_a_scoring_profile_is_named_as_the_clerk_reads_it() -> None:
    old, new = document(*NAMES), document(*NAMES)
    old.kind = new.kind = "self-evaluation"
    new.scoring = "tianjin"
    assert compare_documents(old, new).lines() == ["文档 评分规则：中央（财预〔2020〕10号） → 天津"]


def test_an_added_and_a_removed_indicator() -> None:
    old, new = document(*NAMES), document(*NAMES)
    group = new.tables[0].children[0].children[1]
    new.insert_nodes(group, 0, [Indicator("资料归档率", "", "=", "100", "%")])
    target = new.tables[0].children[2].children[0]
    new.remove_nodes(target, 0, 1)
    changes = compare_documents(old, new).changes
    assert [c.kind for c in changes] == [ADDED, REMOVED]
    assert [c.line() for c in changes] == [
        "表1 2026年运行保障项目 产出指标/质量指标/资料归档率 新增三级指标：100%",
        "表1 2026年运行保障项目 满意度指标/服务对象满意度指标/群众满意度 删除三级指标：≥95%",
    ]
    assert changes[0].old_at is None and changes[0].new_at == (0, 0, 1, 0)
    assert changes[1].old_at == (0, 2, 0, 0) and changes[1].new_at is None


def test_a_rename_is_found_as_a_rename() -> None:
    old, new = document(*NAMES), document(*NAMES)
    indicator(new, 1, "验收合格率").name = "日常维修的验收合格率"
    (change,) = compare_documents(old, new).changes
    assert (change.kind, change.field) == (RENAMED, "name")
    assert change.path == ("产出指标", "质量指标", "日常维修的验收合格率")
    assert change.line() == (
        "表2 2026年评审工作专项经费 产出指标/质量指标 "
        "三级指标更名：验收合格率 → 日常维修的验收合格率"
    )


def test_a_rename_with_a_new_target_is_a_rename_and_a_change() -> None:
    old, new = document(*NAMES), document(*NAMES)
    renamed = indicator(new, 0, "服务人数")
    renamed.name, renamed.value = "服务人次数", "45"
    assert [(c.kind, c.old, c.new) for c in compare_documents(old, new).changes] == [
        (RENAMED, "服务人数", "服务人次数"),
        (CHANGED, "≥40人", "≥45人"),
    ]


def test_a_reworded_name_with_a_lower_target_is_still_a_rename() -> None:
    """硬件采购、维护数量 ≥400次 → 硬件采购及维护次数 ≥365次: the name only fairly alike (78),
    the 指标值 changed; the same 绩效指标描述, or the same sign and unit, say it is one row."""
    for keep_description in (True, False):
        old, new = document(*NAMES), document(*NAMES)
        before = indicator(old, 0, "维修次数")
        before.name, before.value = "硬件采购、维护数量", "400"
        after = indicator(new, 0, "维修次数")
        after.name, after.value = "硬件采购及维护次数", "365"
        if not keep_description:
            after.description = "另写的描述"
        kinds = [(c.kind, c.old, c.new) for c in compare_documents(old, new).changes]
        assert kinds[:2] == [
            (RENAMED, "硬件采购、维护数量", "硬件采购及维护次数"),
            (CHANGED, "≥400次", "≥365次"),
        ]


def test_a_fairly_alike_name_with_another_unit_is_not_a_rename() -> None:
    old, new = document(*NAMES), document(*NAMES)
    before = indicator(old, 0, "维修次数")
    before.name, before.description = "硬件采购、维护数量", ""
    after = indicator(new, 0, "维修次数")
    after.name, after.unit, after.description = "硬件采购及维护次数", "台", ""
    assert [c.kind for c in compare_documents(old, new).changes] == [REMOVED, ADDED]


def test_an_unlike_name_is_a_removal_and_an_addition() -> None:
    old, new = document(*NAMES), document(*NAMES)
    replaced = indicator(new, 0, "维修次数")
    replaced.name, replaced.description = "设备采购台数", ""
    assert [c.kind for c in compare_documents(old, new).changes] == [REMOVED, ADDED]


def test_a_move_to_another_group_is_one_change() -> None:
    old, new = document(*NAMES), document(*NAMES)
    output = new.tables[0].children[0]
    new.move_nodes(output.children[0], 1, 1, output.children[1], 1)
    (change,) = compare_documents(old, new).changes
    assert change.kind == MOVED and change.level == "indicator"
    assert change.old_at == (0, 0, 0, 1) and change.new_at == (0, 0, 1, 1)
    assert change.line() == (
        "表1 2026年运行保障项目 产出指标/质量指标/服务人数 移动："
        "产出指标/数量指标第2项 → 产出指标/质量指标第2项"
    )


def test_a_move_within_its_group_is_one_change_and_an_insert_moves_nothing() -> None:
    old, new = document(*NAMES), document(*NAMES)
    quantity = new.tables[0].children[0].children[0]
    new.move_nodes(quantity, 0, 1, quantity, 2)  # 维修次数 after 服务人数
    new.insert_nodes(quantity, 0, [Indicator("培训次数", "", "≥", "4", "次")])
    assert compare_documents(old, new).lines() == [
        "表1 2026年运行保障项目 产出指标/数量指标/培训次数 新增三级指标：≥4次",
        "表1 2026年运行保障项目 产出指标/数量指标/维修次数 移动：产出指标/数量指标第1项 → "
        "产出指标/数量指标第3项",
    ]


def test_a_moved_and_renamed_indicator_is_a_move_and_a_rename() -> None:
    old, new = document(*NAMES), document(*NAMES)
    output = new.tables[0].children[0]
    new.move_nodes(output.children[1], 0, 1, output.children[2], 0)
    output.children[2].children[0].name = "日常验收合格率"
    kinds = [c.kind for c in compare_documents(old, new).changes]
    assert sorted(kinds) == sorted([MOVED, RENAMED])


def test_a_renamed_group_is_one_change_not_every_indicator_moved() -> None:
    old, new = document(*NAMES), document(*NAMES)
    new.tables[0].children[0].children[0].name = "数量"
    new.tables[0].children[1].name = "效益"
    assert compare_documents(old, new).lines() == [
        "表1 2026年运行保障项目 产出指标 二级指标更名：数量指标 → 数量",
        "表1 2026年运行保障项目 一级指标更名：效益指标 → 效益",
    ]


def test_an_added_and_a_removed_group() -> None:
    old, new = document(*NAMES), document(*NAMES)
    benefit = new.tables[0].children[1]
    new.insert_nodes(
        benefit, 1, [Level2("生态效益指标", [Indicator("绿化率", "", "≥", "30", "%")])]
    )
    new.remove_nodes(new.tables[0].children[0], 2, 1)  # 时效指标 and its indicator
    assert compare_documents(old, new).lines() == [
        "表1 2026年运行保障项目 产出指标/时效指标 删除二级指标",
        "表1 2026年运行保障项目 产出指标/时效指标/完成时间 删除三级指标：2026年12月31日前",
        "表1 2026年运行保障项目 效益指标/生态效益指标 新增二级指标",
        "表1 2026年运行保障项目 效益指标/生态效益指标/绿化率 新增三级指标：≥30%",
    ]


def test_tables_added_removed_and_moved() -> None:
    old = document(*NAMES)
    new = document("新建项目", NAMES[2], NAMES[0])
    comparison = compare_documents(old, new)
    assert comparison.lines() == [
        "表1 2026年新建项目 新增表",
        "表3 2026年运行保障项目 移动：表1 → 表3",
        "原表2 2026年评审工作专项经费 删除表",
    ]
    assert [(c.old_at, c.new_at) for c in comparison.changes] == [
        (None, (0,)),
        ((0,), (2,)),
        ((1,), None),
    ]


def test_tables_left_over_between_the_same_neighbours_pair_by_position() -> None:
    old = document(*NAMES)
    new = document(NAMES[0], "新建项目", NAMES[2])
    assert compare_documents(old, new).tables == ((0, 0), (1, 1), (2, 2))
    assert compare_documents(old, new).lines()[0] == (
        "表2 2026年新建项目 项目名称：2026年评审工作专项经费 → 2026年新建项目"
    )


def test_last_years_document_matches_this_years_tables_by_name_without_years() -> None:
    old = document(*NAMES, year=2025)
    new = document(NAMES[1], NAMES[0], NAMES[2], year=2026)
    new.tables[0].project_name = "2026年度评审工作专项经费"
    comparison = compare_documents(old, new)
    assert comparison.tables == ((0, 1), (1, 0), (2, 2))
    assert not any(c.kind in (ADDED, REMOVED) for c in comparison.changes)
    assert (
        "表3 2026年水土保持评审经费 项目名称：2025年水土保持评审经费 → 2026年水土保持评审经费"
        in (comparison.lines())
    )


def test_a_year_typed_in_full_width_digits_is_still_the_same_project() -> None:
    old = document(*NAMES, year=2025)
    old.tables[0].project_name = "２０２５年运行保障项目"
    new = document(NAMES[1], NAMES[0], NAMES[2], year=2026)
    comparison = compare_documents(old, new)
    assert comparison.tables == ((0, 1), (1, 0), (2, 2))
    assert not any(c.kind in (ADDED, REMOVED) for c in comparison.changes)


def test_a_table_renamed_in_place_is_paired_by_position() -> None:
    old, new = document(*NAMES), document(*NAMES)
    new.tables[1].project_name = "2026年评审工作经费（调整）"
    comparison = compare_documents(old, new)
    assert comparison.lines() == [
        "表2 2026年评审工作经费（调整） "
        "项目名称：2026年评审工作专项经费 → 2026年评审工作经费（调整）"
    ]


def test_an_unlike_name_keeping_its_description_and_target_is_a_rename() -> None:
    old, new = document(*NAMES), document(*NAMES)
    indicator(new, 0, "维修次数").name = "设备检修"
    assert [c.kind for c in compare_documents(old, new).changes] == [RENAMED]


def test_self_evaluation_fields_are_compared_too() -> None:
    old, new = document(*NAMES), document(*NAMES)
    indicator(new, 0, "群众满意度").actual = "97%"
    new.tables[0].budget_executed = Decimal("6000000.00")
    assert compare_documents(old, new).lines() == [
        "表1 2026年运行保障项目 全年执行数：（空） → 6000000.00元",
        "表1 2026年运行保障项目 满意度指标/服务对象满意度指标/群众满意度 实际完成值：（空） → 97%",
    ]
