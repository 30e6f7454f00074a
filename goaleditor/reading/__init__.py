"""Reading untrusted files in a worker process: its own memory limit, CPU and wall deadlines,
and a crash, abort or loop in a parser told as one plain line (the editor and CLI live on)."""

from goaleditor.reading.untrusted import deadline_for, read_untrusted, start_method
from goaleditor.reading.worker import Job, Worker

__all__ = ["Job", "Worker", "deadline_for", "read_many", "read_untrusted", "start_method"]


def __getattr__(name: str) -> object:
    if name == "read_many":  # the pool loads only for batch work
        from goaleditor.reading.pool import read_many

        return read_many
    raise AttributeError(name)
