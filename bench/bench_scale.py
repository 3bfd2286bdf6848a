"""Scale benchmarks: speed-up with worker processes and Dask, and memory over long streams.

    python bench/bench_scale.py speedup --n 1200        # 1 worker vs 2 workers vs Dask local cluster
    python bench/bench_scale.py memory --n 1000          # peak RSS of a one-process ingest of N articles
    python bench/bench_scale.py memory --n 100000

Articles are generated (short wire-style reports from templates, deterministic by seed) into a
JSONL file, so the readers stream them as they would a real feed. Each measurement runs in a fresh
Python process; peak memory is that process's maximum resident set size.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ACTORS = ["Police", "Soldiers", "Rebels", "Protesters", "Government forces", "Gunmen", "Militants", "Officials",
          "The army", "Security forces", "Demonstrators", "Ministers"]
TARGETS = ["a convoy", "villagers", "a market", "an army post", "a checkpoint", "students", "a police station",
           "the opposition", "a fishing boat", "workers"]
VERBS = ["attacked", "shelled", "arrested", "met with", "accused", "threatened", "clashed with", "protested against",
         "criticized", "negotiated with", "raided", "detained"]
PLACES = ["Goma", "Kano", "Mosul", "Aleppo", "Kandahar", "Mogadishu", "Bamako", "Juba", "Caracas", "Lagos", "Kyiv",
          "Tripoli", "Sanaa", "Maiduguri", "Gao"]
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday", "last week"]
TAILS = ["killing {n} people", "wounding {n} others", "witnesses said", "officials said", "according to local media",
         "a spokesman said"]


def article(i: int, rng: random.Random) -> dict[str, str]:
    sentences = []
    for _ in range(rng.randint(2, 4)):
        tail = rng.choice(TAILS).format(n=rng.randint(1, 40))
        sentences.append(f"{rng.choice(ACTORS)} {rng.choice(VERBS)} {rng.choice(TARGETS)} in {rng.choice(PLACES)} "
                         f"{rng.choice(DAYS)}, {tail}.")
    return {"text": f"Report {i}. " + " ".join(sentences), "published": f"2025-{rng.randint(1, 12):02d}-"
            f"{rng.randint(1, 28):02d}", "source": f"wire{i % 7}.example", "url": f"https://example.org/{i}"}


def write_corpus(path: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            handle.write(json.dumps(article(i, rng)) + "\n")


CHILD = r"""
import json, resource, sys, time
from pathlib import Path
mode, corpus, db, workers = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
from eventwire.store import Store
started = time.perf_counter()
if mode == "dask":
    from eventwire import scale
    shards = Path(db).with_suffix(".shards")
    store = Store(db)
    stats = scale.ingest_dask([corpus], shards, n_workers=workers, store=store)
    store.close()
    n = stats.articles
elif workers == 1:
    from eventwire.pipeline import Pipeline
    from eventwire.runner import ingest
    store = Store(db); n = ingest([corpus], store, Pipeline()).new; store.close()
else:
    from eventwire import scale
    store = Store(db); n = scale.ingest_parallel([corpus], store, workers=workers).new; store.close()
seconds = time.perf_counter() - started
print(json.dumps({"articles": n, "seconds": round(seconds, 2),
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))
"""


def run_child(mode: str, corpus: Path, workdir: Path, workers: int) -> dict[str, float]:
    db = workdir / f"{mode}-{workers}.db"
    for stale in workdir.glob(f"{mode}-{workers}*"):
        shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
    done = subprocess.run([sys.executable, "-c", CHILD, mode, str(corpus), str(db), str(workers)],
                          capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["speedup", "memory"])
    parser.add_argument("--n", type=int, default=1200)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="eventwire-bench-"))
    corpus = workdir / "corpus.jsonl"
    write_corpus(corpus, args.n)
    report: dict[str, object] = {"articles": args.n}
    if args.what == "speedup":
        one = run_child("local", corpus, workdir, 1)
        two = run_child("local", corpus, workdir, 2)
        dask = run_child("dask", corpus, workdir, 2)
        report.update({"workers_1": one, "workers_2": two, "dask_local_2": dask,
                       "speedup_2_over_1": round(one["seconds"] / two["seconds"], 3),
                       "dask_over_workers": round(dask["seconds"] / two["seconds"], 3)})
    else:
        started = time.perf_counter()
        report["one_process"] = run_child("local", corpus, workdir, 1)
        report["wall_seconds"] = round(time.perf_counter() - started, 1)
    report["bench_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(report, indent=2))
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
