"""Tab-separated rows, as Excel and WPS put them on the clipboard, to and from indicators.

Rows are read in the official layout (一级/二级/三级/描述/指标值, or split 指标性质/指标值/
计量单位), in the tree's own columns (三级/描述/性质/值/单位) or as 三级/描述/指标值; a header
line says which, else the content does. They are written in the official layout.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable

from goaleditor.model.document import Indicator
from goaleditor.model.frameworks import FRAMEWORKS
from goaleditor.model.values import (
    TargetValue,
    normalize_comparator,
    parse_worded,
    read_written,
    worded_note,
)

PastedRow = tuple[str, str, Indicator]  # 一级 ("" when not given), 二级, the indicator

LEVEL1_NAMES = frozenset(l1 for f in FRAMEWORKS.values() for l1 in f.level1_names)
LEVEL2_NAMES = frozenset(l2 for f in FRAMEWORKS.values() for _, l2s in f.levels for l2 in l2s)
# Header labels of the official layouts, Excel exports and this editor's own tree.
_LABELS = {
    "一级指标": "level1",
    "二级指标": "level2",
    "三级指标": "name",
    "绩效指标描述": "description",
    "指标描述": "description",
    "指标内容": "description",
    "指标性质": "comparator",
    "指标值": "target",
    "年度指标值": "target",
    "年度(/项目)指标值": "target",
    "目标值": "target",
    "计量单位": "unit",
    "度量单位": "unit",
    "单位": "unit",
    "打印值": "display",
}
# Column meanings of the layouts recognised by their content.
_OFFICIAL_5 = ("level1", "level2", "name", "description", "target")
_OFFICIAL_7 = ("level1", "level2", "name", "description", "comparator", "target", "unit")
_OFFICIAL_4 = ("level1", "level2", "name", "target")  # Shanghai: no 描述
_TREE_5 = ("name", "description", "comparator", "target", "unit")
_PLAIN_3 = ("name", "description", "target")


def split_cells(text: str) -> list[list[str]]:
    """Clipboard text as rows of cells (Excel quotes cells holding tabs, newlines or ")."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t", quotechar='"')
    rows = [[c.replace("\r\n", "\n").strip() for c in row] for row in reader]
    return [r for r in rows if any(r)]


def _header(cells: list[str]) -> tuple[str, ...] | None:
    """The meaning of each column when the row is a header line, else None."""
    keys = tuple(_LABELS.get("".join(c.split()), "") for c in cells)
    if sum(1 for k in keys if k) < 2:
        return None
    if "comparator" not in keys and "unit" not in keys:
        return keys
    # With split columns 指标值 is the number; 打印值 (this editor's own header) is ignored.
    return tuple("value" if k == "target" else "" if k == "display" else k for k in keys)


def _columns_by_content(cells: list[str], official_before: bool) -> tuple[str, ...]:
    first = cells[0]
    official = first in LEVEL1_NAMES or (
        not first and len(cells) > 1 and (official_before or cells[1] in LEVEL2_NAMES)
    )
    if official and len(cells) >= 7:
        return tuple("value" if k == "target" else k for k in _OFFICIAL_7)
    if official and len(cells) >= 5:
        return _OFFICIAL_5
    if official and len(cells) == 4:
        return _OFFICIAL_4
    if len(cells) >= 5 and normalize_comparator(cells[2]) is not None:
        return tuple("value" if k == "target" else k for k in _TREE_5)
    return _PLAIN_3


def _indicator(fields: dict[str, str], worded: list[tuple[str, TargetValue]]) -> Indicator:
    """One row's indicator; a 指标值 written in words (98%以上) is added to worded."""
    name, description = fields.get("name", ""), fields.get("description", "")
    if "comparator" in fields or "value" in fields:  # split 指标性质 / 指标值 / 单位 columns
        comparator = normalize_comparator(fields.get("comparator", ""))
        value, unit = fields.get("value", ""), fields.get("unit", "")
        printed = value if value.endswith(unit) else value + unit
        words = parse_worded(printed)
        if comparator is not None and (words is None or words.comparator == comparator):
            if words is not None:  # ≥ | 98 | %以上: the unit keeps no words
                worded.append((printed, words))
                return Indicator(name, description, comparator, words.value, words.unit)
            return Indicator(name, description, comparator, value, unit)
        # a blank or regional 指标性质 (定量, 正向), or words that say otherwise: as printed
    else:
        printed = fields.get("target", "")
    target, from_words = read_written(printed)
    if from_words:
        worded.append((printed, target))
    return Indicator(name, description, target.comparator, target.value, target.unit)


def parse_rows(text: str, say: Callable[[str], None] | None = None) -> list[PastedRow]:
    """Indicators with their 一级/二级 ("" when the rows do not say) from clipboard text.

    Header lines are skipped; a blank 一级 or 二级 means the same as the row above.
    指标值 written in words (98%以上, 不低于95%) are read as comparator + value + unit and
    said once through say.
    """
    worded: list[tuple[str, TargetValue]] = []
    rows: list[PastedRow] = []
    columns: tuple[str, ...] | None = None  # set by a header line
    level1 = level2 = ""
    official_before = False
    for cells in split_cells(text):
        header = _header(cells)
        if header is not None:
            columns = header
            continue
        keys = columns or _columns_by_content(cells, official_before)
        fields = {k: c for k, c in zip(keys, cells, strict=False) if k}
        if "level1" in keys or "level2" in keys:
            official_before = True
            new_level1 = fields.get("level1", "")
            if new_level1 and new_level1 != level1:
                level2 = ""  # another 一级: its 二级 is not the one above
            level1 = new_level1 or level1
            level2 = fields.get("level2", "") or level2
        else:
            official_before = False
            level1 = level2 = ""
        if not any(fields.get(k) for k in ("name", "description", "target", "value")):
            continue  # a group label row or an empty line
        rows.append((level1, level2, _indicator(fields, worded)))
    if worded and say is not None:
        say(worded_note(worded))
    return rows


def parse_indicator_rows(text: str) -> list[Indicator]:
    """The indicators of clipboard rows, without their groups."""
    return [indicator for _, _, indicator in parse_rows(text)]


def _cell(text: str) -> str:
    if any(ch in text for ch in '\t\n"'):
        return '"' + text.replace('"', '""') + '"'
    return text


def format_indicator_rows(indicators: Iterable[Indicator]) -> str:
    """Rows of 一级, 二级, 三级, 描述, 指标值 that paste into Excel as the official columns."""
    lines = []
    for indicator in indicators:
        level2 = indicator.parent
        level1 = level2.parent if level2 is not None else None
        cells = (
            level1.name if level1 is not None else "",
            level2.name if level2 is not None else "",
            indicator.name,
            indicator.description,
            indicator.display,
        )
        lines.append("\t".join(_cell(c) for c in cells) + "\n")
    return "".join(lines)
