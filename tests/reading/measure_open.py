"""Run on demand: how much the reading worker adds to opening an ordinary file.

    PYTHONPATH=. python tests/reading/measure_open.py [FILE ...]

Reads each file in this process (registry.read_document), through the editor's warm worker
(ui/reading_wait.read_file) and as the command line does (read_untrusted: a new worker,
forked where it can be, here spawned since Qt runs threads), alternately, and prints the
medians; the brief allows +80 ms per open.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = [
    ROOT / "resources" / "examples" / "binhai-2026-published.txt",
    ROOT / "tests" / "fixtures" / "hidden-bands.xlsx",
    ROOT / "tests" / "fixtures" / "example-libreoffice.ods",
    ROOT / "tests" / "fixtures" / "example-goaleditor.pdf",
]
ROUNDS = 7


def main() -> None:
    """Print in-process and isolated medians for each file."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from goaleditor.formats.registry import read_document
    from goaleditor.reading import read_untrusted
    from goaleditor.ui import reading_wait
    from goaleditor.ui.app import create_application

    create_application()

    reading_wait.warm_up()
    paths = [Path(p) for p in sys.argv[1:]] or DEFAULT
    reading_wait.read_file(paths[0], None)  # the worker is up (the editor starts it early)
    for path in paths:
        read_document(path)  # both sides have the reader imported before timing
        here, there, cli = [], [], []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            read_document(path, lambda _note: None)
            here.append(time.perf_counter() - started)
            started = time.perf_counter()
            reading_wait.read_file(path, None)
            there.append(time.perf_counter() - started)
            started = time.perf_counter()
            read_untrusted(path)
            cli.append(time.perf_counter() - started)
        a, b, c = (statistics.median(times) * 1000 for times in (here, there, cli))
        print(
            f"{path.name}: in-process {a:.0f} ms, warm worker {b:.0f} ms (+{b - a:.0f} ms), "
            f"new worker {c:.0f} ms (+{c - a:.0f} ms)"
        )


if __name__ == "__main__":
    main()
