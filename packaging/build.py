#!/usr/bin/env python3
"""Build the desktop package (PyInstaller, one folder) and smoke-test it headless.

    python3 packaging/build.py      # -> dist/goaleditor/ (goaleditor, goaleditor-cli)

Uses the project's .venv (made by `python3 dev.py setup`), installs PyInstaller into it,
builds from packaging/goaleditor.spec, then runs the built programs: the command line
exports the example document to PDF, and the editor opens the example without a screen.
Works the same on Windows (run it with `py packaging\\build.py`).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
DIST = ROOT / "dist" / "goaleditor"
EXE = ".exe" if os.name == "nt" else ""
EXAMPLE = ROOT / "resources" / "examples" / "binhai-2026-published.txt"


def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    print("+", " ".join(command), flush=True)
    return subprocess.run(command, cwd=ROOT, text=True, **kwargs)  # type: ignore[call-overload]


def build() -> None:
    if not PYTHON.exists():
        run([sys.executable, str(ROOT / "dev.py"), "setup"], check=True)
    run([str(PYTHON), "-m", "pip", "install", "-q", "pyinstaller>=6.5"], check=True)
    run(
        [
            str(PYTHON),
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--distpath",
            str(ROOT / "dist"),
            "--workpath",
            str(ROOT / "build"),
            str(ROOT / "packaging" / "goaleditor.spec"),
        ],
        check=True,
    )


def smoke_test() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "example.pdf"
        result = run(
            [str(DIST / f"goaleditor-cli{EXE}"), "export", str(EXAMPLE), "-o", str(pdf)],
            capture_output=True,
            env=env,
        )
        if result.returncode != 0 or not pdf.read_bytes().startswith(b"%PDF"):
            sys.exit(f"smoke test failed: export to PDF: {result.stderr.strip()}")
        print(f"export to PDF: ok ({pdf.stat().st_size // 1024} KiB)")
        env["XDG_DATA_HOME"] = env["XDG_CONFIG_HOME"] = folder
        editor = subprocess.Popen(
            [str(DIST / f"goaleditor{EXE}"), str(EXAMPLE)],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            editor.wait(timeout=15)
        except subprocess.TimeoutExpired:
            editor.kill()  # still running after 15 s with the example open: it started
            editor.wait()
            print("editor with the example document: ok")
            return
        assert editor.stderr is not None
        sys.exit(
            f"smoke test failed: the editor exited ({editor.returncode}): "
            f"{editor.stderr.read().strip()[-500:]}"
        )


if __name__ == "__main__":
    if "--no-build" not in sys.argv:
        build()
    smoke_test()
