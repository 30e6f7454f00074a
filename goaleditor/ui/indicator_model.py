"""Qt item model adapting one goal table's 一级 → 二级 → 三级 tree, driven by domain changes.

A 自评表 shows its own columns after the goal ones: 实际完成值, 分值, 得分 (the score in force,
from the document's kept scores), 定性等级 and 偏差原因分析及改进措施.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

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
from goaleditor.model.values import QUALITATIVE, TargetValue
from goaleditor.self_evaluation.profiles import ScoringProfile
from goaleditor.self_evaluation.scores import DocumentScores
from goaleditor.ui import self_evaluation_columns as se
from goaleditor.ui.evented_model import EventedModel
from goaleditor.ui.review_columns import review_cell
from goaleditor.ui.self_evaluation_cells import SelfEvaluationCells

if TYPE_CHECKING:
    from goaleditor.ui.last_year_column import LastYearCells

COL_NAME, COL_DESCRIPTION, COL_COMPARATOR, COL_VALUE, COL_UNIT, COL_DISPLAY = range(6)
COL_ACTUAL, COL_WEIGHT, COL_SCORE, COL_GRADE, COL_DEVIATION = range(6, 11)
COL_LAST_YEAR = 11  # 上年指标值: read-only, shown while a last year is chosen (ui/last_year_*)
# The field each column shows; 打印值 (display) is derived, not edited; the weight column
# shows only where the layout prints weights, or in a 自评表 (as 分值), whose own columns
# (实际完成值 … 偏差原因) a goal document never shows.
COLUMN_FIELDS = (
    "name", "description", "comparator", "value", "unit", "display",
    "actual", "weight", "score", "grade", "deviation", "last_year",
    "review_verdict", "review_opinion",
)  # fmt: skip
SELF_EVALUATION_COLUMNS = (COL_ACTUAL, COL_WEIGHT, COL_SCORE, COL_GRADE, COL_DEVIATION)
# A reviewer's 审核结论 and 审核意见 (DESIGN §5.2): never printed, shown in review mode only.
COL_REVIEW_VERDICT = COLUMN_FIELDS.index("review_verdict")
COL_REVIEW_OPINION = COLUMN_FIELDS.index("review_opinion")
REVIEW_COLUMNS = (COL_REVIEW_VERDICT, COL_REVIEW_OPINION)
REVIEW_WIDTHS = {COL_REVIEW_VERDICT: 72, COL_REVIEW_OPINION: 220}
_SELF_EVALUATION_ONLY = frozenset({COL_ACTUAL, COL_SCORE, COL_GRADE, COL_DEVIATION})
# What an edit of a field changes beside its own cell in a 自评表: the 得分 (and, for the
# target's parts, how 实际完成值 reads and whether 得分 and 定性等级 are typed).
_SCORED_BY = frozenset({"actual", "weight", "score", "grade", "value", "comparator", "unit"})
_READ_AGAINST = frozenset({"value", "comparator", "unit"})
_COLUMN_LABELS = {**FIELD_LABELS, "last_year": "上年指标值"}  # not a field of the document
HEADERS = tuple(_COLUMN_LABELS[name] for name in COLUMN_FIELDS)
FIELD_OF_COLUMN = {
    column: name
    for column, name in enumerate(COLUMN_FIELDS)
    if column not in (COL_DISPLAY, COL_LAST_YEAR)
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
_CHANGE_ROLES = (_Role.BackgroundRole, _Role.ToolTipRole)


def printed_columns(printed: frozenset[str], self_evaluation: bool = False) -> tuple[int, ...]:
    """The columns a layout printing these fields shows: its own indicator fields, and the
    parts of 指标值 (指标性质, 指标值, 单位) where it prints them together as 打印值.

    A 自评表 shows its own columns (实际完成值, 分值, 得分, 定性等级, 偏差原因分析及改进措施)
    instead of 描述, and 指标值 as the layout prints it: as one 年度指标值 (typed as printed,
    ≥50个) or in its parts (Sichuan's 指标性质, 指标值, 度量单位), as the 自评表 forms do.
    """
    if self_evaluation:
        together = "indicator.display" in printed
        target = (COL_DISPLAY,) if together else (COL_COMPARATOR, COL_VALUE, COL_UNIT)
        return (COL_NAME, *target, *SELF_EVALUATION_COLUMNS)
    shown = []
    for column, name in enumerate(COLUMN_FIELDS):
        together = name in _VALUE_PARTS and "indicator.display" in printed
        if column in _SELF_EVALUATION_ONLY:
            continue
        if name == "name" or f"indicator.{name}" in printed or together:
            shown.append(column)
    return tuple(shown)


class IndicatorTreeModel(EventedModel):
    """A thin adapter: reads the domain tree; its events become row signals (EventedModel).

    Edits never happen here: setData asks the edit handler (the undo stack owner) to
    change the document, and the document's events come back as signals.
    """

    def __init__(
        self,
        document: Document,
        parent: Any = None,
        scores_for: Callable[[Document], DocumentScores] | None = None,
    ) -> None:
        super().__init__(document, parent)
        # Where the document's scores are kept (the session's, one per document), if not here.
        self._scores_for = scores_for
        self._table: GoalTable | None = None
        self.edit_handler: Any = None  # callable(node, field, value) set by the window
        self._group_font = QFont()
        self._group_font.setBold(True)
        # The 打印值 column is derived: greyed. A QColor (Qt makes the brush) spares loading
        # QBrush and its gradient enums at start.
        self._display_color = QColor("#555555")
        self._marks: dict[int, tuple[Any, str]] = {}  # id(node) -> (icon, messages)
        self.change_marks: Callable[[TreeNode, int, int], Any] | None = None  # (node, column, role)
        self._cells = self._self_evaluation_cells(document)
        self.last_year: LastYearCells | None = None  # the 上年指标值 column's, while chosen
        self.review_mode = False  # a reviewer's columns shown (ui/review_mode.py)

    @property
    def review_columns(self) -> tuple[int, ...]:
        """The reviewer's columns shown beside the printed ones: in review mode only."""
        return REVIEW_COLUMNS if self.review_mode else ()

    def _self_evaluation_cells(self, document: Document) -> SelfEvaluationCells:
        """The 自评 cells of the document, following it ahead of this model."""
        shared = self._scores_for(document) if self._scores_for is not None else None
        cells = SelfEvaluationCells(document, self._display_color, shared)
        self.follow(document)
        return cells

    @property
    def scores(self) -> DocumentScores:
        """The document's kept scores (one table rescored per edit)."""
        return self._cells.scores

    @property
    def self_evaluation(self) -> bool:
        """True when the document shown is a 自评表."""
        return self._document.is_self_evaluation

    @property
    def scoring(self) -> ScoringProfile:
        """The scoring profile the document names."""
        return self._cells.scoring

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
        self._cells.close()
        self._cells = self._self_evaluation_cells(document)

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
            if name == "display" and self._document.is_self_evaluation:
                return se.TARGET_LABEL
            if name in _LAYOUT_HEADED:
                return profile_of(self._document).labels.get(name, HEADERS[section])
            return HEADERS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        column = index.column()
        if self.change_marks is not None and role in _CHANGE_ROLES:  # a comparison's tint, 原：…
            changed = self.change_marks(node, column, role)
            if changed is not None:
                return changed
        if isinstance(node, Level1 | Level2):
            if column == COL_NAME and role in _TEXT_ROLES:
                return node.name
            if role == _Role.FontRole:
                return self._group_font
            if role == _Role.ToolTipRole and column == COL_NAME:
                return "一级指标" if isinstance(node, Level1) else "二级指标"
            return None
        if column in _SELF_EVALUATION_ONLY:
            return self._cells.data(node, self._table, COLUMN_FIELDS[column], role)
        if column == COL_LAST_YEAR:
            return self.last_year.data(node, role) if self.last_year is not None else None
        if column in REVIEW_COLUMNS:
            return review_cell(node, COLUMN_FIELDS[column], role)
        if role == _Role.EditRole and column == COL_DISPLAY and self.self_evaluation:
            return TargetValue(node.comparator, node.value, node.unit).display()
        if role in _TEXT_ROLES:
            if column == COL_DISPLAY:  # as the document's layout prints it (=100.00(%))
                return profile_of(self._document).display(node.comparator, node.value, node.unit)
            return getattr(node, FIELD_OF_COLUMN[column])
        mark = self._marks.get(id(node)) if column == COL_NAME else None
        if mark is not None and role == _Role.DecorationRole:
            return mark[0]
        if mark is not None and role == _Role.ToolTipRole:
            return mark[1]
        if role == _Role.ForegroundRole and column == COL_DISPLAY and not self.self_evaluation:
            return self._display_color
        if role == _Role.ToolTipRole and column == COL_DISPLAY and self.self_evaluation:
            return se.TARGET_TIP
        if role == _Role.ToolTipRole and column == COL_NAME and self.self_evaluation:
            described = node.description.strip() and node.description != node.name
            return f"{node.name}\n指标描述：{node.description}" if described else node.name or None
        if role == _Role.ToolTipRole and column in (COL_NAME, COL_DESCRIPTION):
            return getattr(node, FIELD_OF_COLUMN[column]) or None
        if role == _Role.ToolTipRole and column == COL_VALUE:
            return (
                "定性指标：可填写任意文字"
                if node.comparator == QUALITATIVE
                else "定量指标：填写数字"
            )
        return None

    def takes(self, node: Indicator, field: str, text: str) -> str | None:
        """Text pasted into a 自评 cell as the cell takes it (达成预期指标 as 达成), or None
        where it is not typed in (a computed 得分) or does not fit (a grade of no band)."""
        if not self._cells.typed_here(node, field):
            return None
        if field == "grade" and text:
            return se.chosen_grade(text, self.scoring)
        return text

    def cell_problem(self, index: AnyIndex) -> str:
        """Why a 自评 cell cannot be scored or is out of its band ("" when all is well)."""
        node = self.node(index)
        if not isinstance(node, Indicator) or not self.self_evaluation:
            return ""
        return self._cells.problem(node, self._table, COLUMN_FIELDS[index.column()])

    def read_only_reason(self, index: AnyIndex) -> str:
        """Why an indicator's cell cannot be typed in ("" when it can, or is no cell)."""
        node = self.node(index)
        editable = self.flags(index) & _Flag.ItemIsEditable
        if not isinstance(node, Indicator) or editable or not self.self_evaluation:
            return ""
        return self._cells.read_only_reason(COLUMN_FIELDS[index.column()])

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        node = self.node(index)
        if node is None:
            return _Flag.ItemIsDropEnabled
        if isinstance(node, Indicator):
            column = index.column()
            if column == COL_LAST_YEAR or (column == COL_DISPLAY and not self.self_evaluation):
                return _INDICATOR_FLAGS
            if column in _SELF_EVALUATION_ONLY and not self._cells.typed_here(
                node, COLUMN_FIELDS[column]
            ):
                return _INDICATOR_FLAGS
            return _EDITABLE_FLAGS
        return _GROUP_FLAGS

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        node = self.node(index)
        if not isinstance(node, Indicator) or role != Qt.ItemDataRole.EditRole:
            return False
        name = FIELD_OF_COLUMN.get(index.column())
        if index.column() == COL_DISPLAY and self.self_evaluation:
            name = "value"  # 年度指标值 typed as printed: ≥50个 sets all three parts
            if value == self.data(index, Qt.ItemDataRole.EditRole):
                return False
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
