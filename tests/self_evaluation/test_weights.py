"""Default 分值 split over a table's indicators, and the check that they add up."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from goaleditor.model.document import GoalTable, Indicator
from goaleditor.self_evaluation.profiles import CENTRAL, HUBEI
from goaleditor.self_evaluation.weights import (
    WeightedRow,
    apportion,
    check_weights,
    default_weights,
    default_weights_of,
    weighted_rows,
)

D = Decimal
OUT_QTY = ("产出指标", "数量指标")
OUT_QLT = ("产出指标", "质量指标")
SOCIAL = ("效益指标", "社会效益指标")
SATISFIED = ("满意度指标", "服务对象满意度指标")


def test_default_split_with_the_cents_placed_first() -> None:
    plan = default_weights([OUT_QTY, OUT_QTY, OUT_QLT, SOCIAL, SOCIAL, SOCIAL, SATISFIED])
    # 50 / 3 = 16.666…: 16.66 each, the 2 cents left to the first two
    assert plan.indicators == tuple(
        D(x) for x in ("16.67", "16.67", "16.66", "10", "10", "10", "10")
    )
    assert plan.level2 == {
        OUT_QTY: D("33.34"),
        OUT_QLT: D("16.66"),
        SOCIAL: D(30),
        SATISFIED: D(10),
    }
    assert plan.level1 == {"产出指标": D(50), "效益指标": D(30), "满意度指标": D(10)}
    assert plan.budget == D(10)
    assert plan.notes == ()


def test_a_missing_group_gives_its_share_in_proportion() -> None:
    plan = default_weights([OUT_QTY, OUT_QLT, OUT_QTY, SOCIAL])
    # 满意度's 10 over 产出 50 : 效益 30 → 产出 56.25, 效益 33.75; 56.25 / 3 = 18.75
    assert plan.indicators == (D("18.75"), D("18.75"), D("18.75"), D("33.75"))
    assert plan.level1 == {"产出指标": D("56.25"), "效益指标": D("33.75")}
    assert plan.notes == (
        "没有满意度指标，其10分按比例分给产出指标（56.25分）、效益指标（33.75分）",
    )


def test_two_groups_missing() -> None:
    plan = default_weights([SATISFIED, SATISFIED, SATISFIED])
    # all 90 to 满意度: 30 each
    assert plan.indicators == (D(30), D(30), D(30))
    assert plan.notes == ("没有产出指标、效益指标，其80分按比例分给满意度指标（90分）",)


def test_cost_first_framework_shares_the_output_weight() -> None:
    cost = ("成本指标", "经济成本指标")
    plan = default_weights([cost, OUT_QTY, SOCIAL, SATISFIED])
    # 产出 50 over 成本 + 产出 (25 each); 效益 30, 满意度 10
    assert plan.indicators == (D(25), D(25), D(30), D(10))
    assert plan.level1 == {
        "成本指标": D(25),
        "产出指标": D(25),
        "效益指标": D(30),
        "满意度指标": D(10),
    }
    assert plan.notes == ("成本指标与产出指标共用产出的50分",)


def test_an_unknown_level1_gets_nothing_and_is_said() -> None:
    plan = default_weights([OUT_QTY, SOCIAL, SATISFIED, ("过程指标", "评审程序")])
    assert plan.indicators == (D(50), D(30), D(10), D(0))
    assert plan.notes == ("一级指标“过程指标”不在默认分值中，分值为0，请手工填写",)


def test_numbered_level1_names_count_as_theirs() -> None:
    plan = default_weights([("一、产出指标", "数量指标"), ("效益", "社会效益"), SATISFIED])
    assert plan.indicators == (D(50), D(30), D(10))


def test_hubei_budget_weighs_20() -> None:
    plan = default_weights([OUT_QTY, OUT_QTY, OUT_QTY, SOCIAL, SATISFIED], HUBEI)
    # 产出 40 / 3 = 13.333…: 13.34, 13.33, 13.33
    assert plan.indicators == (D("13.34"), D("13.33"), D("13.33"), D(30), D(10))
    assert plan.budget == D(20)


def test_no_indicators() -> None:
    assert default_weights([]).indicators == ()
    plan = default_weights([("过程指标", "x")])
    assert plan.indicators == (D(0),)
    assert plan.notes == ("没有产出、效益或满意度指标，分值未分配，请手工填写",)


def test_weights_of_a_goal_table() -> None:
    table = GoalTable.from_rows(
        [
            (*OUT_QTY, Indicator("培训人数", weight="20")),
            (*OUT_QTY, Indicator("培训场次", weight="abc")),
            (*SATISFIED, Indicator("满意度", weight="10.5")),
        ]
    )
    # no 效益: 产出 50 + 30 × 50/60 = 75 over two (37.50 each), 满意度 10 + 30 × 10/60 = 15
    assert default_weights_of(table).indicators == (D("37.5"), D("37.5"), D(15))
    assert weighted_rows(table) == [
        WeightedRow(*OUT_QTY, "培训人数", D(20)),
        WeightedRow(*OUT_QTY, "培训场次", None),
        WeightedRow(*SATISFIED, "满意度", D("10.5")),
    ]


def row(level: tuple[str, str], name: str, weight: str | None) -> WeightedRow:
    return WeightedRow(*level, name, None if weight is None else D(weight))


def test_weights_that_add_up_pass() -> None:
    rows = [row(OUT_QTY, "a", "25"), row(OUT_QLT, "b", "25"), row(SOCIAL, "c", "30")]
    rows.append(row(SATISFIED, "d", "10"))
    stated1 = {"产出指标": D(50), "效益指标": D(30), "满意度指标": D(10)}
    stated2 = {OUT_QTY: D(25), OUT_QLT: D(25)}
    assert check_weights(rows, level1_stated=stated1, level2_stated=stated2) == []


def test_weights_that_do_not_add_up_are_said_with_their_place() -> None:
    rows = [row(OUT_QTY, "a", "20"), row(OUT_QLT, "b", "25"), row(SOCIAL, "c", "30")]
    rows.append(row(SATISFIED, "d", "10"))
    problems = check_weights(
        rows, level1_stated={"产出指标": D(50)}, level2_stated={OUT_QTY: D(25)}
    )
    assert [(p.message, p.level1, p.level2) for p in problems] == [
        ("二级指标“数量指标”的分值25与其三级指标分值之和20不符", "产出指标", "数量指标"),
        ("一级指标“产出指标”的分值50与其三级指标分值之和45不符", "产出指标", ""),
        ("三级指标分值合计85，应为90（另有预算执行率10分，共100分）", "", ""),
    ]


def test_total_against_another_budget_weight() -> None:
    rows = [row(OUT_QTY, "a", "50"), row(SOCIAL, "c", "30"), row(SATISFIED, "d", "10")]
    said = [p.message for p in check_weights(rows, HUBEI)]
    assert said == ["三级指标分值合计90，应为80（另有预算执行率20分，共100分）"]
    assert check_weights(rows, CENTRAL, budget_weight=D(10)) == []


def test_missing_and_negative_weights_are_said_once() -> None:
    rows = [row(OUT_QTY, "a", None), row(OUT_QLT, "b", "-5"), row(SOCIAL, "c", "30")]
    problems = check_weights(rows, level1_stated={"产出指标": D(50)})
    assert [(p.message, p.row) for p in problems] == [
        ("三级指标“a”未填写分值", 0),
        ("三级指标“b”的分值不能为负数", 1),
    ]


@given(
    st.decimals(min_value=0, max_value=1000, places=2),
    st.lists(st.decimals(min_value=0, max_value=100, places=2), min_size=1, max_size=30),
)
def test_apportion_sums_exactly(total: Decimal, shares: list[Decimal]) -> None:
    parts = apportion(total, shares)
    if sum(shares) > 0:
        assert sum(parts) == total
        assert all(p == p.quantize(D("0.01")) and p >= 0 for p in parts)
    else:
        assert all(p == 0 for p in parts)


@given(st.lists(st.sampled_from([OUT_QTY, OUT_QLT, SOCIAL, SATISFIED]), min_size=1, max_size=40))
def test_default_weights_sum_to_90_and_pass_the_check(levels: list[tuple[str, str]]) -> None:
    plan = default_weights(levels)
    assert sum(plan.indicators) == 90
    rows = [WeightedRow(*lv, "x", w) for lv, w in zip(levels, plan.indicators, strict=True)]
    assert check_weights(rows, level1_stated=plan.level1, level2_stated=plan.level2) == []
