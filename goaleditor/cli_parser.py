"""The command line's parser: argparse in Chinese, its commands, options and help texts."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from goaleditor import __version__

if TYPE_CHECKING:  # argparse loads only for commands: the editor starts without it
    import argparse

COMMANDS = (
    "import",
    "export",
    "check",
    "dump",
    "next-year",
    "self-evaluate",
    "diff",
    "batch",
    "library",
)
EXIT_OK, EXIT_CHECK_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_HAS_ERRORS = 3  # export --strict refused a document with 错误
FORCE_HELP = "即使 .goals 文档正被别人打开编辑也覆盖它"


# argparse's own words, in Chinese (it looks them up through its module-level _()).
_ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "the following arguments are required: %s": "缺少参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "无效的选择 %(value)r（可选：%(choices)s）"
    ),
    "expected one argument": "需要一个值",
}


def build_parser() -> argparse.ArgumentParser:
    """The parser of `goaleditor [命令 ...]`, its errors and help in Chinese."""
    import argparse

    argparse._ = lambda text: _ARGPARSE_ZH.get(text, text)  # type: ignore[attr-defined]

    from goaleditor.formats.registry import (
        EXPORT_EXTENSIONS,
        EXPORT_MENU,
        NATIVE,
        READABLE,
        WRITABLE,
        describe,
    )
    from goaleditor.model.layout_names import LAYOUT_NAMES
    from goaleditor.self_evaluation.profiles import PROFILES

    SCORING_NAMES = tuple(PROFILES)

    native = NATIVE.extensions[0]
    names = [f.export.name for f in EXPORT_MENU if f.export]

    class _Parser(argparse.ArgumentParser):
        """argparse with one-line errors (exit 2) instead of usage dumps, in Chinese."""

        def error(self, message: str) -> None:  # type: ignore[override]
            self.exit(EXIT_USAGE, f"{self.prog}: 用法错误：{message}（见 --help）\n")

        def format_help(self) -> str:
            # argparse ends each section heading with an ASCII colon of its own.
            return re.sub(r"^(参数|选项):$", r"\1：", super().format_help(), flags=re.M)

    def wrapped(text: str) -> str:
        return "\n".join(_wrap_zh(line) for line in text.split("\n"))

    class _Formatter(argparse.RawDescriptionHelpFormatter):
        """Descriptions wrapped by _wrap_zh (CJK-wide); commands measured at their own indent
        (Python 3.11 measures them two columns short, so 命令 next-year broke its line)."""

        def add_argument(self, action: argparse.Action) -> None:
            super().add_argument(action)
            if action.help is not argparse.SUPPRESS:
                lengths = [
                    len(self._format_action_invocation(sub)) + self._current_indent
                    for sub in self._iter_indented_subactions(action)
                ]
                self._action_max_length = max([self._action_max_length, *lengths])

    raw = _Formatter
    parser = _Parser(
        prog="goaleditor",
        usage="goaleditor [-h] [--version] [FILE | 命令 ...]",
        description="绩效目标表编辑器：编辑、检查和导出项目支出绩效目标表。",
        epilog=wrapped(
            f"不带命令时打开编辑器；FILE 可以是 {native} 文档或任何可导入的文件。\n"
            "各命令的用法：goaleditor 命令 --help"
        ),
        formatter_class=raw,
    )
    parser.add_argument(
        "--version", action="version", version=f"goaleditor {__version__}", help="显示版本号并退出"
    )
    sub = parser.add_subparsers(
        dest="command", parser_class=_Parser, metavar="命令", prog="goaleditor"
    )
    p_import = sub.add_parser(
        "import",
        help=f"把工作簿、Word、PDF等文件导入为 {native} 文档",
        description=wrapped(
            f"把{describe(READABLE)}导入为 {native} 文档；"
            "推测或跳过的内容每处一行写到标准错误输出。"
        ),
        formatter_class=raw,
    )
    p_import.add_argument("source", metavar="SRC", help="要导入的文件")
    p_import.add_argument(
        "-o", "--output", required=True, metavar="DOC", help=f"写入的 {native} 文档"
    )
    p_import.add_argument("--force", action="store_true", help=FORCE_HELP)
    p_export = sub.add_parser(
        "export",
        help=f"导出为{'、'.join(names[:-1])}或{names[-1]}",
        description=wrapped(f"把文档导出为{describe(WRITABLE)}，格式由输出文件的扩展名决定。"),
        formatter_class=raw,
    )
    p_export.add_argument(
        "document", metavar="DOC", help=f"要导出的 {native} 文档（或可导入的文件）"
    )
    p_export.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help=f"输出文件（{' '.join(EXPORT_EXTENSIONS)}）",
    )
    p_export.add_argument("--no-toc", action="store_true", help="PDF不要目录")
    p_export.add_argument("--force", action="store_true", help=FORCE_HELP)
    p_export.add_argument("--no-page-numbers", action="store_true", help="PDF不要页码")
    p_export.add_argument(
        "--review-sheet",
        action="store_true",
        help="导出绩效目标审核表（.pdf .docx .xlsx），每张有审核标记的表一份；"
        "都没有标记时每张表一份空白审核表",
    )
    p_export.add_argument(
        "--all-tables",
        action="store_true",
        help="与 --review-sheet 同用：每张表都出审核表，未审核的为空白表",
    )
    p_export.add_argument(
        "--strict",
        action="store_true",
        help=f"文档有错误时不导出（退出码为{EXIT_HAS_ERRORS}）；默认照样导出并在标准错误输出提醒",
    )
    p_export.add_argument(
        "--layout",
        choices=LAYOUT_NAMES,
        metavar="LAYOUT",
        help=f"按另一地区的版式输出（文档本身不变）：{'、'.join(LAYOUT_NAMES)}",
    )
    check_help = "检查文档，每行一个问题；有错误时退出码为1"
    p_check = sub.add_parser("check", help=check_help, description=check_help + "。")
    p_check.add_argument("document", metavar="DOC", help="要检查的文档")
    p_check.add_argument(
        "--layout",
        choices=LAYOUT_NAMES,
        metavar="LAYOUT",
        help="按另一地区的版式检查（同 export --layout；文档本身不变）",
    )
    p_check.add_argument(
        "--summary",
        action="store_true",
        help="在问题之后输出自评摘要一行（绩效自评的项目N个…，仅绩效自评表）；退出码不变",
    )
    p_check.add_argument(
        "--last-year",
        metavar="OLD",
        help="与上年文档对照：指标值低于上年（反向指标高于上年）的给出警告",
    )
    dump_help = "把文档以规范JSON输出到标准输出"
    p_dump = sub.add_parser("dump", help=dump_help, description=dump_help + "。")
    p_dump.add_argument("document", metavar="DOC", help="要输出的文档")
    next_help = "以文档为底稿生成下一年度的新文档（同 文件 → 新建下一年度）"
    p_next = sub.add_parser(
        "next-year",
        help=next_help,
        description=wrapped(
            f"{next_help}：年度、文中的本年度年份和实施期、计划日期顺延一年，"
            "较往年的比较等历史年份不变；改动了几处写一行到标准错误输出。"
        ),
        formatter_class=raw,
    )
    p_next.add_argument(
        "document", metavar="DOC", help=f"作为底稿的文档（{native} 或可导入的文件）"
    )
    p_next.add_argument(
        "-o", "--output", required=True, metavar="NEW", help=f"写入的下一年度 {native} 文档"
    )
    p_next.add_argument("--force", action="store_true", help=FORCE_HELP)
    self_help = "以绩效目标表生成绩效自评表（同 文件 → 新建自评表）"
    p_self = sub.add_parser(
        "self-evaluate",
        help=self_help,
        description=wrapped(
            f"{self_help}：表、指标、指标值和分值照搬（没有分值的按评分规则的默认分值分配），"
            "预算数作为年初预算数和全年预算数；分配了什么写到标准错误输出。"
        ),
        formatter_class=raw,
    )
    p_self.add_argument(
        "document", metavar="DOC", help=f"绩效目标表文档（{native} 或可导入的文件）"
    )
    p_self.add_argument(
        "-o", "--output", required=True, metavar="SE", help=f"写入的绩效自评表 {native} 文档"
    )
    p_self.add_argument(
        "--scoring",
        choices=SCORING_NAMES,
        metavar="RULES",
        help=f"评分规则（默认按文档版式的地区，无则 central）：{'、'.join(SCORING_NAMES)}",
    )
    p_self.add_argument("--force", action="store_true", help=FORCE_HELP)
    diff_help = "比较两个文档，每行一处改动；相同时退出码为0，不同时为1"
    p_diff = sub.add_parser(
        "diff",
        help=diff_help,
        description=wrapped(
            f"{diff_help}。表按项目名称对应（不计年份，去年的文档可与今年的比较），"
            "指标按一级/二级/三级对应，改名和移动各算一处。"
        ),
        formatter_class=raw,
    )
    p_diff.add_argument("old", metavar="OLD", help="原来的文档（或可导入的文件）")
    p_diff.add_argument("new", metavar="NEW", help="现在的文档（或可导入的文件）")
    p_diff.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="另写修订稿（.pdf 删除线与下划线，.docx 修订模式）或修改情况说明（.xlsx）",
    )
    from goaleditor.batch.cli import add_parser as add_batch_parser

    add_batch_parser(sub, raw, wrapped)

    from goaleditor.library.cli import add_parser as add_library_parser

    add_library_parser(sub, raw)
    return parser


def _wrap_zh(text: str, width: int = 78) -> str:
    """Wrap by display width (a CJK character takes two columns), only after 、，；。 or a space."""
    import unicodedata

    lines, line, columns, last_break = [], "", 0, -1
    for char in text:
        line += char
        columns += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if char in "、，；。 ":
            last_break = len(line)
        if columns > width and last_break > 0:
            lines.append(line[:last_break].rstrip())
            line = line[last_break:]
            columns = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
            last_break = -1
    return "\n".join([*lines, line])
