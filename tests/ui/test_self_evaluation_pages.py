"""The page view shows a 自评表 in its printed form: scores drawn, computed cells not clickable."""

from __future__ import annotations

from goaleditor.model.document import Document
from goaleditor.ui.live_pages import LivePageView
from tests.formats.self_evaluation_documents import filled


def test_the_page_view_draws_the_form_and_offers_only_typed_fields(
    qtbot, example_document: Document
) -> None:
    document = filled(example_document, "central")
    table = document.tables[0]
    view = LivePageView()
    qtbot.addWidget(view)
    view.resize(800, 1000)
    view.show_table(document, table)
    assert view.grid is not None and view.grid.title == "项目支出绩效自评表\n（2026年度）"
    text = "".join(view.text())
    for shown in ("项目支出绩效自评表", "执行率", "95.23%", "9.52", "总分", "99.52", "无偏差"):
        assert shown in text, shown
    pages = list(enumerate(view.pages))
    targets = [t for _, page in pages for t in view.painter.targets(page)]
    computed = [
        (index, placed.x, placed.y)
        for index, page in pages
        for placed in page.cells
        if placed.cell is not None and placed.cell.computed
    ]
    assert computed
    at = [(i, t.box.x(), t.box.y()) for i, page in pages for t in view.painter.targets(page)]
    assert not set(at) & set(computed)
    first = next(i for _, _, i in table.indicator_rows())
    fields = {t.field for t in targets if t.source is first}
    assert {"indicator.actual", "indicator.deviation", "indicator.weight"} <= fields
    assert "indicator.score" not in fields  # a rule's score: not typed
    assert {t.field for t in targets if t.source is table} >= {"budget_executed", "goal_result"}


def test_a_self_evaluation_column_of_the_tree_marks_its_own_printed_cell() -> None:
    """实际完成值, 分值 and 偏差原因 selected in the tree mark their own cells on the page,
    not the 年度指标值 beside them."""
    from goaleditor.model.document import Indicator
    from goaleditor.ui.indicator_model import COL_ACTUAL, COL_DEVIATION, COL_VALUE, COL_WEIGHT
    from goaleditor.ui.live_view import marks_for_node

    node = Indicator("n")
    assert marks_for_node(node, COL_ACTUAL) == [(node, "indicator.actual")]
    assert marks_for_node(node, COL_WEIGHT) == [(node, "indicator.weight")]
    assert marks_for_node(node, COL_DEVIATION) == [(node, "indicator.deviation")]
    assert marks_for_node(node, COL_VALUE) == [(node, "indicator.display")]
