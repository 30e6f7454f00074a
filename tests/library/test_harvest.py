"""Harvest: documents made by different routes give one entry per distinct indicator."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

from goaleditor.errors import InputError
from goaleditor.formats.registry import read_document, write_document
from goaleditor.library.harvest import harvest, spelling_key
from goaleditor.resources import resources_dir
from tests.formats.writers.test_xlsx import colleague_workbook

EXAMPLE = resources_dir() / "examples" / "binhai-2026-published.txt"
WORD_BY_PYTHON_DOCX = Path(__file__).parents[1] / "fixtures" / "word-people.docx"


def _folder(tmp_path: Path) -> Path:
    """A bureau's folder: the example, a colleague's openpyxl workbook, a python-docx
    document, our own PDF of the workbook with respelled names, and a file that is no table."""
    folder = tmp_path / "收集" / "下级"
    folder.mkdir(parents=True)
    shutil.copy(EXAMPLE, folder.parent / EXAMPLE.name)
    shutil.copy(WORD_BY_PYTHON_DOCX, folder / "people.docx")
    colleague_workbook(folder / "colleague.xlsx")
    ours = read_document(folder / "colleague.xlsx")
    rows = {ind.name: ind for _, _, ind in ours.tables[0].indicator_rows()}
    rows["系统可用率"].name = "系统可用比率"  # 率/比率
    rows["系统可用率"].value = "98"
    rows["使用单位满意度"].name = "使用单位 满意度。"  # a blank and a trailing stop
    write_document(ours, folder / "ours.pdf")
    (folder / "broken.xlsx").write_bytes(b"not a workbook")
    return folder.parent


def test_near_duplicates_share_a_key() -> None:
    assert spelling_key("系统可用比率") == spelling_key("系统 可用率。")
    assert spelling_key("ＡＢＣ满意度") == spelling_key("ABC满意度")
    assert spelling_key("完成率") != spelling_key("完成数")


def test_a_folder_gives_one_entry_per_distinct_indicator(tmp_path: Path) -> None:
    refused: list[tuple[Path, InputError]] = []
    entries = harvest([_folder(tmp_path)], 2, lambda path, why: refused.append((path, why)))
    assert [path.name for path, _ in refused] == ["broken.xlsx"]
    keys = [(spelling_key(e.level1), spelling_key(e.level2), spelling_key(e.name)) for e in entries]
    assert len(keys) == len(set(keys))  # one row per distinct 一级/二级/三级
    by_name = {e.name: e for e in entries}
    available = by_name["系统可用率"]  # the workbook's spelling, seen as often as the other
    assert available.keywords == ("系统可用比率",)
    assert available.unit == "%" and available.comparator == "≥"
    assert available.values_seen.count == 2
    assert (available.values_seen.minimum, available.values_seen.maximum) == (
        Decimal("98"),
        Decimal("99.5"),
    )
    assert {s.file for s in available.sources} == {"colleague.xlsx", "ours.pdf"}
    assert {s.project for s in available.sources} == {"2026年信息化运维项目"}
    satisfied = by_name["使用单位满意度"]
    assert satisfied.keywords == ("使用单位 满意度。",) and satisfied.values_seen.count == 2
    improved = by_name["服务改善"]
    assert improved.nature == "定性" and improved.values_seen.texts == ("明显改善",)
    assert improved.values_seen.minimum is None
    # the bundled example: 54 indicators, years and projects as sources
    example = [e for e in entries if any(s.file == EXAMPLE.name for s in e.sources)]
    assert len(example) >= 40
    assert all(s.year == 2026 for e in example for s in e.sources if s.file == EXAMPLE.name)
    assert all(e.origin == "harvest" and e.level2 and e.name for e in entries)
    # the python-docx document's indicators are there with their units
    word = [e for e in entries if any(s.file == "people.docx" for s in e.sources)]
    assert word and all(e.units_seen or e.nature == "定性" for e in word)
