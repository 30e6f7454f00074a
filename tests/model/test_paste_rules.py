"""Where pasted rows go, without Qt: into the current cell, or as rows under their group."""

from __future__ import annotations

from goaleditor.model import paste_rules
from goaleditor.model.document import Indicator
from goaleditor.model.edits import SetField
from tests.model.test_edits import quantity_of, round_trip, sample


def test_paste_placement() -> None:
    document = sample()
    table = document.tables[0]
    current = quantity_of(document).children[0]
    one = [("", "", Indicator("九"))]
    cell = paste_rules.paste_placement(current, "unit", table, "次\n", one).edit
    assert isinstance(cell, SetField) and (cell.name, cell.value) == ("unit", "次")
    assert paste_rules.paste_placement(current, "unit", table, "个", one).edit is None  # unchanged
    rows = [("", "", Indicator("甲")), ("", "", Indicator("乙"))]
    paste = paste_rules.paste_placement(current, "unit", table, "甲\t1\n乙\t2", rows)
    assert paste.edit is not None and paste.edit.text == "粘贴2个指标"
    assert paste.message == "已粘贴2行：产出指标/数量指标 2行"
    round_trip(document, paste.edit)
    paste.edit.apply(document)
    assert [i.name for i in quantity_of(document).children][:3] == [current.name, "甲", "乙"]
    # A single row on a group (or a cell that cannot be edited) is inserted as a row.
    single = paste_rules.paste_placement(current, None, table, "九", one)
    assert single.edit is not None and single.first is one[0][2]
