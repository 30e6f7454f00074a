"""Reading a .goals file on its fast path: values another program stored are still cleaned."""

from __future__ import annotations

import gc
import sqlite3
from pathlib import Path

import pytest

from goaleditor.errors import InputError
from goaleditor.model import store
from goaleditor.model.document import Document


def _edit(path: Path, sql: str, *args: object) -> None:
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(sql, args)
    connection.close()


def test_a_number_or_null_in_a_text_column_reads_as_text(
    tmp_path: Path, example_document: Document
) -> None:
    """Only one value of many is not text: the whole column is cleaned, the rest unchanged."""
    path = tmp_path / "numbers.goals"
    store.save_document(example_document, path)
    first = "(select min(rowid) from indicator)"
    _edit(path, f"update indicator set value = 95 where rowid = {first}")
    back = store.load_document(path)
    rows = [indicator for _, _, indicator in back.tables[0].indicator_rows()]
    assert rows[0].value == "95"
    assert all(isinstance(i.value, str) for t in back.tables for _, _, i in t.indicator_rows())
    expected = [i for _, _, i in example_document.tables[0].indicator_rows()]
    assert [i.name for i in rows] == [i.name for i in expected]
    assert [i.value for i in rows[1:]] == [i.value for i in expected[1:]]


def test_a_table_name_stored_as_a_number_reads_as_text(
    tmp_path: Path, example_document: Document
) -> None:
    path = tmp_path / "level.goals"
    store.save_document(example_document, path)
    _edit(path, "update level1 set name = 7 where rowid = (select min(rowid) from level1)")
    back = store.load_document(path)
    assert back.tables[0].children[0].name == "7"


def test_garbage_collection_is_on_again_after_reading_or_refusing(
    tmp_path: Path, example_document: Document
) -> None:
    path = tmp_path / "a.goals"
    store.save_document(example_document, path)
    assert gc.isenabled()
    store.load_document(path)
    assert gc.isenabled()
    _edit(path, "update level1 set table_id = 99999")
    with pytest.raises(InputError, match="一级指标不属于任何表"):
        store.load_document(path)
    assert gc.isenabled()
    gc.disable()
    try:  # a caller that keeps it off keeps it off
        _edit(path, "update level1 set table_id = 1")
        store.load_document(path)
        assert not gc.isenabled()
    finally:
        gc.enable()
