"""OS locks on open files (flock, msvcrt): dropped by the OS when the process dies."""

from __future__ import annotations

import os
from pathlib import Path


def lock_exclusive(fd: int) -> None:
    """Lock fd for this process without waiting; OSError while another one holds it."""
    if os.name == "nt":
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def try_os_lock(fd: int) -> bool:
    """True once this process holds the OS lock on fd; False while another one does.

    A drive without OS locks (posix) counts as locked: other means have to do there.
    """
    try:
        lock_exclusive(fd)
    except BlockingIOError:
        return False
    except OSError:
        return os.name != "nt"  # on Windows a refusal is another holder
    return True


class ProcessLock:
    """An OS lock on a file held while this process lives; the OS drops it when it dies."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle = path.open("a+b")
        try:
            lock_exclusive(self._handle.fileno())
        except OSError:
            self._handle.close()
            raise

    def release(self) -> None:
        """Let go of the lock (closing the file drops it)."""
        self._handle.close()


def is_locked(path: Path) -> bool:
    """Whether another process (or another handle here) holds the OS lock on path."""
    try:
        probe = ProcessLock(path)
    except OSError:
        return True
    probe.release()
    return False
