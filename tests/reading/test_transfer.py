"""The worker's answers cross to the editor as bytes, never pickle: every value and note as
read, and an answer that no worker sends is refused as a crash."""

from __future__ import annotations

import pickle
from decimal import Decimal
from multiprocessing import Pipe
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from bench.common import big_document
from goaleditor.errors import InputError
from goaleditor.formats.notes import ImportNote
from goaleditor.formats.registry import check_readable, read_document
from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.model.fields import INDICATOR_FIELDS
from goaleditor.reading import transfer
from goaleditor.reading.worker import CRASHED, Job

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SKIPPED = {"children", "parent", "document", "tables", "listeners"}


def readable_fixtures() -> list[Path]:
    """Every fixture file the registry reads (its own folder of 自评表 included)."""
    found = []
    for path in sorted(FIXTURES.rglob("*")):
        try:
            check_readable(path)
        except InputError:
            continue
        found.append(path)
    return found


def fields(node: object) -> dict[str, Any]:
    return {name: value for name, value in vars(node).items() if name not in SKIPPED}


def assert_same(sent: Document, received: Document) -> None:
    """Every attribute of every node equal (types too), and the tree's links made again."""
    assert type(received) is Document and received.listeners == []
    assert fields(received) == fields(sent)
    assert len(received.tables) == len(sent.tables)
    for table_sent, table in zip(sent.tables, received.tables, strict=True):
        assert table.document is received
        assert fields(table) == fields(table_sent)
        assert [type(v) for v in fields(table).values()] == [
            type(v) for v in fields(table_sent).values()
        ]
        for pair in _nodes(table_sent, table):
            (node_sent, node), parent = pair
            assert fields(node) == fields(node_sent) and node.parent is parent


def _nodes(sent: GoalTable, received: GoalTable) -> list[tuple[tuple[Any, Any], Any]]:
    pairs = []
    for level1_sent, level1 in zip(sent.children, received.children, strict=True):
        pairs.append(((level1_sent, level1), received))
        for level2_sent, level2 in zip(level1_sent.children, level1.children, strict=True):
            pairs.append(((level2_sent, level2), level1))
            for ind_sent, ind in zip(level2_sent.children, level2.children, strict=True):
                pairs.append(((ind_sent, ind), level2))
    return pairs


def round_trip(document: Document, notes: list[ImportNote]) -> tuple[Document, list[ImportNote]]:
    kind, received, received_notes = transfer.decode(transfer.encode(("done", document, notes)))
    assert kind == "done"
    return received, received_notes


@pytest.mark.parametrize("path", readable_fixtures(), ids=lambda path: path.name)
def test_every_fixture_crosses_as_read(path: Path) -> None:
    notes: list[ImportNote] = []
    try:
        document = read_document(path, notes.append)
    except InputError as refused:  # the refusal crosses as it was said
        answer = ("refused", str(refused), refused.kind.value, refused.detail)
        assert transfer.decode(transfer.encode(answer)) == answer
        return
    received, received_notes = round_trip(document, notes)
    assert_same(document, received)
    assert received_notes == notes


def test_a_large_document_and_amounts_cross_exactly() -> None:
    document = big_document(30)
    document.year = 2026
    document.merge_level2 = True
    document.tables[0].budget_total = Decimal("12.3400")
    document.tables[1].budget_fiscal = Decimal("1E+3")
    document.tables[2].children = []
    received, _ = round_trip(document, [])
    assert_same(document, received)
    assert str(received.tables[0].budget_total) == "12.3400"
    assert str(received.tables[1].budget_fiscal) == "1E+3"


def test_text_with_nul_or_lone_surrogates_and_empty_documents_cross() -> None:
    document = big_document(2)
    indicator = document.tables[0].children[0].children[0].children[0]
    indicator.name = "a\x00b"
    indicator.remark = "\ud800半"
    received, _ = round_trip(document, [])
    assert_same(document, received)
    assert_same(Document(), round_trip(Document(), [])[0])
    empty = Document(tables=[GoalTable()])
    assert_same(empty, round_trip(empty, [])[0])


def test_a_value_the_model_does_not_declare_fails_loudly_in_the_worker() -> None:
    document = big_document(1)
    document.tables[0].children[0].children[0].children[0].extra = 1  # type: ignore[attr-defined]
    with pytest.raises(TypeError, match="attributes the transfer does not carry"):
        transfer.encode(("done", document, []))


def test_plain_answers_cross() -> None:
    for answer in [
        ("alive",),
        ("crashed",),
        ("refused", "不是文档", "general", None),
        ("failed", "KeyError", "'x'", "Traceback …"),
    ]:
        assert transfer.decode(transfer.encode(answer)) == answer


def packed_with(change: dict[str, Any]) -> bytes:
    """A document's answer with parts of its JSON head replaced (a worker taken over)."""
    import json

    data = transfer.encode(("done", big_document(2), []))
    size = int.from_bytes(data[1:9], "big")
    head = json.loads(data[9 : 9 + size])
    head.update(change)
    packed = json.dumps(head).encode()
    return b"D" + len(packed).to_bytes(8, "big") + packed + data[9 + size :]


@pytest.mark.parametrize(
    "data",
    [
        pickle.dumps(("done", Document(), [])),  # what workers sent before: never unpickled
        b"J" + pickle.dumps(("alive",)),
        b'J["done", 1, 2]',
        b'J["refused", ["list"], "general", null]',
        b"",
        packed_with({"tables": 3}),
        packed_with({"tables": 1}),
        packed_with({"strings": 5}),
        packed_with({"shape": [-1]}),
        packed_with({"properties": [[1]] * 9}),
        packed_with({"notes": [["x", "", "row", None, "：", False]]}),
    ],
)
def test_an_answer_no_worker_sends_is_garbled(data: bytes) -> None:
    with pytest.raises(transfer.Garbled):
        transfer.decode(data)


def test_a_garbled_answer_is_told_as_a_crash_and_its_worker_killed() -> None:
    parent, child = Pipe()
    killed: list[bool] = []
    worker = SimpleNamespace(
        connection=parent, busy=True, kill=lambda: killed.append(True), usable=lambda: False
    )
    job = Job(worker, Path("恶意.goals"), 5)  # type: ignore[arg-type]
    child.send_bytes(pickle.dumps(("done", Indicator(), [])))
    with pytest.raises(InputError, match=CRASHED):
        job.result()
    assert killed


def test_indicator_fields_are_what_the_transfer_packs() -> None:
    assert len(vars(Indicator())) == len(INDICATOR_FIELDS) + 1
