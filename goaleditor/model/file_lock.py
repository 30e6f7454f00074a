"""Who has a .goals file open: a lock file beside it, understood across machines."""

from __future__ import annotations

import contextlib
import datetime
import getpass
import json
import os
import socket
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class LockInfo:
    """Who holds a document open, and since when."""

    user: str
    host: str
    pid: int
    since: str

    def describe(self) -> str:
        """One line for the clerk."""
        return f"{self.user}（计算机 {self.host}）自 {self.since} 起"


class LockedByOther(Exception):
    """The document is open in another running goaleditor."""

    def __init__(self, info: LockInfo) -> None:
        super().__init__(info.describe())
        self.info = info


def lock_path(document: Path) -> Path:
    """The lock file that goes with a document (hidden, in the same folder)."""
    return document.with_name(f".~lock.{document.name}#")


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, someone else's
    return True


def read_lock(document: Path) -> LockInfo | None:
    """The lock on a document, or None when there is none (or it is unreadable)."""
    try:
        data = json.loads(lock_path(document).read_text(encoding="utf-8"))
        return LockInfo(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def is_stale(info: LockInfo) -> bool:
    """A lock left by a process of this machine that is no longer running."""
    return info.host == socket.gethostname() and not _pid_alive(info.pid)


class FileLock:
    """Holds a document's lock file while the document is open here."""

    def __init__(self, document: Path) -> None:
        self.document = document
        self.path = lock_path(document)
        self.info = LockInfo(
            user=_user(),
            host=socket.gethostname(),
            pid=os.getpid(),
            since=datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
        )

    def acquire(self) -> bool:
        """Take the lock; LockedByOther if a live editor holds it; False if it cannot be
        written (a read-only folder), in which case nobody can save there anyway."""
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                holder = read_lock(self.document)
                if holder is not None and not is_stale(holder):
                    raise LockedByOther(holder) from None
                with contextlib.suppress(OSError):
                    self.path.unlink()  # stale or damaged: take it over
                continue
            except OSError:
                return False
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(asdict(self.info), handle, ensure_ascii=False)
            return True
        return False

    def release(self) -> None:
        """Remove the lock file if it is still ours."""
        if read_lock(self.document) == self.info:
            with contextlib.suppress(OSError):
                self.path.unlink()


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "未知用户"
