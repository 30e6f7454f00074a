"""How a header field looks while it waits: its placeholder (待填写, an example) and its marks
(a light background while still to fill, red text while what was typed is refused, a light
blue one while a comparison finds it changed)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

MONEY_PLACEHOLDER = "未填"
TO_FILL = "待填写"
TO_FILL_BASE = QColor("#fff6d6")  # a light marker on a required field still empty
REFUSED_TEXT = QColor("#b00020")  # an amount that is not (yet) one
CHANGED_BASE = QColor("#dbeafe")  # a field a comparison found changed (ui/compare_marks.py)
CHANGED_FROM = "changedFrom"  # the editor's property holding that field's tip (原：…)


def placeholder(money: bool, required: bool, example: str) -> str:
    """The grey text of an empty field: 待填写 where required, with an example where known."""
    if money:
        return TO_FILL if required else MONEY_PLACEHOLDER
    if required:
        return f"{TO_FILL}，{example}" if example else TO_FILL
    return example


def paint(editor: QWidget, base: QPalette, to_fill: bool, refusal: str) -> None:
    """Mark a field: light while still to fill, red text and the reason while refused; blue
    with what it was while compared (its CHANGED_FROM property)."""
    changed = str(editor.property(CHANGED_FROM) or "")
    state = [to_fill, refusal, changed]
    if editor.property("marks") == state:
        return
    editor.setProperty("toFill", to_fill)
    editor.setProperty("marks", state)
    palette = QPalette(base)
    if to_fill:
        palette.setColor(QPalette.ColorRole.Base, TO_FILL_BASE)
    elif changed:
        palette.setColor(QPalette.ColorRole.Base, CHANGED_BASE)
    if refusal:
        palette.setColor(QPalette.ColorRole.Text, REFUSED_TEXT)
    editor.setPalette(palette)
    if isinstance(editor, QAbstractScrollArea):  # a long text's viewport keeps its own Base
        editor.viewport().setPalette(palette)
    said = refusal or (TO_FILL if to_fill else "")
    editor.setToolTip("\n".join(tip for tip in (said, changed) if tip))
