"""`goaleditor check DOC --last-year OLD`: the targets lower than last year's among the problems."""

from __future__ import annotations

from pathlib import Path

from tests.comparison.last_year_example import last_year_example
from tests.helpers import run_cli

FIRST = "警告\t表1"
RULE = "last-year.lower-target"


def test_check_with_last_year_warns_of_each_lower_target(
    example_path: Path, tmp_path: Path
) -> None:
    old = last_year_example(example_path, tmp_path)
    alone = run_cli("check", example_path)
    assert (alone.returncode, alone.stdout) == (0, "")  # the example has no problem of its own
    result = run_cli("check", example_path, "--last-year", old)
    assert result.returncode == 0, result.stderr  # warnings: the check passes
    assert result.stdout.splitlines() == [
        f"{FIRST}\t第2行\t{RULE}\t指标值低于上年：≥365次 （上年 ≥400次）",
        f"{FIRST}\t第5行\t{RULE}\t指标值低于上年：≥90% （上年 “维修质量的合格率” ≥95%）",
        f"{FIRST}\t第9行\t{RULE}\t反向指标值高于上年：≤1小时 （上年 ≤0.5小时）",
        f"{FIRST}\t第11行\t{RULE}\t反向指标值高于上年：≤5.5万元 （上年 ≤50000元）",
    ]


def test_the_same_document_as_last_year_warns_of_nothing(example_path: Path) -> None:
    result = run_cli("check", example_path, "--last-year", example_path)
    assert (result.returncode, result.stdout) == (0, "")


def test_an_unreadable_last_year_is_one_line_and_exit_2(example_path: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.goals"
    result = run_cli("check", example_path, "--last-year", missing)
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "missing.goals" in result.stderr
