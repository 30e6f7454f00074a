"""Starting a 自评表 from a goal document (文件 → 新建自评表, `self-evaluate`)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from goaleditor.errors import InputError
from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.self_evaluation.start import start_self_evaluation


def _goals() -> Document:
    table = GoalTable.from_rows(
        [
            ("产出指标", "数量指标", Indicator("培训人次", "", "≥", "300", "人次")),
            ("产出指标", "质量指标", Indicator("合格率", "", "≥", "95", "%")),
            ("效益指标", "社会效益指标", Indicator("覆盖面", "", "≥", "90", "%")),
            ("满意度指标", "服务对象满意度指标", Indicator("满意度", "", "≥", "90", "%")),
        ],
        project_name="2025年培训项目",
        budget_total=Decimal("120.5"),
        budget_fiscal=Decimal("100"),
        budget_other=Decimal("20.5"),
        money_unit="万元",
    )
    return Document(year=2025, agency_name="某局", layout="central", tables=[table])


def test_targets_units_and_money_are_carried_over_and_weights_given() -> None:
    goals = _goals()
    started = start_self_evaluation(goals)
    document = started.document
    assert (document.kind, document.scoring, document.year) == ("self-evaluation", "central", 2025)
    table = document.tables[0]
    assert (table.budget_initial, table.budget_adjusted, table.budget_adjusted_other) == (
        Decimal("120.5"),
        Decimal("120.5"),
        Decimal("20.5"),
    )
    assert table.budget_executed is None and table.budget_weight == "10"
    rows = [i for _, _, i in table.indicator_rows()]
    assert [(i.value, i.unit, i.weight) for i in rows] == [
        ("300", "人次", "25"),
        ("95", "%", "25"),
        ("90", "%", "30"),
        ("90", "%", "10"),
    ]
    assert started.notes == (
        "表1：分值按默认（产出50、效益30、满意度10，预算执行10）分配",
        "表1：实施单位按文档的单位名称填写",
    )
    assert document.tables[0].implementer == "某局"
    assert started.summary().startswith("已生成绩效自评表（评分规则：中央（财预〔2020〕10号）")
    assert goals.tables[0].indicator_count() == 4 and not goals.is_self_evaluation
    assert next(goals.tables[0].indicator_rows())[2].weight == ""  # the source is kept


def test_weights_already_there_are_kept_and_gaps_said() -> None:
    goals = _goals()
    first = next(goals.tables[0].indicator_rows())[2]
    first.weight = "40"
    started = start_self_evaluation(goals, "hubei")
    rows = [i.weight for _, _, i in started.document.tables[0].indicator_rows()]
    assert rows == ["40", "", "", ""]
    assert started.document.tables[0].budget_weight == "20"
    assert started.notes == (
        "表1：3个三级指标没有分值，请填写（其他指标已有分值）",
        "表1：实施单位按文档的单位名称填写",
    )


def test_a_self_evaluation_or_an_unknown_profile_is_refused() -> None:
    with pytest.raises(InputError, match="未知的评分规则“mars”"):
        start_self_evaluation(_goals(), "mars")
    started = start_self_evaluation(_goals()).document
    with pytest.raises(InputError, match="这已是绩效自评表"):
        start_self_evaluation(started)
