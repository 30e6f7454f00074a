#!/usr/bin/env python3
"""Render resources/icons/goaleditor.svg to the PNG sizes and the Windows .ico the build uses."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "goaleditor.svg"))
    for size in SIZES:
        render(renderer, size).save(str(ICONS / f"goaleditor-{size}.png"))
    if not render(renderer, 256).save(str(ICONS / "goaleditor.ico")):
        print("this Qt cannot write .ico; the Windows build will use the PNG", file=sys.stderr)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
