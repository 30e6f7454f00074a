"""read_many: a folder of files read by a few workers; one that kills its worker is one line
and the others are read all the same."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from goaleditor.errors import InputError, RefusalKind
from goaleditor.formats.canonical_json import dumps
from goaleditor.formats.registry import read_document
from goaleditor.reading import read_many

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_read_many_reads_each_file_and_survives_a_crash(
    aborting_pdf: Path, example_path: Path, tmp_path: Path
) -> None:
    workbook = FIXTURES / "hidden-bands.xlsx"
    text = tmp_path / "没有表.txt"
    text.write_text("这里没有绩效目标表", encoding="utf-8")
    paths = [aborting_pdf, workbook, text, example_path]
    if sys.platform != "win32":
        os.mkfifo(tmp_path / "管道.json")
        paths.append(tmp_path / "管道.json")
    outcomes = {
        path: (result, notes) for path, result, notes in read_many(paths, workers=2, seconds=120)
    }
    assert set(outcomes) == set(paths)
    crashed = outcomes[aborting_pdf][0]
    assert isinstance(crashed, InputError) and crashed.kind is RefusalKind.PARSER_FAILED
    for path in (workbook, example_path):
        expected_notes: list[object] = []
        expected = read_document(path, expected_notes.append)
        document, notes = outcomes[path]
        assert not isinstance(document, InputError)
        assert dumps(document) == dumps(expected)
        assert notes == expected_notes
    assert isinstance(outcomes[text][0], InputError)
    if sys.platform != "win32":
        assert "管道或设备" in str(outcomes[tmp_path / "管道.json"][0])
