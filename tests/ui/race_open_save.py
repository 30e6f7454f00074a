"""The editor opening a .goals file while another process writes it: no lost update.

One round: a session opens the file; just before it takes the lock, `goaleditor import -o`
of another document into the same file starts (and, every third round, is waited for).
The session then edits and saves. An update is lost when the import succeeded but the
session had read the file before it: its save silently overwrote the import.

Run on demand (300 rounds):  PYTHONPATH=. python tests/ui/race_open_save.py 300
The suite runs ~20 rounds (tests/ui/test_lock_before_read.py).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "binhai-2026-published.txt"


@dataclass
class Round:
    """What one round saw."""

    opened: bool  # the session opened the file (not refused, not locked out)
    read: str  # the project name the session read ("" when not opened)
    imported: bool  # the import wrote the file (exit 0)
    marker: str  # the project name the import wrote
    saved_last: bool  # the file ends as the session saved it (not as the import wrote it)

    def lost_update(self) -> bool:
        """The import wrote its document, but the session's save of what it had read before
        came after it: the import's document is gone without a word."""
        return self.imported and self.saved_last and self.read != self.marker


def make_source(folder: Path, marker: str) -> Path:
    """A canonical-JSON document whose first project is named marker."""
    from goaleditor.formats.canonical_json import dumps
    from goaleditor.formats.readers.published_text import read

    document = read(EXAMPLE)
    document.tables[0].project_name = marker
    path = folder / f"{marker}.json"
    path.write_text(dumps(document), encoding="utf-8")
    return path


def start_goals(path: Path) -> None:
    """The .goals file both sides write, with its first project named 原稿."""
    from goaleditor.formats.readers.published_text import read
    from goaleditor.model.store import save_document

    document = read(EXAMPLE)
    document.tables[0].project_name = "原稿"
    save_document(document, path)


def race_round(folder: Path, number: int, patch: Any) -> Round:
    """One round in folder; patch(obj, name, value) replaces an attribute for the round."""
    from PySide6.QtCore import QSettings

    from goaleditor.files.lock import FileLock
    from goaleditor.model.edits import SetHeader
    from goaleditor.model.store import load_document
    from goaleditor.ui.prompts import Prompts
    from goaleditor.ui.recent_files import RecentFiles
    from goaleditor.ui.session import DocumentSession

    goals = folder / f"第{number}轮.goals"
    start_goals(goals)
    marker = f"导入{number}"
    source = make_source(folder, marker)
    original = FileLock.acquire
    started: list[subprocess.Popen[bytes]] = []

    def racing_acquire(lock: FileLock) -> bool:
        if lock.document == goals and not started:
            started.append(
                subprocess.Popen(
                    [sys.executable, "-m", "goaleditor", "import", str(source), "-o", str(goals)],
                    cwd=ROOT,
                    env=dict(os.environ, PYTHONPATH=str(ROOT)),
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
            if number % 3 == 0:
                started[0].wait(60)
            else:
                time.sleep(random.uniform(0, 0.6))
        return original(lock)

    patch(FileLock, "acquire", racing_acquire)
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    session = DocumentSession(Prompts(None), RecentFiles(settings), None)
    # Locked by the import for a moment: the clerk cancels (nothing is read, nothing lost).
    session.prompts.choose = lambda *args, **kwargs: "取消"  # type: ignore[method-assign]
    try:
        opened = session.open(goals)
        read = session.document.tables[0].project_name if opened else ""
        if opened:
            session.apply(SetHeader(session.document.tables[0], "goal", f"编辑{number}"))
            assert session.save(), "the session could not save"
    finally:
        session.close()
        patch(FileLock, "acquire", original)
    imported = bool(started) and started[0].wait(60) == 0
    final = load_document(goals).tables[0]
    saved_last = opened and final.goal == f"编辑{number}"
    return Round(opened, read, imported, marker, saved_last)


def main() -> int:
    """Run the rounds given on the command line (default 300); exit 1 on a lost update."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from goaleditor.ui.app import create_application

    create_application()
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    lost = opened = imported = both = 0
    with tempfile.TemporaryDirectory() as folder:
        for number in range(rounds):
            result = race_round(Path(folder), number, setattr)
            lost += result.lost_update()
            opened += result.opened
            imported += result.imported
            both += result.opened and result.imported
    print(
        f"{rounds}轮：编辑器打开{opened}次，导入写入{imported}次，两者都写入{both}次，丢失更新{lost}次"
    )
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
