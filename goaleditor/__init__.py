"""goaleditor: an offline editor for 项目支出绩效目标表 (budget performance target tables)."""

__version__ = "0.1.0"
APP_NAME = "goaleditor"
APP_TITLE = "绩效目标表编辑器"
