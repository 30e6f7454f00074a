"""The grid of one 绩效自评表 table in its printed form (central or Sichuan's), with its scores.

The same grid as a goal table's (official.build_grid hands a 自评表's tables here), so every
writer and the page view draw it. Cells showing a worked-out value (执行率, a rule's 得分, the
total) are marked computed and name no field: they are not typed.
"""

from __future__ import annotations

from decimal import Decimal

from goaleditor.formats.layout.grid import PAGE_TITLE_LINES, TABLE_WIDTH, Cell, TableGrid
from goaleditor.formats.layout.line_breaking import Width, wrap
from goaleditor.formats.layout.official import GridBuilder, shorten
from goaleditor.formats.layout.self_evaluation_cells import (
    CellRows,
    amounts,
    budget_score_cell,
    budget_weight_text,
    group_cells,
    grouped,
    indicator_cell,
    indicator_score_cell,
    indicator_weights,
    rate_text,
    shifted,
    target_text,
    total_text,
    weight_sum,
)
from goaleditor.model.document import Document, GoalTable
from goaleditor.model.layouts import Slot
from goaleditor.self_evaluation.evaluation import (
    TableScore,
    profile_of,
    score_table,
)
from goaleditor.self_evaluation.layouts import (
    SICHUAN,
    SelfEvaluationForm,
    actual_printed,
    form_of,
    title_of,
)

# Column widths as shares of the table's width: the central form's 10 columns (A label, 一级,
# 二级, 三级, 年度指标值, 实际完成值, 分值, 得分, and 偏差原因分析及改进措施 over two), Sichuan's 11
# (A label, 一级, 二级, 三级, 指标性质, 指标值, 度量单位, 完成值, 权重, 得分, 未完成原因分析).
# The published copies are text extractions: the widths are ours, fitting A4 portrait.
CENTRAL_COLUMNS = (0.08, 0.085, 0.095, 0.125, 0.125, 0.12, 0.065, 0.085, 0.11, 0.11)
SICHUAN_COLUMNS = (0.075, 0.075, 0.075, 0.11, 0.1, 0.1, 0.075, 0.085, 0.06, 0.07, 0.175)


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
    rows = CellRows(builder, table)
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


def _central(
    rows: CellRows, form: SelfEvaluationForm, table: GoalTable, scored: TableScore
) -> None:
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
        specs = [rows.label(1, money_row.label, 2), *amounts(rows, table, money_row.suffix, 3)]
        rate = rows.computed(7, rate_text(table, money_row.suffix))
        if money_row.scored:
            weight = rows.value(
                6, "budget_weight", budget_weight_text(table, scored), align="center"
            )
            specs += [weight, rate, budget_score_cell(rows, scored, 8, 2)]
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
    for index, (groups, ind, score) in enumerate(grouped(indicators, scored)):
        specs = group_cells(index, groups, ind)
        specs += [
            indicator_cell(2, ind, "name", ind.name, align="left"),
            indicator_cell(3, ind, "display", target_text(ind)),
            indicator_cell(4, ind, "actual", actual_printed(ind)),
            indicator_cell(5, ind, "weight", ind.weight),
            indicator_score_cell(rows, 6, score),
            indicator_cell(7, ind, "deviation", ind.deviation, colspan=2, align="left"),
        ]
        rows.add("indicator", [shifted(s, 1) for s in specs])
    rows.add(
        "head",
        [
            rows.label(0, form.total, 6),
            rows.computed(6, weight_sum(table, scored)),
            rows.computed(7, total_text(scored)),
            rows.blank(8, 2),
        ],
    )


def _sichuan(
    rows: CellRows,
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
    block = form.money_block.format(weight=budget_weight_text(table, scored))
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
        specs = [rows.label(1, money_row.label, 2), *amounts(rows, table, money_row.suffix, 3)]
        specs.append(rows.computed(6, rate_text(table, money_row.suffix)))
        if money_row.scored:
            weight = budget_weight_text(table, scored)
            specs += [rows.value(7, "budget_weight", weight, align="center")]
            specs += [budget_score_cell(rows, scored, 8, 1)]
        else:
            specs += [rows.label(7, form.not_scored), rows.label(8, form.not_scored)]
        if index == 0:
            note = rows.label(9, form.reason_note, 2, rowspan=len(form.money_rows))
            note.slot = Slot(9, 2, "left", form.reason_note, rowspan=len(form.money_rows))
            specs.append(note)
        rows.add("head", specs)
    indicators = list(table.indicator_rows())
    weights = indicator_weights(scored, default_indicator_weights)
    header = [
        rows.label(0, form.indicator_block.format(weight=weights), rowspan=1 + len(indicators))
    ]
    header += [rows.label(1 + i, text) for i, text in enumerate(form.indicator_columns)]
    rows.add("header", header)
    for index, (groups, ind, score) in enumerate(grouped(indicators, scored)):
        specs = group_cells(index, groups, ind)
        specs += [
            indicator_cell(2, ind, "name", ind.name, align="left"),
            indicator_cell(3, ind, "comparator", ind.comparator),
            indicator_cell(4, ind, "value", ind.value),
            indicator_cell(5, ind, "unit", ind.unit),
            indicator_cell(6, ind, "actual", actual_printed(ind)),
            indicator_cell(7, ind, "weight", ind.weight),
            indicator_score_cell(rows, 8, score),
            indicator_cell(9, ind, "deviation", ind.deviation, align="left"),
        ]
        rows.add("indicator", [shifted(s, 1) for s in specs])
    rows.add(
        "head",
        [
            rows.label(0, form.total, 8),
            rows.computed(8, weight_sum(table, scored)),
            rows.computed(9, total_text(scored)),
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
