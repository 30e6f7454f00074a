"""Where the editor proposes to save or export: the folder and a file name from the document."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

from goaleditor.model.document import Document

_NOT_IN_FILE_NAMES = str.maketrans({c: "_" for c in '\\/:*?"<>|\n\r\t'})


def documents_folder() -> Path:
    """The clerk's documents folder (home when there is none), never the program's folder."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()


def suggested_stem(document: Document, source: Path | None) -> str:
    """A file name for an unsaved document: its title, else the first project name or the
    imported file's name; a 自评表's says so, never taking the goal document's name."""
    names = [document.title, *(t.project_name for t in document.tables[:1])]
    names.append(source.stem if source else "")
    stem = next((n.strip() for n in names if n and n.strip()), "未命名")
    stem = stem.translate(_NOT_IN_FILE_NAMES)[:80]
    if document.is_self_evaluation and "自评" not in stem:
        stem += "（自评表）"
    return stem
