"""Atomic file replacement: the old file stays whole until the new one is complete.

The one place outputs are replaced. A symlinked target keeps its link (the file it points
to is replaced); a target with several hard links, or one the user may not write, is
refused (``WriteRefused``); the replacement gets the old file's mode and, where allowed,
its owner. Temporary files are named ``.{name}.goaleditor-tmp-{pid}-{machine}{random}`` so
that the next goaleditor process to start (``sweep_leftovers``) removes the leftovers of a
killed one at once, in whatever folder (``files/pending.py`` notes each one being written).
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import os
import re
import socket
import stat
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from goaleditor.errors import InputError, printable
from goaleditor.files import pending
from goaleditor.files.processes import pid_alive
from goaleditor.files.removal import remove_ours

TEMP_MARK = ".goaleditor-tmp-"
TEMP_SUFFIX = ".goaleditor-tmp"  # the mark every temporary name holds (older versions too)
NAME_MAX = 255
# Bytes a temporary name adds to the target's: "." + mark + pid (≤ 10 digits) + "-" + 8 hex.
_TEMP_OVERHEAD = 1 + len(TEMP_MARK) + 10 + 1 + 8
# A leftover of another machine (or of an older version), whose process is not running here,
# is removed after this long (that machine may be writing it over a network share); any
# leftover after the second. This machine's, its process gone, go at once.
STALE_DEAD_SECONDS = 10 * 60
STALE_ANY_SECONDS = 24 * 3600
# Errors of an interrupted rename (network drives): tried again this many times.
RENAME_RETRIES = 5
_RETRY_ERRNOS = frozenset({errno.EINTR, errno.EBUSY, errno.EAGAIN})
# Characters a temporary name never holds (some writers pass the path through a URL).
_UNSAFE = re.compile(r"[?#%]")
_OUR_TEMP = re.compile(r"\.goaleditor-tmp-(\d+)-([0-9a-f]{4})[0-9a-f]{4}\Z")
_LOCK_TEMP = re.compile(r"\.~lock\..*#\.[0-9a-f]{8}\.new\Z", re.S)
LOCK_TEMP_SECONDS = 60  # a lock's temporary content lives milliseconds
_OLD_TEMP = re.compile(r"\.[0-9a-f]{8}\.goaleditor-tmp\Z")


class WriteRefused(PermissionError, InputError):
    """A target goaleditor will not replace (read-only, several hard links); 另存为 instead.

    str() is one line in Chinese; errno is EACCES or EMLINK; filename is the target.
    """

    def __init__(self, code: int, reason: str, target: Path) -> None:
        OSError.__init__(self, code, reason, str(target))
        self.reason = reason

    def __str__(self) -> str:
        return printable(f"无法写入 {self.filename}：{self.reason}")


@functools.cache
def machine_tag() -> str:
    """Four hex digits that tell this machine's temporary files from another's on a shared
    drive (machine id and host name; read once, when first needed: not at start-up)."""
    from goaleditor.files.lock_host import MACHINE

    return hashlib.sha256(f"{MACHINE}/{socket.gethostname()}".encode()).hexdigest()[:4]


def resolve_target(target: str | os.PathLike[str]) -> Path:
    """The file a write to target really replaces (symlinks followed, even dangling ones)."""
    return Path(os.path.realpath(target))


def temp_path_for(target: Path) -> Path:
    """A fresh hidden temporary path in the target's folder (same file system, ≤ NAME_MAX).

    Its 8 hex digits are this machine's tag (4) and random ones (4): a leftover with our tag
    whose process is gone is removed at once, one of another machine's only once old.
    """
    tail = f"{machine_tag()}{os.urandom(2).hex()}"
    return target.with_name(f"{_temp_prefix(target)}{os.getpid()}-{tail}")


def _temp_prefix(target: Path) -> str:
    """'.{name}.goaleditor-tmp-' with the name made URL-safe and shortened to fit."""
    name = _UNSAFE.sub("_", target.name)
    budget = NAME_MAX - _TEMP_OVERHEAD
    encoded = os.fsencode(name)
    if len(encoded) > budget:
        name = os.fsdecode(encoded[:budget].decode("utf-8", "ignore").encode("utf-8"))
    return f".{name}{TEMP_MARK}"


def check_writable(target: Path) -> None:
    """Refuse a target that exists and that this user may not write, or that is hard-linked."""
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return
    except OSError:
        return  # the write itself reports what is wrong
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "目标是一个文件夹", str(target))
    if not stat.S_ISREG(info.st_mode):  # renaming over a pipe or a device would replace it
        raise WriteRefused(
            errno.EINVAL, "目标不是普通文件（管道或设备），未写入，请另存为其他文件", target
        )
    effective = os.access in os.supports_effective_ids
    if not os.access(target, os.W_OK, effective_ids=effective):
        raise WriteRefused(errno.EACCES, "文件是只读的（没有写入权限），请另存为其他文件", target)
    if stat.S_ISREG(info.st_mode) and info.st_nlink > 1:
        raise WriteRefused(
            errno.EMLINK,
            f"文件有{info.st_nlink}个硬链接，替换后其他链接仍是旧内容，请另存为其他文件",
            target,
        )


def atomic_write(target: str | os.PathLike[str], write: Callable[[Path], None]) -> None:
    """Let write() fill a temporary file, flush it to disk, then rename it over target.

    On any failure the temporary file is removed and target is left untouched. A failure
    after the rename (syncing the folder) is not one: the new file is complete.
    """
    given = Path(target)
    target = resolve_target(given)
    if len(os.fsencode(target.name)) > NAME_MAX:
        raise OSError(errno.ENAMETOOLONG, f"文件名过长（超过{NAME_MAX}字节）", str(given))
    if not target.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, "文件夹不存在", str(given))
    check_writable(target)
    remove_stale_temps(target)
    temp = temp_path_for(target)
    noted = pending.note(temp)  # a kill from here on leaves it for the next start to find
    try:
        os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        write(temp)
        if not temp.exists():
            raise OSError(errno.ENOENT, "路径不存在（写入的临时文件不见了）", str(temp))
        _carry_over_metadata(target, temp)
        _fsync_file(temp)
        _replace(temp, target)
        pending.forget(noted)
    except BaseException as exc:
        remove_ours(temp)
        pending.forget(noted)
        if isinstance(exc, OSError) and exc.filename != str(given):
            # Report the user's file, not our temporary name.
            winerror = getattr(exc, "winerror", None)
            raise OSError(exc.errno, exc.strerror or "", str(given), winerror) from exc
        raise
    _fsync_dir(target.parent)


def _carry_over_metadata(target: Path, temp: Path) -> None:
    """The old file's permissions and, where this user may set it, its owner."""
    try:
        old = os.stat(target)
    except OSError:
        return
    os.chmod(temp, stat.S_IMODE(old.st_mode))
    if hasattr(os, "chown"):
        now = os.stat(temp)
        if (now.st_uid, now.st_gid) != (old.st_uid, old.st_gid):
            for uid, gid in ((old.st_uid, old.st_gid), (-1, old.st_gid)):
                try:
                    os.chown(temp, uid, gid)
                    break
                except OSError:
                    continue  # not root, not a member of that group: keep ours
            os.chmod(temp, stat.S_IMODE(old.st_mode))  # chown clears set-id bits


def _replace(temp: Path, target: Path) -> None:
    for attempt in range(RENAME_RETRIES + 1):
        try:
            os.replace(temp, target)
            return
        except FileNotFoundError:
            if not target.parent.is_dir():
                raise FileNotFoundError(errno.ENOENT, "文件夹不存在", str(target)) from None
            raise OSError(
                errno.ENOENT, "路径不存在（写入的临时文件在替换前被删除）", str(target)
            ) from None
        except OSError as exc:
            if exc.errno not in _RETRY_ERRNOS or attempt == RENAME_RETRIES:
                raise
            time.sleep(0.05 * (attempt + 1))


def remove_stale_temps(target: Path, now: float | None = None) -> list[Path]:
    """Remove leftovers of killed runs beside target; returns what was removed."""
    prefix = _temp_prefix(target)
    old_prefix = f".{target.name}."
    return _sweep(
        target.parent,
        lambda name: name.startswith(prefix) or name.startswith(old_prefix),
        time.time() if now is None else now,
    )


def sweep_leftovers(folders: Iterable[Path], now: float | None = None) -> list[Path]:
    """Remove what killed runs left in these folders (temporary files of a save whose
    process is gone); run at the start of every goaleditor process. Never fails."""
    now = time.time() if now is None else now
    removed: list[Path] = []
    for folder in dict.fromkeys(folders):
        removed += _sweep(folder, lambda name: True, now)
        removed += _sweep_lock_temps(folder, now)
    for noted, temp in pending.noted_temps():  # wherever a killed save was writing
        removed += _sweep(temp.parent, temp.name.__eq__, now)
        if not os.path.lexists(temp):
            pending.forget(noted)
    return removed


def _sweep_lock_temps(folder: Path, now: float) -> list[Path]:
    """A lock's content written under a temporary name, left by a kill before it was linked."""
    removed: list[Path] = []
    with contextlib.suppress(OSError), os.scandir(folder) as scan:
        for entry in scan:
            if not _LOCK_TEMP.match(entry.name):
                continue
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(info.st_mode) and now - info.st_mtime >= LOCK_TEMP_SECONDS:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def _sweep(folder: Path, wanted: Callable[[str], bool], now: float) -> list[Path]:
    removed: list[Path] = []
    try:
        with os.scandir(folder) as scan:
            entries = [e for e in scan if e.name.startswith(".") and TEMP_SUFFIX in e.name]
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not wanted(name):
            continue
        ours = _OUR_TEMP.search(name)
        if ours is None and _OLD_TEMP.search(name) is None:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode) and _stale(ours, now - info.st_mtime):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _stale(ours: re.Match[str] | None, age: float) -> bool:
    """Whether a leftover may go: its process of this machine is gone, or it is old."""
    if age >= STALE_ANY_SECONDS:
        return True
    if ours is None:  # named by an older version: no process to ask
        return age >= STALE_DEAD_SECONDS
    alive = pid_alive(int(ours.group(1)))
    if ours.group(2) == machine_tag():  # this machine's: its process tells
        return not alive
    return not alive and age >= STALE_DEAD_SECONDS  # maybe another machine's, writing


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
    """Make the rename durable; the new file is complete whatever happens here."""
    if os.name != "posix":  # Windows cannot open a directory; its rename is durable enough
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    with contextlib.suppress(OSError):
        os.fsync(fd)
    with contextlib.suppress(OSError):
        os.close(fd)
