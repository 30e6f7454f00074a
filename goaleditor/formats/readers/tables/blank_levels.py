"""Blank 一级/二级 cells of a table's indicator rows, filled from the rows around them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from goaleditor.model.document import Indicator
from goaleditor.model.frameworks import FRAMEWORKS


def _belongs(level1: str, level2: str) -> bool:
    """A 一级/二级 pair some framework has."""
    return any(framework.is_valid_pair(level1, level2) for framework in FRAMEWORKS.values())


@dataclass
class LevelledRow:
    """An indicator row as read: its row in the sheet (from 0), its 一级 and 二级."""

    number: int
    level1: str
    level2: str
    indicator: Indicator = field(repr=False)


def fill_levels(rows: list[LevelledRow], say: Callable[[int, str], None]) -> None:
    """Blank 一级/二级: as above (a merge), or from below when typed in a group's middle."""
    typed1 = [n for n, row in enumerate(rows) if row.level1]
    own2 = [row.level2 for row in rows]
    for n, row in enumerate(rows):
        if row.level1:
            continue
        above = next((m for m in reversed(typed1) if m < n), None)
        below = next((m for m in typed1 if m > n), None)
        level2 = next((own2[m] for m in range(n, -1, -1) if own2[m]), "")
        if below is not None and (
            above is None
            or (_belongs(rows[below].level1, level2) and not _belongs(rows[above].level1, level2))
        ):
            row.level1 = rows[below].level1
            say(
                row.number,
                f"一级指标为空，按第{rows[below].number + 1}行的“{row.level1}”填写",
            )
        elif above is not None:
            row.level1 = rows[above].level1
    for n, row in enumerate(rows):
        if row.level2:
            continue
        group = [m for m, other in enumerate(rows) if other.level1 == row.level1 and own2[m]]
        above = next((m for m in reversed(group) if m < n), None)
        below = next((m for m in group if m > n), None)
        if above is not None:
            row.level2 = own2[above]
        elif below is not None:
            row.level2 = own2[below]
            say(row.number, f"二级指标为空，按第{rows[below].number + 1}行的“{row.level2}”填写")
