"""Lock before read: nothing can change a .goals file between the editor's reading and its
lock, so a `goaleditor import -o` racing the opening is never silently overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.race_open_save import race_round

ROUNDS = 18


def test_no_lost_update_when_an_import_races_the_opening(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from goaleditor.ui.app import create_application

    create_application()
    rounds = [race_round(tmp_path, number, monkeypatch.setattr) for number in range(ROUNDS)]
    lost = [r for r in rounds if r.lost_update()]
    assert not lost, f"{len(lost)} of {ROUNDS} rounds lost the import's update"
    # The rounds raced for real: in some both the import and the editor wrote the file.
    assert any(r.imported and r.opened for r in rounds)


def test_a_failed_read_releases_the_lock_it_took(qtbot, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from goaleditor.files.lock import read_lock
    from goaleditor.ui.app import create_application
    from goaleditor.ui.prompts import Prompts
    from goaleditor.ui.recent_files import RecentFiles
    from goaleditor.ui.session import DocumentSession
    from tests.helpers import answer

    create_application()
    damaged = tmp_path / "坏.goals"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    session = DocumentSession(Prompts(None), RecentFiles(settings), None)
    asked = answer(session, "确定")
    try:
        assert not session.open(damaged)
        assert asked and read_lock(damaged) is None and session.file_lock is None
    finally:
        session.close()
