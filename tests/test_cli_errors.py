"""The command line's failure lines: Chinese, true, never an exception class or library text."""

from __future__ import annotations

import errno
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from goaleditor import cli
from goaleditor.errors import InputError, io_failure, os_error_reason
from goaleditor.formats.readers import guard
from tests.helpers import ROOT

# An ASCII word of an exception class or a library's English text.
ENGLISH = re.compile(r"[A-Za-z_]*(?:Error|Exception|Warning)\b|\b[A-Za-z][a-z]{2,} [a-z]{3,}\b")


def _fail_with(monkeypatch: pytest.MonkeyPatch, exc: Exception) -> None:
    def boom(_args: object) -> int:
        raise exc

    monkeypatch.setitem(cli._COMMAND_FUNCTIONS, "dump", boom)


def test_an_unexpected_failure_names_no_class_and_no_library_text(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _fail_with(monkeypatch, ValueError("invalid literal for int() with base 10: 'x'"))
    monkeypatch.delenv(cli.DEBUG_VARIABLE, raising=False)
    assert cli.main(["dump", "x.goals"]) == cli.EXIT_USAGE
    line = capsys.readouterr().err
    assert line.count("\n") == 1 and line.startswith("goaleditor: 内部错误")
    assert "ValueError" not in line and "invalid literal" not in line
    assert f"{cli.DEBUG_VARIABLE}=1" in line


def test_the_debug_variable_shows_the_detail(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _fail_with(monkeypatch, ValueError("invalid literal"))
    monkeypatch.setenv(cli.DEBUG_VARIABLE, "1")
    assert cli.main(["dump", "x.goals"]) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert "ValueError: invalid literal" in err and "Traceback" in err
    assert err.rstrip("\n").splitlines()[-1].startswith("goaleditor: 内部错误")


def test_a_refusal_keeps_its_detail_for_the_debug_variable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _fail_with(monkeypatch, guard.damaged("x.xlsx", IndexError("list index out of range")))
    monkeypatch.setenv(cli.DEBUG_VARIABLE, "1")
    cli.main(["dump", "x.goals"])
    err = capsys.readouterr().err
    assert "详情：builtins.IndexError: list index out of range" in err
    last = err.rstrip("\n").splitlines()[-1]
    assert last == "goaleditor: x.xlsx：文件已损坏：工作簿的内容无效（内容不符合文件格式）"


# What parsing can raise, and the words a clerk reads for it (never its class).
PARSING = {
    "ParseError": (guard.ParseError("not well-formed"), "XML格式错误"),
    "BadZipFile": (guard.zipfile.BadZipFile("Bad CRC-32"), "压缩数据无效"),
    "EOFError": (EOFError(), "压缩数据无效"),
    "NotImplementedError": (NotImplementedError("compression type 99"), "不支持"),
    "KeyError": (KeyError("xl/sharedStrings.xml"), "缺少"),
    "UnicodeDecodeError": (UnicodeDecodeError("utf-8", b"\xff", 0, 1, "bad"), "文字编码无效"),
    "OverflowError": (OverflowError("int too large"), "数值超出范围"),
    "ValueError": (ValueError("could not convert string to float"), "内容不符合文件格式"),
    "TypeError": (TypeError("unhashable type: 'list'"), "内容不符合文件格式"),
    "IndexError": (IndexError("list index out of range"), "内容不符合文件格式"),
    "AttributeError": (AttributeError("'NoneType' object has no attribute 'x'"), "内容不符合"),
    "AssertionError": (AssertionError(), "内容不符合文件格式"),
    "RecursionError": (RecursionError("maximum recursion depth"), "嵌套层次过深"),
    "PermissionError": (PermissionError(errno.EACCES, "Permission denied"), "没有读取权限"),
}


@pytest.mark.parametrize("name", list(PARSING))
def test_damage_is_said_in_words_not_classes(name: str) -> None:
    exc, words = PARSING[name]
    for refusal in (
        guard.damaged("x.xlsx", exc, "表1"),
        guard.unreadable("x.docx", exc, "文档内容"),
    ):
        line = str(refusal)
        assert not ENGLISH.search(line) and name not in line, line
        assert name in refusal.detail  # kept for a developer
    assert words in str(guard.unreadable("x.docx", exc, "文档内容"))


BROKEN_JSON = {
    '{"a": }': "此处缺少值",
    '{"a": 1 "b": 2}': "缺少逗号",
    '{"a" 1}': "缺少冒号",
    "{'a': 1}": "属性名应写在英文双引号中",
    '{"a": "x': "字符串缺少结束的引号",
    '{"a": "\\q"}': "无效的转义符",
    '{"a": 1} 2': "多余的内容",
    '{"year": ' + "9" * 5000 + "}": "位数过多的数字",
}


@pytest.mark.parametrize("text", list(BROKEN_JSON))
def test_broken_json_is_said_in_chinese(tmp_path: Path, text: str) -> None:
    from goaleditor.formats import read_document

    path = tmp_path / "x.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_document(path)
    line = str(raised.value)
    assert BROKEN_JSON[text] in line and not ENGLISH.search(line), line


# Each errno a file operation can fail with, and the words that name its real cause.
CAUSES = {
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "磁盘已满",
    errno.ENOENT: "路径不存在",
    errno.EBUSY: "文件被其他程序占用",
    errno.ETXTBSY: "文件被其他程序占用",
    errno.EROFS: "只读的磁盘",
    errno.ENAMETOOLONG: "路径过长",
    errno.EIO: "磁盘读写错误",
    errno.EISDIR: "目标是一个文件夹",
    errno.ETIMEDOUT: "网络驱动器连接超时",
}


@pytest.mark.parametrize("code", list(CAUSES), ids=lambda code: errno.errorcode[code])
def test_each_errno_names_its_cause(code: int) -> None:
    import os

    exc = OSError(code, os.strerror(code), "/data/报表.goals")
    assert CAUSES[code] in os_error_reason(exc)
    line = io_failure(exc)
    assert line.startswith("无法写入 /data/报表.goals：") and not ENGLISH.search(line), line
    reading = os_error_reason(exc, reading=True)
    assert CAUSES[code].replace("写入", "读取") in reading


@pytest.mark.parametrize(("winerror", "words"), [(32, "占用"), (33, "占用"), (112, "磁盘已满")])
def test_windows_sharing_violations_are_a_busy_file(winerror: int, words: str) -> None:
    exc = PermissionError(errno.EACCES, "The process cannot access the file")
    exc.winerror = winerror  # type: ignore[attr-defined]
    assert words in os_error_reason(exc)


def test_an_unknown_errno_gives_its_number_not_the_system_text() -> None:
    assert os_error_reason(OSError(errno.ENOLINK, "Link has been severed")) == (
        f"系统错误（错误码 {errno.ENOLINK}）"
    )


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_termination_signal_during_export_leaves_no_temporary_file_or_lock(
    tmp_path: Path, signum: int
) -> None:
    """Like Ctrl+C: one line, exit 128+N, and the folder as it was (no temp, no lock)."""
    from goaleditor.formats.canonical_json import dumps
    from tests.bench.big_documents import generated_document

    source = tmp_path / "big.json"
    source.write_text(dumps(generated_document(60, 100)), encoding="utf-8")
    out = tmp_path / "out.xlsx"
    for _ in range(5):  # a signal that comes after the write has ended tests nothing: again
        out.unlink(missing_ok=True)
        process = subprocess.Popen(
            [sys.executable, "-m", "goaleditor", "export", str(source), "-o", str(out)],
            cwd=ROOT,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=dict(os.environ, PYTHONIOENCODING="utf-8"),
        )
        deadline = time.monotonic() + 60
        while not any(".goaleditor-tmp" in p.name for p in tmp_path.iterdir()):
            assert process.poll() is None and time.monotonic() < deadline  # writing begins
            time.sleep(0.02)
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=60)
        if process.returncode != 0:
            break
    assert process.returncode == 128 + signum
    assert stderr.splitlines() == ["goaleditor: 已中止（收到终止信号），没有写完的文件已清除"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.json"]


@pytest.mark.parametrize(
    ("stdout", "line"),
    [
        ("closed", "goaleditor: 无法输出：标准输出已关闭"),
        ("/dev/full", "goaleditor: 无法输出到标准输出：磁盘已满"),
    ],
)
def test_dump_to_a_closed_or_full_standard_output_says_so(
    example_path: Path, stdout: str, line: str
) -> None:
    if stdout == "/dev/full" and not Path("/dev/full").exists():
        pytest.skip("this system has no /dev/full to stand for a full disk")
    command = [sys.executable, "-m", "goaleditor", "dump", str(example_path)]
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    with open(os.devnull if stdout == "closed" else stdout, "wb") as sink:
        result = subprocess.run(
            command,
            cwd=ROOT,
            env=env,
            stdout=sink,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            timeout=120,
            close_fds=True,
            preexec_fn=(lambda: os.close(1)) if stdout == "closed" else None,
        )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [line]


def test_dump_into_a_pipe_closed_early_is_quiet(example_path: Path) -> None:
    """`goaleditor dump x | head`: the reader has what it wanted; no line, no traceback."""
    process = subprocess.Popen(
        [sys.executable, "-m", "goaleditor", "dump", str(example_path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=dict(os.environ, PYTHONIOENCODING="utf-8"),
    )
    assert process.stdout is not None
    process.stdout.read(10)
    process.stdout.close()
    _, stderr = process.communicate(timeout=120)
    assert stderr == b"" and process.returncode == 0
