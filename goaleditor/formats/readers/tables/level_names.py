"""一级/二级 written another way (一、产出指标, 产出类指标, 1.数量指标) read as framework names."""

from __future__ import annotations

from goaleditor.model.frameworks import canonical_level1, canonical_level2


def canonical_levels(pairs: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], str]:
    """The (一级, 二级) pairs of a table with each unambiguous spelling made the framework's
    name, and one note listing what was renamed ('' when nothing was); the rest as written."""
    renamed: dict[tuple[str, str], str] = {}  # (level, written) → canonical, in order met
    result = []
    for level1, level2 in pairs:
        name1 = canonical_level1(level1) or level1 if level1 else level1
        name2 = canonical_level2(name1, level2) or level2 if level2 else level2
        for level, written, name in (("一级", level1, name1), ("二级", level2, name2)):
            if name != written:
                renamed.setdefault((level, written), name)
        result.append((name1, name2))
    numbered = [(w, n) for (_, w), n in renamed.items() if w.endswith(n)]  # 一、产出指标
    parts = [
        f"{level}“{written}”按“{name}”读取"
        for (level, written), name in renamed.items()
        if not written.endswith(name)
    ]
    if len(numbered) == 1:
        parts.insert(0, f"“{numbered[0][0]}”按“{numbered[0][1]}”读取")
    elif numbered:
        example = "”“".join(w for w, _ in numbered[:2])
        parts.insert(0, f"{len(numbered)}个一级、二级名称前的编号已去掉（如“{example}”）")
    return result, "；".join(parts)
