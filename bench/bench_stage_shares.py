"""Each extraction stage's cost as a share of spaCy's, in process CPU time, over documents parsed once.

    .venv/bin/python bench/bench_stage_shares.py [--n 400] [--passes 3]

CPU time of this process is steadier than wall time on a machine whose cores other jobs share, and a
share (stage time / spaCy time, both in one process) is steadier than either. To compare two code
states, run two copies side by side with ``PYTHONPATH`` pointing at each one's ``src/``.
Prints bare spaCy's best CPU time over two parses (the stock model; eventwire's own parse, with the
attribute ruler applied through a table, beside it), then each stage's seconds and share in the best of
``--passes`` extraction passes, the glue (Record building, anchor) and the total.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_throughput import load_texts  # noqa: E402


def _timed(name: str, fn: Callable[..., Any], totals: dict[str, float]) -> Callable[..., Any]:
    def wrapper(doc: Any, ctx: Any) -> Any:
        started = time.process_time()
        try:
            return fn(doc, ctx)
        finally:
            totals[name] += time.process_time() - started

    return wrapper


def one_pass(pipeline_module: Any, docs: list[Any], articles: list[Any]) -> dict[str, float]:
    """Extract every document once with each stage timed; the docs' caches are emptied first."""
    totals: dict[str, float] = defaultdict(float)
    stages, events = pipeline_module.STAGES, pipeline_module.extract_events
    pipeline_module.STAGES = tuple((name, _timed(name, fn, totals)) for name, fn in stages)
    pipeline_module.extract_events = _timed("events", events, totals)
    try:
        for doc in docs:
            doc.user_data.clear()
        started = time.process_time()
        for doc, article in zip(docs, articles, strict=True):
            pipeline_module.extract(doc, article)
        totals["all extraction"] = time.process_time() - started
    finally:
        pipeline_module.STAGES, pipeline_module.extract_events = stages, events
    totals["glue"] = totals["all extraction"] - sum(v for k, v in totals.items() if k != "all extraction")
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=400)
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()

    import eventwire
    from eventwire import pipeline as pipeline_module
    from eventwire.clean import clean_text
    from eventwire.model import Article
    from eventwire.nlp import stock

    texts, source = load_texts(args.n)
    articles = []
    for text in texts:
        cleaned = clean_text(text)
        articles.append(Article(text=cleaned.text, captions=cleaned.captions, published="2016-01-01"))
    pipe = pipeline_module.Pipeline(batch_size=32)
    bare = stock()  # bare spaCy: the stock model, as the throughput benchmarks compare with
    list(pipe.pipe(articles[:8]))  # warm up: lexicons, gazetteer, knowledge files
    spacy_seconds = parse_seconds = float("inf")
    for _ in range(2):
        started = time.process_time()
        list(bare.pipe([a.analysis_text() for a in articles], batch_size=32))
        spacy_seconds = min(spacy_seconds, time.process_time() - started)
        started = time.process_time()
        docs = list(pipe.nlp.pipe([a.analysis_text() for a in articles], batch_size=32))
        parse_seconds = min(parse_seconds, time.process_time() - started)
    best = min((one_pass(pipeline_module, docs, articles) for _ in range(args.passes)),
               key=lambda totals: totals["all extraction"])
    print(f"{source}; code from {Path(eventwire.__file__).parent}")
    print(f"spaCy {spacy_seconds:.2f} s CPU (eventwire's own parse {parse_seconds:.2f} s)")
    for name, seconds in best.items():
        print(f"{name:15s} {seconds:6.3f} s {100 * seconds / spacy_seconds:5.1f}%")


if __name__ == "__main__":
    main()
