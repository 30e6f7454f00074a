"""read_untrusted: one file read in a worker process, with the fast refusals done here first."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from goaleditor.formats.notes import Warn
from goaleditor.model.document import Document
from goaleditor.reading.worker import MAX_SECONDS, Worker

BASE_SECONDS = 15.0  # a few-KB hostile file is stopped within this (plus the worker's start)
SECONDS_PER_MB = 2.0
FIRST_SIGN_SECONDS = 25.0  # a stuck hostile file ends within 30 s, however large


def deadline_for(size: int) -> float:
    """How long the reading of a file of size bytes may go without a sign of progress:
    15 s + 2 s a MB, at most 25 s. A reading that moves on (pages, rows) goes on, up to
    MAX_SECONDS."""
    return min(BASE_SECONDS + SECONDS_PER_MB * size / 2**20, FIRST_SIGN_SECONDS, MAX_SECONDS)


def start_method() -> str:
    """How to start a worker from here: "fork" on Linux while this process runs one thread
    (the CLI: a few ms instead of a new interpreter), "spawn" elsewhere (Qt's threads, macOS,
    Windows)."""
    qt = "PySide6.QtCore" in sys.modules  # Qt starts threads of its own at any time
    if sys.platform.startswith("linux") and not qt and _threads() == 1:
        return "fork"
    return "spawn"


def _threads() -> int:
    """This process's threads, Qt's and other libraries' native ones included."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return max(2, threading.active_count())  # cannot tell: not worth the risk of forking


def checked_size(path: Path) -> int:
    """The file's size once the registry's fast refusals passed (unknown kind, missing, a
    folder, a pipe or device): none of them needs a worker."""
    from goaleditor.formats.registry import check_readable

    check_readable(path)
    return os.stat(path).st_size


def read_untrusted(
    path: str | os.PathLike[str],
    warn: Warn | None = None,
    *,
    seconds: float | None = None,
    worker: Worker | None = None,
) -> Document:
    """registry.read_document(path, warn) in a worker process (a new one unless worker is
    given), stopped after seconds (by default deadline_for its size).

    A refusal, a parser that dies and the deadline are each one InputError line; the notes
    reach warn once the document is read, as with read_document.
    """
    path = Path(path)
    size = checked_size(path)
    own = worker is None
    worker = worker or Worker(start_method())
    try:
        document, notes = worker.submit(path, seconds or deadline_for(size)).result()
    finally:
        if own:
            worker.close()
    if warn is not None:
        for note in notes:
            warn(note)
    return document
