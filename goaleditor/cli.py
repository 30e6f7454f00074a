"""The command line: a thin shell over the model and the formats (DESIGN §4)."""

from __future__ import annotations

import contextlib
import importlib.util
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from goaleditor.cli_parser import (
    COMMANDS,
    EXIT_CHECK_FAILED,
    EXIT_HAS_ERRORS,
    EXIT_OK,
    EXIT_USAGE,
    build_parser,
)
from goaleditor.cli_parser import (
    _wrap_zh as _wrap_zh,  # re-exported: tests reach it as goaleditor.cli._wrap_zh
)

if TYPE_CHECKING:  # argparse loads only for commands: the editor starts without it
    import argparse

    from goaleditor.formats.notes import ImportNote
    from goaleditor.model.document import Document

REVIEW_SHEET_EXTENSIONS = (".pdf", ".docx", ".xlsx")  # export --review-sheet: printed forms
DEBUG_VARIABLE = "GOALEDITOR_DEBUG"  # =1: the technical detail of a failure on stderr


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = sys.argv[1:] if argv is None else argv
    if importlib.util.find_spec("defusedxml") is None:  # workbooks are never parsed without it
        return _fail("缺少defusedxml组件，无法安全读取Excel文件，请重新安装goaleditor")
    if not args or (args[0] not in COMMANDS and not args[0].startswith("-")):
        return _run_editor(args)
    parsed = build_parser().parse_args(args)
    if parsed.command is None:
        return _run_editor([])
    _sweep_leftovers(getattr(parsed, name, None) for name in ("source", "document", "output"))
    _stop_on_signals()
    try:
        return _COMMAND_FUNCTIONS[parsed.command](parsed)
    except KeyboardInterrupt:
        return 130
    except _Stopped as stopped:
        return _fail("已中止（收到终止信号），没有写完的文件已清除", 128 + stopped.signum)
    except Exception as exc:
        _debug(exc)
        return _fail(_describe(exc))


class _Stopped(BaseException):
    """SIGTERM or SIGHUP: unwinds like Ctrl+C, so temporary files and locks are removed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop_on_signals() -> None:
    """Turn a termination signal into _Stopped (the default would end the process at once,
    leaving a half-written temporary file and the document's lock behind)."""
    import signal

    def stop(signum: int, _frame: object) -> None:
        raise _Stopped(signum)

    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, stop)


def _sweep_leftovers(paths: Iterable[str | None]) -> None:
    """Temporary files that killed saves left beside the files of this run go first."""
    import os

    from goaleditor.files.atomic import sweep_leftovers

    folders = []
    for path in paths:
        with contextlib.suppress(OSError, ValueError):
            if path:
                folders.append(Path(os.path.realpath(path)).parent)
    sweep_leftovers(folders)


def _describe(exc: Exception) -> str:
    from goaleditor.errors import InputError, io_failure

    if isinstance(exc, InputError):
        return str(exc)
    if isinstance(exc, OSError):
        return io_failure(exc)
    return (
        f"内部错误：命令没有完成（请设置环境变量 {DEBUG_VARIABLE}=1 再运行一次，"
        "把输出报告给开发者）"
    )


def _debug(exc: BaseException) -> None:
    """With GOALEDITOR_DEBUG=1, the technical detail (the exception and its traceback)."""
    import os
    import traceback

    if os.environ.get(DEBUG_VARIABLE) == "1":
        detail = getattr(exc, "detail", "")
        if detail:
            print(f"goaleditor: 详情：{detail}", file=sys.stderr)
        traceback.print_exception(exc, file=sys.stderr)


def _warn(note: ImportNote | str) -> None:
    """One warning on stderr: an import note as users read it, or an export's line."""
    from goaleditor.errors import printable

    print(f"goaleditor: 警告：{printable(str(note))}", file=sys.stderr)


def _fail(message: str, code: int = EXIT_USAGE) -> int:
    from goaleditor.errors import printable

    print(f"goaleditor: {printable(message)}", file=sys.stderr)
    return code


def _cmd_import(args: argparse.Namespace) -> int:
    from goaleditor.formats.registry import NATIVE, format_for, write_document
    from goaleditor.reading import read_untrusted

    output = Path(args.output)
    if format_for(output.suffix) is not NATIVE:
        native = NATIVE.extensions[0]
        return _fail(f"导入的结果应保存为 {native} 文档，而不是“{output.name}”")
    document = read_untrusted(args.source, _warn)
    with _document_lock(output, args.force):
        write_document(document, output)
    return EXIT_OK


@contextlib.contextmanager
def _document_lock(output: Path, force: bool) -> Iterator[None]:
    """Hold a .goals output's lock while writing it; refuse one someone else holds."""
    from goaleditor.errors import InputError, printable
    from goaleditor.files.lock import FileLock
    from goaleditor.files.lock_reading import LockedByOther
    from goaleditor.formats.registry import NATIVE, format_for

    if force or format_for(output.suffix) is not NATIVE:
        yield
        return
    lock = FileLock(output)
    try:
        held = lock.acquire()
    except LockedByOther as other:
        why = f"{other.problem}，" if other.problem else ""
        raise InputError(
            f"{printable(output.name)} 正被 {other.info.describe()} 打开编辑，{why}"
            "未写入（确需覆盖请加 --force）"
        ) from None
    try:
        yield
    finally:
        if held:
            lock.release()


def _cmd_export(args: argparse.Namespace) -> int:
    from goaleditor.checking import check_document_of_any_kind, export_errors
    from goaleditor.formats import ExportOptions, write_document
    from goaleditor.reading import read_untrusted

    refused = _review_sheet_refused(args)
    if refused:
        return _fail(refused)
    document = read_untrusted(args.document, _warn)
    if args.layout:  # only this output: the document file is not written
        document.layout = args.layout
    errors = export_errors(check_document_of_any_kind(document))  # a reviewer's 不通过 aside
    how = f"goaleditor check --layout {args.layout}" if args.layout else "goaleditor check"
    found = f"文档有{errors}个错误（用 {how} 查看）"
    if errors and args.strict:
        print(f"goaleditor: {found}，未导出（--strict）", file=sys.stderr)
        return EXIT_HAS_ERRORS
    options = ExportOptions(toc=not args.no_toc, page_numbers=not args.no_page_numbers)
    if args.review_sheet:
        which: Literal["reviewed", "all"] = "all" if args.all_tables else "reviewed"
        options = ExportOptions(options.toc, options.page_numbers, review_sheet=which)
    with _document_lock(Path(args.output), args.force):
        write_document(document, args.output, options=options, warn=_warn)
    if errors:  # as the editor lets a clerk export after its question: written, and said
        print(f"goaleditor: 注意：{found}，已照样导出", file=sys.stderr)
    return EXIT_OK


def _review_sheet_refused(args: argparse.Namespace) -> str:
    """Why --review-sheet or --all-tables cannot be done ("" when it can)."""
    if args.all_tables and not args.review_sheet:
        return "--all-tables 只能与 --review-sheet 同用"
    suffix = Path(args.output).suffix.lower()
    if args.review_sheet and suffix not in REVIEW_SHEET_EXTENSIONS:
        known = "、".join(REVIEW_SHEET_EXTENSIONS)
        return f"审核表只能导出为 {known}，不能导出为 {suffix or '无扩展名的文件'}"
    return ""


def _cmd_check(args: argparse.Namespace) -> int:
    from goaleditor.checking import check_document_of_any_kind
    from goaleditor.errors import printable
    from goaleditor.model.checks import has_errors
    from goaleditor.reading import read_untrusted

    document = read_untrusted(args.document, _warn)
    if args.summary and not document.is_self_evaluation:
        name = printable(Path(args.document).name)
        return _fail(f"{name} 是绩效目标表，只有绩效自评表有自评摘要（去掉 --summary 即可检查）")
    if args.layout:
        document.layout = args.layout
    last_year = read_untrusted(args.last_year, _warn) if args.last_year else None
    problems = check_document_of_any_kind(document, last_year=last_year)
    lines = [p.line() for p in problems]
    if args.summary:  # the sentence for the publication, last, so `| tail -n 1` takes it
        from goaleditor.self_evaluation.summary import summarize

        lines.append(summarize(document).text())
    _write_stdout("".join(line + "\n" for line in lines))
    return EXIT_CHECK_FAILED if has_errors(problems) else EXIT_OK


def _cmd_next_year(args: argparse.Namespace) -> int:
    from goaleditor.errors import InputError
    from goaleditor.model.next_year import next_year

    def make(document: Document) -> tuple[Document, list[str]]:
        draft = next_year(document)
        if draft.document.year is None:
            year = f"无法确定 {Path(args.document).name} 的年度，请先在文档属性中填写年度"
            raise InputError(year)
        return draft.document, [draft.summary()]

    return _derive(args, "下一年度的文档", make)


def _cmd_self_evaluate(args: argparse.Namespace) -> int:
    from goaleditor.self_evaluation.start import start_self_evaluation

    def make(document: Document) -> tuple[Document, list[str]]:
        started = start_self_evaluation(document, args.scoring or "")
        return started.document, [*started.notes, started.summary()]

    return _derive(args, "绩效自评表", make)


def _derive(
    args: argparse.Namespace,
    what: str,
    make: Callable[[Document], tuple[Document, list[str]]],
) -> int:
    """Write a new .goals document made from another (next year's, a 自评表); say what moved."""
    from goaleditor.errors import printable
    from goaleditor.formats.registry import NATIVE, format_for, write_document
    from goaleditor.reading import read_untrusted

    source, output = Path(args.document), Path(args.output)
    if format_for(output.suffix) is not NATIVE:
        native = NATIVE.extensions[0]
        return _fail(f"{what}应保存为 {native} 文档，而不是“{output.name}”")
    if _same_file(source, output):
        return _fail(f"{output.name} 是作为底稿的文档本身，请为{what}另取一个文件名")
    document, lines = make(read_untrusted(source, _warn))
    with _document_lock(output, args.force):
        write_document(document, output)
    for line in lines:
        print(f"goaleditor: {printable(line)}", file=sys.stderr)
    return EXIT_OK


def _same_file(first: Path, second: Path) -> bool:
    """True when both paths name one file (through links too)."""
    try:
        return first.samefile(second)
    except OSError:  # one of them does not exist (yet)
        return first.resolve() == second.resolve()


def _cmd_diff(args: argparse.Namespace) -> int:
    from goaleditor.compare import compare_documents
    from goaleditor.errors import printable
    from goaleditor.reading import read_untrusted

    output = Path(args.output) if args.output else None
    suffix = output.suffix.lower() if output else ""
    if output is not None and suffix not in DIFF_OUTPUTS:
        return _fail(
            f"diff -o 只能输出 .pdf/.docx 修订稿或 .xlsx 修改情况说明，而不是“{output.name}”"
        )
    if output is not None and any(_same_file(Path(p), output) for p in (args.old, args.new)):
        return _fail(f"{output.name} 是要比较的文档本身，请为比较结果另取一个文件名")

    def read(path: str) -> Document:
        return read_untrusted(path, lambda note: _warn(f"{Path(path).name}：{note}"))

    old, new = read(args.old), read(args.new)
    comparison = compare_documents(old, new)
    if output is not None and suffix == ".xlsx":
        from goaleditor.formats.writers.change_list import write_change_list

        write_change_list(comparison, Path(args.old).name, Path(args.new).name, output, old)
    elif output is not None and suffix == ".pdf":
        from goaleditor.formats.writers.redline_pdf import write_redline_pdf

        write_redline_pdf(old, new, comparison, output, Path(args.old).name, Path(args.new).name)
    elif output is not None:
        from goaleditor.formats.writers.redline_word import write_redline

        write_redline(old, new, comparison, output)
    _write_stdout("".join(printable(line) + "\n" for line in comparison.lines()))
    return EXIT_OK if comparison.same else EXIT_CHECK_FAILED


# What `diff -o` writes: a PDF or Word redline, or the 修改情况说明 table.
DIFF_OUTPUTS = (".pdf", ".docx", ".xlsx")


def _cmd_library(args: argparse.Namespace) -> int:
    from goaleditor.library.cli import run

    return run(args)


def _cmd_dump(args: argparse.Namespace) -> int:
    from goaleditor.formats.canonical_json import dumps
    from goaleditor.reading import read_untrusted

    _write_stdout(dumps(read_untrusted(args.document, _warn)))
    return EXIT_OK


def _write_stdout(text: str) -> None:
    """UTF-8 on every platform (a Windows console would otherwise pick a code page)."""
    from goaleditor.errors import InputError, os_error_reason

    if sys.stdout is None:  # started with standard output closed (pythonw, >&-)
        raise InputError("无法输出：标准输出已关闭")
    try:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    except BrokenPipeError:  # the reader stopped early (| head): what it wanted, it has
        _quiet_stdout()
    except OSError as exc:
        _quiet_stdout()
        raise InputError(f"无法输出到标准输出：{os_error_reason(exc)}") from None


def _quiet_stdout() -> None:
    """Send what is still buffered nowhere, so that exiting does not fail on it again."""
    import os

    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _cmd_batch(args: argparse.Namespace) -> int:
    from goaleditor.batch.cli import run

    return run(args)


_COMMAND_FUNCTIONS = {
    "import": _cmd_import,
    "export": _cmd_export,
    "check": _cmd_check,
    "dump": _cmd_dump,
    "next-year": _cmd_next_year,
    "self-evaluate": _cmd_self_evaluate,
    "diff": _cmd_diff,
    "batch": _cmd_batch,
    "library": _cmd_library,
}


def _run_editor(args: list[str]) -> int:
    if len(args) > 1:
        return _fail(f"用法错误：只能打开一个文件，收到{len(args)}个（见 --help）")
    _sweep_leftovers(args)
    try:
        from goaleditor.ui.app import run_editor
    except ImportError as exc:
        return _fail(f"无法启动编辑器：缺少Qt组件（{exc}）")
    return run_editor(args[0] if args else None)
