"""A bureau's folder (DESIGN §5.3): many files read, checked or exported in parallel, one
result per file, and the summary workbook; no Qt (the editor's 批量检查 runs it in a worker)."""

from goaleditor.batch.jobs import Exported
from goaleditor.batch.results import FileResult
from goaleditor.batch.running import check_files, default_jobs, export_files
from goaleditor.batch.sources import Source, Walk
from goaleditor.batch.summary import write_summary

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
