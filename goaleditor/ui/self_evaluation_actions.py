"""The window's 自评表 commands: 文件 → 新建自评表 and 工具 → 自评结果汇总."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from goaleditor.ui.main_window import MainWindow

STATUS_MS = 30_000  # the notes say what was assumed: long enough to read them
ONLY_FROM_GOALS = "当前已是绩效自评表；请在绩效目标表中使用“新建自评表”"
ONLY_FOR_SELF_EVALUATION = "只有绩效自评表有自评结果汇总"


def new_self_evaluation(window: MainWindow) -> None:
    """新建自评表: the open goal document as a new unsaved 自评表, scored by the rules the
    clerk chooses (the region's preselected); what was assumed is said on the status line."""
    from goaleditor.errors import InputError
    from goaleditor.self_evaluation.start import default_scoring, start_self_evaluation
    from goaleditor.ui.self_evaluation_dialogs import ScoringDialog

    goals = window.document
    if goals.is_self_evaluation:
        window.session.message.emit(ONLY_FROM_GOALS, STATUS_MS)
        return
    dialog = ScoringDialog(default_scoring(goals), window)
    if dialog.exec() != ScoringDialog.DialogCode.Accepted:
        return
    try:
        started = start_self_evaluation(goals, dialog.scoring())
    except InputError as refused:
        window.prompts.error("无法新建自评表", str(refused))
        return
    if not window.maybe_save():
        return
    window.session.replace(started.document, None, unsaved=True)
    said = "；".join([f"{started.summary()}（尚未保存）", *started.notes])
    window.session.message.emit(said, STATUS_MS)


def show_summary(window: MainWindow) -> None:
    """自评结果汇总: the publication's sentence in a dialog with 复制 (a 自评表 only)."""
    from goaleditor.self_evaluation.summary import summarize
    from goaleditor.ui.self_evaluation_dialogs import SummaryDialog

    document = window.document
    if not document.is_self_evaluation:
        window.session.message.emit(ONLY_FOR_SELF_EVALUATION, STATUS_MS)
        return
    text = summarize(document, window.session.scores).text()
    SummaryDialog(text, window).exec()


def update_actions(window: MainWindow) -> None:
    """Enable 新建自评表 on a goal document and 自评结果汇总 on a 自评表; the tips say why not."""
    actions = window.action
    is_self_evaluation = window.document.is_self_evaluation
    actions.new_self_evaluation.setEnabled(not is_self_evaluation)
    actions.new_self_evaluation.setStatusTip(
        ONLY_FROM_GOALS
        if is_self_evaluation
        else "以本文档为底稿，生成绩效自评表（填写实际完成值）"
    )
    actions.self_evaluation_summary.setEnabled(is_self_evaluation)
    actions.self_evaluation_summary.setStatusTip(
        "绩效自评的项目数、预算金额、平均得分和各等级项目数，可复制"
        if is_self_evaluation
        else ONLY_FOR_SELF_EVALUATION
    )
