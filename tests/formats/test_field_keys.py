"""The readers' label tables map other people's spellings to the vocabulary's field keys."""

from __future__ import annotations

from goaleditor.formats.clipboard import rows
from goaleditor.formats.readers.tables import columns, header_labels
from goaleditor.model.fields import SPECS


def test_sheet_and_clipboard_labels_name_vocabulary_fields() -> None:
    targets = {
        *columns.HEADER.values(),
        *columns.SUB_HEADER.values(),
        *header_labels.LABELLED_FIELDS.values(),
        *(key for _, key in header_labels.GOALS_BELOW),
        *(key for pair in header_labels.MONEY_ROWS.values() for key in pair if key),
        # "target" is the clipboard's 指标值 before it is split into comparator, value and unit
        *(key for key in rows._LABELS.values() if key != "target"),
    }
    assert targets <= set(SPECS)
