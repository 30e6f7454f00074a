"""Where bundled resources (fonts, icons, the example document) live; no Qt."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The resources/ folder: beside the package in a checkout, or in a frozen build."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


def example_document() -> Path:
    """The bundled example: a real published document as text."""
    return resources_dir() / "examples" / "binhai-2026-published.txt"
