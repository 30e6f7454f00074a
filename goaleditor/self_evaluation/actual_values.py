"""实际完成值 as the clerk writes it (12个, 99.5%, 1.2万元, ≥98%, 约95%, 100%（已完成）), read
as a number in the unit of the indicator's target, or the Chinese reason it cannot be.

The number, its comparator and unit are read by model/values.py's 指标值 parser (signs and
words: ≥98%, 98%以上); this module only peels what clerks put around a result (约, 左右, 完成,
a trailing remark in parentheses), compares the units and converts a multiplied unit (万元 ↔
元, 万人 ↔ 人). Everything is string slicing or the values module's patterns (no nested
quantifiers), and a text longer than a value can be is refused before any pattern runs.
A 定性 indicator's result is text, not read here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from goaleditor.model.values import QUALITATIVE, normalize_number, read_written

# Words before a result that say nothing about its size: 约95%, 已完成12个, 共3次.
_APPROXIMATE_BEFORE = ("大约", "约为", "约")
_APPROXIMATE_AFTER = ("左右",)
_DONE_BEFORE = ("已完成", "完成了", "完成", "达到", "实现", "共计", "共")
_SAME_SYMBOL = str.maketrans({"％": "%", "﹪": "%"})
# Spellings of one unit: the value is the same, only the writing differs.
_UNIT_SPELLINGS = {
    "㎡": "平方米",
    "m²": "平方米",
    "m2": "平方米",
    "平米": "平方米",
    "公里": "千米",  # 千米 then converts to 米 by its multiplier
    "km": "千米",
    "公斤": "千克",
    "kg": "千克",
    "日": "天",
    "h": "小时",
}
# Multipliers written before a unit: 1.2万元 is 12000 元, 3千人 is 3000 人, 1.5亿 is 150000000.
_MULTIPLIERS = {"千万": Decimal(10**7), "百万": Decimal(10**6), "亿": Decimal(10**8)}
_MULTIPLIERS |= {"万": Decimal(10**4), "千": Decimal(10**3)}
_LONGEST_TEXT = 200  # a result longer than this is a sentence, not a value


@dataclass(frozen=True, slots=True)
class ActualValue:
    """A 实际完成值 read: the number in the target's unit, or the reason there is none.

    `note` says what the reading assumed (a converted unit, a dropped 约 or remark); it is
    empty when the text was a plain number with the target's unit.
    """

    value: Decimal | None
    reason: str = ""
    note: str = ""

    @property
    def missing(self) -> bool:
        """True when nothing was written."""
        return self.value is None and not self.reason


def _canonical_unit(unit: str) -> str:
    stripped = unit.strip().translate(_SAME_SYMBOL)
    return _UNIT_SPELLINGS.get(stripped, _UNIT_SPELLINGS.get(stripped.lower(), stripped))


def _peel(text: str, words: tuple[str, ...], *, front: bool) -> tuple[str, str]:
    """text without the first of words at its front (or end), and the word peeled."""
    for word in words:
        if front and text.startswith(word):
            return text[len(word) :].lstrip(), word
        if not front and text.endswith(word):
            return text[: -len(word)].rstrip(), word
    return text, ""


def _scaled(unit: str) -> tuple[Decimal, str]:
    """A unit split into its multiplier and base: 万元 → (10000, 元), 个 → (1, 个)."""
    for prefix, factor in _MULTIPLIERS.items():
        if unit.startswith(prefix):
            return factor, unit[len(prefix) :]
    return Decimal(1), unit


def _trailing_remark(text: str) -> tuple[str, str]:
    """text without a remark in parentheses at its end (100%（已完成）), and the remark."""
    if not text.endswith((")", "）")):
        return text, ""
    opening = max(text.rfind("("), text.rfind("（"))
    if opening <= 0:
        return text, ""
    return text[:opening].rstrip(), text[opening:]


def _plain(number: Decimal) -> str:
    """A Decimal written without exponent or trailing zeros (12000, 1.2, 0.5)."""
    text = format(number.normalize(), "f")
    return text if text != "-0" else "0"


def read_actual(text: str, unit: str) -> ActualValue:
    """Read 实际完成值 text against the target's unit: the number, or why it cannot be scored."""
    written = text.strip()
    if not written:
        return ActualValue(None)
    if len(written) > _LONGEST_TEXT:
        return ActualValue(None, "实际完成值是一段文字，不是数值，无法计分")
    core = normalize_number(written)
    notes: list[str] = []
    core, approximate = _peel(core, _APPROXIMATE_BEFORE, front=True)
    if not approximate:
        core, approximate = _peel(core, _APPROXIMATE_AFTER, front=False)
    core, _done = _peel(core, _DONE_BEFORE, front=True)
    if approximate:
        notes.append(f"“{approximate}”已略去")
    first = _read_number(written, core, unit, notes)
    if first.value is not None:
        return first
    without, remark = _trailing_remark(core)
    if remark:  # 100%（已完成）: read without the remark
        second = _read_number(written, without, unit, [*notes, f"括号内的说明“{remark}”未计入"])
        if second.value is not None:
            return second
    return first


def _read_number(written: str, core: str, target_unit: str, notes: list[str]) -> ActualValue:
    """core read as a number in the target's unit, or the reason it is not one."""
    parsed, _worded = read_written(core)
    if parsed.comparator == QUALITATIVE:
        return ActualValue(None, f"实际完成值“{written}”不是数值，无法计分")
    try:
        number = Decimal(parsed.value)
    except InvalidOperation:  # pragma: no cover - the parser admits only decimals
        return ActualValue(None, f"实际完成值“{written}”不是数值，无法计分")
    said = [*notes]
    if parsed.comparator != "=":
        said.append(f"比较符号“{parsed.comparator}”已略去")
    return _in_target_unit(written, number, parsed.unit, target_unit, said)


def _in_target_unit(
    written: str, number: Decimal, own_unit: str, target_unit: str, notes: list[str]
) -> ActualValue:
    """The number converted from its own unit to the target's, or the mismatch said."""
    own, target = _canonical_unit(own_unit), _canonical_unit(target_unit)
    value = number
    if own and own != target:
        (own_factor, own_base), (target_factor, target_base) = _scaled(own), _scaled(target)
        if not own_base:  # 1.5万 of a target in 人: the multiplier alone, of the target's unit
            own_base = target_base
        if own_base != target_base:
            if target:
                return ActualValue(
                    None,
                    f"实际完成值的单位“{own_unit}”与指标值的单位“{target_unit}”不同，无法计分",
                )
            notes.append(f"指标值未写单位，单位“{own_unit}”未核对")
        else:
            value = number * own_factor / target_factor
            notes.append(f"由{own}换算为{target}" if target else f"“{own}”已乘入数值")
    note = f"实际完成值“{written}”按{_plain(value)}{target}计：" + "，".join(notes)
    return ActualValue(value, "", note if notes else "")
