"""`goaleditor batch check|export` run as a clerk runs it: a line per file, exit codes, the
summary, names and --force, the combined PDF, Ctrl+C."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
from pypdf import PdfReader

from goaleditor.batch.summary import FILES_SHEET
from tests.batch.conftest import expected_names
from tests.helpers import ROOT, run_cli


def _lines(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if line]


def test_check_prints_one_line_per_file_and_writes_the_summary(
    bureau_folder: Path, tmp_path: Path
) -> None:
    summary = tmp_path / "汇总.xlsx"
    result = run_cli("batch", "check", bureau_folder, "-o", summary, "--jobs", "2", timeout=300)
    assert result.returncode == 1, result.stderr  # damaged files and errors among them
    lines = _lines(result.stdout)
    names = expected_names(bureau_folder)
    assert sorted(line.split("\t")[0] for line in lines) == sorted(names)
    assert "Traceback" not in result.stderr
    assert "跳过1个不是可读取格式的文件（说明.md）" in result.stderr
    rows = list(openpyxl.load_workbook(summary)[FILES_SHEET].iter_rows(min_row=2, values_only=True))
    assert sorted(row[0] for row in rows) == sorted(names)


def test_check_exits_0_when_every_file_is_read_without_errors(tmp_path: Path) -> None:
    folder = tmp_path / "好"
    folder.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "example-libreoffice.xls", folder / "a.xls")
    result = run_cli("batch", "check", folder, "--jobs", "1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert _lines(result.stdout) == [
        f"{folder / 'a.xls'}\t天津市滨海新区人民政府政务服务办公室\t6张表\t1305.60万元\t"
        "错误0\t警告0\t提示0"
    ]


def test_usage_mistakes_are_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run_cli("batch", "check", tmp_path, "-o", tmp_path / "汇总.csv")
    assert result.returncode == 2 and "应为 .xlsx" in result.stderr
    result = run_cli(
        "batch",
        "export",
        tmp_path,
        "--to",
        "xlsx",
        "-o",
        tmp_path / "x",
        "--combined",
        tmp_path / "all.pdf",
    )
    assert result.returncode == 2 and "--combined 只能与 --to pdf 同用" in result.stderr
    result = run_cli("batch", "check", tmp_path, "--jobs", "0")
    assert result.returncode == 2 and "正整数" in result.stderr
    result = run_cli("batch", "check", tmp_path, "-o", tmp_path / "没有" / "汇总.xlsx")
    assert result.returncode == 2 and "不存在" in result.stderr


def test_export_names_files_by_the_documents_and_overwrites_only_with_force(
    documents: Path, tmp_path: Path
) -> None:
    source = documents / "各单位"
    out = tmp_path / "导出"
    combined = tmp_path / "合并.pdf"
    summary = tmp_path / "汇总.xlsx"
    first = run_cli(
        "batch",
        "export",
        source,
        "--to",
        "pdf",
        "-o",
        out,
        "--combined",
        combined,
        "--summary",
        summary,
        timeout=300,
    )
    assert "Traceback" not in first.stderr
    written = sorted(p.name for p in out.iterdir())
    assert len(written) == 6 == len(_lines(first.stdout))
    assert "某某区教育局_校舍维修项目等4个项目.pdf" in written
    assert (
        "天津市滨海新区人民政府政务服务办公室_2026年政务服务办运行经费等6个项目（2）.pdf" in written
    )
    assert all(line.split("\t")[-1].startswith("→ ") for line in _lines(first.stdout))
    rows = openpyxl.load_workbook(summary)[FILES_SHEET].max_row - 1
    assert rows == 6
    outline = [item.title for item in PdfReader(combined).outline]
    assert sorted(f"{title}.pdf" for title in outline) == written
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    again = run_cli("batch", "export", source, "--to", "pdf", "-o", out, timeout=300)
    assert again.returncode == 1
    assert all("已存在，未覆盖" in line for line in _lines(again.stdout))
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before
    refused = run_cli("batch", "export", source, "--to", "pdf", "-o", out, "--combined", combined)
    assert refused.returncode == 2 and "已存在，未覆盖" in refused.stderr
    forced = run_cli(
        "batch", "export", source / "typed-forms.xlsx", "--to", "docx", "-o", out, "--force"
    )
    assert forced.returncode == 1  # typed-forms has errors: exported all the same, and said
    assert (out / "某某区教育局_校舍维修项目等4个项目.docx").stat().st_size > 0


def test_ctrl_c_stops_with_the_summary_of_what_was_done(documents: Path, tmp_path: Path) -> None:
    folder = tmp_path / "多"
    folder.mkdir()
    for number in range(60):
        shutil.copy(documents / "滨海.goals", folder / f"{number:02}.goals")
    summary = tmp_path / "汇总.xlsx"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "goaleditor",
            "batch",
            "check",
            folder,
            "-o",
            summary,
            "--jobs",
            "1",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=dict(os.environ, PYTHONIOENCODING="utf-8"),
    )
    assert process.stdout is not None
    first = process.stdout.readline()  # one file done: the run is under way
    assert first
    process.send_signal(signal.SIGINT)
    started = time.monotonic()
    rest, errors = process.communicate(timeout=60)
    assert time.monotonic() - started < 20
    assert process.returncode == 130, errors.decode()
    lines = _lines((first + rest).decode("utf-8"))
    said = errors.decode("utf-8").strip().splitlines()
    assert said[-1].startswith(f"goaleditor: 已中止：处理完{len(lines)}个文件，汇总已写入")
    assert "Traceback" not in errors.decode()
    rows = list(openpyxl.load_workbook(summary)[FILES_SHEET].iter_rows(min_row=2, values_only=True))
    assert sorted(row[0] for row in rows) == sorted(line.split("\t")[0] for line in lines)
    assert len(rows) < 60
