"""分值 (weights): the profile's default weights split over a goal table's indicators, and the
check that 三级 sum to their 二级 and 一级 and, with the budget's 10, to 100.

Defaults (central): 产出 50, 效益 30, 满意度 10 over their 三级 indicators, budget 10. Each
group's share is split evenly in 2 places; the cents left over go to the first indicators,
so every sum is exact. A group the table lacks gives its share to the others in proportion
(said). In the cost-first framework 成本指标 is a 一级 of its own; on the central form it is
a 二级 of 产出, so here it shares 产出's 50 with 产出指标 (said).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal

from goaleditor.model.document import GoalTable
from goaleditor.model.frameworks import BENEFIT, COST, OUTPUT, SATISFACTION, canonical_level1
from goaleditor.model.values import decimal_value
from goaleditor.self_evaluation.profiles import CENTRAL, ScoringProfile

_CENT = Decimal("0.01")
_ZERO = Decimal(0)
_NO_WEIGHT = Decimal("0.00")  # the weight of an indicator no default share reaches
_HUNDRED = Decimal(100)
# The 一级 groups that share the default weights, in the order of the form.
_GROUPS = (OUTPUT, BENEFIT, SATISFACTION)
_GROUP_OF = {OUTPUT: OUTPUT, COST: OUTPUT, BENEFIT: BENEFIT, SATISFACTION: SATISFACTION}


@dataclass(frozen=True, slots=True)
class WeightPlan:
    """Default weights for a table: per 三级 in print order, sums per 二级 and 一级, notes."""

    indicators: tuple[Decimal, ...]
    level2: dict[tuple[str, str], Decimal] = field(default_factory=dict)
    level1: dict[str, Decimal] = field(default_factory=dict)
    budget: Decimal = _ZERO
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class WeightedRow:
    """One 三级 indicator's place and its 分值 (None when not filled in or not a number)."""

    level1: str
    level2: str
    name: str
    weight: Decimal | None


@dataclass(frozen=True, slots=True)
class WeightProblem:
    """A weight that does not add up, with the place it is about (row: index of the 三级)."""

    message: str
    level1: str = ""
    level2: str = ""
    row: int | None = None


def shown(amount: Decimal) -> str:
    """A weight as a clerk writes it: 50, 16.67, 8.5 (no exponent, no trailing zeros)."""
    text = format(amount.normalize(), "f")
    return "0" if text == "-0" else text


def apportion(total: Decimal, shares: Sequence[Decimal]) -> list[Decimal]:
    """total split in proportion to shares, in cents summing exactly to total (the cents left
    after rounding down go to the largest remainders, the first of equal ones)."""
    whole = sum(shares, _ZERO)
    if not shares or whole <= 0:
        return [_ZERO for _ in shares]
    exact = [total * share / whole for share in shares]
    floors = [amount.quantize(_CENT, rounding=ROUND_DOWN) for amount in exact]
    left = int((total.quantize(_CENT) - sum(floors, _ZERO)) / _CENT)
    by_remainder = sorted(range(len(shares)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in by_remainder[:left]:
        floors[i] += _CENT
    return floors


def _group(level1: str) -> str | None:
    return _GROUP_OF.get(canonical_level1(level1) or level1)


def default_weights(
    rows: Sequence[tuple[str, str]], profile: ScoringProfile = CENTRAL
) -> WeightPlan:
    """The profile's default 分值 over (一级, 二级) rows of 三级 indicators, in their order."""
    weights = profile.weights
    shares = {OUTPUT: weights.output, BENEFIT: weights.benefit, SATISFACTION: weights.satisfaction}
    groups = [_group(level1) for level1, _ in rows]
    present = [g for g in _GROUPS if g in groups]
    notes: list[str] = []
    if not present:
        if rows:
            notes.append("没有产出、效益或满意度指标，分值未分配，请手工填写")
        return WeightPlan(
            tuple(_NO_WEIGHT for _ in rows), budget=weights.budget, notes=tuple(notes)
        )
    group_totals = dict(
        zip(present, apportion(weights.indicators, [shares[g] for g in present]), strict=True)
    )
    missing = [g for g in _GROUPS if g not in present]
    if missing:
        names = "、".join(missing)
        given = shown(sum((shares[g] for g in missing), _ZERO))
        spread = "、".join(f"{g}（{shown(group_totals[g])}分）" for g in present)
        notes.append(f"没有{names}，其{given}分按比例分给{spread}")
    if any(canonical_level1(level1) == COST or level1 == COST for level1, _ in rows):
        notes.append(f"成本指标与产出指标共用产出的{shown(group_totals[OUTPUT])}分")
    indicator_weights = [_NO_WEIGHT] * len(rows)
    for group in present:
        members = [i for i, g in enumerate(groups) if g == group]
        for i, amount in zip(
            members, apportion(group_totals[group], [Decimal(1)] * len(members)), strict=True
        ):
            indicator_weights[i] = amount
    unknown = sorted({level1 for (level1, _), g in zip(rows, groups, strict=True) if g is None})
    for level1 in unknown:
        notes.append(f"一级指标“{level1}”不在默认分值中，分值为0，请手工填写")
    level2: dict[tuple[str, str], Decimal] = {}
    level1_sums: dict[str, Decimal] = {}
    for (l1, l2), amount in zip(rows, indicator_weights, strict=True):
        level2[(l1, l2)] = level2.get((l1, l2), _ZERO) + amount
        level1_sums[l1] = level1_sums.get(l1, _ZERO) + amount
    return WeightPlan(tuple(indicator_weights), level2, level1_sums, weights.budget, tuple(notes))


def default_weights_of(table: GoalTable, profile: ScoringProfile = CENTRAL) -> WeightPlan:
    """The profile's default 分值 over a goal table's 三级 indicators, in print order."""
    return default_weights([(l1, l2) for l1, l2, _ in table.indicator_rows()], profile)


def weighted_rows(table: GoalTable) -> list[WeightedRow]:
    """A goal table's 三级 indicators with their 分值 read as numbers (None when not one)."""
    return [
        WeightedRow(l1, l2, indicator.name, decimal_value(indicator.weight))
        for l1, l2, indicator in table.indicator_rows()
    ]


def check_weights(
    rows: Sequence[WeightedRow],
    profile: ScoringProfile = CENTRAL,
    budget_weight: Decimal | None = None,
    level1_stated: dict[str, Decimal] | None = None,
    level2_stated: dict[tuple[str, str], Decimal] | None = None,
) -> list[WeightProblem]:
    """What does not add up: 三级 missing or negative, 三级 ≠ a stated 二级 or 一级, and the
    三级 total ≠ 100 − the budget's weight (90 + 10 by default)."""
    problems: list[WeightProblem] = []
    for row, item in enumerate(rows):
        if item.weight is None:
            said = f"三级指标“{item.name}”未填写分值" if item.name else "三级指标未填写分值"
            problems.append(WeightProblem(said, item.level1, item.level2, row))
        elif item.weight < 0:
            problems.append(
                WeightProblem(
                    f"三级指标“{item.name}”的分值不能为负数", item.level1, item.level2, row
                )
            )
    complete = not problems
    for (l1, l2), stated in (level2_stated or {}).items():
        members = [r.weight for r in rows if (r.level1, r.level2) == (l1, l2)]
        total = _sum_if_complete(members)
        if total is not None and total != stated:
            said = f"二级指标“{l2}”的分值{shown(stated)}与其三级指标分值之和{shown(total)}不符"
            problems.append(WeightProblem(said, l1, l2))
    for l1, stated in (level1_stated or {}).items():
        total = _sum_if_complete([r.weight for r in rows if r.level1 == l1])
        if total is not None and total != stated:
            said = f"一级指标“{l1}”的分值{shown(stated)}与其三级指标分值之和{shown(total)}不符"
            problems.append(WeightProblem(said, l1))
    budget = profile.weights.budget if budget_weight is None else budget_weight
    expected = _HUNDRED - budget
    total = _sum_if_complete([r.weight for r in rows]) if complete else None
    if total is not None and rows and total != expected:
        said = f"三级指标分值合计{shown(total)}，应为{shown(expected)}"
        said += f"（另有预算执行率{shown(budget)}分，共100分）"
        problems.append(WeightProblem(said))
    return problems


def _sum_if_complete(weights: Iterable[Decimal | None]) -> Decimal | None:
    total = _ZERO
    for weight in weights:
        if weight is None:
            return None
        total += weight
    return total
