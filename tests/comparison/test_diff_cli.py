"""`goaleditor diff OLD NEW`: one change a line on stdout; exit 0 same, 1 different, 2 bad input."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests import test_cli
from tests.helpers import run_cli

FIRST = "表1 2026年政务服务办运行经费"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return run_cli(*args)


def edited_example(example_path: Path, tmp_path: Path) -> Path:
    """The published example as a clerk revised it: a target raised, an indicator renamed,
    one moved to 质量指标 (each edit in the text, as a new publication would print it)."""
    text = example_path.read_text(encoding="utf-8")
    text = text.replace("\t≥365次\n", "\t≥366次\n", 1)
    text = text.replace(
        "\t维修质量合格率\n\t维修质量合格率\n", "\t日常维修质量合格率\n\t维修质量合格率\n", 1
    )
    moved = "\t\n\t数量指标\n\t网络覆盖率\n\t网络覆盖率\n\t≥90%\n\n"
    assert moved in text
    text = text.replace(moved, "", 1)
    after = "\t日常维修质量合格率\n\t维修质量合格率\n\t≥90%\n\n"
    text = text.replace(after, after + moved.replace("数量指标", "质量指标"), 1)
    edited = tmp_path / "binhai-revised.txt"
    edited.write_text(text, encoding="utf-8")
    return edited


def test_the_same_document_prints_nothing_and_exits_0(example_path: Path, tmp_path: Path) -> None:
    goals = tmp_path / "example.goals"
    assert run("import", example_path, "-o", goals).returncode == 0
    result = run("diff", example_path, goals)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_two_versions_of_the_example_compare_as_exactly_their_changes(
    example_path: Path, tmp_path: Path
) -> None:
    result = run("diff", example_path, edited_example(example_path, tmp_path))
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        f"{FIRST} 产出指标/数量指标/硬件采购、维护数量 指标值：≥365次 → ≥366次",
        f"{FIRST} 产出指标/质量指标 三级指标更名：维修质量合格率 → 日常维修质量合格率",
        f"{FIRST} 产出指标/质量指标/网络覆盖率 "
        "移动：产出指标/数量指标第4项 → 产出指标/质量指标第2项",
    ]


def test_bad_input_is_one_line_and_exit_2(example_path: Path, tmp_path: Path) -> None:
    missing = run("diff", example_path, tmp_path / "missing.goals")
    assert missing.returncode == 2 and missing.stdout == ""
    assert len(missing.stderr.splitlines()) == 1 and "missing.goals" in missing.stderr
    garbage = tmp_path / "garbage.xlsx"
    garbage.write_bytes(b"not a workbook")
    broken = run("diff", garbage, example_path)
    assert broken.returncode == 2 and broken.stdout == ""
    assert len(broken.stderr.splitlines()) == 1


def test_diff_help_is_all_chinese() -> None:
    test_cli.test_help_is_all_chinese(["diff"])


def test_diff_needs_two_documents() -> None:
    test_cli.test_bad_usage_exits_2(("diff", "x.goals"))
