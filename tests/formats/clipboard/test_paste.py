"""Clipboard rows: the official 5- and 7-column layouts, header lines, blanks, Excel quoting,
placement under their own 一级/二级 groups, and copy → paste round trips."""

from __future__ import annotations

import pytest

from goaleditor.formats.clipboard.rows import format_indicator_rows, parse_rows, split_cells
from goaleditor.formats.readers.published_text import read
from goaleditor.model import paste_rules
from goaleditor.model.document import GoalTable, Indicator, new_table
from tests.conftest import EXAMPLE


def summary(rows) -> list[tuple[str, str, str, str, str]]:
    return [(l1, l2, i.name, i.description, i.display) for l1, l2, i in rows]


FIVE = (
    "一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\r\n"
    "产出指标\t数量指标\t受理件数\t全年受理件数\t≥5000件\r\n"
    '\t\t办结率\t"按时办结的\n比例"\t≥98%\r\n'
    "\t质量指标\t差错率\t\t≤0.5%\r\n"
    "效益指标\t社会效益指标\t群众办事便利度\t便利度\t有效提升\r\n"
    "满意度指标\t\t群众满意度\t满意度\t≥90.00(%)\r\n"
)
FIVE_ROWS = [
    ("产出指标", "数量指标", "受理件数", "全年受理件数", "≥5000件"),
    ("产出指标", "数量指标", "办结率", "按时办结的\n比例", "≥98%"),
    ("产出指标", "质量指标", "差错率", "", "≤0.5%"),
    ("效益指标", "社会效益指标", "群众办事便利度", "便利度", "有效提升"),
    ("满意度指标", "", "群众满意度", "满意度", "≥90.00%"),
]


def test_five_columns_with_header_and_blanks() -> None:
    assert summary(parse_rows(FIVE)) == FIVE_ROWS


def test_five_columns_recognised_without_header() -> None:
    assert summary(parse_rows(FIVE.split("\r\n", 1)[1])) == FIVE_ROWS


SEVEN = (
    "一级指标\t二级指标\t三级指标\t绩效指标描述\t指标性质\t指标值\t计量单位\n"
    "产出指标\t数量指标\t受理件数\t全年\t≥\t5000\t件\n"
    "\t时效指标\t完成时间\t按期\t定性\t2026年12月31日前\t\n"
    "\t\t响应时间\t\t<=\t2\t小时\n"
    "成本指标\t经济成本指标\t人均成本\t\t\t≤0.6\t万元/人\n"  # blank 指标性质: read as printed
)


@pytest.mark.parametrize("text", [SEVEN, SEVEN.split("\n", 1)[1]], ids=["header", "no-header"])
def test_seven_split_columns(text: str) -> None:
    assert summary(parse_rows(text)) == [
        ("产出指标", "数量指标", "受理件数", "全年", "≥5000件"),
        ("产出指标", "时效指标", "完成时间", "按期", "2026年12月31日前"),
        ("产出指标", "时效指标", "响应时间", "", "≤2小时"),
        ("成本指标", "经济成本指标", "人均成本", "", "≤0.6万元/人"),
    ]


def test_todays_three_and_five_column_forms() -> None:
    rows = parse_rows('受理件数\t全年受理件数\t≥5000件\r\n办结率\t"按时\n办结"\t≥\t98\t%\r\n')
    assert summary(rows) == [
        ("", "", "受理件数", "全年受理件数", "≥5000件"),
        ("", "", "办结率", "按时\n办结", "≥98%"),
    ]
    own_header = "三级指标\t绩效指标描述\t指标性质\t指标值\t单位\t打印值\n甲\t乙\t≥\t3\t个\t≥3个\n"
    assert summary(parse_rows(own_header)) == [("", "", "甲", "乙", "≥3个")]


def test_excel_quoting() -> None:
    assert split_cells('a\t"b\t""c""\r\nd"\t e \r\n\r\n') == [["a", 'b\t"c"\nd', "e"]]


def test_rows_land_under_their_own_groups() -> None:
    table = new_table("classic", "甲")
    quantity = table.children[0].children[0]
    quantity.children.append(Indicator("已有"))
    quantity.__post_init__()
    satisfaction = table.children[2]
    table.children.remove(satisfaction)  # a missing 一级: the paste adds it back, in order
    paste = paste_rules.paste_placement(quantity.children[0], None, table, FIVE, parse_rows(FIVE))
    assert paste.edit is not None
    document_edit = paste.edit
    from goaleditor.model.document import Document

    document = Document(tables=[table])
    inverse = document_edit.apply(document)
    assert [l1.name for l1 in table.children] == ["产出指标", "效益指标", "满意度指标"]
    assert summary(table.indicator_rows()) == [
        ("产出指标", "数量指标", "已有", "", "≥"),
        *FIVE_ROWS[:4],
        ("满意度指标", "服务对象满意度指标", "群众满意度", "满意度", "≥90.00%"),
    ]
    assert paste.message == (
        "已粘贴5行：产出指标/数量指标 2行，产出指标/质量指标 1行，效益指标/社会效益指标 1行，"
        "满意度指标/服务对象满意度指标 1行"
    )
    inverse.apply(document)
    assert [l1.name for l1 in table.children] == ["产出指标", "效益指标"]
    assert table.indicator_count() == 1


def test_rows_the_framework_does_not_allow_are_kept_and_reported() -> None:
    table = new_table("classic", "甲")
    text = "产出指标\t社会效益指标\t错位\t描述\t≥1个\n效益指标\t社会效益指标\t对位\t描述\t有效\n"
    paste = paste_rules.paste_placement(None, None, table, text, parse_rows(text))
    assert paste.edit is not None
    from goaleditor.model.document import Document

    paste.edit.apply(Document(tables=[table]))
    assert summary(table.indicator_rows()) == [
        ("产出指标", "数量指标", "错位", "描述", "≥1个"),  # where a new row would go
        ("效益指标", "社会效益指标", "对位", "描述", "有效"),
    ]
    assert paste.message.endswith(
        "1行的一级/二级（产出指标/社会效益指标）不在指标体系中，已放在当前位置"
    )


def test_nothing_to_paste_into() -> None:
    paste = paste_rules.paste_placement(
        None, None, GoalTable(), "甲\t乙\t1个", parse_rows("甲\t乙\t1个")
    )
    assert paste.edit is None and paste.message == "无法粘贴：表中没有二级指标组"


@pytest.mark.parametrize("number", range(6))
def test_copy_then_paste_into_an_empty_table_gives_the_same_rows(number: int) -> None:
    from goaleditor.model.document import Document

    source = read(EXAMPLE).tables[number]
    text = format_indicator_rows(i for _, _, i in source.indicator_rows())
    assert text.splitlines()[0].split("\t")[:2] == list(next(source.indicator_rows())[:2])
    empty = new_table("classic", "空")
    paste = paste_rules.paste_placement(None, None, empty, text, parse_rows(text))
    assert paste.edit is not None
    paste.edit.apply(Document(tables=[empty]))
    expected = [(l1, l2, i.name, i.description, i.comparator, i.value, i.unit)
                for l1, l2, i in source.indicator_rows()]  # fmt: skip
    got = [(l1, l2, i.name, i.description, i.comparator, i.value, i.unit)
           for l1, l2, i in empty.indicator_rows()]  # fmt: skip
    assert got == expected


WORDED_ROWS = (
    "一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\r\n"
    "产出指标\t数量指标\t培训次数\t全年\t不少于12次\r\n"
    "\t质量指标\t合格率\t合格\t98%以上\r\n"
    "\t\t差错率\t\t低于5%\r\n"
    "成本指标\t经济成本指标\t人均成本\t\t不高于0.5万元/人\r\n"
    "\t\t审减\t\t审减率3.5%以上\r\n"  # a sentence: stays 定性
)


def test_values_in_words_are_read_and_said_once() -> None:
    said: list[str] = []
    rows = parse_rows(WORDED_ROWS, said.append)
    parts = [(i.comparator, i.value, i.unit) for _, _, i in rows]
    assert parts == [
        ("≥", "12", "次"),
        ("≥", "98", "%"),
        ("<", "5", "%"),
        ("≤", "0.5", "万元/人"),
        ("定性", "审减率3.5%以上", ""),
    ]
    assert said == ["4个指标值的比较词按符号读取（如“不少于12次”读作“≥12次”）"]


def test_split_columns_with_words_in_the_unit() -> None:
    said: list[str] = []
    rows = parse_rows(
        "三级指标\t指标性质\t指标值\t单位\n合格率\t≥\t98\t%以上\n完成率\t\t95%\t及以上\n",
        said.append,
    )
    parts = [(i.comparator, i.value, i.unit) for _, _, i in rows]
    assert parts == [("≥", "98", "%"), ("≥", "95", "%")]
    assert said == ["2个指标值的比较词按符号读取（如“98%以上”读作“≥98%”）"]


def test_rows_without_words_say_nothing() -> None:
    said: list[str] = []
    parse_rows(FIVE, said.append)
    assert said == []


COST_FIRST_ROWS = (
    "一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\n"
    "成本指标\t经济成本指标\t人均成本\t每人\t≤0.6万元/人\n"
    "\t社会成本指标\t噪声影响\t施工期\t轻微\n"
    "产出指标\t数量指标\t受理件数\t全年\t≥5000件\n"
)


def test_cost_rows_of_a_cost_first_table_land_in_the_classic_cost_group() -> None:
    from goaleditor.model.document import Document

    table = new_table("classic", "甲")
    output = table.children[0]
    output.children.pop()  # no 产出指标/成本指标 yet: the paste adds it back
    document = Document(tables=[table])
    paste = paste_rules.paste_placement(
        None, None, table, COST_FIRST_ROWS, parse_rows(COST_FIRST_ROWS)
    )
    assert paste.edit is not None
    inverse = paste.edit.apply(document)
    assert summary(table.indicator_rows()) == [
        ("产出指标", "数量指标", "受理件数", "全年", "≥5000件"),
        ("产出指标", "成本指标", "人均成本", "每人", "≤0.6万元/人"),
        ("产出指标", "成本指标", "噪声影响", "施工期", "轻微"),
    ]
    assert paste.message == (
        "已粘贴3行：产出指标/成本指标 2行，产出指标/数量指标 1行"
        "；成本指标/经济成本指标 来自另一指标体系，已放入本表的产出指标/成本指标"
        "；成本指标/社会成本指标 来自另一指标体系，已放入本表的产出指标/成本指标"
    )
    inverse.apply(document)
    assert [l2.name for l2 in output.children] == ["数量指标", "质量指标", "时效指标"]
    assert table.indicator_count() == 0


def test_cost_rows_of_a_classic_table_land_in_the_cost_first_cost_group() -> None:
    from goaleditor.model.document import Document

    table = new_table("cost-first", "甲")
    cost = table.children[0]
    cost.children.clear()  # no 二级 under 成本指标 yet: the paste adds one
    text = "产出指标\t成本指标\t单件成本\t每件\t≤0.5万元\n\t时效指标\t完成时间\t按期\t年底前\n"
    paste = paste_rules.paste_placement(None, None, table, text, parse_rows(text), "cost-first")
    assert paste.edit is not None
    paste.edit.apply(Document(framework="cost-first", tables=[table]))
    assert summary(table.indicator_rows()) == [
        ("成本指标", "经济成本指标", "单件成本", "每件", "≤0.5万元"),
        ("产出指标", "时效指标", "完成时间", "按期", "年底前"),
    ]
    assert paste.message.endswith(
        "；产出指标/成本指标 来自另一指标体系，已放入本表的成本指标/经济成本指标"
    )


def test_a_group_no_framework_has_stays_where_a_new_row_goes_and_is_said() -> None:
    table = new_table("classic", "甲")
    text = "成本指标\t管理成本指标\t人均成本\t每人\t≤0.6万元/人\n"
    paste = paste_rules.paste_placement(None, None, table, text, parse_rows(text))
    assert paste.edit is not None
    from goaleditor.model.document import Document

    paste.edit.apply(Document(tables=[table]))
    assert summary(table.indicator_rows())[0][:3] == ("产出指标", "数量指标", "人均成本")
    assert paste.message.endswith(
        "1行的一级/二级（成本指标/管理成本指标）不在指标体系中，已放在当前位置"
    )
