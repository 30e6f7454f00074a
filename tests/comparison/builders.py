"""Small goal documents for the comparison tests, built as a clerk would fill them."""

from __future__ import annotations

from decimal import Decimal

from goaleditor.model.document import Document, GoalTable, Indicator

ROWS = (
    ("产出指标", "数量指标", "维修次数", "≥", "365", "次"),
    ("产出指标", "数量指标", "服务人数", "≥", "40", "人"),
    ("产出指标", "质量指标", "验收合格率", "≥", "98", "%"),
    ("产出指标", "时效指标", "完成时间", "定性", "2026年12月31日前", ""),
    ("效益指标", "社会效益指标", "办事群众便利度", "定性", "有效提升", ""),
    ("满意度指标", "服务对象满意度指标", "群众满意度", "≥", "95", "%"),
)


def table(name: str, year: int = 2026) -> GoalTable:
    """A table of the six rows above, 630万元 in a 元 table."""
    rows = [
        (level1, level2, Indicator(indicator, f"{indicator}的描述", comparator, value, unit))
        for level1, level2, indicator, comparator, value, unit in ROWS
    ]
    return GoalTable.from_rows(
        rows,
        project_name=f"{year}年{name}",
        budget_total=Decimal("6300000.00"),
        budget_fiscal=Decimal("6300000.00"),
        fund_use="用于运行支出",
        goal=f"1.保障{name}正常运行。",
    )


def document(*names: str, year: int = 2026) -> Document:
    """A document of one table per name."""
    made = Document(agency_code="319101", agency_name="某某单位", year=year)
    made.tables = [table(name, year) for name in names]
    made.__post_init__()
    return made


def indicator(doc: Document, table_index: int, name: str) -> Indicator:
    """The indicator of that name in a table."""
    return next(i for _, _, i in doc.tables[table_index].indicator_rows() if i.name == name)
