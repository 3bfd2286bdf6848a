"""Where more worker processes start to pay off: `eventwire ingest --workers 1` against `--workers 2`.

    python bench/bench_workers.py --sizes 6 25 50 100 200 400      # JSONL of real-length articles
    python bench/bench_workers.py --html --sizes 181                 # the Zyte HTML pages (read in the main process)

Each run is a real `eventwire ingest` in a fresh process into a new database, timed from start to
exit (model loading in every worker, reading, extraction, writing and incident resolution included).
The JSONL corpus repeats the articles of ../shared/newsgold/dev.jsonl, each repeat made unique by a
numbered last line, so every article is extracted. The figures go in docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EVENTWIRE = Path(sys.executable).with_name("eventwire")


def jsonl_corpus(path: Path, n: int) -> Path:
    source = [json.loads(line) for line in (SHARED / "newsgold" / "dev.jsonl").open(encoding="utf-8")]
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            item = source[i % len(source)]
            text = item["text"] + (f"\n\nThis is copy {i // len(source)} of the report." if i >= len(source) else "")
            handle.write(json.dumps({"text": text, "published": item.get("published")}) + "\n")
    return path


def html_corpus(folder: Path, n: int) -> Path:
    folder.mkdir()
    for page in sorted((SHARED / "data" / "zyte" / "html").iterdir())[:n]:
        (folder / page.name).symlink_to(page)
    return folder


def run(corpus: Path, workers: int, workdir: Path) -> float:
    db = workdir / f"w{workers}-{time.monotonic_ns()}.db"
    started = time.perf_counter()
    subprocess.run([str(EVENTWIRE), "ingest", str(corpus), "--db", str(db), "--workers", str(workers)],
                   check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[6, 25, 50, 100, 200, 400])
    parser.add_argument("--html", action="store_true", help="Zyte HTML pages instead of JSONL texts")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for n in args.sizes:
            corpus = (html_corpus(workdir / f"html{n}", n) if args.html
                      else jsonl_corpus(workdir / f"corpus{n}.jsonl", n))
            times = {w: min(run(corpus, w, workdir) for _ in range(args.repeat)) for w in (1, 2)}
            print(json.dumps({"articles": n, "kind": "html" if args.html else "jsonl",
                              "workers_1_s": round(times[1], 2), "workers_2_s": round(times[2], 2),
                              "speedup": round(times[1] / times[2], 2)}), flush=True)


if __name__ == "__main__":
    main()
