"""A 自评表's indicator rows: the goal table's columns plus 实际完成值 · 得分 · 偏差原因."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from goaleditor.formats.readers import guard
from goaleditor.formats.readers.self_evaluation.labels import (
    GRADE_WORDS,
    GROUP_LABELS,
    INDICATOR_COLUMNS,
    bare,
    ends_indicators,
    is_total,
    without_points,
)
from goaleditor.formats.readers.self_evaluation.typed import Typed, typed
from goaleditor.formats.readers.tables.cell_value import text
from goaleditor.formats.readers.tables.columns import find_columns, label
from goaleditor.formats.readers.tables.indicator_row import ValueReadings, read_indicator
from goaleditor.formats.readers.tables.level_names import canonical_levels
from goaleditor.formats.readers.tables.table_reader import SheetReader
from goaleditor.model.document import Indicator
from goaleditor.model.values import QUALITATIVE


@dataclass
class IndicatorRows:
    """The rows read: (一级, 二级, indicator), each indicator's typed 得分, the 总分 row."""

    rows: list[tuple[str, str, Indicator]] = field(default_factory=list)
    scores: list[Typed | None] = field(default_factory=list)
    total: Typed | None = None
    total_row: int | None = None  # where the 总分 / 合计 row is (from 0)
    end: int = 0  # the first row after the indicators


def indicator_columns(reader: SheetReader, header: int, floor: int) -> dict[str, int] | None:
    """The columns of the header row: the engine's fields and the 自评表's own; None when
    三级指标 or 指标值 is missing."""
    own: dict[str, int] = {}
    for c, value in enumerate(reader.rows[header]):
        name = INDICATOR_COLUMNS.get(bare(value))
        if name and name not in own:
            own[name] = c

    def unknown(r: int, shown: str) -> None:
        plain = bare(shown)
        if plain not in INDICATOR_COLUMNS and plain not in GROUP_LABELS:
            reader.say_unknown(r, shown)

    columns = find_columns(reader.rows, header, floor, unknown).fields
    if "name" not in columns or "value" not in columns:
        return None
    return {**columns, **own}


def read_indicator_rows(
    reader: SheetReader,
    columns: dict[str, int],
    header: int,
    stop: int,
    readings: ValueReadings,
) -> IndicatorRows:
    """The indicators below the header down to the 总分 / 合计 row (or stop)."""
    found = IndicatorRows(end=stop)
    split = "comparator" in columns or "unit" in columns
    pairs: list[tuple[str, str]] = []
    points: list[str] = []
    level1 = level2 = ""
    for r in range(header + 1, stop):
        guard.progress()
        row = reader.rows[r]

        def get(name: str, row: list[Any] = row) -> str:
            c = columns.get(name)
            return text(row[c]).strip() if c is not None and c < len(row) else ""

        first = next((v for v in row if text(v).strip()), None)
        if first is None:
            continue
        if is_total(first):
            found.total = _typed_at(row, columns.get("score"), r)
            found.total_row, found.end = r, r + 1
            continue  # indicators typed below a 总分 row are still this table's
        if found.total_row is not None:
            if ends_indicators(first) or not _below_total_indicator(get("name"), get("value")):
                break
            if found.end == found.total_row + 1:
                reader.say(r, "总分行下面还有指标，照样读取（总分行应在全部指标之后）")
            found.end = r + 1
        if label(get("level1")) == "一级指标":
            continue  # the header repeated on a continued page
        if not any(get(f) for f in ("name", "value")):
            if ends_indicators(first):
                found.end = r
                break  # the texts below the table (评价结论 …)
            reader.say(r, f"“{text(first)[:20]}”不是指标（没有三级指标和指标值），已跳过")
            continue
        written1 = get("level1")
        if written1:
            level1, level2 = without_points(written1), ""
            if level1 != written1:
                points.append(written1)
        level2 = get("level2") or level2
        indicator = read_indicator(get, split, functools.partial(reader.say, r), readings)
        indicator.actual = get("actual")
        indicator.deviation = get("deviation")
        score = _typed_at(row, columns.get("score"), r)
        if indicator.comparator == QUALITATIVE:
            indicator.grade = GRADE_WORDS.get(label(indicator.actual), "")
        pairs.append((level1, level2))
        found.rows.append(("", "", indicator))
        found.scores.append(score)
    for note in readings.finish():
        reader.say(header, note)
    named, note = canonical_levels(pairs)
    if points:
        example = "”“".join(list(dict.fromkeys(points))[:2])
        reader.say(header, f"一级指标名称后的分值已去掉（如“{example}”），分值按各三级指标读取")
    if note:
        reader.say(header, note)
    found.rows = [(*pair, item[2]) for pair, item in zip(named, found.rows, strict=True)]
    return found


def _below_total_indicator(name: str, value: str) -> bool:
    """True for a row under the 总分 row that is an indicator (三级指标 and 指标值, not one
    text merged across the row)."""
    return bool(name) and bool(value) and name != value


def _typed_at(row: list[Any], c: int | None, r: int) -> Typed | None:
    return typed(row[c], r) if c is not None and c < len(row) else None
