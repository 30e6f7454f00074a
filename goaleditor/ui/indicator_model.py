"""Qt item model adapting one goal table's 一级 → 二级 → 三级 tree, driven by domain changes.

A 自评表 shows its own columns after the goal ones: 实际完成值, 分值, 得分 (the score in force,
from the document's kept scores), 定性等级 and 偏差原因分析及改进措施.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from goaleditor.model.document import (
    Container,
    Document,
    GoalTable,
    Indicator,
    Level1,
    Level2,
    TreeNode,
    containing_table,
)
from goaleditor.model.events import Edited, Event, Removed
from goaleditor.model.fields import FIELD_LABELS
from goaleditor.model.layouts import profile_of
from goaleditor.model.values import QUALITATIVE
from goaleditor.self_evaluation.evaluation import profile_of as scoring_of
from goaleditor.ui import self_evaluation_columns as se
from goaleditor.ui.evented_model import EventedModel

COL_NAME, COL_DESCRIPTION, COL_COMPARATOR, COL_VALUE, COL_UNIT, COL_DISPLAY = range(6)
COL_ACTUAL, COL_WEIGHT, COL_SCORE, COL_GRADE, COL_DEVIATION = range(6, 11)
# The field each column shows; 打印值 (display) is derived, not edited; the weight column
# shows only where the layout prints weights, or in a 自评表 (as 分值), whose own columns
# (实际完成值 … 偏差原因) a goal document never shows.
COLUMN_FIELDS = (
    "name", "description", "comparator", "value", "unit", "display",
    "actual", "weight", "score", "grade", "deviation",
)  # fmt: skip
SELF_EVALUATION_COLUMNS = (COL_ACTUAL, COL_WEIGHT, COL_SCORE, COL_GRADE, COL_DEVIATION)
_SELF_EVALUATION_ONLY = frozenset({COL_ACTUAL, COL_SCORE, COL_GRADE, COL_DEVIATION})
# What an edit of a field changes beside its own cell in a 自评表: the 得分 (and, for the
# target's parts, how 实际完成值 reads and whether 得分 and 定性等级 are typed).
_SCORED_BY = frozenset({"actual", "weight", "score", "grade", "value", "comparator", "unit"})
_READ_AGAINST = frozenset({"value", "comparator", "unit"})
HEADERS = tuple(FIELD_LABELS[name] for name in COLUMN_FIELDS)
FIELD_OF_COLUMN = {
    column: name for column, name in enumerate(COLUMN_FIELDS) if column != COL_DISPLAY
}
COLUMN_OF_FIELD = {name: column for column, name in FIELD_OF_COLUMN.items()}
# Columns headed as the layout prints their field (度量单位 in Sichuan); 指标值 and 打印值 keep
# the editor's names, which tell the typed value from the printed one.
_LAYOUT_HEADED = ("name", "description", "comparator", "unit", "weight")
_VALUE_PARTS = ("comparator", "value", "unit")
NODE_MIME = "application/x-goaleditor-indicator-rows"
AnyIndex = QModelIndex | QPersistentModelIndex

# data() and flags() run for every visible cell: combine the enum values once, not per call.
_Flag = Qt.ItemFlag
_GROUP_FLAGS = _Flag.ItemIsEnabled | _Flag.ItemIsSelectable | _Flag.ItemIsDropEnabled
_INDICATOR_FLAGS = (
    _Flag.ItemIsEnabled
    | _Flag.ItemIsSelectable
    | _Flag.ItemIsDragEnabled
    | _Flag.ItemNeverHasChildren
)
_EDITABLE_FLAGS = _INDICATOR_FLAGS | _Flag.ItemIsEditable
_Role = Qt.ItemDataRole
_TEXT_ROLES = (_Role.DisplayRole, _Role.EditRole)


def printed_columns(printed: frozenset[str], self_evaluation: bool = False) -> tuple[int, ...]:
    """The columns a layout printing these fields shows: its own indicator fields, and the
    parts of 指标值 (指标性质, 指标值, 单位) where it prints them together as 打印值; a 自评表
    adds its own columns (实际完成值, 分值, 得分, 定性等级, 偏差原因分析及改进措施)."""
    shown = []
    for column, name in enumerate(COLUMN_FIELDS):
        together = name in _VALUE_PARTS and "indicator.display" in printed
        own = self_evaluation and column in SELF_EVALUATION_COLUMNS
        if column in _SELF_EVALUATION_ONLY and not own:
            continue
        if name == "name" or f"indicator.{name}" in printed or together or own:
            shown.append(column)
    return tuple(shown)


class IndicatorTreeModel(EventedModel):
    """A thin adapter: reads the domain tree; its events become row signals (EventedModel).

    Edits never happen here: setData asks the edit handler (the undo stack owner) to
    change the document, and the document's events come back as signals.
    """

    def __init__(self, document: Document, parent: Any = None) -> None:
        super().__init__(document, parent)
        self._table: GoalTable | None = None
        self.edit_handler: Any = None  # callable(node, field, value) set by the window
        self._group_font = QFont()
        self._group_font.setBold(True)
        # The 打印值 column is derived: greyed. A QColor (Qt makes the brush) spares loading
        # QBrush and its gradient enums at start.
        self._display_color = QColor("#555555")
        self._marks: dict[int, tuple[Any, str]] = {}  # id(node) -> (icon, messages)
        self._computed_font = QFont()
        self._computed_font.setItalic(True)
        self._problem_color = QColor("#c00000")
        self._problem_background = QColor("#fde2e2")
        self._scores = self._score_lookup(document)

    def _score_lookup(self, document: Document) -> se.ScoreLookup:
        """Scores kept for the document, following it ahead of this model (so that a cell
        repainted on an edit already reads the table rescored)."""
        lookup = se.ScoreLookup(document)
        self.follow(document)
        return lookup

    @property
    def scores(self) -> Any:
        """The document's kept scores (self_evaluation.scores.DocumentScores)."""
        return self._scores.scores

    # --- the table shown ------------------------------------------------------------

    @property
    def table(self) -> GoalTable | None:
        """The goal table shown, or None."""
        return self._table

    def set_table(self, table: GoalTable | None) -> None:
        """Show another table (a reset: everything changes)."""
        self.beginResetModel()
        self._table = table
        self.endResetModel()

    def set_document(self, document: Document) -> None:
        """Follow another document (showing no table until asked)."""
        self.set_table(None)
        self._scores.close()
        self._scores = self._score_lookup(document)

    def set_marks(self, marks: dict[int, tuple[Any, str]]) -> None:
        """Show problem markers (icon and messages) on the rows of these nodes."""
        self._marks = marks
        table = self._table
        if table is None:
            return
        for level1 in table.children:
            for level2 in level1.children:
                if level2.children:
                    parent = self.index_of(level2)
                    last = len(level2.children) - 1
                    self.dataChanged.emit(
                        self.index(0, COL_NAME, parent),
                        self.index(last, COL_NAME, parent),
                        [Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole],
                    )

    # --- nodes and indexes ------------------------------------------------------------

    def node(self, index: AnyIndex) -> TreeNode | None:
        """The domain node of an index (None for the invisible root)."""
        return index.internalPointer() if index.isValid() else None

    def container(self, index: AnyIndex) -> Container | None:
        """The node whose children are the rows under index."""
        node = self.node(index)
        if node is None:
            return self._table
        return None if isinstance(node, Indicator) else node

    def index_of(self, node: TreeNode | Container | None, column: int = 0) -> QModelIndex:
        """The index of a domain node in this model (invalid for the table or a stranger)."""
        if node is None or isinstance(node, GoalTable) or node.parent is None:
            return QModelIndex()
        siblings: list[Any] = node.parent.children
        try:
            row = next(i for i, child in enumerate(siblings) if child is node)
        except StopIteration:
            return QModelIndex()
        return self.createIndex(row, column, node)

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        container = self.container(parent)
        if container is None or not (0 <= row < len(container.children)):
            return QModelIndex()
        if not (0 <= column < len(HEADERS)):
            return QModelIndex()
        return self.createIndex(row, column, container.children[row])

    def parent(self, child: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        node = self.node(child)
        if node is None or isinstance(node, Level1):
            return QModelIndex()
        return self.index_of(node.parent)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        container = self.container(parent)
        return len(container.children) if container is not None else 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return len(HEADERS)

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    # --- data ------------------------------------------------------------------------

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            name = COLUMN_FIELDS[section]
            if name == "weight" and self._document.is_self_evaluation:
                return se.weight_label(self._document.layout)
            if name in _LAYOUT_HEADED:
                return profile_of(self._document).labels.get(name, HEADERS[section])
            return HEADERS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        column = index.column()
        if isinstance(node, Level1 | Level2):
            if column == COL_NAME and role in _TEXT_ROLES:
                return node.name
            if role == _Role.FontRole:
                return self._group_font
            if role == _Role.ToolTipRole and column == COL_NAME:
                return "一级指标" if isinstance(node, Level1) else "二级指标"
            return None
        if column in _SELF_EVALUATION_ONLY:
            return self._self_evaluation_data(node, column, role)
        if role in _TEXT_ROLES:
            if column == COL_DISPLAY:  # as the document's layout prints it (=100.00(%))
                return profile_of(self._document).display(node.comparator, node.value, node.unit)
            return getattr(node, FIELD_OF_COLUMN[column])
        mark = self._marks.get(id(node)) if column == COL_NAME else None
        if mark is not None and role == _Role.DecorationRole:
            return mark[0]
        if mark is not None and role == _Role.ToolTipRole:
            return mark[1]
        if role == _Role.ForegroundRole and column == COL_DISPLAY:
            return self._display_color
        if role == _Role.ToolTipRole and column in (COL_NAME, COL_DESCRIPTION):
            return getattr(node, FIELD_OF_COLUMN[column]) or None
        if role == _Role.ToolTipRole and column == COL_VALUE:
            return (
                "定性指标：可填写任意文字"
                if node.comparator == QUALITATIVE
                else "定量指标：填写数字"
            )
        return None

    def _self_evaluation_data(self, node: Indicator, column: int, role: int) -> Any:
        """实际完成值, 得分, 定性等级 and 偏差原因 of a 自评表's indicator."""
        if column == COL_SCORE:
            return self._score_data(node, role)
        if column == COL_ACTUAL and role not in _TEXT_ROLES:
            score = self._score_of(node)
            if role == _Role.ToolTipRole:
                return se.actual_tooltip(score)
            if se.actual_unscorable(score):
                if role == _Role.ForegroundRole:
                    return self._problem_color
                if role == _Role.BackgroundRole:
                    return self._problem_background
            return None
        if role in _TEXT_ROLES:
            return getattr(node, COLUMN_FIELDS[column])
        if role == _Role.ToolTipRole and column == COL_GRADE:
            if se.is_qualitative(node):
                return "定性指标的等级：" + "、".join(se.grade_names(self.scoring))
            return "定量指标按规则计分，不选等级"
        if role == _Role.ToolTipRole and column == COL_DEVIATION:
            return node.deviation or None
        return None

    def _score_data(self, node: Indicator, role: int) -> Any:
        """The 得分 cell: the score in force; the rule's grey and italic."""
        score = self._score_of(node)
        if score is None:
            return None
        if role == _Role.EditRole:
            return node.score
        cell = se.score_cell(score, self.scoring)
        if role == _Role.DisplayRole:
            return cell.text
        if role == _Role.ToolTipRole:
            return cell.tooltip
        if role == _Role.ForegroundRole:
            if cell.problem and cell.text:
                return self._problem_color
            return self._display_color if cell.computed else None
        if role == _Role.FontRole and cell.computed:
            return self._computed_font
        if role == _Role.BackgroundRole and cell.problem and not cell.computed:
            return self._problem_background
        return None

    def _score_of(self, node: Indicator) -> Any:
        table = self._table
        return self._scores.of(node, table) if table is not None else None

    @property
    def self_evaluation(self) -> bool:
        """True when the document shown is a 自评表."""
        return self._document.is_self_evaluation

    @property
    def scoring(self) -> Any:
        """The scoring profile (self_evaluation.profiles.ScoringProfile) of the document."""
        return scoring_of(self._document)

    def cell_problem(self, index: AnyIndex) -> str:
        """Why a 自评 cell cannot be scored or is out of its band ("" when all is well)."""
        node = self.node(index)
        if not isinstance(node, Indicator) or index.column() not in (COL_ACTUAL, COL_SCORE):
            return ""
        score = self._score_of(node)
        if score is None:
            return ""
        if index.column() == COL_ACTUAL:
            return score.actual.reason if se.actual_unscorable(score) else ""
        return se.score_cell(score, self.scoring).problem

    def read_only_reason(self, index: AnyIndex) -> str:
        """Why an indicator's cell cannot be typed in ("" when it can, or is no cell)."""
        node = self.node(index)
        if not isinstance(node, Indicator) or self.flags(index) & _Flag.ItemIsEditable:
            return ""
        if index.column() == COL_SCORE:
            return "得分按规则计算（见提示），填写实际完成值、分值后自动更新，不能直接修改"
        if index.column() == COL_GRADE:
            return "定量指标按规则计分，不选定性等级"
        if index.column() == COL_DISPLAY:
            return "打印值由指标性质、指标值和单位生成，请修改这三列"
        return ""

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        node = self.node(index)
        if node is None:
            return _Flag.ItemIsDropEnabled
        if isinstance(node, Indicator):
            column = index.column()
            if column == COL_DISPLAY:
                return _INDICATOR_FLAGS
            if column in _SELF_EVALUATION_ONLY and not self._typed_here(node, column):
                return _INDICATOR_FLAGS
            return _EDITABLE_FLAGS
        return _GROUP_FLAGS

    def _typed_here(self, node: Indicator, column: int) -> bool:
        """Whether a 自评 cell is typed: never in a goal document; 得分 where the profile
        lets the clerk (定性 always), 定性等级 on 定性 rows."""
        if not self._document.is_self_evaluation:
            return False
        if column == COL_SCORE:
            return se.score_is_typed(node, self.scoring)
        if column == COL_GRADE:
            return se.is_qualitative(node)
        return True

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        node = self.node(index)
        if not isinstance(node, Indicator) or role != Qt.ItemDataRole.EditRole:
            return False
        name = FIELD_OF_COLUMN.get(index.column())
        if name is None or self.edit_handler is None:
            return False
        text = "" if value is None else str(value)
        if getattr(node, name) == text:
            return False
        self.edit_handler(node, name, text)
        return True

    # --- drag and drop (the view performs moves as undoable commands) ----------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [NODE_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        rows = sorted({(i.parent().row(), i.row()) for i in indexes if i.isValid()})
        mime.setData(NODE_MIME, repr(rows).encode("ascii"))
        return mime

    # --- following the document ----------------------------------------------------------

    def _mine(self, parent: Any) -> bool:
        return self._table is not None and containing_table(parent) is self._table

    def container_index(self, container: Any) -> QModelIndex | None:
        if isinstance(container, Document) or not self._mine(container):
            return None
        return self.index_of(container)

    def will_change(self, event: Event) -> None:
        if isinstance(event, Removed) and event.parent is self._document and self._table:
            removed = self._document.tables[event.first : event.last + 1]
            if any(t is self._table for t in removed):
                self.set_table(None)

    def edited(self, event: Edited) -> None:
        node = event.target
        if isinstance(node, Document) and event.name in ("layout", "scoring", "kind"):
            self.layoutChanged.emit()  # every 打印值 prints in the new layout's style
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HEADERS) - 1)
            return
        if isinstance(node, Level1 | Level2 | Indicator) and self._mine(node.parent):
            column = COLUMN_OF_FIELD.get(event.name, COL_NAME)
            if event.name in _VALUE_PARTS:  # 打印值 prints them
                first, last = sorted((column, COL_DISPLAY))
                self.dataChanged.emit(self.index_of(node, first), self.index_of(node, last))
            else:
                index = self.index_of(node, column)
                self.dataChanged.emit(index, index)
            if isinstance(node, Indicator) and self._document.is_self_evaluation:
                self._rescored(node, event.name)

    def _rescored(self, node: Indicator, name: str) -> None:
        """The cells of a 自评表's row that an edit of one field changes: its 得分 (and, for
        the target's parts, 实际完成值's reading and 定性等级's state), each on its own."""
        changed = [COL_SCORE] if name in _SCORED_BY else []
        if name in _READ_AGAINST:
            changed += [COL_ACTUAL, COL_GRADE]
        for column in changed:
            index = self.index_of(node, column)
            self.dataChanged.emit(index, index)
