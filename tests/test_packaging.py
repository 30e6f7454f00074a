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
