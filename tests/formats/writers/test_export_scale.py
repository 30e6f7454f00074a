"""Word and xlsx export take time and memory proportional to the document: 4x the
indicators may take at most 8x the time (linear is 4x, quadratic 16x)."""

from __future__ import annotations

import gc
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from goaleditor.formats.layout.fonts import HEI, SONG, TextWidth
from goaleditor.formats.layout.grid import BODY_SIZE, TITLE_SIZE
from goaleditor.formats.layout.official import build_grid
from goaleditor.formats.layout.pagination import paginate
from goaleditor.formats.writers import excel, word
from tests.bench.big_documents import generated_document, paired_document

Writer = Callable[..., None]
SMALL, LARGE = 2_000, 8_000


def _timed(work: Callable[[], object]) -> float:
    """Seconds work takes, the cycle collector kept out (its pauses fall where they may)."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        work()
        return time.perf_counter() - start
    finally:
        gc.enable()


def _seconds(writer: Writer, indicators: int, path: Path) -> float:
    document = generated_document(1, indicators)
    return _timed(lambda: writer(document, path))


@pytest.mark.parametrize(("writer", "suffix"), [(word.write, ".docx"), (excel.write, ".xlsx")])
def test_four_times_the_indicators_take_less_than_eight_times_as_long(
    tmp_path: Path, writer: Writer, suffix: str
) -> None:
    path = tmp_path / f"out{suffix}"
    _seconds(writer, 10, path)  # fonts and modules loaded once, outside the measure
    small = _seconds(writer, SMALL, path)
    large = _seconds(writer, LARGE, path)
    assert large < 8 * small, f"{SMALL}: {small:.2f} s, {LARGE}: {large:.2f} s"


def test_word_export_of_4000_indicators_stays_small_in_memory(tmp_path: Path) -> None:
    word.write(generated_document(1, 10), tmp_path / "warm.docx")
    document = generated_document(1, LARGE // 2)  # traced allocations are slow to count
    tracemalloc.start()
    try:
        word.write(document, tmp_path / "out.docx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 80 * 2**20, f"peak {peak / 2**20:.0f} MiB"


def test_pages_of_many_merged_cells_take_time_proportional_to_the_rows() -> None:
    width, title = TextWidth(SONG, BODY_SIZE), TextWidth(HEI, TITLE_SIZE)

    def seconds(indicators: int) -> float:
        document = paired_document(indicators)
        grid = build_grid(document, document.tables[0], 1, width, title)
        return _timed(lambda: paginate(grid))

    seconds(10)
    small, large = seconds(SMALL), seconds(LARGE)
    assert large < 8 * small, f"{SMALL}: {small:.2f} s, {LARGE}: {large:.2f} s"
