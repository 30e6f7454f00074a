"""The workbook plumbing of the Excel export: files kept few and removed, Excel's limits kept in
UTF-16 units, and a workbook the importer's caps accept at the document limits."""

from __future__ import annotations

import errno
import gc
import os
import tempfile
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bench.common import big_document
from goaleditor.errors import InputError
from goaleditor.formats.exporting import ExportCancelled
from goaleditor.formats.readers import guard
from goaleditor.formats.readers.sheets.xlsx import read
from goaleditor.formats.writers.excel import write
from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.model.limits import MAX_INDICATORS, MAX_TABLES

ASTRAL = "\U00020000"  # 𠀀, a CJK character beyond U+FFFF: two UTF-16 units in Excel


def _one_table(**header: object) -> Document:
    rows = [("产出指标", "数量指标", Indicator("数量", "说明", "≥", "1", "个"))]
    return Document(tables=[GoalTable.from_rows(rows, **header)])


def _open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts open files in /proc")
def test_a_written_sheet_keeps_no_file_open(tmp_path: Path) -> None:
    """XlsxWriter keeps a temporary file per sheet: 10,000 open ones would pass what Windows
    and a Linux session allow. The count must not grow with the sheets written."""
    counts: list[int] = []

    def progress(done: int, total: int) -> bool:
        counts.append(_open_files())
        return True

    write(big_document(40, indicators=2), tmp_path / "many.xlsx", progress=progress)
    assert max(counts) - min(counts) <= 2, counts
    assert len(load_workbook(tmp_path / "many.xlsx", read_only=True).sheetnames) == 41


def test_a_cancelled_export_leaves_no_file_behind(tmp_path: Path) -> None:
    before = set(Path(tempfile.gettempdir()).glob("goaleditor-xlsx-*"))
    gc.collect()  # files other tests left to the collector are closed before counting
    opened = _open_files() if Path("/proc/self/fd").is_dir() else 0

    def cancel_at_third(done: int, total: int) -> bool:
        return done < 3

    with pytest.raises(ExportCancelled):
        write(big_document(6, indicators=2), tmp_path / "c.xlsx", progress=cancel_at_third)
    gc.collect()  # the abandoned workbook, collected, saves nothing either
    assert list(tmp_path.iterdir()) == []
    assert set(Path(tempfile.gettempdir()).glob("goaleditor-xlsx-*")) == before
    if opened:
        assert _open_files() <= opened


def test_sheet_names_are_cut_in_utf16_units(tmp_path: Path) -> None:
    """Excel counts a sheet name's 31 characters in UTF-16: 𠀀 is two."""
    out = tmp_path / "n.xlsx"
    write(_one_table(project_name=ASTRAL * 40), out)
    name = load_workbook(out, read_only=True).sheetnames[0]
    assert name == "1." + ASTRAL * 14  # 2 + 14 * 2 = 30 units; one more would be 32
    assert read(out).tables[0].project_name == ASTRAL * 40


def test_text_over_the_cell_limit_in_utf16_units_is_refused_not_cut(tmp_path: Path) -> None:
    """32,767 UTF-16 units fit a cell; 𠀀 takes two, so 16,384 of them do not (XlsxWriter would
    cut the text without a word)."""
    fits = ASTRAL * 16_383
    out = tmp_path / "fits.xlsx"
    write(_one_table(goal=fits), out)
    assert read(out).tables[0].goal == fits
    with pytest.raises(InputError, match="单元格B6有32768个字符"):
        write(_one_table(goal=ASTRAL * 16_384), tmp_path / "over.xlsx")
    assert not (tmp_path / "over.xlsx").exists()


def test_an_export_at_the_document_limits_fits_the_importers_caps(tmp_path: Path) -> None:
    """What goaleditor writes, it opens: the parts and the unpacked size of a workbook of
    MAX_TABLES tables holding MAX_INDICATORS indicators (of the bench's realistic text) stay
    within the importer's caps. Measured on small exports, extrapolated linearly: a table is one
    sheet part, and its size grows with its indicators."""
    sizes = {}
    for tables, indicators in ((2, 2), (4, 2), (2, 12)):
        out = tmp_path / f"{tables}-{indicators}.xlsx"
        write(big_document(tables, indicators), out)
        with zipfile.ZipFile(out) as archive:
            members = archive.infolist()
        sizes[tables, indicators] = (len(members), sum(m.file_size for m in members))
    per_table_parts = (sizes[4, 2][0] - sizes[2, 2][0]) / 2
    fixed_parts = sizes[2, 2][0] - 2 * per_table_parts
    assert per_table_parts == 1
    parts_at_limit = fixed_parts + MAX_TABLES * per_table_parts
    assert parts_at_limit <= guard.MAX_MEMBERS
    per_indicator = (sizes[2, 12][1] - sizes[2, 2][1]) / (2 * 10)
    per_table = (sizes[4, 2][1] - sizes[2, 2][1]) / 2 - 2 * per_indicator
    size_at_limit = sizes[2, 2][1] + MAX_TABLES * per_table + MAX_INDICATORS * per_indicator
    assert size_at_limit <= guard.MAX_UNCOMPRESSED, f"{size_at_limit / 2**20:.0f} MB"


def test_a_disk_failure_while_saving_is_the_os_error_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """XlsxWriter wraps the disk's error in its own exception, which the CLI would call an
    internal error: the export raises the OSError, so the clerk reads 磁盘已满."""
    from xlsxwriter.workbook import Workbook

    def full_disk(self: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Workbook, "_store_workbook", full_disk)
    with pytest.raises(OSError) as caught:
        write(_one_table(project_name="p"), tmp_path / "full.xlsx")
    assert caught.value.errno == errno.ENOSPC
    assert list(tmp_path.iterdir()) == []
