"""How a library entry's values seen and sources read in the library dialog."""

from __future__ import annotations

from typing import Any

SOURCES_SHOWN = 2  # sources named in the column; the tooltip names them all


def _number(value: Any) -> str:
    text = format(value, "f") if value is not None else ""
    return text.rstrip("0").rstrip(".") if "." in text else text


def values_text(entry: Any) -> str:
    """'12次 90–95–100 %' : how often it was seen, its min–median–max and the units seen."""
    seen = getattr(entry, "values_seen", None)
    count = getattr(seen, "count", 0) if seen is not None else 0
    if not count:
        return ""
    parts = [f"{count}次"]
    low, middle, high = (getattr(seen, k, None) for k in ("minimum", "median", "maximum"))
    if low is not None and high is not None:
        parts.append("–".join(_number(v) for v in (low, middle, high) if v is not None))
    units = getattr(entry, "units_seen", ()) or ((entry.unit,) if entry.unit else ())
    if units:
        parts.append("、".join(units))
    texts = getattr(seen, "texts", ())
    if texts and low is None:
        parts.append("、".join(texts[:3]))
    return " ".join(parts)


def _source(source: Any) -> str:
    where = source.file.replace("\\", "/").rsplit("/", 1)[-1]
    said = "，".join(x for x in (source.project, str(source.year or "")) if x)
    return f"{where}（{said}）" if said else where


def sources_text(entry: Any, every: bool = False) -> str:
    """Where the entry was seen: the first few (or every) file with project and year."""
    sources = list(getattr(entry, "sources", ()) or ())
    if not sources:
        return {"builtin": "内置", "bureau": "单位指标库"}.get(getattr(entry, "origin", ""), "")
    named = [_source(s) for s in (sources if every else sources[:SOURCES_SHOWN])]
    more = len(sources) - len(named)
    return "；".join(named) + (f" 等{len(sources)}处" if more > 0 else "")


def entry_columns(entry: Any) -> tuple[str, str]:
    """The dialog's 取值 and 来源 columns for an entry."""
    return values_text(entry), sources_text(entry)
