"""A 自评表 exported as PDF, Excel or Word opens again as the same 自评表: every field its form
prints comes back (the reader of 自评表 files over the writers of its official layouts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from goaleditor.formats import registry
from goaleditor.formats.canonical_json import to_data
from goaleditor.self_evaluation.layouts import printed_fields
from tests.formats.self_evaluation_documents import filled

# Computed: not fields, but printed, and read back as the rules give them.
_COMPUTED = ("execution_rate", "budget_score", "total_score", "grade")


def _printed(data: dict, layout: str) -> list[tuple[int, str, object]]:
    shown = printed_fields(layout)
    found = []
    for number, table in enumerate(data["tables"]):
        for key, value in table.items():
            if key in shown or key in _COMPUTED:
                found.append((number, key, value))
        for row, item in enumerate(table["indicators"]):
            for key, value in item.items():
                if f"indicator.{key}" in shown or key in ("level1", "level2", "display", "score"):
                    found.append((number, f"{row}.{key}", value))
    return found


@pytest.mark.parametrize("layout", ["central", "sichuan"])
@pytest.mark.parametrize("suffix", [".xlsx", ".docx", ".pdf"])
def test_an_exported_self_evaluation_opens_as_itself(
    tmp_path: Path, example_document, layout: str, suffix: str
) -> None:
    document = filled(example_document, layout)
    document.tables[1].implementer = "某某中心"  # 主管部门 empty beside a filled 实施单位
    path = tmp_path / f"自评{suffix}"
    registry.write_document(document, path)
    back = registry.read_document(path, lambda _note: None)
    # The form tells the region: Sichuan's form is scored by Sichuan's rules (a guess, said).
    assert back.is_self_evaluation and back.scoring == layout
    assert _printed(to_data(back), layout) == _printed(to_data(document), layout)
