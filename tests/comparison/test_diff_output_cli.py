"""`goaleditor diff OLD NEW -o OUT`: the 修改情况说明 (.xlsx), a Word redline (.docx) or a PDF
redline (.pdf) besides the lines on stdout; exit codes as without -o."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pdfplumber

from goaleditor.formats.writers.change_list import HEADER_ROW
from goaleditor.formats.writers.excel import write
from goaleditor.formats.writers.redline_pdf import COLOURS
from tests.comparison.builders import document
from tests.comparison.test_diff_cli import edited_example
from tests.helpers import run_cli


def test_the_change_list_has_a_row_for_each_printed_line(
    example_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "修改情况说明.xlsx"
    result = run_cli("diff", example_path, edited_example(example_path, tmp_path), "-o", out)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    sheet = openpyxl.load_workbook(out).active
    rows = list(sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    assert [row[5] for row in rows] == ["修改指标值", "三级指标更名", "移动"]
    assert [row[0] for row in rows] == [1, 2, 3]  # 序号 as numbers


def test_the_same_documents_still_write_the_list_and_exit_0(
    example_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "same.xlsx"
    result = run_cli("diff", example_path, example_path, "-o", out)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert out.exists()


def test_an_unknown_output_is_refused_in_one_line_before_reading(
    example_path: Path, tmp_path: Path
) -> None:
    result = run_cli("diff", example_path, tmp_path / "missing.goals", "-o", tmp_path / "x.txt")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "goaleditor: diff -o 只能输出 .pdf/.docx 修订稿或 .xlsx 修改情况说明，而不是“x.txt”"
    ]
    assert not (tmp_path / "x.txt").exists()


def test_the_word_redline_holds_the_changes_as_tracked_changes(
    example_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "修订稿.docx"
    result = run_cli("diff", example_path, edited_example(example_path, tmp_path), "-o", out)
    assert result.returncode == 1, result.stderr
    assert len(result.stdout.splitlines()) == 3 and result.stderr == ""
    with zipfile.ZipFile(out) as package:
        xml = package.read("word/document.xml").decode()
    assert '<w:delText xml:space="preserve">≥365次</w:delText>' in xml
    assert "日常维修质量合格率" in xml
    # the moved indicator: a deleted row where it stood, an inserted one where it stands
    assert xml.count("<w:del w:id") >= 1 and "<w:trPr>" in xml
    rows = xml.split("<w:tr>")
    moved = [row for row in rows if "网络覆盖率" in row and "<w:trPr>" in row]
    marks = sorted("del" if "<w:del w:id" in r.split("</w:trPr>")[0] else "ins" for r in moved)
    assert marks == ["del", "ins"]


def test_the_pdf_redline_prints_the_changes_struck_and_underlined(
    example_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "修订稿.pdf"
    edited = edited_example(example_path, tmp_path)
    result = run_cli("diff", example_path, edited, "-o", out)
    assert result.returncode == 1, result.stderr
    assert len(result.stdout.splitlines()) == 3 and result.stderr == ""
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        words = page.extract_words(extra_attrs=["non_stroking_color"])
        legend = page.extract_text().splitlines()[0]
    assert example_path.name in legend and edited.name in legend
    red, blue = COLOURS["del"], COLOURS["ins"]
    colour = {w["text"]: tuple(w["non_stroking_color"]) for w in words}
    assert colour["≥365次"] == red and colour["≥366次"] == blue
    renamed = [tuple(w["non_stroking_color"]) for w in words if w["text"].startswith("日常维修")]
    assert renamed == [blue]  # (wrapped in its narrow column)
    # the moved indicator: struck where it stood, underlined where it stands
    moved = sorted(tuple(w["non_stroking_color"]) for w in words if w["text"] == "网络覆盖率")
    assert sorted([red, red, blue, blue]) == moved


def test_the_output_never_replaces_a_compared_document(tmp_path: Path) -> None:
    new = tmp_path / "new.xlsx"
    write(document("运行保障项目"), new)
    before = new.read_bytes()
    result = run_cli("diff", new, new, "-o", new)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "goaleditor: new.xlsx 是要比较的文档本身，请为比较结果另取一个文件名"
    ]
    assert new.read_bytes() == before
