"""The run itself: a pool process that dies takes no file with it (the others are tried again
on a new pool, the culprit is one line), results come as they finish."""

from __future__ import annotations

import os
from pathlib import Path

from goaleditor.batch.results import FileResult, unreadable
from goaleditor.batch.running import JOB_DIED, _run
from goaleditor.batch.sources import Source


def dying_job(source: Source) -> FileResult:
    """A job that ends its own process on files named 致命 (as a crash outside the sandbox
    would), and reports the others with the pid that did them."""
    if "致命" in source.name:
        os._exit(9)
    return FileResult(name=source.name, unit=str(os.getpid()))


def test_a_dead_pool_process_loses_no_other_file(tmp_path: Path) -> None:
    names = [f"{n}.xlsx" for n in range(12)]
    names.insert(3, "致命.xlsx")
    sources = [Source(str(tmp_path / name), path=tmp_path / name) for name in names]
    found = list(_run(dying_job, sources, lambda r: r, 2, None, None, False))
    by_name = {Path(r.name).name: r for r in found}
    assert sorted(by_name) == sorted(names) and len(found) == len(names)
    assert by_name["致命.xlsx"].reason == JOB_DIED
    assert all(by_name[name].readable for name in names if name != "致命.xlsx")


def test_refusals_found_before_any_job_are_results_too() -> None:
    refusal = unreadable("坏.zip", "压缩包无法打开（x）")
    found = list(_run(dying_job, [refusal], lambda r: r, 1, None, None, False))
    assert found == [refusal]
