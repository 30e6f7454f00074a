"""The recently opened files and the last folder used, kept in the settings."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QSettings

MAX_RECENT = 8


class RecentFiles:
    """Recent files, newest first, in QSettings."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def add(self, path: Path) -> None:
        """Put a file first in the list and remember its folder."""
        recent = [str(path.resolve())]
        recent += [p for p in self.files() if p != recent[0]]
        self.settings.setValue("recentFiles", recent[:MAX_RECENT])
        self.settings.setValue("lastFolder", str(path.resolve().parent))

    def remember_folder(self, path: Path) -> None:
        """Remember the folder of a file written elsewhere (an export), not the file."""
        self.settings.setValue("lastFolder", str(path.resolve().parent))

    def files(self) -> list[str]:
        """The recent files, newest first."""
        value = self.settings.value("recentFiles", []) or []
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value] if isinstance(value, Iterable) else []

    def last_folder(self) -> str:
        """Where the last file was opened or saved ('' at first)."""
        return str(self.settings.value("lastFolder", "") or "")
