"""Canonical JSON (DESIGN §4): the exchange format of ``dump`` and ``export -o x.json``."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from goaleditor.errors import InputError
from goaleditor.files.atomic import atomic_write_text
from goaleditor.formats import self_evaluation_json
from goaleditor.formats.exporting import ExportOptions, ExportWarn, Progress
from goaleditor.formats.readers import guard
from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.model.fields import (
    DOCUMENT_KINDS,
    DOCUMENT_PROPERTIES,
    FIELD_LABELS,
    GOAL_HEADER_FIELDS,
    GOAL_INDICATOR_FIELDS,
    GOALS,
    LAYOUT_HEADER_FIELDS,
    LAYOUT_INDICATOR_FIELDS,
    MONEY_FIELDS,
    REVIEW_HEADER_FIELDS,
    REVIEW_INDICATOR_FIELDS,
    SELF_EVALUATION,
    TABLE_SPECS,
)
from goaleditor.model.frameworks import FRAMEWORKS, detect_framework
from goaleditor.model.layout_names import DEFAULT_LAYOUT, LAYOUT_NAMES
from goaleditor.model.limits import MAX_INDICATORS, MAX_TABLES, check_count, check_text
from goaleditor.model.money import MONEY_UNITS, MoneyError, format_money, parse_money
from goaleditor.model.review_marks import table_is_reviewed
from goaleditor.model.text_clean import encodable, lone_surrogate
from goaleditor.model.values import COMPARATORS, normalize_comparator, parse_target
from goaleditor.model.year_range import YEAR_RULE, plain_year

SCHEMA = 1
MAX_BYTES = 64 * 1024 * 1024
# The document's keys: every property but merge_level2 (a view option not exchanged) and the
# 自评表's kind and scoring, written for a self-evaluation only (a goal document's JSON is as
# it was before self-evaluations existed).
_SELF_EVALUATION_DOCUMENT_KEYS = ("kind", "scoring")
_DOCUMENT_KEYS = tuple(
    name
    for name in DOCUMENT_PROPERTIES
    if name != "merge_level2" and name not in _SELF_EVALUATION_DOCUMENT_KEYS
)
_TEXT_FIELDS = tuple(
    spec.key
    for spec in TABLE_SPECS
    if spec.kind in ("text", "long_text")
    and not (spec.layout or spec.self_evaluation or spec.review)
)
_GOAL_MONEY_FIELDS = tuple(name for name in MONEY_FIELDS if name in GOAL_HEADER_FIELDS)
# The keys of other regions' layouts (DESIGN §4): optional on import, always written.
_LAYOUT_TABLE_KEYS = LAYOUT_HEADER_FIELDS
_INDICATOR_TEXT = ("level1", "level2", "name", "description")
# The indicator's own keys, written before its printed display.
_INDICATOR_KEYS = tuple(
    name for name in GOAL_INDICATOR_FIELDS if name not in LAYOUT_INDICATOR_FIELDS
)
_LAYOUT_INDICATOR_KEYS = LAYOUT_INDICATOR_FIELDS


def to_data(document: Document) -> dict[str, Any]:
    """The document as canonical JSON data (dicts in the contract's key order)."""
    head = {"schema": SCHEMA, **{name: getattr(document, name) for name in _DOCUMENT_KEYS}}
    if document.is_self_evaluation:
        return self_evaluation_json.to_data(document, head, _goal_table_data)
    return {**head, "tables": [_goal_table_data(table) for table in document.tables]}


def _goal_table_data(table: GoalTable) -> dict[str, Any]:
    """A table's goal keys: the header, then its indicators (level1 … remark); a reviewed
    table's marks after them (our own keys, DESIGN §5.2), an unreviewed one's not at all."""
    reviewed = table_is_reviewed(table)
    review = REVIEW_HEADER_FIELDS if reviewed else ()
    marks = REVIEW_INDICATOR_FIELDS if reviewed else ()
    return {
        **{name: _text_of(table, name) for name in GOAL_HEADER_FIELDS},
        "indicators": [
            {
                "level1": level1,
                "level2": level2,
                **{name: getattr(ind, name) for name in _INDICATOR_KEYS},
                "display": ind.display,
                **{name: getattr(ind, name) for name in _LAYOUT_INDICATOR_KEYS},
                **{name: getattr(ind, name) for name in marks},
            }
            for level1, level2, ind in table.indicator_rows()
        ],
        **{name: getattr(table, name) for name in review},
    }


def _text_of(table: GoalTable, name: str) -> str:
    value = getattr(table, name)
    return format_money(value) if name in MONEY_FIELDS else str(value)


def dumps(document: Document) -> str:
    """Canonical JSON text: UTF-8, two-space indent, contract key order, final newline.

    A lone surrogate (which UTF-8 cannot hold) is written as U+FFFD.
    """
    return encodable(json.dumps(to_data(document), ensure_ascii=False, indent=2) + "\n")


def write(
    document: Document,
    path: Path,
    *,
    options: ExportOptions | None = None,
    progress: Progress | None = None,
    warn: ExportWarn | None = None,
) -> None:
    """Write canonical JSON atomically; options, progress and warn change nothing."""
    atomic_write_text(path, dumps(document))


def read(path: Path) -> Document:
    """Read a canonical JSON file; InputError says what is wrong and where."""
    return loads(guard.read_capped(path, MAX_BYTES), path.name)


def loads(raw: bytes | str, source: str = "JSON") -> Document:
    """Parse canonical JSON text into a Document."""
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
        data = json.loads(text)
    except UnicodeDecodeError:
        raise InputError(f"{source}：不是UTF-8编码的JSON文件") from None
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{source}：第{exc.lineno}行第{exc.colno}列不是有效的JSON（{_json_problem(exc.msg)}）",
            detail=exc.msg,
        ) from None
    except RecursionError:
        raise InputError(f"{source}：JSON嵌套过深，不是绩效目标表文档") from None
    except ValueError as exc:  # a number of more than 4,300 digits
        raise InputError(
            f"{source}：JSON中有位数过多的数字，不是绩效目标表文档", detail=str(exc)
        ) from None
    return from_data(data, source)


# The JSON parser's messages, as a clerk reads them (by their start; positions follow).
_JSON_PROBLEMS = (
    ("Expecting value", "此处缺少值"),
    ("Expecting ',' delimiter", "缺少逗号"),
    ("Expecting ':' delimiter", "缺少冒号"),
    ("Expecting property name", "属性名应写在英文双引号中"),
    ("Unterminated string", "字符串缺少结束的引号"),
    ("Invalid control character", "字符串中有控制字符"),
    ("Invalid \\uXXXX escape", "无效的\\u转义"),
    ("Invalid \\escape", "无效的转义符"),
    ("Extra data", "JSON结束后还有多余的内容"),
)


def _json_problem(message: str) -> str:
    """What the JSON parser found wrong, in Chinese."""
    return next((zh for en, zh in _JSON_PROBLEMS if message.startswith(en)), "格式错误")


def from_data(data: Any, source: str = "JSON") -> Document:
    """Build a Document from canonical JSON data, checking every type."""
    where = _Where(source)
    obj = where.object(data, "")
    schema = obj.get("schema", SCHEMA)
    if schema != SCHEMA:
        raise InputError(f"{source}：不支持的schema版本 {schema!r}（本程序读取版本{SCHEMA}）")
    year = obj.get("year")
    if year is not None and (not isinstance(year, int) or plain_year(year) is None):
        raise where.error("year", YEAR_RULE)
    tables_data = where.array(obj.get("tables", []), "tables")
    check_count(source, "绩效目标表", len(tables_data), MAX_TABLES)
    lists = (t.get("indicators") for t in tables_data if isinstance(t, dict))
    check_count(
        source, "三级指标", sum(len(i) for i in lists if isinstance(i, list)), MAX_INDICATORS
    )
    tables = [_table(where, item, f"tables[{i}]") for i, item in enumerate(tables_data)]
    framework = obj.get("framework")
    if framework is None:
        framework = detect_framework(l1.name for t in tables for l1 in t.children)
    elif not isinstance(framework, str):
        raise where.error("framework", f"应为指标体系的名称（{'、'.join(FRAMEWORKS)}）")
    elif framework not in FRAMEWORKS:
        raise where.error("framework", f"未知的指标体系 {framework!r}")
    layout = where.text(obj.get("layout", ""), "layout") or DEFAULT_LAYOUT
    if layout not in LAYOUT_NAMES:
        raise where.error("layout", f"未知的版式 {layout!r}（可用：{'、'.join(LAYOUT_NAMES)}）")
    kind = where.text(obj.get("kind", ""), "kind") or GOALS
    if kind not in DOCUMENT_KINDS:
        raise where.error("kind", f"未知的文档类型 {kind!r}（可用：{'、'.join(DOCUMENT_KINDS)}）")
    document = Document(
        agency_code=where.text(obj.get("agency_code", ""), "agency_code"),
        agency_name=where.text(obj.get("agency_name", ""), "agency_name"),
        year=year,
        title=where.text(obj.get("title", ""), "title"),
        framework=framework,
        layout=layout,
        tables=tables,
    )
    if kind == SELF_EVALUATION:
        scoring = where.text(obj.get("scoring", ""), "scoring")
        self_evaluation_json.read_into(document, scoring, tables_data, where)
    return document


def _table(where: _Where, data: Any, path: str) -> GoalTable:
    obj = where.object(data, path)
    header: dict[str, Any] = {
        name: where.text(obj.get(name, ""), f"{path}.{name}") for name in _TEXT_FIELDS
    }
    unit = where.text(obj.get("money_unit", "元"), f"{path}.money_unit") or "元"
    if unit not in MONEY_UNITS:
        raise where.error(f"{path}.money_unit", f"金额单位应为“元”或“万元”，实际为“{unit}”")
    header["money_unit"] = unit
    for name in (*_LAYOUT_TABLE_KEYS, *REVIEW_HEADER_FIELDS):
        header[name] = where.text(obj.get(name, ""), f"{path}.{name}")
    for name in _GOAL_MONEY_FIELDS:
        text = where.text(obj.get(name, ""), f"{path}.{name}")
        try:
            header[name] = parse_money(text)
        except MoneyError as exc:
            raise where.error(f"{path}.{name}", str(exc)) from None
    items = where.array(obj.get("indicators", []), f"{path}.indicators")
    rows = [_indicator(where, item, f"{path}.indicators[{i}]") for i, item in enumerate(items)]
    return GoalTable.from_rows(rows, **header)


def _indicator(where: _Where, data: Any, path: str) -> tuple[str, str, Indicator]:
    obj = where.object(data, path)
    level1, level2, name, description = (
        where.text(obj.get(key, ""), f"{path}.{key}") for key in _INDICATOR_TEXT
    )
    if "comparator" in obj or "value" in obj:
        comparator = normalize_comparator(
            where.text(obj.get("comparator", ""), f"{path}.comparator")
        )
        if comparator not in COMPARATORS:
            raise where.error(f"{path}.comparator", "应为 ≥ ≤ = > < 或 定性")
        value = where.text(obj.get("value", ""), f"{path}.value")
        unit = where.text(obj.get("unit", ""), f"{path}.unit")
    else:  # hand-written JSON may give only the printed value
        target = parse_target(where.text(obj.get("display", ""), f"{path}.display"))
        comparator, value, unit = target.comparator, target.value, target.unit
    indicator = Indicator(name, description, comparator, value, unit)
    for key in (*_LAYOUT_INDICATOR_KEYS, *REVIEW_INDICATOR_FIELDS):
        setattr(indicator, key, where.text(obj.get(key, ""), f"{path}.{key}"))
    return level1, level2, indicator


_STEP_RE = re.compile(r"(tables|indicators)\[(\d{1,9})\]|([A-Za-z_]{1,40})")


def _place(path: str) -> str:
    """A JSON path in a clerk's words: tables[0].indicators[2].name → 表1第3个指标的三级指标."""
    words = []
    for step in path.split("."):
        found = _STEP_RE.fullmatch(step)
        if found is None:
            return path
        kind, number, key = found.groups()
        if kind == "tables":
            words.append(f"表{int(number) + 1}")
        elif kind == "indicators":
            words.append(f"第{int(number) + 1}个指标")
        else:
            words.append(FIELD_LABELS.get(key, key))
    return "的".join(words) if len(words) < 2 else "".join(words[:-1]) + "的" + words[-1]


class _Where:
    """Type checks that name the offending JSON path in their message."""

    def __init__(self, source: str) -> None:
        self.source = source

    def error(self, path: str, message: str) -> InputError:
        if not path:
            return InputError(f"{self.source}：顶层 {message}")
        place = _place(path)
        said = f"（即{place}）" if place != path else ""
        return InputError(f"{self.source}：{path} {message}{said}")

    def object(self, value: Any, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.error(path, "应为对象（{…}）")
        return value

    def array(self, value: Any, path: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.error(path, "应为数组（[…]）")
        return value

    def text(self, value: Any, path: str) -> str:
        if value is None:
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise self.error(path, "应为字符串")
        if not isinstance(value, str):
            return str(value)
        check_text(self.source, path.rsplit(".", 1)[-1], value)
        bad = lone_surrogate(value)
        if bad is not None:
            raise self.error(
                path, f"含有无效的字符（孤立的代理项 \\u{ord(bad):04x}），请修正后再导入"
            )
        return value
