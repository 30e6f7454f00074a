"""Every file system call of a real import/export failing in turn leaves a whole file."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from goaleditor.files.atomic import TEMP_MARK
from tests.fault_injection import (
    SCENARIOS,
    Fault,
    Scenario,
    first_call,
    run_all,
    run_fault,
    workspace,
)


def test_injected_faults_leave_old_or_new_file_whole() -> None:
    """A sample of the calls (all of them: `python -m tests.fault_injection`)."""
    began = time.monotonic()
    count, problems = run_all(every=False)
    assert count >= 30, "too few calls found to fail: the probe run went wrong"
    assert problems == []
    assert time.monotonic() - began < 180


@pytest.fixture(scope="module")
def sources() -> Iterator[Path]:
    with workspace() as base:
        yield base


@pytest.fixture(scope="module")
def first_data_write(sources: Path) -> Callable[[Scenario], int]:
    """n: the scenario's first write to its temporary file, from one traced plain run each
    (the calls come in the same order run after run, so one probe serves every error)."""
    found: dict[str, int] = {}

    def when(scenario: Scenario) -> int:
        if scenario.name not in found:
            found[scenario.name] = first_call(sources, scenario, "write", TEMP_MARK)
        return found[scenario.name]

    return when


# Errors where the data is written (SQLite once hid them: a permission refusal read as a full
# disk), end to end; the mapping of every errno to its words is tested in test_cli_errors.
CAUSES = [
    *(("import", error) for error in ("ENOSPC", "EACCES", "EROFS", "EIO", "EBUSY")),
    *(("export-pdf", error) for error in ("ENOSPC", "EACCES", "EROFS", "EIO")),
    *(("export-xlsx", error) for error in ("EDQUOT", "EPERM", "EBUSY", "ENOENT")),
]


@pytest.mark.parametrize(("name", "error"), CAUSES)
def test_an_injected_fault_is_reported_with_its_real_cause(
    sources: Path, first_data_write: Callable[[Scenario], int], name: str, error: str
) -> None:
    scenario = next(s for s in SCENARIOS if s.name == name)
    when = first_data_write(scenario)
    problem = run_fault(sources, scenario, Fault("write", when, error), must_fail=True)
    assert problem == ""
