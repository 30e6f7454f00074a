"""Undo commands: every edit in the editor is one of these on the window's QUndoStack."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand

from goaleditor.model.document import Container, Document, GoalTable, TreeNode

FIELD_LABELS = {
    "name": "三级指标",
    "description": "绩效指标描述",
    "comparator": "指标性质",
    "value": "指标值",
    "unit": "单位",
    "project_name": "项目名称",
    "money_unit": "金额单位",
    "budget_total": "预算数",
    "budget_fiscal": "财政资金",
    "budget_other": "其他资金",
    "fund_use": "资金用途",
    "goal": "绩效目标",
    "agency_code": "单位编码",
    "agency_name": "单位名称",
    "year": "年度",
    "title": "文档标题",
    "framework": "指标体系",
    "merge_level2": "合并二级指标",
}


class SetFieldCommand(QUndoCommand):
    """Change one field of an indicator (or a group's name)."""

    def __init__(self, document: Document, node: TreeNode, name: str, value: str) -> None:
        super().__init__(f"修改{FIELD_LABELS.get(name, name)}")
        self._document, self._node, self._name = document, node, name
        self._old, self._new = getattr(node, name), value

    def redo(self) -> None:
        self._document.set_field(self._node, self._name, self._new)

    def undo(self) -> None:
        self._document.set_field(self._node, self._name, self._old)


class SetHeaderCommand(QUndoCommand):
    """Change one header field of a goal table."""

    def __init__(self, document: Document, table: GoalTable, name: str, value: Any) -> None:
        super().__init__(f"修改{FIELD_LABELS.get(name, name)}")
        self._document, self._table, self._name = document, table, name
        self._old, self._new = getattr(table, name), value

    def redo(self) -> None:
        self._document.set_header(self._table, self._name, self._new)

    def undo(self) -> None:
        self._document.set_header(self._table, self._name, self._old)


class SetPropertyCommand(QUndoCommand):
    """Change document properties (several at once from the properties dialog)."""

    def __init__(self, document: Document, values: dict[str, Any]) -> None:
        super().__init__("修改文档属性")
        self._document = document
        self._new = dict(values)
        self._old = {name: getattr(document, name) for name in values}

    def redo(self) -> None:
        for name, value in self._new.items():
            self._document.set_property(name, value)

    def undo(self) -> None:
        for name, value in self._old.items():
            self._document.set_property(name, value)


class InsertNodesCommand(QUndoCommand):
    """Insert indicators or groups under a container."""

    def __init__(
        self, document: Document, parent: Container, row: int, nodes: list[Any], text: str
    ) -> None:
        super().__init__(text)
        self._document, self._parent, self._row, self._nodes = document, parent, row, nodes

    def redo(self) -> None:
        self._document.insert_nodes(self._parent, self._row, list(self._nodes))

    def undo(self) -> None:
        self._document.remove_nodes(self._parent, self._row, len(self._nodes))


class RemoveNodesCommand(QUndoCommand):
    """Remove a run of sibling nodes (the same objects come back on undo)."""

    def __init__(
        self, document: Document, parent: Container, row: int, count: int, text: str
    ) -> None:
        super().__init__(text)
        self._document, self._parent, self._row, self._count = document, parent, row, count
        self._nodes: list[Any] = []

    def redo(self) -> None:
        self._nodes = self._document.remove_nodes(self._parent, self._row, self._count)

    def undo(self) -> None:
        self._document.insert_nodes(self._parent, self._row, self._nodes)


class MoveNodesCommand(QUndoCommand):
    """Move sibling nodes to another place (possibly under another group)."""

    def __init__(
        self,
        document: Document,
        source: Container,
        first: int,
        count: int,
        dest: Container,
        dest_row: int,
        text: str = "移动指标",
    ) -> None:
        super().__init__(text)
        self._document = document
        self._source, self._first, self._count = source, first, count
        self._dest, self._dest_row = dest, dest_row

    def _landing_row(self) -> int:
        """Where the moved run starts once it is in dest."""
        if self._source is self._dest and self._dest_row > self._first:
            return self._dest_row - self._count
        return self._dest_row

    def redo(self) -> None:
        self._document.move_nodes(
            self._source, self._first, self._count, self._dest, self._dest_row
        )

    def undo(self) -> None:
        landed = self._landing_row()
        back = self._first
        if self._source is self._dest and self._first > landed:
            back = self._first + self._count
        self._document.move_nodes(self._dest, landed, self._count, self._source, back)


class InsertTablesCommand(QUndoCommand):
    """Insert goal tables into the document."""

    def __init__(self, document: Document, row: int, tables: list[GoalTable], text: str) -> None:
        super().__init__(text)
        self._document, self._row, self._tables = document, row, tables

    def redo(self) -> None:
        self._document.insert_tables(self._row, list(self._tables))

    def undo(self) -> None:
        self._document.remove_tables(self._row, len(self._tables))


class RemoveTablesCommand(QUndoCommand):
    """Remove goal tables (they come back whole on undo)."""

    def __init__(self, document: Document, row: int, count: int) -> None:
        super().__init__("删除绩效目标表")
        self._document, self._row, self._count = document, row, count
        self._tables: list[GoalTable] = []

    def redo(self) -> None:
        self._tables = self._document.remove_tables(self._row, self._count)

    def undo(self) -> None:
        self._document.insert_tables(self._row, self._tables)


class MoveTableCommand(QUndoCommand):
    """Move one table to a new position (given as the index it ends up at)."""

    def __init__(self, document: Document, row: int, target: int) -> None:
        super().__init__("调整表的顺序")
        self._document, self._row, self._target = document, row, target

    @staticmethod
    def _move(document: Document, start: int, end: int) -> None:
        document.move_tables(start, 1, end + 1 if end > start else end)

    def redo(self) -> None:
        self._move(self._document, self._row, self._target)

    def undo(self) -> None:
        self._move(self._document, self._target, self._row)
