"""Atomic file replacement: the old file stays whole until the new one is complete."""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable
from pathlib import Path

TEMP_SUFFIX = ".goaleditor-tmp"


def temp_path_for(target: Path) -> Path:
    """A fresh hidden temporary path in the target's folder (same file system)."""
    return target.with_name(f".{target.name}.{os.urandom(4).hex()}{TEMP_SUFFIX}")


def atomic_write(target: str | os.PathLike[str], write: Callable[[Path], None]) -> None:
    """Let write() fill a temporary file, flush it to disk, then rename it over target.

    On any failure the temporary file is removed and target is left untouched.
    """
    target = Path(target)
    if not target.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, "文件夹不存在", str(target))
    temp = temp_path_for(target)
    try:
        write(temp)
        _fsync_file(temp)
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(exc, OSError) and exc.filename != str(target):
            # Report the user's file, not our temporary name.
            raise OSError(exc.errno, exc.strerror or str(exc), str(target)) from exc
        raise
    _fsync_dir(target.parent)


def atomic_write_bytes(target: str | os.PathLike[str], data: bytes) -> None:
    """Atomically replace target with data."""

    def write(temp: Path) -> None:
        temp.write_bytes(data)

    atomic_write(target, write)


def atomic_write_text(target: str | os.PathLike[str], text: str) -> None:
    """Atomically replace target with UTF-8 text (\\n line ends on every platform)."""
    atomic_write_bytes(target, text.encode("utf-8"))


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a directory; its rename is durable enough
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
