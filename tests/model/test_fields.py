"""fields.py is the one field vocabulary: the domain, the store and the layouts agree with it."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

import goaleditor
from goaleditor.model import fields, schema
from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.model.layouts import PROFILES

_LINKS = {"parent", "children", "document", "tables", "listeners"}  # structure, not fields


def _domain_fields(cls: type) -> dict[str, object]:
    return {f.name: f.default for f in dataclasses.fields(cls) if f.name not in _LINKS}


@pytest.mark.parametrize(
    ("cls", "specs"),
    [
        (Document, fields.DOCUMENT_SPECS),
        (GoalTable, fields.TABLE_SPECS),
        (Indicator, fields.INDICATOR_SPECS),
    ],
)
def test_every_dataclass_field_is_declared_with_its_default(
    cls: type, specs: tuple[fields.FieldSpec, ...]
) -> None:
    assert _domain_fields(cls) == {spec.key: spec.default for spec in specs}
    assert list(_domain_fields(cls)) == [spec.key for spec in specs]  # the same order


def test_every_store_column_is_declared_with_its_default() -> None:
    structure = {"id", "position", "table_id", "level1_id", "level2_id"}
    spec_of = {"level1": "level1", "level2": "level2"}  # a group's name column is its name
    for record in schema.RECORDS:
        table = record.__table__.name  # type: ignore[attr-defined]
        for name, info in record.model_fields.items():
            if name in structure:
                continue
            key = spec_of.get(table, name)
            assert key in fields.SPECS, (table, name)
            assert info.default == fields.SPECS[key].column_default, (table, name)


def test_store_columns_follow_the_vocabulary_order() -> None:
    columns = {
        record.__table__.name: [  # type: ignore[attr-defined]
            name for name in record.model_fields if name not in ("id", "position")
        ]
        for record in schema.RECORDS
    }
    assert columns["document"] == list(fields.DOCUMENT_PROPERTIES)
    assert columns["goal_table"] == list(fields.HEADER_FIELDS)
    assert columns["indicator"] == ["level2_id", *fields.INDICATOR_FIELDS]


def test_every_field_has_a_label_and_money_is_none_by_default() -> None:
    assert all(spec.label for spec in fields.SPECS.values())
    assert fields.FIELD_LABELS["unit"] == "单位"  # as the tree's column and 修改单位 say
    for key in fields.MONEY_FIELDS:
        assert fields.SPECS[key].default is None and fields.SPECS[key].column_default == ""


def test_there_is_exactly_one_field_labels_table() -> None:
    root = Path(goaleditor.__file__).parent
    defining = [
        path.relative_to(root).as_posix()
        for path in sorted(root.rglob("*.py"))
        if re.search(r"^\s*FIELD_LABELS\s*[:=]", path.read_text(encoding="utf-8"), re.M)
    ]
    assert defining == ["model/fields.py"]


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_layout_labels_are_keyed_by_vocabulary_fields(name: str) -> None:
    profile = PROFILES[name]
    assert profile.labels
    assert set(profile.labels) <= set(fields.SPECS)
    slots = [slot for row in (*profile.head_rows, profile.indicator_slots) for slot in row]
    labels = {slot.label for slot in slots}
    assert set(profile.labels.values()) <= labels  # every layout label is printed
    for slot in profile.indicator_slots:  # each column is headed by its field's label
        assert slot.field is not None
        assert slot.label == profile.labels[slot.field.removeprefix("indicator.")]
