#!/usr/bin/env python3
"""Set up and run goaleditor for development: `python3 dev.py run` or `python3 dev.py test`.

Creates .venv (once, and again when pyproject.toml changes), installs the
project with its test extras, then runs the editor or the full test suite
(ruff, mypy, import contracts, pytest). Works on Linux, macOS and Windows.
Each set-up step says so on a line of its own, and pip shows its own progress.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed-pyproject-sha256"
EXAMPLE = ROOT / "resources" / "examples" / "binhai-2026-published.txt"
LIB = "/usr/lib/x86_64-linux-gnu"
# Debian packages Qt needs at run time, with a file that shows each is there.
APT_FOR_TESTS = {
    "libegl1": f"{LIB}/libEGL.so.1",
    "libgl1": f"{LIB}/libGL.so.1",
    "libxkbcommon0": f"{LIB}/libxkbcommon.so.0",
    "libfontconfig1": f"{LIB}/libfontconfig.so.1",
    "libdbus-1-3": f"{LIB}/libdbus-1.so.3",
    "libglib2.0-0": f"{LIB}/libglib-2.0.so.0",
    "poppler-utils": "/usr/bin/pdftoppm",  # the PDF tests read and render what we export
    "strace": "/usr/bin/strace",  # the fault-injection test fails one system call at a time
    "util-linux": "/usr/bin/setpriv",  # permission tests run the command line as nobody
}
# The window on an X11 desktop needs the xcb platform plugin's libraries too.
APT_FOR_RUN = {
    **APT_FOR_TESTS,
    "libxcb-cursor0": f"{LIB}/libxcb-cursor.so.0",
    "libxcb-icccm4": f"{LIB}/libxcb-icccm.so.4",
    "libxcb-keysyms1": f"{LIB}/libxcb-keysyms.so.1",
    "libxkbcommon-x11-0": f"{LIB}/libxkbcommon-x11.so.0",
}

# pytest-xdist: one worker per core, an idle one taking tests from a busy one (they differ
# a lot in length). `python3 dev.py test -n 0` runs them in one process.
PYTEST_WORKERS = ["-n", "auto", "--dist", "worksteal"]


def ensure_apt_packages(packages: dict[str, str]) -> None:
    """On Debian/Ubuntu x86_64 as root, install the few system libraries that are missing."""
    if not sys.platform.startswith("linux") or not Path("/usr/bin/apt-get").exists():
        return
    if not Path(LIB).is_dir():
        return
    missing = [pkg for pkg, probe in packages.items() if not Path(probe).exists()]
    if not missing:
        return
    if os.geteuid() != 0:
        print(f"dev.py: please install: sudo apt-get install {' '.join(missing)}", file=sys.stderr)
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    step(f"正在安装系统组件：{' '.join(missing)}…")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True, env=env)


def step(message: str) -> None:
    """Say which set-up step is running (the first set-up takes minutes)."""
    print(f"dev.py: {message}", flush=True)


def ensure_venv() -> None:
    """Create .venv and install the project with its test extras when needed."""
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if PYTHON.exists() and STAMP.exists() and STAMP.read_text() == digest:
        return
    if not PYTHON.exists():
        step(f"正在创建虚拟环境（{VENV}）…")
        venv.create(VENV, with_pip=True)
    if STAMP.exists():
        step("pyproject.toml 已改动，正在更新依赖…")
    else:
        step("正在安装依赖（首次约需几分钟）…")
    # pip's own lines (Collecting …, the download bars) show it is moving on.
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check"]
    subprocess.run([*pip, "-e", f"{ROOT}[test,cluster]"], check=True)
    STAMP.write_text(digest)
    step("安装完成")


def run(command: list[str]) -> int:
    print("+", " ".join(command), flush=True)
    return subprocess.call(command, cwd=ROOT)


def tool(name: str) -> str:
    return str(BIN / (f"{name}.exe" if os.name == "nt" else name))


def test(extra: list[str]) -> int:
    steps = [
        [tool("ruff"), "check", "goaleditor", "tests", "bench", "dev.py", "packaging"],
        [tool("ruff"), "format", "--check", "goaleditor", "tests", "bench", "dev.py", "packaging"],
        [tool("mypy")],
        [tool("lint-imports"), "--no-cache"],
        [str(PYTHON), "-m", "pytest", *PYTEST_WORKERS, *extra],
    ]
    for step in steps:
        code = run(step)
        if code:
            return code
    return 0


def main() -> int:
    what = sys.argv[1] if len(sys.argv) > 1 else "run"
    if what not in ("run", "test", "setup"):
        print(__doc__)
        return 2
    ensure_apt_packages(APT_FOR_RUN if what == "run" else APT_FOR_TESTS)
    ensure_venv()
    if what == "test":
        return test(sys.argv[2:])
    if what == "run":
        args = sys.argv[2:] or [str(EXAMPLE)]
        return run([str(PYTHON), "-m", "goaleditor", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
