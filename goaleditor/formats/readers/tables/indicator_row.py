"""One indicator row's cells (指标性质, 指标值, 单位 and the rest) read into an Indicator."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from goaleditor.formats.readers.tables.columns import label
from goaleditor.formats.readers.tables.print_decimals import printed_in_form, qualitative_note
from goaleditor.model.document import Indicator
from goaleditor.model.layouts import ValueStyle
from goaleditor.model.values import (
    QUALITATIVE,
    TargetValue,
    bare_comparator,
    normalize_comparator,
    parse_target,
    parse_worded,
    worded_note,
)

_LEADING_COMPARATOR = re.compile(r"^\s*(?:>=|<=|[≥≤=＝<>＜＞≧≦])")
_WORDS = {"定性指标": QUALITATIVE, "等于": "=", "大于等于": "≥", "小于等于": "≤"}
_WORDS |= {"大于": ">", "小于": "<", "不低于": "≥", "不高于": "≤", "不超过": "≤", "不少于": "≥"}
_DIRECTIONS = {"正向": "≥", "正向指标": "≥", "反向": "≤", "反向指标": "≤"}


@dataclass
class _Pending:
    """A 指标值 that is a quantity read plainly but not in the form its layout prints."""

    indicator: Indicator
    shown: str
    plain: TargetValue
    signed: bool  # written with a comparator sign (≥90%), not as 985米 or in words


@dataclass
class ValueReadings:
    """How the 指标值 cells of one table are read, and what that decided, said once a table.

    style is the layout's printing rule: a form that prints every quantity as =100.00(%)
    (parenthesized) leaves 985米 and 98%以上 定性, as printed. own_print: goaleditor printed
    the table, so its 定性 texts are never words for a comparator.
    """

    style: ValueStyle = "plain"
    own_print: bool = False
    worded: list[tuple[str, TargetValue]] = field(default_factory=list)
    in_form: int = 0
    pending: list[_Pending] = field(default_factory=list)

    def read(self, shown: str, one_cell: bool) -> tuple[TargetValue, TargetValue | None, bool]:
        """One 指标值 (one_cell: printed in one cell, not as 指标性质 | 值 | 单位): its
        reading, the plain quantity it holds when the layout's form keeps it 定性 (else
        None), and whether it was read from words (98%以上)."""
        if (missing := bare_comparator(shown)) is not None:
            return missing, None, False  # ≥ alone: a quantity whose value is missing
        if self.style == "parenthesized" and one_cell:
            target = printed_in_form(shown)
            if target.comparator != QUALITATIVE:
                self.in_form += 1
                return target, None, False
            plain, _ = self._plain(shown)
            return target, (plain if plain.comparator != QUALITATIVE else None), False
        target, worded = self._plain(shown)
        return target, None, worded

    def _plain(self, shown: str) -> tuple[TargetValue, bool]:
        worded = None if self.own_print else parse_worded(shown)
        if worded is not None:
            return worded, True
        target = printed_in_form(shown)  # =100.00(%) in any layout
        if target.comparator == QUALITATIVE:
            parsed = parse_target(shown)  # 定性 text is kept verbatim, spaces included
            target = (
                parsed if parsed.comparator != QUALITATIVE else TargetValue(QUALITATIVE, shown, "")
            )
        return target, False

    def finish(self) -> list[str]:
        """Settle the table's readings; the notes to say once for it."""
        notes: list[str] = []
        signed = any(p.signed for p in self.pending)
        if self.pending and self.in_form == 0 and signed:
            # No value is in the layout's form and some carry a sign: the table was not
            # printed by that rule (typed by hand), so its quantities are read as written.
            for pending in self.pending:
                _set_target(pending.indicator, pending.plain)
                if parse_worded(pending.shown) is not None and not self.own_print:
                    self.worded.append((pending.shown, pending.plain))
        elif self.pending and not self.own_print:
            notes.append(qualitative_note([p.shown for p in self.pending]))
        if self.worded:
            notes.append(worded_note(self.worded))
        return notes


def _set_target(indicator: Indicator, target: TargetValue) -> None:
    indicator.comparator, indicator.value, indicator.unit = (
        target.comparator,
        target.value,
        target.unit,
    )


def read_indicator(
    get: Callable[[str], str],
    split: bool,
    say: Callable[[str], None],
    readings: ValueReadings | None = None,
) -> Indicator:
    """The indicator of one row (get(field) gives a cell's text); split: the sheet has a
    separate 指标性质 column. What had to be decided is said through say, or, for what is
    said once a table, gathered in readings."""
    readings = readings if readings is not None else ValueReadings()
    value, unit = get("value"), get("unit")
    comparator = _comparator(label(get("comparator")), say) if split else None
    shown = f"{value}{'' if value.endswith(unit) else unit}"
    pending: TargetValue | None = None
    if comparator == QUALITATIVE:
        target = TargetValue(QUALITATIVE, shown, "")
    elif not value and comparator:  # a 指标值 left blank (or a formula without result)
        target = TargetValue(comparator, "", unit)
    else:  # the three columns, or one cell such as ≥40个 or =100.00(%), as one 指标值
        # one printed cell, though a merged 指标值 may span a 单位 column that repeats it
        one_cell = not split or (comparator is None and unit in ("", value))
        target, pending, worded = readings.read(shown, one_cell)
        if worded:
            readings.worded.append((shown, target))
        if comparator and target.comparator == QUALITATIVE:
            say(f"指标性质“{comparator}”与指标值“{shown}”不相符，按定性指标读取")
        elif comparator and (worded or _LEADING_COMPARATOR.match(shown)):
            if target.comparator != comparator:
                say(f"指标性质“{comparator}”与指标值“{shown}”不一致，按指标值读取")
        elif comparator:
            target = TargetValue(comparator, target.value, target.unit)
    indicator = Indicator(
        get("name"), get("description"), target.comparator, target.value, target.unit
    )
    if pending is not None:
        signed = bool(_LEADING_COMPARATOR.match(shown))
        readings.pending.append(_Pending(indicator, shown, pending, signed))
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
