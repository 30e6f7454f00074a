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
import hashlib
import json
import os
import socket
import stat
import time
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

from goaleditor.files.lock_host import BOOT, MACHINE, current_user
from goaleditor.files.lock_reading import (
    Found,
    LockedByOther,
    LockInfo,
    close_quietly,
    identity,
    inspect_lock,
    unknown_holder,
)
from goaleditor.files.os_lock import try_os_lock
from goaleditor.files.processes import pid_alive, process_start
from goaleditor.files.removal import remove_ours

MUTEX_SECONDS = 5.0  # how long a takeover waits for another one to finish
_NAME_MAX = 255
_LOCK_NAME_MAX = _NAME_MAX - 16  # room for ".takeover" and ".{8 hex}.new"


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
    found = inspect_lock(lock_path(document))
    return found.info if found is not None and not found.problem else None


def is_stale(info: LockInfo) -> bool:
    """A lock left by a process of this machine that is no longer running."""
    if info.host != socket.gethostname():
        return False
    if info.machine and MACHINE and info.machine != MACHINE:
        return False  # another computer with the same name
    if info.boot and BOOT and info.boot != BOOT:
        return True  # made before this machine last started
    if not pid_alive(info.pid):
        return True
    if info.started:
        started = process_start(info.pid)
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
        info.machine and MACHINE and info.machine != MACHINE
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
            user=current_user(),
            host=socket.gethostname(),
            pid=os.getpid(),
            since=datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
            machine=MACHINE,
            boot=BOOT,
            started=process_start(os.getpid()),
            token=os.urandom(8).hex(),
        )
        self._created: tuple[int, ...] = ()  # the lock file this FileLock created

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
                found = inspect_lock(self.path)
                if found is None:
                    continue  # released meanwhile
                if found.problem or not is_stale(found.info):
                    raise LockedByOther(found.info, found.problem)
                with _takeover_mutex(self.path, found):
                    again = inspect_lock(self.path)
                    if again is not None and again.identity == found.identity:
                        _remove_entry(self.path)
                    created = self._link(temp)
                    if created is not None:
                        return created
            found = inspect_lock(self.path)
            raise LockedByOther(
                found.info if found else unknown_holder(time.time()), "锁文件不断变化，无法锁定"
            )
        finally:
            remove_ours(temp)

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
                found = inspect_lock(self.path)
                if found is not None:
                    if replacing is not None and found.info != replacing:
                        raise LockedByOther(found.info, found.problem)
                    _remove_entry(self.path)
                return bool(self._link(temp))
        finally:
            remove_ours(temp)

    def release(self) -> None:
        """Remove the lock file if it is still ours: its content says so, or, when it cannot
        be read back, it is the very file we created. Never raises."""
        if not self._ours(inspect_lock(self.path)):
            return
        with contextlib.suppress(OSError, LockedByOther), _takeover_mutex(self.path, None):
            if self._ours(inspect_lock(self.path)):
                remove_ours(self.path)

    def _ours(self, found: Found | None) -> bool:
        if found is None:
            return False
        if found.info == self.info:
            return True
        return bool(found.problem) and _fingerprint(self.path) == self._created != ()

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
            remove_ours(temp)
            raise
        return temp

    def _link(self, temp: Path) -> bool | None:
        """Create the lock name from temp: True done, None the name exists, False cannot."""
        try:
            os.link(temp, self.path)
            self._remember_identity()
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
        self._remember_identity()
        return True

    def _remember_identity(self) -> None:
        """The lock file we created, to know it again when its content cannot be read."""
        self._created = _fingerprint(self.path)


def _fingerprint(path: Path) -> tuple[int, ...]:
    """What tells the file at path from any other, even one given the same inode later."""
    try:
        info = os.lstat(path)
    except OSError:
        return ()
    # Not ctime: unlinking the temporary name the lock was linked from changes it.
    return (*identity(info), info.st_size, info.st_mtime_ns)


def _remove_entry(path: Path) -> None:
    """Remove whatever is at the lock path (an empty folder too)."""
    try:
        if stat.S_ISDIR(os.lstat(path).st_mode):
            os.rmdir(path)
        else:
            os.unlink(path)
    except FileNotFoundError:
        pass


def _open_retrying(path: Path) -> int:
    """Open (creating) a file of ours, tried again: a network drive may refuse once."""
    for _ in range(2):
        with contextlib.suppress(OSError):
            return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)


@contextlib.contextmanager
def _takeover_mutex(lock: Path, found: Found | None) -> Iterator[None]:
    """An OS lock (dropped by the OS if we die) that every taker and releaser holds."""
    path = lock.with_name(lock.name + ".takeover")
    deadline = time.monotonic() + MUTEX_SECONDS
    while True:
        fd = _open_retrying(path)
        if not try_os_lock(fd):
            close_quietly(fd)
            if time.monotonic() > deadline:
                info = found.info if found else unknown_holder(time.time())
                raise LockedByOther(info, "另一个程序正在接管这个锁")
            time.sleep(0.005)
            continue
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except OSError:
            same = False
        if same or os.name == "nt":
            break
        close_quietly(fd)  # removed by the previous holder: lock the new one
    try:
        yield
    finally:
        if os.name != "nt":
            remove_ours(path)  # before unlocking, so a waiter sees it is gone
        close_quietly(fd)
        if os.name == "nt":
            remove_ours(path)
