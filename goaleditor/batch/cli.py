"""`goaleditor batch check|export`: the command line's batch (its parser and its body); one
line per file on stdout as it finishes, a progress bar on a terminal's stderr, Ctrl+C stops
with what was done written."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse
    from concurrent.futures import Executor

    from goaleditor.batch.jobs import Exported
    from goaleditor.batch.results import FileResult
    from goaleditor.batch.sources import Walk

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
EXPORT_FORMATS = ("pdf", "xlsx", "docx")
NOT_OVERWRITTEN = "已存在，未覆盖（确需覆盖请加 --force）"


def add_parser(sub: Any, formatter: Any, wrapped: Callable[[str], str]) -> None:
    """`batch` and its two actions, on the command line's subparsers."""
    from goaleditor.model.layout_names import LAYOUT_NAMES

    summary = "批量检查或导出一个文件夹的文档（各部门、各单位报来的表）"
    batch = sub.add_parser(
        "batch",
        help=summary,
        description=wrapped(
            f"{summary}：文件夹逐层查找，.zip压缩包逐个展开，可导入的格式都读取；"
            "多个进程同时处理，每个文件完成时输出一行，读不了的文件也是一行，不会中断。"
            "有文件无法读取或有错误时退出码为1；Ctrl+C中止时已完成的照样写出，退出码130。"
        ),
        formatter_class=formatter,
    )
    actions = batch.add_subparsers(
        dest="batch_command", parser_class=type(batch), metavar="操作", required=True
    )
    check_help = "读取并检查每个文件：单位、表数、金额（万元）、错误/警告/提示数"
    check = actions.add_parser("check", help=check_help, description=check_help + "。")
    _common(check)
    check.add_argument(
        "-o",
        "--output",
        metavar="SUMMARY.xlsx",
        help="另写汇总工作簿：每个文件一行、每条规则一张表、自评得分和等级、可用于公开的数字",
    )
    export_help = "把每个可读取的文档导出为PDF、Excel或Word，文件名取自单位和项目名称"
    export = actions.add_parser("export", help=export_help, description=export_help + "。")
    _common(export)
    export.add_argument("--to", required=True, choices=EXPORT_FORMATS, help="导出的格式")
    export.add_argument("-o", "--output", required=True, metavar="DIR", help="写入的文件夹")
    export.add_argument(
        "--layout",
        choices=LAYOUT_NAMES,
        metavar="LAYOUT",
        help=f"按另一地区的版式输出：{'、'.join(LAYOUT_NAMES)}",
    )
    export.add_argument("--force", action="store_true", help="覆盖文件夹中已有的同名文件")
    export.add_argument(
        "--combined", metavar="ALL.pdf", help="另写一个合并的PDF，每个文件一个书签（--to pdf）"
    )
    export.add_argument("--summary", metavar="SUMMARY.xlsx", help="另写汇总工作簿（同 check -o）")


def _common(parser: Any) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="文件、文件夹或.zip压缩包")
    parser.add_argument(
        "--jobs", type=_positive, metavar="N", help="同时处理的文件数（默认：本机的处理器核数）"
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="在Dask集群上处理（调度器地址，如 tcp://10.0.0.5:8786；需安装 goaleditor[cluster]）",
    )


def _positive(text: str) -> int:
    import argparse

    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"应为正整数，而不是 {text!r}")
    return number


def run(args: argparse.Namespace) -> int:
    """Run `batch check` or `batch export`; returns the exit code."""
    refused = _refused(args)
    if refused:
        return _say(refused, EXIT_USAGE)
    from goaleditor.batch.results import mark_repeats
    from goaleditor.batch.sources import Walk
    from goaleditor.errors import printable

    walk = Walk(args.paths, leave_out=_own_outputs(args))
    results: list[FileResult] = []
    seen: dict[str, str] = {}  # fingerprint → the first file with that content
    exporting = args.batch_command == "export"
    outputs = _Outputs(args) if exporting else None
    with (
        _Interrupt() as interrupt,
        _executor(args) as (executor, jobs, as_content),
        _progress(args.paths) as advance,
    ):
        stream = _stream(args, walk, executor, jobs, as_content, interrupt.requested)
        try:
            for item in stream:
                if outputs is not None:
                    result, line = outputs.write(item)
                    result = mark_repeats(result, seen)
                    if result.same_as:  # said before the output's name, which stays last
                        said = f"重复：与{printable(result.same_as)}内容相同"
                        head, arrow, name = line.rpartition("\t→ ")
                        line = f"{head}\t{said}{arrow}{name}" if arrow else f"{line}\t{said}"
                else:
                    result = mark_repeats(item, seen)
                    line = result.line()
                results.append(result)
                _print(line)
                advance()
        except KeyboardInterrupt:  # a second Ctrl+C: stop at once, what is done still written
            interrupt.stopped = True
        finally:
            stream.close()
    return _finish(args, results, walk, outputs, interrupt.stopped)


class _Interrupt:
    """Ctrl+C asks the run to stop (the files being read are dropped, what is done is kept);
    a second Ctrl+C interrupts at once."""

    def __init__(self) -> None:
        self.stopped = False
        self._previous: Any = None

    def requested(self) -> bool:
        """True once Ctrl+C was pressed."""
        return self.stopped

    def _stop(self, _signum: int, _frame: object) -> None:
        import signal

        self.stopped = True
        signal.signal(signal.SIGINT, signal.default_int_handler)

    def __enter__(self) -> _Interrupt:
        import signal
        import threading

        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._stop)
        return self

    def __exit__(self, *exc: object) -> None:
        import signal

        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)


def _stream(
    args: argparse.Namespace,
    walk: Walk,
    executor: Executor | None,
    jobs: int,
    as_content: bool,
    cancel: Callable[[], bool],
) -> Generator[Any, None, None]:
    from goaleditor.batch.running import check_files, export_files

    if args.batch_command == "export":
        layout = args.layout or ""
        found: Generator[Any, None, None] = export_files(
            [], f".{args.to}", layout, jobs, executor, cancel, walk=walk, as_content=as_content
        )
    else:
        found = check_files([], jobs, executor, cancel, walk=walk, as_content=as_content)
    return found


def _finish(
    args: argparse.Namespace,
    results: list[FileResult],
    walk: Walk,
    outputs: _Outputs | None,
    interrupted: bool,
) -> int:
    """The summary, the combined PDF, the closing lines on stderr; the exit code."""
    summary = args.output if args.batch_command == "check" else args.summary
    written = []
    if summary:
        from goaleditor.batch.summary import write_summary

        write_summary(results, summary, interrupted=interrupted)
        written.append(f"汇总已写入 {summary}")
    if outputs is not None:
        written += outputs.finish()
    if walk.skipped:
        first = "、".join(Path(name).name for name in walk.skipped[:3])
        more = "等" if len(walk.skipped) > 3 else ""
        _say(f"跳过{len(walk.skipped)}个不是可读取格式的文件（{first}{more}）")
    said = "；".join(written)
    if interrupted:
        _say(f"已中止：处理完{len(results)}个文件" + (f"，{said}" if said else ""))
        return EXIT_INTERRUPTED
    if said:
        _say(said)
    unread = sum(1 for r in results if not r.readable)
    with_errors = sum(1 for r in results if r.readable and r.errors)
    failed = outputs.failed if outputs is not None else 0
    _say(
        f"共{len(results)}个文件：无法读取{unread}个，有错误{with_errors}个"
        + (f"，未导出{failed}个" if outputs is not None else "")
    )
    return EXIT_PROBLEMS if unread or with_errors or failed else EXIT_OK


def _own_outputs(args: argparse.Namespace) -> frozenset[Path]:
    """What the run writes (resolved): the summary, the export folder, the combined PDF."""
    summary = args.output if args.batch_command == "check" else args.summary
    written = [summary]
    if args.batch_command == "export":
        written += [args.output, args.combined]
    return frozenset(Path(path).resolve() for path in written if path)


def _overwrites_an_input(args: argparse.Namespace) -> str:
    """The output that is one of the files given to read ("" when none is)."""
    given = {Path(path).resolve() for path in args.paths if not Path(path).is_dir()}
    summary = args.output if args.batch_command == "check" else args.summary
    written = [summary, args.combined if args.batch_command == "export" else None]
    return next((str(path) for path in written if path and Path(path).resolve() in given), "")


def _refused(args: argparse.Namespace) -> str:
    """Why the options cannot be done ("" when they can), before any file is read."""
    summary = args.output if args.batch_command == "check" else args.summary
    overwritten = _overwrites_an_input(args)
    if overwritten:
        return f"{overwritten} 是要读取的文件之一，不能写入汇总或合并的PDF（会覆盖它）"
    if summary and Path(summary).suffix.lower() != ".xlsx":
        return f"汇总工作簿应为 .xlsx 文件，而不是“{Path(summary).name}”"
    if summary and Path(summary).is_dir():  # found before the files are read, not after
        return f"{summary} 是文件夹：汇总工作簿应为 .xlsx 文件"
    export_folder = Path(args.output).resolve() if args.batch_command == "export" else None
    summary_folder = Path(summary).resolve().parent if summary else None
    if summary_folder and not summary_folder.is_dir() and summary_folder != export_folder:
        return f"无法写入汇总工作簿：文件夹 {summary_folder} 不存在"
    if args.batch_command != "export":
        return ""
    folder = Path(args.output)
    if folder.exists() and not folder.is_dir():
        return f"{folder} 不是文件夹：-o 应为写入导出文件的文件夹"
    if args.combined:
        combined = Path(args.combined)
        if args.to != "pdf" or combined.suffix.lower() != ".pdf":
            return "--combined 只能与 --to pdf 同用，并写入 .pdf 文件"
        if combined.exists() and not args.force:
            return f"{combined.name} {NOT_OVERWRITTEN}"
    return ""


class _Outputs:
    """A batch export's folder: each readable document written under a name of its own;
    the combined PDF gathered as files come."""

    def __init__(self, args: argparse.Namespace) -> None:
        from goaleditor.batch.naming import Names

        self.folder = Path(args.output)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.suffix = f".{args.to}"
        self.force = bool(args.force)
        self.names = Names()
        for own in (args.summary, args.combined):  # written last: no export may take its name
            if own and Path(own).resolve().parent == self.folder.resolve():
                self.names.reserve(Path(own).name)
        self.written = self.failed = 0
        self.combined_path = args.combined
        self.combined: Any = None
        if args.combined:
            from goaleditor.batch.combined import CombinedPdf

            self.combined = CombinedPdf()

    def write(self, exported: Exported) -> tuple[FileResult, str]:
        """Write one file's output; its result and its line."""
        from goaleditor.batch.naming import stem_for
        from goaleditor.errors import io_failure, printable
        from goaleditor.files.atomic import atomic_write_bytes

        result = exported.result
        if exported.content is None:
            self.failed += 1
            if not result.readable:
                return result, result.line()
            return result, f"{printable(result.name)}\t未导出\t{exported.failure}"
        name = self.names.take(stem_for(result), self.suffix)
        target = self.folder / name
        if target.exists() and not self.force:
            self.failed += 1
            return result, f"{printable(result.name)}\t未导出\t{name} {NOT_OVERWRITTEN}"
        try:
            atomic_write_bytes(target, exported.content)
        except OSError as exc:
            self.failed += 1
            return result, f"{printable(result.name)}\t未导出\t{io_failure(exc)}"
        self.written += 1
        if self.combined is not None:
            self.combined.add(Path(name).stem, exported.content)
        return result, f"{result.line()}\t→ {name}"

    def finish(self) -> list[str]:
        """Write the combined PDF; what was written, as lines."""
        said = [f"导出{self.written}个文件到 {self.folder}"]
        if self.combined is not None and self.combined.files:
            self.combined.write(self.combined_path)
            said.append(f"合并的PDF（{self.combined.files}个文件）已写入 {self.combined_path}")
        return said


@contextlib.contextmanager
def _executor(args: argparse.Namespace) -> Iterator[tuple[Executor | None, int, bool]]:
    """Where the jobs run: the local process pool (None), or a Dask cluster's workers (files
    sent as content: its workers need not see this disk)."""
    from goaleditor.batch.running import default_jobs

    if not args.scheduler:
        yield None, args.jobs or default_jobs(), False
        return
    from goaleditor.batch.cluster import Cluster

    with Cluster(args.scheduler) as cluster:
        yield cluster.executor, args.jobs or cluster.threads, True


@contextlib.contextmanager
def _progress(paths: list[str]) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr when it is a terminal (rich); the step to call per file."""
    if sys.stderr is None or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from goaleditor.batch.sources import count_files

    total = count_files(paths)
    columns = (BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("批量处理", total=total or None)
        yield lambda: progress.advance(task)


def _print(line: str) -> None:
    """One line on stdout, at once (UTF-8 whatever the console; a closed pipe ends quietly)."""
    text = line.replace("\n", " ")
    if sys.stdout is None:
        return
    try:
        if sys.stdout.isatty():  # through print: a live progress bar keeps below the lines
            print(text, flush=True)
        else:
            sys.stdout.buffer.write((text + "\n").encode("utf-8"))
            sys.stdout.flush()
    except (BrokenPipeError, ValueError):
        return


def _say(message: str, code: int = EXIT_OK) -> int:
    from goaleditor.errors import printable

    print(f"goaleditor: {printable(message)}", file=sys.stderr)
    return code
