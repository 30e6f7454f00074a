"""Who has a .goals file open: a lock file beside it, understood across machines.

A lock is created whole (its content written to a temporary name, then hard-linked to the
lock name, which fails if the name exists), so two editors never both hold it. A lock left
by a process of this machine that is no longer running (same boot, same process start
time) is taken over under a short OS lock, so two takers never both win. Locks of other
machines, unreadable locks and locks of running processes are only replaced by
``force_acquire()``, after the clerk has confirmed.
"""

from __future__ import annotations

import contextlib
import datetime
import errno
import getpass
import hashlib
import json
import os
import socket
import stat
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from goaleditor.errors import printable

READ_LIMIT = 4096  # a lock file is ~200 bytes; anything bigger is not one of ours
MUTEX_SECONDS = 5.0  # how long a takeover waits for another one to finish
FRESH_SECONDS = 2.0  # an empty lock this young may still be being written (no hard links)
_NAME_MAX = 255
_LOCK_NAME_MAX = _NAME_MAX - 16  # room for ".takeover" and ".{8 hex}.new"
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
class _Found:
    """What is at a lock path: its identity, the lock read from it, or why it cannot be."""

    identity: tuple[int, int]
    info: LockInfo
    problem: str


def lock_path(document: Path) -> Path:
    """The lock file that goes with a document (hidden, beside the file a link points to)."""
    real = Path(os.path.realpath(document))
    name = f".~lock.{real.name}#"
    if len(os.fsencode(name)) > _LOCK_NAME_MAX:
        digest = hashlib.sha256(os.fsencode(real.name)).hexdigest()[:12]
        head = os.fsencode(real.name)[: _LOCK_NAME_MAX - 30].decode("utf-8", "ignore")
        name = f".~lock.{head}~{digest}#"
    return real.with_name(name)


def read_lock(document: Path) -> LockInfo | None:
    """The readable lock on a document, or None when there is none (or it is unreadable)."""
    found = _inspect(lock_path(document))
    return found.info if found is not None and not found.problem else None


def is_stale(info: LockInfo) -> bool:
    """A lock left by a process of this machine that is no longer running."""
    if info.host != socket.gethostname():
        return False
    if info.machine and _MACHINE and info.machine != _MACHINE:
        return False  # another computer with the same name
    if info.boot and _BOOT and info.boot != _BOOT:
        return True  # made before this machine last started
    if not _pid_alive(info.pid):
        return True
    if info.started:
        started = _process_start(info.pid)
        return bool(started) and started != info.started
    return False


OLD_LOCK_HOURS = 12  # an editor left open overnight elsewhere: the clerk may take over


def may_take_over(held: LockedByOther) -> bool:
    """Whether to offer the clerk to take over: an odd lock, another computer's, or an old one.

    A lock of a running editor on this computer is never offered: that editor would lose
    its work. Elsewhere we cannot tell whether the editor still runs, so the clerk decides.
    """
    info = held.info
    if held.problem:
        return True
    elsewhere = info.host != socket.gethostname() or bool(
        info.machine and _MACHINE and info.machine != _MACHINE
    )
    try:
        made = datetime.datetime.strptime(info.since, "%Y-%m-%d %H:%M")
    except ValueError:
        return True  # a date we did not write
    old = datetime.datetime.now() - made > datetime.timedelta(hours=OLD_LOCK_HOURS)
    return elsewhere or old


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
            machine=_MACHINE,
            boot=_BOOT,
            started=_process_start(os.getpid()),
            token=os.urandom(8).hex(),
        )

    def acquire(self) -> bool:
        """Take the lock; LockedByOther if someone else holds it (a stale lock of this
        machine is taken over); False if it cannot be written (a read-only folder), in
        which case nobody can save there anyway."""
        try:
            temp = self._write_temp()
        except OSError:
            return False
        try:
            for _ in range(20):
                created = self._link(temp)
                if created is not None:
                    return created
                found = _inspect(self.path)
                if found is None:
                    continue  # released meanwhile
                if found.problem or not is_stale(found.info):
                    raise LockedByOther(found.info, found.problem)
                with _takeover_mutex(self.path, found):
                    again = _inspect(self.path)
                    if again is not None and again.identity == found.identity:
                        _remove_entry(self.path)
                    created = self._link(temp)
                    if created is not None:
                        return created
            found = _inspect(self.path)
            raise LockedByOther(
                found.info if found else _unknown(time.time()), "锁文件不断变化，无法锁定"
            )
        finally:
            _unlink(temp)

    def force_acquire(self, replacing: LockInfo | None = None) -> bool:
        """Take the lock whoever holds it (after the clerk confirmed replacing that holder).

        With ``replacing``, a lock that is no longer that one raises LockedByOther instead.
        False when the lock cannot be written; OSError when what is in its place cannot
        be removed (a folder that is not empty).
        """
        try:
            temp = self._write_temp()
        except OSError:
            return False
        try:
            with _takeover_mutex(self.path, None):
                found = _inspect(self.path)
                if found is not None:
                    if replacing is not None and found.info != replacing:
                        raise LockedByOther(found.info, found.problem)
                    _remove_entry(self.path)
                return bool(self._link(temp))
        finally:
            _unlink(temp)

    def release(self) -> None:
        """Remove the lock file if it is still ours."""
        found = _inspect(self.path)
        if found is None or found.info != self.info:
            return
        with contextlib.suppress(OSError, LockedByOther), _takeover_mutex(self.path, None):
            found = _inspect(self.path)
            if found is not None and found.info == self.info:
                _unlink(self.path)

    def _write_temp(self) -> Path:
        temp = self.path.with_name(f"{self.path.name}.{os.urandom(4).hex()}.new")
        data = json.dumps(asdict(self.info), ensure_ascii=False).encode("utf-8")
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        fd = os.open(temp, flags, 0o644)
        try:
            try:
                written = os.write(fd, data)
            finally:
                os.close(fd)  # a network drive may report a failed write only here
            if written != len(data):
                raise OSError(errno.ENOSPC, "锁文件没有写完整", str(temp))
        except OSError:
            _unlink(temp)
            raise
        return temp

    def _link(self, temp: Path) -> bool | None:
        """Create the lock name from temp: True done, None the name exists, False cannot."""
        try:
            os.link(temp, self.path)
            return True
        except FileExistsError:
            return None
        except OSError:
            pass  # no hard links here (some network or FAT drives): create exclusively
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return None
        except OSError:
            return False
        with os.fdopen(fd, "wb") as handle:
            handle.write(temp.read_bytes())
        return True


def _inspect(path: Path) -> _Found | None:
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
                return _Found((0, 0), _unknown(time.time()), "锁文件无法读取")
            if not stat.S_ISREG(info.st_mode):
                return _Found(_identity(info), _unknown(info.st_mtime), _odd(info))
            if attempt < 2:
                continue  # a network drive may fail an open once
            return _Found(_identity(info), _unknown(info.st_mtime), "锁文件无法读取")
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                return _Found(_identity(info), _unknown(info.st_mtime), _odd(info))
            if info.st_size > READ_LIMIT:
                return _Found(_identity(info), _unknown(info.st_mtime), "锁文件过大")
            data = _read_at_most(fd, READ_LIMIT + 1)
        finally:
            _close(fd)
        parsed = _parse(data) if len(data) <= READ_LIMIT else None
        if parsed is not None:
            return _Found(_identity(info), parsed, "")
        if attempt < 9 and time.time() - info.st_mtime < FRESH_SECONDS:
            time.sleep(0.1)  # may still be being written by a drive without hard links
            continue
        return _Found(_identity(info), _unknown(info.st_mtime), "锁文件内容无法识别")
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
        info = LockInfo(
            **{k: int(v) if k == "pid" else str(v) for k, v in values.items()}  # type: ignore[arg-type]
        )
    except (ValueError, TypeError, AttributeError):
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


def _identity(info: os.stat_result) -> tuple[int, int]:
    return (info.st_dev, info.st_ino)


def _unknown(made: float) -> LockInfo:
    since = datetime.datetime.fromtimestamp(made).strftime("%Y-%m-%d %H:%M")
    return LockInfo(user="未知用户", host="未知计算机", pid=0, since=since)


def _remove_entry(path: Path) -> None:
    """Remove whatever is at the lock path (an empty folder too)."""
    try:
        if stat.S_ISDIR(os.lstat(path).st_mode):
            os.rmdir(path)
        else:
            os.unlink(path)
    except FileNotFoundError:
        pass


def _unlink(path: Path) -> None:
    """Remove a file of ours if it is there (tried again: a network drive may refuse once)."""
    for _ in range(3):
        try:
            os.unlink(path)
            return
        except FileNotFoundError:
            if not os.path.lexists(path):
                return
        except OSError:
            continue


def _open_retrying(path: Path) -> int:
    """Open (creating) a file of ours, tried again: a network drive may refuse once."""
    for _ in range(2):
        with contextlib.suppress(OSError):
            return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)


def _close(fd: int) -> None:
    """Close a descriptor we only read or locked: a failure there changes nothing."""
    with contextlib.suppress(OSError):
        os.close(fd)


@contextlib.contextmanager
def _takeover_mutex(lock: Path, found: _Found | None) -> Iterator[None]:
    """An OS lock (dropped by the OS if we die) that every taker and releaser holds."""
    path = lock.with_name(lock.name + ".takeover")
    deadline = time.monotonic() + MUTEX_SECONDS
    while True:
        fd = _open_retrying(path)
        if not _try_os_lock(fd):
            _close(fd)
            if time.monotonic() > deadline:
                info = found.info if found else _unknown(time.time())
                raise LockedByOther(info, "另一个程序正在接管这个锁")
            time.sleep(0.005)
            continue
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except OSError:
            same = False
        if same or os.name == "nt":
            break
        _close(fd)  # removed by the previous holder: lock the new one
    try:
        yield
    finally:
        if os.name != "nt":
            _unlink(path)  # before unlocking, so a waiter sees it is gone
        _close(fd)
        if os.name == "nt":
            _unlink(path)


def _try_os_lock(fd: int) -> bool:
    """True once this process holds the OS lock on fd; False while another one does."""
    if os.name == "nt":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:
        return True  # no OS locks on this drive: the hard link alone has to do
    return True


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


def _process_start(pid: int) -> str:
    """When a process started (clock ticks since boot, Linux), or "" where unknown."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            raw = handle.read(READ_LIMIT)
        return raw.rsplit(b")", 1)[1].split()[19].decode("ascii")
    except (OSError, IndexError, UnicodeDecodeError):
        return ""


def _first_line(path: str) -> str:
    try:
        with open(path, "rb") as handle:
            return handle.read(256).decode("ascii", "replace").strip()
    except OSError:
        return ""


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "未知用户"


_MACHINE = _first_line("/etc/machine-id")
_BOOT = _first_line("/proc/sys/kernel/random/boot_id")
