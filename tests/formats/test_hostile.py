"""Hostile and broken inputs: each refused with one clear line, quickly, in bounded memory."""

from __future__ import annotations

import json
import os
import re
import resource
import sqlite3
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from goaleditor.formats.readers.published_text import read as read_text
from goaleditor.formats.writers.excel import write as write_xlsx
from goaleditor.model.fields import INDICATOR_FIELDS
from goaleditor.model.store import APPLICATION_ID, SCHEMA_VERSION, save_document
from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "binhai-2026-published.txt"
MEMORY_LIMIT = 1024 * 1024 * 1024
TIME_LIMIT = 20


def _goals(path: Path) -> Path:
    save_document(read_text(EXAMPLE), path)
    return path


def _with_sql(sql: str) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        _goals(path)
        db = sqlite3.connect(path)
        db.executescript(sql)
        db.commit()
        db.close()
        return path

    return build


def _huge_goal(length: int) -> Callable[[Path], Path]:
    """A goals file whose 绩效目标 is `length` characters (each 'x' one byte)."""

    def build(path: Path) -> Path:
        _goals(path)
        db = sqlite3.connect(path)
        db.execute("UPDATE goal_table SET goal = ?", ("x" * length,))
        db.commit()
        db.close()
        return path

    return build


def _many_values(path: Path) -> Path:
    """A small file whose every row claims to hold a value of 16 MB of zeros."""
    _goals(path)
    db = sqlite3.connect(path)
    columns = ", ".join(("level2_id", "position", *INDICATOR_FIELDS))
    db.executescript(
        "ALTER TABLE indicator ADD COLUMN big AS (zeroblob(16000000)) VIRTUAL;"
        f"INSERT INTO indicator ({columns}) SELECT {columns} FROM indicator;"
    )
    db.commit()
    db.close()
    return path


def _million_indicators(path: Path) -> Path:
    _goals(path)
    db = sqlite3.connect(path)
    values = {"name": "指标", "comparator": "≥", "value": "1", "unit": "个"}
    row = [values.get(name, "") for name in INDICATOR_FIELDS]
    marks = ", ".join("?" * (len(row) + 1))
    db.executemany(
        f"INSERT INTO indicator (level2_id, position, {', '.join(INDICATOR_FIELDS)})"
        f" VALUES (1, {marks})",
        ((i, *row) for i in range(10**6)),
    )
    db.commit()
    db.close()
    return path


def _other_program(path: Path) -> Path:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    db.commit()
    db.close()
    return path


def _truncated(path: Path) -> Path:
    _goals(path)
    path.write_bytes(path.read_bytes()[:5000])
    return path


def _corrupted(path: Path) -> Path:
    _goals(path)
    data = bytearray(path.read_bytes())
    for offset in range(4096 + 100, len(data), 997):
        data[offset] ^= 0xFF
    path.write_bytes(bytes(data))
    return path


def _newer(path: Path) -> Path:
    return _with_sql(f"PRAGMA user_version = {SCHEMA_VERSION + 5};")(path)


def _xlsx_with(part: str, xml: str) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        good = path.with_name("good.xlsx")
        write_xlsx(read_text(EXAMPLE), good)
        with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as target:
            for item in source.infolist():
                data = source.read(item.filename)
                target.writestr(item, xml.encode() if item.filename == part else data)
        good.unlink()
        return path

    return build


def _zip_bomb(path: Path) -> Path:
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member,
    ):
        for _ in range(1024):
            member.write(b"\0" * (1 << 20))
    return path


SHEET = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
CORPUS: dict[str, tuple[str, Callable[[Path], Path]]] = {
    "random bytes": ("x.goals", lambda p: (p.write_bytes(os.urandom(65536)), p)[1]),
    "empty goals": ("x.goals", lambda p: (p.write_bytes(b""), p)[1]),
    "truncated goals": ("x.goals", _truncated),
    "corrupted goals": ("x.goals", _corrupted),
    "another program's database": ("x.goals", _other_program),
    "newer format": ("x.goals", _newer),
    "trigger": (
        "x.goals",
        _with_sql("CREATE TRIGGER t AFTER INSERT ON indicator BEGIN DELETE FROM indicator; END;"),
    ),
    "view": ("x.goals", _with_sql("CREATE VIEW v AS SELECT * FROM indicator;")),
    "unknown table": ("x.goals", _with_sql("CREATE TABLE extra (x);")),
    "generated column": (
        "x.goals",
        _with_sql(
            "ALTER TABLE indicator ADD COLUMN g AS "
            "(length(printf('%.*c', 2000000000, 'x'))) VIRTUAL;"
        ),
    ),
    "generated column eating memory": ("x.goals", _many_values),
    "partial index": (
        "x.goals",
        _with_sql(
            "DROP INDEX ix_indicator_level2_id; CREATE INDEX ix_indicator_level2_id "
            "ON indicator (level2_id) WHERE length(name) >= 0;"
        ),
    ),
    "expression index": (
        "x.goals",
        _with_sql(
            "DROP INDEX ix_level1_table_id; "
            "CREATE INDEX ix_level1_table_id ON level1 (table_id + 0);"
        ),
    ),
    "extra column": ("x.goals", _with_sql("ALTER TABLE level2 ADD COLUMN extra TEXT;")),
    "missing index": ("x.goals", _with_sql("DROP INDEX ix_level2_level1_id;")),
    "column type changed": (
        "x.goals",
        _with_sql(
            "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = "
            "replace(sql, 'position INTEGER', 'position BLOB') WHERE name = 'level1';"
        ),
    ),
    "a million indicators": ("x.goals", _million_indicators),
    "field of 15 MB": ("x.goals", _huge_goal(15 * 1024 * 1024)),
    "field of 200,000 characters": ("x.goals", _huge_goal(200_000)),
    "table named with escape sequences": (
        "x.goals",
        _with_sql('CREATE TABLE "\x1b]0;owned\x07\x1b[2J" (x);'),
    ),
    "wrong application id": (
        "x.goals",
        _with_sql(f"PRAGMA application_id = {APPLICATION_ID + 1};"),
    ),
    "JSON wrong types": (
        "x.json",
        lambda p: (
            p.write_text(
                json.dumps({"tables": [{"indicators": [{"name": {"a": 1}}]}]}), encoding="utf-8"
            ),
            p,
        )[1],
    ),
    "JSON lone surrogate": (
        "x.json",
        lambda p: (p.write_text('{"tables": [{"project_name": "\\ud800"}]}'), p)[1],
    ),
    "JSON of a million indicators": (
        "x.json",
        lambda p: (
            p.write_text(json.dumps({"tables": [{"indicators": [{}] * 10**6}]})),
            p,
        )[1],
    ),
    "JSON nested 100000 deep": (
        "x.json",
        lambda p: (p.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8"), p)[1],
    ),
    "JSON not JSON": ("x.json", lambda p: (p.write_bytes(os.urandom(5000)), p)[1]),
    "binary named .txt": ("x.txt", lambda p: (p.write_bytes(os.urandom(20000)), p)[1]),
    "empty .txt": ("x.txt", lambda p: (p.write_bytes(b""), p)[1]),
    "xlsx zip bomb": ("x.xlsx", _zip_bomb),
    "xlsx not a zip": ("x.xlsx", lambda p: (p.write_bytes(os.urandom(3000)), p)[1]),
    "xlsx billion laughs": (
        "x.xlsx",
        _xlsx_with(
            "xl/worksheets/sheet2.xml",
            '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
            '<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
            '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">'
            f']>{SHEET}<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&e;&e;&e;</t></is>'
            "</c></row></sheetData></worksheet>",
        ),
    ),
    "xlsx external entity": (
        "x.xlsx",
        _xlsx_with(
            "xl/worksheets/sheet2.xml",
            '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            f'{SHEET}<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c>'
            "</row></sheetData></worksheet>",
        ),
    ),
}


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.mark.parametrize("name", list(CORPUS))
def test_hostile_input_is_refused_cleanly(tmp_path: Path, name: str) -> None:
    filename, build = CORPUS[name]
    source = build(tmp_path / filename)
    before = sorted(p.name for p in tmp_path.iterdir())
    out = tmp_path / "out.goals"
    start = time.monotonic()
    result = run_cli("import", source, "-o", out, timeout=TIME_LIMIT * 3, preexec_fn=_limit_memory)
    assert time.monotonic() - start < TIME_LIMIT
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert "内部错误" not in lines[0] and "MemoryError" not in lines[0], lines[0]
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f]", result.stderr), ascii(result.stderr)
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing left behind


def test_newer_format_names_the_upgrade(tmp_path: Path) -> None:
    path = _newer(tmp_path / "n.goals")
    result = run_cli("dump", path)
    assert "请升级goaleditor" in result.stderr


def test_trigger_file_is_never_run(tmp_path: Path) -> None:
    """Opening must not execute anything stored in the file, nor change it."""
    path = _with_sql("CREATE TRIGGER t AFTER INSERT ON indicator BEGIN SELECT 1; END;")(
        tmp_path / "t.goals"
    )
    before = path.read_bytes()
    result = run_cli("dump", path)
    assert result.returncode == 2 and "触发器 t" in result.stderr
    assert path.read_bytes() == before


# Values that once ended as 内部错误 (issue 23): each a plain line, or a sensible read.
def _example_json(**changes: object) -> dict[str, object]:
    from goaleditor.formats.canonical_json import to_data

    return {**to_data(read_text(EXAMPLE)), **changes}


JSON_REFUSED = {
    "framework list": ({"framework": []}, "framework 应为指标体系的名称"),
    "framework object": ({"framework": {}}, "framework 应为指标体系的名称"),
    "year 2**63": ({"year": 2**63}, "year 应为整数年份（四位数"),
    "year -2**63-1": ({"year": -(2**63) - 1}, "year 应为整数年份（四位数"),
    "year 2**63-1": ({"year": 2**63 - 1}, "year 应为整数年份（四位数"),
    "year 99999": ({"year": 99999}, "year 应为整数年份（四位数"),
    "year 1e400": ({"year": 1e300}, "year 应为整数年份（四位数"),
}


@pytest.mark.parametrize("name", list(JSON_REFUSED))
def test_odd_json_properties_are_one_plain_line(tmp_path: Path, name: str) -> None:
    from goaleditor.errors import InputError
    from goaleditor.formats import read_document

    changes, words = JSON_REFUSED[name]
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(_example_json(**changes)), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_document(path)
    assert str(raised.value).startswith(f"odd.json：{words}")


@pytest.mark.parametrize("year", ["2**63 - 1", "-(2**63)", "99999", "-1"])
def test_a_goals_year_no_layout_prints_is_read_as_none_and_said(tmp_path: Path, year: str) -> None:
    from goaleditor.formats import read_document
    from tests.helpers import note_lines

    path = _with_sql(f"UPDATE document SET year = {eval(year)!r};")(tmp_path / "y.goals")
    notes: list[str] = []
    document = read_document(path, note_lines(notes))
    assert document.year is None
    assert any("y.goals 的年度" in n and "不是四位数的年份，已留空" in n for n in notes), notes
    out = tmp_path / "next.goals"
    result = run_cli("next-year", path, "-o", out)  # once 内部错误: 2**63 cannot be saved
    assert result.returncode == 0 and "内部错误" not in result.stderr  # the year of its text
    assert "已生成2027年度的新文档" in result.stderr


def test_an_unknown_goals_framework_is_detected_and_said(tmp_path: Path) -> None:
    from goaleditor.formats import read_document
    from tests.helpers import note_lines

    path = _with_sql("UPDATE document SET framework = 'zzz';")(tmp_path / "f.goals")
    notes: list[str] = []
    document = read_document(path, note_lines(notes))
    assert document.framework == "classic"
    assert any("f.goals 的指标体系无法识别" in n for n in notes), notes
    dumped = run_cli("dump", path)
    back = tmp_path / "back.json"
    back.write_text(dumped.stdout, encoding="utf-8")
    assert run_cli("dump", back).returncode == 0  # its dump reads again


@pytest.mark.parametrize("year", ["²⁰²⁶", "２０２６", "9" * 5000, "12345", " ", "-2026"])
def test_a_workbook_year_that_is_no_year_reads_as_none(tmp_path: Path, year: str) -> None:
    from goaleditor.formats import read_document

    good = tmp_path / "good.xlsx"
    write_xlsx(read_text(EXAMPLE), good)
    custom = zipfile.ZipFile(good).read("docProps/custom.xml").decode()
    stored = custom.replace(">2026</vt:lpwstr>", f">{year}</vt:lpwstr>")
    assert stored != custom
    path = _xlsx_with("docProps/custom.xml", stored)(tmp_path / "odd.xlsx")
    started = time.monotonic()
    document = read_document(path)
    assert time.monotonic() - started < 10
    assert document.year is None and document.tables


@pytest.mark.parametrize("year", ["²⁰²⁶", "9" * 5000])
def test_a_word_year_that_is_no_year_reads_as_none(tmp_path: Path, year: str) -> None:
    from goaleditor.formats import read_document
    from goaleditor.formats.writers.word import write as write_docx

    document = read_text(EXAMPLE)
    document.title = "无年度"
    good = tmp_path / "good.docx"
    write_docx(document, good)
    with zipfile.ZipFile(good) as source:
        parts = {item.filename: source.read(item) for item in source.infolist()}
    custom = parts["docProps/custom.xml"].decode()
    parts["docProps/custom.xml"] = custom.replace(">2026<", f">{year}<").encode()
    path = tmp_path / "odd.docx"
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    read = read_document(path)
    assert read.year in (None, 2026) and read.tables  # the pages' own year, never ²⁰²⁶


def test_a_workbook_whose_content_types_name_no_workbook_is_one_line(tmp_path: Path) -> None:
    """Found by tests/fuzz.py: openpyxl raised OSError ("File contains no valid workbook
    part"), which escaped as 内部错误."""
    from goaleditor.errors import InputError
    from goaleditor.formats import read_document

    types = '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
    path = _xlsx_with("[Content_Types].xml", types)(tmp_path / "types.xlsx")
    with pytest.raises(InputError) as raised:
        read_document(path)
    assert str(raised.value) == "types.xlsx：文件已损坏：缺少工作簿的组成部分"


def _ods_with(edit: Callable[[bytes], bytes], member: str, path: Path) -> Path:
    source = ROOT / "tests" / "fixtures" / "example-libreoffice.ods"
    with zipfile.ZipFile(source) as good, zipfile.ZipFile(path, "w") as target:
        for item in good.infolist():
            data = good.read(item)
            target.writestr(item, edit(data) if item.filename == member else data)
    return path


def test_an_ods_row_repeated_twenty_thousand_times_reads_quickly(tmp_path: Path) -> None:
    """Found by tests/fuzz.py: 20,000 copies of a row with text took the table reader 29 s."""
    from goaleditor.formats import read_document
    from tests.helpers import note_lines

    def repeat_last_row(xml: bytes) -> bytes:  # the last row with text
        at = xml.rindex(b"<table:table-row ", 0, xml.rindex(b"<text:p"))
        at += len(b"<table:table-row ")
        return xml[:at] + b'table:number-rows-repeated="20000" ' + xml[at:]

    path = _ods_with(repeat_last_row, "content.xml", tmp_path / "repeated.ods")
    notes: list[str] = []
    started = time.monotonic()
    document = read_document(path, note_lines(notes))
    assert time.monotonic() - started < 10
    assert document.tables
    assert any("此行重复了20000次，只读取了前1000行" in note for note in notes), notes


def test_an_ods_whose_type_mark_is_other_text_is_one_plain_line(tmp_path: Path) -> None:
    """Found by tests/fuzz.py: the mimetype member held XML, quoted back in the message."""
    from goaleditor.errors import InputError
    from goaleditor.formats import read_document

    path = _ods_with(
        lambda _data: b'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles',
        "mimetype",
        tmp_path / "typed.ods",
    )
    with pytest.raises(InputError) as raised:
        read_document(path)
    assert str(raised.value) == "typed.ods：文件已损坏：文件类型标记无效"
