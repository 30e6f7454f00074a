"""Qt's own texts (file dialog, line-edit menus, dates) are Chinese, whatever the system says."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import os
from PySide6.QtCore import QDate, QLocale
from goaleditor.ui.app import create_application
create_application()
date = QLocale.system().toString(QDate(2026, 11, 3), QLocale.FormatType.ShortFormat)
print(date, os.environ.get("LC_ALL"), os.environ.get("LC_TIME"), sep="|")
"""


def test_line_edit_menu_and_file_dialog_words_are_chinese(window) -> None:
    edit = window.header_form.editor("project_name")
    menu = edit.createStandardContextMenu()
    texts = [action.text().split("\t")[0] for action in menu.actions() if not action.isSeparator()]
    menu.deleteLater()
    assert texts[:2] == ["撤消(&U)", "重做(&R)"] and "全选" in texts
    assert not any(word in text for text in texts for word in ("Undo", "Copy", "Paste", "Select"))
    folder = QCoreApplication.translate(
        "QAbstractFileIconProvider", "Folder", "All other platforms"
    )
    assert folder == "文件夹"  # missing from qtbase_zh_CN: our own word
    assert QLocale().name() == "zh_CN"


def run_probe(**env: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen", **env),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_file_dates_are_chinese_and_the_environment_is_left_as_it_was() -> None:
    # The file dialog dates files in the system locale, read once when Qt starts.
    assert run_probe(LANG="C.UTF-8", LC_ALL="C.UTF-8", LC_TIME="") == "2026/11/3|C.UTF-8|"
    assert run_probe(LANG="C.UTF-8", LC_ALL="", LC_TIME="C") == "2026/11/3||C"
