"""Hostile files shared by the reading tests (the 1 GB double-deflated PDF takes seconds)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reading.hostile import double_deflate_pdf


@pytest.fixture(scope="session")
def aborting_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 2.5 KB PDF whose page is 1 GB of spaces deflated twice: PDFium aborts on it."""
    return double_deflate_pdf(tmp_path_factory.mktemp("hostile") / "double-deflate.pdf")
