"""Every file system call of a real import/export failing in turn leaves a whole file."""

from __future__ import annotations

import time

from tests.fault_injection import run_all


def test_injected_faults_leave_old_or_new_file_whole() -> None:
    """A sample of the calls (all of them: `python -m tests.fault_injection`)."""
    began = time.monotonic()
    count, problems = run_all(every=False)
    assert count >= 30, "too few calls found to fail: the probe run went wrong"
    assert problems == []
    assert time.monotonic() - began < 180
