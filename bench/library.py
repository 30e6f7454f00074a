"""Completion in the tree's 三级 cell on a 50,000-entry library: the time of each keystroke.

A generated library (资金用途 × 二级 × names built from the domain's words) is indexed once;
then words are typed one keystroke at a time, as characters (满, 满意, 满意度), as pinyin
initials (m, my, myd) and as full pinyin (pei, peix…). Each keystroke's completion is timed
beside a plain substring scan over the names (the baseline, measured in the same run,
keystroke by keystroke). Prints median and p95 per keystroke in ms and as ratios (goal,
issue 28: ≤ 16 ms per keystroke).
"""

from __future__ import annotations

import statistics
import sys
import time
from itertools import product
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import Result, Spread
from goaleditor.library.completion import Completer
from goaleditor.library.entries import LibraryEntry, Source, ValuesSeen
from goaleditor.library.search import SearchIndex

GOAL_MS = 16.0
ENTRIES = 50_000
ROUNDS = 5

FUND_USES = ("会议培训", "调研课题", "信息化建设与运维", "设备购置", "监督检查", "宣传",
             "物业与运行保障", "工程建设", "补助发放", "专项业务")  # fmt: skip
LEVEL2S = ("数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标", "社会效益指标",
           "生态效益指标", "可持续影响指标", "服务对象满意度指标")  # fmt: skip
SCOPES = ("市级", "区级", "基层", "重点", "年度", "季度", "专项", "全市", "社区", "农村", "城区",
          "新增", "在用", "公共", "应急", "日常", "线上", "线下", "集中", "定期")  # fmt: skip
SUBJECTS = ("培训", "会议", "设备", "系统", "平台", "课题", "检查", "工程", "补助", "宣传",
            "服务", "维护", "采购", "调研", "档案", "数据", "网络", "车辆", "场馆", "物业",
            "资金", "项目", "活动", "监测", "执法")  # fmt: skip
MEASURES = ("满意度", "完成率", "覆盖率", "数量", "合格率", "及时率", "成本", "次数", "人次",
            "故障率", "验收合格率", "按时完成率", "使用率", "知晓率", "达标率", "增长率",
            "投诉率", "响应时间", "建设进度", "资金到位率")  # fmt: skip

# What a clerk types, keystroke by keystroke: characters, pinyin initials, full pinyin.
TYPED = ("满意度", "培训人次", "设备故障率", "mydd", "pxrc", "sbgzl", "peixun", "manyidu")


def generated_library(size: int = ENTRIES) -> list[LibraryEntry]:
    """size distinct entries spread over the 资金用途 and 二级, with frequencies."""
    entries = []
    for n, (scope, subject, measure) in enumerate(product(SCOPES, SUBJECTS, MEASURES)):
        for k, fund_use in enumerate(FUND_USES):
            if len(entries) >= size:
                return entries
            seen = ValuesSeen(count=(n * 7 + k) % 23)
            entries.append(
                LibraryEntry(
                    level2=LEVEL2S[(n + k) % len(LEVEL2S)],
                    name=f"{scope}{subject}{measure}" + ("" if k == 0 else f"（{fund_use}）"),
                    fund_use=fund_use,
                    values_seen=seen,
                    sources=(Source(file=f"{k}.goals"),) * (n % 3),
                    origin="harvest",
                )
            )
    return entries


def keystrokes() -> list[str]:
    """Every prefix of every typed word: what the cell holds after each key."""
    return [word[:end] for word in TYPED for end in range(1, len(word) + 1)]


def measure(size: int = ENTRIES, rounds: int = ROUNDS) -> dict[str, object]:
    """Per-keystroke times (s) of completion and of the substring scan, interleaved."""
    library = generated_library(size)
    started = time.perf_counter()
    index = SearchIndex(library)
    completer = Completer(index)
    completer.set_context("服务对象满意度指标", "2026年市级培训项目 组织培训提升参训人员满意度")
    completer.complete("满")  # the project-word index is built on first use, once
    build_s = time.perf_counter() - started
    names = [e.name for e in library]

    def scan(typed: str) -> list[str]:
        return [n for n in names if typed in n][:20]

    ours: list[float] = []
    ours_cpu: list[float] = []
    theirs: list[float] = []
    found: dict[str, int] = {}
    for _ in range(rounds):
        for typed in keystrokes():
            wall, cpu = time.perf_counter(), time.process_time()
            found[typed] = len(completer.complete(typed))
            ours.append(time.perf_counter() - wall)
            ours_cpu.append(time.process_time() - cpu)
            wall = time.perf_counter()
            scan(typed)
            theirs.append(time.perf_counter() - wall)
    return {
        "size": len(library),
        "build_s": build_s,
        "ours": ours,
        "ours_cpu": ours_cpu,
        "theirs": theirs,
        "found": found,
    }


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def results(size: int = ENTRIES, rounds: int = ROUNDS) -> list[Result]:
    """Two rows: the median and the p95 keystroke, in ms, beside the substring scan's."""
    figures = measure(size, rounds)
    ours, cpu, theirs = (
        [t * 1000 for t in figures[k]]  # type: ignore[attr-defined]
        for k in ("ours", "ours_cpu", "theirs")
    )
    rows = []
    for label, pick in (("median", statistics.median), ("p95", _p95)):
        ratio = pick(ours) / pick(theirs)
        rows.append(
            Result(
                path=f"library completion per keystroke ({label}), {figures['size']:,} entries",
                now=Spread(pick(ours), min(ours), max(ours)),
                unit=" ms",
                alternative=f"a plain substring scan of the names {pick(theirs):.2f} ms "
                f"(ours {ratio:.2f}×)",
                goal=GOAL_MS,
                cpu=Spread(pick(cpu), min(cpu), max(cpu)),
            )
        )
    return rows


def main() -> None:
    figures = measure()
    ours, theirs = figures["ours"], figures["theirs"]
    print(f"{figures['size']:,} entries; index built in {figures['build_s'] * 1000:.0f} ms")
    print(f"matches offered per keystroke: {figures['found']}")
    for label, pick in (("median", statistics.median), ("p95", _p95)):
        a, b = pick(ours) * 1000, pick(theirs) * 1000  # type: ignore[arg-type]
        print(f"{label:6}: completion {a:7.3f} ms, substring scan {b:7.3f} ms, ratio {a / b:.2f}×")
    worst = max(ours) * 1000  # type: ignore[type-var]
    print(f"worst keystroke {worst:.2f} ms; goal ≤ {GOAL_MS:g} ms per keystroke")


if __name__ == "__main__":
    main()
