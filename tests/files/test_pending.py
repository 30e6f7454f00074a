"""A killed save's temporary file is removed by the next goaleditor process to start,
whatever folder it was in (not only the folders that process touches)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from goaleditor.files import pending
from goaleditor.files.atomic import TEMP_SUFFIX, atomic_write_bytes, sweep_leftovers
from tests.helpers import ROOT

# Writes a big file over and over in its folder until killed.
CHILD = """
import sys
from goaleditor.files.atomic import atomic_write_bytes
data = b"x" * (8 << 20)
print("ready", flush=True)
while True:
    atomic_write_bytes(sys.argv[1], data)
"""


def _leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if TEMP_SUFFIX in p.name]


def test_a_finished_write_leaves_no_note(tmp_path: Path) -> None:
    atomic_write_bytes(tmp_path / "a.bin", b"data")
    assert list(pending.noted_temps()) == []


def test_a_killed_writes_leftover_goes_at_the_next_start_wherever_it_was(tmp_path: Path) -> None:
    folder = tmp_path / "别处的文件夹"
    folder.mkdir()
    for _ in range(60):  # a kill lands inside a write most times; try until one does
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(folder / "out.bin")],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            env=dict(os.environ),
        )
        assert child.stdout is not None and child.stdout.readline() == b"ready\n"
        time.sleep(0.3)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        if _leftovers(folder):
            break
    left = _leftovers(folder)
    assert left, "no kill landed inside a write"
    # (a kill between a write's end and the removal of its note leaves a note alone: fine)
    assert set(left) <= {temp for _, temp in pending.noted_temps()}
    removed = sweep_leftovers([])  # a process that touches none of that folder's files
    assert removed == left and _leftovers(folder) == []
    assert list(pending.noted_temps()) == []
