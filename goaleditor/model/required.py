"""The header fields a table must have filled: those every layout requires where it prints
them (项目名称, 资金用途, 绩效目标) and those the document's layout requires besides."""

from __future__ import annotations

from typing import TYPE_CHECKING

from goaleditor.model.layouts import profile_of

if TYPE_CHECKING:
    from goaleditor.model.document import Document

# Header fields every layout that prints them requires: (field, check rule, label).
REQUIRED_WHEN_PRINTED: tuple[tuple[str, str, str], ...] = (
    ("project_name", "header.no-project-name", "项目名称"),
    ("fund_use", "header.no-fund-use", "资金用途"),
    ("goal", "header.no-goal", "绩效目标"),
)


def required_header_fields(document: Document) -> frozenset[str]:
    """The header fields the document's layout wants filled (an 错误 when empty)."""
    profile = profile_of(document)
    printed = profile.printed_fields()
    general = {name for name, _, _ in REQUIRED_WHEN_PRINTED if name in printed}
    return frozenset(general | set(profile.required))
