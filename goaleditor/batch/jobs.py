"""The work on one file, as a function any executor can run (a local process pool, a Dask
worker): the file is read in a sandboxed child (reading.Worker: memory cap, deadline, a crash
told as one line), then checked or written here; only a small result travels back."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from goaleditor.batch.results import FileResult, checked, unreadable
from goaleditor.batch.sources import Source
from goaleditor.model.document import Document

_local = threading.local()  # each executor thread keeps its own warm reader
DAEMON_WORKER = (
    "集群的工作进程是守护进程，不能启动读取文件的隔离子进程：请设置环境变量 "
    "DASK_DISTRIBUTED__WORKER__DAEMON=False 后重启 dask worker"
)


@dataclass(frozen=True, slots=True)
class Exported:
    """One file of a batch export: its result (as batch check sees it) and the written
    output's content (None when it could not be read or written)."""

    result: FileResult
    content: bytes | None = None
    failure: str = ""  # why the output could not be written, the file having been read


def check_job(source: Source, seconds: float | None = None) -> FileResult:
    """Read the file in a sandboxed child and check it; never raises (a failure is a reason).
    seconds: how long the reading may go without progress (default: as a single import)."""
    with _reading(source, seconds) as read:
        if isinstance(read, FileResult):
            return read
        document, notes = read
        try:
            return checked(source.name, document, notes)
        except Exception as exc:  # a check that fails on a strange document: said, not lost
            return unreadable(source.name, f"内部错误：检查时出错（{type(exc).__name__}）")


def export_job(
    source: Source, suffix: str, layout: str = "", seconds: float | None = None
) -> Exported:
    """Read and check the file as check_job does, then write it as suffix (.pdf/.xlsx/.docx)
    in the official layout (or layout's) and return the output's bytes."""
    with _reading(source, seconds) as read:
        if isinstance(read, FileResult):
            return Exported(read)
        document, notes = read
        result = checked(source.name, document, notes)
        if layout:
            document.layout = layout
        try:
            return Exported(result, _written(document, suffix))
        except Exception as exc:
            from goaleditor.errors import InputError, printable

            said = str(exc) if isinstance(exc, InputError) else type(exc).__name__
            return Exported(result, None, f"无法导出：{printable(said)}")


def _written(document: Document, suffix: str) -> bytes:
    from goaleditor.formats.registry import write_document

    folder = tempfile.mkdtemp(prefix="goaleditor-batch-")
    try:
        output = Path(folder) / f"out{suffix}"
        write_document(document, output)
        return output.read_bytes()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def _reading(source: Source, seconds: float | None) -> Iterator[tuple[Document, int] | FileResult]:
    """The document and its notes' count, or the file's FileResult when it was refused."""
    from goaleditor.errors import InputError

    with _on_disk(source) as path:
        try:
            document, notes = _read(path, seconds)
        except InputError as refused:
            yield unreadable(source.name, _without_temporary_name(str(refused), path, source))
            return
        except OSError as exc:
            from goaleditor.errors import io_failure

            yield unreadable(source.name, io_failure(exc, reading=True))
            return
        except Exception as exc:  # a reader's bug in the child (ReaderFailed): one line too
            yield unreadable(source.name, f"内部错误：读取时出错（{type(exc).__name__}）")
            return
        yield document, notes


def _read(path: Path, seconds: float | None) -> tuple[Document, int]:
    """Read path in this thread's warm worker (a new one when the last died or timed out)."""
    from goaleditor.reading import Worker, deadline_for, start_method
    from goaleditor.reading.untrusted import checked_size

    size = checked_size(path)
    if daemonic():
        from goaleditor.errors import InputError

        raise InputError(DAEMON_WORKER)
    worker: Worker | None = getattr(_local, "worker", None)
    if worker is None or not worker.usable():
        if worker is not None:
            worker.close()
        worker = _local.worker = Worker(start_method(), preload=True)
    document, notes = worker.submit(path, seconds or deadline_for(size)).result()
    return document, len(notes)


@contextlib.contextmanager
def _on_disk(source: Source) -> Iterator[Path]:
    """The source as a file: its own path, or its content in a temporary file of the same
    extension (never under the member's own name, which may climb out of any folder)."""
    if source.data is None:
        assert source.path is not None
        yield source.path
        return
    descriptor, name = tempfile.mkstemp(prefix="goaleditor-batch-", suffix=source.suffix)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(source.data)
        yield Path(name)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(name)


def _without_temporary_name(line: str, path: Path, source: Source) -> str:
    """A refusal names the file it read: a temporary file's name becomes the member's."""
    if source.data is None:
        return line
    return line.replace(str(path), source.name).replace(path.name, Path(source.name).name)


def daemonic() -> bool:
    """True in a daemonic process (a Dask nanny's worker by default): it may start no child."""
    import multiprocessing

    return bool(multiprocessing.current_process().daemon)


def close_worker() -> None:
    """End this thread's warm reader (a pool process's last act, a test's cleanup)."""
    worker = getattr(_local, "worker", None)
    if worker is not None:
        worker.close()
        _local.worker = None
