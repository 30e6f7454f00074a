"""Run on demand: every hostile case of issue 23 through the command line, timed.

    PYTHONPATH=. python tests/reading/hostile_cases.py

Each case must end in exit 0, or exit 2 with one line, within 30 s; the worker reading it
is limited to 1.5 GiB of address space (goaleditor/reading/limits.py), so the peak shown
(of this script's children, the largest one) stays under it.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.reading.hostile import (
    double_deflate_pdf,
    many_rectangles_pdf,
    mutual_forms_pdf,
    self_length_pdf,
)

ROOT = Path(__file__).resolve().parents[2]
LIMIT_SECONDS = 30


def cases(folder: Path) -> list[Path]:
    """The hostile files, made in folder."""
    fifo_json, fifo_xlsx = folder / "pipe.json", folder / "pipe.xlsx"
    os.mkfifo(fifo_json)
    os.mkfifo(fifo_xlsx)
    return [
        double_deflate_pdf(folder / "double-deflate-1GB.pdf"),
        mutual_forms_pdf(folder / "mutual-forms.pdf"),
        self_length_pdf(folder / "self-length.pdf"),
        many_rectangles_pdf(folder / "rectangles-1.2M.pdf"),
        fifo_json,
        fifo_xlsx,
    ]


def main() -> int:
    """Run `goaleditor import CASE -o OUT.goals` for each case; exit 1 if one fails."""
    failed = 0
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for path in cases(folder):
            started = time.monotonic()
            result = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "goaleditor",
                    "import",
                    str(path),
                    "-o",
                    str(folder / "out.goals"),
                ],
                capture_output=True,
                text=True,
                encoding="utf-8",
                cwd=ROOT,
                env=dict(os.environ, PYTHONPATH=str(ROOT)),
                timeout=120,
            )
            seconds = time.monotonic() - started
            lines = result.stderr.strip().splitlines()
            ok = (
                result.returncode in (0, 2)
                and "Traceback" not in result.stderr
                and (result.returncode == 0 or len(lines) == 1)
                and seconds <= LIMIT_SECONDS
            )
            failed += not ok
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
            print(
                f"{'OK ' if ok else 'BAD'} {path.name}: exit {result.returncode}, {seconds:.1f} s, "
                f"peak so far {peak} MB: {lines[-1] if lines else ''}"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
