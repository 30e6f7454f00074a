"""A library entry shaped like the budget system's: where it belongs, what it measures."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from goaleditor.model.document import Indicator

# Where an entry comes from; a bureau's and the built-in ones are read-only to the clerk.
ORIGINS = ("builtin", "bureau", "personal", "harvest")


@dataclass(frozen=True, slots=True)
class Source:
    """One place an indicator was seen: the file, the project and its year."""

    file: str = ""
    project: str = ""
    year: int | None = None


@dataclass(frozen=True, slots=True)
class ValuesSeen:
    """The 指标值 an indicator was given where it was seen: how many, and their range."""

    count: int = 0
    minimum: Decimal | None = None
    median: Decimal | None = None
    maximum: Decimal | None = None
    texts: tuple[str, ...] = ()  # the 定性 values and any value that is no number, as written


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """One indicator of the library: 资金用途 → 一级 → 二级 → 三级, with its unit and values seen.

    name is the 三级指标; comparator and unit are the typical ones (the most seen); the
    comparators and units seen are kept beside them. keywords hold other spellings merged
    into this entry and words a search should find it by.
    """

    level2: str
    name: str
    description: str = ""  # 指标解释 (or the 绩效指标描述 template)
    comparator: str = ""
    unit: str = ""
    level1: str = ""
    fund_use: str = ""  # 资金用途 / 项目类型
    function_class: str = ""  # 功能分类, where known
    nature: str = ""  # 指标性质: 定量 / 定性 (or the system's 正向 / 反向 wording, as given)
    reference_value: str = ""  # 参考值
    comparators_seen: tuple[str, ...] = ()
    units_seen: tuple[str, ...] = ()
    values_seen: ValuesSeen = field(default_factory=ValuesSeen)
    sources: tuple[Source, ...] = ()
    keywords: tuple[str, ...] = ()
    origin: str = "personal"
    hidden: bool = False

    @property
    def key(self) -> tuple[str, str, str]:
        """What makes an entry distinct: its 一级, 二级 and 三级 (资金用途 groups, not keys)."""
        return (self.level1, self.level2, self.name)

    def indicator(self) -> Indicator:
        """A new indicator from this entry (the value is the clerk's to fill in)."""
        return Indicator(self.name, self.description, self.comparator, "", self.unit)

    def with_changes(self, **changes: object) -> LibraryEntry:
        """A copy with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]
