"""批量检查's table model: rows added as files arrive, numbers sorted as numbers."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QSortFilterProxyModel, Qt

from goaleditor.batch.results import GOAL, SELF_EVALUATION, FileResult, unreadable
from goaleditor.ui.batch_model import (
    COL_ERRORS,
    COL_FILE,
    COL_MONEY,
    COL_NOTE,
    COL_SCORE,
    COL_UNIT,
    SORT_ROLE,
    BatchModel,
)

RESULTS = [
    FileResult("a.xlsx", kind=GOAL, unit="甲局", tables=2, money_wan=Decimal("9.5"), errors=2),
    FileResult("b.docx", kind=GOAL, unit="乙局", tables=1, money_wan=Decimal("100"), hints=1),
    unreadable("c.pdf", "c.pdf：文件已损坏"),
    FileResult(
        "d.xlsx",
        kind=SELF_EVALUATION,
        unit="丙局",
        tables=1,
        money_wan=Decimal("10.25"),
        errors=1,
        score=Decimal("92.5"),
        grade="优",
        notes=2,
        top_problems=("错误\t表1\t表头\tself-evaluation.rate\t预算执行率超过100%",),
    ),
]


def filled() -> BatchModel:
    model = BatchModel()
    for result in RESULTS:
        model.add(result)
    return model


def column(proxy: QSortFilterProxyModel, number: int) -> list[str]:
    return [proxy.index(row, number).data() for row in range(proxy.rowCount())]


def test_the_model_passes_qt_s_model_tests_while_rows_arrive(qtmodeltester) -> None:
    model = BatchModel()
    qtmodeltester.check(model)
    for result in RESULTS:
        model.add(result)
    qtmodeltester.check(model)
    assert model.rowCount() == 4


def test_cells_show_the_file_s_findings_or_why_it_could_not_be_read() -> None:
    model = filled()
    cells = [[model.index(row, c).data() for c in range(9)] for row in range(4)]
    assert cells[0] == ["a.xlsx", "甲局", "2", "9.50", "2", "0", "0", "", "绩效目标表"]
    assert cells[2][COL_FILE] == "c.pdf"
    assert cells[2][COL_UNIT] == "" and cells[2][COL_MONEY] == ""
    assert cells[2][COL_NOTE] == "无法读取：文件已损坏"
    assert cells[3][COL_SCORE] == "92.50分 优"
    assert cells[3][COL_NOTE] == "绩效自评表；表1 表头：预算执行率超过100%；导入说明2条"
    tip = model.index(3, COL_ERRORS).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines() == [
        "错误 表1 表头 self-evaluation.rate 预算执行率超过100%",
        "导入说明2条（打开文件后在 文档 → 导入说明 中查看）",
    ]
    assert (
        model.index(2, COL_NOTE).data(Qt.ItemDataRole.ToolTipRole) == "无法读取：c.pdf：文件已损坏"
    )


def test_names_under_the_folder_checked_are_shown_relative_to_it() -> None:
    model = BatchModel(folder="/数据/各单位")
    model.add(FileResult("/数据/各单位/教育局/a.xlsx"))
    model.add(FileResult("/数据/各单位/报送.zip/b.docx"))
    model.add(FileResult("/别处/c.pdf"))
    shown = [model.index(row, COL_FILE).data() for row in range(3)]
    assert shown == ["教育局/a.xlsx", "报送.zip/b.docx", "/别处/c.pdf"]
    assert (
        model.index(0, COL_FILE).data(Qt.ItemDataRole.ToolTipRole) == "/数据/各单位/教育局/a.xlsx"
    )


def test_money_sorts_as_a_number_and_an_unreadable_file_has_the_most_problems() -> None:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(filled())
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(COL_MONEY, Qt.SortOrder.DescendingOrder)
    # As text "9.50" would come first; as numbers 100 > 10.25 > 9.5, the unreadable last.
    assert column(proxy, COL_FILE) == ["b.docx", "d.xlsx", "a.xlsx", "c.pdf"]
    proxy.sort(COL_ERRORS, Qt.SortOrder.DescendingOrder)
    assert column(proxy, COL_FILE) == ["c.pdf", "a.xlsx", "d.xlsx", "b.docx"]
    proxy.sort(COL_SCORE, Qt.SortOrder.DescendingOrder)
    assert column(proxy, COL_FILE)[0] == "d.xlsx"
