"""Excel export of 1000 tables against a naive openpyxl export measured in the same run.

The naive export writes cell by cell with style objects assigned per cell and one
merge_cells call per merge, one sheet per table. Target: at most 0.5x its time.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("GOALEDITOR_BUNDLED_FONTS", "1")

from bench.common import Result, big_document
from goaleditor.formats.writers.excel import write
from goaleditor.model.document import Document
from goaleditor.model.money import format_money


def naive(document: Document, path: Path) -> None:
    """The obvious openpyxl export of the same layout (style objects made once, set per cell)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    book = Workbook()
    book.remove(book.active)
    thin = Side(style="thin")
    font = Font(name="宋体", size=10.5)
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    alignment = Alignment(wrap_text=True, vertical="center")
    for number, table in enumerate(document.tables, 1):
        sheet = book.create_sheet(f"{number}")
        values = [
            [f"{number}.{table.project_name}绩效目标表"],
            [document.agency_name, None, None, None, None, None, f"单位：{table.money_unit}"],
            ["项目名称", table.project_name],
            [
                "预算规模及资金用途",
                "预算数",
                format_money(table.budget_total),
                "其中：财政资金",
                format_money(table.budget_fiscal),
                "其他资金",
                format_money(table.budget_other),
            ],
            [None, table.fund_use],
            ["绩效目标", table.goal],
            ["一级指标", "二级指标", "三级指标", "绩效指标描述", None, "指标值"],
        ]
        merges = ["A1:G1", "B3:G3", "A4:A5", "B5:G5", "B6:G6", "D7:E7", "F7:G7"]
        for l1, l2, ind in table.indicator_rows():
            row = len(values) + 1
            values.append([l1, l2, ind.name, ind.description, None, ind.display])
            merges += [f"D{row}:E{row}", f"F{row}:G{row}"]
        for r, row_values in enumerate(values, 1):
            for c, value in enumerate(row_values, 1):
                cell = sheet.cell(row=r, column=c, value=value)
                cell.font = font
                cell.border = border
                cell.alignment = alignment
        for merge in merges:
            sheet.merge_cells(merge)
    book.save(path)


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    document = big_document(1000)
    folder = Path(tempfile.mkdtemp())
    naive_time = timed(lambda: naive(document, folder / "naive.xlsx"))
    export_time = timed(lambda: write(document, folder / "export.xlsx"))
    print(f"naive openpyxl export (baseline):   {naive_time:6.2f} s")
    print(f"goaleditor export (目录, print setup): {export_time:6.2f} s")
    print(f"ratio export / naive:               {export_time / naive_time:6.2f}x (target <= 0.5x)")


def results(tables: int = 1000, rounds: int = 3) -> list[Result]:
    """Issue 26's row from this bench: the export against the naive openpyxl export (not the
    issue's XlsxWriter, so not judged), interleaved rounds."""
    from bench.common import interleaved, ratios

    document = big_document(tables)
    folder = Path(tempfile.mkdtemp())
    times = interleaved(
        rounds,
        {
            "naive": lambda: naive(document, folder / "naive.xlsx"),
            "export": lambda: write(document, folder / "export.xlsx"),
        },
    )
    wall, cpu = ratios(times["export"], times["naive"])
    return [
        Result(
            path=f"Excel export, {tables} tables",
            now=wall,
            alternative="naive openpyxl export",
            goal=1.0,
            cpu=cpu,
            note="the issue's goal is against XlsxWriter writing the same cells: not judged here",
            judged=False,
        )
    ]


if __name__ == "__main__":
    main()
