"""The library in the editor: the dialog's 资金用途 browsing, search and values seen; 建议指标
and its mark; pinyin completion in the 三级 cell."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from goaleditor.library.entries import LibraryEntry, Source, ValuesSeen
from goaleditor.model.frameworks import get_framework
from goaleditor.model.library import LibraryEntry as OldEntry
from goaleditor.ui.indicator_model import COL_NAME
from goaleditor.ui.library_dialog import ALL_FUND_USES, LibraryDialog
from tests.ui.test_ui_editor import cell, editor_widget, focus_cell, indicator, press, type_text

SEEN = ValuesSeen(count=12, minimum=Decimal("90"), median=Decimal("95"), maximum=Decimal("100"))
ENTRIES = [
    LibraryEntry("服务对象满意度指标", "参训人员满意度", fund_use="会议培训", comparator="≥",
                 unit="%", values_seen=SEEN, units_seen=("%",), origin="harvest",
                 sources=(Source("d:/收集/a.xlsx", "干部培训", 2025), Source("b.pdf"),
                          Source("c.docx"))),
    LibraryEntry("数量指标", "培训人次", fund_use="会议培训", comparator="≥", unit="人次",
                 origin="builtin"),
    LibraryEntry("质量指标", "设备验收合格率", fund_use="设备购置", unit="%", origin="builtin"),
]  # fmt: skip


class Library:
    """A library as the dialog uses it: entries() and nothing to remove or hide."""

    def entries(self, level2: str | None = None) -> list:
        return [e for e in ENTRIES if level2 is None or e.level2 == level2]


def shown(dialog: LibraryDialog, column: int = 0) -> list[str]:
    items = (dialog.entries.topLevelItem(n) for n in range(dialog.entries.topLevelItemCount()))
    return [item.text(column) for item in items]


def test_browse_by_fund_use_then_level2_with_values_seen(qtbot) -> None:
    dialog = LibraryDialog(Library(), get_framework("classic"))
    qtbot.addWidget(dialog)
    funds = [dialog.fund_uses.item(n).text() for n in range(dialog.fund_uses.count())]
    assert funds == [ALL_FUND_USES, "会议培训", "设备购置"]
    dialog.fund_uses.setCurrentRow(1)
    groups = [dialog.groups.item(n).text() for n in range(dialog.groups.count())]
    assert groups == ["产出指标 / 数量指标", "满意度指标 / 服务对象满意度指标"]
    dialog.groups.setCurrentRow(1)
    assert shown(dialog) == ["参训人员满意度"]
    assert shown(dialog, 4) == ["12次 90–95–100 %"]
    assert shown(dialog, 5) == ["a.xlsx（干部培训，2025）；b.pdf 等3处"]
    dialog.entries.setCurrentItem(dialog.entries.topLevelItem(0))
    assert not dialog.remove_button.isEnabled()  # this library removes nothing
    assert not dialog.hide_button.isEnabled()


def test_search_by_pinyin_initials_within_a_fund_use(qtbot) -> None:
    dialog = LibraryDialog(Library(), get_framework("classic"))
    qtbot.addWidget(dialog)
    dialog.search.setText("myd")
    assert shown(dialog) == ["参训人员满意度"]
    assert not dialog.groups.isEnabled()
    dialog.search.setText("hgl")  # 合格率
    assert shown(dialog) == ["设备验收合格率"]
    dialog.fund_uses.setCurrentRow(1)  # 会议培训
    assert shown(dialog) == []
    dialog.entries.setCurrentItem(None)
    dialog.search.setText("px")
    dialog.entries.topLevelItem(0).setCheckState(0, Qt.CheckState.Checked)
    assert [(l1, e.name) for l1, e in dialog.chosen()] == [("产出指标", "培训人次")]


def test_the_clerks_own_entry_can_be_removed(qtbot, window) -> None:
    library = window.library
    own = OldEntry("数量指标", "自己的指标", "", "≥", "个")
    library.personal[(own.level2, own.name)] = own
    dialog = LibraryDialog(library, get_framework("classic"))
    qtbot.addWidget(dialog)
    dialog.search.setText("自己的指标")
    dialog.entries.setCurrentItem(dialog.entries.topLevelItem(0))
    assert dialog.remove_button.isEnabled()
    dialog.remove_button.click()
    assert shown(dialog) == [] and library.find("数量指标", "自己的指标") is None
    dialog.search.setText("培训人次")  # a built-in one cannot be removed
    dialog.entries.setCurrentItem(dialog.entries.topLevelItem(0))
    assert not dialog.remove_button.isEnabled()


def test_an_entry_with_a_hidden_field_can_be_hidden(qtbot, window) -> None:
    library = window.library
    entry = LibraryEntry("数量指标", "可隐藏的指标", origin="personal")
    library.personal[(entry.level2, entry.name)] = entry
    dialog = LibraryDialog(library, get_framework("classic"))
    qtbot.addWidget(dialog)
    dialog.search.setText("可隐藏")
    dialog.entries.setCurrentItem(dialog.entries.topLevelItem(0))
    assert dialog.hide_button.isEnabled()
    dialog.hide_button.click()
    assert shown(dialog) == []
    assert library.personal[("数量指标", "可隐藏的指标")].hidden


def test_suggest_inserts_marked_rows_until_edited_or_accepted(window) -> None:
    table = window.current_table()
    table.project_name = "2026年基层干部业务培训"
    table.fund_use = "用于干部培训支出"
    table.goal = "组织业务培训，提升参训人员满意度"
    before = table.indicator_count()
    actions = window.action.library_actions
    actions.suggest_action.trigger()
    added = table.indicator_count() - before
    assert added > 0 and window.stack.undoText().startswith("建议指标")
    suggested = [i for _, _, i in table.indicator_rows() if actions.marks.is_suggested(i)]
    assert len(suggested) == added
    assert "培训人次" in [i.name for i in suggested]  # the table's words chose it
    model = window.editor.model
    first = model.index_of(suggested[0], COL_NAME)
    assert model.data(first, Qt.ItemDataRole.BackgroundRole) is not None
    assert "建议指标" in model.data(first, Qt.ItemDataRole.ToolTipRole)
    window.session.apply(_rename(suggested[0]))
    assert not actions.marks.is_suggested(suggested[0])  # edited: the clerk's own
    assert model.data(first, Qt.ItemDataRole.BackgroundRole) is None
    assert actions.marks.is_suggested(suggested[1])
    actions.accept_action.trigger()
    assert not any(actions.marks.is_suggested(i) for i in suggested)
    window.stack.undo()  # the rename
    window.stack.undo()  # the suggestion
    assert table.indicator_count() == before
    assert actions.suggest_action in window.editor.context_menu().actions()


def _rename(node):
    from goaleditor.model.edits import SetField

    return SetField(node, "name", node.name + "（本项目）")


def test_pinyin_initials_complete_the_name_cell(qtbot, window) -> None:
    focus_cell(qtbot, window, cell(window, 0, 0))
    press(window.editor.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    editor = editor_widget(window)
    assert isinstance(editor, QLineEdit)
    type_text(editor, "pxrc")
    popup = editor.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().index(0, 0).data() == "培训人次"
    press(popup, Qt.Key.Key_Down)
    press(popup, Qt.Key.Key_Return)
    press(editor, Qt.Key.Key_Return)
    assert (indicator(window, 1).name, indicator(window, 1).unit) == ("培训人次", "人次")
