"""Helpers shared by tests: running the command line and answering the editor as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from goaleditor.formats.notes import ImportNote

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args: str | Path, **options: Any) -> subprocess.CompletedProcess[str]:
    """Run `python -m goaleditor ARGS` from the checkout; options go to subprocess.run."""
    settings: dict[str, Any] = {
        "capture_output": True,
        "text": True,
        "encoding": "utf-8",
        "timeout": 120,
        "cwd": ROOT,
        "env": dict(os.environ, PYTHONIOENCODING="utf-8"),
    }
    settings.update(options)
    return subprocess.run([sys.executable, "-m", "goaleditor", *map(str, args)], **settings)


def answer(asker: Any, *labels: str) -> list[str]:
    """Answer the next questions of a window or session (`asker.prompts`) with these button
    labels, in order, as the clerk would; returns the texts asked (one more fails the test)."""
    asked: list[str] = []
    queue = list(labels)

    def choose(
        kind: str,
        name: str,
        title: str,
        text: str,
        buttons: Any,
        detail: str = "",
        default: int = 0,
    ) -> str:
        asked.append(text)
        assert queue, f"unexpected question: {text}"
        label = queue.pop(0)
        assert label in buttons, (label, buttons)
        return label

    asker.prompts.choose = choose
    return asked


def note_lines(lines: list[str]) -> Callable[[ImportNote], None]:
    """A warn callback for a reader that keeps each import note as the line users read."""
    return lambda note: lines.append(str(note))
