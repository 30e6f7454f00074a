"""Test set-up: Qt runs headless; shared fixtures for the example document."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "resources" / "examples" / "binhai-2026-published.txt"


@pytest.fixture
def example_path() -> Path:
    """The bundled example document (a copy of shared/samples)."""
    return EXAMPLE


@pytest.fixture
def example_document():
    """The example document, freshly parsed."""
    from goaleditor.formats.published_text import read

    return read(EXAMPLE)
