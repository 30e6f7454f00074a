"""Other containers: .xlsm, .xls, .ods, .docx and .pdf read into the same document."""

from __future__ import annotations

import contextlib
import random
import time
import zipfile
from pathlib import Path

import pytest

from bench.common import big_document
from goaleditor.errors import InputError
from goaleditor.formats import read_document
from goaleditor.formats.readers.published_text import read as read_text
from goaleditor.formats.writers.pdf import write as write_pdf
from goaleditor.model.document import Document
from tests.compare import document_differences
from tests.helpers import note_lines, run_cli

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLE = ROOT / "resources" / "examples" / "binhai-2026-published.txt"
EXACT = [
    "example-libreoffice.xls",
    "example-libreoffice.xlsm",
    "example-libreoffice.ods",
    "example-libreoffice-split.docx",
    "example-goaleditor.pdf",
    "example-libreoffice-calc.pdf",
]


@pytest.mark.parametrize("name", EXACT)
def test_container_made_by_another_program_reads_exactly(name: str) -> None:
    warnings: list[str] = []
    document = read_document(FIXTURES / name, note_lines(warnings))
    assert document_differences(document, read_text(EXAMPLE)) == []
    assert document.agency_code == "319101"
    assert document.tables[0].budget_total is not None
    assert warnings == []


def test_writer_pdf_finds_every_table_and_its_header() -> None:
    expected = read_text(EXAMPLE)
    document = read_document(FIXTURES / "example-libreoffice-writer.pdf")
    assert [t.project_name for t in document.tables] == [t.project_name for t in expected.tables]
    assert [t.budget_total for t in document.tables] == [t.budget_total for t in expected.tables]
    assert [t.goal for t in document.tables] == [t.goal for t in expected.tables]


def _tricky_document(tables: int) -> Document:
    document = big_document(tables, indicators=12)
    document.title = "天津市滨海新区人民政府政务服务办公室项目支出绩效目标表（2026年）"
    document.merge_level2 = True
    first = document.tables[0]
    first.goal = "1.保障运行。\n2.提升服务质量，" + "确保各项工作按期完成" * 12 + "。\n3.其他。"
    first.money_unit = "万元"
    level2 = first.children[0].children[0]
    level2.children[0].description = "反映完成情况" * 60  # a row taller than a page part
    return document


@pytest.mark.parametrize("tables", [1, 30])
def test_goaleditor_pdf_reads_back_exactly(tmp_path: Path, tables: int) -> None:
    document = read_text(EXAMPLE) if tables == 1 else _tricky_document(tables)
    if tables == 1:
        document.tables[1:] = []
        document.title = "单表文档的标题"
    pdf = tmp_path / "export.pdf"
    write_pdf(document, pdf)
    assert document_differences(read_document(pdf), document) == []


def test_bundled_example_round_trips_through_pdf_on_the_command_line(tmp_path: Path) -> None:
    pdf, goals = tmp_path / "example.pdf", tmp_path / "back.goals"
    assert run_cli("export", str(EXAMPLE), "-o", str(pdf)).returncode == 0
    result = run_cli("import", str(pdf), "-o", str(goals))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert document_differences(read_document(goals), read_text(EXAMPLE)) == []


def test_pdf_without_goal_tables_is_refused_quickly() -> None:
    start = time.perf_counter()
    with pytest.raises(InputError, match="没有找到绩效目标表"):
        read_document(FIXTURES / "jiangsu-2019-budget-without-goal-tables.pdf")
    assert time.perf_counter() - start < 60  # a hang guard, not a speed test


def test_pdf_without_text_is_refused_as_a_scan(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "scan.pdf"
    canvas = Canvas(str(path))
    canvas.rect(50, 50, 400, 600, fill=1)
    canvas.showPage()
    canvas.save()
    with pytest.raises(InputError, match="扫描件"):
        read_document(path)


def test_docx_text_between_continued_tables_is_reported(tmp_path: Path) -> None:
    source = FIXTURES / "example-libreoffice-split.docx"
    target = tmp_path / "note.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                note = b"<w:p><w:r><w:t>\xe7\xbb\xad\xe8\xa1\xa8</w:t></w:r></w:p>"  # 续表
                data = data.replace(b"</w:tbl><w:tbl>", b"</w:tbl>" + note + b"<w:tbl>", 1)
            zout.writestr(item, data)
    warnings: list[str] = []
    document = read_document(target, note_lines(warnings))
    assert len(document.tables) == 6
    assert warnings == ["第2个表格：续表之前的文字“续表”不属于表格，已跳过"]


def test_ods_repeat_bomb_is_capped(tmp_path: Path) -> None:
    source = FIXTURES / "example-libreoffice.ods"
    target = tmp_path / "bomb.ods"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "content.xml":
                row = (
                    b'<table:table-row table:number-rows-repeated="1048576">'
                    b'<table:table-cell table:number-columns-repeated="16384" '
                    b'office:value-type="string"><text:p>x</text:p></table:table-cell>'
                    b"</table:table-row>"
                )
                data = data.replace(b"</table:table>", row * 50 + b"</table:table>")
            z.writestr(item, data)
    start = time.perf_counter()
    with contextlib.suppress(InputError):
        assert read_document(target).tables
    assert time.perf_counter() - start < 60  # a hang guard, not a speed test


def test_zip_bomb_docx_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "bomb.docx"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<" + b" " * (150 * 2**20) + b"/>")
    with pytest.raises(InputError, match="过大"):
        read_document(target)


def test_xml_entities_are_refused(tmp_path: Path) -> None:
    target = tmp_path / "entities.docx"
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><d>&b;</d>'
    )
    with zipfile.ZipFile(target, "w") as z:
        z.writestr("word/document.xml", bomb)
    with pytest.raises(InputError, match="文件已损坏"):
        read_document(target)


@pytest.mark.parametrize(
    "name",
    [
        "example-libreoffice.xls",
        "example-libreoffice.ods",
        "example-libreoffice-split.docx",
        "example-goaleditor.pdf",
    ],
)
def test_mutated_containers_give_a_document_or_one_line(tmp_path: Path, name: str) -> None:
    """Seeded byte flips and truncations: never an exception other than InputError."""
    data = (FIXTURES / name).read_bytes()
    rng = random.Random(name)
    start = time.perf_counter()
    for variant in range(60):
        mutated = bytearray(data)
        if variant % 4 == 0:
            mutated = mutated[: rng.randrange(len(data))]
        else:
            for _ in range(rng.randrange(1, 20)):
                mutated[rng.randrange(len(mutated))] = rng.randrange(256)
        path = tmp_path / f"m{variant}{Path(name).suffix}"
        path.write_bytes(bytes(mutated))
        try:
            assert read_document(path).tables
        except InputError as error:
            assert "\n" not in str(error)
    assert time.perf_counter() - start < 120  # a hang guard, not a speed test


def test_ods_cells_read_as_shown_with_merged_value_unit_pairs() -> None:
    warnings: list[str] = []
    document = read_document(FIXTURES / "ods-cells.ods", note_lines(warnings))
    (table,) = document.tables
    money = (table.budget_total, table.budget_fiscal, table.budget_other)
    assert [str(amount) for amount in money] == ["680.00", "600.00", "80.00"]
    assert table.fund_use == "用于辖区道路绿地的日常养护"
    shown = [(l1, l2, i.name, i.description, i.display) for l1, l2, i in table.indicator_rows()]
    assert shown == [
        ("产出指标", "数量指标", "养护面积", "辖区绿地养护总面积", "55853.63平方米"),
        ("产出指标", "数量指标", "补植苗木数量", "全年补植乔灌木数量", "≥1200株"),
        ("产出指标", "数量指标", "巡检天数", "全年巡检天数", "365天"),
        ("产出指标", "质量指标", "苗木成活率", "补植苗木成活比例", "98.5%"),
        ("效益指标", "生态效益指标", "绿化覆盖率提升", "辖区绿化覆盖率变化", "明显提升"),
    ]
    assert warnings == []
