"""Who and where this process is (user, machine, boot): what a lock file records of its holder."""

from __future__ import annotations

import getpass


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
