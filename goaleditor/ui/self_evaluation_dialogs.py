"""The 自评表's two small dialogs: which scoring rules a new 自评表 follows, and the summary
sentence for the publication with a 复制 button."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from goaleditor.self_evaluation.profiles import PROFILES


class ScoringDialog(QDialog):
    """新建自评表: which region's scoring rules (评分规则) the new 自评表 is scored by."""

    def __init__(self, preselected: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("scoring_dialog")
        self.setWindowTitle("新建自评表")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "以本文档为底稿生成绩效自评表，本文档保持不变。\n"
            "指标、指标值和分值照搬；没有分值的按默认分配。\n\n请选择评分规则：",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.choice = QComboBox(self)
        self.choice.setObjectName("scoring_choice")
        for profile in PROFILES.values():
            self.choice.addItem(profile.label, profile.name)
        self.choice.setCurrentIndex(max(0, self.choice.findData(preselected)))
        layout.addWidget(self.choice)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("生成自评表")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def scoring(self) -> str:
        """The chosen profile's name."""
        return str(self.choice.currentData())


class SummaryDialog(QDialog):
    """工具 → 自评结果汇总: the publication's sentence, read-only, and 复制 to the clipboard."""

    def __init__(self, text: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("summary_dialog")
        self.setWindowTitle("自评结果汇总")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("可复制到自评报告或公开说明中：", self))
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("summary_text")
        self.text.setReadOnly(True)
        self.text.setPlainText(text)
        lines = 4
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * lines + 16)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(self)
        self.copy_button = QPushButton("复制", self)
        self.copy_button.setObjectName("summary_copy")
        self.copy_button.clicked.connect(self.copy)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText("关闭")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def copy(self) -> None:
        """Put the sentence on the clipboard and say so on the button."""
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        self.copy_button.setText("已复制")
