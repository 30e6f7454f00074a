"""The 自评表's own checks (issue 24 point 3): results to write, deviations to explain, 定性
grades and bands, weights, the budget's execution and 高自评低执行, as `Problem`s of the
goal checks (same severities, `line()` and node/field, so the 问题 panel jumps to the cell).

How severe: a 自评表 in progress is full of empty results, so a table the clerk has not
started yet says so once (提示), and every result still missing in a started table is a
警告: it leaves the total and grade open, but is not wrong. What makes a score wrong or
unexplained (a unit that does not match, a 定性 score outside its band, a missing 偏差原因
where 得分 < 分值, weights that do not add up, more spent than budgeted) is an 错误.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from decimal import Decimal

from goaleditor.model.checks import ERROR, HINT, WARNING, Problem
from goaleditor.model.document import Document, GoalTable, Indicator, Level2
from goaleditor.model.money import format_money
from goaleditor.model.values import is_decimal_text
from goaleditor.self_evaluation.evaluation import IndicatorScore, TableScore, score_text
from goaleditor.self_evaluation.fix_its import (
    FIX_CENTRAL_SCORING,
    FIX_GRADE_OF_SCORE,
    FIX_MONEY_TOTAL,
    FIX_PERCENT_OF_FRACTION,
    fraction_as_percent,
)
from goaleditor.self_evaluation.profiles import ACHIEVED, CENTRAL, ScoringProfile, is_known
from goaleditor.self_evaluation.scoring import (
    HIGH_SCORE_LOW_EXECUTION_POINTS,
    check_qualitative,
    is_high_score_low_execution,
    needs_over_achievement_explanation,
    qualitative_band,
    round_score,
)
from goaleditor.self_evaluation.weights import check_weights, shown, weighted_rows

LOW_EXECUTION_PERCENT = Decimal(80)  # 执行率 below this is a 警告 (central notice)
_ZERO = Decimal(0)
# The money block's rows: the field suffix and the row's name as the form prints it.
_MONEY_ROWS = (
    ("", "年度资金总额"),
    ("_fiscal", "当年财政拨款"),
    ("_carryover", "上年结转资金"),
    ("_other", "其他资金"),
)
_MONEY_COLUMNS = (
    ("budget_initial", "年初预算数"),
    ("budget_adjusted", "全年预算数"),
    ("budget_executed", "全年执行数"),
)

ACTUAL_MISSING = "self-evaluation.actual-missing"
NOT_STARTED = "self-evaluation.not-started"
ACTUAL_UNREADABLE = "self-evaluation.actual-unreadable"
ACTUAL_FRACTION = "self-evaluation.actual-fraction"
NO_DEVIATION = "self-evaluation.no-deviation"
OVER_ACHIEVEMENT = "self-evaluation.over-achievement"
NO_GRADE = "self-evaluation.no-grade"
BAD_GRADE = "self-evaluation.bad-grade"
NO_SCORE = "self-evaluation.no-score"
SCORE_NOT_A_NUMBER = "self-evaluation.score-not-a-number"
SCORE_OUT_OF_RANGE = "self-evaluation.score-range"
SCORE_OUT_OF_BAND = "self-evaluation.score-band"
WEIGHTS = "self-evaluation.weights"
BUDGET_WEIGHT = "self-evaluation.budget-weight"
NO_ADJUSTED = "self-evaluation.no-adjusted"
NO_EXECUTED = "self-evaluation.no-executed"
OVER_EXECUTED = "self-evaluation.over-executed"
MONEY_SUM = "self-evaluation.money-sum"
NEGATIVE_MONEY = "self-evaluation.money-negative"
NO_GOAL_RESULT = "self-evaluation.no-goal-result"
LOW_EXECUTION = "self-evaluation.low-execution"
HIGH_SCORE_LOW_EXECUTION = "self-evaluation.high-score-low-execution"
UNKNOWN_SCORING = "self-evaluation.unknown-scoring"

# A row's problem maker: (severity, rule, message, field) → Problem at that row.
_Maker = Callable[[str, str, str, str], Problem]


def scoring_problems(document: Document) -> list[Problem]:
    """Problems of a 自评表 as a whole: a scoring profile it names that does not exist."""
    name = document.scoring.strip()
    if not document.is_self_evaluation or not name or is_known(name):
        return []
    message = f"评分规则“{name}”未知，已按{CENTRAL.label}规则计分"
    fix = FIX_CENTRAL_SCORING
    return [Problem(WARNING, 0, 0, UNKNOWN_SCORING, message, "scoring", fix, node=document)]


def is_started(table: GoalTable) -> bool:
    """True when the clerk has begun the table's self-evaluation (a result, a grade, a score of
    a 定性, a deviation, 全年执行数 or 实际完成情况 written)."""
    if table.budget_executed is not None or table.goal_result.strip():
        return True
    return any(
        i.actual.strip() or i.grade.strip() or i.deviation.strip() or i.score.strip()
        for _, _, i in table.indicator_rows()
    )


def self_evaluation_problems(
    table: GoalTable, number: int, score: TableScore, profile: ScoringProfile
) -> list[Problem]:
    """The 自评表 problems of one table (number is its 1-based place), header first."""
    started = is_started(table)
    problems = list(_money_rules(table, number, started))
    problems += _weight_rules(table, number, score)
    problems += _execution_rules(table, number, score)
    if not started:
        problems += _not_started(table, number, score)
    elif not table.goal_result.strip():
        said = "年度总体目标的实际完成情况为空"
        problems.append(
            Problem(WARNING, number, 0, NO_GOAL_RESULT, said, "goal_result", node=table)
        )
    for row, item in enumerate(score.indicators, 1):
        problems += _indicator_rules(item, number, row, profile, started)
    problems.sort(key=lambda p: p.row)
    return problems


def _named(indicator: Indicator) -> str:
    """The indicator as a message names it: “来电群众满意度”, or 此指标 when it has no name."""
    name = indicator.name.strip()
    return f"“{name}”" if name else "此指标"


def _not_started(table: GoalTable, number: int, score: TableScore) -> Iterator[Problem]:
    """One 提示 for a table whose results are all still to write (placed at its first row)."""
    if not score.indicators:
        return
    first = score.indicators[0]
    field = "grade" if first.qualitative else "actual"
    count = len(score.indicators)
    message = f"本表尚未开始自评：{count}个三级指标的实际完成值待填写"
    yield Problem(HINT, number, 1, NOT_STARTED, message, field, node=first.indicator)


def _indicator_rules(
    item: IndicatorScore, number: int, row: int, profile: ScoringProfile, started: bool
) -> Iterator[Problem]:
    indicator = item.indicator

    def problem(severity: str, rule: str, message: str, field: str) -> Problem:
        return Problem(severity, number, row, rule, message, field, node=indicator)

    if item.qualitative:
        yield from _qualitative_rules(item, problem, profile, started)
    else:
        yield from _quantitative_rules(item, problem, profile, started)
    yield from _deviation_rules(item, problem, profile)


def _entered_score_rules(item: IndicatorScore, problem: _Maker) -> Iterator[Problem]:
    """A typed 得分 that is no number, or lies outside 0 to 分值."""
    text = item.indicator.score.strip()
    if text and not is_decimal_text(text):
        yield problem(
            ERROR, SCORE_NOT_A_NUMBER, f"{_named(item.indicator)}的得分“{text}”不是数字", "score"
        )
        return
    entered, weight = item.entered, item.weight
    if entered is not None and weight is not None and not _ZERO <= entered <= weight:
        said = f"{_named(item.indicator)}的得分{shown(entered)}不在0至分值{shown(weight)}之间"
        yield problem(ERROR, SCORE_OUT_OF_RANGE, said, "score")


def _qualitative_rules(
    item: IndicatorScore, problem: _Maker, profile: ScoringProfile, started: bool
) -> Iterator[Problem]:
    indicator, name = item.indicator, _named(item.indicator)
    grade = indicator.grade.strip()
    names = "、".join(b.grade for b in profile.qualitative_bands)
    if grade and qualitative_band(grade, profile) is None:
        said = f"{name}的定性等级“{grade}”应为{names}之一"
        yield problem(ERROR, BAD_GRADE, said, "grade")
        return
    has_score = bool(indicator.score.strip())
    if not grade and not has_score:
        if started:
            said = f"定性指标{name}尚未评定等级（{names}）和得分"
            yield problem(WARNING, NO_GRADE, said, "grade")
        return
    if not grade:
        said = f"定性指标{name}已填得分，但未选择等级（{names}）"
        yield replace(problem(WARNING, NO_GRADE, said, "grade"), fix=FIX_GRADE_OF_SCORE)
    yield from _entered_score_rules(item, problem)
    weight, entered = item.weight, item.entered
    if not has_score:
        band = qualitative_band(grade, profile)
        said = f"定性指标{name}已评为“{grade}”，得分尚未填写"
        if band is not None and weight is not None:
            low, high = round_score(band.low * weight), round_score(band.high * weight)
            said += (
                f"（{low}至{high}分）" if band.high_closed else f"（不低于{low}分且低于{high}分）"
            )
        yield problem(WARNING, NO_SCORE, said, "score")
    elif grade and entered is not None and weight is not None and _ZERO <= entered <= weight:
        reason = check_qualitative(grade, entered, weight, profile)
        if reason is not None:
            found = problem(ERROR, SCORE_OUT_OF_BAND, f"{name}：{reason}", "score")
            yield replace(found, fix=FIX_GRADE_OF_SCORE)


def _fraction_of_a_percent(item: IndicatorScore) -> bool:
    """0.972 against ≥95%: a percent cell's value copied as its fraction, most likely."""
    indicator = item.indicator
    if indicator.unit.strip() not in ("%", "％") or item.target is None or item.target <= 1:
        return False
    return fraction_as_percent(indicator.actual) is not None


def _quantitative_rules(
    item: IndicatorScore, problem: _Maker, profile: ScoringProfile, started: bool
) -> Iterator[Problem]:
    indicator, name = item.indicator, _named(item.indicator)
    actual = item.actual
    if actual is not None and actual.missing:
        if started:
            yield problem(WARNING, ACTUAL_MISSING, f"{name}的实际完成值为空", "actual")
    elif actual is not None and actual.value is None:
        yield problem(ERROR, ACTUAL_UNREADABLE, f"{name}：{actual.reason}", "actual")
    elif _fraction_of_a_percent(item):
        percent = fraction_as_percent(indicator.actual)
        said = (
            f"{name}的实际完成值{indicator.actual.strip()}没有写%，按{indicator.actual.strip()}%"
            f"计分；指标值为{indicator.display}，若是{percent}请改写"
        )
        yield replace(
            problem(WARNING, ACTUAL_FRACTION, said, "actual"), fix=FIX_PERCENT_OF_FRACTION
        )
    if item.mode == "editable":
        yield from _entered_score_rules(item, problem)
    if (
        actual is not None
        and not indicator.deviation.strip()
        and needs_over_achievement_explanation(
            indicator.comparator, item.target, actual.value, profile
        )
    ):
        ratio = shown(profile.over_achievement_ratio * 100)
        said = (
            f"{name}的实际完成值达到指标值的{ratio}%以上，请在偏差原因分析及改进措施中"
            "说明超额完成的原因"
        )
        yield problem(WARNING, OVER_ACHIEVEMENT, said, "deviation")


def _deviation_rules(
    item: IndicatorScore, problem: _Maker, profile: ScoringProfile
) -> Iterator[Problem]:
    """A score below its weight needs a 偏差原因: an 错误, but only a 提示 for a 定性 graded
    达成 (its target was met; a score in the top band is a judgement, not a shortfall, and
    Sichuan's column asks only for 未完成原因)."""
    score, weight = item.score, item.weight
    if score is None or weight is None or item.indicator.deviation.strip():
        return
    if round_score(score) >= round_score(weight):
        return
    said = f"{_named(item.indicator)}得分{score_text(score)}低于分值{shown(weight)}"
    band = qualitative_band(item.indicator.grade, profile) if item.qualitative else None
    if band is not None and band.grade == ACHIEVED:
        said += "，评为达成；如有偏差，请在偏差原因分析及改进措施中说明"
        yield problem(HINT, NO_DEVIATION, said, "deviation")
    else:
        yield problem(ERROR, NO_DEVIATION, said + "，偏差原因分析及改进措施为空", "deviation")


def _weight_rules(table: GoalTable, number: int, score: TableScore) -> Iterator[Problem]:
    """分值 that do not add up (三级 → 二级 → 一级 → 90, with the budget's 10 to 100)."""
    text = table.budget_weight.strip()
    if text and score.budget_weight is None:
        said = f"预算执行分值“{text}”不是数字"
        yield Problem(ERROR, number, 0, BUDGET_WEIGHT, said, "budget_weight", node=table)
        return
    rows = [i for _, _, i in table.indicator_rows()]
    for found in check_weights(weighted_rows(table), budget_weight=score.budget_weight):
        if found.row is not None:
            row = found.row + 1
            yield Problem(
                ERROR, number, row, WEIGHTS, found.message, "weight", node=rows[found.row]
            )
        elif found.level2:
            node = _level2(table, found.level1, found.level2)
            place = f"{found.level1}/{found.level2}"
            yield Problem(ERROR, number, 0, WEIGHTS, found.message, node=node, place=place)
        else:
            yield Problem(ERROR, number, 0, WEIGHTS, found.message, node=table)


def _level2(table: GoalTable, level1: str, level2: str) -> Level2 | None:
    for l1 in table.children:
        if l1.name == level1:
            return next((l2 for l2 in l1.children if l2.name == level2), None)
    return None


def _money_rules(table: GoalTable, number: int, started: bool) -> Iterator[Problem]:
    """The money block: amounts to fill, negative amounts, columns whose 其中 rows do not add
    up, and more spent than budgeted."""
    unit = table.money_unit

    def problem(severity: str, rule: str, message: str, field: str) -> Problem:
        return Problem(severity, number, 0, rule, message, field, node=table)

    if table.budget_adjusted is None:
        said = "全年预算数为空，无法计算执行率和预算执行得分" if started else "全年预算数待填写"
        yield problem(WARNING if started else HINT, NO_ADJUSTED, said, "budget_adjusted")
    elif table.budget_adjusted <= 0 and table.budget_executed is not None:
        said = f"全年预算数为{format_money(table.budget_adjusted)}{unit}，无法计算执行率"
        yield problem(WARNING, NO_ADJUSTED, said, "budget_adjusted")
    if table.budget_executed is None:
        said = "全年执行数待填写" if not started else "全年执行数为空，无法计算执行率和预算执行得分"
        yield problem(HINT if not started else WARNING, NO_EXECUTED, said, "budget_executed")
    for column, column_label in _MONEY_COLUMNS:
        for suffix, row_label in _MONEY_ROWS:
            amount = getattr(table, f"{column}{suffix}")
            if amount is not None and amount < 0:
                said = f"{row_label}的{column_label}为负数：{format_money(amount)}{unit}"
                yield problem(ERROR, NEGATIVE_MONEY, said, f"{column}{suffix}")
        total = getattr(table, column)
        parts = [getattr(table, f"{column}{suffix}") for suffix, _ in _MONEY_ROWS[1:]]
        if total is None or all(p is None for p in parts):
            continue
        added = sum((p or _ZERO for p in parts), _ZERO)
        if added != total:
            said = (
                f"{column_label} {format_money(total)} ≠ 当年财政拨款 + 上年结转资金 + 其他资金 "
                f"{format_money(added)}"
            )
            yield replace(problem(ERROR, MONEY_SUM, said, column), fix=FIX_MONEY_TOTAL)
    for suffix, row_label in _MONEY_ROWS:
        adjusted = getattr(table, f"budget_adjusted{suffix}")
        executed = getattr(table, f"budget_executed{suffix}")
        if adjusted is not None and executed is not None and executed > adjusted:
            said = (
                f"{row_label}的全年执行数 {format_money(executed)}{unit} 超过全年预算数 "
                f"{format_money(adjusted)}{unit}"
            )
            yield problem(ERROR, OVER_EXECUTED, said, f"budget_executed{suffix}")


def _execution_rules(table: GoalTable, number: int, score: TableScore) -> Iterator[Problem]:
    """执行率 below 80 %, and indicator completion far above it (高自评低执行)."""
    rate = score.execution_rate
    if rate is None:
        return
    if rate < LOW_EXECUTION_PERCENT:
        said = f"预算执行率{rate:f}%低于{shown(LOW_EXECUTION_PERCENT)}%"
        yield Problem(WARNING, number, 0, LOW_EXECUTION, said, "budget_executed", node=table)
    if is_high_score_low_execution(score.completion, rate):
        said = (
            f"指标完成率{score.completion:f}%比预算执行率{rate:f}%高出"
            f"{shown(HIGH_SCORE_LOW_EXECUTION_POINTS)}个百分点以上（高自评低执行），请核实得分"
        )
        yield Problem(WARNING, number, 0, HIGH_SCORE_LOW_EXECUTION, said, node=table)
