"""check_files over a bureau's folder: one result per file, in parallel, none lost; the
readable ones as `goaleditor check` sees them, the others one line each; the summary."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from goaleditor.batch import FileResult, check_files, write_summary
from goaleditor.batch.jobs import close_worker
from goaleditor.batch.summary import FILES_SHEET, TOTALS_SHEET
from goaleditor.checking import check_document_of_any_kind
from goaleditor.formats.readers.published_text import read
from goaleditor.formats.registry import read_document, write_document
from goaleditor.model.checks import ERROR
from goaleditor.reading.worker import CRASHED
from tests.batch.conftest import EXAMPLE, HOSTILE, expected_names
from tests.reading.hostile import many_rectangles_pdf


@pytest.fixture(scope="module")
def results(bureau_folder: Path) -> dict[str, FileResult]:
    found = list(check_files([bureau_folder], jobs=2))
    by_name = {r.name: r for r in found}
    assert len(by_name) == len(found)  # no file twice
    return by_name


def test_every_file_of_the_folder_is_one_result(
    results: dict[str, FileResult], bureau_folder: Path
) -> None:
    assert set(results) == expected_names(bureau_folder)


def test_the_damaged_and_hostile_files_are_one_line_each(
    results: dict[str, FileResult], bureau_folder: Path
) -> None:
    for name, word in HOSTILE.items():
        result = results[f"{bureau_folder}/{name}"]
        assert not result.readable and word in result.reason, result
        assert "\n" not in result.line() and result.line().count("\t") == 2
    assert CRASHED in results[f"{bureau_folder}/解压崩溃.pdf"].reason


def test_a_readable_file_is_counted_as_check_counts_it(
    results: dict[str, FileResult], bureau_folder: Path
) -> None:
    readable = [r for r in results.values() if r.readable]
    assert len(readable) == 14
    for path in (bureau_folder / "滨海.pdf", bureau_folder / "各单位" / "typed-forms.xlsx"):
        problems = check_document_of_any_kind(read_document(path))
        result = results[str(path)]
        assert result.errors == sum(p.severity == ERROR for p in problems)
        assert sum(count for _, count in result.rules) == len(problems)
    example = results[str(bureau_folder / "滨海.goals")]
    assert (example.kind, example.tables) == ("goal", 6)
    assert example.unit == "天津市滨海新区人民政府政务服务办公室"
    assert example.money_wan == Decimal("1305.60")
    evaluation = results[str(bureau_folder / "各单位" / "central-clerk.xlsx")]
    assert evaluation.kind == "self_evaluation"
    assert evaluation.score == Decimal("94.08") and evaluation.grade
    member = results[f"{bureau_folder}/报送.zip/四川/typed-sichuan.xlsx"]
    assert member.readable and member.tables >= 1


def test_a_reading_past_its_deadline_is_one_line_and_the_others_are_read(
    tmp_path: Path,
) -> None:
    slow = many_rectangles_pdf(tmp_path / "慢.pdf", 300_000)  # ~10 s to read
    write_document(read(EXAMPLE), tmp_path / "好.goals")
    found = {r.name: r for r in check_files([tmp_path], jobs=2, seconds=3)}
    assert "读取超时" in found[str(slow)].reason
    assert found[str(tmp_path / "好.goals")].tables == 6


def test_a_cancelled_run_stops_without_reading_the_rest(documents: Path) -> None:
    seen: list[FileResult] = []
    for result in check_files([documents], jobs=1, cancel=lambda: bool(seen)):
        seen.append(result)
    assert 1 <= len(seen) < len(expected_names(documents))


def test_the_jobs_run_in_this_process_with_a_thread_pool_too(documents: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        found = list(check_files([documents / "各单位"], jobs=2, executor=pool))
        pool.submit(close_worker).result()
    assert len(found) == 6 and all(r.readable for r in found)


def test_the_summary_workbook_reads_back(results: dict[str, FileResult], tmp_path: Path) -> None:
    formula = FileResult(
        name="=HYPERLINK(1)",
        kind="goal",
        unit="=1+2",
        tables=1,
        errors=1,
        rules=(("weight.sum", 2),),
    )
    path = tmp_path / "汇总.xlsx"
    write_summary([*results.values(), formula], path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:2] == [FILES_SHEET, TOTALS_SHEET]
    files = book[FILES_SHEET]
    assert files.freeze_panes == "A2" and files.auto_filter.ref
    rows = list(files.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(results) + 1
    assert {row[0] for row in rows} == {*results, "=HYPERLINK(1)"}
    unread = [row for row in rows if row[1] == "无法读取"]
    assert len(unread) == sum(not r.readable for r in results.values())
    assert rows[: len(unread)] == unread  # the files that could not be read come first
    assert all(row[11] == results[row[0]].reason for row in unread)
    cells = {cell.value: cell for cell in files["A"]}
    assert cells["=HYPERLINK(1)"].data_type == "s"  # a file's text is never a formula
    totals = [row[0] for row in book[TOTALS_SHEET].iter_rows(values_only=True) if row[0]]
    goals = [r for r in results.values() if r.kind == "goal"]
    # the same document sent in several formats counts once
    once = {r.fingerprint: r for r in goals}
    projects = sum(r.tables for r in once.values()) + 1
    assert any(line.startswith(f"编报绩效目标的项目{projects}个，涉及资金") for line in totals)
    repeats = len(goals) - len(once)
    assert repeats >= 4
    assert f"（内容相同的文件只计一次：另有{repeats}个文件与前面的文件内容相同）" in totals
    assert any(line.startswith("绩效自评的项目") for line in totals)
    rule_sheets = book.sheetnames[2:]
    assert "weight.sum" in rule_sheets
    listed = [row[0] for row in book["weight.sum"].iter_rows(min_row=2, values_only=True)]
    assert "=HYPERLINK(1)" in listed
    assert files.page_setup.orientation == "landscape"


def test_the_same_document_in_every_format_is_known_as_one(
    results: dict[str, FileResult],
) -> None:
    """滨海 sent as PDF, Word, Excel (ours and openpyxl's) and .goals: one content; another
    department's file is another."""
    copies = [r for name, r in results.items() if Path(name).name.startswith("滨海")]
    assert len(copies) == 5
    assert len({r.fingerprint for r in copies}) == 1 and copies[0].fingerprint
    others = {r.fingerprint for r in results.values() if r.readable} - {copies[0].fingerprint}
    assert others


def test_an_interrupted_run_s_summary_says_it_is_incomplete(
    results: dict[str, FileResult], tmp_path: Path
) -> None:
    path = tmp_path / "中止.xlsx"
    write_summary(list(results.values())[:3], path, interrupted=True)
    totals = [
        row[0] for row in openpyxl.load_workbook(path)[TOTALS_SHEET].iter_rows(values_only=True)
    ]
    assert "已中止：此汇总只含中止前处理完的文件，不完整" in totals


def test_a_name_that_looks_like_markup_stays_text_in_the_summary(tmp_path: Path) -> None:
    """XlsxWriter would write "<r>…</r>" as rich-string XML; the summary keeps it as text."""
    path = tmp_path / "标记.xlsx"
    markup = FileResult(name="<r>x</r>.xlsx", unit="<r>某局</r>", tables=1, rules=(("a.b", 1),))
    write_summary([markup], path)
    book = openpyxl.load_workbook(path)
    row = next(book[FILES_SHEET].iter_rows(min_row=2, values_only=True))
    assert row[0] == "<r>x</r>.xlsx" and row[2] == "<r>某局</r>"
