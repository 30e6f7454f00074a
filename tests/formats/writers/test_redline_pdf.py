"""The PDF redline: the new document in the official layout, deleted text red and struck
through, inserted text blue and underlined, removed rows where they stood."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from goaleditor.compare import compare_documents
from goaleditor.formats.exporting import ExportOptions
from goaleditor.formats.layout.grid import LEADING, MARGIN_BOTTOM, PAGE_HEIGHT
from goaleditor.formats.layout.redline_rows import Whole
from goaleditor.formats.registry import read_document
from goaleditor.formats.writers import pdf
from goaleditor.formats.writers.redline_pdf import COLOURS, LEGEND_Y, write_redline_pdf
from goaleditor.model.document import Document, Indicator
from tests.comparison.builders import document, indicator

LEGEND_BOTTOM = PAGE_HEIGHT - LEGEND_Y + 6  # below it, the title and the table
FOOTER_TOP = PAGE_HEIGHT - MARGIN_BOTTOM  # below it, the page number


@dataclass(frozen=True, order=True)
class Word:
    """A printed line of text (a cell line, a title line) on a page, and how it is marked."""

    page: int
    top: float
    x: float
    text: str
    mark: Whole


def _words(path: Path) -> list[Word]:
    """Every word below the legend in reading order, its mark read from its colour and the
    line drawn over it; a coloured word without its line, or a line over a black word, fails
    the test."""
    found = []
    colours = {tuple(colour): mark for mark, colour in COLOURS.items()}
    with pdfplumber.open(path) as document:
        for number, page in enumerate(document.pages, 1):
            lines = [line for line in page.lines if line["top"] > LEGEND_BOTTOM]
            for word in page.extract_words(extra_attrs=["non_stroking_color"]):
                if word["top"] < LEGEND_BOTTOM:
                    continue
                colour = tuple(word["non_stroking_color"])
                mark = colours.get(colour, "" if colour in ((0,), (0, 0, 0)) else "?")
                drawn = _mark_drawn(word, lines)
                assert drawn == mark, f"{word['text']}: colour says {mark!r}, line {drawn!r}"
                found.append(Word(number, round(word["top"], 1), word["x0"], word["text"], mark))
    return sorted(found)


def _mark_drawn(word: dict[str, Any], lines: list[dict[str, Any]]) -> Whole:
    """Which line runs along the word: a strike-through across its middle, an underline at
    its foot (in the word's own colour), or none."""
    height = word["bottom"] - word["top"]
    for line in lines:
        if line["x0"] > word["x0"] + 0.5 or line["x1"] < word["x1"] - 0.5:
            continue
        if tuple(line["stroking_color"]) != tuple(word["non_stroking_color"]):
            continue
        if word["top"] + 0.3 * height < line["top"] < word["bottom"] - 0.25 * height:
            return "del"
        if word["bottom"] - 0.1 * height < line["top"] < word["bottom"] + 0.35 * height:
            return "ins"
    return ""


def _marked(words: list[Word], mark: Whole) -> list[str]:
    return [word.text for word in words if word.mark == mark]


def _example() -> Document:
    return read_document(Path("resources/examples/binhai-2026-published.txt"))


def _revised_example() -> tuple[Document, Document]:
    """The published example and a revision: a 指标值 raised, an indicator renamed, one
    removed, one added, 预算数 raised."""
    old, new = _example(), _example()
    first = new.tables[0]
    rows = [row_indicator for _, _, row_indicator in first.indicator_rows()]
    rows[0].value = "56000"
    rows[2].name = "日常提供服务人数"
    removed = rows[1]
    assert removed.parent is not None
    removed.parent.children.remove(removed)
    quality = rows[4].parent
    assert quality is not None
    added = Indicator("返修率", "维修后返修的比例", "≤", "2", "%")
    added.parent = quality
    quality.children.append(added)
    first.budget_total = Decimal("6500000.00")
    return old, new


def _redline(old: Document, new: Document, tmp_path: Path, name: str = "redline.pdf") -> Path:
    out = tmp_path / name
    write_redline_pdf(old, new, compare_documents(old, new), out, "old.goals", "new.goals")
    return out


def test_changed_cells_show_the_old_text_struck_above_the_new_underlined(tmp_path: Path) -> None:
    words = _words(_redline(*_revised_example(), tmp_path))
    deleted, inserted = _marked(words, "del"), _marked(words, "ins")
    assert "55853.63平方米" in deleted and "56000平方米" in inserted
    assert "提供服务人数" in deleted and "日常提供服务人数" in inserted
    assert "6300000.00" in deleted and "6500000.00" in inserted
    tops = {w.text: w.top for w in words if w.text in ("55853.63平方米", "56000平方米")}
    assert tops["56000平方米"] - tops["55853.63平方米"] == pytest.approx(LEADING)
    # What did not change is printed plain, once.
    assert [w.mark for w in words if w.text == "网络覆盖率"] == ["", ""]


def test_a_removed_indicator_keeps_its_row_where_it_stood_and_an_added_one_is_underlined(
    tmp_path: Path,
) -> None:
    words = _words(_redline(*_revised_example(), tmp_path))
    removed = [w for w in words if w.text.startswith("硬件采购")]
    assert removed and all(w.mark == "del" for w in removed)
    assert [w.mark for w in words if w.text == "≥365次"] == ["del"]
    first_row = next(w for w in words if w.text == "56000平方米")
    renamed = next(w for w in words if w.text == "日常提供服务人数")
    assert first_row.top < removed[0].top < renamed.top  # between its old neighbours
    assert [w.mark for w in words if w.text in ("返修率", "维修后返修的比例", "≤2%")] == [
        "ins",
        "ins",
        "ins",
    ]


def test_the_same_documents_give_the_export_without_a_mark(tmp_path: Path) -> None:
    same = _example()
    out = _redline(same, _example(), tmp_path)
    words = _words(out)
    assert {word.mark for word in words} == {""}
    export = tmp_path / "export.pdf"
    pdf.write(same, export, options=ExportOptions(toc=False))
    with pdfplumber.open(export) as printed:
        expected = sorted(
            (number, round(word["top"], 1), word["x0"], word["text"])
            for number, page in enumerate(printed.pages, 1)
            for word in page.extract_words()
        )
    assert [(w.page, w.top, w.x, w.text) for w in words] == expected


def test_a_removed_table_is_struck_whole_and_an_added_one_underlined(tmp_path: Path) -> None:
    old = document("运行保障项目", "旧项目", "其他项目")
    new = document("运行保障项目", "其他项目", "新项目")
    comparison = compare_documents(old, new)
    assert sorted(c.kind for c in comparison.changes) == ["added", "removed"]
    words = _words(_redline(old, new, tmp_path))
    in_table = [w for w in words if w.top < FOOTER_TOP]  # the page number is plain
    marks = {page: {w.mark for w in in_table if w.page == page} for page in (1, 2, 3, 4)}
    assert marks == {1: {""}, 2: {"del"}, 3: {"", "del", "ins"}, 4: {"ins"}}
    # 其他项目 kept, its number changed with the table removed before it
    assert [(w.mark, w.text) for w in in_table if w.page == 3 and w.mark] == [
        ("del", "3.2026年其他项目绩效目标表"),
        ("ins", "2.2026年其他项目绩效目标表"),
    ]
    for page, title in ((2, "2.2026年旧项目绩效目标表"), (4, "3.2026年新项目绩效目标表")):
        on_page = [w.text for w in words if w.page == page]
        assert title in on_page and "项目名称" in on_page  # the labels are marked too


def test_a_moved_indicator_is_struck_where_it_stood_and_underlined_where_it_stands(
    tmp_path: Path,
) -> None:
    old, new = document("运行保障项目"), document("运行保障项目")
    served = indicator(new, 0, "服务人数")
    assert served.parent is not None
    served.parent.children.remove(served)
    quality = indicator(new, 0, "验收合格率").parent
    assert quality is not None
    served.parent = quality
    quality.children.append(served)
    comparison = compare_documents(old, new)
    assert [c.kind for c in comparison.changes] == ["moved"]
    words = _words(_redline(old, new, tmp_path))
    marks = [(w.mark, w.text) for w in words if w.text == "服务人数"]
    assert marks == [("del", "服务人数"), ("ins", "服务人数")]
    tops = {w.mark: w.top for w in words if w.text == "服务人数"}
    acceptance = next(w.top for w in words if w.text == "验收合格率")
    assert tops["del"] < acceptance < tops["ins"]


@pytest.mark.parametrize("merge_level2", [False, True])
def test_a_merged_group_cell_spans_a_deleted_row_at_its_head(
    tmp_path: Path, merge_level2: bool
) -> None:
    old, new = document("运行保障项目"), document("运行保障项目")
    old.merge_level2 = new.merge_level2 = merge_level2
    output = new.tables[0].children[0]
    output.children[0].children.pop(0)  # 维修次数: the first row of 产出指标 and 数量指标
    output.name = "产出"
    output.children[0].name = "数量"
    words = _words(_redline(old, new, tmp_path))
    assert [(w.mark, w.text) for w in words if w.text.startswith("产出")] == [
        ("del", "产出指标"),
        ("ins", "产出"),
    ]
    level2 = [(w.mark, w.text) for w in words if w.text.startswith("数量")]
    if merge_level2:  # one cell: its old name struck, its new one underlined
        assert level2 == [("del", "数量指标"), ("ins", "数量")]
    else:  # the deleted row's own cell prints the name its group had
        assert level2 == [("del", "数量指标"), ("del", "数量指标"), ("ins", "数量")]
    assert [w.mark for w in words if w.text.startswith("维修次数")] == ["del", "del"]


def test_a_long_changed_text_wraps_and_continues_on_the_next_page(tmp_path: Path) -> None:
    old, new = document("运行保障项目"), document("运行保障项目")
    old.tables[0].goal = "旧目标" * 700
    new.tables[0].goal = "新目标" * 700
    words = _words(_redline(old, new, tmp_path))
    deleted = "".join(w.text for w in words if w.mark == "del")
    inserted = "".join(w.text for w in words if w.mark == "ins")
    assert "旧目标" * 700 in deleted and "新目标" * 700 in inserted
    assert max(w.page for w in words) >= 2
    assert [w.mark for w in words if w.text.startswith("维修次数")] == ["", ""]


def test_a_text_filled_in_is_underlined_alone(tmp_path: Path) -> None:
    old, new = document("运行保障项目"), document("运行保障项目")
    indicator(old, 0, "维修次数").description = ""
    words = _words(_redline(old, new, tmp_path))
    name = next(w for w in words if w.text == "维修次数")
    filled = next(w for w in words if w.text == "维修次数的描述")
    assert (filled.mark, filled.top) == ("ins", name.top)  # no empty struck line above it
    assert _marked(words, "del") == []


def test_user_text_is_printed_as_it_is_never_read_as_markup(tmp_path: Path) -> None:
    old, new = document("运行保障项目"), document("运行保障项目")
    indicator(new, 0, "维修次数").name = "<b>维修</b>&amp;次数"
    words = _words(_redline(old, new, tmp_path))
    assert "".join(_marked(words, "ins")) == "<b>维修</b>&amp;次数"
    assert "".join(_marked(words, "del")) == "维修次数"


def test_the_legend_names_both_files_and_shows_both_marks(tmp_path: Path) -> None:
    out = _redline(*_revised_example(), tmp_path)
    with pdfplumber.open(out) as document_pdf:
        page = document_pdf.pages[0]
        top = [w for w in page.extract_words() if w["top"] < LEGEND_BOTTOM]
        legend_lines = [line for line in page.lines if line["top"] < LEGEND_BOTTOM]
    text = "".join(w["text"] for w in top)
    assert "old.goals" in text and "new.goals" in text
    assert "删除内容" in text and "新增内容" in text
    assert {tuple(line["stroking_color"]) for line in legend_lines} == {
        COLOURS["del"],
        COLOURS["ins"],
    }


def test_the_fonts_are_embedded(tmp_path: Path) -> None:
    out = _redline(*_revised_example(), tmp_path)
    listing = subprocess.run(
        ["pdffonts", str(out)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert listing and all(line.split()[-5] == "yes" for line in listing)
