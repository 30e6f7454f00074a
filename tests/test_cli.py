"""The command line through subprocess: every command and exit code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, cwd=cwd or ROOT)


def assert_one_clean_line(result: subprocess.CompletedProcess[str], code: int = 2) -> str:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def goals(tmp_path: Path, example_path: Path) -> Path:
    out = tmp_path / "example.goals"
    result = run("import", example_path, "-o", out)
    assert result.returncode == 0, result.stderr
    return out


def test_import_dump_round_trip(tmp_path: Path, goals: Path) -> None:
    dumped = run("dump", goals)
    assert dumped.returncode == 0 and dumped.stderr == ""
    data = json.loads(dumped.stdout)
    assert len(data["tables"]) == 6
    assert sum(len(t["indicators"]) for t in data["tables"]) == 54
    exported = tmp_path / "x.json"
    assert run("export", goals, "-o", exported).returncode == 0
    assert exported.read_text(encoding="utf-8") == dumped.stdout
    again = tmp_path / "again.goals"
    assert run("import", exported, "-o", again).returncode == 0
    assert run("dump", again).stdout == dumped.stdout


def test_dump_reads_importable_sources_directly(example_path: Path, goals: Path) -> None:
    assert run("dump", example_path).stdout == run("dump", goals).stdout


def test_check_clean_document_exits_0(goals: Path) -> None:
    result = run("check", goals)
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""


def _with_errors(tmp_path: Path) -> Path:
    """A document with 错误: an indicator without a name and a value that is no number."""
    source = tmp_path / "bad.json"
    source.write_text(
        json.dumps(
            {
                "tables": [
                    {
                        "project_name": "p",
                        "indicators": [
                            {
                                "level1": "产出指标",
                                "level2": "数量指标",
                                "name": "",
                                "comparator": "≥",
                                "value": "很多",
                                "unit": "个",
                            }
                        ],
                    }
                ]
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    return source


def test_check_with_errors_exits_1(tmp_path: Path) -> None:
    result = run("check", _with_errors(tmp_path))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert "错误\t表1\t第1行\tindicator.no-name\t三级指标名称为空" in lines
    assert "错误\t表1\t第1行\tvalue.not-a-number\t定量指标值“很多”不是数字" in lines
    assert all(len(line.split("\t")) == 5 for line in lines)


def test_export_says_the_document_has_errors(tmp_path: Path, goals: Path) -> None:
    """Exported all the same (as the editor lets a clerk), but said in one line on stderr;
    --strict refuses with exit 3 and writes nothing."""
    source = _with_errors(tmp_path)
    errors = run("check", source).stdout.count("错误\t")
    assert errors >= 2
    out = tmp_path / "out.pdf"
    line = assert_one_clean_line(run("export", source, "-o", out), code=0)
    assert line == f"goaleditor: 注意：文档有{errors}个错误（用 goaleditor check 查看），已照样导出"
    assert out.read_bytes().startswith(b"%PDF")
    strict = tmp_path / "strict.pdf"
    line = assert_one_clean_line(run("export", source, "-o", strict, "--strict"), code=3)
    assert (
        line == f"goaleditor: 文档有{errors}个错误（用 goaleditor check 查看），未导出（--strict）"
    )
    assert not strict.exists()
    clean = run("export", goals, "-o", tmp_path / "clean.pdf", "--strict")
    assert clean.returncode == 0 and clean.stderr == ""


def test_version_and_help() -> None:
    assert run("--version").stdout.startswith("goaleditor ")
    assert "import" in run("--help").stdout


@pytest.mark.parametrize(
    "command",
    [[], ["import"], ["export"], ["check"], ["dump"], ["next-year"], ["self-evaluate"]],
)
def test_help_is_all_chinese(command: list[str]) -> None:
    """argparse's own English (usage:, options, show …) never reaches the clerk."""
    result = run(*command, "--help")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith(f"用法：goaleditor {' '.join(command)}".rstrip() + " ")
    assert "选项：" in text and "显示本帮助并退出" in text
    for english in ("usage", "options", "positional", "show ", "arguments", "help message"):
        assert english not in text.lower(), english
    if not command:
        assert "显示版本号并退出" in text
    # Every option and argument says what it is for (no bare "DOC" line).
    for line in text.splitlines():
        if line.startswith("  ") and not line.startswith("    "):
            assert len(line.split()) > 1 or line.strip() == "命令", line


@pytest.mark.parametrize(
    "args",
    [
        ("import",),
        ("import", "x.txt"),
        ("export", "x.goals"),
        ("dump",),
        ("check", "a", "b"),
        ("next-year", "x.goals"),
        ("self-evaluate", "x.goals"),
    ],
)
def test_bad_usage_exits_2(args: tuple[str, ...]) -> None:
    assert "用法错误" in assert_one_clean_line(run(*args))


def test_missing_file(tmp_path: Path) -> None:
    assert "找不到文件" in assert_one_clean_line(run("dump", tmp_path / "nope.goals"))


def test_bad_text_file_names_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("这不是绩效目标表\n", encoding="utf-8")
    out = tmp_path / "out.goals"
    line = assert_one_clean_line(run("import", bad, "-o", out))
    assert "第1行" in line and "应为表题" in line
    assert not out.exists()


def test_random_bytes_goals(tmp_path: Path) -> None:
    bad = tmp_path / "junk.goals"
    bad.write_bytes(os.urandom(4096))
    assert "不是绩效目标表文档" in assert_one_clean_line(run("check", bad))


def test_import_needs_goals_output(tmp_path: Path, example_path: Path) -> None:
    out = tmp_path / "out.json"
    assert ".goals" in assert_one_clean_line(run("import", example_path, "-o", out))
    assert not out.exists()


def test_unknown_export_extension(tmp_path: Path, goals: Path) -> None:
    out = tmp_path / "out.doc"
    assert "不能导出" in assert_one_clean_line(run("export", goals, "-o", out))
    assert not out.exists()


def test_missing_output_folder(tmp_path: Path, goals: Path) -> None:
    line = assert_one_clean_line(run("export", goals, "-o", tmp_path / "no" / "x.json"))
    assert "文件夹不存在" in line


def test_unwritable_output_path(tmp_path: Path, goals: Path) -> None:
    """A directory where the file should be: cannot be replaced, even by root."""
    target = tmp_path / "taken.goals"
    target.mkdir()
    (target / "keep").write_text("x")
    line = assert_one_clean_line(run("import", goals, "-o", target))
    assert "无法写入" in line
    assert (target / "keep").read_text() == "x"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_existing_output_is_replaced(tmp_path: Path, goals: Path) -> None:
    out = tmp_path / "x.json"
    out.write_text("old", encoding="utf-8")
    assert run("export", goals, "-o", out).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["schema"] == 1


def test_failed_command_keeps_existing_output(tmp_path: Path) -> None:
    out = tmp_path / "x.goals"
    out.write_bytes(b"previous")
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert_one_clean_line(run("import", bad, "-o", out))
    assert out.read_bytes() == b"previous"


def test_cli_module_does_not_load_qt() -> None:
    code = "import sys, goaleditor.cli, goaleditor.formats; print('PySide6' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "False"


def test_usage_errors_are_one_chinese_line() -> None:
    result = run_cli("export", "x.goals", "-o", "y.pdf", "--layout", "beijing")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "无效的选择 'beijing'" in result.stderr
    assert "缺少参数：-o/--output" in run_cli("export", "x.goals").stderr


def test_help_wraps_by_display_width() -> None:
    """Long Chinese lines break after 、 within 78 columns, never inside "(.pdf)"."""
    from goaleditor.cli import _wrap_zh

    text = "把" + "、".join(f"格式{n}(.ext{n})" for n in range(20)) + "导入。"
    lines = _wrap_zh(text).split("\n")
    assert len(lines) > 1 and "".join(lines) == text
    for line in lines[:-1]:
        assert line.endswith("、")
        width = sum(2 if "\u4e00" <= c <= "\u9fff" else 1 for c in line)
        assert width <= 78


def test_next_year_writes_the_draft_and_says_what_moved(tmp_path: Path, goals: Path) -> None:
    out = tmp_path / "2027.goals"
    out.write_bytes(b"previous")  # replaced whole
    result = run("next-year", goals, "-o", out)
    line = assert_one_clean_line(result, 0)
    # 6 project names and 3 时效指标 values named 2026年.
    assert line == "goaleditor: 已生成2027年度的新文档：文中9处年份已改为下一年度"
    data = json.loads(run("dump", out).stdout)
    assert data["year"] == 2027
    assert data["tables"][0]["project_name"] == "2027年政务服务办运行经费"
    assert "2026年" not in json.dumps(data, ensure_ascii=False)
    assert json.loads(run("dump", goals).stdout)["year"] == 2026  # the source is untouched
    assert run("check", out).stdout == ""


def test_self_evaluate_starts_a_self_evaluation_and_says_what_it_filled(
    tmp_path: Path, goals: Path
) -> None:
    out = tmp_path / "自评.goals"
    result = run("self-evaluate", goals, "-o", out, "--scoring", "hubei")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "goaleditor: 表1至表6：分值按默认（产出40、效益30、满意度10，预算执行20）分配",
        "goaleditor: 表1至表6：实施单位按文档的单位名称填写",
        "goaleditor: 已生成绩效自评表（评分规则：湖北）：6张表、54个三级指标，"
        "请填写实际完成值和全年执行数",
    ]
    data = json.loads(run("dump", out).stdout)
    assert (data["kind"], data["scoring"], data["year"]) == ("self-evaluation", "hubei", 2026)
    table = data["tables"][0]
    assert (table["budget_initial"], table["budget_weight"]) == ("6300000.00", "20")
    assert sum(float(i["weight"]) for i in table["indicators"]) == pytest.approx(80)
    again = run("self-evaluate", out, "-o", tmp_path / "again.goals")
    assert "这已是绩效自评表" in assert_one_clean_line(again)
    wrong = run("self-evaluate", goals, "-o", tmp_path / "x.goals", "--scoring", "mars")
    assert "无效的选择" in assert_one_clean_line(wrong)


SELF_EVALUATIONS = ROOT / "tests" / "fixtures" / "self_evaluation"


def test_check_of_a_self_evaluation_exits_1_with_its_errors(tmp_path: Path) -> None:
    """The clerk's central 自评表 left one 偏差原因 out: an 错误, with the table and row."""
    source = SELF_EVALUATIONS / "central-clerk-expected.json"
    result = run("check", source)
    assert result.returncode == 1 and result.stderr == ""
    assert result.stdout.splitlines() == [
        "错误\t表2\t第2行\tself-evaluation.no-deviation\t"
        "“知识库条目更新数”得分8.00低于分值10，偏差原因分析及改进措施为空"
    ]
    written = tmp_path / "se.pdf"  # export counts the same 错误
    line = assert_one_clean_line(run("export", source, "-o", written), code=0)
    assert line == "goaleditor: 注意：文档有1个错误（用 goaleditor check 查看），已照样导出"


def test_check_summary_prints_the_publications_line_last(tmp_path: Path, goals: Path) -> None:
    result = run("check", SELF_EVALUATIONS / "sichuan-clerk-expected.json", "--summary")
    assert result.returncode == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[-1] == (
        "绩效自评的项目1个，涉及预算金额48.00万元，平均得分95.83分，其中优1个、良0个、中0个、差0个"
    )
    assert all(line.count("\t") == 4 for line in lines[:-1])  # the problems, as without it
    with_errors = run("check", SELF_EVALUATIONS / "central-clerk-expected.json", "--summary")
    assert with_errors.returncode == 1  # the exit code is the check's
    assert with_errors.stdout.splitlines()[-1].startswith("绩效自评的项目2个，")
    started = tmp_path / "se.goals"
    assert run("self-evaluate", goals, "-o", started).returncode == 0
    fresh = run("check", started, "--summary")
    assert fresh.returncode == 0  # only 提示: 实际完成值 and 全年执行数 still to fill
    assert {line.split("\t")[0] for line in fresh.stdout.splitlines()[:-1]} == {"提示"}
    assert fresh.stdout.splitlines()[-1].endswith("尚无评完的项目")


def test_check_summary_of_a_goal_document_says_there_is_none(goals: Path) -> None:
    line = assert_one_clean_line(run("check", goals, "--summary"), code=2)
    assert line == (
        "goaleditor: example.goals 是绩效目标表，"
        "只有绩效自评表有自评摘要（去掉 --summary 即可检查）"
    )
    assert run("check", goals, "--summary").stdout == ""


def test_next_year_refuses_bad_input_in_one_line(tmp_path: Path, goals: Path) -> None:
    kept = tmp_path / "kept.goals"
    kept.write_bytes(b"previous")
    no_year = tmp_path / "no-year.json"
    no_year.write_text(
        json.dumps({"tables": [{"project_name": "运行经费", "indicators": []}]}),
        encoding="utf-8",
    )
    for args, says in [
        ((goals, "-o", goals), "另取一个文件名"),
        ((goals, "-o", tmp_path / "2027.pdf"), "应保存为 .goals 文档"),
        ((tmp_path / "nope.goals", "-o", kept), "找不到文件"),
        ((no_year, "-o", kept), "无法确定 no-year.json 的年度"),
    ]:
        assert says in assert_one_clean_line(run("next-year", *args))
    assert kept.read_bytes() == b"previous"
    assert not (tmp_path / "2027.pdf").exists()
    assert json.loads(run("dump", goals).stdout)["year"] == 2026


def test_export_in_another_layout_points_to_the_check_that_finds_its_errors(
    tmp_path: Path, goals: Path
) -> None:
    """Sichuan prints weights the example has not: `export --layout sichuan` counts their
    errors, and the `check --layout sichuan` it names lists the same ones."""
    assert "错误\t" not in run("check", goals).stdout
    checked = run("check", goals, "--layout", "sichuan")
    errors = checked.stdout.count("错误\t")
    assert checked.returncode == 1 and errors > 0
    line = assert_one_clean_line(
        run("export", goals, "-o", tmp_path / "sc.pdf", "--layout", "sichuan"), code=0
    )
    how = "goaleditor check --layout sichuan"
    assert line == f"goaleditor: 注意：文档有{errors}个错误（用 {how} 查看），已照样导出"
