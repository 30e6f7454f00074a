"""Test set-up: Qt runs headless; shared fixtures for the example document."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# PDFs in tests use the bundled fonts whatever the machine has, so output is reproducible.
os.environ["GOALEDITOR_BUNDLED_FONTS"] = "1"

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "resources" / "examples" / "binhai-2026-published.txt"


@pytest.fixture
def example_path() -> Path:
    """The bundled example document (a copy of shared/samples)."""
    return EXAMPLE


@pytest.fixture
def example_document():
    """The example document, freshly parsed."""
    from goaleditor.formats.readers.published_text import read

    return read(EXAMPLE)


@pytest.fixture(autouse=True)
def _private_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Keep QSettings and user data of tests out of the real home folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("LOCALAPPDATA", str(home / "local"))
    return home


@pytest.fixture
def window(qtbot, tmp_path: Path, example_path: Path):
    """The main window with the example document open (as an import, so unsaved)."""
    from PySide6.QtCore import QSettings

    from goaleditor.ui.app import create_application
    from goaleditor.ui.main_window import MainWindow

    create_application()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings)
    win.show()
    qtbot.waitExposed(win)
    assert win.open_path(example_path, ask=False)
    win.stack.setClean()  # tests start from a clean state unless they say otherwise
    yield win
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()  # queued editor commits land before the window closes
    win.stack.setClean()  # let the window close without asking
    win.close()
    win.deleteLater()


_WORKER_TEMP = pytest.StashKey[str]()


def pytest_configure(config: pytest.Config) -> None:
    """Under pytest-xdist each worker gets a temporary folder of its own (its subprocesses
    too), so a test that checks what an export left there sees no other worker's files."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker is None:
        return
    folder = tempfile.mkdtemp(prefix=f"pytest-temp-{worker}-")
    config.stash[_WORKER_TEMP] = folder
    os.environ["TMPDIR"] = folder
    tempfile.tempdir = folder


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Remove the worker's temporary folder (before the worker reports that it is done:
    the controller may end it at once after that)."""
    folder = session.config.stash.get(_WORKER_TEMP, None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


FULL = ROOT / "tests" / "fixtures" / "full-shanghai-2026.json"


@pytest.fixture
def full_document():
    """A Shanghai 2026 table (samples/shanghai-2026-shenbaobiao.txt) with every field filled."""
    from goaleditor.formats.canonical_json import loads

    return loads(FULL.read_bytes(), FULL.name)
