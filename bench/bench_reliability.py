"""Reliability figures for docs/BENCHMARKS.md: what one huge input costs, measured on a real ingest.

    .venv/bin/python bench/bench_reliability.py [--mb 1] [--bad-lines 200000]

1. A single-paragraph text of ``--mb`` MB (the examples' sentences repeated, no line breaks: the worst
   case for the part splitter) ingested by ``eventwire ingest --workers 1`` in a child process: wall
   time, the child's peak resident memory, the parts stored and the errors rows.
2. A .jsonl.gz of ``--bad-lines`` ``{}`` lines: time, and how many errors rows it leaves (one).
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVENTWIRE = [sys.executable, "-m", "eventwire.cli"]


def one_paragraph(size: int) -> str:
    bodies = [re.sub(r"\A---.*?---\n", "", p.read_text(encoding="utf-8"), flags=re.S)
              for p in sorted((ROOT / "examples").glob("*.txt"))]
    text = " ".join(" ".join(bodies).split())
    return ((text + " ") * (size // len(text) + 1))[:size].rsplit(" ", 1)[0]


def run(args: list[str]) -> tuple[float, int]:
    started = time.perf_counter()
    done = subprocess.run([*EVENTWIRE, *args], capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    return time.perf_counter() - started, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--bad-lines", type=int, default=200_000)
    options = parser.parse_args()
    out: dict[str, object] = {"cpu": os.cpu_count()}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big = folder / "big.txt"
        big.write_text(one_paragraph(int(options.mb * 1_000_000)), encoding="utf-8")
        db = folder / "big.db"
        seconds, code = run(["ingest", str(big), "--db", str(db), "--workers", "1"])
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        conn = sqlite3.connect(db)
        out["big_text"] = {
            "characters": len(big.read_text(encoding="utf-8")), "seconds": round(seconds, 1), "exit_code": code,
            "peak_rss_mb": round(peak_mb), "articles": conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0],
            "events": conn.execute("SELECT COUNT(*) FROM events").fetchone()[0],
            "errors": [tuple(r) for r in conn.execute("SELECT reason, count FROM errors")],
        }
        conn.close()
        bad = folder / "bad.jsonl.gz"
        with gzip.open(bad, "wt", encoding="utf-8") as handle:
            handle.write("{}\n" * options.bad_lines)
        db = folder / "bad.db"
        seconds, code = run(["ingest", str(bad), "--db", str(db), "--workers", "1"])
        again, _ = run(["ingest", str(bad), "--db", str(db), "--workers", "1"])
        conn = sqlite3.connect(db)
        out["bad_lines"] = {
            "lines": options.bad_lines, "file_bytes": bad.stat().st_size, "seconds": round(seconds, 1),
            "rerun_seconds": round(again, 1), "exit_code": code,
            "errors_rows": conn.execute("SELECT COUNT(*) FROM errors").fetchone()[0],
            "count": conn.execute("SELECT SUM(count) FROM errors").fetchone()[0],
        }
        conn.close()
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
