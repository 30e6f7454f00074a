"""The library file: written and read by one schema, the old JSON migrated, hostile ones refused."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from goaleditor.errors import InputError
from goaleditor.library.bureau import read_bureau_libraries
from goaleditor.library.exchange import export_workbook
from goaleditor.library.store import read_library, write_library
from goaleditor.model.library import LEGACY_PERSONAL_FILE, PERSONAL_FILE, IndicatorLibrary
from goaleditor.resources import resources_dir
from tests.library.test_exchange import ENTRIES

BUILTIN = resources_dir() / "library" / "builtin.json"


def test_a_library_file_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "库.sqlite"
    write_library(path, ENTRIES)
    assert read_library(path, origin="personal") == ENTRIES
    bureau = read_library(path)
    assert [e.origin for e in bureau] == ["bureau", "bureau"]


def test_the_old_json_is_migrated_and_kept(tmp_path: Path) -> None:
    old = {
        "schema": 1,
        "entries": [
            {
                "level2": "数量指标",
                "name": "走访户数",
                "description": "",
                "comparator": "≥",
                "unit": "户",
            }
        ],
    }
    legacy = tmp_path / LEGACY_PERSONAL_FILE
    legacy.write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    library = IndicatorLibrary.load(BUILTIN, tmp_path / PERSONAL_FILE)
    entry = library.find("数量指标", "走访户数")
    assert entry is not None and (entry.unit, entry.origin) == ("户", "personal")
    assert (tmp_path / PERSONAL_FILE).is_file()
    assert json.loads(legacy.read_text(encoding="utf-8")) == old  # an older version reads it
    legacy.unlink()
    again = IndicatorLibrary.load(BUILTIN, tmp_path / PERSONAL_FILE)
    assert again.find("数量指标", "走访户数") == entry


def test_learned_entries_are_saved_in_the_library_file(tmp_path: Path, example_document) -> None:
    library = IndicatorLibrary.load(BUILTIN, tmp_path / PERSONAL_FILE)
    assert library.learn(example_document) > 40
    library.save()
    again = IndicatorLibrary.load(BUILTIN, tmp_path / PERSONAL_FILE)
    assert again.personal == library.personal
    (tmp_path / PERSONAL_FILE).write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    assert IndicatorLibrary.load(BUILTIN, tmp_path / PERSONAL_FILE).personal == {}


def _hostile(path: Path, extra: str) -> Path:
    write_library(path, ENTRIES)
    connection = sqlite3.connect(path)
    connection.execute(extra)
    connection.commit()
    connection.close()
    return path


@pytest.mark.parametrize(
    ("extra", "why"),
    [
        (
            "CREATE TRIGGER t AFTER INSERT ON entry BEGIN DELETE FROM meta; END",
            "不是本程序的指标库文件（多余的触发器 t）",
        ),
        ("CREATE VIEW v AS SELECT * FROM entry", "不是本程序的指标库文件（多余的视图 v）"),
        ("UPDATE entry SET comparators_seen = '[[[[1]]]]'", "指标库文件中有无效的条目"),
        ("UPDATE entry SET comparator = 'DROP'", "指标库文件中有无效的条目"),
        ("UPDATE meta SET value = '99'", "指标库文件的版本不受支持"),
    ],
)
def test_a_hostile_library_file_is_refused_in_one_line(
    tmp_path: Path, extra: str, why: str
) -> None:
    path = _hostile(tmp_path / "bureau.sqlite", extra)
    with pytest.raises(InputError) as refused:
        read_library(path)
    assert str(refused.value).startswith(f"bureau.sqlite：{why}")
    assert "\n" not in str(refused.value)


def test_not_a_library_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "x.sqlite").write_bytes(b"hello")
    with pytest.raises(InputError, match="不是指标库文件"):
        read_library(tmp_path / "x.sqlite")
    document = tmp_path / "doc.goals"
    sqlite3.connect(document).execute("CREATE TABLE document (x)").connection.commit()
    with pytest.raises(InputError, match="不是本程序的指标库文件"):
        read_library(document)


def test_bureau_libraries_are_read_once_from_the_settings(tmp_path: Path) -> None:
    write_library(tmp_path / "a.sqlite", ENTRIES[:1])
    export_workbook(ENTRIES[1:], tmp_path / "b.xlsx")
    entries, problems = read_bureau_libraries(
        [tmp_path / "a.sqlite", tmp_path / "b.xlsx", tmp_path / "missing.sqlite"]
    )
    assert [e.name for e in entries] == ["培训人次", "=1+1"]
    assert {e.origin for e in entries} == {"bureau"}
    assert len(problems) == 1 and "missing.sqlite" in problems[0]
    library = IndicatorLibrary.load(BUILTIN, None)
    library.set_bureau(entries, problems)
    assert library.entries("数量指标")[0].name == "培训人次"  # before the built-in ones
