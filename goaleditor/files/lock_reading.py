"""Reading a lock file beside a .goals document, in bounded time and memory, whatever is there."""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import stat
import time
from dataclasses import dataclass, fields
from pathlib import Path

from goaleditor.errors import printable

READ_LIMIT = 4096  # a lock file is ~200 bytes; anything bigger is not one of ours
FRESH_SECONDS = 2.0  # an empty lock this young may still be being written (no hard links)
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)


@dataclass(frozen=True, slots=True)
class LockInfo:
    """Who holds a document open, and since when (plus what tells a dead holder apart)."""

    user: str
    host: str
    pid: int
    since: str
    machine: str = ""  # /etc/machine-id: two computers may share a host name
    boot: str = ""  # the boot id: every process of an earlier boot is gone
    started: str = ""  # the process start time: a pid reused after the holder died
    token: str = ""  # random: tells this lock from any other of the same process

    def describe(self) -> str:
        """One line for the clerk."""
        return printable(f"{self.user}（计算机 {self.host}）自 {self.since} 起")


class LockedByOther(Exception):
    """The document is locked by someone else; ``info`` says who, ``problem`` what is odd.

    ``problem`` is "" for a readable lock, else one line (an unreadable lock, a folder or a
    link in its place); ``info`` then holds 未知用户 and the time the lock file was made.
    ``FileLock.force_acquire(info)`` replaces it once the clerk has confirmed.
    """

    def __init__(self, info: LockInfo, problem: str = "") -> None:
        super().__init__(f"{problem}（{info.describe()}）" if problem else info.describe())
        self.info = info
        self.problem = problem


@dataclass(frozen=True, slots=True)
class Found:
    """What is at a lock path: its identity, the lock read from it, or why it cannot be."""

    identity: tuple[int, int]
    info: LockInfo
    problem: str


def inspect_lock(path: Path) -> Found | None:
    """Read a lock in bounded time and memory; None when there is none."""
    for attempt in range(10):
        try:
            fd = os.open(path, _OPEN_FLAGS)
        except FileNotFoundError:
            if attempt < 2 and os.path.lexists(path):
                continue  # a network drive may fail an open once
            return None
        except OSError:
            try:
                info = os.lstat(path)
            except FileNotFoundError:
                return None
            except OSError:
                return Found((0, 0), unknown_holder(time.time()), "锁文件无法读取")
            if not stat.S_ISREG(info.st_mode):
                return Found(identity(info), unknown_holder(info.st_mtime), _odd(info))
            if attempt < 2:
                continue  # a network drive may fail an open once
            return Found(identity(info), unknown_holder(info.st_mtime), "锁文件无法读取")
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                return Found(identity(info), unknown_holder(info.st_mtime), _odd(info))
            if info.st_size > READ_LIMIT:
                return Found(identity(info), unknown_holder(info.st_mtime), "锁文件过大")
            data = _read_at_most(fd, READ_LIMIT + 1)
        except OSError:  # a read refused (a network drive, a failing disk): as unreadable
            if attempt < 2:
                continue
            try:
                info = os.lstat(path)
            except OSError:
                return Found((0, 0), unknown_holder(time.time()), "锁文件无法读取")
            return Found(identity(info), unknown_holder(info.st_mtime), "锁文件无法读取")
        finally:
            close_quietly(fd)
        parsed = _parse(data) if len(data) <= READ_LIMIT else None
        if parsed is not None:
            return Found(identity(info), parsed, "")
        if attempt < 9 and time.time() - info.st_mtime < FRESH_SECONDS:
            time.sleep(0.1)  # may still be being written by a drive without hard links
            continue
        return Found(identity(info), unknown_holder(info.st_mtime), "锁文件内容无法识别")
    return None  # pragma: no cover - the loop always returns


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        chunk = os.read(fd, limit - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _parse(data: bytes) -> LockInfo | None:
    try:
        raw = json.loads(data.decode("utf-8"))
        known = {f.name for f in fields(LockInfo)}
        values = {k: v for k, v in raw.items() if k in known}
        pid = values.get("pid")
        if not isinstance(pid, int) or isinstance(pid, bool):
            return None  # 1e999, "12", true: we always write a whole number
        info = LockInfo(
            **{k: v if k == "pid" else str(v) for k, v in values.items()}  # type: ignore[arg-type]
        )
    except (ValueError, TypeError, AttributeError, OverflowError, RecursionError):
        return None
    return info


def _odd(info: os.stat_result) -> str:
    if stat.S_ISDIR(info.st_mode):
        return "锁文件的位置是一个文件夹"
    if stat.S_ISLNK(info.st_mode):
        return "锁文件是一个链接"
    if stat.S_ISFIFO(info.st_mode):
        return "锁文件是一个管道"
    return "锁文件不是普通文件"


def identity(info: os.stat_result) -> tuple[int, int]:
    """What tells one file at a path from a later one there."""
    return (info.st_dev, info.st_ino)


def unknown_holder(made: float) -> LockInfo:
    """The holder of a lock that cannot be read: 未知用户, since the file was made."""
    since = datetime.datetime.fromtimestamp(made).strftime("%Y-%m-%d %H:%M")
    return LockInfo(user="未知用户", host="未知计算机", pid=0, since=since)


def close_quietly(fd: int) -> None:
    """Close a descriptor we only read or locked: a failure there changes nothing."""
    with contextlib.suppress(OSError):
        os.close(fd)
