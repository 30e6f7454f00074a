"""A bureau's folder (DESIGN §5.3): many files read, checked or exported in parallel, one
result per file, and the summary workbook; no Qt (the editor's 批量检查 runs it in a worker).

The names load on first use: the command line's parser reaches batch.cli on every start."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from goaleditor.batch.jobs import Exported
    from goaleditor.batch.results import FileResult
    from goaleditor.batch.running import check_files, default_jobs, export_files
    from goaleditor.batch.sources import Source, Walk
    from goaleditor.batch.summary import write_summary

_HOMES = {
    "Exported": "jobs",
    "FileResult": "results",
    "check_files": "running",
    "default_jobs": "running",
    "export_files": "running",
    "Source": "sources",
    "Walk": "sources",
    "write_summary": "summary",
}

__all__ = [
    "Exported",
    "FileResult",
    "Source",
    "Walk",
    "check_files",
    "default_jobs",
    "export_files",
    "write_summary",
]


def __getattr__(name: str) -> object:
    if name in _HOMES:
        return getattr(importlib.import_module(f"goaleditor.batch.{_HOMES[name]}"), name)
    raise AttributeError(name)
