"""The field vocabulary: each field's key, the label a clerk sees, its kind and its default.

Every list of fields (the domain's dataclasses, the .goals columns, canonical JSON, the tree's
columns, the header form, messages) reads this one declaration. How a layout *prints* a field
is the layout's own business: its profile (model/layouts.py) labels fields by these keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from goaleditor.model.frameworks import DEFAULT_FRAMEWORK
from goaleditor.model.layout_names import DEFAULT_LAYOUT

# The document kinds (DESIGN §5.1 "kind"): a 绩效目标表 or a 绩效自评表.
GOALS = "goals"
SELF_EVALUATION = "self-evaluation"
DOCUMENT_KINDS: tuple[str, ...] = (GOALS, SELF_EVALUATION)
# The scoring profile a 自评表 is scored by when none is named (self_evaluation/profiles.py).
DEFAULT_SCORING = "central"
# A reviewer's verdict on an indicator, and the overall result of a table's review.
PASSED = "通过"
FAILED = "不通过"
REVIEW_VERDICTS: tuple[str, ...] = (PASSED, FAILED)
REVIEW_RESULTS: tuple[str, ...] = (PASSED, "修改完善后通过", FAILED)

# text: one line; long_text: paragraphs (用途, 目标); money: an exact Decimal or None;
# date: YYYY-MM-DD as typed; weight: a decimal as typed; year: an int or None;
# choice: one of a fixed list; flag: a bool; derived: computed, never stored.
Kind = Literal["text", "long_text", "money", "date", "weight", "year", "choice", "flag", "derived"]
Owner = Literal["document", "table", "group", "indicator"]


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field: its key (attribute, column and JSON key), clerk label, kind and default."""

    key: str
    owner: Owner
    label: str  # what the clerk reads in the editor and its messages (修改{label})
    kind: Kind
    default: Any = ""
    form_label: str = ""  # the header form's label where its row gives context ("" = label)
    layout: bool = False  # added for other regions' layouts (DESIGN §4)
    self_evaluation: bool = False  # a 绩效自评表's own field (DESIGN §5.1): empty in a 目标表
    review: bool = False  # a reviewer's mark (DESIGN §5.2): never printed in the goal table
    searchable: bool = False  # 查找/替换 looks into it

    @property
    def column_default(self) -> Any:
        """The .goals column's default: money is stored as exact decimal text, '' when none."""
        return "" if self.kind == "money" else self.default

    @property
    def in_form(self) -> str:
        """The header form's label (without its colon)."""
        return self.form_label or self.label


def _document(key: str, label: str, kind: Kind = "text", default: Any = "") -> FieldSpec:
    return FieldSpec(key, "document", label, kind, default)


def _table(key: str, label: str, kind: Kind = "text", default: Any = "", **more: Any) -> FieldSpec:
    if kind == "money":
        default = None
    return FieldSpec(key, "table", label, kind, default, **more)


def _indicator(
    key: str, label: str, kind: Kind = "text", default: Any = "", **more: Any
) -> FieldSpec:
    return FieldSpec(key, "indicator", label, kind, default, **more)


# In declaration order: the order of the dataclasses' fields and of the store's columns.
DOCUMENT_SPECS: tuple[FieldSpec, ...] = (
    _document("agency_code", "单位编码"),
    _document("agency_name", "单位名称"),
    _document("year", "年度", "year", None),
    _document("title", "文档标题"),
    _document("framework", "指标体系", "choice", DEFAULT_FRAMEWORK),
    _document("merge_level2", "合并二级指标", "flag", False),
    _document("layout", "版式", "choice", DEFAULT_LAYOUT),
    _document("kind", "文档类型", "choice", GOALS),
    _document("scoring", "评分规则", "choice", DEFAULT_SCORING),
)
TABLE_SPECS: tuple[FieldSpec, ...] = (
    _table("project_name", "项目名称", searchable=True),
    _table("money_unit", "金额单位", "choice", "元"),
    _table("budget_total", "预算数", "money"),
    _table("budget_fiscal", "财政资金", "money", form_label="其中：财政资金"),
    _table("budget_other", "其他资金", "money"),
    _table("fund_use", "资金用途", "long_text", searchable=True),
    _table("goal", "绩效目标", "long_text", searchable=True),
    _table("project_nature", "项目性质", layout=True),  # 项目性质 / 项目属性
    _table("project_category", "项目类别", layout=True),
    _table("supervisor", "主管部门", layout=True),  # with its code where the layout asks
    _table("implementer", "实施单位", layout=True),
    _table("start_date", "计划开始日期", "date", layout=True),
    _table("end_date", "计划完成日期", "date", layout=True),
    _table("period_total", "项目资金总额", "money", layout=True),  # over the whole 实施期/中期
    _table("period_fiscal", "项目财政资金", "money", form_label="其中：财政资金", layout=True),
    _table("period_other", "项目其他资金", "money", form_label="其他资金", layout=True),
    # 上年结转资金 is part of the year's budget_total.
    _table("budget_carryover", "上年结转资金", "money", layout=True),
    _table("period_goal", "项目总体目标", "long_text", layout=True),  # 项目总体目标 / 中期目标
    # The 自评表's money block: 年初预算数 · 全年预算数 · 全年执行数, each for 年度资金总额 and
    # its 其中 rows (当年财政拨款, 上年结转资金, 其他资金); 执行率 and the score are computed.
    *(
        _table(f"{column}{row}", f"{column_label}{row_label}", "money", self_evaluation=True)
        for column, column_label in (
            ("budget_initial", "年初预算数"),
            ("budget_adjusted", "全年预算数"),
            ("budget_executed", "全年执行数"),
        )
        for row, row_label in (
            ("", ""),
            ("_fiscal", "（当年财政拨款）"),
            ("_carryover", "（上年结转资金）"),
            ("_other", "（其他资金）"),
        )
    ),
    _table("budget_weight", "预算执行分值", "weight", self_evaluation=True),
    # Entered only where the scoring profile lets the clerk score the budget; "" = by rule.
    _table("budget_score", "预算执行得分", "weight", self_evaluation=True),
    _table("goal_result", "总体目标实际完成情况", "long_text", self_evaluation=True),
    # What Sichuan's form (510000_0013zp) asks around the tables; the central form prints none.
    _table("process_summary", "项目实施内容及过程概述", "long_text", self_evaluation=True),
    _table("conclusion", "评价结论", "long_text", self_evaluation=True),
    _table("problems", "存在问题", "long_text", self_evaluation=True),
    _table("improvements", "改进措施", "long_text", self_evaluation=True),
    _table("project_leader", "项目负责人", self_evaluation=True),
    _table("finance_leader", "财务负责人", self_evaluation=True),
    # The reviewer's 绩效目标审核表 (DESIGN §5.2): its opinions and overall result per table.
    _table("review_goal", "总体目标审核意见", "long_text", review=True),
    _table("review_output", "产出指标审核意见", "long_text", review=True),
    _table("review_benefit", "效益指标审核意见", "long_text", review=True),
    _table("review_satisfaction", "满意度指标审核意见", "long_text", review=True),
    _table("review_todo", "需补充完善事项", "long_text", review=True),
    _table("review_result", "审核结果", "choice", review=True),  # REVIEW_RESULTS, "" = none
)
# The names of a table's 一级 and 二级 groups (Level1.name, Level2.name).
GROUP_SPECS: tuple[FieldSpec, ...] = (
    FieldSpec("level1", "group", "一级指标", "text"),
    FieldSpec("level2", "group", "二级指标", "text"),
)
INDICATOR_SPECS: tuple[FieldSpec, ...] = (
    _indicator("name", "三级指标", searchable=True),
    _indicator("description", "绩效指标描述", searchable=True),
    _indicator("comparator", "指标性质", "choice", "≥"),
    _indicator("value", "指标值", searchable=True),
    _indicator("unit", "单位", searchable=True),
    _indicator("weight", "权重", "weight", layout=True),  # 权重/分值, "" when none
    _indicator("explanation", "指标解释", "long_text", layout=True),
    _indicator("standard", "评分标准", "long_text", layout=True),  # 评(扣)分标准
    _indicator("remark", "备注", layout=True),
    _indicator("actual", "实际完成值", self_evaluation=True, searchable=True),
    # Entered for 定性 (and where the profile lets the clerk override the rule); "" = by rule.
    _indicator("score", "得分", "weight", self_evaluation=True),
    _indicator("grade", "定性等级", "choice", self_evaluation=True),  # 达成/部分达成/未达成
    _indicator("deviation", "偏差原因分析及改进措施", "long_text", self_evaluation=True),
    # The reviewer's mark per indicator: 通过 / 不通过 ("" = not reviewed) and an opinion.
    _indicator("review_verdict", "审核结论", "choice", review=True),
    _indicator("review_opinion", "审核意见", "long_text", review=True),
)
# The printed 指标值 (comparator, value and unit together): shown and exported, never stored.
DISPLAY = FieldSpec("display", "indicator", "打印值", "derived")

SPECS: dict[str, FieldSpec] = {
    spec.key: spec
    for spec in (*DOCUMENT_SPECS, *TABLE_SPECS, *GROUP_SPECS, *INDICATOR_SPECS, DISPLAY)
}
# What the clerk calls each field: the one table of field labels.
FIELD_LABELS: dict[str, str] = {key: spec.label for key, spec in SPECS.items()}

DOCUMENT_PROPERTIES: tuple[str, ...] = tuple(spec.key for spec in DOCUMENT_SPECS)
HEADER_FIELDS: tuple[str, ...] = tuple(spec.key for spec in TABLE_SPECS)
LAYOUT_HEADER_FIELDS: tuple[str, ...] = tuple(spec.key for spec in TABLE_SPECS if spec.layout)
MONEY_FIELDS: tuple[str, ...] = tuple(spec.key for spec in TABLE_SPECS if spec.kind == "money")
INDICATOR_FIELDS: tuple[str, ...] = tuple(spec.key for spec in INDICATOR_SPECS)
LAYOUT_INDICATOR_FIELDS: tuple[str, ...] = tuple(
    spec.key for spec in INDICATOR_SPECS if spec.layout
)
SELF_EVALUATION_HEADER_FIELDS: tuple[str, ...] = tuple(
    spec.key for spec in TABLE_SPECS if spec.self_evaluation
)
SELF_EVALUATION_INDICATOR_FIELDS: tuple[str, ...] = tuple(
    spec.key for spec in INDICATOR_SPECS if spec.self_evaluation
)
REVIEW_HEADER_FIELDS: tuple[str, ...] = tuple(spec.key for spec in TABLE_SPECS if spec.review)
REVIEW_INDICATOR_FIELDS: tuple[str, ...] = tuple(
    spec.key for spec in INDICATOR_SPECS if spec.review
)
# Sichuan's text around its 自评表 (过程概述, 评价结论, 存在问题, 改进措施, the two 负责人).
REPORT_FIELDS: tuple[str, ...] = (
    "process_summary",
    "conclusion",
    "problems",
    "improvements",
    "project_leader",
    "finance_leader",
)
# What a 目标表 has: every field but the 自评表's own and the reviewer's marks.
GOAL_HEADER_FIELDS: tuple[str, ...] = tuple(
    s.key for s in TABLE_SPECS if not (s.self_evaluation or s.review)
)
GOAL_INDICATOR_FIELDS: tuple[str, ...] = tuple(
    s.key for s in INDICATOR_SPECS if not (s.self_evaluation or s.review)
)
SEARCHABLE_HEADER_FIELDS: tuple[str, ...] = tuple(s.key for s in TABLE_SPECS if s.searchable)
SEARCHABLE_INDICATOR_FIELDS: tuple[str, ...] = tuple(s.key for s in INDICATOR_SPECS if s.searchable)


def label_of(name: str, self_evaluation: bool, layout: str = "") -> str:
    """What the clerk calls a field in a document of this kind: a 自评表's 权重 is the 分值 its
    scores are out of (Sichuan's form keeps 权重)."""
    if self_evaluation and name == "weight" and layout != "sichuan":
        return "分值"
    return FIELD_LABELS.get(name, name)


def default_of(key: str) -> Any:
    """The domain default of a field (None for money)."""
    return SPECS[key].default


def column_default(key: str) -> Any:
    """The .goals column default of a field."""
    return SPECS[key].column_default
