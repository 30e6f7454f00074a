"""Untrusted files are read in a worker process: a crash, an abort or a loop there is one
plain line, and the command line lives on (exit 2, within 30 s)."""

from __future__ import annotations

import contextlib
import math
import os
import signal
import sys
import time
from pathlib import Path

import pytest

from goaleditor.errors import InputError, RefusalKind
from goaleditor.formats.canonical_json import dumps
from goaleditor.formats.registry import read_document
from goaleditor.reading import Worker, deadline_for, read_untrusted, start_method
from goaleditor.reading.worker import CRASHED
from tests.helpers import run_cli
from tests.reading.hostile import many_rectangles_pdf, mutual_forms_pdf, self_length_pdf

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="setrlimit and FIFOs are POSIX")


def one_line(result) -> str:  # type: ignore[no-untyped-def]
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return str(lines[0])


@pytest.mark.parametrize("name", ["binhai", "hidden-bands.xlsx", "example-goaleditor.pdf"])
def test_an_ordinary_file_reads_as_in_process_with_its_notes(name: str, example_path) -> None:
    path = example_path if name == "binhai" else FIXTURES / name
    here: list[object] = []
    there: list[object] = []
    expected = read_document(path, here.append)
    assert dumps(read_untrusted(path, there.append)) == dumps(expected)
    assert there == here


@posix_only
def test_a_fifo_is_refused_at_once_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "名单.json"
    os.mkfifo(fifo)
    started = time.monotonic()
    result = run_cli("dump", fifo, timeout=30)
    assert "这不是普通文件（管道或设备），无法读取" in one_line(result)
    assert time.monotonic() - started < 10


def test_a_parser_that_aborts_is_one_line_and_exit_2(aborting_pdf: Path) -> None:
    started = time.monotonic()
    result = run_cli("import", aborting_pdf, "-o", aborting_pdf.with_suffix(".goals"))
    line = one_line(result)
    assert line.endswith(f"{aborting_pdf.name}：{CRASHED}")
    assert time.monotonic() - started < 30
    assert not aborting_pdf.with_suffix(".goals").exists()


def test_an_abort_in_the_worker_is_a_refusal_of_its_own_kind(aborting_pdf: Path) -> None:
    with pytest.raises(InputError) as refused:
        read_untrusted(aborting_pdf, seconds=120)  # aborts in seconds, more on a busy machine
    assert refused.value.kind is RefusalKind.PARSER_FAILED


@pytest.mark.parametrize("make", [mutual_forms_pdf, self_length_pdf])
def test_odd_pdfs_end_in_a_line_or_a_document(make, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path / "odd.pdf")
    result = run_cli("dump", path, timeout=60)
    assert result.returncode in (0, 2), result.stderr
    assert "Traceback" not in result.stderr


def test_a_reading_past_its_deadline_is_stopped_with_one_line(tmp_path: Path) -> None:
    slow = many_rectangles_pdf(tmp_path / "rects.pdf", 300_000)  # ~10 s to read
    started = time.monotonic()
    with pytest.raises(InputError) as refused:
        read_untrusted(slow, seconds=2)
    assert time.monotonic() - started < 6
    assert refused.value.kind is RefusalKind.TOO_SLOW
    assert "读取超时（超过2秒没有进展）" in str(refused.value)


def test_a_worker_killed_by_a_signal_is_the_crash_line(tmp_path: Path) -> None:
    slow = many_rectangles_pdf(tmp_path / "rects.pdf", 300_000)
    worker = Worker(start_method())
    job = worker.submit(slow, 60)
    assert not job.wait(0.5)
    os.kill(worker.process.pid, signal.SIGKILL if sys.platform != "win32" else signal.SIGTERM)
    with pytest.raises(InputError, match=CRASHED):
        job.result()
    assert not worker.usable()


def test_a_warm_worker_reads_one_file_after_another(example_path: Path, tmp_path: Path) -> None:
    worker = Worker("spawn", preload=True)
    try:
        missing_table = tmp_path / "空.txt"
        missing_table.write_text("没有表格", encoding="utf-8")
        first = worker.submit(example_path, 60).result()[0]
        with pytest.raises(InputError):
            worker.submit(missing_table, 60).result()
        again = worker.submit(example_path, 60).result()[0]
        assert dumps(first) == dumps(again)
        assert worker.usable()
    finally:
        worker.close()
    assert not worker.process.is_alive()


def test_the_first_deadline_grows_with_the_file_up_to_25_s() -> None:
    """A file that shows no progress is stopped within 30 s however large (a reading that
    moves on is given more: see the heartbeat tests)."""
    assert deadline_for(2048) == pytest.approx(15, abs=0.01)
    assert deadline_for(4 * 2**20) == pytest.approx(23)
    assert deadline_for(10 * 2**20) == 25
    assert deadline_for(2**31) == 25


def test_a_page_of_a_million_rectangles_ends_in_one_line_within_30_s(tmp_path: Path) -> None:
    crowded = many_rectangles_pdf(tmp_path / "rectangles.pdf", 1_200_000)
    started = time.monotonic()
    result = run_cli("import", crowded, "-o", tmp_path / "out.goals", timeout=60)
    line = one_line(result)
    assert time.monotonic() - started < 30
    assert line.startswith("goaleditor: rectangles.pdf：") and "无法读取" in line


def test_a_refusal_keeps_its_kind_and_technical_detail_across_the_worker(tmp_path: Path) -> None:
    """The clerk's line, the kind and the developer's detail (GOALEDITOR_DEBUG) all come back."""
    path = tmp_path / "damaged.json"
    path.write_text('{"tables": [', encoding="utf-8")
    with pytest.raises(InputError) as here:
        read_document(path)
    with pytest.raises(InputError) as there:
        read_untrusted(path)
    assert str(there.value) == str(here.value)
    assert there.value.kind == here.value.kind
    assert here.value.detail and there.value.detail == here.value.detail


def _goals(tmp_path: Path, example_path: Path, name: str) -> Path:
    path = tmp_path / name
    assert run_cli("import", example_path, "-o", path).returncode == 0
    return path


def test_a_goals_file_a_killed_writer_left_a_journal_beside_reads_through_the_worker(
    tmp_path: Path, example_path: Path
) -> None:
    """SQLite rolls the hot journal back while reading: the worker must be allowed to write."""
    import subprocess
    import textwrap

    path = _goals(tmp_path, example_path, "hot.goals")
    expected = run_cli("dump", path).stdout
    killed = textwrap.dedent(
        f"""
        import os, sqlite3
        c = sqlite3.connect({str(path)!r}, isolation_level=None)
        c.execute("pragma cache_size=1")
        c.execute("begin exclusive")
        c.execute("update indicator set name = name || 'x'")
        os.kill(os.getpid(), 9)
        """
    )
    subprocess.run([sys.executable, "-c", killed], check=False, timeout=60)
    assert (tmp_path / "hot.goals-journal").exists()
    result = run_cli("dump", path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected  # the killed writer's change is rolled back


def test_a_large_goals_file_goaleditor_wrote_reads_back_through_the_worker(
    tmp_path: Path, example_path: Path
) -> None:
    """Long texts make SQLite sort in a temporary file while reading."""
    import json

    document = json.loads(run_cli("dump", example_path).stdout)
    table = document["tables"][0]
    table["goal"] = table["fund_use"] = "中" * 99_000
    for indicator in table["indicators"][:5]:
        indicator["name"], indicator["description"] = "名" * 99_000, "文" * 99_000
    source = tmp_path / "long.json"
    source.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    goals = tmp_path / "long.goals"
    assert run_cli("import", source, "-o", goals).returncode == 0
    result = run_cli("check", goals)
    assert result.returncode in (0, 1) and result.stderr == "", result.stderr


def test_a_slow_reading_that_moves_on_page_by_page_is_not_stopped(tmp_path: Path) -> None:
    """The deadline is for a reading stuck in one place: pages that each take a while, read
    one after another, go on past it (a large publication is no hostile file)."""
    from tests.reading.hostile import slow_pages_pdf

    RECTANGLES = 15_000  # a page that takes a while to read

    def reading_time(pages: int) -> float:
        path = slow_pages_pdf(tmp_path / f"{pages}.pdf", pages, RECTANGLES)
        started = time.monotonic()
        with contextlib.suppress(InputError):
            read_untrusted(path)
        return time.monotonic() - started

    # What one more page costs (the worker's start-up aside: PDFium reads a page quickly).
    per_page = max(0.01, (reading_time(6) - reading_time(1)) / 5)
    # every page shows progress well within it, a busy machine's pause too
    stall = max(3.0, 2.5 * per_page)
    pages = slow_pages_pdf(tmp_path / "pages.pdf", math.ceil(stall / per_page) + 3, RECTANGLES)
    started = time.monotonic()
    try:
        read_untrusted(pages, seconds=stall)
    except InputError as refused:
        assert refused.kind is not RefusalKind.TOO_SLOW, str(refused)
    assert time.monotonic() - started > stall  # it went on past its first deadline
