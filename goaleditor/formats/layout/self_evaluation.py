"""The grid of one 绩效自评表 table in its printed form (central or Sichuan's), with its scores.

The same grid as a goal table's (official.build_grid hands a 自评表's tables here), so every
writer and the page view draw it. Cells showing a worked-out value (执行率, a rule's 得分, the
total) are marked computed and name no field: they are not typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from goaleditor.formats.layout.grid import PAGE_TITLE_LINES, TABLE_WIDTH, Cell, RowKind, TableGrid
from goaleditor.formats.layout.line_breaking import Width, wrap
from goaleditor.formats.layout.official import GridBuilder, runs, shorten
from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.model.layouts import Align, Slot
from goaleditor.model.money import format_money
from goaleditor.model.values import QUALITATIVE
from goaleditor.self_evaluation.evaluation import (
    IndicatorScore,
    TableScore,
    profile_of,
    score_table,
    score_text,
)
from goaleditor.self_evaluation.layouts import SICHUAN, SelfEvaluationForm, form_of, title_of
from goaleditor.self_evaluation.scoring import execution_rate

# Column widths as shares of the table's width: the central form's 10 columns (A label, 一级,
# 二级, 三级, 年度指标值, 实际完成值, 分值, 得分, and 偏差原因分析及改进措施 over two), Sichuan's 11
# (A label, 一级, 二级, 三级, 指标性质, 指标值, 度量单位, 完成值, 权重, 得分, 未完成原因分析).
# The published copies are text extractions: the widths are ours, fitting A4 portrait.
CENTRAL_COLUMNS = (0.08, 0.085, 0.095, 0.125, 0.125, 0.12, 0.065, 0.085, 0.11, 0.11)
SICHUAN_COLUMNS = (0.075, 0.075, 0.075, 0.11, 0.1, 0.1, 0.075, 0.085, 0.06, 0.07, 0.175)
_MONEY = ("budget_initial", "budget_adjusted", "budget_executed")


@dataclass(slots=True)
class _Spec:
    """A cell to add: its slot, text, source and whether its value is worked out."""

    slot: Slot
    text: str
    source: object | None
    computed: bool = False


@dataclass(slots=True)
class _Rows:
    """Rows added to a GridBuilder, each cell knowing whether it is computed."""

    builder: GridBuilder
    table: GoalTable
    header_row: int = -1
    kinds: list[RowKind] = field(default_factory=list)

    def label(self, col: int, text: str, colspan: int = 1, rowspan: int = 1) -> _Spec:
        """A printed label, centred (its table the source: the page view finds its field)."""
        return _Spec(Slot(col, colspan, "center", text, rowspan=rowspan), text, self.table)

    def value(
        self, col: int, name: str, text: str, colspan: int = 1, align: Align = "left"
    ) -> _Spec:
        """A field of the table, typed by the clerk."""
        return _Spec(Slot(col, colspan, align, field=name), text, self.table)

    def computed(self, col: int, text: str, colspan: int = 1) -> _Spec:
        """A worked-out value: names no field, cannot be clicked into."""
        return _Spec(Slot(col, colspan, "center"), text, None, computed=True)

    def blank(self, col: int, colspan: int = 1) -> _Spec:
        """An empty cell of the form."""
        return _Spec(Slot(col, colspan, "center"), "", None)

    def add(self, kind: RowKind, specs: list[_Spec]) -> None:
        """Add a row of cells."""
        self.builder.add_row(kind, [(s.slot, s.text, s.source) for s in specs])
        for cell, spec in zip(self.builder.rows[-1].cells, specs, strict=True):
            cell.computed = spec.computed
        if kind == "header":
            self.header_row = len(self.builder.rows) - 1


def build_self_evaluation_grid(
    document: Document,
    table: GoalTable,
    number: int,
    width: Width,
    title_width: Width,
    wrap_cache: dict[tuple[str, float], list[str]] | None = None,
) -> TableGrid:
    """Lay out one 自评表 table in its document's form: cells, merges, scores, row heights."""
    form = form_of(document.layout)
    columns = SICHUAN_COLUMNS if form is SICHUAN else CENTRAL_COLUMNS
    col_widths = tuple(TABLE_WIDTH * f for f in columns)
    builder = GridBuilder(col_widths, width, {} if wrap_cache is None else wrap_cache)
    rows = _Rows(builder, table)
    scoring = profile_of(document)
    scored = score_table(table, scoring)
    if form is SICHUAN:
        _sichuan(rows, form, table, scored, scoring.weights.indicators)
    else:
        _central(rows, form, table, scored)
    builder.fit_spanning_cells()
    title = title_of(document)
    title_lines = [
        line for part in title.split("\n") for line in wrap(part, TABLE_WIDTH, title_width)
    ]
    return TableGrid(
        number=number,
        title=title,
        title_lines=title_lines,
        short_title_lines=shorten(title_lines, PAGE_TITLE_LINES, TABLE_WIDTH, title_width),
        agency=form.report_code,
        unit="",
        col_widths=col_widths,
        rows=builder.rows,
        header_row=rows.header_row,
    )


def computed_cells(grid: TableGrid) -> list[Cell]:
    """The cells of a grid showing worked-out values (执行率, rule scores, totals)."""
    return [cell for row in grid.rows for cell in row.cells if cell.computed]


def _central(rows: _Rows, form: SelfEvaluationForm, table: GoalTable, scored: TableScore) -> None:
    """The central form: 10 columns, the money block, 年度总体目标, the indicators and 总分."""
    unit = table.money_unit
    rows.add(
        "head", [rows.label(0, form.project), rows.value(1, "project_name", table.project_name, 9)]
    )
    rows.add(
        "head",
        [
            rows.label(0, form.supervisor),
            rows.value(1, "supervisor", table.supervisor, 4),
            rows.label(5, form.implementer),
            rows.value(6, "implementer", table.implementer, 4),
        ],
    )
    block = form.money_block.format(unit=unit)
    rows.add(
        "head",
        [
            rows.label(0, block, rowspan=1 + len(form.money_rows)),
            rows.label(1, form.money_header, 2) if form.money_header else rows.blank(1, 2),
            *(rows.label(3 + i, text) for i, text in enumerate(form.money_columns)),
            rows.label(6, form.weight),
            rows.label(7, form.rate),
            rows.label(8, form.score, 2),
        ],
    )
    for money_row in form.money_rows:
        specs = [rows.label(1, money_row.label, 2), *_amounts(rows, table, money_row.suffix, 3)]
        rate = rows.computed(7, _rate(table, money_row.suffix))
        if money_row.scored:
            weight = rows.value(6, "budget_weight", _budget_weight(table, scored), align="center")
            specs += [weight, rate, _budget_score(rows, scored, 8, 2)]
        else:
            specs += [rows.label(6, form.not_scored), rate, rows.label(8, form.not_scored, 2)]
        rows.add("head", specs)
    rows.add(
        "head",
        [
            rows.label(0, form.goal_block, rowspan=2),
            rows.label(1, form.goal, 5),
            rows.label(6, form.goal_result, 4),
        ],
    )
    rows.add(
        "head",
        [rows.value(1, "goal", table.goal, 5), rows.value(6, "goal_result", table.goal_result, 4)],
    )
    indicators = list(table.indicator_rows())
    header = [rows.label(0, form.indicator_block, rowspan=1 + len(indicators))]
    spans = [1, 1, 1, 1, 1, 1, 1, 2]
    col = 1
    for text, span in zip(form.indicator_columns, spans, strict=True):
        header.append(rows.label(col, text, span))
        col += span
    rows.add("header", header)
    for index, (groups, ind, score) in enumerate(_grouped(indicators, scored)):
        specs = _groups(index, groups, ind)
        specs += [
            _indicator(2, ind, "name", ind.name, align="left"),
            _indicator(3, ind, "display", _target(ind)),
            _indicator(4, ind, "actual", ind.actual),
            _indicator(5, ind, "weight", ind.weight),
            _indicator_score(rows, 6, score),
            _indicator(7, ind, "deviation", ind.deviation, colspan=2, align="left"),
        ]
        rows.add("indicator", [_shifted(s, 1) for s in specs])
    rows.add(
        "head",
        [
            rows.label(0, form.total, 6),
            rows.computed(6, _weight_sum(table, scored)),
            rows.computed(7, _total(scored)),
            rows.blank(8, 2),
        ],
    )


def _sichuan(
    rows: _Rows,
    form: SelfEvaluationForm,
    table: GoalTable,
    scored: TableScore,
    default_indicator_weights: Decimal,
) -> None:
    """Sichuan's form: 11 columns, 项目基本情况, 预算执行情况, indicators, 合计 and the texts."""
    unit = table.money_unit
    rows.add(
        "head", [rows.label(0, form.project), rows.value(1, "project_name", table.project_name, 10)]
    )
    rows.add(
        "head",
        [
            rows.label(0, form.supervisor),
            rows.value(1, "supervisor", table.supervisor, 4),
            rows.label(5, form.implementer, 2),
            rows.value(7, "implementer", table.implementer, 4),
        ],
    )
    rows.add(
        "head", [rows.label(0, form.basic_block, rowspan=5), rows.label(1, form.goal_heading, 10)]
    )
    rows.add("head", [rows.label(1, form.goal, 5), rows.label(6, form.goal_result, 5)])
    rows.add(
        "head",
        [rows.value(1, "goal", table.goal, 5), rows.value(6, "goal_result", table.goal_result, 5)],
    )
    rows.add("head", [rows.label(1, form.process_heading, 10)])
    rows.add("head", [rows.value(1, "process_summary", table.process_summary, 10)])
    block = form.money_block.format(weight=_budget_weight(table, scored))
    rows.add(
        "head",
        [
            rows.label(0, block, rowspan=1 + len(form.money_rows)),
            rows.label(1, form.money_header.format(unit=unit), 2),
            *(rows.label(3 + i, text) for i, text in enumerate(form.money_columns)),
            rows.label(6, form.rate),
            rows.label(7, form.weight),
            rows.label(8, form.score),
            rows.label(9, form.reason, 2),
        ],
    )
    for index, money_row in enumerate(form.money_rows):
        specs = [rows.label(1, money_row.label, 2), *_amounts(rows, table, money_row.suffix, 3)]
        specs.append(rows.computed(6, _rate(table, money_row.suffix)))
        if money_row.scored:
            weight = _budget_weight(table, scored)
            specs += [rows.value(7, "budget_weight", weight, align="center")]
            specs += [_budget_score(rows, scored, 8, 1)]
        else:
            specs += [rows.label(7, form.not_scored), rows.label(8, form.not_scored)]
        if index == 0:
            note = rows.label(9, form.reason_note, 2, rowspan=len(form.money_rows))
            note.slot = Slot(9, 2, "left", form.reason_note, rowspan=len(form.money_rows))
            specs.append(note)
        rows.add("head", specs)
    indicators = list(table.indicator_rows())
    weights = _indicator_weights(scored, default_indicator_weights)
    header = [
        rows.label(0, form.indicator_block.format(weight=weights), rowspan=1 + len(indicators))
    ]
    header += [rows.label(1 + i, text) for i, text in enumerate(form.indicator_columns)]
    rows.add("header", header)
    for index, (groups, ind, score) in enumerate(_grouped(indicators, scored)):
        specs = _groups(index, groups, ind)
        specs += [
            _indicator(2, ind, "name", ind.name, align="left"),
            _indicator(3, ind, "comparator", ind.comparator),
            _indicator(4, ind, "value", ind.value),
            _indicator(5, ind, "unit", ind.unit),
            _indicator(6, ind, "actual", ind.actual),
            _indicator(7, ind, "weight", ind.weight),
            _indicator_score(rows, 8, score),
            _indicator(9, ind, "deviation", ind.deviation, align="left"),
        ]
        rows.add("indicator", [_shifted(s, 1) for s in specs])
    rows.add(
        "head",
        [
            rows.label(0, form.total, 8),
            rows.computed(8, _weight_sum(table, scored)),
            rows.computed(9, _total(scored)),
            rows.blank(10),
        ],
    )
    for label, name in (
        (form.conclusion, "conclusion"),
        (form.problems, "problems"),
        (form.improvements, "improvements"),
    ):
        rows.add("head", [rows.label(0, label), rows.value(1, name, getattr(table, name), 10)])
    project = form.project_leader + table.project_leader
    finance = form.finance_leader + table.finance_leader
    rows.add(
        "head",
        [rows.value(0, "project_leader", project, 6), rows.value(6, "finance_leader", finance, 5)],
    )


@dataclass(frozen=True, slots=True)
class _Groups:
    """An indicator's 一级 and 二级 names and the runs of equal groups (start -> length)."""

    level1: str
    level2: str
    spans1: dict[int, int]
    spans2: dict[int, int]


def _grouped(
    indicators: list[tuple[str, str, Indicator]], scored: TableScore
) -> list[tuple[_Groups, Indicator, IndicatorScore]]:
    """Each indicator with its groups and its score; 一级 and 二级 merge down their groups."""
    spans1 = runs([level1 for level1, _, _ in indicators])
    spans2 = runs([(l1, l2) for l1, l2, _ in indicators])
    return [
        (_Groups(level1, level2, spans1, spans2), indicator, score)
        for (level1, level2, indicator), score in zip(indicators, scored.indicators, strict=True)
    ]


def _groups(index: int, groups: _Groups, indicator: Indicator) -> list[_Spec]:
    """The 一级 and 二级 cells starting at this indicator's row (merged down their group)."""
    specs: list[_Spec] = []
    if index in groups.spans1:
        slot = Slot(0, 1, "center", field="level1", rowspan=groups.spans1[index])
        specs.append(_Spec(slot, groups.level1, indicator))
    if index in groups.spans2:
        slot = Slot(1, 1, "center", field="level2", rowspan=groups.spans2[index])
        specs.append(_Spec(slot, groups.level2, indicator))
    return specs


def _indicator(
    col: int, indicator: Indicator, name: str, text: str, colspan: int = 1, align: Align = "center"
) -> _Spec:
    """An indicator's own field."""
    return _Spec(Slot(col, colspan, align, field=f"indicator.{name}"), text, indicator)


def _shifted(spec: _Spec, by: int) -> _Spec:
    """The spec moved right by some columns (the indicator columns start after the label)."""
    slot = spec.slot
    spec.slot = Slot(slot.col + by, slot.colspan, slot.align, slot.label, slot.field, slot.rowspan)
    return spec


def _indicator_score(rows: _Rows, col: int, score: IndicatorScore) -> _Spec:
    """得分: typed for 定性 (and where the profile lets the clerk), else the rule's."""
    text = score_text(score.score)
    if score.mode == "entered" or (score.mode == "editable" and score.entered is not None):
        return _indicator(col, score.indicator, "score", text)
    if score.mode == "editable":  # the rule's score until the clerk types one: clickable
        spec = _indicator(col, score.indicator, "score", text)
        spec.computed = True
        return spec
    return rows.computed(col, text)


def _budget_score(rows: _Rows, scored: TableScore, col: int, colspan: int) -> _Spec:
    """The budget's 得分: the rule's, or the clerk's where the profile lets them type it."""
    text = score_text(scored.budget_score)
    if scored.budget_mode == "editable":
        spec = rows.value(col, "budget_score", text, colspan, align="center")
        spec.computed = scored.budget_entered is None
        return spec
    return rows.computed(col, text, colspan)


def _amounts(rows: _Rows, table: GoalTable, suffix: str | None, col: int) -> list[_Spec]:
    """The three amounts of a money row (年初 · 全年 · 执行), blank where the model has none."""
    if suffix is None:
        return [rows.blank(col + i) for i in range(len(_MONEY))]
    names = [f"{column}{suffix}" for column in _MONEY]
    return [
        rows.value(col + i, name, format_money(getattr(table, name)), align="right")
        for i, name in enumerate(names)
    ]


def _rate(table: GoalTable, suffix: str | None) -> str:
    """执行率 of a money row as printed (95.23%), "" where it has no value."""
    if suffix is None:
        return ""
    adjusted = getattr(table, f"budget_adjusted{suffix}")
    rate = execution_rate(adjusted, getattr(table, f"budget_executed{suffix}"))
    return "" if rate is None else f"{rate:.2f}%"


def _budget_weight(table: GoalTable, scored: TableScore) -> str:
    """The budget's 分值 as typed, else the profile's default."""
    return table.budget_weight.strip() or _plain(scored.budget_weight)


def _indicator_weights(scored: TableScore, default: Decimal) -> str:
    """Σ分值 of the indicators (90 on Sichuan's form), the profile's share when none is set."""
    weights = [s.weight for s in scored.indicators if s.weight is not None]
    return _plain(sum(weights, Decimal(0)) if weights else default)


def _weight_sum(table: GoalTable, scored: TableScore) -> str:
    """The full marks: the budget's 分值 and every indicator's (100 on a form filled right)."""
    weights = [scored.budget_weight, *(s.weight for s in scored.indicators)]
    return _plain(sum((w for w in weights if w is not None), Decimal(0)))


def _total(scored: TableScore) -> str:
    """The total score, printed once every score is known ("" until then)."""
    return score_text(scored.total) if scored.complete else ""


def _target(indicator: Indicator) -> str:
    """年度指标值 as the 自评表 prints it: comparator, value and unit, = included (=8个)."""
    if indicator.comparator == QUALITATIVE:
        return indicator.value
    return f"{indicator.comparator}{indicator.value}{indicator.unit}"


def _plain(value: Decimal | None) -> str:
    """A weight as written: 10, 7.5 ("" for none)."""
    if value is None:
        return ""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
