"""kill -9 of a process that is writing a .goals file: the file is always whole."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from goaleditor.formats.canonical_json import dumps
from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.model.store import load_document, save_document

ROOT = Path(__file__).resolve().parents[2]

# The child alternates between two documents, saving over the same path forever.
CHILD = """
import sys
from goaleditor.formats.canonical_json import loads
from goaleditor.model.store import save_document
docs = [loads(open(p, encoding='utf-8').read()) for p in sys.argv[2:4]]
save_document(docs[0], sys.argv[1] + '.warm')  # load the SQL modules before the kills
print('ready', flush=True)
n = 0
while True:
    save_document(docs[n % 2], sys.argv[1])
    n += 1
"""


def _big_document(tag: str, tables: int = 40) -> Document:
    rows = [
        ("产出指标", "数量指标", Indicator(f"{tag}指标{i}", "描述" * 20, "≥", str(i), "个"))
        for i in range(20)
    ]
    return Document(
        agency_name=tag,
        tables=[
            GoalTable.from_rows([(a, b, c.clone()) for a, b, c in rows], project_name=f"{tag}{n}")
            for n in range(tables)
        ],
    )


@pytest.mark.slow
def test_kill_during_save_never_damages_file(tmp_path: Path) -> None:
    docs = [_big_document("甲"), _big_document("乙")]
    expected = {dumps(d) for d in docs}
    sources = []
    for n, doc in enumerate(docs):
        source = tmp_path / f"src{n}.json"
        source.write_text(dumps(doc), encoding="utf-8")
        sources.append(str(source))
    target = tmp_path / "doc.goals"
    save_document(docs[0], target)
    rng = random.Random(20261123)
    seen = []
    for _ in range(40):  # two documents alternating: all 40 kills on one is 2**-39
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(target), *sources],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        with sqlite3.connect(target) as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        now = dumps(load_document(target))
        assert now in expected
        seen.append(now)
    assert set(seen) == expected, "the kills never landed between two saves"
    leftovers = [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    # A killed writer may leave its temporary file behind; it never replaces the document.
    assert all(".goaleditor-tmp" in p.name for p in leftovers)
