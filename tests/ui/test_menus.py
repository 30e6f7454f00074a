"""Every menu item has its own accelerator letter, none twice in one menu."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QMenu

MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def menu_items(menu: QMenu, where: str) -> list[tuple[str, list[str]]]:
    """(menu, texts of its items) for a menu and its submenus, filled as when opened."""
    menu.aboutToShow.emit()  # the dynamic menus (最近打开, 添加二级指标) fill themselves
    # All but the placeholders of an empty menu, such as 最近打开's （无）.
    texts = [a.text() for a in menu.actions() if not a.isSeparator() and a.text()[0] != "（"]
    found = [(where, texts)]
    for action in menu.actions():
        if action.menu() is not None:
            found += menu_items(action.menu(), f"{where} → {action.text()}")
    return found


def test_every_menu_item_has_its_own_accelerator(window) -> None:
    window.editor.select_node(window.current_table().children[0])  # 添加二级指标 has items
    tops = window.menuBar().actions()
    assert [a.text() for a in tops] == ["文件(&F)", "编辑(&E)", "表(&T)", "文档(&D)", "帮助(&H)"]
    checked = 0
    seen: dict[str, list[str]] = {}
    for top in tops:
        for where, texts in menu_items(top.menu(), top.text()):
            seen[where] = texts
            letters = []
            for text in texts:
                found = MNEMONIC.findall(text)
                assert len(found) == 1, (where, text)
                letters.append(found[0].upper())
                checked += 1
            assert len(letters) == len(set(letters)), (where, texts)
    assert checked == sum(len(texts) for texts in seen.values()) > 30
    assert seen["编辑(&E) → 添加二级指标(&2)"][:2] == ["&1 数量指标", "&2 质量指标"]
    assert window.action.export_json.text() == "导出JSON(&J)…"
