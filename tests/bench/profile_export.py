"""Time and peak memory of Word and xlsx export of a generated document (run by hand).

python -m tests.bench.profile_export docx 1 20000 [profile]
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from goaleditor.formats.writers import excel, word
from tests.bench.big_documents import generated_document


def main() -> None:
    """Export one generated document and print seconds and the tracemalloc peak."""
    kind, tables, indicators = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    mode = sys.argv[4] if len(sys.argv) > 4 else ""
    document = generated_document(tables, indicators)
    writer = word.write if kind == "docx" else excel.write
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"out.{kind}"
        if mode == "profile":
            profiler = cProfile.Profile()
            profiler.runcall(writer, document, path)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
            return
        if mode == "memory":
            tracemalloc.start()
        start = time.perf_counter()
        writer(document, path)
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] / 2**20 if mode == "memory" else 0.0
        size = path.stat().st_size / 2**20
        print(f"{kind} {tables}x{indicators}: {seconds:.2f} s, peak {peak:.0f} MiB, {size:.1f} MiB")


if __name__ == "__main__":
    main()
