"""Register the bundled CJK fonts with Qt so Chinese renders on machines without CJK fonts."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

from goaleditor.resources import resources_dir

UI_FAMILY = "Noto Sans SC GB"
UI_FONT_FILE = "NotoSansSC-GB-Regular.ttf"  # the Song (serif) subset is only for the PDF


def register_bundled_fonts() -> list[str]:
    """Add the bundled Hei (sans) font to the application's font database; its families."""
    font_id = QFontDatabase.addApplicationFont(str(resources_dir() / "fonts" / UI_FONT_FILE))
    return QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []


def ensure_cjk_fallback(app_font: QFont) -> QFont:
    """The application font, with the bundled Hei as fallback for CJK characters."""
    font = QFont(app_font)
    font.setFamilies([*app_font.families(), UI_FAMILY])
    return font
