"""A .goals file open in another goaleditor: who holds it, read-only or a copy, stale locks."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

from goaleditor.files.lock import FileLock, lock_path, read_lock
from goaleditor.files.lock_reading import LockedByOther
from goaleditor.formats.readers.published_text import read
from goaleditor.model.store import save_document
from tests.helpers import answer

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "binhai-2026-published.txt"
HOLDER = """
import sys, time
from pathlib import Path
from goaleditor.files.lock import FileLock
lock = FileLock(Path(sys.argv[1]))
assert lock.acquire()
print("HELD", flush=True)
time.sleep(60)
"""


def _doc(tmp_path: Path) -> Path:
    path = tmp_path / "共享.goals"
    save_document(read(EXAMPLE), path)
    return path


def _hold(path: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "HELD"
    return holder


def test_lock_held_by_a_running_editor(tmp_path: Path) -> None:
    path = _doc(tmp_path)
    holder = _hold(path)
    try:
        try:
            FileLock(path).acquire()
        except LockedByOther as held:
            assert held.info.pid == holder.pid and held.info.host == socket.gethostname()
            assert held.info.user and held.info.since
        else:
            raise AssertionError("the lock of a running editor was ignored")
    finally:
        holder.kill()
        holder.wait()
    # The holder died without cleaning up: its lock is stale and is taken over.
    stale = read_lock(path)
    assert stale is not None and stale.pid == holder.pid
    lock = FileLock(path)
    assert lock.acquire()
    assert read_lock(path) == lock.info
    lock.release()
    assert not lock_path(path).exists()


def test_lock_from_another_machine_is_respected(tmp_path: Path) -> None:
    path = _doc(tmp_path)
    lock_path(path).write_text(
        json.dumps({"user": "李会计", "host": "财务科-PC", "pid": 1, "since": "2026-11-20 09:00"}),
        encoding="utf-8",
    )
    try:
        FileLock(path).acquire()
    except LockedByOther as held:
        assert held.info.describe() == "李会计（计算机 财务科-PC）自 2026-11-20 09:00 起"
    else:
        raise AssertionError("a lock from another machine was ignored")


def test_editor_offers_read_only(window, tmp_path: Path) -> None:
    path = _doc(tmp_path)
    holder = _hold(path)
    try:
        before = path.read_bytes()
        seen = answer(window, "以只读方式打开")
        assert window.open_path(path, ask=False)
        assert "正被" in seen[0] and str(holder.pid) not in seen[0]
        assert "（只读）" in window.windowTitle() and window.session.path == path
        window.editor._edit_field(next(window.current_table().indicator_rows())[2], "name", "改")
        window.prompts.save_name = lambda title, start, kind: None
        assert not window.save()  # read-only: only 另存为, and the clerk cancelled it
        assert path.read_bytes() == before
        copy = tmp_path / "我的副本.goals"
        window.prompts.save_name = lambda title, start, kind: copy
        assert window.save() and window.session.path == copy and "只读" not in window.windowTitle()
        assert read_lock(copy) is not None and path.read_bytes() == before
    finally:
        holder.kill()
        holder.wait()


def test_editor_offers_a_copy(window, tmp_path: Path) -> None:
    path = _doc(tmp_path)
    holder = _hold(path)
    try:
        answer(window, "打开副本")
        assert window.open_path(path, ask=False)
        assert window.session.path is None and window.isWindowModified()
    finally:
        holder.kill()
        holder.wait()


def test_editor_locks_and_releases(window, tmp_path: Path, example_path: Path) -> None:
    path = _doc(tmp_path)
    assert window.open_path(path, ask=False)
    assert read_lock(path) is not None
    assert window.open_path(path, ask=False)  # reopening our own file needs no question
    assert window.open_path(example_path, ask=False)
    assert read_lock(path) is None
