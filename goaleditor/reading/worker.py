"""One worker process that reads files on request, and the job of one file in it.

The child confines itself (limits.confine), then answers each request with the document and
its notes, the refusal's line, or the failure, as bytes (reading.transfer: never pickle, which
would let a child a hostile file took over run code in the editor); the parent waits for the
answer within a wall deadline and kills the child past it. A child that dies (a signal, an
abort in a library, the memory limit) closes its pipe: that is told as one plain line too.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import time
import traceback
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from goaleditor.errors import InputError, RefusalKind
from goaleditor.formats.notes import ImportNote
from goaleditor.formats.readers import guard
from goaleditor.model.document import Document
from goaleditor.reading import transfer

CRASHED = "文件无法读取：解析时程序库异常退出，可能是损坏或恶意的文件"
STOP_SECONDS = 2.0  # how long a closed worker may take to end before it is killed
STALL_SECONDS = 15.0  # a reading that says nothing for this long is stuck
MAX_SECONDS = 300.0  # the longest any reading may take, moving on or not (the PDF reader's cap)

Answer = tuple[Any, ...]


def crashed(path: Path) -> InputError:
    """The one line for a file whose parser died (a crash, an abort, memory exhausted)."""
    return InputError(f"{path.name}：{CRASHED}", RefusalKind.PARSER_FAILED)


def too_slow(path: Path, seconds: float) -> InputError:
    """The one line for a file whose reading went seconds without moving on."""
    return InputError(
        f"{path.name}：文件无法读取：读取超时（超过{seconds:.0f}秒没有进展），"
        "可能是损坏或恶意的文件，已停止",
        RefusalKind.TOO_SLOW,
    )


class ReaderFailed(RuntimeError):
    """A reader raised an unexpected exception in the worker (a bug): its type, text and the
    worker's traceback, for the error log."""


class Worker:
    """A child process reading files one at a time, until closed, killed or dead.

    method: the multiprocessing start method ("spawn", "fork"); preload: import the readers
    at once, so the first file reads as fast as the next (a warm worker).
    """

    def __init__(self, method: str | None = None, *, preload: bool = False) -> None:
        context: Any = multiprocessing.get_context(method)  # typeshed's BaseContext: no Process
        self.connection, child_end = context.Pipe()
        self.process = context.Process(
            target=serve, args=(child_end, preload), name="goaleditor-reader", daemon=True
        )
        self.process.start()
        child_end.close()  # the child's death must close the pipe: only it holds this end now
        self.busy = False

    def usable(self) -> bool:
        """Alive and idle: it can take the next file."""
        return not self.busy and self.process.is_alive() and not self.connection.closed

    def submit(self, path: Path, seconds: float) -> Job:
        """Start reading path, to be answered within seconds (the job says how it ended)."""
        if self.busy:
            raise RuntimeError("the worker is reading another file")
        self.busy = True
        with contextlib.suppress(OSError, ValueError):  # dead meanwhile: the job finds out
            self.connection.send((str(path), seconds))
        return Job(self, path, seconds)

    def kill(self) -> None:
        """End the child now (a deadline, 取消) and close the pipe."""
        with contextlib.suppress(OSError, ValueError, AttributeError):
            self.process.kill()
            self.process.join(STOP_SECONDS)
        self._close_pipe()

    def close(self) -> None:
        """Let an idle child end (asked to; a forked child holds the pipe's other end too, so
        closing it is not enough), killed if it does not."""
        if not self.busy:
            with contextlib.suppress(OSError, ValueError):
                self.connection.send(None)
        self._close_pipe()
        with contextlib.suppress(OSError, ValueError, AttributeError):
            self.process.join(STOP_SECONDS)
            if self.process.is_alive():
                self.kill()

    def _close_pipe(self) -> None:
        with contextlib.suppress(OSError):
            self.connection.close()


class Job:
    """The reading of one file in a worker: wait for it, take its result, or cancel it."""

    def __init__(self, worker: Worker, path: Path, seconds: float) -> None:
        self.worker = worker
        self.path = path
        self.seconds = seconds  # without a sign of progress for this long, it is stuck
        self.start = time.monotonic()
        self.end = self.start + seconds
        self.stall = seconds  # how long it went without moving on when stopped
        self._answer: Answer | None = None

    def _moved_on(self) -> None:
        """The reader says it moves on (pages, rows): the deadline moves with it, up to
        MAX_SECONDS in all. A file stuck in one place is stopped after seconds."""
        now = time.monotonic()
        self.end = max(
            self.end, min(now + min(self.seconds, STALL_SECONDS), self.start + MAX_SECONDS)
        )

    def remaining(self) -> float:
        """Seconds until the deadline (0 once it has passed)."""
        return max(0.0, self.end - time.monotonic())

    def wait(self, timeout: float | None = None) -> bool:
        """Wait up to timeout seconds (None: until the deadline); True once the job has ended:
        answered, the child dead, or the deadline passed."""
        if self._answer is not None:
            return True
        until = None if timeout is None else time.monotonic() + timeout
        connection = self.worker.connection
        while True:
            limit = self.remaining()
            if until is not None:
                limit = min(limit, max(0.0, until - time.monotonic()))
            try:
                ready = connection.poll(limit)
            except (OSError, ValueError):  # closed: killed by cancel()
                ready = True
            if ready:
                answer = self._receive()
                if answer[0] == "alive":
                    self._moved_on()
                    continue
                self._answer = answer
            elif self.remaining() <= 0:
                self.worker.kill()
                self._answer = ("slow",)
            return self._answer is not None

    def _receive(self) -> Answer:
        # Unpacking a large document makes ~200k objects: no cycle collection over them
        # meanwhile (it took two thirds of the unpacking).
        collecting = gc.isenabled()
        gc.disable()
        try:
            answer = transfer.decode(self.worker.connection.recv_bytes(transfer.MAX_ANSWER_BYTES))
        except Exception:  # the child died (a signal, an abort: EOFError), half-answered or
            self.worker.kill()  # answered what no worker says
            return ("crashed",)
        finally:
            if collecting:
                gc.enable()
        if answer[0] == "alive":
            return answer
        self.worker.busy = False
        if answer[0] == "crashed":  # its memory is exhausted: not worth keeping
            self.worker.kill()
        return answer

    def cancel(self) -> None:
        """Stop the reading (the clerk's 取消): the worker is killed."""
        if self._answer is None:
            self.worker.kill()
            self._answer = ("cancelled",)

    def result(self) -> tuple[Document, list[ImportNote]]:
        """The document and its notes in reading order, waiting for them if need be;
        InputError with one line for a refusal, a dead parser or the deadline."""
        self.wait()
        answer = self._answer
        assert answer is not None
        kind = answer[0]
        if kind == "done":
            return answer[1], answer[2]
        if kind == "refused":
            raise InputError(answer[1], RefusalKind(answer[2]), detail=answer[3])
        if kind == "slow":
            raise too_slow(self.path, self.stall)
        if kind == "failed":
            name, text, trace = answer[1:]
            error = ReaderFailed(f"{name}: {text}")
            error.add_note(f"读取 {self.path.name} 时的工作进程：\n{trace}")
            raise error
        if kind == "cancelled":
            raise InputError(f"已取消读取 {self.path.name}", RefusalKind.GENERAL)
        raise crashed(self.path)


def serve(connection: Connection, preload: bool) -> None:
    """The child: confine itself, then read each requested file until the pipe closes."""
    from goaleditor.reading.limits import allow_cpu, confine

    confine()
    unloaded = _reader_modules() if preload else []
    alive = transfer.encode(("alive",))
    while True:
        # Readers load while nothing is asked: a file asked for at once is not kept waiting.
        while unloaded and not connection.poll(0):
            _load(unloaded.pop(0))
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return
        if request is None:  # closed by the parent
            return
        path, _ = request  # the parent keeps the deadline
        allow_cpu(MAX_SECONDS)  # the parent ends a stuck reading; this ends an orphaned one
        guard.on_progress(lambda: connection.send_bytes(alive))
        try:
            answer = read_answer(Path(path))
        finally:
            guard.on_progress(None)
        try:
            connection.send_bytes(transfer.encode(answer))
        except (MemoryError, RecursionError):
            connection.send_bytes(transfer.encode(("crashed",)))
        except Exception as exc:  # a document the transfer cannot carry: a bug, said as one
            failure = ("failed", type(exc).__name__, str(exc), traceback.format_exc())
            connection.send_bytes(transfer.encode(failure))


def read_answer(path: Path) -> Answer:
    """Read path here and now: ("done", document, notes), ("refused", line, kind, detail),
    ("crashed",) when memory or the stack ran out, or ("failed", type, text, traceback)."""
    from goaleditor.formats.registry import read_document

    notes: list[ImportNote] = []
    try:
        document = read_document(path, notes.append)
    except InputError as exc:
        return ("refused", str(exc), exc.kind.value, exc.detail)
    except (MemoryError, RecursionError):
        return ("crashed",)
    except Exception as exc:
        return ("failed", type(exc).__name__, str(exc), traceback.format_exc())
    return ("done", document, notes)


def _reader_modules() -> list[str]:
    """Every reader module, the most common first (a warm worker loads them when idle)."""
    from goaleditor.formats.registry import modules

    return [module for module in modules() if ".writers." not in module]


def _load(module: str) -> None:
    import importlib

    with contextlib.suppress(Exception):  # a missing optional library fails when used
        importlib.import_module(module)
