"""The same batch on a Dask cluster (goaleditor[cluster]): a LocalCluster started here, the
command line sending it each file's content; each file still read in a sandboxed child."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import dask
import openpyxl
import pytest
from distributed import LocalCluster

from goaleditor.batch.jobs import DAEMON_WORKER
from goaleditor.batch.summary import FILES_SHEET
from tests.batch.conftest import HOSTILE, expected_names
from tests.helpers import run_cli


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    """One worker of two threads in this process, reached over TCP as a bureau's would be."""
    with LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, protocol="tcp", dashboard_address=None
    ) as local:
        yield local


def test_the_folder_is_checked_on_the_cluster_one_line_per_file(
    cluster: LocalCluster, bureau_folder: Path, tmp_path: Path
) -> None:
    summary = tmp_path / "汇总.xlsx"
    address = cluster.scheduler_address
    result = run_cli(
        "batch", "check", bureau_folder, "--scheduler", address, "-o", summary, timeout=300
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = {line.split("\t")[0]: line for line in result.stdout.splitlines() if line}
    assert set(lines) == expected_names(bureau_folder)
    for name, word in HOSTILE.items():
        assert word in lines[f"{bureau_folder}/{name}"], lines[f"{bureau_folder}/{name}"]
    assert "\t6张表\t1305.60万元\t" in lines[str(bureau_folder / "滨海.pdf")]
    rows = openpyxl.load_workbook(summary)[FILES_SHEET].max_row - 1
    assert rows == len(lines)


def test_a_cluster_whose_workers_cannot_start_a_child_is_refused_in_one_line() -> None:
    with (
        dask.config.set({"distributed.worker.daemon": True}),
        LocalCluster(
            n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as daemonic,
    ):
        result = run_cli("batch", "check", ".", "--scheduler", daemonic.scheduler_address)
    assert result.returncode == 2
    assert result.stderr.strip() == f"goaleditor: {DAEMON_WORKER}"


def test_an_address_with_no_scheduler_is_one_line() -> None:
    quick = dict(
        os.environ, PYTHONIOENCODING="utf-8", DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT="3s"
    )
    result = run_cli("batch", "check", ".", "--scheduler", "tcp://127.0.0.1:9", env=quick)
    assert result.returncode == 2
    assert result.stderr.startswith("goaleditor: 无法连接Dask调度器 tcp://127.0.0.1:9")
