"""The error log in the user's data folder (goaleditor-errors.log)."""

from __future__ import annotations

import datetime
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from goaleditor import __version__


def log_path() -> Path:
    """The error log in the user's data folder."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder or Path.home()) / "goaleditor-errors.log"


def log_exception(error: BaseException) -> Path | None:
    """Append an exception with its traceback to the log (and stderr); the log, or None
    when it cannot be written."""
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    print(text, file=sys.stderr)
    log = log_path()
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        stamp = datetime.datetime.now().isoformat(timespec="seconds")
        with log.open("a", encoding="utf-8") as handle:
            handle.write(f"--- {stamp} goaleditor {__version__}\n{text}\n")
    except OSError:
        return None
    return log
