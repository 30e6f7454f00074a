"""A note, per temporary file being written, of where it is: a killed save's leftover is found
by the next goaleditor process to start, whatever folder it was in."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from goaleditor.files.removal import remove_ours

_NOTE_SUFFIX = ".pending"
MAX_NOTES = 1_000  # a start never reads more than this many (a folder filled by someone else)


def state_folder() -> Path:
    """goaleditor's own folder for state that outlives a process (not the user's documents)."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Application Support")
    else:
        base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "goaleditor" / "pending-writes"


def _note_for(temp: Path) -> Path:
    digest = hashlib.sha1(os.fsencode(temp)).hexdigest()[:16]
    return state_folder() / f"{digest}{_NOTE_SUFFIX}"


def note(temp: Path) -> Path | None:
    """Note that temp is being written (None when the note cannot be made: the write goes on,
    its leftover is then found only beside later writes)."""
    path = _note_for(temp)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(os.fsencode(temp))
    except OSError:
        return None
    return path


def forget(note_path: Path | None) -> None:
    """The write is over (done or cleaned up): its note goes."""
    if note_path is not None:
        remove_ours(note_path)


def noted_temps() -> Iterator[tuple[Path, Path]]:
    """(note, temporary file) for every write a process noted and did not finish."""
    with contextlib.suppress(OSError), os.scandir(state_folder()) as scan:
        for count, entry in enumerate(scan):
            if count >= MAX_NOTES:
                return
            if not entry.name.endswith(_NOTE_SUFFIX):
                continue
            with contextlib.suppress(OSError, ValueError):
                with open(entry.path, "rb") as handle:
                    temp = Path(os.fsdecode(handle.read(4096)))
                yield Path(entry.path), temp
