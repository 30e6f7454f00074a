"""Hidden content, side-by-side tables, cells beside a table, formats with words, label：value."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from goaleditor.errors import InputError
from goaleditor.formats.notes import ImportNote
from goaleditor.formats.readers.sheets.number_format import shown_date, shown_number
from goaleditor.formats.registry import read_document
from goaleditor.model.values import parse_target
from tests.helpers import note_lines

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"
LEFT = [
    ("产出指标", "数量指标", "设备完好率", "=", "99.5", "%"),
    ("产出指标", "质量指标", "验收合格率", "=", "100", "%"),
    ("产出指标", "时效指标", "完成时间", "定性", "2025年12月31日前", ""),
    ("效益指标", "社会效益指标", "群众满意度", "≥", "90", "%"),
]
NOTES = [
    "隐藏的工作表“旧版”未导入",
    "工作表“表”第9–10行是隐藏行，未导入",
    "工作表“表”T列是隐藏列，未导入",
    "工作表“表”：Q–R列的内容在绩效目标表之外，未导入",
    "工作表“表”第3行：“项目名称”和内容写在同一格，按“项目名称”读取",
    "工作表“表”第6行：“绩效目标”和内容写在同一格，按“绩效目标”读取",
]


@pytest.mark.parametrize(
    "name", ["hidden-bands.xlsx", "hidden-bands-lo.xls", "hidden-bands-lo.ods"]
)
def test_what_excel_shows_is_what_comes_in(name: str) -> None:
    notes: list[str] = []
    document = read_document(FIXTURES / name, note_lines(notes))
    assert notes == NOTES
    assert (document.year, document.agency_code, document.agency_name) == (
        2025,
        "216003",
        "某某区城市管理委员会",
    )
    assert [t.project_name for t in document.tables] == ["2025年甲项目", "2025年乙项目"]
    for table in document.tables:
        assert (table.budget_total, table.budget_fiscal, table.budget_other) == (
            Decimal("500.00"),
            Decimal("400.00"),
            None,
        )
        assert (table.fund_use, table.goal, table.money_unit) == (
            "用于设备运维",
            "保障设备正常运行",
            "元",
        )
    rows = [
        [(a, b, i.name, i.comparator, i.value, i.unit) for a, b, i in t.indicator_rows()]
        for t in document.tables
    ]
    # rows 9-10 are hidden across the whole sheet, so the right table loses its two as well
    assert rows == [LEFT, [LEFT[0], LEFT[3]]]


def test_each_note_carries_its_sheet_and_row() -> None:
    notes: list[ImportNote] = []
    read_document(FIXTURES / "hidden-bands.xlsx", notes.append)
    assert [str(note) for note in notes] == NOTES
    assert [(note.sheet, note.row) for note in notes] == [
        ("旧版", None),  # a hidden sheet: its note names it itself
        ("表", None),  # a run of hidden rows is said in the message
        ("表", None),
        ("表", None),
        ("表", 3),
        ("表", 6),
    ]
    assert [note.where() for note in notes][:2] == ["", "工作表“表”"]
    assert notes[4].message == "“项目名称”和内容写在同一格，按“项目名称”读取"
    assert [note.table for note in notes] == [None, 0, 0, 0, 0, 0]  # 定位 as before


def test_xls_named_xlsx_is_read_by_content(tmp_path: Path) -> None:
    renamed = shutil.copy(FIXTURES / "hidden-bands-lo.xls", tmp_path / "表.xlsx")
    notes: list[str] = []
    document = read_document(renamed, note_lines(notes))
    assert notes == [
        "表.xlsx：文件扩展名是.xlsx，内容却是旧版Excel工作簿（.xls），已按.xls读取",
        *NOTES,
    ]
    assert len(document.tables) == 2


def test_word_document_named_xlsx_is_one_chinese_line(tmp_path: Path) -> None:
    path = tmp_path / "表.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert (
        str(caught.value)
        == "表.xlsx：这是Word文档（.docx），不是Excel工作簿，请把扩展名改为.docx后再导入"
    )


def _sheet(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_year_from_project_names_when_no_title_says_it(tmp_path: Path) -> None:
    head = ["一级指标", "二级指标", "三级指标", "指标值"]
    path = _sheet(
        tmp_path / "a.xlsx",
        [
            ["项目名称", "2024年道路养护"],
            ["预算数", 100],
            head,
            ["产出指标", "数量指标", "养护里程", "≥１２公里"],
        ],
    )
    notes: list[str] = []
    document = read_document(path, note_lines(notes))
    assert document.year == 2024
    assert notes == [
        "文件中没有写年度，按项目名称取为2024年（可在 文档属性 中更改）",
        "工作表“Sheet”第1行：本表没有写金额单位（如“单位：万元”），按元读取，请核对",
    ]
    indicator = document.tables[0].children[0].children[0].children[0]
    assert (indicator.comparator, indicator.value, indicator.unit) == ("≥", "12", "公里")


def test_labels_with_a_trailing_colon_keep_period_and_year_apart(tmp_path: Path) -> None:
    path = _sheet(
        tmp_path / "c.xlsx",
        [
            ["中央部门项目支出绩效目标申报表"],
            ["项目名称：", "某项目"],
            ["项目资金（万元）", "中期资金总额：", 300, "年度资金总额：", 120],
            [None, "其中：财政拨款", 280, "其中：财政拨款", 100],
            [None, "其他资金", 20, "其他资金", 20],
            ["一级指标", "二级指标", "三级指标", "年度指标值"],
            ["产出指标", "数量指标", "培训人数", "≥50人"],
        ],
    )
    table = read_document(path).tables[0]
    assert table.project_name == "某项目"
    assert (table.budget_total, table.budget_fiscal, table.budget_other) == (
        Decimal("120.00"),
        Decimal("100.00"),
        Decimal("20.00"),
    )
    assert (table.period_total, table.period_fiscal) == (Decimal("300.00"), Decimal("280.00"))


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (99.5, '0.0"%"', "99.5%"),
        (100, '0"%"', "100%"),
        (100, '0"％"', "100％"),
        (0.5, "0%", "50%"),
    ],
)
def test_a_quoted_percent_is_the_unit(value: float, number_format: str, shown: str) -> None:
    assert shown_number(value, number_format) == shown


@pytest.mark.parametrize(
    ("number_format", "shown"),
    [
        ('yyyy"年"m"月"d"日前"', "2025年3月9日前"),
        ("yyyy年mm月dd日", "2025年03月09日"),
        ('[$-804]yyyy"年"m"月"', "2025年3月"),
        ("yyyy-mm-dd", dt.datetime(2025, 3, 9)),
        ("yyyy/m/d h:mm", dt.datetime(2025, 3, 9)),
    ],
)
def test_a_date_shows_through_its_words(number_format: str, shown: object) -> None:
    assert shown_date(dt.datetime(2025, 3, 9), number_format) == shown


def test_full_width_percent_is_the_same_unit() -> None:
    assert parse_target("≥９５％").unit == "%"
    assert parse_target("９９．５﹪").display() == "99.5%"
