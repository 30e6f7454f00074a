"""The document lock holds: one winner under any race, safe takeover, hostile lock files."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from goaleditor.files import lock as file_lock
from goaleditor.files.lock import FileLock, lock_path, read_lock
from goaleditor.files.lock_reading import LockedByOther, LockInfo

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 300

# Each line on stdin: a round number and when to start; answers "won" or "lost".
RACER = """
import sys, time
from pathlib import Path
from goaleditor.files.lock import FileLock, LockedByOther
folder, held = Path(sys.argv[1]), []
for line in sys.stdin:
    n, start = line.split()
    lock = FileLock(folder / f"doc{n}.goals")
    while time.time() < float(start):
        pass
    try:
        won = lock.acquire()
    except LockedByOther:
        won = False
    if won:
        held.append(lock)  # held while this process lives
    print("won" if won else "lost", flush=True)
"""


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _ours(**changes: object) -> LockInfo:
    """A lock as this machine writes it, changed as asked."""
    return dataclasses.replace(FileLock(Path("x.goals")).info, **changes)  # type: ignore[arg-type]


def _write_lock(document: Path, info: LockInfo) -> None:
    lock_path(document).write_text(json.dumps(dataclasses.asdict(info)), encoding="utf-8")


def test_two_processes_race_300_rounds_one_winner_each(tmp_path: Path) -> None:
    dead = _dead_pid()
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", RACER, str(tmp_path)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    began = time.monotonic()
    try:
        for n in range(ROUNDS):
            document = tmp_path / f"doc{n}.goals"
            if n % 2:  # every other round both take over a crashed editor's lock
                _write_lock(document, _ours(pid=dead, token="crashed"))
            start = f"{n} {time.time() + 0.01}\n"
            for racer in racers:
                assert racer.stdin is not None
                racer.stdin.write(start)
                racer.stdin.flush()
            answers = [racer.stdout.readline().strip() for racer in racers]  # type: ignore[union-attr]
            assert sorted(answers) == ["lost", "won"], f"round {n}: {answers}"
            holder = read_lock(document)
            assert holder is not None and holder.pid == racers[answers.index("won")].pid
        assert time.monotonic() - began < 90
    finally:
        for racer in racers:
            racer.kill()
            racer.wait()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith((".new", ".takeover"))]


def test_lock_is_created_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The lock name appears only by a link of a complete file: never empty, even for a
    moment (the defect: created, then written, so a reader saw it empty)."""
    document = tmp_path / "doc.goals"
    seen: list[bytes] = []
    real_link = os.link

    def link(source: object, destination: object) -> None:
        seen.append(Path(str(source)).read_bytes())
        real_link(source, destination)  # type: ignore[arg-type]

    monkeypatch.setattr(file_lock.os, "link", link)
    lock = FileLock(document)
    assert lock.acquire()
    assert seen and json.loads(seen[0])["token"] == lock.info.token
    lock.release()
    assert list(tmp_path.iterdir()) == []


def test_stale_lock_of_a_dead_process_is_taken_over(tmp_path: Path) -> None:
    document = tmp_path / "doc.goals"
    _write_lock(document, _ours(pid=_dead_pid()))
    lock = FileLock(document)
    assert lock.acquire() and read_lock(document) == lock.info


def test_reused_pid_and_reboot_are_recognised(tmp_path: Path) -> None:
    document = tmp_path / "doc.goals"
    # A running process has that pid now, but started later than the lock's holder did.
    _write_lock(document, _ours(pid=os.getppid(), started="1"))
    assert FileLock(document).acquire()
    lock_path(document).unlink()
    # Written before this machine last started: whatever runs under that pid now is not it.
    _write_lock(document, _ours(pid=os.getppid(), boot="an-earlier-boot"))
    assert FileLock(document).acquire()


def test_running_holder_another_computer_and_old_locks_need_confirmation(tmp_path: Path) -> None:
    document = tmp_path / "doc.goals"
    cases = [
        _ours(pid=os.getpid(), token="running"),
        _ours(host="财务科-PC", pid=_dead_pid()),
        _ours(machine="another-machine-same-name", pid=_dead_pid()),
        LockInfo("李会计", socket.gethostname(), os.getppid(), "2020-01-01 09:00"),
    ]
    for info in cases:
        _write_lock(document, info)
        with pytest.raises(LockedByOther) as held:
            FileLock(document).acquire()
        assert held.value.info == info and held.value.problem == ""
        assert held.value.info.since in str(held.value)
        lock = FileLock(document)
        assert lock.force_acquire(held.value.info)  # the clerk confirmed
        assert read_lock(document) == lock.info
        lock.release()


def test_force_acquire_refuses_a_lock_that_changed_meanwhile(tmp_path: Path) -> None:
    document = tmp_path / "doc.goals"
    confirmed = _ours(host="财务科-PC")
    _write_lock(document, _ours(host="人事科-PC"))
    with pytest.raises(LockedByOther) as held:
        FileLock(document).force_acquire(confirmed)
    assert held.value.info.host == "人事科-PC"


def _folder(path: Path) -> None:
    path.mkdir()


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _to_dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _huge(path: Path) -> None:
    with path.open("wb") as handle:
        handle.truncate(2**30)  # sparse: a GiB read whole would show


def _garbage(path: Path) -> None:
    path.write_bytes(b"\x00\xff{not json" * 10)


def _old_empty(path: Path) -> None:
    path.write_bytes(b"")
    os.utime(path, (time.time() - 3600, time.time() - 3600))


def _escape_sequences(path: Path) -> None:
    path.write_text(json.dumps(dataclasses.asdict(_ours(host="x", user="\x1b[31m红\n"))))


HOSTILE = {
    "folder": (_folder, "文件夹"),
    "fifo": (_fifo, "管道"),
    "link to /dev/zero": (_to_dev_zero, "链接"),
    "huge": (_huge, "过大"),
    "garbage": (_garbage, "无法识别"),
    "empty": (_old_empty, "无法识别"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_lock_files_are_refused_quickly_then_forced(tmp_path: Path, name: str) -> None:
    make, words = HOSTILE[name]
    document = tmp_path / "doc.goals"
    make(lock_path(document))
    began = time.monotonic()
    with pytest.raises(LockedByOther) as held:  # never hangs, never turns locking off
        FileLock(document).acquire()
    assert time.monotonic() - began < 30  # never hangs (a guard, not a speed test)
    assert words in held.value.problem and held.value.info.user == "未知用户"
    assert read_lock(document) is None
    lock = FileLock(document)
    assert lock.force_acquire(held.value.info)
    assert read_lock(document) == lock.info


def test_a_lock_being_written_without_links_is_waited_for_briefly(tmp_path: Path) -> None:
    document = tmp_path / "doc.goals"
    lock_path(document).write_bytes(b"")  # fresh: a drive without hard links, mid-write
    began = time.monotonic()
    with pytest.raises(LockedByOther):
        FileLock(document).acquire()
    assert 0.5 < time.monotonic() - began < 30  # waits, then gives up


def test_a_folder_full_of_things_cannot_be_forced_away(tmp_path: Path) -> None:
    document = tmp_path / "doc.goals"
    lock_path(document).mkdir()
    (lock_path(document) / "keep.txt").write_text("x")
    with pytest.raises(OSError):
        FileLock(document).force_acquire()
    assert (lock_path(document) / "keep.txt").exists()


def test_control_characters_in_a_lock_are_escaped(tmp_path: Path) -> None:
    document = tmp_path / "doc.goals"
    _escape_sequences(lock_path(document))
    with pytest.raises(LockedByOther) as held:
        FileLock(document).acquire()
    assert "\x1b" not in str(held.value) and "\n" not in str(held.value)
    assert "\\x1b[31m红\\n" in held.value.info.describe()


def test_long_names_and_links_share_one_lock(tmp_path: Path) -> None:
    long_name = "长" * 83 + ".goals"  # 255 bytes
    document = tmp_path / long_name
    lock = FileLock(document)
    assert len(os.fsencode(lock.path.name)) <= 255 and lock.acquire()
    link = tmp_path / "link.goals"
    link.symlink_to(long_name)
    with pytest.raises(LockedByOther):
        FileLock(link).acquire()  # through a link: the same document, the same lock
    lock.release()
    assert list(tmp_path.iterdir()) == [link]


def test_release_leaves_someone_elses_lock(tmp_path: Path) -> None:
    document = tmp_path / "doc.goals"
    mine = FileLock(document)
    assert mine.acquire()
    theirs = FileLock(document)
    assert theirs.force_acquire(mine.info)
    mine.release()
    assert read_lock(document) == theirs.info


def test_command_line_refuses_a_locked_document_unless_forced(tmp_path: Path) -> None:
    from tests.helpers import run_cli

    example = ROOT / "resources" / "examples" / "binhai-2026-published.txt"
    document = tmp_path / "共享.goals"
    document.write_bytes(b"old")
    _write_lock(document, _ours(user="李会计", host="财务科-PC", since="2026-11-20 09:00"))
    for command in (("import", example), ("export", example)):
        result = run_cli(*command, "-o", document)
        assert result.returncode == 2 and result.stderr.count("\n") == 1
        assert "李会计（计算机 财务科-PC）自 2026-11-20 09:00 起" in result.stderr
        assert "--force" in result.stderr and document.read_bytes() == b"old"
    result = run_cli("import", example, "-o", document, "--force")
    assert result.returncode == 0, result.stderr
    assert document.read_bytes() != b"old"
    assert read_lock(document) is not None and read_lock(document).host == "财务科-PC"  # type: ignore[union-attr]
    lock_path(document).unlink()
    result = run_cli("export", example, "-o", document)  # not locked: written, lock released
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["共享.goals"]


@pytest.mark.parametrize("pid", [2**63, 2**64, 10**30, -(10**30)])
def test_a_lock_of_a_huge_pid_is_a_dead_holder(tmp_path: Path, pid: int) -> None:
    document = tmp_path / "doc.goals"
    _write_lock(document, _ours(pid=pid))  # no process has such a number: taken over
    lock = FileLock(document)
    assert lock.acquire()
    assert read_lock(document) == lock.info


@pytest.mark.parametrize("pid", ["1e999", "-1e999", "12.5", '"12"', "true", "[1]"])
def test_a_lock_whose_pid_is_no_whole_number_is_unreadable(tmp_path: Path, pid: str) -> None:
    document = tmp_path / "doc.goals"
    text = json.dumps(dataclasses.asdict(_ours()))
    lock_path(document).write_text(re.sub(r'"pid": -?\d+', f'"pid": {pid}', text), "utf-8")
    os.utime(lock_path(document), (time.time() - 60, time.time() - 60))
    with pytest.raises(LockedByOther) as held:
        FileLock(document).acquire()
    assert "无法识别" in held.value.problem
    assert FileLock(document).force_acquire(held.value.info)


def test_command_line_writes_beside_a_lock_of_an_overflowing_pid(tmp_path: Path) -> None:
    from tests.helpers import run_cli

    example = ROOT / "resources" / "examples" / "binhai-2026-published.txt"
    document = tmp_path / "doc.goals"
    text = json.dumps(dataclasses.asdict(_ours(host="财务科-PC")))
    lock_path(document).write_text(re.sub(r'"pid": -?\d+', '"pid": 1e999', text), "utf-8")
    os.utime(lock_path(document), (time.time() - 60, time.time() - 60))
    result = run_cli("import", example, "-o", document)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "内部错误" not in result.stderr and "锁文件内容无法识别" in result.stderr


def test_a_lock_that_cannot_be_read_back_is_still_released(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from goaleditor.files import lock_reading

    document = tmp_path / "doc.goals"
    mine = FileLock(document)
    assert mine.acquire()

    def failing_read(fd: int, size: int) -> bytes:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(lock_reading.os, "read", failing_read)
    mine.release()  # never raises: the very file we created goes
    assert not lock_path(document).exists()
    monkeypatch.undo()
    theirs = FileLock(document)
    assert theirs.acquire()
    monkeypatch.setattr(lock_reading.os, "read", failing_read)
    mine.release()  # another lock file (another inode), unreadable: left alone
    assert lock_path(document).exists()


def test_an_import_whose_lock_read_back_fails_leaves_no_lock(tmp_path: Path) -> None:
    """Every read of the lock file fails (strace injects EIO): the import is written, says
    nothing, and its lock is gone (it once stayed, with 文件操作失败 after a good write)."""
    example = ROOT / "resources" / "examples" / "binhai-2026-published.txt"
    document = tmp_path / "doc.goals"
    inject = ["-e", "trace=read", "-e", "inject=read:error=EIO:when=1+"]
    strace = ["strace", "-qq", "-o", str(tmp_path / "trace"), "-P", str(lock_path(document))]
    result = subprocess.run(
        [*strace, *inject, sys.executable, "-m", "goaleditor", "import", example, "-o", document],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=dict(os.environ, PYTHONIOENCODING="utf-8"),
        timeout=120,
    )
    assert "(INJECTED)" in (tmp_path / "trace").read_text()
    assert result.returncode == 0 and result.stderr == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.goals", "trace"]
