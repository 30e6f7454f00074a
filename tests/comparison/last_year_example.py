"""Last year's version of the bundled example, as last year's publication would print it."""

from __future__ import annotations

from pathlib import Path

# (this year's text, last year's): three targets were higher last year (a 反向 one lower,
# one kept in 万元 then), and 维修质量合格率 was named 维修质量的合格率.
EDITS = (
    ("\t≥365次\n", "\t≥400次\n"),
    ("\t≤1小时\n", "\t≤0.5小时\n"),
    ("\t≤5.5万元\n", "\t≤50000元\n"),
    (
        "\t维修质量合格率\n\t维修质量合格率\n\t≥90%\n",
        "\t维修质量的合格率\n\t维修质量合格率\n\t≥95%\n",
    ),
)


def last_year_example(example_path: Path, folder: Path) -> Path:
    """The example as its 2025 edition: every 2026 read 2025, and the edits above."""
    text = example_path.read_text(encoding="utf-8").replace("2026", "2025")
    for this_year, last_year in EDITS:
        assert text.count(this_year) == 1, this_year
        text = text.replace(this_year, last_year)
    written = folder / "binhai-2025-published.txt"
    written.write_text(text, encoding="utf-8")
    return written
