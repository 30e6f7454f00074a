"""`goaleditor library harvest|import|export`: the library from the command line."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from goaleditor import APP_NAME

if TYPE_CHECKING:
    import argparse

    from goaleditor.model.library import IndicatorLibrary

EXIT_OK, EXIT_REFUSED_ROWS = 0, 1


def data_folder() -> Path:
    """The folder the editor keeps the clerk's data in (as Qt's AppDataLocation names it)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_NAME / APP_NAME


def personal_library() -> IndicatorLibrary:
    """The built-in library and the clerk's own, from the editor's data folder."""
    from goaleditor.model.library import PERSONAL_FILE, IndicatorLibrary
    from goaleditor.resources import resources_dir

    builtin = resources_dir() / "library" / "builtin.json"
    return IndicatorLibrary.load(builtin, data_folder() / PERSONAL_FILE)


def add_parser(sub: Any, formatter: type[argparse.HelpFormatter]) -> None:
    """The library command and its three subcommands, on the command line's subparsers."""
    helps = "指标库：从文件收集、从Excel导入、导出为Excel"
    parser = sub.add_parser("library", help=helps, description=helps + "。")
    actions = parser.add_subparsers(dest="action", metavar="操作", required=True)
    harvest = actions.add_parser(
        "harvest",
        help="从一批绩效目标表文件（文件夹含子文件夹）收集指标，写成Excel指标库",
        formatter_class=formatter,
    )
    harvest.add_argument("paths", nargs="+", metavar="PATH", help="文件或文件夹")
    harvest.add_argument("-o", "--output", required=True, metavar="LIB.xlsx", help="写入的指标库")
    harvest.add_argument("--jobs", type=int, default=2, metavar="N", help="同时读取的文件数")
    imports = actions.add_parser(
        "import", help="把Excel指标库（.xlsx/.xls/.ods）导入个人指标库", formatter_class=formatter
    )
    imports.add_argument("source", metavar="LIB.xlsx", help="要导入的指标库工作簿")
    exports = actions.add_parser(
        "export", help="把个人指标库（含内置指标）导出为Excel", formatter_class=formatter
    )
    exports.add_argument("-o", "--output", required=True, metavar="LIB.xlsx", help="写入的工作簿")


def run(args: argparse.Namespace) -> int:
    """Run one library subcommand; returns the exit code."""
    if args.action == "harvest":
        return _harvest(args)
    if args.action == "import":
        return _import(args)
    return _export(args)


def _say(line: str) -> None:
    from goaleditor.errors import printable

    print(f"goaleditor: {printable(line)}", file=sys.stderr)


def _harvest(args: argparse.Namespace) -> int:
    from goaleditor.library.exchange import export_workbook
    from goaleditor.library.harvest import harvest

    refused: list[str] = []
    entries = harvest(args.paths, max(1, args.jobs), lambda _path, why: refused.append(str(why)))
    for line in refused:
        _say(f"跳过：{line}")
    export_workbook(entries, args.output)
    print(f"收集到 {len(entries)} 个指标，写入 {args.output}；{len(refused)} 个文件无法读取")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from goaleditor.library.exchange import import_workbook

    result = import_workbook(args.source, origin="personal")
    library = personal_library()
    added = updated = 0
    for entry in result.entries:
        key = (entry.level2, entry.name)
        old = library.personal.get(key)
        if old == entry:
            continue
        added, updated = (added + 1, updated) if old is None else (added, updated + 1)
        library.personal[key] = entry
    library.save()
    for line in result.refusal_lines():
        _say(f"未导入：{line}")
    print(
        f"导入 {len(result.entries)} 行：新增 {added} 个，更新 {updated} 个；"
        f"{len(result.refused)} 行未导入"
    )
    return EXIT_REFUSED_ROWS if result.refused else EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from goaleditor.library.exchange import export_workbook

    entries = personal_library().entries()
    export_workbook(entries, args.output)
    print(f"导出 {len(entries)} 个指标到 {args.output}")
    return EXIT_OK
