"""Seeded mutation fuzzing of the importers: every damaged file is a Document or one line."""

from __future__ import annotations

import io
import random
import re
import sqlite3
import time
import warnings
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from goaleditor.errors import InputError
from goaleditor.formats import read_document
from goaleditor.formats.readers import guard
from goaleditor.formats.readers.published_text import read as read_text
from goaleditor.formats.writers.excel import write as write_xlsx
from goaleditor.model.store import save_document
from tests import fuzz
from tests.helpers import note_lines

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "binhai-2026-published.txt"
BUDGET_SECONDS = 120  # a hang guard for the whole run, not a speed test

# Edits of sheet XML that a broken writer or an attacker makes.
_XML_EDITS = (
    ('t="s"', 't="n"'),
    ('t="s"', 't="d"'),
    ('t="s"', 't="b"'),
    ('t="s"', 't="e"'),
    ('t="s"', 't="inlineStr"'),
    ("<v>", "<v>inf"),
    ("<v>", "<v>1e999"),
    ("<v>", "<v>-"),
    ("</row>", ""),
    ('r="A', 'r="ZZZZ'),
    ('r="', 'r="0'),
    ('s="', 's="9999'),
    ('ref="', 'ref="A1:XFD'),
)


def _outcome(path: Path, seen: Counter[str]) -> None:
    """Read path: a Document or an InputError of one line; anything else fails the test."""
    try:
        read_document(path, lambda note: None)
        seen["document"] += 1
    except InputError as exc:
        assert "\n" not in str(exc) and str(exc)
        assert "内部错误" not in str(exc)
        seen["refused"] += 1


def _flip(rng: random.Random, data: bytes, skip: int = 0) -> bytes:
    mutated = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        mutated[rng.randrange(skip, len(mutated))] = rng.randrange(256)
    return bytes(mutated)


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize("seed", [15, 1504])
def test_mutated_workbooks_give_a_document_or_one_line(tmp_path: Path, seed: int) -> None:
    good = tmp_path / "good.xlsx"
    write_xlsx(read_text(EXAMPLE), good)
    data = good.read_bytes()
    with zipfile.ZipFile(good) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    sheets = [name for name in parts if name.startswith("xl/worksheets/")]
    rng = random.Random(seed)
    seen: Counter[str] = Counter()
    target = tmp_path / "mutated.xlsx"
    started = time.monotonic()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a library warning leaking out fails the test
        for number in range(150):
            kind = number % 3
            if kind == 0:  # bytes of the zip itself
                target.write_bytes(_flip(rng, data))
            elif kind == 1:  # bytes inside one member
                name = rng.choice(list(parts))
                target.write_bytes(_zip({**parts, name: _flip(rng, parts[name])}))
            else:  # well-formed but wrong sheet XML
                name = rng.choice(sheets)
                xml = parts[name].decode()
                for _ in range(rng.randint(1, 3)):
                    old, new = rng.choice(_XML_EDITS)
                    xml = xml.replace(old, new, 1)
                target.write_bytes(_zip({**parts, name: xml.encode()}))
            _outcome(target, seen)
    assert time.monotonic() - started < BUDGET_SECONDS
    assert seen["document"] and seen["refused"]  # the mutations reach both outcomes


_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _padded_sheet(rows: str) -> bytes:
    return (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:XFD1048576"/><sheetData>{rows}</sheetData></worksheet>'
    ).encode()


def _workbook_with_extra_sheets(tmp_path: Path, sheet: bytes, count: int) -> Path:
    """The example workbook plus count copies of sheet, wired into the workbook."""
    good = tmp_path / "good.xlsx"
    write_xlsx(read_text(EXAMPLE), good)
    with zipfile.ZipFile(good) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    book = parts["xl/workbook.xml"].decode()
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    types = parts["[Content_Types].xml"].decode()
    entries, links, overrides = [], [], []
    for n in range(count):
        parts[f"xl/worksheets/pad{n}.xml"] = sheet
        entries.append(
            f'<sheet xmlns:r="{_RELATIONSHIPS}" name="pad{n}" sheetId="{900 + n}" '
            f'r:id="rIdPad{n}"/>'
        )
        links.append(
            f'<Relationship Id="rIdPad{n}" Target="worksheets/pad{n}.xml" Type="http://'
            'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
        )
        overrides.append(
            f'<Override PartName="/xl/worksheets/pad{n}.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        )
    parts["xl/workbook.xml"] = book.replace("</sheets>", "".join(entries) + "</sheets>").encode()
    parts["xl/_rels/workbook.xml.rels"] = rels.replace(
        "</Relationships>", "".join(links) + "</Relationships>"
    ).encode()
    parts["[Content_Types].xml"] = types.replace(
        "</Types>", "".join(overrides) + "</Types>"
    ).encode()
    path = tmp_path / "padded.xlsx"
    path.write_bytes(_zip(parts))
    return path


def test_padded_sheets_read_in_time_of_their_real_cells(tmp_path: Path) -> None:
    # Each sheet claims a million rows and has a cell at the last one: openpyxl alone
    # fills every row in between (300 such sheets took 67 s).
    sheet = _padded_sheet(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>说明</t></is></c></row>'
        '<row r="1048576"><c r="BH1048576" t="inlineStr"><is><t>尾</t></is></c></row>'
    )
    path = _workbook_with_extra_sheets(tmp_path, sheet, 300)
    notes: list[str] = []
    started = time.monotonic()
    document = read_document(path, note_lines(notes))
    assert time.monotonic() - started < 10
    assert len(document.tables) == len(read_text(EXAMPLE).tables)
    assert "工作表“pad0”第1048576行：此行起的内容在1048574个空行之后，已忽略" in notes
    assert "工作表“pad299”不是绩效目标表，已跳过" in notes


def test_a_workbook_past_the_deadline_gives_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, 3000))
    path = _workbook_with_extra_sheets(tmp_path, _padded_sheet(rows), 20)
    monkeypatch.setattr(guard, "MAX_SECONDS", 0.0)
    with pytest.raises(InputError, match=r"^padded\.xlsx：工作簿过于复杂，读取超时"):
        read_document(path)


def test_a_dtd_in_any_part_is_refused(tmp_path: Path) -> None:
    good = tmp_path / "good.xlsx"
    write_xlsx(read_text(EXAMPLE), good)
    with zipfile.ZipFile(good) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    rels = parts["_rels/.rels"].decode()
    parts["_rels/.rels"] = ('<!DOCTYPE r [<!ENTITY a "aaaa">]>' + rels).encode()
    bad = tmp_path / "dtd.xlsx"
    bad.write_bytes(_zip(parts))
    with pytest.raises(InputError, match=r"部件 _rels/\.rels 含有不安全的XML内容"):
        read_document(bad)


def test_an_encrypted_workbook_says_so(tmp_path: Path) -> None:
    path = tmp_path / "secret.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000))
    with pytest.raises(InputError, match="设有打开密码"):
        read_document(path)


def test_mutated_goals_files_give_a_document_or_one_line(tmp_path: Path) -> None:
    good = tmp_path / "good.goals"
    save_document(read_text(EXAMPLE), good)
    data = good.read_bytes()
    rng = random.Random(1515)
    seen: Counter[str] = Counter()
    target = tmp_path / "mutated.goals"
    started = time.monotonic()
    for _ in range(600):
        target.write_bytes(_flip(rng, data, skip=100))  # the header is checked on its own
        _outcome(target, seen)
    assert time.monotonic() - started < BUDGET_SECONDS
    assert seen["document"] and seen["refused"]


def test_damaged_text_in_a_goals_file_is_replaced_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "damaged.goals"
    save_document(read_text(EXAMPLE), path)
    db = sqlite3.connect(path)
    db.execute("UPDATE goal_table SET goal = CAST(x'e5b9b4ff' AS TEXT) WHERE rowid = 1")
    db.commit()
    db.close()
    notes: list[str] = []
    document = read_document(path, note_lines(notes))
    assert document.tables[0].goal == "年\ufffd"
    assert notes == ["damaged.goals 中有1处文字已损坏（编码无效），已用“\ufffd”代替，请检查"]


def test_damaged_schema_text_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "schema.goals"
    save_document(read_text(EXAMPLE), path)
    data = bytearray(path.read_bytes())
    at = data.index(b"CREATE TABLE")
    data[at + 1] = 0xFF  # the stored SQL of a table is no longer UTF-8
    path.write_bytes(bytes(data))
    with pytest.raises(InputError) as raised:
        read_document(path)
    assert re.fullmatch(r"文档已损坏，无法读取：schema\.goals（.+）", str(raised.value))


# Structural mutations (inside the zip, the XML, the PDF objects, the JSON and .goals fields):
# a sample of the on-demand run `python -m tests.fuzz --importer NAME --runs 500 --seed 1`.
SAMPLE_RUNS = 40


@pytest.mark.parametrize("importer", list(fuzz.IMPORTERS))
def test_structural_mutations_give_a_document_or_one_chinese_line(importer: str) -> None:
    tally = fuzz.run(importer, SAMPLE_RUNS, seed=23)
    assert tally.problems == []
    assert tally.slowest <= fuzz.CASE_SECONDS
    assert tally.documents + tally.refused == SAMPLE_RUNS
    assert tally.refused, "no mutation reached a refusal: the mutations do nothing"


def test_the_fuzz_judge_catches_what_it_must(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import goaleditor.formats

    path = tmp_path / "x.xlsx"
    path.write_bytes(b"")
    said: list[Exception] = [
        InputError("x.xlsx：文件已损坏：工作簿的内容无效（IndexError）"),
        InputError("x.xlsx：第1行不是有效的JSON（Expecting value）"),
        InputError("内部错误：命令没有完成"),
        InputError(""),  # says nothing
        IndexError("list index out of range"),
    ]

    def refuse(_path: object, _warn: object = None) -> None:
        raise said.pop(0)

    monkeypatch.setattr(goaleditor.formats, "read_document", refuse)
    outcomes = [fuzz.judge(path)[0] for _ in range(5)]
    assert outcomes == ["problem"] * 5
