"""A bureau's folder (issue 27): `goaleditor batch check` over a generated folder of mixed
small files (xlsx, docx, PDF, .goals, made by goaleditor's writers).

Time per file with --jobs 2 against --jobs 1 in the same run, interleaved (goal: at most
0.6× on 2 cores; wall time, since the point is two cores at once, CPU beside it); the peak
memory of the whole run (the sum of VmHWM over the process tree: command, pool processes,
sandboxed readers; goal under 1 GB); growth in the number of files (the exponent of the time
from a fifth of the files to all of them; 1 is linear).

Run: `python bench/batch.py [--files 500] [--rounds 3]` (the issue's size), or smaller
(`--files 50`) on a shared machine.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("GOALEDITOR_BUNDLED_FONTS", "1")

from bench.common import Result, Spread, Timing, interleaved, peak_memory_mb, ratios

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "resources" / "examples" / "binhai-2026-published.txt"
KINDS = (".xlsx", ".docx", ".pdf", ".goals")
VARIANTS = 5  # distinct documents per kind; the folder holds copies of them
SAMPLE_SECONDS = 0.05  # how often the process tree's memory is looked at


def make_folder(folder: Path, files: int) -> None:
    """files small documents (two tables each) of the four kinds in turn, in sub-folders of
    fifty, as departments' files arrive."""
    from goaleditor.formats.readers.published_text import read
    from goaleditor.formats.registry import write_document

    example = read(EXAMPLE)
    made = folder.parent / f"{folder.name}-made"
    made.mkdir(parents=True, exist_ok=True)
    originals = []
    for variant in range(VARIANTS):
        document = replace(example, agency_name=f"某区第{variant + 1}局", tables=[])
        document.tables = [replace(t) for t in example.tables[variant % 5 : variant % 5 + 2]]
        for table in document.tables:
            table.document = document
        for kind in KINDS:
            path = made / f"{variant}{kind}"
            if not path.exists():
                write_document(document, path)
            originals.append(path)
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(files):
        source = originals[number % len(originals)]
        target = folder / f"部门{number // 50:02}" / f"{number:04}{source.suffix}"
        target.parent.mkdir(exist_ok=True)
        shutil.copy(source, target)


def run_batch(folder: Path, jobs: int, peaks: list[float] | None = None) -> None:
    """`goaleditor batch check folder --jobs N -o summary.xlsx` in a fresh process; peaks
    gets the sum of the process tree's VmHWM."""
    summary = folder.parent / f"{folder.name}-{jobs}.xlsx"
    command = [sys.executable, "-m", "goaleditor", "batch", "check", str(folder)]
    process = subprocess.Popen(
        [*command, "--jobs", str(jobs), "-o", str(summary)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    seen: dict[int, float] = {}
    watcher = threading.Thread(target=_watch, args=(process, seen), daemon=True)
    watcher.start()
    process.wait()
    watcher.join()
    if peaks is not None:
        peaks.append(sum(seen.values()))


def _watch(process: subprocess.Popen[bytes], seen: dict[int, float]) -> None:
    """Each process of the tree's VmHWM, as high as it was seen, until the command ends."""
    while process.poll() is None:
        for pid in _tree(process.pid):
            try:
                seen[pid] = max(seen.get(pid, 0.0), peak_memory_mb(pid))
            except (OSError, IndexError, ValueError):  # ended meanwhile
                continue
        time.sleep(SAMPLE_SECONDS)


def _tree(root: int) -> list[int]:
    """root and its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def results(files: int = 500, rounds: int = 3) -> list[Result]:
    """The issue's three rows: --jobs 2 vs 1 per file, peak memory, growth exponent."""
    with tempfile.TemporaryDirectory(prefix="goaleditor-bench-batch-") as name:
        small, large = Path(name) / "small", Path(name) / "large"
        make_folder(small, max(1, files // 5))
        make_folder(large, files)
        peaks: list[float] = []
        timings = interleaved(
            rounds,
            {
                "jobs2": lambda: run_batch(large, 2, peaks),
                "jobs1": lambda: run_batch(large, 1),
                "small2": lambda: run_batch(small, 2),
            },
        )
    wall, cpu = ratios(timings["jobs2"], timings["jobs1"])
    growth = [
        _exponent(a, b, files) for a, b in zip(timings["small2"], timings["jobs2"], strict=True)
    ]
    per_file = _per_file_ms(timings["jobs2"], files)
    return [
        Result(
            f"batch check, {files} mixed files, --jobs 2 per file ({per_file})",
            wall,
            "--jobs 1 (same folder, same run)",
            0.6,
            cpu=cpu,
            note="wall time: two cores at once; CPU ratio shows the overhead of two",
        ),
        Result(
            f"batch check, {files} files: peak memory of the process tree",
            Spread.of(peaks),
            "none (absolute: Σ VmHWM of command, pool, readers)",
            1024,
            unit=" MB",
        ),
        Result(
            f"batch check growth, {max(1, files // 5)} → {files} files (exponent)",
            Spread.of(growth),
            "linear is 1",
            1.15,
            unit="",
        ),
    ]


def _exponent(small: Timing, large: Timing, files: int) -> float:
    """The exponent k of time ∝ files^k between a fifth of the files and all of them."""
    fewer = max(1, files // 5)
    return math.log(large.wall / small.wall) / math.log(files / fewer)


def _per_file_ms(timings: list[Timing], files: int) -> str:
    median = sorted(t.wall for t in timings)[len(timings) // 2]
    return f"{median / files * 1000:.0f} ms a file"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    for result in results(args.files, args.rounds):
        cpu = f"; CPU {result.cpu.text()}" if result.cpu else ""
        unit = result.unit or ""
        print(f"{result.path}: {result.now.text(2, unit)}{cpu} (goal ≤ {result.goal:g}{unit})")


if __name__ == "__main__":
    main()
