"""Run real commands under strace, failing one file system call at a time (issue 13, point 6).

Each run of `goaleditor import … -o existing.goals` or `export … -o existing.pdf/.xlsx`
fails exactly one call (`strace -e inject=SYSCALL:error=ERR:when=N`) among those that
touch the output's folder, then checks: the command either succeeded and the new file is
whole, or failed with exit 2, one line on stderr and the old file byte for byte; and
nothing else is left in the folder. Start-up calls (Python's imports) are skipped by
numbering only the calls a plain traced run shows touching that folder.

`python -m tests.fault_injection` tries every such call with every error (minutes);
the test suite tries a sample.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "resources" / "examples" / "binhai-2026-published.txt"
SYSCALLS = (
    "openat",
    "write",
    "pwrite64",
    "fsync",
    "fdatasync",
    "close",
    "rename",
    "renameat",
    "renameat2",
    "unlink",
    "unlinkat",
    "link",
    "linkat",
    "chmod",
    "fchmod",
    "fchmodat",
    "ftruncate",
    "flock",
)
ERRORS = ("ENOSPC", "EIO", "EACCES", "EROFS", "EDQUOT", "EINTR", "EBUSY", "ENOENT")
# What a failure message must say: the real cause of each error (never another one).
MESSAGES = {
    "ENOSPC": "磁盘已满",
    "EDQUOT": "磁盘已满",
    "EIO": "磁盘读写错误",
    "EACCES": "没有写入权限",
    "EPERM": "没有写入权限",
    "EROFS": "只读的磁盘",
    "EBUSY": "文件被其他程序占用",
    "ENOENT": "不存在",
    "ENAMETOOLONG": "路径过长",
}
_LINE = re.compile(r"^(?:\d+\s+)?(\w+)\(")


@dataclasses.dataclass(frozen=True)
class Scenario:
    """One command that replaces an existing output, and how to tell its output is whole."""

    name: str
    output: str
    command: Callable[[Path, Path], list[str]]  # (sources folder, output) -> arguments


@dataclasses.dataclass(frozen=True)
class Fault:
    """One injected failure: the n-th call of a system call, failing with an error."""

    syscall: str
    when: int
    error: str


def _import(sources: Path, output: Path) -> list[str]:
    return ["import", str(sources / "new.json"), "-o", str(output)]


def _export(sources: Path, output: Path) -> list[str]:
    return ["export", str(sources / "new.goals"), "-o", str(output)]


SCENARIOS = (
    Scenario("import", "existing.goals", _import),
    Scenario("export-pdf", "existing.pdf", _export),
    Scenario("export-xlsx", "existing.xlsx", _export),
)


def _env() -> dict[str, str]:
    """The same calls in the same order, run after run: no state carried between runs (a
    faulted run's pending-write note would make the next run sweep, shifting every count)."""
    return dict(
        os.environ,
        XDG_STATE_HOME=tempfile.mkdtemp(prefix="goaleditor-state-"),
        PYTHONPATH=str(ROOT),
        PYTHONHASHSEED="0",  # the same calls in the same order, run after run
        PYTHONIOENCODING="utf-8",
        PYTHONDONTWRITEBYTECODE="1",
        GOALEDITOR_BUNDLED_FONTS="1",
    )


def _goaleditor(
    args: list[str], strace: list[str] | None = None
) -> subprocess.CompletedProcess[str]:
    command = [*(strace or []), sys.executable, "-m", "goaleditor", *args]
    options = {"capture_output": True, "text": True, "encoding": "utf-8", "timeout": 120}
    return subprocess.run(command, cwd="/", env=_env(), **options)  # type: ignore[call-overload]


@contextmanager
def workspace() -> Iterator[Path]:
    """Sources shared by every run: a new document (as JSON and .goals) and an old one."""
    base = Path(tempfile.mkdtemp(prefix="goaleditor-faults-"))
    try:
        sources = base / "sources"
        sources.mkdir()
        new = _goaleditor(["dump", str(EXAMPLE)]).stdout.replace("2026年", "2027年")
        (sources / "new.json").write_text(new, encoding="utf-8")
        (sources / "old.json").write_text(_goaleditor(["dump", str(EXAMPLE)]).stdout, "utf-8")
        for name in ("new", "old"):
            json, goals = sources / f"{name}.json", sources / f"{name}.goals"
            made = _goaleditor(["import", str(json), "-o", str(goals)])
            assert made.returncode == 0, made.stderr
        yield base
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _prepare(base: Path, scenario: Scenario, label: str) -> Path:
    """A fresh folder holding only the old output."""
    folder = base / label
    folder.mkdir()
    target = folder / scenario.output
    if scenario.output.endswith(".goals"):
        shutil.copyfile(base / "sources" / "old.goals", target)
    else:
        target.write_bytes(b"OLD " + scenario.output.encode() + b" contents\n")
    return target


def candidates(base: Path, scenario: Scenario) -> list[tuple[str, int]]:
    """(syscall, n): the n-th call of syscall touches the output folder in a plain run."""
    target = _prepare(base, scenario, f"probe-{scenario.name}")
    log = target.parent.with_suffix(".trace")
    strace = ["strace", "-qq", "-y", "-o", str(log), "-e", f"trace={','.join(SYSCALLS)}"]
    result = _goaleditor(scenario.command(base / "sources", target), strace)
    assert result.returncode == 0, result.stderr
    counts: dict[str, int] = {}
    found = []
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        match = _LINE.match(line)
        if match is None:
            continue
        name = match.group(1)
        counts[name] = counts.get(name, 0) + 1
        if f"{target.parent}/" in line or f'"{target.parent}"' in line:
            found.append((name, counts[name]))
    return found


def first_call(base: Path, scenario: Scenario, syscall: str, marker: str) -> int:
    """n: the n-th call of syscall is the first whose arguments name marker (a plain run)."""
    target = _prepare(base, scenario, f"first-{scenario.name}-{syscall}")
    log = target.parent.with_suffix(".first")
    strace = ["strace", "-qq", "-y", "-o", str(log), "-e", f"trace={syscall}"]
    result = _goaleditor(scenario.command(base / "sources", target), strace)
    assert result.returncode == 0, result.stderr
    lines = [line for line in log.read_text(errors="replace").splitlines() if _LINE.match(line)]
    shutil.rmtree(target.parent, ignore_errors=True)
    return next(n for n, line in enumerate(lines, 1) if marker in line)


def _whole(scenario: Scenario, target: Path, base: Path) -> str:
    """'' when target is the complete new output, else what is wrong."""
    data = target.read_bytes()
    if scenario.output.endswith(".goals"):
        dumped = _goaleditor(["dump", str(target)])
        expected = (base / "sources" / "new.json").read_text(encoding="utf-8")
        return "" if dumped.returncode == 0 and dumped.stdout == expected else "not the new doc"
    if scenario.output.endswith(".pdf"):
        whole = data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
        return "" if whole else "PDF cut short"
    try:
        with zipfile.ZipFile(target) as workbook:
            bad = workbook.testzip()
            return "" if bad is None and "xl/workbook.xml" in workbook.namelist() else "bad xlsx"
    except zipfile.BadZipFile:
        return "not a zip"


def run_fault(base: Path, scenario: Scenario, fault: Fault, must_fail: bool = False) -> str:
    """Run one scenario with one fault; '' when all is as it should be, else the problem.

    must_fail: the fault cannot be overcome (a write of the data), so exit 0 is a problem.
    """
    label = f"{scenario.name}-{fault.syscall}-{fault.when}-{fault.error}"
    target = _prepare(base, scenario, label)
    old = target.read_bytes()
    log = target.parent.with_suffix(".trace")
    inject = f"inject={fault.syscall}:error={fault.error}:when={fault.when}"
    strace = ["strace", "-qq", "-y", "-o", str(log), "-e", f"trace={fault.syscall}", "-e", inject]
    result = _goaleditor(scenario.command(base / "sources", target), strace)
    injected = [x for x in log.read_text(errors="replace").splitlines() if "(INJECTED)" in x]
    problems = []
    if len(injected) != 1 or str(target.parent) not in injected[0]:
        problems.append(f"injected {injected!r}")
    if result.returncode == 0:
        if must_fail:
            problems.append("succeeded although the data could not be written")
        if result.stderr:
            problems.append(f"exit 0 with {result.stderr!r}")
        problems.append(_whole(scenario, target, base))
    elif result.returncode == 2:
        lines = result.stderr.splitlines()
        if len(lines) != 1 or not lines[0].startswith("goaleditor: ") or "Trace" in lines[0]:
            problems.append(f"stderr {result.stderr!r}")
        wanted = MESSAGES.get(fault.error)
        if wanted and lines and wanted not in lines[0]:
            problems.append(f"message {lines[0]!r} says nothing of {fault.error}")
        if target.read_bytes() != old:
            problems.append("old file changed")
    else:
        problems.append(f"exit {result.returncode}: {result.stderr[-300:]!r}")
    left = sorted(p.name for p in target.parent.iterdir())
    if left != [target.name]:
        problems.append(f"left {left}")
    problems = [p for p in problems if p]
    if not problems:
        shutil.rmtree(target.parent, ignore_errors=True)
        log.unlink()
    return f"{label}: {'; '.join(problems)}" if problems else ""


def plan(base: Path, every: bool, per_syscall: int = 4) -> list[tuple[Scenario, Fault]]:
    """Every call with every error, or a sample: a few calls of each kind, errors in turn."""
    runs = []
    for scenario in SCENARIOS:
        found = candidates(base, scenario)
        by_syscall: dict[str, list[int]] = {}
        for name, when in found:
            by_syscall.setdefault(name, []).append(when)
        for name, whens in by_syscall.items():
            if not every and len(whens) > per_syscall:
                step = (len(whens) - 1) / (per_syscall - 1)
                whens = sorted({whens[round(i * step)] for i in range(per_syscall)})
            for i, when in enumerate(whens):
                errors = ERRORS if every else (ERRORS[(i + len(runs)) % 2],)
                runs.extend((scenario, Fault(name, when, error)) for error in errors)
    return runs


def run_all(every: bool, workers: int = 2) -> tuple[int, list[str]]:
    """Run the plan; returns how many runs were made and the problems found."""
    with workspace() as base:
        runs = plan(base, every)
        with ThreadPoolExecutor(workers) as pool:
            results = list(pool.map(lambda run: run_fault(base, *run), runs))
    return len(runs), [r for r in results if r]


if __name__ == "__main__":
    count, problems = run_all(every="--sample" not in sys.argv, workers=os.cpu_count() or 2)
    print("\n".join(problems))
    print(f"{count} runs, {len(problems)} problems")
    sys.exit(1 if problems else 0)
