"""Hypothesis strategies for whole documents (CJK text, formula-like strings, amounts,
both frameworks, merged 二级 cells, empty 一级/二级 groups)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from goaleditor.model.document import Document, GoalTable, Indicator, Level1, Level2
from goaleditor.model.frameworks import CLASSIC, FRAMEWORKS, Framework
from goaleditor.model.layout_names import LAYOUT_NAMES
from goaleditor.model.values import QUALITATIVE, QUANTITATIVE_COMPARATORS, parse_target

cjk = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
printable = st.characters(
    blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\u2028\u2029"
)
tricky = st.sampled_from(["=SUM(A1)", "+1", "-2", "@x", "<b>&amp;", "<img src=x>", "'", "\\n"])
text = st.one_of(st.text(cjk, max_size=30), st.text(printable, max_size=30), tricky)
money = st.one_of(
    st.none(),
    st.decimals(min_value=0, max_value=10**11, places=2, allow_nan=False, allow_infinity=False),
)
dates = st.one_of(st.just(""), st.dates().map(lambda d: d.isoformat()))
weights = st.one_of(st.just(""), st.sampled_from(["10", "5.5", "20.00", "0"]))
units = st.sampled_from(["%", "个", "次", "人", "天", "万元", "元/套", "万元/人/年", "平方米", ""])


@st.composite
def indicators(draw, framework: Framework = CLASSIC) -> tuple[str, str, Indicator]:
    level1 = draw(st.sampled_from(framework.level1_names))
    level2 = draw(st.sampled_from(framework.level2_names(level1)))
    if draw(st.booleans()):
        comparator = draw(st.sampled_from(QUANTITATIVE_COMPARATORS))
        value = str(draw(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False)))
        unit = draw(units)
    else:
        comparator, unit = QUALITATIVE, ""
        value = draw(text.filter(lambda t: parse_target(t).comparator == QUALITATIVE))
        value = value.strip()
    name, description = draw(text), draw(text)
    indicator = Indicator(name, description, comparator, value, unit, draw(weights))
    indicator.explanation, indicator.standard, indicator.remark = draw(text), draw(text), draw(text)
    return level1, level2, indicator


@st.composite
def tables(draw, framework: Framework = CLASSIC, empty_groups: bool = True) -> GoalTable:
    """A table; with empty_groups, 一级 and 二级 groups without indicators here and there."""
    rows = draw(st.lists(indicators(framework), max_size=8))
    table = GoalTable.from_rows(
        rows,
        project_name=draw(text),
        money_unit=draw(st.sampled_from(["元", "万元"])),
        budget_total=draw(money),
        budget_fiscal=draw(money),
        budget_other=draw(money),
        fund_use=draw(text),
        goal=draw(text),
        project_nature=draw(text),
        project_category=draw(text),
        supervisor=draw(text),
        implementer=draw(text),
        start_date=draw(dates),
        end_date=draw(dates),
        period_total=draw(money),
        period_fiscal=draw(money),
        period_other=draw(money),
        budget_carryover=draw(money),
        period_goal=draw(text),
    )
    for _ in range(draw(st.integers(0, 3)) if empty_groups else 0):
        if table.children and draw(st.booleans()):
            owner = draw(st.sampled_from(table.children))
            group = Level2(draw(st.sampled_from(framework.level2_names(owner.name))), parent=owner)
            owner.children.insert(draw(st.integers(0, len(owner.children))), group)
        else:
            name = draw(st.sampled_from(framework.level1_names))
            level1 = Level1(
                name,
                [
                    Level2(n)
                    for n in draw(
                        st.lists(st.sampled_from(framework.level2_names(name)), max_size=2)
                    )
                ],
            )
            level1.parent = table
            table.children.insert(draw(st.integers(0, len(table.children))), level1)
    return table


@st.composite
def documents(draw, empty_groups: bool = True) -> Document:
    """A document of either framework, merged 二级 cells or not.

    empty_groups=False keeps to what a table of indicator rows can say (canonical JSON,
    workbooks): every group then has an indicator.
    """
    framework = draw(st.sampled_from(list(FRAMEWORKS.values())))
    return Document(
        agency_code=draw(st.text("0123456789", max_size=8)),
        agency_name=draw(text),
        year=draw(st.one_of(st.none(), st.integers(1990, 2100))),
        title=draw(text),
        framework=framework.key,
        merge_level2=draw(st.booleans()),
        layout=draw(st.sampled_from(LAYOUT_NAMES)),
        tables=draw(st.lists(tables(framework, empty_groups), max_size=4)),
    )


__all__ = ["Decimal", "documents", "tables"]
