"""Writes respect the file: permissions, owners, links, names, leftovers, and success."""

from __future__ import annotations

import errno
import os
import pwd
import stat
import time
from pathlib import Path

import pytest

from goaleditor.files import atomic
from goaleditor.files.atomic import WriteRefused, atomic_write_bytes, remove_stale_temps
from goaleditor.model.store import load_document
from tests.helpers import run_cli
from tests.ordinary_user import give, run_cli_as_user, user_folder, user_ids

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "binhai-2026-published.txt"


def _temps(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if atomic.TEMP_SUFFIX in p.name]


def _one_line(stderr: str) -> str:
    assert stderr.count("\n") == 1 and "Traceback" not in stderr, stderr
    return stderr


@pytest.mark.parametrize("output", ["doc.goals", "doc.json", "doc.pdf"])
def test_read_only_target_is_refused_for_an_ordinary_user(output: str) -> None:
    with user_folder() as folder:
        target = folder / output
        target.write_bytes(b"old contents")
        give(target)
        target.chmod(0o444)
        command = ("import", EXAMPLE) if output.endswith(".goals") else ("export", EXAMPLE)
        result = run_cli_as_user(*command, "-o", target)
        assert result.returncode == 2
        line = _one_line(result.stderr)
        assert "只读" in line and "另存为" in line and str(target) in line
        assert target.read_bytes() == b"old contents"
        assert stat.S_IMODE(target.stat().st_mode) == 0o444
        assert _temps(folder) == []


def test_permissions_are_kept_for_an_ordinary_user() -> None:
    with user_folder() as folder:
        private = folder / "private.goals"
        private.write_bytes(b"old")
        give(private)
        private.chmod(0o600)
        shared = folder / "shared.goals"  # the group is root's: the user cannot keep it
        shared.write_bytes(b"old")
        os.chown(shared, user_ids()[0], 0)
        shared.chmod(0o664)
        for target, mode in ((private, 0o600), (shared, 0o664)):
            result = run_cli_as_user("import", EXAMPLE, "-o", target)
            assert result.returncode == 0, result.stderr
            assert stat.S_IMODE(target.stat().st_mode) == mode
            assert target.stat().st_uid == user_ids()[0]
            assert load_document(target).tables


def test_owner_and_mode_are_carried_over(tmp_path: Path) -> None:
    target = tmp_path / "theirs.goals"
    target.write_bytes(b"old")
    nobody = pwd.getpwnam("nobody")
    os.chown(target, nobody.pw_uid, nobody.pw_gid)  # we run as root: ownership is ours to keep
    target.chmod(0o640)
    atomic_write_bytes(target, b"new")
    info = target.stat()
    assert (info.st_uid, info.st_gid) == (nobody.pw_uid, nobody.pw_gid)
    assert stat.S_IMODE(info.st_mode) == 0o640 and target.read_bytes() == b"new"


def test_symlink_is_kept_and_its_target_replaced(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "links").mkdir()
    real = tmp_path / "real" / "doc.goals"
    real.write_bytes(b"old")
    link = tmp_path / "links" / "doc.goals"
    link.symlink_to("../real/doc.goals")
    result = run_cli("import", EXAMPLE, "-o", link)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == "../real/doc.goals"
    assert load_document(real).tables
    dangling = tmp_path / "links" / "new.goals"
    dangling.symlink_to("../real/new.goals")
    atomic_write_bytes(dangling, b"fresh")
    assert dangling.is_symlink() and (tmp_path / "real" / "new.goals").read_bytes() == b"fresh"
    assert _temps(tmp_path / "real") == [] and _temps(tmp_path / "links") == []


def test_hard_linked_target_is_refused_with_a_reason(tmp_path: Path) -> None:
    target = tmp_path / "doc.goals"
    target.write_bytes(b"old")
    other = tmp_path / "backup.goals"
    os.link(target, other)
    with pytest.raises(WriteRefused) as refused:
        atomic_write_bytes(target, b"new")
    assert refused.value.errno == errno.EMLINK and "另存为" in str(refused.value)
    result = run_cli("import", EXAMPLE, "-o", target)
    assert result.returncode == 2 and "硬链接" in _one_line(result.stderr)
    assert target.read_bytes() == other.read_bytes() == b"old"
    assert os.stat(target).st_nlink == 2 and _temps(tmp_path) == []


def test_temp_names_are_recognisable_and_fit(tmp_path: Path) -> None:
    for name in ("doc.goals", "data?v2.goals", "长" * 83 + ".goals"):
        temp = atomic.temp_path_for(tmp_path / name)
        assert temp.parent == tmp_path and temp.name.startswith(".")
        assert f"{atomic.TEMP_MARK}{os.getpid()}-" in temp.name and "?" not in temp.name
        assert len(os.fsencode(temp.name)) <= 255


def test_leftovers_of_killed_runs_are_removed_later(tmp_path: Path) -> None:
    target = tmp_path / "doc.goals"
    mark = atomic._temp_prefix(target)
    dead = _dead_pid()
    hour = 3600
    cases = {  # name: (age in seconds, removed)
        f"{mark}{dead}-0123abcd": (11 * 60, True),  # its process is gone
        f"{mark}{dead}-1123abcd": (60, False),  # gone, but maybe another machine's, writing
        f"{mark}{os.getpid()}-2123abcd": (hour, False),  # its process still runs
        f"{mark}{os.getpid()}-3123abcd": (25 * hour, True),  # far too old whatever runs
        ".doc.goals.4123abcd.goaleditor-tmp": (hour, True),  # named by an older version
        f".other.goals{atomic.TEMP_MARK}{dead}-5123abcd": (25 * hour, False),  # not ours
        "doc.goals.goaleditor-tmp-1-0123abcd": (25 * hour, False),  # not hidden: the user's
    }
    now = time.time()
    for name, (age, _removed) in cases.items():
        (tmp_path / name).write_bytes(b"partial")
        os.utime(tmp_path / name, (now - age, now - age))
    atomic_write_bytes(target, b"new")
    left = {p.name for p in tmp_path.iterdir()}
    assert left == {"doc.goals"} | {n for n, (_, removed) in cases.items() if not removed}
    assert remove_stale_temps(target) == []


@pytest.mark.parametrize("size", [231, 240, 255])
def test_long_names_are_written(tmp_path: Path, size: int) -> None:
    name = "x" * (size - len(".goals")) + ".goals"
    assert len(os.fsencode(name)) == size
    result = run_cli("import", EXAMPLE, "-o", tmp_path / name)
    assert result.returncode == 0, result.stderr
    assert load_document(tmp_path / name).tables and _temps(tmp_path) == []


def test_too_long_a_name_says_so(tmp_path: Path) -> None:
    result = run_cli("import", EXAMPLE, "-o", tmp_path / ("长" * 84 + ".goals"))
    line = _one_line(result.stderr)
    assert result.returncode == 2 and "文件名过长" in line and "权限" not in line


@pytest.mark.parametrize("name", ["data?v2.goals", "a%20b.goals", "c#1.goals"])
def test_url_characters_in_names_write_exactly_there(tmp_path: Path, name: str) -> None:
    (tmp_path / "data").write_bytes(b"someone else's")
    result = run_cli("import", EXAMPLE, "-o", tmp_path / name)
    assert result.returncode == 0, result.stderr
    assert "文件夹不存在" not in result.stderr
    assert load_document(tmp_path / name).tables
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["data", name])
    assert (tmp_path / "data").read_bytes() == b"someone else's"


def test_failing_folder_sync_after_the_rename_is_success(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "doc.goals"
    target.write_bytes(b"old")
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EIO, "Input/output error")
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"


@pytest.mark.parametrize("code", [errno.EINTR, errno.EBUSY, errno.EAGAIN])
def test_interrupted_rename_is_tried_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    target = tmp_path / "doc.goals"
    target.write_bytes(b"old")
    real_replace = os.replace
    failures = [code, code]

    def replace(source: str, destination: str) -> None:
        if failures:
            raise OSError(failures.pop(), os.strerror(code))
        real_replace(source, destination)

    monkeypatch.setattr(atomic.os, "replace", replace)
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new" and _temps(tmp_path) == []
    failures.extend([code] * 50)  # a drive that never lets go: an error, the old file whole
    with pytest.raises(OSError) as failed:
        atomic_write_bytes(target, b"newer")
    assert failed.value.errno == code and failed.value.filename == str(target)
    assert target.read_bytes() == b"new" and _temps(tmp_path) == []


def _dead_pid() -> int:
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.mark.parametrize("through_link", [False, True])
def test_a_pipe_named_as_the_output_is_refused_not_replaced(
    tmp_path: Path, example_path: Path, through_link: bool
) -> None:
    """Renaming over a FIFO (or a device a link points to) would replace it with a file."""
    fifo = tmp_path / "管道.pdf"
    os.mkfifo(fifo)
    target = fifo
    if through_link:
        target = tmp_path / "链接.pdf"
        target.symlink_to(fifo)
    with pytest.raises(WriteRefused) as refused:
        atomic_write_bytes(target, b"%PDF-")
    assert "不是普通文件" in str(refused.value)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    result = run_cli("export", example_path, "-o", target)
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert "不是普通文件（管道或设备）" in line
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["管道.pdf", *(["链接.pdf"] if through_link else [])]
    )  # no lock or temporary file left
