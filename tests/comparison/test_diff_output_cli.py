"""`goaleditor diff OLD NEW -o OUT`: the 修改情况说明 (.xlsx) or a Word redline (.docx) besides
the lines on stdout; exit codes as without -o."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from goaleditor.formats.writers.change_list import HEADER_ROW
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
    assert [row[0] for row in rows] == ["1", "2", "3"]


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
        "goaleditor: diff -o 只能输出 .docx 修订稿或 .xlsx 修改情况说明，而不是“x.txt”"
    ]
    assert not (tmp_path / "x.txt").exists()
