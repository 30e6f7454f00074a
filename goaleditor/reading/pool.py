"""read_many: a folder's worth of untrusted files read by a few workers at once."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.connection import wait
from pathlib import Path

from goaleditor.errors import InputError
from goaleditor.formats.notes import ImportNote
from goaleditor.model.document import Document
from goaleditor.reading.untrusted import checked_size, deadline_for, start_method
from goaleditor.reading.worker import Job, Worker

Outcome = tuple[Path, Document | InputError, list[ImportNote]]


def read_many(
    paths: Iterable[str | os.PathLike[str]],
    workers: int = 2,
    *,
    method: str | None = None,
    seconds: float | None = None,
) -> Iterator[Outcome]:
    """Read each file in one of `workers` worker processes: (path, document or the InputError
    that refused it, notes), in the order they finish. A worker whose file killed it or ran
    past its deadline (seconds, by default deadline_for its size) is replaced; the others
    go on."""
    pending = deque(Path(p) for p in paths)
    method = method or start_method()
    idle: list[Worker] = []
    running: dict[Worker, Job] = {}
    try:
        while pending or running:
            while pending and len(running) < max(1, workers):
                path = pending.popleft()
                try:
                    size = checked_size(path)
                except InputError as refused:  # a pipe, a folder: no worker needed
                    yield path, refused, []
                    continue
                worker = idle.pop() if idle else Worker(method, preload=True)
                running[worker] = worker.submit(path, seconds or deadline_for(size))
            if not running:
                continue
            soonest = min(job.remaining() for job in running.values())
            wait([w.connection for w in running], timeout=soonest)
            for worker, job in list(running.items()):
                if not job.wait(0):
                    continue
                del running[worker]
                if worker.usable():
                    idle.append(worker)
                else:
                    worker.close()
                yield _outcome(job)
    finally:
        for worker in [*idle, *running]:
            worker.kill() if worker.busy else worker.close()


def _outcome(job: Job) -> Outcome:
    try:
        document, notes = job.result()
    except InputError as refused:
        return job.path, refused, []
    return job.path, document, notes
