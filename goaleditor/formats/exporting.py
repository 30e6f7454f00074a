"""The one export seam: the writer signature every format's writer has, and what it shares."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:  # the model loads with a writer: `goaleditor --help` needs no document
    from goaleditor.model.document import Document

# progress(done, total) -> False to cancel
Progress = Callable[[int, int], bool]
ExportWarn = Callable[[str], None]


class ExportCancelled(Exception):
    """The user cancelled a long export; nothing was written."""


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What besides the tables goes into a printed export (the PDF honours both)."""

    toc: bool = True
    page_numbers: bool = True
    # The 绩效目标审核表 instead of the goal tables: of the "reviewed" tables, or of "all"
    # (layout/review_sheet_tables.py says which); "" prints the goal tables.
    review_sheet: Literal["", "reviewed", "all"] = ""


class Writer(Protocol):
    """A format's writer: writes the document to path atomically.

    progress is called now and then and cancels the export (ExportCancelled) by returning
    False; warn receives one line for each thing the format cannot show as it should.
    """

    def __call__(
        self,
        document: Document,
        path: Path,
        *,
        options: ExportOptions | None = None,
        progress: Progress | None = None,
        warn: ExportWarn | None = None,
    ) -> None: ...


def check_progress(progress: Progress | None, done: int, total: int) -> None:
    """Report progress; ExportCancelled when the user cancelled."""
    if progress is not None and not progress(done, total):
        raise ExportCancelled
