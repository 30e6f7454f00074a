"""Faults while saving: disk full, target folder gone, target not writable."""

from __future__ import annotations

import resource
import signal
from pathlib import Path

from goaleditor.formats.canonical_json import dumps
from goaleditor.model.document import Indicator
from goaleditor.model.store import load_document
from tests.helpers import answer, run_cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "binhai-2026-published.txt"


def _small_disk() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write fails instead of killing us
    resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 1024, resource.RLIM_INFINITY))


def test_cli_disk_full_keeps_old_file(tmp_path: Path) -> None:
    target = tmp_path / "doc.goals"
    target.write_bytes(b"old contents")
    result = run_cli("import", EXAMPLE, "-o", target, preexec_fn=_small_disk)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "磁盘" in result.stderr
    assert target.read_bytes() == b"old contents"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.goals"]


def test_editor_disk_full_keeps_document_modified(window, tmp_path: Path) -> None:
    target = tmp_path / "saved.goals"
    assert window.session.save_to(target)
    before = target.read_bytes()
    window.editor.insert_indicators([Indicator("新指标" * 2000)] * 1, "插入")
    expected = dumps(window.document)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (len(before) + 4096, hard))
    try:
        texts = answer(window, "确定")
        assert not window.save()
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)
    assert len(texts) == 1 and "磁盘" in texts[0] and "\n" not in texts[0]
    assert window.isWindowModified() and dumps(window.document) == expected
    assert target.read_bytes() == before
    left = sorted(p.name for p in tmp_path.iterdir() if p.name != "settings.ini")
    assert left == [".~lock.saved.goals#", "saved.goals"]  # the document and our lock on it
    assert window.save()  # with space again, the same edits save
    assert dumps(load_document(target)) == expected


def test_editor_target_folder_gone(window, tmp_path: Path) -> None:
    folder = tmp_path / "gone"
    texts = answer(window, "确定")
    assert not window.session.save_to(folder / "x.goals")
    assert len(texts) == 1 and "文件夹不存在" in texts[0]
    assert window.session.path is None


def test_editor_target_is_a_folder(window, tmp_path: Path) -> None:
    target = tmp_path / "taken.goals"
    target.mkdir()
    texts = answer(window, "确定")
    assert not window.session.save_to(target)
    assert len(texts) == 1 and "无法保存" in texts[0]
    assert target.is_dir()


def test_editor_read_only_target(window, tmp_path: Path, monkeypatch) -> None:
    """A target the clerk may not write (CI runs as root, so the refusal is simulated
    where the operating system would make it: at the final rename)."""
    import goaleditor.files.atomic

    target = tmp_path / "readonly.goals"
    assert window.session.save_to(target)
    before = target.read_bytes()
    window.editor.insert_indicators([Indicator("改动")], "插入")

    def refuse(source: object, destination: object) -> None:
        raise PermissionError(13, "Permission denied", str(destination))

    monkeypatch.setattr(goaleditor.files.atomic.os, "replace", refuse)
    texts = answer(window, "确定")
    assert not window.save()
    assert len(texts) == 1 and "没有写入权限" in texts[0]
    assert window.isWindowModified() and target.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if "goaleditor-tmp" in p.name]


def test_editor_releases_a_new_lock_when_a_save_fails_unexpectedly(
    window, tmp_path: Path, monkeypatch
) -> None:
    """Not an OSError (a bug, an interrupt): the lock taken for the new file goes too."""
    import pytest

    import goaleditor.model.store
    from goaleditor.files.lock import lock_path

    def broken(document: object, path: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(goaleditor.model.store, "save_document", broken)
    target = tmp_path / "new.goals"
    with pytest.raises(KeyboardInterrupt):
        window.session.save_to(target)
    assert not lock_path(target).exists() and not target.exists()
