"""The files of a batch: paths given, folders recursed, .zip archives opened member by member
under caps (members, sizes, bombs, nested archives, names that climb out: each refused as one
line), produced lazily so that a folder of any size costs only the file at hand."""

from __future__ import annotations

import contextlib
import os
import stat
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from goaleditor.batch.results import FileResult, unreadable

ARCHIVE_SUFFIX = ".zip"
MAX_ARCHIVE_MEMBERS = 5_000  # a province's harvest is a few thousand files; more is refused
MAX_MEMBER_BYTES = 100 * 2**20  # one member, decompressed (a real goal-table file: a few MB)
MAX_ARCHIVE_BYTES = 2 * 2**30  # all members of one archive, decompressed
_CHUNK = 2**20
NOT_REGULAR = "这不是普通文件（管道或设备），无法读取"
_OFFICE_LEFTOVERS = ("~$", ".~lock")  # Office's and LibreOffice's lock files, not documents


@dataclass(frozen=True, slots=True)
class Source:
    """One file to read: a path on disk, or the content of a member of an archive."""

    name: str  # as shown: the path given, or archive.zip/member
    path: Path | None = None
    data: bytes | None = None

    @property
    def suffix(self) -> str:
        """The file's extension, lower case (names the format)."""
        return PurePosixPath(self.name).suffix.lower()

    def with_content(self) -> Source:
        """The same file carried as its content (for workers that do not share this disk);
        ValueError when it is too large to send, OSError when it cannot be read."""
        if self.data is not None or self.path is None:
            return self
        # Opened without waiting: a named pipe's open would wait for a writer, forever.
        descriptor = os.open(self.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(descriptor, "rb") as file:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                raise ValueError(NOT_REGULAR)
            data = file.read(MAX_MEMBER_BYTES + 1)
        if len(data) > MAX_MEMBER_BYTES:
            raise ValueError(f"文件超过{MAX_MEMBER_BYTES // 2**20}MB，不发送到集群读取")
        return Source(self.name, None, data)


@dataclass
class Walk:
    """The files under the paths given, in order; skipped: the names passed over (files of
    no readable kind inside folders and archives, Office lock files); leave_out: the run's own
    outputs (resolved), never read back when they lie inside a folder given."""

    paths: Iterable[str | os.PathLike[str]]
    skipped: list[str] = field(default_factory=list)
    leave_out: frozenset[Path] = frozenset()
    _seen: set[tuple[int, int]] = field(default_factory=set, init=False, repr=False)

    def __iter__(self) -> Iterator[Source | FileResult]:
        for given in self.paths:
            path = Path(given)
            if path.is_dir():
                yield from self._folder(path)
            else:
                yield from self._file(path, explicit=True)

    def _folder(self, folder: Path) -> Iterator[Source | FileResult]:
        """The folder's files in name order, depth first: by a stack of listings, not by
        recursion (a folder thousands deep ran out of Python's stack)."""
        listed = _listing(folder)
        if isinstance(listed, FileResult):
            yield listed
            return
        stack = [iter(listed)]
        while stack:
            entry = next(stack[-1], None)
            if entry is None:
                stack.pop()
                continue
            path = Path(entry.path)
            if self.leave_out and path.resolve() in self.leave_out:
                continue
            if entry.is_dir(follow_symlinks=False):
                inner = _listing(path)
                if isinstance(inner, FileResult):
                    yield inner
                else:
                    stack.append(iter(inner))
            elif not entry.is_symlink() or path.is_file():
                yield from self._file(path, explicit=False)

    def _file(self, path: Path, *, explicit: bool) -> Iterator[Source | FileResult]:
        if not self._first_time(path):
            return
        if path.suffix.lower() == ARCHIVE_SUFFIX:
            yield from self._archive(path)
        elif explicit or _readable_kind(path.name):
            yield Source(str(path), path=path)
        elif not _editor_lock(path.name):  # the editor's own locks: passed over silently
            self.skipped.append(str(path))

    def _first_time(self, path: Path) -> bool:
        """False for a file met before (named twice, in a folder also given, or linked to):
        read once, so that the totals count it once."""
        try:
            status = path.stat()
        except OSError:
            return True  # its reading says why it cannot be read
        key = (status.st_dev, status.st_ino)
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    def _archive(self, path: Path) -> Iterator[Source | FileResult]:
        if not _regular(path):  # a named pipe's open waits for a writer, for ever
            yield unreadable(str(path), NOT_REGULAR)
            return
        try:
            archive = zipfile.ZipFile(path)
        except (OSError, zipfile.BadZipFile, ValueError) as exc:
            yield unreadable(str(path), f"压缩包无法打开（{_why(exc)}）")
            return
        with archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            if len(members) > MAX_ARCHIVE_MEMBERS:
                yield unreadable(
                    str(path),
                    f"压缩包有{len(members)}个文件，超过{MAX_ARCHIVE_MEMBERS}个的上限，未展开",
                )
                return
            budget = MAX_ARCHIVE_BYTES
            for member in members:
                name = f"{path}/{_member_name(member)}"
                if PurePosixPath(name).suffix.lower() == ARCHIVE_SUFFIX:
                    yield unreadable(name, "压缩包中的压缩包不展开，请先解压外层压缩包")
                elif not _readable_kind(name):
                    self.skipped.append(name)
                elif budget <= 0:
                    yield unreadable(name, "压缩包解压后超过2GB的上限，其余文件未展开")
                else:
                    item = _extract(archive, member, name, min(budget, MAX_MEMBER_BYTES))
                    if isinstance(item, Source) and item.data is not None:
                        budget -= len(item.data)
                    yield item


def _listing(folder: Path) -> list[os.DirEntry[str]] | FileResult:
    """The folder's entries by name, or the line why they cannot be listed."""
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda entry: entry.name)
    except OSError as exc:
        return unreadable(str(folder), f"无法列出文件夹：{exc.strerror or exc}")


def _regular(path: Path) -> bool:
    """path is a regular file, or cannot be looked at (its opening then says why)."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return True


def _editor_lock(name: str) -> bool:
    """A lock file the editor writes beside an open document (`.~lock.NAME#`, files/lock.py)."""
    return name.startswith(".~lock.") and name.endswith("#")


def _readable_kind(name: str) -> bool:
    """A name of a kind `import` reads, and no Office lock file."""
    from goaleditor.formats.registry import format_for

    base = PurePosixPath(name).name
    if base.startswith(_OFFICE_LEFTOVERS):
        return False
    fmt = format_for(PurePosixPath(name).suffix)
    return fmt is not None and fmt.reader is not None


def _member_name(member: zipfile.ZipInfo) -> str:
    """The member's name as its maker wrote it: archives made on Chinese Windows store GBK
    without saying so (zipfile reads those as cp437). Only shown, never used as a path."""
    from goaleditor.errors import printable

    name = member.filename
    if not member.flag_bits & 0x800:
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            name = name.encode("cp437").decode("gbk")
    return printable(name.replace("\\", "/").lstrip("/"))


def _extract(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str, limit: int
) -> Source | FileResult:
    """The member's content read up to limit bytes (its header's size is not trusted)."""
    if member.flag_bits & 0x1:
        return unreadable(name, "压缩包中的文件有密码保护，无法读取")
    if member.file_size > limit:
        return _too_large(name, limit)
    chunks, total = [], 0
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(_CHUNK):
                total += len(chunk)
                if total > limit:
                    return _too_large(name, limit)
                chunks.append(chunk)
    except (OSError, zipfile.BadZipFile, ValueError, NotImplementedError, EOFError) as exc:
        return unreadable(name, f"压缩包中的文件无法解压（{_why(exc)}）")
    except Exception as exc:  # zlib.error and the like from a damaged stream
        return unreadable(name, f"压缩包中的文件无法解压（{_why(exc)}）")
    return Source(name, data=b"".join(chunks))


def _too_large(name: str, limit: int) -> FileResult:
    return unreadable(
        name, f"解压后超过{limit // 2**20}MB，可能是恶意的压缩文件（压缩炸弹），未读取"
    )


def _why(exc: BaseException) -> str:
    from goaleditor.errors import printable

    return printable(str(exc) or type(exc).__name__)[:120]


def count_files(paths: Iterable[str | os.PathLike[str]]) -> int:
    """About how many files a Walk of paths gives (names only: for a progress bar's total)."""
    total = 0
    for given in paths:
        path = Path(given)
        if path.is_dir():
            total += sum(_count_one(file) for file in _files_under(path))
        else:
            total += _count_one(path) or 1
    return total


def _files_under(folder: Path) -> Iterator[Path]:
    """The files under folder, as os.walk finds them, by a stack (os.walk recurses: a folder
    thousands deep ran out of Python's stack)."""
    folders = [folder]
    while folders:
        listed = _listing(folders.pop())
        if isinstance(listed, FileResult):
            continue
        for entry in listed:
            if entry.is_dir(follow_symlinks=False):
                folders.append(Path(entry.path))
            elif not entry.is_dir():  # a link to a folder: os.walk neither counts nor enters it
                yield Path(entry.path)


def _count_one(path: Path) -> int:
    if path.suffix.lower() != ARCHIVE_SUFFIX:
        return 1 if _readable_kind(path.name) else 0
    if not _regular(path):
        return 1
    try:
        with zipfile.ZipFile(path) as archive:
            names = [m.filename for m in archive.infolist()[:MAX_ARCHIVE_MEMBERS]]
    except (OSError, zipfile.BadZipFile, ValueError):
        return 1
    return max(1, sum(1 for name in names if _readable_kind(name)))
