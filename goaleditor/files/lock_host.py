"""Who this process is, and whether another one still runs: what tells a dead lock holder apart."""

from __future__ import annotations

import getpass
import os

from goaleditor.model.lock_reading import READ_LIMIT


def pid_alive(pid: int) -> bool:
    """Whether a process of this machine still runs (a foreign one counts as running)."""
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


def process_start(pid: int) -> str:
    """When a process started (clock ticks since boot, Linux), or "" where unknown."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            raw = handle.read(READ_LIMIT)
        return raw.rsplit(b")", 1)[1].split()[19].decode("ascii")
    except (OSError, IndexError, UnicodeDecodeError):
        return ""


def first_line(path: str) -> str:
    """The first line of a small system file, or "" where there is none."""
    try:
        with open(path, "rb") as handle:
            return handle.read(256).decode("ascii", "replace").strip()
    except OSError:
        return ""


def current_user() -> str:
    """The login name, or 未知用户."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "未知用户"


MACHINE = first_line("/etc/machine-id")
BOOT = first_line("/proc/sys/kernel/random/boot_id")
