"""指标值 parsing and formatting: comparator + value + unit, or 定性 free text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

QUALITATIVE = "定性"
QUANTITATIVE_COMPARATORS: tuple[str, ...] = ("≥", "≤", "=", ">", "<")
COMPARATORS: tuple[str, ...] = (*QUANTITATIVE_COMPARATORS, QUALITATIVE)

# Every spelling seen in templates, longest first so that ">=" wins over ">".
_COMPARATOR_SPELLINGS: dict[str, str] = {
    "＞＝": "≥",
    ">＝": "≥",
    "＞=": "≥",
    ">=": "≥",
    "=>": "≥",
    "≥": "≥",
    "≧": "≥",
    "⩾": "≥",
    "＜＝": "≤",
    "<＝": "≤",
    "＜=": "≤",
    "<=": "≤",
    "=<": "≤",
    "≤": "≤",
    "≦": "≤",
    "⩽": "≤",
    "＝＝": "=",
    "==": "=",
    "＝": "=",
    "=": "=",
    "＞": ">",
    ">": ">",
    "＜": "<",
    "<": "<",
}
_SPELLINGS_LONGEST_FIRST = sorted(_COMPARATOR_SPELLINGS, key=len, reverse=True)
_COMPARATOR_RE = "|".join(re.escape(s) for s in _SPELLINGS_LONGEST_FIRST)
_NUMBER_RE = r"[+-]?(?:\d+(?:\.\d+)?|\.\d+)"
# 1,200 or 55,853.63: thousands grouping as Excel and WPS print it; read without the commas.
_GROUPED_NUMBER_RE = r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?"
# A unit has no digits, no whitespace and no sentence punctuation, and is short.
_UNIT_RE = r"[^\d\s，。；;：:,、！？!?（）()]{0,12}"
# Shanghai's tables print the unit in parentheses: =100.00(%).
_QUANTITATIVE_RE = re.compile(
    rf"^\s*(?P<cmp>{_COMPARATOR_RE})?\s*(?P<num>{_GROUPED_NUMBER_RE}|{_NUMBER_RE})\s*"
    rf"(?:[(（]\s*(?P<punit>{_UNIT_RE})\s*[)）]|(?P<unit>{_UNIT_RE}))\s*$"
)
# A comparator as clerks write it in words: before the number (不低于95%) or after the unit
# (98%以上). 以上/以下 include the number, as in law and statistics.
WORDS_BEFORE: dict[str, str] = {
    "大于或等于": "≥",
    "小于或等于": "≤",
    "大于等于": "≥",
    "小于等于": "≤",
    "不低于": "≥",
    "不少于": "≥",
    "不小于": "≥",
    "不超过": "≤",
    "不高于": "≤",
    "不大于": "≤",
    "不多于": "≤",
    "低于": "<",
    "小于": "<",
    "少于": "<",
    "高于": ">",
    "大于": ">",
    "超过": ">",
}
WORDS_AFTER: dict[str, str] = {
    "及以上": "≥",
    "或以上": "≥",
    "以上": "≥",
    "及以下": "≤",
    "或以下": "≤",
    "以下": "≤",
    "以内": "≤",
}
_BEFORE_RE = "|".join(sorted(WORDS_BEFORE, key=len, reverse=True))
_AFTER_RE = "|".join(sorted(WORDS_AFTER, key=len, reverse=True))
# The unit is the shortest that leaves a word after it: 98%以上 is 98, %, 以上.
_WORDED_RE = re.compile(
    rf"^\s*(?:(?P<cmp>{_COMPARATOR_RE})|(?P<before>{_BEFORE_RE}))?\s*"
    rf"(?P<num>{_GROUPED_NUMBER_RE}|{_NUMBER_RE})\s*"
    rf"(?:[(（]\s*(?P<punit>{_UNIT_RE}?)\s*[)）]|(?P<unit>{_UNIT_RE}?))\s*"
    rf"(?P<after>{_AFTER_RE})?\s*$"
)
# A unit never ends in a comparator word: 98%以上 is not 98 of the unit “%以上”.
_UNIT_WITH_WORD_RE = re.compile(rf"(?:{_AFTER_RE})$")
_DECIMAL_RE = re.compile(rf"^{_NUMBER_RE}$")
# Full-width digits and point are common when typed with a Chinese IME.
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")
# Units that are the same symbol in another width: one spelling, so ≥95％ and ≥95% agree.
_SAME_SYMBOL_UNITS = str.maketrans({"％": "%", "﹪": "%"})


@dataclass(frozen=True, slots=True)
class TargetValue:
    """One 指标值: comparator (≥ ≤ = > < or 定性), value text and unit."""

    comparator: str
    value: str
    unit: str

    def display(self) -> str:
        """The printed 指标值: comparator + value + unit, with = and 定性 not printed."""
        return format_display(self.comparator, self.value, self.unit)


def normalize_comparator(text: str) -> str | None:
    """Map any accepted spelling of a comparator to its canonical form, or None."""
    stripped = text.strip()
    if stripped == QUALITATIVE:
        return QUALITATIVE
    return _COMPARATOR_SPELLINGS.get(stripped)


def word_comparator(text: str) -> str | None:
    """The comparator a word alone says (不低于, 以上: ≥; 等于: =), or None."""
    stripped = text.strip()
    if stripped == "等于":
        return "="
    return WORDS_BEFORE.get(stripped) or WORDS_AFTER.get(stripped)


def is_decimal_text(text: str) -> bool:
    """True when text is a plain decimal number such as 365, 0.6 or -2.5."""
    return bool(_DECIMAL_RE.match(text.strip()))


def normalize_number(text: str) -> str:
    """Turn full-width digits into ASCII and strip blanks; the text is otherwise kept."""
    return text.strip().translate(_FULLWIDTH_DIGITS)


def parse_target(text: str) -> TargetValue:
    """Parse a printed 指标值 into comparator, value and unit; anything else is 定性."""
    normalized = text.translate(_FULLWIDTH_DIGITS)
    match = _QUANTITATIVE_RE.match(normalized)
    unit = "" if match is None else _unit_of(match)
    if match is None or _UNIT_WITH_WORD_RE.search(unit):
        return TargetValue(QUALITATIVE, text.strip(), "")
    spelling = match.group("cmp")
    comparator = _COMPARATOR_SPELLINGS[spelling] if spelling else "="
    return TargetValue(comparator, match.group("num").replace(",", ""), unit)


def bare_comparator(text: str) -> TargetValue | None:
    """A printed 指标值 that is a comparator sign alone (≥, >=): a quantity whose value is
    missing, as format_display prints it; else None."""
    stripped = text.strip()
    comparator = normalize_comparator(stripped) if _SIGN_ONLY_RE.match(stripped) else None
    if comparator is None or comparator == QUALITATIVE:
        return None
    return TargetValue(comparator, "", "")


_SIGN_ONLY_RE = re.compile(r"^[<>=≥≤≧≦＞＜＝]{1,2}$")


def _unit_of(match: re.Match[str]) -> str:
    unit = match.group("punit") if match.group("punit") is not None else match.group("unit")
    return unit.translate(_SAME_SYMBOL_UNITS)


def parse_worded(text: str) -> TargetValue | None:
    """The whole text as a comparator in words + number + unit (98%以上 → ≥98%, 不超过30万元
    → ≤30万元), else None. A sentence holding such words (审减率3.5%以上) is no such text."""
    match = _WORDED_RE.match(text.translate(_FULLWIDTH_DIGITS))
    if match is None or not (match.group("before") or match.group("after")):
        return None
    said = {
        _COMPARATOR_SPELLINGS[cmp] if (cmp := match.group("cmp")) else "",
        WORDS_BEFORE.get(match.group("before") or "", ""),
        WORDS_AFTER.get(match.group("after") or "", ""),
    } - {""}
    if len(said) != 1:  # ≤95%以上: the words and the sign disagree
        return None
    unit = _unit_of(match)
    if _UNIT_WITH_WORD_RE.search(unit):
        return None
    return TargetValue(said.pop(), match.group("num").replace(",", ""), unit)


def read_written(text: str) -> tuple[TargetValue, bool]:
    """A 指标值 as a clerk writes it, in signs (≥98%) or in words (98%以上); True when it was
    read from words, which the caller says once."""
    worded = parse_worded(text)
    return (worded, True) if worded is not None else (parse_target(text), False)


def worded_note(examples: list[tuple[str, TargetValue]]) -> str:
    """The one line saying that 指标值 written in words were read as comparator + value + unit."""
    if not examples:
        return ""
    written, target = examples[0]
    some = f"{len(examples)}个指标值" if len(examples) > 1 else "指标值"
    return f"{some}的比较词按符号读取（如“{written}”读作“{target.display()}”）"


_PARENTHESIZED_RE = re.compile(
    rf"^\s*(?P<cmp>{_COMPARATOR_RE})\s*(?P<num>{_GROUPED_NUMBER_RE}|{_NUMBER_RE})\s*"
    rf"(?:[(（]\s*(?P<punit>{_UNIT_RE})\s*[)）])?\s*$"
)


def parse_parenthesized(text: str) -> TargetValue:
    """A 指标值 of a form that prints every quantity with its comparator and the unit in
    parentheses (Shanghai: =100.00(%), ≥3.00): anything else is 定性, kept as written."""
    match = _PARENTHESIZED_RE.match(text.translate(_FULLWIDTH_DIGITS))
    unit = ((match.group("punit") if match else "") or "").translate(_SAME_SYMBOL_UNITS)
    if match is None or _UNIT_WITH_WORD_RE.search(unit):
        return TargetValue(QUALITATIVE, text.strip(), "")
    comparator = _COMPARATOR_SPELLINGS[match.group("cmp")]
    return TargetValue(comparator, match.group("num").replace(",", ""), unit)


def format_display(comparator: str, value: str, unit: str) -> str:
    """Compose the printed 指标值 from its three parts; a quantity with no value prints its
    comparator alone (its unit alone, 平方米, would read back as a 定性 value: the gap hidden)."""
    if comparator == QUALITATIVE:
        return value
    shown = "" if comparator == "=" else comparator
    return f"{shown}{value}{unit}" if value.strip() else shown


def decimal_value(text: str) -> Decimal | None:
    """The value as a Decimal when it is a plain number, else None."""
    cleaned = normalize_number(text)
    if not is_decimal_text(cleaned):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
        return None


# --- what the clerk typed into one of the three cells ------------------------------------


@dataclass(frozen=True, slots=True)
class TypedValue:
    """A cell's text read as a 指标值, with a note when the reading had to guess."""

    target: TargetValue
    note: str = ""


def _has_comparator(text: str) -> bool:
    stripped = text.strip().translate(_FULLWIDTH_DIGITS)
    return any(stripped.startswith(s) for s in _SPELLINGS_LONGEST_FIRST)


def read_value_text(text: str, current: TargetValue) -> TypedValue:
    """What typing text into the 指标值 cell means, read as it prints (≥4期, 90%, 有效提升).

    What the text leaves out is kept from the current value: a bare number keeps the
    comparator and unit; a number with a unit but no comparator keeps a quantitative
    comparator (and says so). Text that is not comparator + number + unit is 定性.
    """
    stripped = text.strip()
    quantitative = current.comparator != QUALITATIVE
    if not stripped:
        return TypedValue(TargetValue(current.comparator, "", current.unit))
    worded = parse_worded(stripped)
    if worded is not None:  # 98%以上: the words say the comparator
        return TypedValue(worded, f"指标值“{stripped}”读作“{worded.display()}”")
    parsed = parse_target(stripped)
    if parsed.comparator == QUALITATIVE:
        note = f"“{stripped}”不是数字，已作为定性指标值" if quantitative else ""
        return TypedValue(TargetValue(QUALITATIVE, stripped, ""), note)
    explicit = _has_comparator(stripped)
    comparator = parsed.comparator if explicit or not quantitative else current.comparator
    unit = parsed.unit or current.unit
    target = TargetValue(comparator, parsed.value, unit)
    notes = []
    if not explicit and quantitative and comparator != "=" and parsed.unit:
        notes.append(f"未写比较符号，沿用“{comparator}”（要“=”请输入 ={parsed.value}{unit}）")
    if not quantitative:
        notes.append("已改为定量指标" + ("" if unit else "，请填写单位"))
    note = "；".join(notes)
    return TypedValue(target, f"指标值 {target.display()}：{note}" if note else "")


def read_comparator_text(text: str, current: TargetValue) -> TypedValue:
    """Typing into the 指标性质 cell: a comparator (>=, ＞＝, 定性, 定), else a whole 指标值."""
    comparator = normalize_comparator(text) or word_comparator(text)
    if comparator is None and text.strip() == QUALITATIVE[0]:
        comparator = QUALITATIVE  # the first key of 定性, as a drop-down's typing picks it
    if comparator is not None or not text.strip():
        chosen = comparator or current.comparator
        return TypedValue(TargetValue(chosen, current.value, current.unit))
    return _whole_value(text, current)


def read_unit_text(text: str, current: TargetValue) -> TypedValue:
    """Typing into the 单位 cell: a unit, or a whole 指标值 when it holds a number (≥4期)."""
    stripped = text.strip()
    if any(ch.isdigit() for ch in stripped):
        if parse_worded(stripped) is not None:
            return _whole_value(stripped, current)
        parsed = parse_target(stripped)
        if parsed.comparator != QUALITATIVE and (parsed.unit or _has_comparator(stripped)):
            return _whole_value(stripped, current)
    return TypedValue(TargetValue(current.comparator, current.value, stripped))


def _whole_value(text: str, current: TargetValue) -> TypedValue:
    """A whole 指标值 typed into the comparator or unit cell: read, and said so."""
    typed = read_value_text(text, current)
    return TypedValue(typed.target, typed.note or f"已按指标值读取：{typed.target.display()}")
