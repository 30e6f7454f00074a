"""PDF import: text that runs past a cell's borders, as Calc and Excel print it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from goaleditor.errors import InputError, RefusalKind
from goaleditor.formats import read_document
from goaleditor.formats.readers.pdf.columns import column_rows
from goaleditor.formats.readers.pdf.ruled_cells import NO_ROOM, RuledTable, join_split_rows
from goaleditor.formats.readers.published_text import read as read_text
from goaleditor.model.document import Document
from tests.compare import document_differences
from tests.fixtures.make_writer_pdfs import VARIANTS, Variant
from tests.fixtures.make_writer_pdfs import expected as expected_document
from tests.helpers import note_lines, run_cli

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"
EXAMPLE = FIXTURES.parents[1] / "resources" / "examples" / "binhai-2026-published.txt"


def test_calc_overflow_into_empty_cells_reads_the_whole_text() -> None:
    """A bordered table printed by LibreOffice Calc: long texts run over empty neighbours."""
    warnings: list[str] = []
    document = read_document(FIXTURES / "calc-overflow.pdf", note_lines(warnings))
    table = document.tables[0]
    assert table.project_name == "2027年学生资助专项经费"
    assert table.fund_use == "用于家庭经济困难学生资助"
    assert table.goal == "资助家庭经济困难学生1200人次，确保应助尽助。"
    assert table.budget_total is not None and table.budget_fiscal is not None
    names = [i.name for l1 in table.children for l2 in l1.children for i in l2.children]
    assert names[:2] == ["资助学生人次", "资助学校覆盖率"] and len(names) == 9
    assert not [w for w in warnings if "边框" in w]


def _grid_pdf(path: Path, texts: list[tuple[float, int, str]]) -> None:
    """A ruled 3×3 table (columns 100 pt wide, rows 20 pt high) with texts at (x, row)."""
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=(500, 300))
    left, top, width, height = 50, 250, 100, 20
    for c in range(4):
        canvas.line(left + c * width, top, left + c * width, top - 3 * height)
    for r in range(4):
        canvas.line(left, top - r * height, left + 3 * width, top - r * height)
    canvas.setFont("Helvetica", 10)
    for x, row, text in texts:
        canvas.drawString(x, top - (row + 1) * height + 6, text)
    canvas.save()


def _cells(path: Path) -> tuple[list[list[Any]], list[str]]:
    warnings: list[str] = []
    with pdfplumber.open(str(path)) as pdf:
        page = pdf.pages[0]
        grid = RuledTable(page.find_tables()[0])
        inside, outside = grid.split(list(page.chars), 1, note_lines(warnings))
        assert outside == []
        return next(column_rows([(1, grid.spans(inside))])), warnings


def test_a_run_into_an_empty_cell_belongs_to_the_cell_it_starts_in(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    _grid_pdf(
        path, [(52, 0, "name"), (152, 0, "A long text running over the border"), (52, 1, "x")]
    )
    rows, warnings = _cells(path)
    assert rows[0] == ["name", "A long text running over the border", None]
    assert warnings == []


def test_a_run_into_a_filled_cell_is_split_there_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "filled.pdf"
    _grid_pdf(path, [(52, 1, "Overflowing text of the first"), (230, 1, "own")])
    rows, warnings = _cells(path)
    assert rows[1][0] == "Overflowing text of the"  # split at the border, as before
    assert rows[1][1] is not None and rows[1][1].startswith("first") and rows[1][1].endswith("own")
    assert warnings == ["第1页第2行：文字越过单元格边框，可能不完整"]


def test_a_run_past_the_tables_right_edge_joins_the_rows_last_cell(tmp_path: Path) -> None:
    path = tmp_path / "beyond.pdf"
    _grid_pdf(path, [(52, 2, "a"), (252, 2, "A text running past the right edge")])
    rows, warnings = _cells(path)
    assert rows[2] == ["a", None, "A text running past the right edge"]
    assert len(warnings) == 1 and warnings[0].startswith("第1页第3行：文字超出表格右边框")


def test_a_page_header_above_the_title_is_not_the_title() -> None:
    from goaleditor.formats.readers.tables.text_lines import document_title

    assert document_title(["同事", "2027年度项目支出绩效目标表"]) == "2027年度项目支出绩效目标表"
    assert document_title(["某单位部门预算公开", "目录"]) == "某单位部门预算公开"


def _indicator_fields(document: Document) -> list[tuple[str, ...]]:
    return [
        (l1.name, l2.name, i.name, i.description, i.comparator, i.value, i.unit)
        for table in document.tables
        for l1 in table.children
        for l2 in l1.children
        for i in l2.children
    ]


def _head_fields(document: Document) -> list[tuple[Any, ...]]:
    return [
        (
            t.project_name,
            t.money_unit,
            t.budget_total,
            t.budget_fiscal,
            t.budget_other,
            t.fund_use,
            t.goal,
        )
        for t in document.tables
    ]


def test_writer_pdf_with_uneven_cells_reads_every_indicator_field() -> None:
    """Printed by Writer from a Word table split in two: each part has its own cell edges."""
    warnings: list[str] = []
    document = read_document(FIXTURES / "example-libreoffice-writer.pdf", note_lines(warnings))
    expected = read_text(EXAMPLE)
    assert _indicator_fields(document) == _indicator_fields(expected)
    assert _head_fields(document) == _head_fields(expected)
    assert (document.agency_code, document.agency_name) == ("319101", expected.agency_name)
    assert document_differences(document, expected) == []
    assert warnings == []


@pytest.mark.parametrize("variant", VARIANTS, ids=[v.name for v in VARIANTS])
def test_word_tables_printed_by_writer_read_exactly(variant: Variant) -> None:
    """python-docx tables in other widths, margins, merges and header repeats (see the maker)."""
    warnings: list[str] = []
    document = read_document(FIXTURES / f"{variant.name}.pdf", note_lines(warnings))
    expected = expected_document(variant)
    assert _indicator_fields(document) == _indicator_fields(expected)
    assert _head_fields(document) == _head_fields(expected)
    assert (document.agency_code, document.agency_name) == (
        expected.agency_code,
        expected.agency_name,
    )
    assert document_differences(document, expected) == []
    assert warnings == []


def test_a_row_broken_over_a_page_joins_only_where_its_text_goes_on() -> None:
    """The lower part of a broken row joins the cells whose last line had no room left."""
    upper = [[(0.0, 50.0, "产出指标", NO_ROOM), (50.0, 100.0, "故障修复响应时", 0.4)]]
    lower = [[(0.0, 50.0, None, NO_ROOM), (50.0, 100.0, "间", 3.0)]]
    join_split_rows([upper, lower])
    assert upper[0][1][2] == "故障修复响应时间" and lower == []
    upper = [[(0.0, 50.0, "社会效益指标", 0.2), (50.0, 100.0, "≥95%", 2.5)]]
    lower = [[(0.0, 50.0, "可持续影响指标", 3.0), (50.0, 100.0, "持续有效", 1.0)]]
    join_split_rows([upper, lower])
    assert upper[0][0][2] == "社会效益指标" and len(lower) == 1  # a row of its own


@pytest.mark.parametrize("name", ["calc-two-pages-wide.pdf", "calc-unit-weight-apart.pdf"])
def test_a_table_printed_in_slices_side_by_side_is_refused_with_the_reason(name: str) -> None:
    """Calc prints a sheet not scaled to the page width with its right columns on later pages."""
    with pytest.raises(InputError) as caught:
        read_document(FIXTURES / name)
    message = str(caught.value)
    assert message.startswith(f"{name}：宽表被分成多页打印（第2页起")
    assert caught.value.kind is RefusalKind.SLICED_TABLE
    assert "\n" not in message and "缩放到一页宽" in message


def test_the_refusal_on_the_command_line_is_one_line(tmp_path: Path) -> None:
    result = run_cli(
        "import", str(FIXTURES / "calc-two-pages-wide.pdf"), "-o", str(tmp_path / "x.goals")
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "宽表被分成多页打印" in result.stderr


def test_an_agency_code_set_apart_from_its_name_stays_with_it() -> None:
    from goaleditor.formats.readers.tables.text_lines import line_row

    assert line_row("319101  天津市滨海新区人民政府政务服务办公室\t\t金额单位：元") == [
        "319101 天津市滨海新区人民政府政务服务办公室",
        "金额单位：元",
    ]
    assert line_row("填报日期  2026  年") == ["填报日期", "2026", "年"]  # a year is no code


def test_indicator_cells_take_their_header_cells_columns() -> None:
    """Edges a few points off the header's still line up; a cell over two takes the first."""
    header = [(0.0, 40.0, "一级指标", NO_ROOM), (40.0, 80.0, "二级指标", NO_ROOM)]
    header += [(80.0, 160.0, "三级指标", NO_ROOM), (160.0, 260.0, "绩效指标描述", NO_ROOM)]
    header += [(260.0, 300.0, "指标值", NO_ROOM)]
    jagged = [(0.0, 46.0, "产出指标", NO_ROOM), (46.0, 75.0, "数量指标", NO_ROOM)]
    jagged += [(75.0, 165.0, "审核项目数量", NO_ROOM), (165.0, 255.0, "描述", NO_ROOM)]
    jagged += [(255.0, 300.0, "≥60个", NO_ROOM)]
    merged = [(0.0, 40.0, None, NO_ROOM), (40.0, 80.0, None, NO_ROOM)]
    merged += [(80.0, 260.0, "不分描述的指标", NO_ROOM), (260.0, 300.0, "有效", NO_ROOM)]
    rows = next(column_rows([(1, [header, jagged, merged])]))
    assert rows[1] == ["产出指标", "数量指标", "审核项目数量", "描述", "≥60个"]
    assert rows[2] == [None, None, "不分描述的指标", None, "有效"]


def _damaged(path: Path, old: bytes, new: bytes) -> None:
    """A drawn goal table with bytes of the file replaced (as long: offsets stay right)."""
    from tests.fixtures.make_ruled_pdfs import Page, draw, head_rows, indicator_rows

    widths = [70.0, 70.0, 110.0, 150.0, 90.0]
    rows = [("产出指标", "数量指标", "培训人次", "全年培训的人次", "≥120人次")]
    draw(path, [Page(rows=head_rows("培训经费", "完成培训。") + indicator_rows(rows, widths))])
    data = path.read_bytes()
    assert old in data and len(old) == len(new)
    path.write_bytes(data.replace(old, new))


def test_a_font_without_its_box_is_read_without_a_word(tmp_path: Path) -> None:
    """The library puts a missing FontBBox right itself (as in Chromium's PDFs): no note."""
    path = tmp_path / "nobox.pdf"
    _damaged(path, b"/FontBBox", b"/FontBBoz")
    warnings: list[str] = []
    table = read_document(path, note_lines(warnings)).tables[0]
    assert (table.project_name, table.goal) == ("培训经费", "完成培训。")
    assert [i.display for l1 in table.children for l2 in l1.children for i in l2.children] == [
        "≥120人次"
    ]
    assert warnings == []


def test_other_damage_the_library_reads_past_is_said_in_chinese(tmp_path: Path) -> None:
    """A cross-reference entry that is no number (the Info dictionary's): read, and said
    in one Chinese line, without the library's English."""
    path = tmp_path / "xref.pdf"
    _damaged(path, b"/Producer", b"/Producer")
    data = path.read_bytes()
    at = data.index(b"\nxref")
    entries = re.findall(rb"\d{10} \d{5} n ", data[at:])
    info = next(e for e in entries if b"/Producer" in data[int(e[:10]) :].split(b"endobj")[0])
    path.write_bytes(data[:at] + data[at:].replace(info, info[:9] + b"x" + info[10:], 1))
    warnings: list[str] = []
    table = read_document(path, note_lines(warnings)).tables[0]
    assert table.project_name == "培训经费"
    assert warnings == ["PDF文件有轻微损坏，已尽量读取，请核对导入的内容"]


def test_an_unruled_table_after_a_budget_table_is_refused_not_shifted(tmp_path: Path) -> None:
    """Writer drops CSS borders: a 项目支出预算表 (项目名称 column), then a goal table, unruled."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "unruled.pdf"
    canvas = Canvas(str(path), pagesize=(600, 800))
    canvas.setFont("STSong-Light", 10)
    lines = [
        ["项目支出预算表"],
        ["项目名称", "预算数", "财政拨款"],
        ["水土保持评审经费", "40.00", "40.00"],
        ["项目支出绩效目标表"],
        ["项目名称", "水土保持评审经费"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "评审项目数", "≥20个"],
    ]
    for r, cells in enumerate(lines):
        for c, text in enumerate(cells):
            canvas.drawString(50 + 130 * c, 750 - 24 * r, text)
    canvas.save()
    warnings: list[str] = []
    with pytest.raises(InputError) as caught:
        read_document(path, note_lines(warnings))
    message = str(caught.value)
    assert message.startswith("unruled.pdf：PDF中的表格没有框线") and "\n" not in message
    assert warnings == []


def test_a_left_slice_whose_right_columns_are_not_read_is_refused_as_sliced(
    tmp_path: Path,
) -> None:
    """Only the left slice (一级/二级/三级指标, no 指标值) among the pages read: the sliced line."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "left-slice.pdf"
    canvas = Canvas(str(path), pagesize=(600, 400))
    rows = [
        ["项目名称", "水土保持评审经费", ""],
        ["一级指标", "二级指标", "三级指标"],
        ["产出指标", "数量指标", "评审项目数"],
    ]
    left, top, width, height = 50, 350, 150, 24
    for c in range(4):
        canvas.line(left + c * width, top, left + c * width, top - 3 * height)
    for r in range(4):
        canvas.line(left, top - r * height, left + 3 * width, top - r * height)
    canvas.setFont("STSong-Light", 10)
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            canvas.drawString(left + 4 + c * width, top - (r + 1) * height + 8, text)
    canvas.save()
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert str(caught.value).startswith("left-slice.pdf：宽表被分成多页打印（第1页起")
    assert caught.value.kind is RefusalKind.SLICED_TABLE


def test_a_publications_title_is_its_covers_not_a_section_or_a_skipped_tables() -> None:
    """Other regions' publications: cover, 目录 (page numbers without dots), section headings."""
    from goaleditor.formats.readers.tables.text_lines import document_title

    lines = [
        "3/1/25, 9:05 PM\t某某县教育局2025年单位预算公开",
        "二〇二五年三月",
        "目录",
        "第一部分　单位概况3",
        "第三部分　项目支出绩效目标表12",
        "第三部分 项目支出绩效目标表",
        "部门整体支出绩效目标表",
    ]
    assert document_title(lines) == "某某县教育局2025年单位预算公开"
    assert document_title(lines[2:]) == ""
    assert document_title(["部门整体支出绩效目标表", "（2026年度）\t单位：万元"]) == ""
    assert document_title(["第二部分", "2026年项目支出绩效目标表"]) == "2026年项目支出绩效目标表"


def test_a_wrapped_project_name_is_one_line() -> None:
    from goaleditor.formats.readers.pdf.reader import _one_line

    assert _one_line("2026年编制外长聘人员经费项目\n（机关事业单位辅助人员）") == (
        "2026年编制外长聘人员经费项目（机关事业单位辅助人员）"
    )
    assert _one_line("2026年 GIS\nplatform 维护") == "2026年 GIS platform 维护"
