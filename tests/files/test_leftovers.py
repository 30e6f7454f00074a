"""What killed saves leave is gone at the next start of any goaleditor process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from goaleditor.files import atomic
from goaleditor.files.atomic import sweep_leftovers, temp_path_for
from goaleditor.formats.canonical_json import dumps
from goaleditor.formats.readers.published_text import read as read_text
from goaleditor.model.store import load_document, save_document
from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "binhai-2026-published.txt"

# Saves the document over and over until killed.
SAVER = """
import sys
from goaleditor.model.store import load_document, save_document
document = load_document(sys.argv[1])
save_document(document, sys.argv[1] + '.warm')
print('ready', flush=True)
while True:
    save_document(document, sys.argv[1])
"""


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if atomic.TEMP_SUFFIX in p.name)


def _kill_while_saving(document: Path) -> list[str]:
    """Kill savers until one leaves a temporary file behind (as a clerk's crash does)."""
    for attempt in range(40):
        child = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(document)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
        )
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        time.sleep(0.05 + attempt * 0.01)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
        left = _leftovers(document.parent)
        if left:
            return left
    return []


def test_a_killed_save_leaves_nothing_after_the_next_command(tmp_path: Path) -> None:
    document = tmp_path / "doc.goals"
    save_document(read_text(EXAMPLE), document)
    expected = dumps(load_document(document))
    left = _kill_while_saving(document)
    assert left, "no kill landed inside a save"
    result = run_cli("check", document)  # reads only: still sweeps the folder it touches
    assert "内部错误" not in result.stderr
    assert _leftovers(tmp_path) == []
    assert dumps(load_document(document)) == expected


def test_a_leftover_named_as_a_killed_save_leaves_goes_at_once(tmp_path: Path) -> None:
    other = tmp_path / "other.goals"
    temp = temp_path_for(other)
    dead = temp.name.replace(f"-{os.getpid()}-", f"-{_dead_pid()}-")
    (tmp_path / dead).write_bytes(b"SQLite format 3\x00 half written")  # a second old
    source = tmp_path / "in.json"
    source.write_text(dumps(read_text(EXAMPLE)), encoding="utf-8")
    result = run_cli("export", source, "-o", tmp_path / "out.pdf")  # another file there
    assert result.returncode == 0, result.stderr
    assert _leftovers(tmp_path) == []


def test_leftovers_of_running_or_other_machines_saves_stay(tmp_path: Path) -> None:
    target = tmp_path / "doc.goals"
    mine = temp_path_for(target)  # this process runs: its save may be under way
    mine.write_bytes(b"writing")
    prefix = atomic._temp_prefix(target)
    other_tag = "0000" if atomic.machine_tag() != "0000" else "0001"
    elsewhere = tmp_path / f"{prefix}{_dead_pid()}-{other_tag}abcd"  # a shared drive
    elsewhere.write_bytes(b"writing")
    now = time.time()
    lock_temp = tmp_path / ".~lock.doc.goals#.0123abcd.new"  # a lock never linked
    lock_temp.write_bytes(b"{}")
    os.utime(lock_temp, (now - 120, now - 120))
    fresh_lock_temp = tmp_path / ".~lock.doc.goals#.4567abcd.new"  # being linked now
    fresh_lock_temp.write_bytes(b"{}")
    user_file = tmp_path / "notes.goaleditor-tmp-1-00000000"  # not hidden: the user's
    user_file.write_bytes(b"mine")
    assert sweep_leftovers([tmp_path, tmp_path]) == [lock_temp]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [mine.name, elsewhere.name, fresh_lock_temp.name, user_file.name]
    )
    old = now - atomic.STALE_DEAD_SECONDS - 1
    os.utime(elsewhere, (old, old))
    assert sweep_leftovers([tmp_path]) == [elsewhere]


def test_a_missing_or_unreadable_folder_is_no_failure(tmp_path: Path) -> None:
    assert sweep_leftovers([tmp_path / "gone", Path("/proc/1/fdinfo")]) == []
