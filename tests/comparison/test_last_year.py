"""Last year beside this year: matched indicators and the targets set lower than last year's."""

from __future__ import annotations

from goaleditor.checking import check_document_of_any_kind
from goaleditor.compare.last_year import RULE, last_year_values, lower_targets
from goaleditor.model.checks import WARNING
from goaleditor.model.document import Document
from tests.comparison.builders import document, indicator


def _set(doc: Document, name: str, comparator: str, value: str, unit: str) -> None:
    target = indicator(doc, 0, name)
    target.comparator, target.value, target.unit = comparator, value, unit


def _years() -> tuple[Document, Document]:
    return document("运行保障项目", year=2025), document("运行保障项目", year=2026)


def test_a_lower_target_is_warned_at_its_row() -> None:
    old, new = _years()
    _set(new, "验收合格率", "≥", "95", "%")
    (problem,) = lower_targets(old, new)
    assert problem.severity == WARNING and problem.rule == RULE
    assert problem.message == "指标值低于上年：≥95% （上年 ≥98%）"
    assert (problem.table, problem.row, problem.field) == (1, 3, "value")
    assert problem.node is indicator(new, 0, "验收合格率")


def test_the_same_or_a_higher_target_is_not_warned() -> None:
    old, new = _years()
    assert lower_targets(old, new) == []
    _set(new, "验收合格率", "≥", "99", "%")
    _set(new, "维修次数", ">", "365", "次")  # the same number, set stricter
    assert lower_targets(old, new) == []


def test_a_reverse_indicator_is_warned_when_its_number_rises() -> None:
    old, new = _years()
    _set(old, "维修次数", "≤", "3", "天")
    _set(new, "维修次数", "≤", "5", "天")
    _set(old, "服务人数", "<", "10", "人")
    _set(new, "服务人数", "<", "8", "人")  # lower is better: not warned
    (problem,) = lower_targets(old, new)
    assert problem.message == "反向指标值高于上年：≤5天 （上年 ≤3天）"
    assert problem.node is indicator(new, 0, "维修次数")


def test_another_unit_is_not_compared_but_money_converts() -> None:
    old, new = _years()
    _set(old, "维修次数", "≥", "2", "个月")
    _set(new, "维修次数", "≥", "30", "天")  # no rule says how long a month is
    _set(new, "验收合格率", "≥", "95", "％")  # the full-width sign is the same unit
    _set(old, "服务人数", "≥", "12", "万元")
    _set(new, "服务人数", "≥", "100000", "元")  # 10万元 < 12万元
    messages = [p.message for p in lower_targets(old, new)]
    assert messages == [
        "指标值低于上年：≥100000元 （上年 ≥12万元）",
        "指标值低于上年：≥95％ （上年 ≥98%）",
    ]
    _set(new, "服务人数", "≥", "120000", "元")  # the same money
    assert [p.message for p in lower_targets(old, new)] == messages[1:]


def test_qualitative_and_other_directions_are_ignored() -> None:
    old, new = _years()
    _set(old, "完成时间", "定性", "95", "")
    _set(new, "完成时间", "定性", "90", "")
    _set(old, "服务人数", "=", "40", "人")
    _set(new, "服务人数", "=", "30", "人")
    _set(new, "维修次数", "≤", "300", "次")  # set the other way round: not comparable
    assert lower_targets(old, new) == []


def test_a_renamed_indicator_is_matched_and_named() -> None:
    old, new = _years()
    renamed = indicator(new, 0, "验收合格率")
    renamed.name = "日常维修的验收合格率"  # renamed, the same 指标值: matched as itself
    value = next(v for v in last_year_values(old, new) if v.indicator is renamed)
    assert value.renamed and value.display == "≥98%"
    assert value.last_year is indicator(old, 0, "验收合格率")
    assert lower_targets(old, new) == []
    renamed.name, renamed.value = "验收合格比率", "90"  # a very alike name, a lower target
    (problem,) = lower_targets(old, new)
    assert problem.message == "指标值低于上年：≥90% （上年 “验收合格率” ≥98%）"
    assert problem.node is renamed


def test_tables_differing_in_their_year_are_matched_in_any_order() -> None:
    old = document("运行保障项目", "信息化建设项目", year=2025)
    new = document("新增项目", "信息化建设项目", "运行保障项目", year=2026)
    _set_in = indicator(new, 2, "群众满意度")
    _set_in.value = "90"
    values = last_year_values(old, new)
    assert {v.table_number for v in values} == {2, 3}  # 新增项目 has no last year
    assert len(values) == 12
    assert [(v.table_number, v.row) for v in values] == sorted(
        (v.table_number, v.row) for v in values
    )
    (problem,) = lower_targets(old, new)
    assert (problem.table, problem.row) == (3, 6)
    assert problem.message == "指标值低于上年：≥90% （上年 ≥95%）"


def test_a_new_indicator_has_no_last_year() -> None:
    old, new = _years()
    added = indicator(new, 0, "服务人数")
    added.name = "新设立的完全不同的指标"
    added.value = "1"
    assert all(v.indicator is not added for v in last_year_values(old, new))
    assert lower_targets(old, new) == []


def test_the_checks_add_the_warnings_only_with_last_year() -> None:
    old, new = _years()
    _set(new, "群众满意度", "≥", "90", "%")
    assert RULE not in {p.rule for p in check_document_of_any_kind(new)}
    found = [p for p in check_document_of_any_kind(new, last_year=old) if p.rule == RULE]
    assert [p.line() for p in found] == [
        "警告\t表1\t第6行\tlast-year.lower-target\t指标值低于上年：≥90% （上年 ≥95%）"
    ]


def test_a_renamed_indicator_with_a_lower_target_is_warned() -> None:
    """A clerk cannot pass a lower target by rewording its name (硬件采购、维护数量 ≥400次 last
    year, 硬件采购及维护次数 ≥365次 this year)."""
    old, new = _years()
    indicator(old, 0, "维修次数").name = "硬件采购、维护数量"
    _set(old, "硬件采购、维护数量", "≥", "400", "次")
    renamed = indicator(new, 0, "维修次数")
    renamed.name, renamed.description = "硬件采购及维护次数", "改写的描述"
    (problem,) = lower_targets(old, new)
    assert problem.message == "指标值低于上年：≥365次 （上年 “硬件采购、维护数量” ≥400次）"
