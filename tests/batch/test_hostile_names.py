"""Names no program expects: a file name of undecodable bytes in the summary, format
characters, lone surrogates and Windows' device names in a document's 单位 as an export's name."""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from pathlib import Path

import openpyxl
import pytest

from goaleditor.batch.naming import Names, safe_stem
from goaleditor.batch.results import FileResult
from goaleditor.batch.sources import Source
from goaleditor.batch.summary import FILES_SHEET, write_summary
from tests.helpers import ROOT, run_cli


@pytest.mark.parametrize(
    ("unit", "stem"),
    [
        ("某局\u202efdp.exe", "某局_fdp.exe"),  # shown right to left it would read exe.pdf
        ("某局\ud800", "某局_"),  # no file system writes a lone surrogate
        ("某局\u2028办公室", "某局_办公室"),
        ("COM¹", "_COM¹"),
        ("lpt².txt", "_lpt².txt"),
        ("CONIN$", "_CONIN$"),
    ],
)
def test_an_export_name_has_no_hidden_character_or_device_name(unit: str, stem: str) -> None:
    assert safe_stem(unit) == stem
    os.fsencode(stem)  # a name this system can write


def test_a_file_name_of_undecodable_bytes_is_shown_in_the_summary(tmp_path: Path) -> None:
    name = "x/" + os.fsdecode("报送".encode("gbk")) + ".xlsx"  # as os.scandir gives it
    summary = tmp_path / "汇总.xlsx"
    write_summary([FileResult(name=name, reason="文件已损坏")], summary)
    rows = openpyxl.load_workbook(summary)[FILES_SHEET].iter_rows(min_row=2, values_only=True)
    assert [row[0] for row in rows] == ["x/\\udcb1\\udca8\\udccb\\udccd.xlsx"]


@pytest.mark.skipif(os.name == "nt", reason="a name of bytes is a POSIX file system's")
def test_a_folder_with_a_gbk_named_file_is_checked_and_summed_up(tmp_path: Path) -> None:
    folder = tmp_path / "报送"
    folder.mkdir()
    named = os.fsencode(folder) + b"/" + "报送".encode("gbk") + b".xlsx"
    shutil.copy(ROOT / "tests" / "fixtures" / "typed-forms.xlsx", named)
    summary = tmp_path / "汇总.xlsx"
    result = run_cli("batch", "check", folder, "-o", summary, "--jobs", "1")
    assert result.returncode == 1, result.stderr  # the fixture's errors, nothing worse
    assert "内部错误" not in result.stderr and summary.is_file()
    assert len(result.stdout.splitlines()) == 1


def test_ten_thousand_documents_of_one_name_are_numbered_in_turn() -> None:
    names = Names()
    names.reserve("甲（3）.pdf")  # the summary or combined PDF, written there by the run
    taken = [names.take("甲", ".pdf") for _ in range(10_000)]
    assert taken[:4] == ["甲.pdf", "甲（2）.pdf", "甲（4）.pdf", "甲（5）.pdf"]
    assert taken[-1] == "甲（10001）.pdf" and len(set(taken)) == 10_000
    assert names.take("甲（2）", ".pdf") == "甲（2）（2）.pdf"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX's")
def test_a_named_pipe_sent_to_a_cluster_is_one_line_not_a_wait_for_ever(tmp_path: Path) -> None:
    from goaleditor.batch.running import _sendable

    pipe = tmp_path / "管道.xlsx"
    os.mkfifo(pipe)  # opening it to read waited for a writer that never comes
    answers: list[object] = []
    sending = threading.Thread(
        target=lambda: answers.append(_sendable(Source(str(pipe), path=pipe), as_content=True))
    )
    sending.start()
    sending.join(20)
    _end_waits(pipe, sending)
    [refused] = answers
    assert isinstance(refused, FileResult) and "不是普通文件" in refused.reason


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX's")
def test_a_named_pipe_named_like_an_archive_is_one_line(tmp_path: Path) -> None:
    from goaleditor.batch.sources import Walk, count_files

    pipe = tmp_path / "管道.zip"
    os.mkfifo(pipe)  # zipfile opened it and waited for a writer that never comes
    found: list[object] = []
    walking = threading.Thread(
        target=lambda: found.extend([count_files([tmp_path]), *Walk([tmp_path])])
    )
    walking.start()
    walking.join(20)
    _end_waits(pipe, walking)
    assert found[0] == 1
    [refused] = found[1:]
    assert isinstance(refused, FileResult) and "不是普通文件" in refused.reason


def _end_waits(pipe: Path, reader: threading.Thread) -> None:
    """A writer for each wait of a reader still waiting on pipe: the test fails, never hangs."""
    while reader.is_alive():
        with contextlib.suppress(OSError):  # no reader at this moment
            os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(0.2)
