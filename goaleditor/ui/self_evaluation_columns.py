"""The indicator tree's 自评 cells: what 实际完成值, 得分 and 定性等级 show, say and allow."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.model.fields import label_of
from goaleditor.model.values import QUALITATIVE
from goaleditor.self_evaluation.evaluation import IndicatorScore, TableScore, score_text
from goaleditor.self_evaluation.profiles import ScoringProfile
from goaleditor.self_evaluation.scores import DocumentScores
from goaleditor.self_evaluation.scoring import (
    EQUAL_COMPARATOR,
    POSITIVE_COMPARATORS,
    check_qualitative,
    qualitative_band,
    round_score,
)

# The widths (pixels) of the 自评 columns beside the goal ones.
ACTUAL_WIDTH, WEIGHT_WIDTH, SCORE_WIDTH, GRADE_WIDTH, DEVIATION_WIDTH = 90, 50, 60, 80, 180
_PERCENT = Decimal(100)
# In a 自评表, 指标值 shows as the forms print it (年度指标值) and is typed so (≥50个).
TARGET_LABEL = "年度指标值"
TARGET_TIP = "目标表的指标值；如需修改，按打印格式输入（如 ≥50个、≤5万元、有效提升）"


def weight_label(layout: str) -> str:
    """The 分值 column's heading: 权重 on Sichuan's form, 分值 on the others."""
    return label_of("weight", True, layout)


def grade_names(profile: ScoringProfile) -> list[str]:
    """The 定性 grades a clerk chooses from (达成, 部分达成, 未达成)."""
    return [band.grade for band in profile.qualitative_bands]


def chosen_grade(text: str, profile: ScoringProfile) -> str | None:
    """A typed 定性等级 as the profile names it (达成预期指标 → 达成); None if no grade."""
    band = qualitative_band(text, profile)
    return band.grade if band is not None else None


def is_qualitative(indicator: Indicator) -> bool:
    """True for a 定性 indicator (its score and grade are entered)."""
    return indicator.comparator == QUALITATIVE


def score_is_typed(indicator: Indicator, profile: ScoringProfile) -> bool:
    """True where the clerk may type the 得分: 定性, or a profile whose scores are editable."""
    return is_qualitative(indicator) or profile.quantitative_scores == "editable"


class ScoreLookup:
    """The score of each indicator of a table, from the document's kept scores.

    `DocumentScores` rescores a table only after an edit in it; this indexes the result by
    indicator, once per rescoring, so that painting a cell costs a dictionary look-up.
    """

    def __init__(self, document: Document, shared: DocumentScores | None = None) -> None:
        # The session's scores where it keeps them (one per document), else our own.
        self.scores = shared if shared is not None else DocumentScores(document)
        self._own = shared is None
        self._indexed: tuple[TableScore, dict[int, IndicatorScore]] | None = None

    def close(self) -> None:
        """Stop following the document (shared scores stay with their owner)."""
        if self._own:
            self.scores.close()
        self._indexed = None

    def of(self, indicator: Indicator, table: GoalTable) -> IndicatorScore | None:
        """The indicator's score (None when it is not in the table)."""
        table_score = self.scores.of(table)
        if self._indexed is None or self._indexed[0] is not table_score:
            by_node = {id(s.indicator): s for s in table_score.indicators}
            self._indexed = (table_score, by_node)
        found = self._indexed[1].get(id(indicator))
        return found if found is not None and found.indicator is indicator else None


@dataclass(frozen=True, slots=True)
class ScoreCell:
    """What the 得分 cell shows: text, tooltip, whether it is the rule's, and a problem."""

    text: str
    tooltip: str
    computed: bool  # the rule's score, not typed: shown grey and italic
    problem: str = ""  # why the score is missing or out of its band ("" when none)


def _number(value: Decimal) -> str:
    """A number as a clerk writes it: 8, 8.5, 0.67 (no trailing zeros)."""
    return f"{value.normalize():f}"


def _rule(score: IndicatorScore) -> str:
    """The rule that gives this indicator's score, said with its numbers."""
    weight = _number(score.weight) if score.weight is not None else "分值"
    comparator = score.indicator.comparator
    if comparator in POSITIVE_COMPARATORS or comparator == EQUAL_COMPARATOR:
        if comparator == EQUAL_COMPARATOR and score.target == 0:
            return f"指标值为0：实际完成值不大于0得{weight}分，否则得0分"
        kind = "正向指标" if comparator in POSITIVE_COMPARATORS else "“=”指标（按正向计分）"
        return f"{kind}：实际完成值达到指标值得满分{weight}分，否则按 实际完成值÷指标值×分值"
    return (
        f"反向指标：实际完成值不超过指标值得满分{weight}分，超过时按"
        " (2×指标值−实际完成值)÷指标值×分值，达到指标值2倍得0分"
    )


def _missing(score: IndicatorScore) -> str:
    """Why the rule gives no score (what the clerk still has to fill)."""
    if score.weight is None:
        return "分值未填写或不是数字"
    if score.weight < 0:
        return "分值不能为负数"
    if score.target is None:
        return "指标值不是数字，无法按规则计分"
    actual = score.actual
    if actual is None or actual.missing:
        return "实际完成值未填写"
    return actual.reason or "无法按规则计分"


def band_text(grade: str, weight: Decimal | None, profile: ScoringProfile) -> str:
    """The band a 定性 score must lie in, said in points where the 分值 is known."""
    band = qualitative_band(grade, profile)
    if band is None:
        parts = []
        for each in profile.qualitative_bands:
            low, high = (each.low * _PERCENT).normalize(), (each.high * _PERCENT).normalize()
            parts.append(f"{each.grade} {low:f}%–{high:f}%")
        return "先选定性等级（" + "，".join(parts) + "，按分值的比例）"
    if weight is None:
        low, high = (band.low * _PERCENT).normalize(), (band.high * _PERCENT).normalize()
        return f"评为“{band.grade}”：得分应为分值的{low:f}%至{high:f}%"
    low_points, high_points = round_score(band.low * weight), round_score(band.high * weight)
    upper = "" if band.high_closed else "（不含）"
    return f"评为“{band.grade}”：得分应在{low_points}至{high_points}分{upper}之间"


def score_cell(score: IndicatorScore, profile: ScoringProfile) -> ScoreCell:
    """The 得分 cell of one indicator under the profile."""
    indicator = score.indicator
    if score.qualitative:
        problem = ""
        if score.entered is None and indicator.score.strip():
            problem = f"得分“{indicator.score.strip()}”不是数字"
        elif score.entered is not None and score.weight is not None:
            problem = check_qualitative(indicator.grade, score.entered, score.weight, profile) or ""
        tip = "定性指标：直接输入得分。" + band_text(indicator.grade, score.weight, profile)
        return ScoreCell(
            score_text(score.entered) or indicator.score.strip(),
            f"{tip}\n{problem}" if problem else tip,
            computed=False,
            problem=problem,
        )
    rule = _rule(score)
    if score.rule is None:
        missing = _missing(score)
        rule_said = f"按规则计算：{rule}\n暂无得分：{missing}"
    else:
        rule_said = f"按规则计算：{rule}"
    if score.mode == "editable":
        if score.entered is not None:
            said = (
                f"已手工填写得分（按规则为{score_text(score.rule) or '—'}分）；清除后恢复按规则计算"
            )
            return ScoreCell(score_text(score.entered), f"{said}\n{rule_said}", computed=False)
        if indicator.score.strip():
            problem = f"得分“{indicator.score.strip()}”不是数字"
            return ScoreCell(indicator.score.strip(), f"{problem}\n{rule_said}", False, problem)
        rule_said += "\n可直接输入得分，覆盖按规则计算的得分"
    problem = "" if score.rule is not None else _missing(score)
    return ScoreCell(score_text(score.rule), rule_said, computed=True, problem=problem)


def actual_tooltip(score: IndicatorScore | None) -> str | None:
    """What the 实际完成值 cell says: how it was read, or why it cannot be scored."""
    if score is None:
        return None
    if score.qualitative:
        return "定性指标：填写完成情况（文字），再选定性等级、填写得分"
    actual = score.actual
    if actual is None or actual.missing:
        unit = score.indicator.unit
        return f"填写实际完成的数值（单位：{unit}）" if unit else "填写实际完成的数值"
    return actual.reason or actual.note or None


def actual_unscorable(score: IndicatorScore | None) -> bool:
    """True when 实际完成值 is written but cannot be scored (not a number, another unit)."""
    return score is not None and score.actual is not None and bool(score.actual.reason)
