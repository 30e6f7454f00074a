"""文档 → 对照上年文档…: last year's 指标值 beside this year's, and the lower targets warned."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from goaleditor.model import edit_rules as rules
from goaleditor.model.document import Indicator
from goaleditor.ui.indicator_model import COL_DISPLAY, COL_LAST_YEAR, COL_VALUE
from goaleditor.ui.last_year_column import NO_MATCH_TIP
from tests.comparison.last_year_example import last_year_example

RULE = "last-year.lower-target"
LAST_YEAR_FILE = "binhai-2025-published.txt"


def _choose(window, path: Path) -> None:
    window.prompts.open_name = lambda *_args: path  # type: ignore[method-assign]
    window.action.last_year.choose_action.trigger()


def _indicator(window, name: str) -> Indicator:
    table = window.current_table()
    return next(i for _, _, i in table.indicator_rows() if i.name == name)


def _cell(window, name: str, role: int = Qt.ItemDataRole.DisplayRole):
    model = window.editor.model
    return model.data(model.index_of(_indicator(window, name), COL_LAST_YEAR), role)


def _warnings(window) -> list[str]:
    return [p.message for p in window.problems.problems if p.rule == RULE]


def test_no_last_year_no_column_and_no_warnings(qtbot, window) -> None:
    view = window.editor.view
    assert view.isColumnHidden(COL_LAST_YEAR)
    assert window.editor.model.headerData(COL_LAST_YEAR, Qt.Orientation.Horizontal) == "上年指标值"
    # placed right after this year's 指标值 as printed, whatever the logical order
    header = view.header()
    assert header.visualIndex(COL_LAST_YEAR) == header.visualIndex(COL_DISPLAY) + 1
    assert _cell(window, "网络覆盖率") is None
    window.problems.recheck()
    assert _warnings(window) == []
    assert not window.action.last_year.drop_action.isEnabled()


def test_choosing_last_year_shows_its_values_and_warns(
    qtbot, window, example_path: Path, tmp_path: Path
) -> None:
    _choose(window, last_year_example(example_path, tmp_path))
    view = window.editor.view
    assert not view.isColumnHidden(COL_LAST_YEAR)
    header = view.header()
    assert header.visualIndex(COL_LAST_YEAR) == header.visualIndex(COL_DISPLAY) + 1
    assert window.statusBar().currentMessage() == f"已对照上年：{LAST_YEAR_FILE}（匹配 54 个指标）"
    assert _cell(window, "网络覆盖率") == "≥90%"  # the same both years
    assert _cell(window, "硬件采购、维护数量") == "≥400次"
    assert _cell(window, "硬件采购、维护数量", Qt.ItemDataRole.ToolTipRole) is None
    assert _cell(window, "维修质量合格率") == "≥95%"
    tip = _cell(window, "维修质量合格率", Qt.ItemDataRole.ToolTipRole)
    assert tip == "上年三级指标：维修质量的合格率"
    index = window.editor.model.index_of(_indicator(window, "网络覆盖率"), COL_LAST_YEAR)
    assert not index.flags() & Qt.ItemFlag.ItemIsEditable  # last year's is read-only
    assert window.editor.model.setData(index, "≥1%") is False
    assert _warnings(window) == [
        "指标值低于上年：≥365次 （上年 ≥400次）",
        "指标值低于上年：≥90% （上年 “维修质量的合格率” ≥95%）",
        "反向指标值高于上年：≤1小时 （上年 ≤0.5小时）",
        "反向指标值高于上年：≤5.5万元 （上年 ≤50000元）",
    ]
    assert window.action.last_year.drop_action.isEnabled()


def test_a_warning_is_in_the_problems_panel_and_goes_to_its_cell(
    qtbot, window, example_path: Path, tmp_path: Path
) -> None:
    _choose(window, last_year_example(example_path, tmp_path))
    panel = window.problems
    row = next(n for n, p in enumerate(panel.problems) if p.rule == RULE)
    item = panel.tree.topLevelItem(row)
    assert [item.text(0), item.text(1), item.text(2)] == [
        "警告",
        "表1 产出指标/数量指标/第2项",
        "指标值低于上年：≥365次 （上年 ≥400次）",
    ]
    window.table_list.setCurrentIndex(window.table_model.index(3))  # somewhere else
    panel.tree.itemActivated.emit(item, 0)
    current = window.editor.view.currentIndex()
    assert window.current_table() is window.document.tables[0]
    assert window.editor.model.node(current) is _indicator(window, "硬件采购、维护数量")
    assert current.column() == COL_VALUE
    assert "警告" in window.problem_summary.text() and "警告 4" in window.problem_summary.text()


def test_this_years_edits_are_followed(qtbot, window, example_path: Path, tmp_path: Path) -> None:
    _choose(window, last_year_example(example_path, tmp_path))
    coverage = _indicator(window, "网络覆盖率")
    window.session.apply(rules.typed_field(coverage, "value", "85")[0])
    window.problems.recheck()
    assert "指标值低于上年：≥85% （上年 ≥90%）" in _warnings(window)
    window.stack.undo()
    window.problems.recheck()
    assert len(_warnings(window)) == 4
    added = Indicator(name="全新的指标", comparator="≥", value="1", unit="个")
    window.session.apply(rules.insert_indicators(coverage, window.current_table(), [added], "插入"))
    window.problems.recheck()
    model = window.editor.model
    index = model.index_of(added, COL_LAST_YEAR)
    assert model.data(index) is None  # nothing matches last year: empty
    assert model.data(index, Qt.ItemDataRole.ToolTipRole) == NO_MATCH_TIP


def test_dropping_last_year_hides_the_column_and_the_warnings(
    qtbot, window, example_path: Path, tmp_path: Path
) -> None:
    _choose(window, last_year_example(example_path, tmp_path))
    assert _warnings(window)
    window.action.last_year.drop_action.trigger()
    assert window.editor.view.isColumnHidden(COL_LAST_YEAR)
    assert _warnings(window) == []
    assert _cell(window, "硬件采购、维护数量") is None
    assert not window.action.last_year.drop_action.isEnabled()
    assert window.statusBar().currentMessage() == f"已取消对照上年文档“{LAST_YEAR_FILE}”"
    assert window.stack.isClean()  # the document itself never changed


def test_last_year_stays_when_the_layout_changes_and_is_not_saved(
    qtbot, window, example_path: Path, tmp_path: Path
) -> None:
    _choose(window, last_year_example(example_path, tmp_path))
    window.session.apply(rules.set_properties(window.document, {"layout": "shanghai"}))
    window.problems.recheck()
    assert not window.editor.view.isColumnHidden(COL_LAST_YEAR)
    saved = tmp_path / "this-year.goals"
    assert window.session.save_to(saved)
    from goaleditor.reading import read_untrusted

    reopened = read_untrusted(saved, lambda _note: None)
    assert reopened.tables[0].project_name == window.document.tables[0].project_name
    assert b"2025" not in saved.read_bytes()  # last year's document is not in the file


def test_an_unreadable_last_year_says_so_and_changes_nothing(qtbot, window, tmp_path: Path) -> None:
    shown: list[str] = []
    window.prompts.error = lambda title, text: shown.append(f"{title}：{text}")  # type: ignore[method-assign]
    _choose(window, tmp_path / "missing.xlsx")
    assert len(shown) == 1 and shown[0].startswith("无法对照上年文档：")
    assert window.editor.view.isColumnHidden(COL_LAST_YEAR)
    assert not window.action.last_year.drop_action.isEnabled()


def test_left_and_right_walk_the_columns_in_the_order_shown(
    qtbot, window, example_path: Path, tmp_path: Path
) -> None:
    from goaleditor.ui.indicator_model import COL_UNIT, COL_WEIGHT

    window.session.apply(rules.set_properties(window.document, {"layout": "sichuan"}))
    _choose(window, last_year_example(example_path, tmp_path))
    view = window.editor.view
    header = view.header()
    shown = [header.logicalIndex(n) for n in range(header.count())]
    shown = [column for column in shown if not view.isColumnHidden(column)]
    assert shown[-3:] == [COL_UNIT, COL_LAST_YEAR, COL_WEIGHT]  # 单位 · 上年指标值 · 权重
    window.editor.select_node(_indicator(window, "网络覆盖率"), COL_UNIT)
    view.setFocus()
    walked = []
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Left, Qt.Key.Key_Left):
        qtbot.keyClick(view, key)
        walked.append(view.currentIndex().column())
    assert walked == [COL_LAST_YEAR, COL_WEIGHT, COL_LAST_YEAR, COL_UNIT]


def test_last_year_stays_chosen_when_another_document_opens(
    qtbot, window, example_path: Path, tmp_path: Path
) -> None:
    old = last_year_example(example_path, tmp_path)
    _choose(window, old)
    assert window.open_path(old, ask=False)  # last year's own file, opened as this year's
    window.problems.recheck()
    assert window.document.tables[0].project_name == "2025年政务服务办运行经费"
    assert not window.editor.view.isColumnHidden(COL_LAST_YEAR)
    assert _cell(window, "硬件采购、维护数量") == "≥400次"  # the document opened now
    assert _warnings(window) == []  # the same targets as last year's
    assert window.action.last_year.drop_action.isEnabled()
