"""The printed forms of a 绩效自评表: which form a document prints in, its title and labels, and
the fields it prints (see /work/briefs/se_layouts.md for the published forms read).

central: 项目支出绩效自评表 of 财预〔2020〕10号 (池州 2022, 普陀 2022, the latter titled
财政项目支出绩效自评表: Shanghai's); sichuan: 部门预算项目支出绩效自评表, 报表编号 510000_0013zp
(青神县 2023, 大英县 2023). Every other layout prints the central form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from goaleditor.model.fields import REPORT_FIELDS
from goaleditor.model.values import QUALITATIVE

if TYPE_CHECKING:
    from goaleditor.model.document import Document, Indicator

CENTRAL_FORM = "central"
SICHUAN_FORM = "sichuan"


@dataclass(frozen=True, slots=True)
class MoneyRow:
    """A row of the money block: its printed label and the field suffix of its amounts
    (budget_initial{suffix} …); None for a row the model has no amounts for."""

    label: str
    suffix: str | None
    scored: bool = False  # the row carrying 分值 and 得分 (年度资金总额 / 总额)


@dataclass(frozen=True, slots=True)
class SelfEvaluationForm:
    """One printed 自评表 form: title, labels and the rows of its money block.

    Labels holding ``{unit}`` name the table's money unit; ``{weight}`` a weight.
    """

    name: str
    title: str  # str.format with year
    report_code: str  # printed above the table ("" for none)
    project: str
    supervisor: str
    implementer: str
    money_block: str  # the section label of the money block
    money_header: str  # the label over the money rows' own labels
    money_columns: tuple[str, str, str]  # 年初 · 全年/调整后 · 执行 amounts
    rate: str
    weight: str
    score: str
    money_rows: tuple[MoneyRow, ...]
    not_scored: str  # printed in 分值/得分 of the 其中 rows
    goal_block: str
    goal: str
    goal_result: str
    indicator_block: str
    indicator_columns: tuple[str, ...]
    total: str
    # Sichuan only: the money block's 原因 cell and its printed instructions, the 项目基本情况
    # section, the texts below the 合计 row and the signatures.
    reason: str = ""
    reason_note: str = ""
    basic_block: str = ""
    goal_heading: str = ""
    process_heading: str = ""
    conclusion: str = ""
    problems: str = ""
    improvements: str = ""
    project_leader: str = ""
    finance_leader: str = ""


_YEAR_LINE = "\n（{year}年度）"

CENTRAL = SelfEvaluationForm(
    name=CENTRAL_FORM,
    title="项目支出绩效自评表" + _YEAR_LINE,
    report_code="",
    project="项目名称",
    supervisor="主管部门",
    implementer="实施单位",
    money_block="项目资金（{unit}）",
    money_header="",
    money_columns=("年初预算数", "全年预算数", "全年执行数"),
    rate="执行率",
    weight="分值",
    score="得分",
    money_rows=(
        MoneyRow("年度资金总额", "", scored=True),
        MoneyRow("其中：当年财政拨款", "_fiscal"),
        MoneyRow("上年结转资金", "_carryover"),
        MoneyRow("其他资金", "_other"),
    ),
    not_scored="—",
    goal_block="年度总体目标",
    goal="预期目标",
    goal_result="实际完成情况",
    indicator_block="绩效指标",
    indicator_columns=(
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ),
    total="总分",
)
SHANGHAI_TITLE = "财政项目支出绩效自评表" + _YEAR_LINE

SICHUAN = SelfEvaluationForm(
    name=SICHUAN_FORM,
    title="部门预算项目支出绩效自评表（{year}年度）",
    report_code="报表编号：510000_0013zp",
    project="项目名称",
    supervisor="主管部门",
    implementer="实施单位（盖章）",
    money_block="预算执行情况（{weight}分）",
    money_header="年度预算数（{unit}）",
    money_columns=("年初预算", "调整后预算数", "预算执行数"),
    rate="预算执行率",
    weight="权重",
    score="得分",
    money_rows=(
        MoneyRow("总额", "", scored=True),
        MoneyRow("其中：财政资金", "_fiscal"),
        MoneyRow("财政专户管理资金", None),
        MoneyRow("单位资金", None),
        MoneyRow("其他资金", "_other"),
    ),
    not_scored="/",
    goal_block="",
    goal="项目年度目标",
    goal_result="年度目标完成情况",
    indicator_block="绩效指标（{weight}分）",
    indicator_columns=(
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "指标值",
        "度量单位",
        "完成值",
        "权重",
        "得分",
        "未完成原因分析",
    ),
    total="合计",
    reason="原因",
    reason_note=(
        "1.预算执行率=预算执行数/调整后预算数，预算执行率未达到90%的需说明原因（100字以内）；"
        "2.年中发生预算调整的（追加或调减），应单独说明理由；"
        "3.其他资金包括：社会投入资金、银行贷款。"
    ),
    basic_block="项目基本情况",
    goal_heading="1.项目年度目标完成情况",
    process_heading="2.项目实施内容及过程概述",
    conclusion="评价结论",
    problems="存在问题",
    improvements="改进措施",
    project_leader="项目负责人：",
    finance_leader="财务负责人：",
)

_HEADER = ("project_name", "supervisor", "implementer", "goal", "goal_result")
_MONEY_COLUMNS = ("budget_initial", "budget_adjusted", "budget_executed")
_BUDGET_SCORE = ("budget_weight", "budget_score")
# Indicator fields as "indicator.x", as the goal layouts name them (LayoutProfile.printed_fields).
_CENTRAL_INDICATOR = ("name", "comparator", "value", "unit", "actual", "weight", "score")
_SICHUAN_TEXTS = REPORT_FIELDS


def form_of(layout: str) -> SelfEvaluationForm:
    """The 自评表 form a layout name prints: Sichuan's for "sichuan", else the central one."""
    return SICHUAN if layout == SICHUAN_FORM else CENTRAL


def title_of(document: Document) -> str:
    """The printed title (lines split by a newline); Shanghai's central form is 财政项目….

    The year is blank ("    ") when the document has none, as on the goal forms.
    """
    form = form_of(document.layout)
    title = SHANGHAI_TITLE if document.layout == "shanghai" else form.title
    year = "    " if document.year is None else str(document.year)
    return title.format(year=year)


def printed_fields(layout: str) -> frozenset[str]:
    """Every table and indicator field the layout's 自评表 form prints (indicator ones as
    indicator.x, 一级/二级 as level1/level2); a filled field not in it is not printed
    (上年结转资金 on Sichuan's form, 定性等级 on any)."""
    form = form_of(layout)
    suffixes = [row.suffix for row in form.money_rows if row.suffix is not None]
    money = [f"{column}{suffix}" for column in _MONEY_COLUMNS for suffix in suffixes]
    indicator = [f"indicator.{key}" for key in (*_CENTRAL_INDICATOR, "deviation")]
    texts = _SICHUAN_TEXTS if form is SICHUAN else ()
    return frozenset((*_HEADER, *money, *_BUDGET_SCORE, "level1", "level2", *indicator, *texts))


def actual_printed(indicator: Indicator) -> str:
    """实际完成值 as the form prints it: as written; a 定性 row left empty but graded prints
    its grade as the central form words it (达成预期指标), so the printed row is not blank."""
    if indicator.actual.strip() or indicator.comparator != QUALITATIVE or not indicator.grade:
        return indicator.actual
    return f"{indicator.grade}预期指标"


def form_label(layout: str) -> str:
    """What a layout prints a 自评表 as, for the 版式 list of a 自评表's 文档属性."""
    if layout == "shanghai":
        return "财政项目支出绩效自评表（中央格式）"
    if form_of(layout) is SICHUAN:
        return "部门预算项目支出绩效自评表（四川格式）"
    return "项目支出绩效自评表（中央格式）"
