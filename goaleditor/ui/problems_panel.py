"""The problems panel: the document's check results, kept current as the clerk types."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from goaleditor.model.document import Document, GoalTable, Indicator, containing_table
from goaleditor.model.events import Edited, Event, Moved
from goaleditor.self_evaluation.fix_its import FIX_LABELS as SELF_EVALUATION_FIX_LABELS

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

    from goaleditor.model.checks import Problem
    from goaleditor.model.fix_its import FixIt
    from goaleditor.self_evaluation.scores import DocumentScores

# Keyed by the severities of goaleditor.model.checks (错误, 警告, 提示).
SEVERITY_COLORS = {"错误": "#c62828", "警告": "#ef8f00", "提示": "#1e6fd9"}
HINT = "提示"
FIX_LABELS = {
    "fill-description": "使用指标名称作为描述",
    "normalize-comparator": "规范指标性质写法",
    "recompute-fiscal": "重新计算财政资金或预算数",
    "document-year": "把年份改为文档年度",
    "add-indicator": "在缺少的二级指标下添加三级指标",
    "past-year": "把上一年度的年份改为本年度",
    "split-value": "把文字写的指标值拆为指标性质、数值和单位",
    "clear-not-printed": "清除当前版式不打印的内容（如上海格式的绩效指标描述）",
    **SELF_EVALUATION_FIX_LABELS,
}
RECHECK_DELAY_MS = 250
# Document properties the rules of every table depend on.
_EVERY_TABLES_RULES = ("framework", "year", "layout", "kind", "scoring")


def severity_icon(severity: str) -> QIcon:
    """A small coloured dot for a severity."""
    from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap  # at the first check, not at start

    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(SEVERITY_COLORS[severity]))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


def location(problem: Problem) -> str:
    """Where a problem is, as the tree shows it: 产出指标/数量指标/第2项, or 表头."""
    node = problem.node
    level2 = node.parent if isinstance(node, Indicator) else None
    if level2 is not None and level2.parent is not None:
        number = next(n for n, child in enumerate(level2.children, 1) if child is node)
        return f"{level2.parent.name}/{level2.name}/第{number}项"
    if problem.place:  # a group of the tree
        return problem.place
    return f"第{problem.row}行" if problem.row else "表头"


class ProblemsPanel(QWidget):
    """Lists problems; activating one asks the window to show its cell."""

    activated = Signal(object)  # Problem
    checked = Signal(list)  # list[Problem], after every check

    def __init__(
        self,
        document: Document,
        apply_fix: Callable[[FixIt], None],
        parent: Any = None,
        scores: Callable[[], DocumentScores] | None = None,
    ) -> None:
        super().__init__(parent)
        self._document = document
        self._apply_fix = apply_fix
        self._scores = scores  # the session's kept scores of a 自评表, shared with the tree
        self.problems: list[Problem] = []
        # Problems found beside the checks, asked at each check (last year's: ui/last_year_*)
        self.extra_problems: Callable[[], list[Problem]] | None = None
        # id(table) -> (table, its number when checked, its problems); dropped when it changes
        self._checked: dict[int, tuple[GoalTable, int, list[Problem]]] = {}
        self._icons: dict[str, QIcon] = {}
        # Brand-new tables the clerk is filling for the first time: their empty required
        # fields are 提示 待填写, not 错误, until the clerk leaves the table, checks or exports.
        self._seen: dict[int, GoalTable] = {}
        self._fresh: dict[int, GoalTable] = {}
        self._current: GoalTable | None = None
        # id(table) -> how many of its problems are 提示 待填写 now and 错误 once it settles
        self._to_fill: dict[int, int] = {}
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("problems")
        self.tree.setHeaderLabels(["级别", "位置", "问题"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.tree.setColumnWidth(0, 70)
        self.tree.setColumnWidth(1, 260)
        self.tree.itemActivated.connect(self._activate)
        self.tree.itemClicked.connect(self._activate)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.empty = QLabel("没有发现问题。", self)
        self.empty.setObjectName("no_problems")
        self.empty.setContentsMargins(8, 2, 8, 2)
        self.empty.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.empty.linkActivated.connect(lambda _link: self.show_hints())
        # Only 提示 left: one line saying so (the tree takes room from the table) until asked.
        self.hints_shown = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree)
        self.tree.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RECHECK_DELAY_MS)
        self._timer.timeout.connect(self.recheck)
        self._unsubscribe = document.subscribe(self._on_change)

    def set_document(self, document: Document) -> None:
        """Check another document."""
        self._unsubscribe()
        self._document = document
        self._unsubscribe = document.subscribe(self._on_change)
        self._checked, self._to_fill = {}, {}
        self._seen, self._fresh, self._current = {}, {}, None
        self.problems = []
        self.hints_shown = False
        self.tree.clear()
        self._timer.start()  # checked just after the document is on screen

    def _on_change(self, change: Event) -> None:
        if change.phase != "after":
            return
        if isinstance(change.parent, Document):
            if isinstance(change, Edited) and change.name in _EVERY_TABLES_RULES:
                self._checked.clear()  # rules of every table depend on these
        else:  # a header or the tree of one table (a move may touch a second one)
            dest = change.dest if isinstance(change, Moved) else None
            for container in (change.parent, dest):
                table = containing_table(container)
                if table is not None:
                    self._checked.pop(id(table), None)
        self._timer.start()  # typing fast re-checks once, shortly after the last key

    # --- brand-new tables ---------------------------------------------------------------------

    def is_fresh(self, table: GoalTable) -> bool:
        """Whether a table is brand-new and still being filled (its gaps are 待填写)."""
        return self._fresh.get(id(table)) is table

    def set_current(self, table: GoalTable | None) -> None:
        """The clerk edits this table now: the table left behind is no longer new."""
        left, self._current = self._current, table
        if left is not None and left is not table and self.is_fresh(left):
            self.settle(left)

    def settle(self, table: GoalTable | None = None) -> None:
        """From now on, say what is still empty in this table (every table) as 错误: the
        clerk left it, asked for a check, or exports."""
        settled = [table] if table is not None else list(self._fresh.values())
        for each in settled:
            if self._fresh.pop(id(each), None) is not None:
                self._checked.pop(id(each), None)
        if any(t is each for each in settled for t in self._document.tables):
            self.recheck()  # not for a table of a document being replaced

    def _note_new_tables(self) -> None:
        """A table seen for the first time blank (新建, 新建绩效目标表) is a new one."""
        from goaleditor.model.to_fill import is_blank

        for table in self._document.tables:
            if self._seen.get(id(table)) is not table:
                self._seen[id(table)] = table
                if is_blank(table):
                    self._fresh[id(table)] = table

    # --- checking ------------------------------------------------------------------------------

    def recheck(self) -> None:
        """Check the tables that changed since the last check, and show every problem."""
        from goaleditor.checking import check_table_of_any_kind, document_problems_of_any_kind
        from goaleditor.model.to_fill import as_to_fill, gaps

        self._timer.stop()
        self._note_new_tables()
        problems = document_problems_of_any_kind(self._document)
        if self.extra_problems is not None:
            problems += self.extra_problems()
        checked: dict[int, tuple[GoalTable, int, list[Problem]]] = {}
        for number, table in enumerate(self._document.tables, 1):
            known = self._checked.get(id(table))
            if known is None or known[0] is not table:
                score = None
                if self._scores is not None and self._document.is_self_evaluation:
                    score = self._scores().of(table)
                found = check_table_of_any_kind(self._document, table, number, score=score)
                self._to_fill[id(table)] = 0
                if self.is_fresh(table):
                    self._to_fill[id(table)] = gaps(found)
                    found = as_to_fill(found, self._document)
                known = (table, number, found)
            elif known[1] != number:  # moved: same problems, new table number
                known = (table, number, [replace(p, table=number) for p in known[2]])
            checked[id(table)] = known
            problems.extend(known[2])
        self._checked = checked
        self._to_fill = {key: self._to_fill.get(key, 0) for key in checked}
        self.problems = problems
        self.tree.clear()
        items = []
        for problem in self.problems:
            where = f"表{problem.table} {location(problem)}" if problem.table else "文档"
            item = QTreeWidgetItem([problem.severity, where, problem.message])
            item.setIcon(0, self.icon(problem.severity))
            item.setData(0, Qt.ItemDataRole.UserRole, problem)
            if problem.fix:
                item.setToolTip(2, f"右键可修复：{FIX_LABELS.get(problem.fix, problem.fix)}")
            items.append(item)
        self.tree.addTopLevelItems(items)
        self._show_tree_or_line()
        self.checked.emit(self.problems)

    def to_fill_count(self) -> int:
        """How many problems of the new tables are 提示 待填写 now and become 错误 at export
        (or when the clerk leaves the table or checks): the fields still to fill."""
        if self._timer.isActive():
            self.recheck()  # typed just now: count what is on screen
        return sum(self._to_fill.get(id(table), 0) for table in self._fresh.values())

    def _show_tree_or_line(self) -> None:
        hints = self.counts()[HINT]
        listed = bool(self.problems) and (self.hints_shown or hints < len(self.problems))
        if not listed:
            text = "没有发现问题。"
            if hints:
                text = f'没有错误或警告，有{hints}条提示。<a href="hints">显示提示</a>'
            self.empty.setText(text)
        self.tree.setVisible(listed)
        self.empty.setVisible(not listed)

    def shown_count(self) -> int:
        """How many problems the list shows (0 when the panel is one line)."""
        return self.tree.topLevelItemCount() if self.tree.isVisibleTo(self) else 0

    def show_hints(self) -> None:
        """List the 提示 too (显示提示, or 检查 asked for everything)."""
        if not self.hints_shown:
            self.hints_shown = True
            self._show_tree_or_line()
            self.checked.emit(self.problems)

    def icon(self, severity: str) -> QIcon:
        """The dot shown beside problems of a severity."""
        if severity not in self._icons:
            self._icons[severity] = severity_icon(severity)
        return self._icons[severity]

    def counts(self) -> dict[str, int]:
        """How many problems of each severity."""
        return {s: sum(1 for p in self.problems if p.severity == s) for s in SEVERITY_COLORS}

    def _activate(self, item: QTreeWidgetItem) -> None:
        self.activated.emit(item.data(0, Qt.ItemDataRole.UserRole))

    def _menu(self, point: Any) -> None:
        item = self.tree.itemAt(point)
        if item is None:
            return
        from goaleditor.checking import fix_its_of_any_kind

        problem: Problem = item.data(0, Qt.ItemDataRole.UserRole)
        menu = QMenu(self)
        show = QAction("定位到单元格(&L)", menu)
        show.triggered.connect(lambda: self.activated.emit(problem))
        menu.addAction(show)
        for number, fix in enumerate(fix_its_of_any_kind(problem, self._document), 1):
            action = QAction(f"&{number} 修复：{fix.label}", menu)
            action.triggered.connect(lambda _=False, f=fix: self._apply_fix(f))
            menu.addAction(action)
        menu.exec(self.tree.viewport().mapToGlobal(point))
