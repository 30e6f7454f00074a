"""Import of the published text layout (the bundled example and variants of it)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from goaleditor.errors import InputError
from goaleditor.formats import read_document
from goaleditor.formats.readers.published_text import parse, read
from goaleditor.model.values import QUALITATIVE
from tests.helpers import note_lines

SHARED_SAMPLE = (
    Path(__file__).resolve().parents[4] / "shared" / "samples" / "binhai-2026-published.txt"
)


def test_bundled_example_is_the_shared_sample(example_path: Path) -> None:
    if not SHARED_SAMPLE.exists():
        pytest.skip("shared/ is not beside this checkout")  # only on a user's machine
    assert example_path.read_bytes() == SHARED_SAMPLE.read_bytes()


def test_document_fields(example_document) -> None:
    doc = example_document
    assert doc.agency_code == "319101"
    assert doc.agency_name == "天津市滨海新区人民政府政务服务办公室"
    assert doc.year == 2026
    assert doc.title == ""
    assert doc.framework == "classic"
    assert len(doc.tables) == 6
    assert sum(t.indicator_count() for t in doc.tables) == 54
    assert [t.indicator_count() for t in doc.tables] == [16, 7, 7, 7, 10, 7]


def test_headers(example_document) -> None:
    tables = example_document.tables
    assert [t.project_name for t in tables] == [
        "2026年政务服务办运行经费",
        "2026年水土保持评审经费",  # the stray *…* is gone
        "2026年编制外长聘人员经费项目（机关事业单位辅助人员）",
        "2026年编制外长聘人员经费项目（人社局认定劳务派遣人员）",
        "2026年政务服务办评审工作专项经费",
        "2026年政务服务办向新开办企业免费发放公章专项经费",
    ]
    assert [t.budget_total for t in tables] == [
        Decimal("6300000.00"),
        Decimal("400000.00"),
        Decimal("2600000.00"),
        Decimal("216000.00"),
        Decimal("3000000.00"),
        Decimal("540000.00"),
    ]
    assert all(t.budget_fiscal == t.budget_total for t in tables)
    assert all(t.budget_other is None for t in tables)
    assert all(t.money_unit == "元" for t in tables)
    assert tables[0].fund_use == "用于政务服务中心运行支出"
    assert tables[5].fund_use == "用于发放免费印章项目支出。"
    assert tables[0].goal.startswith("1.按照区政务服务中心为民服务的要求")
    assert tables[0].goal.endswith("3.为区政务服务中心提供用水、用电、供冷、供热服务。")
    assert tables[3].goal == "1.通过发放多种用工人员经费，保障其基本合法权益，保障工作顺利推进。"


def _rows(doc, table_index):
    return [
        (l1, l2, i.name, i.description, i.comparator, i.value, i.unit, i.display)
        for l1, l2, i in doc.tables[table_index].indicator_rows()
    ]


@pytest.mark.parametrize(
    ("table", "row", "expected"),
    [
        (
            0,
            0,
            (
                "产出指标",
                "数量指标",
                "政务服务中心管理办公用房及周围面积",
                "政务服务中心管理办公用房及周围面积",
                "=",
                "55853.63",
                "平方米",
                "55853.63平方米",
            ),
        ),
        (
            0,
            1,
            (
                "产出指标",
                "数量指标",
                "硬件采购、维护数量",
                "政务服务中心硬件维护、维修次数",
                "≥",
                "365",
                "次",
                "≥365次",
            ),
        ),
        (
            0,
            5,
            (
                "产出指标",
                "质量指标",
                "供热标准",
                "采暖季供热标准",
                QUALITATIVE,
                "保证供热区域温度达到有关政策要求",
                "",
                "保证供热区域温度达到有关政策要求",
            ),
        ),
        (
            0,
            8,
            (
                "产出指标",
                "时效指标",
                "故障修复响应时间",
                "故障修复响应时间",
                "≤",
                "1",
                "小时",
                "≤1小时",
            ),
        ),
        (
            0,
            10,
            (
                "产出指标",
                "成本指标",
                "月均网络电话费用成本",
                "月均网络电话费用成本",
                "≤",
                "5.5",
                "万元",
                "≤5.5万元",
            ),
        ),
        (
            0,
            12,
            (
                "效益指标",
                "社会效益指标",
                "改善区政务服务中心，维护服务中心秩序，为工作人员和办事群众提供良好的工作及办事环境",
                "改善区政务服务中心，维护服务中心秩序，为工作人员和办事群众提供良好的工作及办事环境",
                QUALITATIVE,
                "有效改善",
                "",
                "有效改善",
            ),
        ),
        (
            0,
            15,
            (
                "满意度指标",
                "服务对象满意度指标",
                "办事群众满意度",
                "办事群众满意度",
                "≥",
                "95",
                "%",
                "≥95%",
            ),
        ),
        (
            1,
            2,
            (
                "产出指标",
                "时效指标",
                "技术审核工作完成时间",
                "技术审核工作完成时间",
                QUALITATIVE,
                "2026年12月31日前",
                "",
                "2026年12月31日前",
            ),
        ),
        (
            1,
            3,
            (
                "产出指标",
                "成本指标",
                "生产建设项目水土保持方案技术审核成本",
                "生产建设项目水土保持方案技术审核成本",
                "≤",
                "0.6",
                "万元/个",
                "≤0.6万元/个",
            ),
        ),
        (
            2,
            3,
            (
                "产出指标",
                "成本指标",
                "多种用工人员经费标准",
                "通过实际支出标准与规定支出标准比对，反映多种用工人员经费支出标准的符合情况。",
                "≤",
                "6.5",
                "万元/人/年",
                "≤6.5万元/人/年",
            ),
        ),
        (
            4,
            2,
            (
                "产出指标",
                "时效指标",
                "开展组织技术审核时间",
                "开展组织技术审核时间",
                "≤",
                "10",
                "工作日",
                "≤10工作日",
            ),
        ),
        (
            4,
            7,
            (
                "效益指标",
                "经济效益指标",
                "节约财政资金",
                "节约财政资金",
                QUALITATIVE,
                "审减率3.5%以上",
                "",
                "审减率3.5%以上",
            ),
        ),
        (
            5,
            3,
            (
                "产出指标",
                "成本指标",
                "刻制费用标准",
                "刻制费用标准",
                "≤",
                "105",
                "元/套",
                "≤105元/套",
            ),
        ),
        (
            5,
            6,
            (
                "满意度指标",
                "服务对象满意度指标",
                "企业满意度",
                "企业满意度",
                "≥",
                "99",
                "%",
                "≥99%",
            ),
        ),
    ],
)
def test_specific_rows(example_document, table: int, row: int, expected: tuple) -> None:
    assert _rows(example_document, table)[row] == expected


def test_tree_groups_consecutive_levels(example_document) -> None:
    table = example_document.tables[0]
    assert [l1.name for l1 in table.children] == ["产出指标", "效益指标", "满意度指标"]
    assert [l2.name for l2 in table.children[0].children] == [
        "数量指标",
        "质量指标",
        "时效指标",
        "成本指标",
    ]
    assert [len(l2.children) for l2 in table.children[0].children] == [4, 4, 1, 3]


def test_gbk_file_reads_the_same(tmp_path: Path, example_path: Path, example_document) -> None:
    from goaleditor.formats.canonical_json import dumps

    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(example_path.read_text(encoding="utf-8").encode("gbk"))
    assert dumps(read(gbk)) == dumps(example_document)


def test_crlf_and_bom(tmp_path: Path, example_path: Path, example_document) -> None:
    from goaleditor.formats.canonical_json import dumps

    crlf = tmp_path / "crlf.txt"
    text = example_path.read_text(encoding="utf-8").replace("\n", "\r\n")
    crlf.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert dumps(read(crlf)) == dumps(example_document)


def test_trimmed_empty_cells_still_read(example_path: Path, example_document) -> None:
    """An editor that strips trailing tabs turns '\\t' cells into empty lines."""
    from goaleditor.formats.canonical_json import dumps

    text = example_path.read_text(encoding="utf-8").replace("\t\n\t数量指标", "\t数量指标")
    text = "\n".join(line for line in text.split("\n"))
    assert dumps(parse(text)) == dumps(example_document)


def test_other_funds_and_ten_thousand_yuan() -> None:
    text = (
        "1.测试项目绩效目标表\n\t123456某某单位\n\t单位：万元\n\n\t项目名称\n\t测试项目\n\n"
        "\t预算规模及资金用途\n\t预算数\n\t100\n\t其中：财政资金\n\t80.5\n\t其他资金\n\t19.5\n\n"
        "\t\n\t用于测试\n\n\t绩效目标\n\t目标一\n\t目标二\n\n"
        "\t一级指标\n\t二级指标\n\t三级指标\n\t绩效指标描述\n\t指标值\n\n"
        "\t产出指标\n\t数量指标\n\t数量\n\t数量描述\n\t≥3个\n"
    )
    doc = parse(text)
    table = doc.tables[0]
    assert (doc.agency_code, doc.agency_name, doc.year) == ("123456", "某某单位", None)
    assert table.money_unit == "万元"
    assert (table.budget_total, table.budget_fiscal, table.budget_other) == (
        Decimal("100.00"),
        Decimal("80.50"),
        Decimal("19.50"),
    )
    assert table.fund_use == "用于测试"
    assert table.goal == "目标一\n目标二"


def test_values_in_words_are_read_as_comparator_value_and_unit_and_said_once(
    tmp_path: Path,
) -> None:
    rows = "".join(
        f"\t产出指标\n\t质量指标\n\t指标{n}\n\t描述\n\t{value}\n\n"
        for n, value in enumerate(["98%以上", "不低于95%", "10次以下", "≥3个", "按期完成"])
    )
    text = (
        "1.测试项目绩效目标表\n\t单位：万元\n\n\t项目名称\n\t测试项目\n\n"
        "\t预算规模及资金用途\n\t预算数\n\t100\n\t其中：财政资金\n\t100\n\t其他资金\n\t\n\n"
        "\t绩效目标\n\t目标\n\n\t一级指标\n\t二级指标\n\t三级指标\n\t绩效指标描述\n\t指标值\n\n"
        + rows
    )
    path = tmp_path / "worded.txt"
    path.write_text(text, encoding="utf-8")
    lines: list[str] = []
    document = read_document(path, note_lines(lines))
    values = [
        (i.comparator, i.value, i.unit)
        for l1 in document.tables[0].children
        for l2 in l1.children
        for i in l2.children
    ]
    assert values == [
        ("≥", "98", "%"),
        ("≥", "95", "%"),
        ("≤", "10", "次"),
        ("≥", "3", "个"),
        (QUALITATIVE, "按期完成", ""),
    ]
    assert [line for line in lines if "比较词" in line] == [
        "3个指标值的比较词按符号读取（如“98%以上”读作“≥98%”）"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "文件是空的"),
        ("hello\nworld\n", "第1行：应为表题"),
        ("\n\n  你好\n", "第3行：应为表题"),
        ("1.某项目绩效目标表\n\t项目名称\n\t某项目\n", "缺少“预算数”"),
        (
            "1.某项目绩效目标表\n\t项目名称\n\t某\n\t预算数\n\t12元\n\t其中：财政资金\n\t1\n"
            "\t其他资金\n\t\n\t绩效目标\n\tx\n\t一级指标\n\t二级指标\n\t三级指标\n\t绩效指标描述\n\t指标值\n",
            "第5行：预算数：“12元”不是金额",
        ),
        (
            "1.某项目绩效目标表\n\t项目名称\n\t某\n\t预算数\n\t1\n\t其中：财政资金\n\t1\n"
            "\t其他资金\n\t\n\t绩效目标\n\tx\n\n\t一级指标\n\t二级指标\n\t三级指标\n\t绩效指标描述\n"
            "\t指标值\n\n\t产出指标\n\t数量指标\n\t名称\n",
            "第19行：指标行应有5个单元格",
        ),
    ],
)
def test_not_a_document_names_the_line(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse(text, "x.txt")


def test_binary_file_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bin.txt"
    bad.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(InputError, match="不是文本文件"):
        read(bad)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_text_as_windows_notepad_saves_it_reads_as_the_utf8_one(
    tmp_path: Path, example_path: Path, encoding: str
) -> None:
    """Notepad's "Unicode" is UTF-16 with a BOM: it is text, not 二进制数据."""
    from goaleditor.formats.canonical_json import dumps

    text = example_path.read_text(encoding="utf-8")
    path = tmp_path / "记事本.txt"
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    path.write_bytes(bom + text.encode(encoding))
    assert dumps(read_document(path)) == dumps(read_document(example_path))
