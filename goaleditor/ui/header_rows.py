"""The header form's rows: which fields share a line, how tall a paragraph is, the examples."""

from __future__ import annotations

# The form's rows: the fields of each row, the first one's label heading the row, the others'
# labels before them. A row shows when its layout prints one of its fields.
ROWS: tuple[tuple[str, ...], ...] = (
    ("project_name", "money_unit"),
    ("project_nature", "project_category"),
    ("supervisor", "implementer"),
    ("start_date", "end_date"),
    ("budget_total", "budget_fiscal", "budget_carryover", "budget_other"),
    ("period_total", "period_fiscal", "period_other"),
    ("fund_use",),
    ("period_goal",),
    ("goal", "goal_result"),  # 实际完成情况 beside 预期目标 in a 自评表
    # Sichuan's 自评表 asks these around its tables.
    ("process_summary",),
    ("conclusion",),
    ("problems", "improvements"),
    ("project_leader", "finance_leader"),
)
# How many lines a paragraph field shows.
TEXT_LINES = {
    "fund_use": 2,
    "period_goal": 2,
    "goal": 4,
    "goal_result": 4,
    "process_summary": 3,
    "conclusion": 3,
    "problems": 3,
    "improvements": 3,
}
PLACEHOLDERS = {
    "project_name": "例如：2026年政务服务办运行经费",
    "project_nature": "例如：阶段性项目",
    "project_category": "例如：特定目标类",
    "start_date": "例如：2026-01-01",
    "end_date": "例如：2026-12-31",
    "fund_use": "例如：用于政务服务中心运行支出",
    "period_goal": "整个实施期的目标",
    "goal": "年度绩效目标，如“1.……”",
    "goal_result": "对照年度目标，说明相关任务目标的完成情况",
    "process_summary": "项目实施内容及过程概述",
    "conclusion": "说明项目自评总分和项目实施取得的成效或成果",
}
