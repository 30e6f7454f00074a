"""Scoring profiles as data: one frozen profile per region's 绩效自评 rules (DESIGN §5.1).

A profile says how the budget's execution is scored, how a total is graded, the bands a 定性
score must lie in, whether over-achievement needs an explanation, and the default weights.

What was confirmed, and where (searched in the stored public pages, December 2026):

- central: 财预〔2020〕10号's 项目支出绩效自评表. Published forms print 分值 10 beside 执行率
  and 得分 (丽江 2020, 廊坊 2019, 池州 2022), and a note "一级指标分值统一设置为：产出指标50分、
  效益指标30分、服务对象满意度指标10分、预算资金执行率10分" (天长 2022).
- sichuan: 部门预算项目支出绩效自评表 (报表编号 510000_0013zp, 青神县 2023, scqs.gov.cn):
  预算执行情况(10分), 绩效指标(90分); the form asks for a reason where 执行率 < 90 %. Its score
  rules are not printed there: central rules.
- hubei: forms of 湖北 units (黄冈 2020 水土保持监测, 湖北工程学院 学生资助) print
  "预算执行情况(万元)(20分) … 得分(20分*执行率)": the budget is worth 20. The indicator split of
  the other 80 is the unit's own on those forms; the 产出 40 / 效益 30 / 满意度 10 below is our
  default, not confirmed. A form of the same family (2020 长江禁捕, region not stated) scores
  反向 as W × A/B and puts the 定性 bands at 80 % / 50 %; not confirmed for 湖北 as a whole, so
  the central 反向 and bands are kept, and a quantitative score is "editable": the rule's score
  stands until the clerk types the unit's own.
- shanghai: grade names 优/良/合格/不合格 as DESIGN §5.1 gives them; thresholds and every other
  rule not confirmed: central rules.
- jiangxi: budget tiers as DESIGN §5.1 gives them (100 % → 10, ≥ 80 % → 7, ≥ 60 % → 5, else 0);
  not found in the stored pages; every other rule: central.
- tianjin: nothing found: central rules throughout.

The over-achievement rule (B ≥ 130 % of A needs an explanation) is on in every profile: the
central forms ask for a 偏差原因 where the result is far from the target; the 130 % line is
DESIGN §5.1's and was not found printed in any region's notice.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from goaleditor.model.fields import DEFAULT_SCORING

ACHIEVED = "达成"
PARTLY_ACHIEVED = "部分达成"
NOT_ACHIEVED = "未达成"


@dataclass(frozen=True, slots=True)
class BudgetTier:
    """执行率 (percent) at or above `at_least` earns `share` of the budget weight."""

    at_least: Decimal
    share: Decimal


@dataclass(frozen=True, slots=True)
class BudgetRule:
    """How 执行率 is scored: proportional (执行率 × W, capped W) or in tiers."""

    kind: Literal["proportional", "tiers"]
    tiers: tuple[BudgetTier, ...] = ()  # highest first; used when kind == "tiers"


@dataclass(frozen=True, slots=True)
class QualitativeBand:
    """A 定性 grade's band as shares of W: low ≤ score/W < high (≤ high when closed)."""

    grade: str
    low: Decimal
    high: Decimal
    high_closed: bool


@dataclass(frozen=True, slots=True)
class GradeStep:
    """A total at or above `at_least` earns the grade `name`."""

    at_least: Decimal
    name: str


@dataclass(frozen=True, slots=True)
class DefaultWeights:
    """The default 分值 of the 一级 groups and of the budget's execution (summing to 100)."""

    output: Decimal = Decimal(50)
    benefit: Decimal = Decimal(30)
    satisfaction: Decimal = Decimal(10)
    budget: Decimal = Decimal(10)

    @property
    def indicators(self) -> Decimal:
        """What the indicators share between them (90 by default)."""
        return self.output + self.benefit + self.satisfaction


# How a score comes about: by rule only, by rule unless the clerk types one, or typed.
ScoreMode = Literal["computed", "editable", "entered"]


@dataclass(frozen=True, slots=True)
class ScoringProfile:
    """One region's scoring rules (the budget system's own), as data."""

    name: str
    label: str
    budget_rule: BudgetRule
    grades: tuple[GradeStep, ...]  # highest first; the last has at_least 0
    qualitative_bands: tuple[QualitativeBand, ...]
    over_achievement_needs_explanation: bool
    weights: DefaultWeights
    over_achievement_ratio: Decimal = Decimal("1.3")  # B ≥ 130 % of A
    # 定性 indicators are always entered (in their grade's band); these say the others.
    quantitative_scores: ScoreMode = "computed"
    budget_score: ScoreMode = "computed"
    confirmed: str = ""  # what of it was seen in a published source

    @property
    def grade_names(self) -> tuple[str, ...]:
        """The grade names, best first (优 良 中 差, or 优 良 合格 不合格)."""
        return tuple(step.name for step in self.grades)


PROPORTIONAL = BudgetRule("proportional")
_BANDS = (
    QualitativeBand(ACHIEVED, Decimal("0.8"), Decimal(1), high_closed=True),
    QualitativeBand(PARTLY_ACHIEVED, Decimal("0.6"), Decimal("0.8"), high_closed=False),
    QualitativeBand(NOT_ACHIEVED, Decimal(0), Decimal("0.6"), high_closed=False),
)


def _grades(*names: str) -> tuple[GradeStep, ...]:
    thresholds = (Decimal(90), Decimal(80), Decimal(60), Decimal(0))
    return tuple(GradeStep(at, name) for at, name in zip(thresholds, names, strict=True))


_CENTRAL_GRADES = _grades("优", "良", "中", "差")

CENTRAL = ScoringProfile(
    name="central",
    label="中央（财预〔2020〕10号）",
    budget_rule=PROPORTIONAL,
    grades=_CENTRAL_GRADES,
    qualitative_bands=_BANDS,
    over_achievement_needs_explanation=True,
    weights=DefaultWeights(),
    confirmed="分值10 and 产出50/效益30/满意度10 seen on published central-template forms",
)
SHANGHAI = ScoringProfile(
    name="shanghai",
    label="上海",
    budget_rule=PROPORTIONAL,
    grades=_grades("优", "良", "合格", "不合格"),
    qualitative_bands=_BANDS,
    over_achievement_needs_explanation=True,
    weights=DefaultWeights(),
    confirmed="grade names per DESIGN §5.1; the rest not confirmed, central rules",
)
SICHUAN = ScoringProfile(
    name="sichuan",
    label="四川",
    budget_rule=PROPORTIONAL,
    grades=_CENTRAL_GRADES,
    qualitative_bands=_BANDS,
    over_achievement_needs_explanation=True,
    weights=DefaultWeights(),
    confirmed="预算执行情况(10分), 绩效指标(90分) seen (青神县 2023); rules unprinted, central",
)
TIANJIN = ScoringProfile(
    name="tianjin",
    label="天津",
    budget_rule=PROPORTIONAL,
    grades=_CENTRAL_GRADES,
    qualitative_bands=_BANDS,
    over_achievement_needs_explanation=True,
    weights=DefaultWeights(),
    confirmed="nothing found; central rules",
)
HUBEI = ScoringProfile(
    name="hubei",
    label="湖北",
    budget_rule=PROPORTIONAL,
    grades=_CENTRAL_GRADES,
    qualitative_bands=_BANDS,
    over_achievement_needs_explanation=True,
    weights=DefaultWeights(output=Decimal(40), budget=Decimal(20)),
    # Forms of the 湖北 family score 反向 their own way (W × A/B): the rule gives the score and
    # the clerk may type the unit's own instead.
    quantitative_scores="editable",
    confirmed="得分(20分*执行率) seen on 湖北 forms; the 80 split over 一级 is our default",
)
JIANGXI = ScoringProfile(
    name="jiangxi",
    label="江西",
    budget_rule=BudgetRule(
        "tiers",
        (
            BudgetTier(Decimal(100), Decimal(1)),
            BudgetTier(Decimal(80), Decimal("0.7")),
            BudgetTier(Decimal(60), Decimal("0.5")),
        ),
    ),
    grades=_CENTRAL_GRADES,
    qualitative_bands=_BANDS,
    over_achievement_needs_explanation=True,
    weights=DefaultWeights(),
    confirmed="budget tiers per DESIGN §5.1, not found in a published source; the rest central",
)

PROFILES: dict[str, ScoringProfile] = {
    p.name: p for p in (CENTRAL, SHANGHAI, SICHUAN, TIANJIN, HUBEI, JIANGXI)
}
DEFAULT_PROFILE = DEFAULT_SCORING


def is_known(name: str) -> bool:
    """True when a profile of this name exists."""
    return name in PROFILES


def get_profile(name: str) -> ScoringProfile:
    """The profile of this name; an unknown or empty name gives the central one."""
    return PROFILES.get(name, CENTRAL)
