"""Packaging files: the desktop entry and MIME type are valid and match the file format."""

from __future__ import annotations

import configparser
from pathlib import Path

from defusedxml import ElementTree

from goaleditor.model.store import APPLICATION_ID

PACKAGING = Path(__file__).resolve().parents[1] / "packaging"


def test_desktop_entry() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(PACKAGING / "linux" / "goaleditor.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application" and section["Exec"] == "goaleditor %f"
    assert section["MimeType"] == "application/x-goaleditor;"
    assert section["Name[zh_CN]"] == "绩效目标表编辑器"


def test_mime_magic_matches_the_file_format() -> None:
    tree = ElementTree.parse(PACKAGING / "linux" / "goaleditor-mime.xml")
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime = tree.getroot().find("m:mime-type", ns)
    assert mime is not None and mime.get("type") == "application/x-goaleditor"
    assert mime.find("m:glob", ns).get("pattern") == "*.goals"
    inner = mime.find("m:magic/m:match/m:match", ns)
    assert inner.get("offset") == "68"
    assert inner.get("value").encode("ascii") == APPLICATION_ID.to_bytes(4, "big")


def test_install_points_the_menu_entry_at_the_program_and_uninstall_removes_all(
    tmp_path: Path,
) -> None:
    import os
    import subprocess

    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path))
    script = PACKAGING / "linux" / "install.sh"
    subprocess.run(["sh", str(script)], env=env, check=True, capture_output=True)
    installed = (tmp_path / "applications" / "goaleditor.desktop").read_text(encoding="utf-8")
    exec_line = next(line for line in installed.splitlines() if line.startswith("Exec="))
    program = exec_line.removeprefix("Exec=").removesuffix(" %f").strip('"')
    assert program == "goaleditor" or Path(program).is_file()
    assert (tmp_path / "icons" / "hicolor" / "256x256" / "apps" / "goaleditor.png").is_file()
    subprocess.run(["sh", str(script), "uninstall"], env=env, check=True, capture_output=True)
    leftovers = [p for p in tmp_path.rglob("*") if p.is_file() and "goaleditor" in p.name]
    leftovers += [
        p for p in tmp_path.rglob("*") if p.is_file() and b"x-goaleditor" in p.read_bytes()
    ]
    assert leftovers == []


def test_hidden_imports_follow_the_format_registry(monkeypatch) -> None:
    """The spec lists no format module by hand: every one the registry loads by name is in."""
    import sys
    import types

    from goaleditor.formats.registry import FORMATS, modules

    spec = PACKAGING / "goaleditor.spec"
    text = spec.read_text(encoding="utf-8")
    assert "goaleditor.formats.readers" not in text and "goaleditor.formats.writers" not in text
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_data_files = lambda package: []  # type: ignore[attr-defined]
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    monkeypatch.setattr(sys, "path", list(sys.path))  # the spec puts the project first
    analysis: dict[str, object] = {}
    stubs = {
        "SPECPATH": str(PACKAGING),
        "Analysis": lambda *args, **kwargs: (
            analysis.update(kwargs)
            or types.SimpleNamespace(pure=[], scripts=[], binaries=[], datas=[])
        ),
        "PYZ": lambda *args, **kwargs: None,
        "EXE": lambda *args, **kwargs: None,
        "COLLECT": lambda *args, **kwargs: None,
        "__name__": "spec",
    }
    exec(compile(text, str(spec), "exec"), stubs)
    hidden = analysis["hiddenimports"]
    assert isinstance(hidden, list)
    named = {e.partition(":")[0] for f in FORMATS for e in (f.reader, f.writer) if e}
    assert named == set(modules()) and named <= set(hidden)
