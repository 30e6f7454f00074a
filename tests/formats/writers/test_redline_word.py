"""The Word redline: tracked changes (w:ins, w:del, inserted and deleted rows) that accept
into the new document and reject into the old one."""

from __future__ import annotations

import copy
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from goaleditor.compare import compare_documents
from goaleditor.formats.writers import word
from goaleditor.formats.writers.redline_word import AUTHOR, write_redline
from goaleditor.model.document import Document, Indicator
from tests.comparison.builders import document, indicator

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}


def _body(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read("word/document.xml")).find(f"{W}body")


def _revised() -> tuple[Document, Document]:
    """The first table revised: a value raised, an indicator renamed, one removed, one added,
    a header field changed; the second table removed and a new one added after the third."""
    old = document("运行保障项目", "旧项目", "其他项目")
    new = document("运行保障项目", "其他项目", "新项目")
    first = new.tables[0]
    indicator(new, 0, "维修次数").value = "366"
    indicator(new, 0, "验收合格率").name = "日常维修的验收合格率"
    first.budget_total = Decimal("6500000.00")
    served = indicator(new, 0, "服务人数")
    group = served.parent
    assert group is not None
    group.children.remove(served)
    quality = indicator(new, 0, "日常维修的验收合格率").parent
    assert quality is not None
    added = Indicator("返修率", "返修率的描述", "≤", "2", "%")
    added.parent = quality
    quality.children.append(added)
    return old, new


def _cell_texts(body: etree._Element, keep: str) -> list[list[str]]:
    """Each table row's cell texts once every change is accepted (keep="ins") or rejected;
    a merged cell's text on each row it spans."""
    body = copy.deepcopy(body)
    drop = "del" if keep == "ins" else "ins"
    for row in body.iter(f"{W}tr"):
        if row.find(f"{W}trPr/{W}{drop}") is not None:
            row.getparent().remove(row)
    for gone in list(body.iter(f"{W}{drop}")):
        if gone.getparent().tag != f"{W}trPr":
            gone.getparent().remove(gone)
    rows = []
    above: dict[int, str] = {}  # a merged cell's text, by its first grid column
    for row in body.iter(f"{W}tr"):
        cells, column = [], 0
        for cell in row.findall(f"{W}tc"):
            texts = cell.xpath(".//w:t/text() | .//w:delText/text()", namespaces=NS)
            merge = cell.find(f"{W}tcPr/{W}vMerge")
            if merge is not None and merge.get(f"{W}val") != "restart":
                text = above.get(column, "")  # a merged cell reads the same on every row
            else:
                text = above[column] = "".join(texts)
            cells.append(text)
            span = cell.find(f"{W}tcPr/{W}gridSpan")
            column += 1 if span is None else int(span.get(f"{W}val"))
        rows.append(cells)
    return rows


def _export_texts(doc: Document, tmp_path: Path, name: str) -> list[list[str]]:
    out = tmp_path / name
    word.write(doc, out)
    return _cell_texts(_body(out), "ins")


def test_changed_cells_hold_the_old_text_deleted_and_the_new_inserted(tmp_path: Path) -> None:
    old, new = _revised()
    out = tmp_path / "redline.docx"
    write_redline(old, new, compare_documents(old, new), out)
    body = _body(out)
    deleted = body.xpath("//w:del//w:delText/text()", namespaces=NS)
    inserted = body.xpath("//w:ins//w:t/text()", namespaces=NS)
    assert "≥365次" in deleted and "≥366次" in inserted
    assert "验收合格率" in deleted and "日常维修的验收合格率" in inserted
    assert "6300000.00" in deleted and "6500000.00" in inserted
    changes = body.xpath("//w:ins | //w:del", namespaces=NS)
    assert {c.get(f"{W}author") for c in changes} == {AUTHOR}
    assert len({c.get(f"{W}id") for c in changes}) == len(changes)


def test_removed_and_added_indicators_are_deleted_and_inserted_rows_in_place(
    tmp_path: Path,
) -> None:
    old, new = _revised()
    out = tmp_path / "redline.docx"
    write_redline(old, new, compare_documents(old, new), out)
    rows = _body(out).findall(f".//{W}tr")
    marked = [
        (
            mark.tag.removeprefix(W),
            "".join(row.xpath(".//w:t/text() | .//w:delText/text()", namespaces=NS)),
        )
        for row in rows
        for mark in row.findall(f"{W}trPr/*")
        if mark.tag in (f"{W}ins", f"{W}del")
    ]
    # Table 1: the removed row where it stood (after 维修次数), the added one last in 质量指标.
    assert marked[:2] == [
        ("del", "数量指标服务人数服务人数的描述≥40人"),
        ("ins", "质量指标返修率返修率的描述≤2%"),
    ]
    names = [text for _, text in marked]
    first = [text for text in names if text.startswith("项目名称")]
    assert first == ["项目名称2026年旧项目", "项目名称2026年新项目"]
    assert [tag for tag, text in marked if text in first] == ["del", "ins"]
    # (where the removed table stands: rejecting every change gives the old order, below)
    assert all(tag == "del" for tag, text in marked[2 : names.index(first[1])])


def test_accepting_every_change_gives_the_new_document_and_rejecting_the_old(
    tmp_path: Path,
) -> None:
    old, new = _revised()
    out = tmp_path / "redline.docx"
    write_redline(old, new, compare_documents(old, new), out)
    body = _body(out)
    assert _cell_texts(body, "ins") == _export_texts(new, tmp_path, "new.docx")
    assert _cell_texts(body, "del") == _export_texts(old, tmp_path, "old.docx")


def test_the_same_documents_give_a_redline_without_changes(tmp_path: Path) -> None:
    out = tmp_path / "redline.docx"
    same = document("运行保障项目")
    write_redline(same, document("运行保障项目"), compare_documents(same, same), out)
    assert _body(out).xpath("//w:ins | //w:del", namespaces=NS) == []
    assert _cell_texts(_body(out), "ins") == _export_texts(same, tmp_path, "same.docx")


def test_a_project_renamed_in_place_shows_in_its_title_too(tmp_path: Path) -> None:
    old, new = document("甲项目"), document("甲项目")
    new.tables[0].project_name = "2026年乙项目"
    new.agency_name = "另一单位"
    out = tmp_path / "redline.docx"
    write_redline(old, new, compare_documents(old, new), out)
    title, agency = _body(out).findall(f"{W}p")[:2]
    assert (
        "".join(title.xpath(".//w:del//w:delText/text()", namespaces=NS))
        == "1.2026年甲项目绩效目标表"
    )
    assert "".join(title.xpath(".//w:ins//w:t/text()", namespaces=NS)) == "1.2026年乙项目绩效目标表"
    assert "某某单位" in "".join(agency.xpath(".//w:del//w:delText/text()", namespaces=NS))
    assert "另一单位" in "".join(agency.xpath(".//w:ins//w:t/text()", namespaces=NS))


@pytest.mark.parametrize("merge_level2", [False, True])
def test_changes_at_the_edges_of_merged_groups_accept_and_reject_whole(
    tmp_path: Path, merge_level2: bool
) -> None:
    old, new = document("运行保障项目"), document("运行保障项目")
    old.merge_level2 = new.merge_level2 = merge_level2
    first = new.tables[0]
    output, benefit, satisfaction = first.children
    output.children[0].children.pop(0)  # 维修次数: the first row of 产出指标
    output.children.pop(1)  # the whole 质量指标
    benefit.name = "效益"
    added = Indicator("投诉率", "投诉率的描述", "≤", "1", "%")
    added.parent = satisfaction.children[0]
    satisfaction.children[0].children.insert(0, added)  # before the group's first row
    out = tmp_path / "redline.docx"
    write_redline(old, new, compare_documents(old, new), out)
    body = _body(out)
    assert _cell_texts(body, "ins") == _export_texts(new, tmp_path, "new.docx")
    assert _cell_texts(body, "del") == _export_texts(old, tmp_path, "old.docx")


@pytest.mark.parametrize("merge_level2", [False, True])
def test_a_renamed_group_led_by_a_deleted_row_rejects_into_its_old_name(
    tmp_path: Path, merge_level2: bool
) -> None:
    old, new = document("运行保障项目"), document("运行保障项目")
    old.merge_level2 = new.merge_level2 = merge_level2
    output = new.tables[0].children[0]
    output.children[0].children.pop(0)  # 维修次数: the first row of 产出指标 and 数量指标
    output.name = "产出"
    output.children[0].name = "数量"
    out = tmp_path / "redline.docx"
    write_redline(old, new, compare_documents(old, new), out)
    body = _body(out)
    assert _cell_texts(body, "ins") == _export_texts(new, tmp_path, "new.docx")
    assert _cell_texts(body, "del") == _export_texts(old, tmp_path, "old.docx")


def test_a_moved_group_is_deleted_where_it_stood_and_inserted_where_it_stands(
    tmp_path: Path,
) -> None:
    old, new = document("运行保障项目"), document("运行保障项目")
    output = new.tables[0].children[0]
    output.children.reverse()  # 时效指标, 质量指标, 数量指标
    comparison = compare_documents(old, new)
    assert any(c.kind == "moved" and c.level == "level2" for c in comparison.changes)
    out = tmp_path / "redline.docx"
    write_redline(old, new, comparison, out)
    body = _body(out)
    marked = [row.find(f"{W}trPr/{W}del") is not None for row in body.iter(f"{W}tr")]
    assert any(marked)
    assert _cell_texts(body, "ins") == _export_texts(new, tmp_path, "new.docx")
    assert _cell_texts(body, "del") == _export_texts(old, tmp_path, "old.docx")


def test_a_moved_table_is_deleted_where_it_stood_and_inserted_where_it_stands(
    tmp_path: Path,
) -> None:
    old, new = document("甲", "乙", "丙"), document("丙", "甲", "乙")
    out = tmp_path / "redline.docx"
    write_redline(old, new, compare_documents(old, new), out)
    body = _body(out)
    assert _cell_texts(body, "ins") == _export_texts(new, tmp_path, "new.docx")
    assert _cell_texts(body, "del") == _export_texts(old, tmp_path, "old.docx")
