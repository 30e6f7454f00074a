"""Word documents made by people and other programs read field by field, with their warnings.

Fixtures: tests/fixtures/make_word.py (python-docx with table XML as Word writes it; a copy
saved again by LibreOffice Writer; a .doc) and make_word_boxes.py (text boxes, content
controls, a frame, a table in the page header). Smaller cases are written here as raw XML.
"""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from goaleditor.errors import InputError
from goaleditor.formats.readers.word.reader import read
from goaleditor.formats.readers.word.text import join_lines
from goaleditor.formats.registry import read_document
from goaleditor.formats.writers.word import write
from goaleditor.model.document import Document, GoalTable, Indicator
from tests.helpers import note_lines

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
QUALITATIVE, IMPROVED = ("定性", "有效提升", ""), ("定性", "明显改善", "")
AGENCY = ("319101", "天津市滨海新区人民政府政务服务办公室")
HEADER = ("一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值")


def _rows(table: GoalTable) -> list[tuple[str, ...]]:
    return [
        (level1, level2, i.name, i.description, i.comparator, i.value, i.unit)
        for level1, level2, i in table.indicator_rows()
    ]


def _read(path: Path) -> tuple[Document, list[str]]:
    warnings: list[str] = []
    return read_document(path, note_lines(warnings)), warnings


@pytest.mark.parametrize("name", ["word-people.docx", "word-people-writer.docx"])
def test_two_projects_typed_in_word(name: str) -> None:
    document, warnings = _read(FIXTURES / name)
    assert document.title == "某区民政局2025年度项目支出绩效目标表"
    assert (document.agency_code, document.agency_name) == ("", "某区民政局")
    assert document.year == 2025
    first, second = document.tables
    assert first.project_name == "2025年社区养老服务补助项目"
    assert first.money_unit == "万元"
    assert (first.budget_total, first.budget_fiscal, first.budget_other) == (
        Decimal("1234.50"),
        Decimal("1000.00"),
        Decimal("234.50"),
    )
    assert first.fund_use == "用于社区养老服务中心运营补助"
    assert first.goal == "1.为辖区老年人提供日间照料服务；\n2.提升养老服务质量。"  # two paragraphs
    assert _rows(first) == [
        # the description typed over two lines (w:br) is one text again
        ("产出指标", "数量指标", "服务老年人次", "全年服务老年人人次", "≥", "1200", "人次"),
        ("产出指标", "质量指标", "日间照料覆盖率", "日间照料中心覆盖社区比例", "≥", "95", "%"),
        ("效益指标", "社会效益指标", "老年人生活质量", "老年人生活质量改善情况", *QUALITATIVE),
        ("满意度指标", "服务对象满意度指标", "老年人满意度", "服务对象满意度", "≥", "90", "%"),
    ]  # fmt: skip
    assert second.project_name == "2025年困难群众救助项目"
    assert second.money_unit == "万元"
    assert (second.budget_total, second.budget_fiscal, second.budget_other) == (
        Decimal("2000.00"),
        Decimal("2000.00"),
        None,
    )
    assert second.goal == "按时足额发放救助金。"
    assert _rows(second) == [  # 一级 and 二级 merged by vMerge restart/continue
        ("产出指标", "数量指标", "救助人数", "全年救助困难群众人数", "≥", "800", "人"),
        ("产出指标", "数量指标", "救助户数", "全年救助困难家庭户数", "≥", "300", "户"),
        ("产出指标", "时效指标", "发放及时率", "救助金按月发放", "=", "100", "%"),
        ("满意度指标", "服务对象满意度指标", "救助对象满意度", "救助对象满意度", "≥", "90", "%"),
    ]
    assert document.merge_level2
    assert warnings == [
        "第1个表格第6行：财政资金“1,000.00万元”读作1000.00",
        "第1个表格第6行：预算数“1,234.50”读作1234.50",
        "第2个表格第5行：2个金额带千分位，按数值读取（如预算数“2,000.00”读作2000.00）",
    ]


def test_table_continued_after_a_page_break_with_revisions_fields_and_a_nested_table() -> None:
    document, warnings = _read(FIXTURES / "word-continued.docx")
    assert document.title == ""  # the one table's title, typed without its number
    assert (document.agency_code, document.agency_name) == ("", "某区城市管理委员会")
    assert document.year == 2025
    (table,) = document.tables
    assert table.project_name == "2025年市容环境整治项目"
    assert table.money_unit == "元"
    assert (table.budget_total, table.budget_fiscal, table.budget_other) == (
        Decimal("850000.00"),
        Decimal("850000.00"),
        None,
    )
    assert table.fund_use == "用于道路保洁和市容整治"
    assert table.goal == "完成全区市容环境整治任务。"  # the nested table is left out
    assert _rows(table) == [
        ("产出指标", "数量指标", "保洁道路数量", "全年保洁道路条数", "≥", "120", "条"),  # a field
        # w:del 保洁合格 and w:ins 道路保洁达标率; ≥95 a simple field's result
        ("产出指标", "质量指标", "道路保洁达标率", "抽查达标道路占比", "≥", "95", "%"),
        # on the second Word table, under the repeated header row: 一级 left blank
        ("产出指标", "时效指标", "整改及时率", "问题整改在时限内完成", "≥", "98", "%"),  # moved
        ("效益指标", "社会效益指标", "市容环境改善", "市民对市容环境的评价", *IMPROVED),
        ("满意度指标", "服务对象满意度指标", "市民满意度", "抽样调查满意度", "≥", "85", "%"),
    ]  # fmt: skip
    assert warnings == [
        "文档中有修订标记：按接受全部修订后的文字读取",
        "第1个表格“绩效目标”一行：单元格里嵌套的表格未读取（只读外层表格）",
        "第1个表格第6行：2个金额带千分位，按数值读取（如预算数“850,000.00”读作850000.00）",
    ]


def test_doc_is_refused_with_one_line_naming_docx(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_document(FIXTURES / "word-people.doc")
    message = str(caught.value)
    assert "\n" not in message and "“.doc”" in message and "另存为”Word文档（.docx）" in message
    renamed = tmp_path / "旧文档.docx"  # a .doc renamed, or a .docx with a password
    renamed.write_bytes((FIXTURES / "word-people.doc").read_bytes())
    with pytest.raises(InputError) as caught:
        read_document(renamed)
    message = str(caught.value)
    assert "\n" not in message and message.startswith("旧文档.docx：这是旧版Word文档（.doc）")
    assert ".docx" in message.split("：", 1)[1]


def _docx(path: Path, body: str, custom: str = "") -> Path:
    """A minimal package written by hand, as small generators write one."""
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", rels)
        spaces = f'xmlns:w="{W_NS}" xmlns:mc="{MC_NS}" xmlns:v="urn:schemas-microsoft-com:vml"'
        xml = f"<w:document {spaces}><w:body>{body}</w:body></w:document>"
        archive.writestr("word/document.xml", xml)
        if custom:
            archive.writestr("docProps/custom.xml", custom)
    return path


def _p(*runs: str) -> str:
    return "<w:p>" + "".join(runs) + "</w:p>"


def _r(text: str, props: str = "") -> str:
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def _tc(content: str, span: int = 1) -> str:
    grid = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span > 1 else ""
    return f"<w:tc>{grid}{content}</w:tc>"


def _minimal_table(value_cell: str, name_cell: str) -> str:
    row = "".join
    return (
        "<w:tbl>"
        + f"<w:tr>{row([_tc(_p(_r('项目名称'))), _tc(_p(_r('测试项目')), 4)])}</w:tr>"
        + f"<w:tr>{row([_tc(_p(_r('绩效目标'))), _tc(_p(_r('完成任务。')), 4)])}</w:tr>"
        + "<w:tr>"
        + row(_tc(_p(_r(t))) for t in HEADER)
        + "</w:tr><w:tr>"
        + row([_tc(_p(_r("产出指标"))), _tc(_p(_r("数量指标"))), name_cell])
        + row([_tc(_p(_r("描述"))), value_cell])
        + "</w:tr></w:tbl>"
    )


def test_symbol_font_comparator_hidden_text_and_a_word_broken_over_lines(tmp_path: Path) -> None:
    symbol = '<w:r><w:sym w:font="Symbol" w:char="F0B3"/></w:r>'
    hidden = _r("（草稿）", "<w:rPr><w:vanish/></w:rPr>")
    value = _tc(_p(symbol, _r("365"), hidden, _r("天")))
    name = _tc(_p(_r("Windows"), "<w:r><w:br/></w:r>", _r("Server维护")) + _p(_r("次数")))
    body = _p(_r("1.测试项目绩效目标表")) + _p(_r("单位：元")) + _minimal_table(value, name)
    warnings: list[str] = []
    document = read(_docx(tmp_path / "hand.docx", body), note_lines(warnings))
    (table,) = document.tables
    assert _rows(table) == [
        ("产出指标", "数量指标", "Windows Server维护次数", "描述", "≥", "365", "天")
    ]
    assert table.goal == "完成任务。"
    assert warnings == ["文档中的隐藏文字未读取"]


def test_join_lines_keeps_items_and_sentences_apart() -> None:
    assert join_lines(["1.保障运行；", "2.提升质量。"]) == "1.保障运行；\n2.提升质量。"
    assert join_lines(["保障运行", "（二）提升质量"]) == "保障运行\n（二）提升质量"
    assert join_lines(["日间照料中心覆盖", "社区比例"]) == "日间照料中心覆盖社区比例"
    assert join_lines(["审减率", "3.5%以上"]) == "审减率3.5%以上"  # 3.5 is no item number
    assert join_lines(["Office", "365", "", "  "]) == "Office 365"


def test_goaleditors_own_breaks_are_kept_but_a_person_s_are_joined(tmp_path: Path) -> None:
    table = GoalTable.from_rows(
        [("产出指标", "数量指标", Indicator("硬件采购\n维护数量", "描述", "≥", "1", "次"))],
        project_name="换行",
    )
    ours = tmp_path / "ours.docx"
    write(Document(tables=[table], agency_code="319101", agency_name="某单位"), ours)
    assert _rows(read(ours).tables[0])[0][2] == "硬件采购\n维护数量"
    theirs = tmp_path / "theirs.docx"  # the same pages without goaleditor's properties
    with zipfile.ZipFile(ours) as zin, zipfile.ZipFile(theirs, "w") as zout:
        for item in zin.infolist():
            if item.filename != "docProps/custom.xml":
                zout.writestr(item, zin.read(item.filename))
    assert _rows(read(theirs).tables[0])[0][2] == "硬件采购维护数量"


@pytest.mark.parametrize("layout", ["shanghai", "central"])
def test_forms_without_an_agency_line_keep_agency_and_year(
    tmp_path: Path, example_document: Document, layout: str
) -> None:
    example_document.layout = layout
    out = tmp_path / f"{layout}.docx"
    write(example_document, out)
    back = read(out)
    assert (back.agency_code, back.agency_name) == AGENCY
    assert back.year == 2026 and back.layout == layout


def test_the_printed_agency_line_wins_over_stale_properties(
    tmp_path: Path, example_document: Document
) -> None:
    out = tmp_path / "edited.docx"
    write(example_document, out)
    edited = tmp_path / "edited-again.docx"
    with zipfile.ZipFile(out) as zin, zipfile.ZipFile(edited, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "docProps/custom.xml":
                data = data.replace(b"319101", b"999999")
            zout.writestr(item, data)
    back = read(edited)
    assert (back.agency_code, back.agency_name) == AGENCY


HEALTH = "某区卫生健康委员会"


@pytest.mark.parametrize("name", ["word-textbox.docx", "word-textbox-writer.docx"])
def test_tables_in_text_boxes_are_read_once_where_the_box_is_anchored(name: str) -> None:
    document, warnings = _read(FIXTURES / name)
    assert document.title == "某区卫生健康委员会2025年度项目支出绩效目标表"
    assert (document.agency_code, document.agency_name, document.year) == ("", HEALTH, 2025)
    first, second = document.tables  # the drawing's VML copy is not read again
    assert first.project_name == "2025年基层医疗设备购置项目"
    assert first.money_unit == "万元"
    assert (first.budget_total, first.budget_fiscal, first.budget_other) == (
        Decimal("320.00"),
        Decimal("300.00"),
        Decimal("20.00"),
    )
    assert first.fund_use == "用于社区卫生服务中心设备购置"
    assert first.goal == "完成12台设备购置并投入使用。"
    assert _rows(first) == [
        ("产出指标", "数量指标", "设备购置数量", "购置诊疗设备台数", "≥", "12", "台"),
        ("产出指标", "质量指标", "设备验收合格率", "验收合格设备占比", "=", "100", "%"),
        ("满意度指标", "服务对象满意度指标", "患者满意度", "就诊患者满意度", "≥", "90", "%"),
    ]
    assert second.project_name == "2025年家庭医生签约服务项目"
    assert second.money_unit == "万元"
    assert (second.budget_total, second.budget_fiscal, second.budget_other) == (
        Decimal("150.00"),
        Decimal("150.00"),
        None,
    )
    assert second.fund_use == "用于家庭医生签约服务补助"
    assert second.goal == "重点人群签约服务覆盖率稳步提高。"
    assert _rows(second) == [
        ("产出指标", "数量指标", "签约人数", "年内签约居民人数", "≥", "5000", "人"),
        ("效益指标", "社会效益指标", "群众就医便利度", "就医便利程度", "定性", "明显提高", ""),
    ]
    # the page header's 项目名称 table and title are no part of the document
    assert warnings == [
        "第1个表格在文本框中：按文本框所在段落的位置读取",
        "第2个表格在文本框中：按文本框所在段落的位置读取",
    ]


def test_content_controls_a_frame_a_floating_table_and_a_stamp_box_in_a_cell() -> None:
    document, warnings = _read(FIXTURES / "word-controls.docx")
    assert document.title == ""  # the one table's own title
    assert (document.agency_code, document.agency_name) == ("", "某区住房和城乡建设委员会")
    assert document.year == 2025
    (table,) = document.tables
    assert table.project_name == "2025年老旧小区改造项目"
    assert table.money_unit == "万元"
    assert (table.budget_total, table.budget_fiscal, table.budget_other) == (
        Decimal("900.00"),
        Decimal("900.00"),
        None,
    )
    assert table.fund_use == "用于小区外墙保温和管网改造"
    assert table.goal == "完成3个老旧小区改造。"  # the stamp box in the cell is left out
    assert _rows(table) == [  # a row in a content control, a cell in w:customXml
        ("产出指标", "数量指标", "改造小区数量", "完成改造的小区个数", "=", "3", "个"),
        ("满意度指标", "服务对象满意度指标", "居民满意度", "改造小区居民满意度", "≥", "85", "%"),
    ]  # fmt: skip
    assert warnings == ["第1个表格“绩效目标”一行：单元格里文本框中的文字“（此处盖章）”未读取"]


def test_a_title_in_a_text_box_and_alternate_runs_read_once(tmp_path: Path) -> None:
    title = _p(_r("XX局2026年度项目支出绩效目标表"))
    box = f"<v:shape><v:textbox><w:txbxContent>{title}</w:txbxContent></v:textbox></v:shape>"
    box = f"<w:r><w:pict>{box}</w:pict></w:r>"  # a VML text box only, as Word 2003 wrote it
    both = '<mc:AlternateContent><mc:Choice Requires="w14">{0}</mc:Choice>'
    both += "<mc:Fallback>{0}</mc:Fallback></mc:AlternateContent>"
    value = _tc(_p(both.format(_r("≥")), _r("5"), both.format(_r("次"))))
    agency = both.format(_p(_r("单位名称：XX局")))  # whole paragraphs as alternates
    body = _p(box) + agency + _minimal_table(value, _tc(_p(_r("培训"))))
    warnings: list[str] = []
    document = read(_docx(tmp_path / "boxed-title.docx", body), note_lines(warnings))
    assert document.title == "XX局2026年度项目支出绩效目标表"
    assert (document.agency_code, document.agency_name) == ("", "XX局")
    (table,) = document.tables
    assert _rows(table) == [("产出指标", "数量指标", "培训", "描述", "≥", "5", "次")]
    assert warnings == []


def test_a_table_in_a_box_inside_a_box_is_read_and_said_once(tmp_path: Path) -> None:
    def vml(content: str) -> str:
        shape = f"<v:shape><v:textbox><w:txbxContent>{content}</w:txbxContent></v:textbox>"
        return f"<w:r><w:pict>{shape}</v:shape></w:pict></w:r>"

    table = _minimal_table(_tc(_p(_r("≥3次"))), _tc(_p(_r("检查"))))
    inner = vml(_p(_r("单位：元")) + table + "<w:p/>")
    outer = vml(_p(_r("1.测试项目绩效目标表")) + _p(_r("单位名称：某单位"), inner))
    warnings: list[str] = []
    document = read(_docx(tmp_path / "boxes.docx", _p(outer)), note_lines(warnings))
    (table_read,) = document.tables
    assert (document.agency_name, table_read.project_name, table_read.money_unit) == (
        "某单位",
        "测试项目",
        "元",
    )
    assert _rows(table_read) == [("产出指标", "数量指标", "检查", "描述", "≥", "3", "次")]
    assert warnings == ["第1个表格在文本框中：按文本框所在段落的位置读取"]
