"""Tab-separated rows, as Excel and WPS put them on the clipboard, to and from indicators."""

from __future__ import annotations

from collections.abc import Iterable

from goaleditor.model.document import Indicator
from goaleditor.model.values import normalize_comparator, parse_target


def _split_rows(text: str) -> list[list[str]]:
    """Split clipboard text into cells, honouring Excel's quoted multi-line cells."""
    rows: list[list[str]] = []
    row: list[str] = []
    cell: list[str] = []
    quoted = False
    i = 0
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    while i < len(text):
        ch = text[i]
        if quoted:
            if ch == '"' and text[i + 1 : i + 2] == '"':
                cell.append('"')
                i += 1
            elif ch == '"':
                quoted = False
            else:
                cell.append(ch)
        elif ch == '"' and not cell:
            quoted = True
        elif ch == "\t":
            row.append("".join(cell))
            cell = []
        elif ch == "\n":
            row.append("".join(cell))
            rows.append(row)
            row, cell = [], []
        else:
            cell.append(ch)
        i += 1
    if cell or row:
        row.append("".join(cell))
        rows.append(row)
    return [r for r in rows if any(c.strip() for c in r)]


def parse_indicator_rows(text: str) -> list[Indicator]:
    """Indicators from rows of 三级, 描述, 指标值 — the value as one cell or as three."""
    indicators = []
    for cells in _split_rows(text):
        cells = [c.strip() for c in cells]
        if len(cells) >= 5 and normalize_comparator(cells[2]) is not None:
            comparator = normalize_comparator(cells[2]) or "="
            indicators.append(Indicator(cells[0], cells[1], comparator, cells[3], cells[4]))
            continue
        cells += [""] * (3 - len(cells))
        target = parse_target(cells[2])
        indicators.append(
            Indicator(cells[0], cells[1], target.comparator, target.value, target.unit)
        )
    return indicators


def _cell(text: str) -> str:
    if any(ch in text for ch in '\t\n"'):
        return '"' + text.replace('"', '""') + '"'
    return text


def format_indicator_rows(indicators: Iterable[Indicator]) -> str:
    """Rows of 三级, 描述, 打印值 that paste into Excel as three columns."""
    return "".join(
        f"{_cell(i.name)}\t{_cell(i.description)}\t{_cell(i.display)}\n" for i in indicators
    )
