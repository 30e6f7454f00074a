"""A Dask cluster as the batch's executor (the optional extra goaleditor[cluster]): the same
jobs, each still reading its file in a sandboxed child on the Dask worker."""

from __future__ import annotations

from concurrent.futures import Executor
from contextlib import AbstractContextManager
from typing import Any

from goaleditor.batch.jobs import DAEMON_WORKER, daemonic
from goaleditor.errors import InputError

MISSING = "未安装Dask集群组件：请先安装 goaleditor[cluster]（pip install 'goaleditor[cluster]'）"


class Cluster(AbstractContextManager["Cluster"]):
    """A connection to a Dask scheduler; executor runs jobs on its workers, threads their
    number of job slots (the run hands out that many files ahead)."""

    def __init__(self, address: str) -> None:
        try:
            import distributed
        except ImportError:
            raise InputError(MISSING) from None
        try:
            client: Any = distributed.Client
            self.client: Any = client(address)  # waits distributed.comm.timeouts.connect
        except Exception as exc:  # a refused or unknown address: OSError, ValueError, Timeout…
            raise InputError(f"无法连接Dask调度器 {address}：{exc or type(exc).__name__}") from None
        if any(self.client.run(daemonic).values()):
            self.client.close()
            raise InputError(DAEMON_WORKER)
        self.executor: Executor = self.client.get_executor(pure=False)

    @property
    def threads(self) -> int:
        """The cluster's job slots (its workers' threads), at least 1."""
        threads: dict[str, int] = self.client.nthreads()
        return max(1, sum(threads.values()))

    def __exit__(self, *exc: object) -> None:
        self.client.close()
