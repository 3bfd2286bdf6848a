"""A real ingest killed with SIGKILL: its workers end with it, the database is intact, a re-run gives
the same rows as an uninterrupted run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.store import Store

ROOT = Path(__file__).resolve().parents[1]
ENV = {"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"}
COMPARED = {
    "articles": "id, url, source, title, published, anchor, text, captions",
    "events": "*",
    "actors": "*",
    "places": "*",
    "quotes": "*",
    "timexes": "*",
    "incidents": "*",
    "errors": "path, line, reason, count",
}


def snapshot(db: Path) -> dict[str, list[tuple]]:
    with Store(db) as store:
        return {table: sorted(tuple(r) for r in store.conn.execute(f"SELECT {columns} FROM {table}"))
                for table, columns in COMPARED.items()}


def corpus(folder: Path) -> Path:
    folder.mkdir()
    for example in sorted((ROOT / "examples").glob("*.txt")):
        (folder / example.name).write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    towns = ["Goma", "Bunia", "Beni", "Butembo", "Uvira", "Bukavu", "Kisangani", "Kindu"]
    for i, town in enumerate(towns):
        (folder / f"x{i}.txt").write_text(
            f"---\npublished: 2025-03-0{i + 1}\n---\nRebels attacked a convoy near {town} on Monday, killing "
            f"{i + 2} soldiers, officials said. Police arrested {i + 1} suspects in {town} on Tuesday.\n",
            encoding="utf-8")
    (folder / "bad.jsonl").write_text("{}\n{}\nnot json\n", encoding="utf-8")
    return folder


def _rows(db: Path, table: str) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)
        try:
            return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def test_sigkill_of_a_parallel_ingest_ends_its_workers_and_a_rerun_completes_it_exactly(tmp_path, nlp):
    psutil = pytest.importorskip("psutil")
    folder = corpus(tmp_path / "in")
    reference = tmp_path / "reference.db"
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(reference), "--workers", "1"], env=ENV)
    assert result.exit_code == 1, result.output  # bad.jsonl: some inputs failed, the rest went in

    killed = tmp_path / "killed.db"
    process = subprocess.Popen(
        [sys.executable, "-m", "eventwire.cli", "ingest", str(folder), "--db", str(killed), "--workers", "2",
         "--batch-size", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **ENV})
    parent = psutil.Process(process.pid)
    deadline = time.monotonic() + 120
    workers: list = []
    while time.monotonic() < deadline and process.poll() is None:
        workers = [c for c in parent.children(recursive=True) if c.is_running()]
        if _rows(killed, "articles") >= 2 and len(workers) >= 2:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the ingest finished before it could be killed"
    assert _rows(killed, "articles") < _rows(reference, "articles")
    process.send_signal(signal.SIGKILL)
    process.wait(10)

    _, alive = psutil.wait_procs(workers, timeout=10)
    assert alive == [], f"workers outlived their parent: {alive}"
    conn = sqlite3.connect(killed)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()

    rerun = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(killed), "--workers", "1"], env=ENV)
    assert rerun.exit_code == 1, rerun.output
    assert snapshot(killed) == snapshot(reference)
