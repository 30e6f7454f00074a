"""A batch run: sources handed to a concurrent.futures-style executor a few at a time (memory
stays bounded whatever the folder), results yielded in the order they finish, none lost: a
job that fails is its file's one-line reason. The default executor is a pool of processes,
each reading through its own sandboxed child; any other executor (Dask's) runs the same jobs."""

from __future__ import annotations

import functools
import os
import signal
from collections import deque
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import (
    FIRST_COMPLETED,
    BrokenExecutor,
    Executor,
    Future,
    ProcessPoolExecutor,
    wait,
)
from typing import Any, TypeVar

from goaleditor.batch.jobs import Exported, check_job, close_worker, export_job
from goaleditor.batch.results import FileResult, unreadable
from goaleditor.batch.sources import Source, Walk

Result = TypeVar("Result")
Cancel = Callable[[], bool]
IN_FLIGHT_PER_JOB = 2  # sources handed out ahead per job: workers never wait, memory bounded
POLL_SECONDS = 0.2  # how often a waiting run asks cancel()
JOB_DIED = "批量处理的工作进程意外退出，此文件未能处理"


def default_jobs() -> int:
    """The machine's cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def check_files(
    paths: Iterable[str | os.PathLike[str]],
    jobs: int | None = None,
    executor: Executor | None = None,
    cancel: Cancel | None = None,
    *,
    walk: Walk | None = None,
    as_content: bool = False,
    seconds: float | None = None,
) -> Generator[FileResult, None, None]:
    """Each file under paths read and checked: one FileResult per file, in finishing order.

    jobs: files at once (default the cores); executor: where the jobs run (default a process
    pool of jobs processes, shut down at the end); cancel: asked now and then, True stops the
    run (files not started are not reported). walk: the Walk to use (its skipped names
    fill as it goes); as_content: send files' content, not paths (workers on other machines);
    seconds: each reading's deadline without progress (default: as a single import's).
    """
    sources = walk if walk is not None else Walk(paths)
    job = functools.partial(check_job, seconds=seconds)
    return _run(job, sources, lambda r: r, jobs, executor, cancel, as_content)


def export_files(
    paths: Iterable[str | os.PathLike[str]],
    suffix: str,
    layout: str = "",
    jobs: int | None = None,
    executor: Executor | None = None,
    cancel: Cancel | None = None,
    *,
    walk: Walk | None = None,
    as_content: bool = False,
    seconds: float | None = None,
) -> Generator[Exported, None, None]:
    """Each file under paths read, checked and written as suffix (.pdf/.xlsx/.docx): one
    Exported per file (its output's bytes; batch.naming names it), in finishing order."""
    sources = walk if walk is not None else Walk(paths)
    job = functools.partial(export_job, suffix=suffix, layout=layout, seconds=seconds)
    return _run(job, sources, Exported, jobs, executor, cancel, as_content)


def _run(
    job: Callable[[Source], Result],
    sources: Iterable[Source | FileResult],
    refused: Callable[[FileResult], Result],
    jobs: int | None,
    executor: Executor | None,
    cancel: Cancel | None,
    as_content: bool,
) -> Generator[Result, None, None]:
    jobs = jobs or default_jobs()
    own = executor is None
    pool = executor or local_pool(jobs)
    running: dict[Future[Result], Source] = {}
    pending = iter(sources)
    # Files whose pool process died under them: the culprit or its neighbours. Each is tried
    # again alone on a new pool, so that a second death names the culprit for certain.
    suspects: deque[Source] = deque()
    alone = exhausted = finished = False
    try:
        while True:
            if suspects and not running:
                pool = _usable(pool, own, jobs)
                suspect = suspects.popleft()
                again = _sendable(suspect, as_content)
                if isinstance(again, FileResult):
                    yield refused(again)
                    continue
                running[pool.submit(job, again)] = suspect
                alone = True
            while not (suspects or alone or exhausted) and len(running) < jobs * IN_FLIGHT_PER_JOB:
                item = next(pending, None)
                if item is None:
                    exhausted = True
                    continue
                sent = item if isinstance(item, FileResult) else _sendable(item, as_content)
                if isinstance(sent, FileResult):
                    yield refused(sent)
                    continue
                assert isinstance(item, Source)
                pool = _usable(pool, own, jobs)
                try:
                    running[pool.submit(job, sent)] = item
                except BrokenExecutor:  # another's executor lost: said, the rest go on
                    yield refused(unreadable(item.name, JOB_DIED))
            if not running:
                if suspects:
                    continue
                finished = True
                return
            if cancel is not None and cancel():
                return
            done, _ = wait(running, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
            for future in done:
                source = running.pop(future)
                if own and not alone and _pool_died(future):
                    suspects.append(source)
                else:
                    yield _outcome(future, source, refused)
                alone = alone and bool(running)
    finally:
        for future in running:
            future.cancel()
        if own:
            _stop(pool, finished)


def _usable(pool: Executor, own: bool, jobs: int) -> Executor:
    """The pool, or a new one in place of ours when a process of it died (it takes no more)."""
    if own and getattr(pool, "_broken", False):
        _stop(pool, False)
        return local_pool(jobs)
    return pool


def _pool_died(future: Future[Any]) -> bool:
    """The job's pool process died (all its pool's jobs fail alike, not only the culprit's)."""
    return not future.cancelled() and isinstance(future.exception(), BrokenExecutor)


def _sendable(source: Source, as_content: bool) -> Source | FileResult:
    if not as_content:
        return source
    try:
        return source.with_content()
    except ValueError as exc:
        return unreadable(source.name, str(exc))
    except OSError as exc:
        from goaleditor.errors import io_failure

        return unreadable(source.name, io_failure(exc, reading=True))


def _outcome(
    future: Future[Result], source: Source, refused: Callable[[FileResult], Result]
) -> Result:
    try:
        return future.result()
    except Exception:  # the job's process died (BrokenProcessPool), or a cluster lost it
        return refused(unreadable(source.name, JOB_DIED))


def local_pool(jobs: int) -> ProcessPoolExecutor:
    """jobs processes, started afresh (spawn: safe from a Qt thread or a progress bar's), each
    leaving Ctrl+C to the parent and ending its sandboxed reader when told to stop."""
    import multiprocessing

    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_pool_process_start,
    )


def _pool_process_start() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the run, not each process
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, _end_pool_process)


def _end_pool_process(_signum: int, _frame: Any) -> None:
    """Told to stop mid-file: the sandboxed reader goes too (it would read on, orphaned)."""
    from goaleditor.batch.jobs import _local

    worker = getattr(_local, "worker", None)
    if worker is not None:
        worker.kill()
    os._exit(1)


def _stop(pool: Executor, finished: bool) -> None:
    """End a pool this run started: at once when stopped early (the files still reading are
    stopped, their sandboxed readers with them), else once its processes are idle."""
    if finished:
        pool.shutdown(wait=True)
        return
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(5)


__all__ = ["check_files", "close_worker", "default_jobs", "export_files", "local_pool"]
