"""The cells of a 自评表 grid: typed fields, printed labels and worked-out values (执行率,
a rule's 得分, totals), and how each is printed (layout/self_evaluation.py lays them out)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from goaleditor.formats.layout.grid import RowKind
from goaleditor.formats.layout.official import GridBuilder, runs
from goaleditor.model.document import GoalTable, Indicator
from goaleditor.model.layouts import Align, Slot
from goaleditor.model.money import format_money
from goaleditor.model.values import QUALITATIVE
from goaleditor.self_evaluation.evaluation import IndicatorScore, TableScore, score_text
from goaleditor.self_evaluation.scoring import execution_rate

MONEY_COLUMNS = ("budget_initial", "budget_adjusted", "budget_executed")


@dataclass(slots=True)
class Spec:
    """A cell to add: its slot, text, source and whether its value is worked out."""

    slot: Slot
    text: str
    source: object | None
    computed: bool = False


@dataclass(slots=True)
class CellRows:
    """Rows added to a GridBuilder, each cell knowing whether it is computed."""

    builder: GridBuilder
    table: GoalTable
    header_row: int = -1

    def label(self, col: int, text: str, colspan: int = 1, rowspan: int = 1) -> Spec:
        """A printed label, centred (its table the source: the page view finds its field)."""
        return Spec(Slot(col, colspan, "center", text, rowspan=rowspan), text, self.table)

    def value(
        self, col: int, name: str, text: str, colspan: int = 1, align: Align = "left"
    ) -> Spec:
        """A field of the table, typed by the clerk."""
        return Spec(Slot(col, colspan, align, field=name), text, self.table)

    def computed(self, col: int, text: str, colspan: int = 1) -> Spec:
        """A worked-out value: names no field, cannot be clicked into."""
        return Spec(Slot(col, colspan, "center"), text, None, computed=True)

    def blank(self, col: int, colspan: int = 1) -> Spec:
        """An empty cell of the form."""
        return Spec(Slot(col, colspan, "center"), "", None)

    def add(self, kind: RowKind, specs: list[Spec]) -> None:
        """Add a row of cells."""
        self.builder.add_row(kind, [(s.slot, s.text, s.source) for s in specs])
        for cell, spec in zip(self.builder.rows[-1].cells, specs, strict=True):
            cell.computed = spec.computed
        if kind == "header":
            self.header_row = len(self.builder.rows) - 1


@dataclass(frozen=True, slots=True)
class Groups:
    """An indicator's 一级 and 二级 names and the runs of equal groups (start -> length)."""

    level1: str
    level2: str
    spans1: dict[int, int]
    spans2: dict[int, int]


def grouped(
    indicators: list[tuple[str, str, Indicator]], scored: TableScore
) -> list[tuple[Groups, Indicator, IndicatorScore]]:
    """Each indicator with its groups and its score; 一级 and 二级 merge down their groups."""
    spans1 = runs([level1 for level1, _, _ in indicators])
    spans2 = runs([(l1, l2) for l1, l2, _ in indicators])
    return [
        (Groups(level1, level2, spans1, spans2), indicator, score)
        for (level1, level2, indicator), score in zip(indicators, scored.indicators, strict=True)
    ]


def group_cells(index: int, groups: Groups, indicator: Indicator) -> list[Spec]:
    """The 一级 and 二级 cells starting at this indicator's row (merged down their group)."""
    specs: list[Spec] = []
    if index in groups.spans1:
        slot = Slot(0, 1, "center", field="level1", rowspan=groups.spans1[index])
        specs.append(Spec(slot, groups.level1, indicator))
    if index in groups.spans2:
        slot = Slot(1, 1, "center", field="level2", rowspan=groups.spans2[index])
        specs.append(Spec(slot, groups.level2, indicator))
    return specs


def indicator_cell(
    col: int, indicator: Indicator, name: str, text: str, colspan: int = 1, align: Align = "center"
) -> Spec:
    """An indicator's own field."""
    return Spec(Slot(col, colspan, align, field=f"indicator.{name}"), text, indicator)


def shifted(spec: Spec, by: int) -> Spec:
    """The spec moved right by some columns (the indicator columns start after the label)."""
    slot = spec.slot
    spec.slot = Slot(slot.col + by, slot.colspan, slot.align, slot.label, slot.field, slot.rowspan)
    return spec


def indicator_score_cell(rows: CellRows, col: int, score: IndicatorScore) -> Spec:
    """得分: typed for 定性 (and where the profile lets the clerk), else the rule's."""
    text = score_text(score.score)
    if score.mode == "entered" or (score.mode == "editable" and score.entered is not None):
        return indicator_cell(col, score.indicator, "score", text)
    if score.mode == "editable":  # the rule's score until the clerk types one: clickable
        spec = indicator_cell(col, score.indicator, "score", text)
        spec.computed = True
        return spec
    return rows.computed(col, text)


def budget_score_cell(rows: CellRows, scored: TableScore, col: int, colspan: int) -> Spec:
    """The budget's 得分: the rule's, or the clerk's where the profile lets them type it."""
    text = score_text(scored.budget_score)
    if scored.budget_mode == "editable":
        spec = rows.value(col, "budget_score", text, colspan, align="center")
        spec.computed = scored.budget_entered is None
        return spec
    return rows.computed(col, text, colspan)


def amounts(rows: CellRows, table: GoalTable, suffix: str | None, col: int) -> list[Spec]:
    """The three amounts of a money row (年初 · 全年 · 执行), blank where the model has none."""
    if suffix is None:
        return [rows.blank(col + i) for i in range(len(MONEY_COLUMNS))]
    names = [f"{column}{suffix}" for column in MONEY_COLUMNS]
    return [
        rows.value(col + i, name, format_money(getattr(table, name)), align="right")
        for i, name in enumerate(names)
    ]


def rate_text(table: GoalTable, suffix: str | None) -> str:
    """执行率 of a money row as printed (95.23%), "" where it has no value."""
    if suffix is None:
        return ""
    adjusted = getattr(table, f"budget_adjusted{suffix}")
    rate = execution_rate(adjusted, getattr(table, f"budget_executed{suffix}"))
    return "" if rate is None else f"{rate:.2f}%"


def budget_weight_text(table: GoalTable, scored: TableScore) -> str:
    """The budget's 分值 as typed, else the profile's default."""
    return table.budget_weight.strip() or plain(scored.budget_weight)


def indicator_weights(scored: TableScore, default: Decimal) -> str:
    """Σ分值 of the indicators (90 on Sichuan's form), the profile's share when none is set."""
    weights = [s.weight for s in scored.indicators if s.weight is not None]
    return plain(sum(weights, Decimal(0)) if weights else default)


def weight_sum(table: GoalTable, scored: TableScore) -> str:
    """The full marks: the budget's 分值 and every indicator's (100 on a form filled right)."""
    weights = [scored.budget_weight, *(s.weight for s in scored.indicators)]
    return plain(sum((w for w in weights if w is not None), Decimal(0)))


def total_text(scored: TableScore) -> str:
    """The total score, printed once every score is known ("" until then)."""
    return score_text(scored.total) if scored.complete else ""


def target_text(indicator: Indicator) -> str:
    """年度指标值 as the 自评表 prints it: comparator, value and unit, = included (=8个)."""
    if indicator.comparator == QUALITATIVE:
        return indicator.value
    return f"{indicator.comparator}{indicator.value}{indicator.unit}"


def plain(value: Decimal | None) -> str:
    """A weight as written: 10, 7.5 ("" for none)."""
    if value is None:
        return ""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
