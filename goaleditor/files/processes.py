"""Whether a process of this machine still runs, and when it started."""

from __future__ import annotations

import os

_PID_MAX = 2**31 - 1  # a larger number names no process (and overflows the OS calls)
_STAT_LIMIT = 4096  # /proc/PID/stat is a few hundred bytes


def pid_alive(pid: int) -> bool:
    """Whether a process of this machine still runs (a foreign one counts as running)."""
    if pid <= 0 or pid > _PID_MAX:
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
    except OSError:
        return True  # alive, someone else's (PermissionError), or we cannot tell
    return True


def process_start(pid: int) -> str:
    """When a process started (clock ticks since boot, Linux), or "" where unknown."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            raw = handle.read(_STAT_LIMIT)
        return raw.rsplit(b")", 1)[1].split()[19].decode("ascii")
    except (OSError, IndexError, UnicodeDecodeError):
        return ""
