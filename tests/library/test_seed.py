"""The built-in seed: a few hundred entries, one group per common kind of project."""

from __future__ import annotations

from collections import Counter

from goaleditor.model.frameworks import FRAMEWORKS
from goaleditor.model.library import IndicatorLibrary
from goaleditor.model.values import COMPARATORS, QUALITATIVE
from goaleditor.resources import resources_dir

KINDS = ("会议培训", "调研课题", "信息化建设与运维", "设备购置", "监督检查", "宣传")
KINDS += ("物业与运行保障", "工程建设", "补助发放")


def test_the_seed_has_a_group_per_kind_of_project() -> None:
    library = IndicatorLibrary.load(resources_dir() / "library" / "builtin.json", None)
    entries = library.builtin
    assert len(entries) >= 250
    assert len({(e.level2, e.name) for e in entries}) == len(entries)  # no duplicates
    groups = Counter(e.fund_use for e in entries)
    assert all(groups[kind] >= 12 for kind in KINDS), groups
    levels = {(l1, l2) for f in FRAMEWORKS.values() for l1, l2s in f.levels for l2 in l2s}
    for entry in entries:
        assert (entry.level1, entry.level2) in levels, entry
        assert entry.comparator in COMPARATORS and entry.description.startswith("反映"), entry
        assert entry.nature == ("定性" if entry.comparator == QUALITATIVE else "定量"), entry
        assert bool(entry.unit) != (entry.comparator == QUALITATIVE), entry
        assert entry.origin == "builtin"
