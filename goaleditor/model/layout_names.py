"""The names of the printed layouts a document may choose (the profiles are in formats)."""

from __future__ import annotations

DEFAULT_LAYOUT = "tianjin"
LAYOUT_NAMES: tuple[str, ...] = ("tianjin", "shanghai", "central", "sichuan")
LAYOUT_LABELS: dict[str, str] = {
    "tianjin": "天津（绩效目标表）",
    "shanghai": "上海（绩效目标申报表）",
    "central": "中央部门（绩效目标申报表）",
    "sichuan": "四川（分栏指标值，带权重）",
}
