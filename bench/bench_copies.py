"""Cost of keeping copies: one story met from N (source, url) pairs, then the same input again.

    python bench/bench_copies.py [--n 20000] [--outlets 500]

Prints ingest and resolve wall time per run, the copies stored, the incident's article and
source counts, and the peak RSS of the process.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from eventwire.pipeline import Pipeline
from eventwire.resolve.incidents import resolve
from eventwire.runner import ingest
from eventwire.store import Store

STORY = Path(__file__).resolve().parent.parent / "examples" / "01-boat-strike.txt"


def write_copies(path: Path, n: int, outlets: int) -> None:
    text = STORY.read_text(encoding="utf-8")
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            row = {"text": text, "title": "Boat strike", "published": "2025-09-02",
                   "source": f"Outlet {i % outlets}", "url": f"https://outlet{i % outlets}.example/story/{i}"}
            handle.write(json.dumps(row) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--outlets", type=int, default=500)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    write_copies(folder / "copies.jsonl", args.n, args.outlets)
    store, pipeline = Store(folder / "copies.db"), Pipeline()
    for label in ("first run", "same input again"):
        started = time.perf_counter()
        stats = ingest([str(folder / "copies.jsonl")], store, pipeline)
        ingest_s = time.perf_counter() - started
        started = time.perf_counter()
        resolve(store.conn)
        resolve_s = time.perf_counter() - started
        incident = store.rows("SELECT n_articles, n_sources FROM incidents LIMIT 1")
        print(f"{label}: read {stats.read}, new {stats.new}, new copies {stats.copies}, ingest {ingest_s:.2f} s,"
              f" resolve {resolve_s:.2f} s, copies stored {store.counts()['article_copies']}, incident {incident}")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")


if __name__ == "__main__":
    main()
