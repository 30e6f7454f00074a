"""Text layers that do not say what the page shows: CJK radicals, glyphs without Unicode."""

from __future__ import annotations

from pathlib import Path

import pytest
import reportlab.rl_config

from goaleditor.errors import InputError
from goaleditor.formats import read_document
from goaleditor.formats.readers.pdf.radicals import ideographs
from tests.fixtures.make_ruled_pdfs import Cell, Page, draw, head_rows, indicator_rows
from tests.helpers import note_lines

INDICATORS = [
    ("产出指标", "数量指标", "一级泵站维护次数", "全年维护长江沿线泵站", "≥12次"),
    ("产出指标", "质量指标", "闸门完好率", "闸门目视检查完好", "≥98%"),
    ("效益指标", "社会效益指标", "排涝能力", "汛期一次排涝到位", "≥95%"),
    ("满意度指标", "服务对象满意度指标", "群众满意度", "沿线居民意见反馈", "≥90%"),
]
PROJECT = "2026年长江沿线泵站闸门维护项目"
GOAL = "保障泵站闸门一年内运行正常。"
# What WebKit writes in the ToUnicode map for these glyphs: Kangxi radicals (一 目) and
# CJK Radicals Supplement forms (长 门 见).
RADICALS = {"一": 0x2F00, "目": 0x2F6C, "长": 0x2ED3, "门": 0x2ED4, "见": 0x2EC5}


def _pages() -> list[Page]:
    page = Page(lines=[f"{PROJECT}绩效目标表", "金额单位：万元"])
    budget = [Cell(0, ["预算数"]), Cell(1, ["36.50"]), Cell(2, ["其中：财政资金"])]
    page.rows = [
        *head_rows(PROJECT, GOAL)[:1],
        [*budget, Cell(3, ["36.50"], span=2)],
        *head_rows(PROJECT, GOAL)[1:],
        *indicator_rows(INDICATORS, page.widths),
    ]
    return [page]


def _draw(path: Path, monkeypatch: pytest.MonkeyPatch, mapping: dict[bytes, bytes]) -> None:
    """Draw the table, then rewrite the (uncompressed) ToUnicode maps byte for byte."""
    monkeypatch.setattr(reportlab.rl_config, "pageCompression", 0)
    draw(path, _pages())
    data = path.read_bytes()
    for old, new in mapping.items():
        assert old in data
        data = data.replace(old, new)
    path.write_bytes(data)


def test_radicals_in_the_text_layer_are_read_as_the_ideographs_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "webkit.pdf"
    mapping = {f"<{ord(k):04X}>".encode(): f"<{v:04X}>".encode() for k, v in RADICALS.items()}
    _draw(path, monkeypatch, mapping)
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        layer = "".join(c["text"] for c in pdf.pages[0].chars)
    assert "项⽬名称" in layer and "⼀级指标" in layer and "⻓江" in layer  # as WebKit writes
    warnings: list[str] = []
    document = read_document(path, note_lines(warnings))
    table = document.tables[0]
    assert (table.project_name, table.goal, str(table.budget_total)) == (PROJECT, GOAL, "36.50")
    assert table.money_unit == "万元"
    assert [
        (l1.name, l2.name, i.name, i.description, i.display)
        for l1 in table.children
        for l2 in l1.children
        for i in l2.children
    ] == INDICATORS
    assert warnings == []


def test_ideographs_maps_both_radical_blocks_and_keeps_other_text() -> None:
    assert ideographs("项⽬⼀级指标⻓⻔⻅（％）ＡＢ①") == "项目一级指标长门见（％）ＡＢ①"


def test_glyphs_without_unicode_are_said_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No ToUnicode map: pdfminer reads (cid:N), pdfium the glyph codes."""
    path = tmp_path / "no-unicode.pdf"
    _draw(path, monkeypatch, {b"/ToUnicode": b"/ToUnicodX"})
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert str(caught.value) == (
        "no-unicode.pdf：PDF中的文字无法提取（字体没有Unicode映射），请向对方索取Excel或Word原件"
    )


def test_some_glyphs_without_unicode_are_said_with_their_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One glyph (维) mapped to a private-use character: the rest is read, the loss said."""
    path = tmp_path / "private-use.pdf"
    _draw(path, monkeypatch, {b"<7EF4>": b"<E001>"})
    warnings: list[str] = []
    document = read_document(path, note_lines(warnings))
    assert document.tables[0].project_name == PROJECT.replace("维", "")
    shown = [f"{PROJECT}绩效目标表", PROJECT, *(text for row in INDICATORS for text in row)]
    lost = sum(text.count("维") for text in shown)
    assert warnings == [f"第1页有{lost}个字无法提取（字体没有Unicode映射），已略去，请核对"]


def test_a_page_without_radicals_or_unmapped_glyphs_is_not_looked_at_char_by_char(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A clean page's text is looked at once, joined, not char by char."""
    from goaleditor.formats.readers.pdf import reader

    looked: list[str] = []

    def counting(text: str) -> bool:
        looked.append(text)
        return False

    monkeypatch.setattr(reader, "is_unmapped", counting)
    path = tmp_path / "clean.pdf"
    draw(path, _pages())
    document = read_document(path)
    assert document.tables[0].project_name == PROJECT
    assert looked == []
    mapping = {f"<{ord(k):04X}>".encode(): f"<{v:04X}>".encode() for k, v in RADICALS.items()}
    _draw(tmp_path / "webkit.pdf", monkeypatch, mapping)
    assert read_document(tmp_path / "webkit.pdf").tables[0].project_name == PROJECT
    assert looked  # a page with radicals is looked at char by char
