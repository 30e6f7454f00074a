"""The tree's 上年指标值 column: last year's printed 指标值 beside this year's, read-only.

Its cells come from compare/last_year.py (the indicators matched as `goaleditor diff` matches
them); an indicator without one last year shows an empty cell, and one renamed since names
last year's 三级指标 in its tooltip.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from goaleditor.ui.indicator_model import COL_LAST_YEAR

if TYPE_CHECKING:  # the compare package (and the checks) load when a last year is chosen
    from goaleditor.compare.last_year import LastYearValue
    from goaleditor.model.document import Indicator
    from goaleditor.ui.indicator_model import IndicatorTreeModel

_Role = Qt.ItemDataRole
NO_MATCH_TIP = "上年文档中没有对应的指标"
_LAST_YEAR_COLOR = QColor("#555555")  # read-only, as the derived 打印值 column


class LastYearCells:
    """Last year's 指标值 of each matched indicator, looked up by this year's indicator."""

    def __init__(self, values: Sequence[LastYearValue]) -> None:
        self._values = {id(value.indicator): value for value in values}

    def __len__(self) -> int:
        return len(self._values)

    def value_of(self, node: Indicator) -> LastYearValue | None:
        """The indicator's match in last year's document, if any."""
        value = self._values.get(id(node))
        return value if value is not None and value.indicator is node else None

    def data(self, node: Indicator, role: int) -> Any:
        """A role of the indicator's 上年指标值 cell."""
        value = self.value_of(node)
        if role == _Role.DisplayRole:
            return value.display if value is not None else None
        if role == _Role.ToolTipRole:
            if value is None:
                return NO_MATCH_TIP
            return f"上年三级指标：{value.last_year.name}" if value.renamed else None
        if role == _Role.ForegroundRole:
            return _LAST_YEAR_COLOR
        return None


def refresh_column(model: IndicatorTreeModel) -> None:
    """Tell the view that every 上年指标值 cell of the table shown may read differently."""
    table = model.table
    if table is None:
        return
    for level1 in table.children:
        for level2 in level1.children:
            if level2.children:
                parent = model.index_of(level2)
                last = len(level2.children) - 1
                model.dataChanged.emit(
                    model.index(0, COL_LAST_YEAR, parent), model.index(last, COL_LAST_YEAR, parent)
                )
