"""Register the bundled CJK fonts with Qt so Chinese renders on machines without CJK fonts."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

from goaleditor.resources import bundled_fonts

UI_FAMILY = "Noto Sans SC GB"


def register_bundled_fonts() -> list[str]:
    """Add every bundled font to the application's font database; returns the families."""
    families: list[str] = []
    for path in bundled_fonts():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return families


def ensure_cjk_fallback(app_font: QFont) -> QFont:
    """The application font, with the bundled Hei as fallback for CJK characters."""
    font = QFont(app_font)
    font.setFamilies([*app_font.families(), UI_FAMILY])
    return font
