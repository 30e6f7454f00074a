"""Run the command line as an ordinary user (root ignores file permissions).

As ``nobody`` through ``setpriv`` when that user can run this checkout's Python; otherwise
(a checkout under /root) as root stripped of every capability, which the kernel holds to
the permission bits just the same.
"""

from __future__ import annotations

import functools
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
NOBODY = ["--reuid=nobody", "--regid=nogroup", "--clear-groups"]
NO_CAPABILITIES = ["--inh-caps=-all", "--bounding-set=-all"]


@functools.cache
def _nobody_can_run() -> bool:
    probe = ["setpriv", *NOBODY, sys.executable, "-c", "import goaleditor.cli"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(probe, cwd="/", env=env, capture_output=True).returncode == 0


def user_ids() -> tuple[int, int]:
    """The uid and gid the ordinary user runs with."""
    if _nobody_can_run():
        entry = pwd.getpwnam("nobody")
        return entry.pw_uid, entry.pw_gid
    return 0, 0


def give(path: Path) -> Path:
    """Make path belong to the ordinary user."""
    os.chown(path, *user_ids())
    return path


@contextmanager
def user_folder() -> Iterator[Path]:
    """A folder the ordinary user owns and can reach."""
    folder = Path(tempfile.mkdtemp(prefix="goaleditor-user-", dir="/tmp"))
    try:
        give(folder)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_cli_as_user(*args: str | Path, **options: Any) -> subprocess.CompletedProcess[str]:
    """`python -m goaleditor ARGS` as the ordinary user."""
    how = NOBODY if _nobody_can_run() else NO_CAPABILITIES
    command = ["setpriv", *how, sys.executable, "-m", "goaleditor", *map(str, args)]
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8", HOME="/tmp")
    settings: dict[str, Any] = {
        "capture_output": True,
        "text": True,
        "encoding": "utf-8",
        "timeout": 120,
        "cwd": "/",
        "env": env,
    }
    settings.update(options)
    return subprocess.run(command, **settings)
