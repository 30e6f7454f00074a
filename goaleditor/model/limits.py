"""How big a document may be: caps that keep any input within bounded time and memory."""

from __future__ import annotations

from goaleditor.errors import InputError
from goaleditor.model.document import Document
from goaleditor.model.fields import (
    DOCUMENT_PROPERTIES,
    FIELD_LABELS,
    HEADER_FIELDS,
    INDICATOR_FIELDS,
)

# A real field is a few hundred characters, a real 绩效目标 a few thousand.
MAX_FIELD_CHARS = 100_000
# A real document has tens of tables and hundreds of indicators.
MAX_TABLES = 10_000
MAX_INDICATORS = 100_000
# Groups (一级 and 二级) hold indicators, so they cannot outnumber them by much.
MAX_GROUPS = 2 * MAX_INDICATORS


def too_long(source: str, field: str, length: int) -> InputError:
    """The refusal of a field longer than MAX_FIELD_CHARS."""
    label = FIELD_LABELS.get(field, field)
    return InputError(
        f"{source}：{label}有{length}个字符，超过上限{MAX_FIELD_CHARS}个字符，"
        "不像是绩效目标表，已拒绝读取"
    )


def too_many(source: str, what: str, count: int, limit: int) -> InputError:
    """The refusal of a document with more tables or indicators than the caps allow."""
    return InputError(
        f"{source}：{what}有{count}个，超过上限{limit}个，不像是绩效目标表，已拒绝读取"
    )


def check_count(source: str, what: str, count: int, limit: int) -> None:
    """Refuse a count above its cap."""
    if count > limit:
        raise too_many(source, what, count, limit)


def check_text(source: str, field: str, value: object) -> None:
    """Refuse a text field above MAX_FIELD_CHARS."""
    if isinstance(value, str) and len(value) > MAX_FIELD_CHARS:
        raise too_long(source, field, len(value))


def check_document(document: Document, source: str) -> None:
    """Refuse a document beyond the caps (counts first: they are cheap)."""
    check_count(source, "绩效目标表", len(document.tables), MAX_TABLES)
    total = sum(table.indicator_count() for table in document.tables)
    check_count(source, "三级指标", total, MAX_INDICATORS)
    for name in DOCUMENT_PROPERTIES:
        check_text(source, name, getattr(document, name))
    for table in document.tables:
        for name in HEADER_FIELDS:
            check_text(source, name, getattr(table, name))
        for level1 in table.children:
            check_text(source, "level1", level1.name)
            for level2 in level1.children:
                check_text(source, "level2", level2.name)
                for indicator in level2.children:
                    for name in INDICATOR_FIELDS:
                        check_text(source, name, getattr(indicator, name))
