"""One indicator row's cells (指标性质, 指标值, 单位 and the rest) read into an Indicator."""

from __future__ import annotations

import re
from collections.abc import Callable

from goaleditor.formats.readers.tables.columns import label
from goaleditor.model.document import Indicator
from goaleditor.model.layouts import PROFILES
from goaleditor.model.values import QUALITATIVE, TargetValue, normalize_comparator, parse_target

_LEADING_COMPARATOR = re.compile(r"^\s*(?:>=|<=|[≥≤=＝<>＜＞≧≦])")
_WORDS = {"定性指标": QUALITATIVE, "等于": "=", "大于等于": "≥", "小于等于": "≤"}
_WORDS |= {"大于": ">", "小于": "<", "不低于": "≥", "不高于": "≤", "不超过": "≤", "不少于": "≥"}
_DIRECTIONS = {"正向": "≥", "正向指标": "≥", "反向": "≤", "反向指标": "≤"}


def read_indicator(get: Callable[[str], str], split: bool, say: Callable[[str], None]) -> Indicator:
    """The indicator of one row (get(field) gives a cell's text); split: the sheet has a
    separate 指标性质 column. What had to be decided is said through say."""
    value, unit = get("value"), get("unit")
    comparator = _comparator(label(get("comparator")), say) if split else None
    shown = f"{value}{'' if value.endswith(unit) else unit}"
    if comparator == QUALITATIVE:
        target = TargetValue(QUALITATIVE, shown, "")
    elif not value and comparator:  # a 指标值 left blank (or a formula without result)
        target = TargetValue(comparator, "", unit)
    else:  # the three columns, or one cell such as ≥40个 or =100.00(%), as one 指标值
        target = _read_display(shown)
        if comparator and target.comparator == QUALITATIVE:
            say(f"指标性质“{comparator}”与指标值“{shown}”不相符，按定性指标读取")
        elif comparator and _LEADING_COMPARATOR.match(shown):
            if target.comparator != comparator:
                say(f"指标性质“{comparator}”与指标值“{shown}”不一致，按指标值读取")
        elif comparator:
            target = TargetValue(comparator, target.value, target.unit)
    indicator = Indicator(
        get("name"), get("description"), target.comparator, target.value, target.unit
    )
    for name in ("weight", "explanation", "standard", "remark"):
        setattr(indicator, name, get(name))
    return indicator


def _comparator(written: str, say: Callable[[str], None]) -> str | None:
    """The comparator a 指标性质/指标方向 cell gives (None: the 指标值 says it)."""
    if not written or written in ("定量", "定量指标"):
        return None
    if found := normalize_comparator(written) or _WORDS.get(written):
        return found
    if direction := _DIRECTIONS.get(written):
        say(f"指标方向“{written}”按“{direction}”读取")
        return direction
    say(f"指标性质“{written}”不认识，按指标值读取")
    return None


def _read_display(shown: str) -> TargetValue:
    """One 指标值 cell as printed in any layout (定性 text kept verbatim)."""
    target = PROFILES["shanghai"].parse_display(shown)
    if target.comparator == QUALITATIVE:
        parsed = parse_target(shown)
        return TargetValue(QUALITATIVE, shown, "") if parsed.comparator == QUALITATIVE else parsed
    return target
