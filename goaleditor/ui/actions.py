"""The main window's actions, shortcuts, menus and toolbar."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar, QToolButton

from goaleditor import APP_TITLE, __version__
from goaleditor.formats import EXPORT_MENU, Format
from goaleditor.ui.compare_actions import Comparing
from goaleditor.ui.last_year_actions import LastYear
from goaleditor.ui.library_actions import LibraryActions
from goaleditor.ui.review_sheet_export import export_review_sheet
from goaleditor.ui.self_evaluation_actions import new_self_evaluation, show_summary

if TYPE_CHECKING:
    from goaleditor.ui.main_window import MainWindow


class Actions:
    """Every command of the main window as a QAction, placed in its menus and toolbar."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._build_actions()
        self._build_menus()

    def _action(self, text: str, slot: Any, shortcut: Any = None, tip: str = "") -> QAction:
        action = QAction(self.window)  # QAction(text, parent) would load QIcon's large enums
        action.setText(text)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip or text)
        action.triggered.connect(slot)
        return action

    def _export_action(self, fmt: Format) -> QAction:
        """导出PDF(&P)… and the like, from the registry; also self.export_pdf and the like."""
        assert fmt.export is not None
        entry, extension = fmt.export, fmt.extensions[0]
        action = self._action(
            f"导出{entry.name}(&{entry.key})…",
            lambda: self.window.exporter.export(extension),
            entry.shortcut or None,
            entry.tip,
        )
        setattr(self, f"export_{extension[1:]}", action)
        return action

    def _build_actions(self) -> None:
        Key = QKeySequence.StandardKey
        w = self.window
        exporter = w.exporter
        tables = w.table_actions
        self.new = self._action("新建(&N)…", w.new_document, Key.New, "新建文档")
        self.new_window = self._action(
            "新建窗口(&W)", w.new_window, "Ctrl+Shift+N", "再开一个窗口，可同时编辑两个文档"
        )
        self.open = self._action(
            "打开(&O)…",
            w.open_dialog,
            Key.Open,
            "打开文档或导入文件（当前文档有修改时在新窗口中打开）",
        )
        self.open_in_new_window = self._action(
            "在新窗口中打开(&I)…",
            w.open_in_new_window_dialog,
            "Ctrl+Shift+O",
            "在新窗口中打开文档或导入文件，当前文档保持打开",
        )
        self.close_window = self._action(
            "关闭窗口(&C)", w.close, Key.Close, "关闭本窗口（其他窗口保持打开）"
        )
        self.import_report = self._action(
            "导入说明(&I)…", w.show_import_report, None, "再次查看导入时推测或未导入的内容"
        )
        self.save = self._action("保存(&S)", w.save, Key.Save)
        self.save_as = self._action("另存为(&A)…", w.save_as, "Ctrl+Shift+S")
        self.export_actions = [self._export_action(fmt) for fmt in EXPORT_MENU]
        self.export_review_sheet = self._action(
            "绩效目标审核表(&R)…",
            lambda: export_review_sheet(exporter),
            None,
            "导出审核人填写的绩效目标审核表（PDF、Word或Excel）",
        )
        self.preview = self._action("打印预览(&V)…", exporter.print_preview, "Ctrl+Shift+P")
        self.print = self._action("打印(&P)…", exporter.print_document, Key.Print)
        self.copy_table = self._action(
            "复制为表格(&B)",
            tables.copy_table_as_table,
            "Ctrl+Shift+C",
            "把当前表按官方版式复制，可粘贴到Word、WPS或Excel",
        )
        self.quit = self._action("退出(&X)", _quit, "Ctrl+Q", "关闭所有窗口并退出")
        self.batch_check = self._action(
            "批量检查(&B)…",
            lambda: _start_batch(w),
            None,
            "检查一个文件夹（含子文件夹和.zip压缩包）中的所有文件，列出每个文件的问题和金额",
        )
        self.comparing = Comparing(w)  # 比较… and 与磁盘上的版本比较, its panel and marks
        self.undo = w.stack.createUndoAction(w, "撤销(&U)")
        self.undo.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo = w.stack.createRedoAction(w, "重做(&R)")
        self.redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.properties = self._action("文档属性(&P)…", tables.edit_properties, None)
        self.check = self._action("检查(&C)", w.run_check, "F7", "检查整个文档")
        self.last_year = LastYear(w)  # 对照上年文档… and 取消对照
        self.library = self._action(
            "从指标库插入(&L)…", tables.insert_from_library, "Ctrl+L", "浏览常用指标并插入"
        )
        self.find = self._action(
            "查找(&F)…", lambda: self._find(False), Key.Find, "在整个文档中查找"
        )
        self.replace = self._action(
            "替换(&E)…", lambda: self._find(True), "Ctrl+H", "在整个文档中查找并替换"
        )
        self.shortcuts = self._action(
            "快捷键一览(&K)", self._show_shortcuts, Key.HelpContents, "列出所有快捷键"
        )
        self.next_year = self._action(
            "新建下一年度(&Y)…", tables.new_next_year, None, "以本文档为底稿，生成下一年度的新文档"
        )
        self.new_self_evaluation = self._action("新建自评表(&Z)…", lambda: new_self_evaluation(w))
        self.self_evaluation_summary = self._action("自评结果汇总(&S)…", lambda: show_summary(w))
        self.add_table = self._action(
            "新建表(&N)", tables.add_table, "Ctrl+T", "在当前表后新建一个绩效目标表"
        )
        self.duplicate_table = self._action(
            "复制表(&C)", tables.duplicate_table, "Ctrl+Shift+D", "复制当前表"
        )
        self.delete_table = self._action("删除表(&D)", tables.delete_table, None, "删除当前表")
        # The same keys as the indicator rows' moves; Alt+↑/↓ too (the list has no drop-downs).
        self.table_up = self._action("表上移(&K)", lambda: tables.move_table(-1))
        self.table_down = self._action("表下移(&J)", lambda: tables.move_table(1))
        self.table_up.setShortcuts([QKeySequence("Ctrl+Shift+Up"), QKeySequence("Alt+Up")])
        self.table_down.setShortcuts([QKeySequence("Ctrl+Shift+Down"), QKeySequence("Alt+Down")])
        for action in (self.table_up, self.table_down, self.delete_table):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            w.table_list.addAction(action)
        self.delete_table.setShortcut(QKeySequence("Ctrl+Delete"))
        for action, label in (
            (self.add_table, "＋ 新建"),
            (self.duplicate_table, "复制"),
            (self.delete_table, "删除"),
        ):
            button = QToolButton(w)
            button.setDefaultAction(action)
            button.setText(label)
            w.table_buttons.addWidget(button)

    def _build_menus(self) -> None:
        w = self.window
        bar = w.menuBar()
        file_menu = bar.addMenu("文件(&F)")
        file_menu.addActions([self.new, self.new_window, self.next_year, self.new_self_evaluation])
        file_menu.addActions([self.open, self.open_in_new_window])
        self.recent_menu = file_menu.addMenu("最近打开(&R)")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addActions([self.comparing.with_file, self.comparing.with_disk])
        file_menu.addAction(self.batch_check)
        file_menu.addSeparator()
        file_menu.addActions([self.save, self.save_as])
        export_menu = file_menu.addMenu("导出(&E)")
        export_menu.addActions(self.export_actions)
        export_menu.addSeparator()
        export_menu.addAction(self.export_review_sheet)
        file_menu.addSeparator()
        file_menu.addActions([self.preview, self.print])
        file_menu.addSeparator()
        file_menu.addActions([self.close_window, self.quit])
        edit_menu = bar.addMenu("编辑(&E)")
        edit_menu.addActions([self.undo, self.redo])
        edit_menu.addSeparator()
        ed = w.editor
        edit_menu.addActions([ed.cut_action, ed.copy_action, ed.paste_action, self.copy_table])
        edit_menu.addSeparator()
        edit_menu.addAction(ed.insert_action)
        edit_menu.addMenu(ed.add_level2_menu)
        edit_menu.addMenu(ed.add_level1_menu)
        edit_menu.addActions([ed.up_action, ed.down_action, ed.delete_action])
        edit_menu.addAction(ed.clear_action)
        edit_menu.addSeparator()
        edit_menu.addActions([self.find, self.replace])
        edit_menu.addSeparator()
        self.library_actions = LibraryActions(w, self.library)  # 指标库: insert, 建议指标
        edit_menu.addMenu(self.library_actions.menu)
        table_menu = bar.addMenu("表(&T)")
        table_menu.addActions(
            [
                self.add_table,
                self.duplicate_table,
                self.delete_table,
                self.table_up,
                self.table_down,
            ]
        )
        doc_menu = bar.addMenu("文档(&D)")
        doc_menu.addActions([self.properties, self.check, self.import_report])
        doc_menu.addActions([self.last_year.choose_action, self.last_year.drop_action])
        doc_menu.addAction(self.self_evaluation_summary)
        doc_menu.addMenu(w.review.menu)  # 审核: review mode, 审核意见, 通过 / 不通过
        problems = w.problems_dock.toggleViewAction()
        problems.setText("问题面板(&W)")  # the dock's title stays 问题
        doc_menu.addAction(problems)
        doc_menu.addAction(w.live_dock.toggle_action)  # 页面视图 (F8)
        help_menu = bar.addMenu("帮助(&H)")
        help_menu.addAction(self.shortcuts)
        help_menu.addAction(self._action("关于(&A)", self._about))
        toolbar = QToolBar("工具栏", w)
        toolbar.setObjectName("main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions([self.new, self.open, self.save])
        toolbar.addAction(self.preview)
        toolbar.addSeparator()
        toolbar.addActions([self.undo, self.redo])
        toolbar.addSeparator()
        toolbar.addActions([ed.insert_action, ed.delete_action, ed.up_action, ed.down_action])
        level2_button = QToolButton(w)
        level2_button.setMenu(ed.add_level2_menu)
        level2_button.setText("添加二级指标")
        level2_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        toolbar.addWidget(level2_button)
        toolbar.addSeparator()
        toolbar.addAction(self.properties)
        w.addToolBar(toolbar)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.window.recent.files()
        if not files:
            self.recent_menu.addAction("（无）").setEnabled(False)
        for number, name in enumerate(files, 1):
            action = self.recent_menu.addAction(f"&{number} {name}")
            action.triggered.connect(lambda _=False, n=name: self.window.open_file(Path(n)))

    def _find(self, replacing: bool) -> None:
        from goaleditor.ui.find_dialog import show_find

        show_find(self.window, replacing)

    def _show_shortcuts(self) -> None:
        from goaleditor.ui.shortcut_sheet import ShortcutSheet

        ShortcutSheet(self.window).exec()

    def _about(self) -> None:
        text = f"{APP_TITLE} {__version__}\n离线编写项目支出绩效目标表，保存为 .goals 文件。"
        self.window.prompts.note("关于", text)


def _start_batch(window: MainWindow) -> None:
    from goaleditor.ui.batch_window import start_batch  # loaded when first asked for

    start_batch(window)


def _quit() -> None:
    from goaleditor.ui.app import close_all_windows

    if close_all_windows():
        from goaleditor.ui.batch_window import close_batches

        close_batches()  # 退出 ends the batch windows (and their runs) too
