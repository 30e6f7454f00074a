"""Reversible domain edits: each applies itself to a document and returns its inverse edit.

Undo applies the inverse; redo applies the inverse's inverse. Positions are resolved when
an edit is applied, so an edit built from a document state is applied to that state.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from goaleditor.model.document import Container, Document, GoalTable, TreeNode, containing_table
from goaleditor.model.fields import FIELD_LABELS, label_of
from goaleditor.model.layouts import printed_label


class Edit(Protocol):
    """A domain operation: ``apply`` does it and returns the edit that undoes it."""

    @property
    def text(self) -> str:
        """What the undo menu calls it (修改指标值, 插入指标, …)."""
        ...

    @property
    def merge_key(self) -> Hashable | None:
        """Equal keys of consecutive edits merge into one undo step (None: never)."""
        ...

    def apply(self, document: Document) -> Edit:
        """Do the edit; return its inverse."""
        ...


def field_text(name: str) -> str:
    """The undo text of changing a field: 修改指标值."""
    return f"修改{FIELD_LABELS.get(name, name)}"


@dataclass(frozen=True, eq=False)
class SetField:
    """Set a field of an indicator (or a group's name)."""

    node: TreeNode
    name: str
    value: str
    typing: Hashable | None = None  # one typing session: its edits merge (None: a step each)

    @property
    def text(self) -> str:
        table = containing_table(self.node)
        document = table.document if table is not None else None
        if document is None:
            return f"修改{label_of(self.name, False)}"
        return f"修改{label_of(self.name, document.is_self_evaluation, document.layout)}"

    @property
    def merge_key(self) -> Hashable | None:
        return None if self.typing is None else ("field", id(self.node), self.name, self.typing)

    def apply(self, document: Document) -> Edit:
        old = getattr(self.node, self.name)
        document.set_field(self.node, self.name, self.value)
        return SetField(self.node, self.name, old)


@dataclass(frozen=True, eq=False)
class SetHeader:
    """Set a header field of a goal table."""

    table: GoalTable
    name: str
    value: Any
    typing: Hashable | None = None  # one typing session: its edits merge (None: a step each)

    @property
    def text(self) -> str:
        document = self.table.document
        if document is None:
            return field_text(self.name)
        return f"修改{printed_label(document.layout, self.name)}"  # as the form labels it

    @property
    def merge_key(self) -> Hashable | None:
        return None if self.typing is None else ("header", id(self.table), self.name, self.typing)

    def apply(self, document: Document) -> Edit:
        old = getattr(self.table, self.name)
        document.set_header(self.table, self.name, self.value)
        return SetHeader(self.table, self.name, old)


@dataclass(frozen=True, eq=False)
class SetProperties:
    """Set several document properties at once (the properties dialog)."""

    values: Mapping[str, Any]
    text: str = "修改文档属性"
    merge_key: Hashable | None = None

    def apply(self, document: Document) -> Edit:
        old = {name: getattr(document, name) for name in self.values}
        for name, value in self.values.items():
            document.set_property(name, value)
        return SetProperties(old, self.text)


@dataclass(frozen=True, eq=False)
class InsertNodes:
    """Insert indicators or groups under a container before row."""

    parent: Container
    row: int
    nodes: tuple[Any, ...]
    text: str = "插入指标"
    merge_key: Hashable | None = None

    def apply(self, document: Document) -> Edit:
        document.insert_nodes(self.parent, self.row, list(self.nodes))
        return RemoveNodes(self.parent, self.row, len(self.nodes), self.text)


@dataclass(frozen=True, eq=False)
class RemoveNodes:
    """Remove count sibling nodes from row on (the same objects come back on undo)."""

    parent: Container
    row: int
    count: int
    text: str = "删除指标"
    merge_key: Hashable | None = None

    def apply(self, document: Document) -> Edit:
        removed = document.remove_nodes(self.parent, self.row, self.count)
        return InsertNodes(self.parent, self.row, tuple(removed), self.text)


def _landing(first: int, count: int, dest_row: int, same: bool) -> tuple[int, int]:
    """Where a moved run starts once moved, and the row that moves it back."""
    landed = dest_row - count if same and dest_row > first else dest_row
    back = first + count if same and first > landed else first
    return landed, back


@dataclass(frozen=True, eq=False)
class MoveNodes:
    """Move sibling nodes before dest_row of dest (positions as before the move)."""

    source: Container
    first: int
    count: int
    dest: Container
    dest_row: int
    text: str = "移动指标"
    merge_key: Hashable | None = None

    def apply(self, document: Document) -> Edit:
        if not document.move_nodes(self.source, self.first, self.count, self.dest, self.dest_row):
            return Steps((), self.text)
        landed, back = _landing(self.first, self.count, self.dest_row, self.source is self.dest)
        return MoveNodes(self.dest, landed, self.count, self.source, back, self.text)


@dataclass(frozen=True, eq=False)
class InsertTables:
    """Insert goal tables before row."""

    row: int
    tables: tuple[GoalTable, ...]
    text: str = "新建绩效目标表"
    merge_key: Hashable | None = None

    def apply(self, document: Document) -> Edit:
        document.insert_tables(self.row, list(self.tables))
        return RemoveTables(self.row, len(self.tables), self.text)


@dataclass(frozen=True, eq=False)
class RemoveTables:
    """Remove goal tables (they come back whole on undo)."""

    row: int
    count: int
    text: str = "删除绩效目标表"
    merge_key: Hashable | None = None

    def apply(self, document: Document) -> Edit:
        removed = document.remove_tables(self.row, self.count)
        return InsertTables(self.row, tuple(removed), self.text)


@dataclass(frozen=True, eq=False)
class MoveTables:
    """Move tables first..first+count-1 before dest_row."""

    first: int
    count: int
    dest_row: int
    text: str = "调整表的顺序"
    merge_key: Hashable | None = None

    def apply(self, document: Document) -> Edit:
        if not document.move_tables(self.first, self.count, self.dest_row):
            return Steps((), self.text)
        landed, back = _landing(self.first, self.count, self.dest_row, True)
        return MoveTables(landed, self.count, back, self.text)


def _apply_all(document: Document, edits: Iterable[Edit], text: str) -> Steps:
    """Apply edits in order (each resolved after the previous one); all or nothing."""
    done: list[Edit] = []
    try:
        for edit in edits:
            done.append(edit.apply(document))
    except BaseException:
        for inverse in reversed(done):
            inverse.apply(document)
        raise
    return Steps(tuple(reversed(done)), text)


@dataclass(frozen=True, eq=False)
class Steps:
    """Several edits as one undo step, applied in order."""

    edits: tuple[Edit, ...]
    text: str
    merge_key: Hashable | None = None

    def apply(self, document: Document) -> Edit:
        return _apply_all(document, self.edits, self.text)


@dataclass(frozen=True, eq=False)
class Procedure:
    """One undo step whose edits depend on the ones before them (made as it runs).

    ``steps`` yields each edit once the previous one is applied; the inverse is a
    plain Steps, so redo repeats exactly what was done.
    """

    steps: Callable[[], Iterator[Edit]]
    text: str
    merge_key: Hashable | None = None

    def apply(self, document: Document) -> Edit:
        return _apply_all(document, self.steps(), self.text)
