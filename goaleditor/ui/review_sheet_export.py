"""文件 → 导出 → 绩效目标审核表…: the reviewer's 审核表 as PDF, Word or Excel (DESIGN §5.2).

Which tables: those a reviewer marked; with marked and unmarked tables both, the clerk is
asked whether the unmarked ones come too (as blank forms); with none marked, every table
prints as a blank form to fill by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from goaleditor.ui.prompts import CANCEL

if TYPE_CHECKING:
    from goaleditor.ui.exporting import Exporter

EXTENSIONS = (".pdf", ".docx", ".xlsx")  # the writers that draw the layout grid
NAME_SUFFIX = "_绩效目标审核表"
TITLE = "导出绩效目标审核表"


def export_review_sheet(exporter: Exporter) -> None:
    """Ask which tables and where, then write their 审核表 behind a progress dialog."""
    from goaleditor.formats import ExportOptions, format_for

    document = exporter.session.document
    if not document.tables:
        exporter.prompts.note(TITLE, "文档中没有绩效目标表")
        return
    which = _which_tables(exporter)
    if which is None:
        return
    path = _ask_path(exporter)
    if path is None:
        return
    fmt = format_for(path.suffix)
    assert fmt is not None
    warnings: list[str] = []
    options = ExportOptions(review_sheet=which)
    if exporter._export_with_progress(fmt, path, warnings.append, options):
        exporter._done(path, warnings)


def _which_tables(exporter: Exporter) -> Literal["reviewed", "all"] | None:
    """ "reviewed", or "all" when the clerk wants blank forms for unmarked tables too."""
    from goaleditor.model.review_marks import table_is_reviewed

    tables = exporter.session.document.tables
    reviewed = sum(1 for table in tables if table_is_reviewed(table))
    if reviewed in (0, len(tables)):  # none marked: "reviewed" prints blank forms of all
        return "reviewed"
    only = f"仅已审核的{reviewed}张表"
    every = f"全部{len(tables)}张表"
    answer = exporter.prompts.choose(
        "question",
        "review_sheet_tables",
        TITLE,
        f"{len(tables)}张表中有{reviewed}张有审核标记。导出哪些表的审核表？",
        [only, every, CANCEL],
        "未审核的表导出为空白审核表，可打印后手工填写。",
    )
    if answer == CANCEL:
        return None
    return "all" if answer == every else "reviewed"


def _ask_path(exporter: Exporter) -> Path | None:
    """The file to write: PDF, Word or Excel by its extension (PDF when it names none)."""
    from goaleditor.formats import export_filter

    start = exporter.session.suggested_name(".pdf")
    start = start.with_name(f"{start.stem}{NAME_SUFFIX}.pdf")
    kinds = ";;".join(export_filter(extension) for extension in EXTENSIONS)
    path = exporter.prompts.save_name(TITLE, start, kinds)
    if path is None:
        return None
    if path.suffix.lower() not in EXTENSIONS:
        path = path.with_name(f"{path.name}.pdf")
    exporter.session.recent.remember_folder(path)
    return path
