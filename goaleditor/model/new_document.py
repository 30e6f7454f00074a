"""A new document: the properties the clerk chose, with one empty table to start from."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from goaleditor.model.document import Document, new_table
from goaleditor.model.layouts import get_profile


def new_document(properties: Mapping[str, Any]) -> Document:
    """A document of these properties (layout, agency, year, framework…) and one empty table
    of its framework, in the money unit its layout prints (万元 for a 万元 layout)."""
    document = Document(**properties)
    table = new_table(document.framework)
    table.money_unit = get_profile(document.layout).money_unit
    document.tables.append(table)
    table.document = document
    return document
