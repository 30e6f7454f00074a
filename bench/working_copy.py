"""Cost of committing one edit to the working copy of a 1000-table document.

Baseline, in the same run: the same edits on the document without a working copy.
Target: each edit's commit under 20 ms.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import big_document
from goaleditor.model.working_copy import WorkingCopy

EDITS = 300


def edit_times(document, copy: bool) -> list[float]:
    indicators = [i for t in document.tables for _, _, i in t.indicator_rows()]
    working = WorkingCopy(Path(tempfile.mkdtemp()), document, None) if copy else None
    times = []
    for n in range(EDITS):
        target = indicators[(n * 7919) % len(indicators)]
        start = time.perf_counter()
        document.set_field(target, "value", str(n))
        if working is not None:
            working.flush()  # what the editor does after each edit
        times.append(time.perf_counter() - start)
        if working is not None and n % 50 == 49:
            working.checkpoint()  # what the editor does when idle; not part of an edit
    if working is not None:
        working.close()
    return sorted(times)


def main() -> None:
    document = big_document(1000)
    start = time.perf_counter()
    WorkingCopy(Path(tempfile.mkdtemp()), document, None).close()
    print(
        f"creating the working copy of 1000 tables: {(time.perf_counter() - start) * 1000:7.1f} ms"
    )
    plain = edit_times(document, copy=False)
    with_copy = edit_times(document, copy=True)
    median = with_copy[len(with_copy) // 2] * 1000
    worst = with_copy[-1] * 1000
    base = plain[len(plain) // 2] * 1000
    print(f"edit without working copy (median):       {base:7.3f} ms")
    print(
        f"edit with its commit (median / worst):    {median:7.3f} / {worst:.3f} ms"
        f"  (target < 20 ms; {median / base:.0f}x the bare edit)"
    )


if __name__ == "__main__":
    main()
