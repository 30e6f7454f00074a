"""Document events: typed, every listener runs, and the Qt models never stay half-way."""

from __future__ import annotations

import logging

import pytest

from goaleditor.model.document import Document, Indicator, new_table
from goaleditor.model.events import Edited, Event, Inserted, Moved, Removed


def _document() -> Document:
    document = Document(tables=[new_table("classic", "甲"), new_table("classic", "乙")])
    level2 = document.tables[0].children[0].children[0]
    document.insert_nodes(level2, 0, [Indicator("一"), Indicator("二"), Indicator("三")])
    return document


def _boom(event: Event) -> None:
    raise RuntimeError("listener failed")


def test_every_kind_of_change_sends_typed_before_and_after() -> None:
    document = _document()
    seen: list[Event] = []
    unsubscribe = document.subscribe(seen.append)
    level2 = document.tables[0].children[0].children[0]
    document.set_field(level2.children[0], "unit", "个")
    document.insert_nodes(level2, 3, [Indicator("四")])
    document.move_nodes(level2, 0, 1, level2, 4)
    document.remove_nodes(level2, 0, 1)
    document.set_header(document.tables[1], "goal", "目标")
    document.set_property("title", "标题")
    assert [(type(e), e.phase) for e in seen] == [
        (cls, phase)
        for cls in (Edited, Inserted, Moved, Removed, Edited, Edited)
        for phase in ("before", "after")
    ]
    moved = seen[4]
    assert isinstance(moved, Moved) and (moved.first, moved.last, moved.dest_row) == (0, 0, 4)
    unsubscribe()
    unsubscribe()  # a second call is harmless
    document.set_property("title", "又改")
    assert len(seen) == 12


def test_a_failing_listener_is_logged_and_the_others_still_run(
    caplog: pytest.LogCaptureFixture,
) -> None:
    document = _document()
    seen: list[Event] = []
    document.subscribe(_boom)
    document.subscribe(seen.append)
    with caplog.at_level(logging.ERROR, logger="goaleditor"):
        document.set_property("title", "新标题")  # does not raise
    assert document.title == "新标题"
    assert [e.phase for e in seen] == ["before", "after"]
    assert [r.name for r in caplog.records] == ["goaleditor", "goaleditor"]
    assert "listener failed" in caplog.text


class _Unplaceable:
    """A node that cannot be inserted: the operation fails between 'before' and 'after'."""

    __slots__ = ()


def test_an_operation_that_raises_sends_aborted() -> None:
    document = _document()
    seen: list[Event] = []
    document.subscribe(seen.append)
    level2 = document.tables[0].children[0].children[0]
    with pytest.raises(AttributeError):
        document.insert_nodes(level2, 0, [_Unplaceable()])  # type: ignore[list-item]
    assert [e.phase for e in seen] == ["before", "aborted"]
    assert len(level2.children) == 3


def _tree_model(qtbot, document: Document):
    from goaleditor.ui.indicator_model import IndicatorTreeModel

    model = IndicatorTreeModel(document)
    model.set_table(document.tables[0])
    return model


def test_the_qt_models_survive_a_failing_listener(qtmodeltester) -> None:
    from goaleditor.ui.table_list_model import TableListModel

    document = _document()
    document.subscribe(_boom)  # fails on every event, before and after the models
    tree = _tree_model(None, document)
    tables = TableListModel(document)
    document.subscribe(_boom)
    level2 = document.tables[0].children[0].children[0]
    document.insert_nodes(level2, 1, [Indicator("新")])
    document.move_nodes(level2, 0, 1, document.tables[0].children[0].children[1], 0)
    document.remove_nodes(level2, 0, 1)
    document.insert_tables(0, [new_table("classic", "丙")])
    document.move_tables(0, 1, 3)
    document.set_field(level2.children[0], "name", "改名")
    assert tree.rowCount(tree.index_of(level2)) == 2
    assert [tables.index(r).data() for r in range(3)] == ["1. 甲", "2. 乙", "3. 丙"]
    qtmodeltester.check(tree)
    qtmodeltester.check(tables)


def test_the_qt_models_end_an_aborted_change(qtmodeltester) -> None:
    from goaleditor.ui.table_list_model import TableListModel

    document = _document()
    tree = _tree_model(None, document)
    tables = TableListModel(document)
    resets: list[str] = []
    tree.modelReset.connect(lambda: resets.append("tree"))
    tables.modelReset.connect(lambda: resets.append("tables"))
    level2 = document.tables[0].children[0].children[0]
    with pytest.raises(AttributeError):
        document.insert_nodes(level2, 0, [_Unplaceable()])  # type: ignore[list-item]
    with pytest.raises(AttributeError):
        document.insert_tables(0, [_Unplaceable()])  # type: ignore[list-item]
    assert resets == ["tree", "tables"]
    assert tree.rowCount(tree.index_of(level2)) == 3
    assert tables.rowCount() == 2
    qtmodeltester.check(tree)
    qtmodeltester.check(tables)
    document.insert_nodes(level2, 0, [Indicator("之后")])  # the models follow again
    assert tree.index(0, 0, tree.index_of(level2)).data() == "之后"


def test_a_before_whose_after_never_came_is_ended(qtmodeltester) -> None:
    document = _document()
    tree = _tree_model(None, document)
    level2 = document.tables[0].children[0].children[0]
    # A 'before' with no 'after' (a broken sender): the next change settles it.
    tree._on_event(Inserted("before", level2, 0, 0))
    document.insert_nodes(level2, 0, [Indicator("新")])
    assert tree.rowCount(tree.index_of(level2)) == 4
    qtmodeltester.check(tree)
