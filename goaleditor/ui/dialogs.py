"""The document properties dialog (also used for 新建)."""

from __future__ import annotations

import datetime
from typing import Any

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QWidget,
)

from goaleditor.model.document import Document
from goaleditor.model.frameworks import FRAMEWORKS
from goaleditor.model.layout_names import DEFAULT_LAYOUT, LAYOUT_LABELS
from goaleditor.self_evaluation.layouts import form_label
from goaleditor.self_evaluation.profiles import PROFILES
from goaleditor.ui.line_fields import field_line


class DocumentPropertiesDialog(QDialog):
    """Layout, agency code and name, year, title, framework and print options of a document."""

    def __init__(
        self,
        document: Document | None,
        parent: QWidget | None = None,
        layout: str = DEFAULT_LAYOUT,
    ) -> None:
        super().__init__(parent)
        creating = document is None
        self.setWindowTitle("新建文档" if creating else "文档属性")
        document = document or Document(year=datetime.date.today().year + 1, layout=layout)
        form = QFormLayout(self)
        self.layout_choice = QComboBox(self)
        self.layout_choice.setObjectName("layout")
        self._self_evaluation = document.is_self_evaluation
        for name, label in LAYOUT_LABELS.items():
            if self._self_evaluation:  # the 自评表 form the layout prints, not its 目标表
                label = f"{label.split('（')[0]}：{form_label(name)}"
            self.layout_choice.addItem(label, name)
        self.layout_choice.setCurrentIndex(max(0, self.layout_choice.findData(document.layout)))
        self.layout_choice.setToolTip("打印和导出所用的地区版式；切换版式不会丢失任何已填写的内容")
        self.framework = QComboBox(self)
        for framework in FRAMEWORKS.values():
            self.framework.addItem(framework.label, framework.key)
        self.framework.setCurrentIndex(max(0, self.framework.findData(document.framework)))
        if creating:  # a new document starts with the framework its region usually uses
            self._usual_framework()
            self.layout_choice.currentIndexChanged.connect(self._usual_framework)
        self.agency_code = field_line(self, document.agency_code)
        self.agency_code.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"^\d{0,20}$"), self.agency_code)
        )
        self.agency_code.setPlaceholderText("例如：319101")
        self.agency_name = field_line(self, document.agency_name)
        self.agency_name.setPlaceholderText("例如：某某区财政局")
        self.agency_name.setMinimumWidth(360)
        self.year = QSpinBox(self)
        self.year.setRange(1990, 2100)
        self.year.setValue(document.year or datetime.date.today().year + 1)
        self.title = field_line(self, document.title)
        self._title_example(self.year.value())
        self.year.valueChanged.connect(self._title_example)
        self.merge_level2 = QCheckBox("打印时合并相同的二级指标单元格", self)
        self.merge_level2.setChecked(document.merge_level2)
        form.addRow("版式：", self.layout_choice)
        self.scoring = QComboBox(self)
        self.scoring.setObjectName("scoring")
        for profile in PROFILES.values():
            self.scoring.addItem(profile.label, profile.name)
        self.scoring.setCurrentIndex(max(0, self.scoring.findData(document.scoring)))
        self.scoring.setToolTip("自评表按哪个地区的规则计算得分（预算执行率的分值、等级名称等）")
        if self._self_evaluation:
            form.addRow("评分规则：", self.scoring)
        form.addRow("指标体系：", self.framework)
        form.addRow("单位编码：", self.agency_code)
        form.addRow("单位名称：", self.agency_name)
        form.addRow("年度：", self.year)
        form.addRow("文档标题：", self.title)
        form.addRow("", self.merge_level2)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _title_example(self, year: int) -> None:
        self.title.setPlaceholderText(f"可选，如：某某单位项目支出绩效目标表（{year}年）")

    def _usual_framework(self) -> None:
        from goaleditor.model.layouts import get_profile

        framework = get_profile(self.layout_choice.currentData()).framework
        self.framework.setCurrentIndex(max(0, self.framework.findData(framework)))

    def values(self) -> dict[str, Any]:
        """The entered properties, keyed as Document attributes."""
        return {
            "layout": self.layout_choice.currentData(),
            "agency_code": self.agency_code.text().strip(),
            "agency_name": self.agency_name.text().strip(),
            "year": self.year.value(),
            "title": self.title.text().strip(),
            "framework": self.framework.currentData(),
            "merge_level2": self.merge_level2.isChecked(),
            **({"scoring": self.scoring.currentData()} if self._self_evaluation else {}),
        }
