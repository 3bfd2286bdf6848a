"""End to end: ``ingest --workers 1`` of news articles next to bare spaCy ``nlp.pipe``, one process.

    .venv/bin/python bench/bench_ingest_ratio.py [--n 200] [--repeat 3] [--clock cpu] [--terminal] [--profile]
    .venv/bin/python bench/bench_ingest_ratio.py --interleave [--repeat 3] [--clock cpu]

Texts: the first N GVDB news articles of ../shared/data/gvdb/dev.tsv when present (read for
measuring only, written to a temporary JSONL file that is deleted afterwards), else examples/
repeated. The same process loads the model once, times bare spaCy (``nlp.pipe`` of the stock
model, as ``spacy.load`` gives it) over the articles' analysis texts, eventwire's own parse of them
(its loaded model: the same annotations, its attribute ruler applied through a table), the pipeline
alone (``Pipeline.pipe``, no reading or storing) over the same articles, and what ``eventwire ingest
FILE --workers 1`` does after loading the model: read the file, extract, store in a fresh SQLite
file, resolve incidents. The four are alternated ``--repeat`` times (the machine's load
changes); prints every round, the ratio of the best times (issue 20 target >= 0.80) and where the
ingest time went (reading the file, parse+extract, store, resolve). ``--clock cpu`` times with this
process's CPU time (every thread's) instead of the wall clock, steadier on a machine other jobs
share. ``--terminal`` also draws the progress bar and the resolve spinner, as the command does when
stderr is a terminal (drawn to /dev/null here).

``--interleave`` takes turns much more often, for a steadier ratio on a shared machine: each round
goes through the articles one batch at a time, and on every batch bare spaCy, eventwire's parse, the
pipeline alone and ``ingest`` of that batch's own JSONL file (into the round's database) each run
once, in an order that rotates from batch to batch; the round's resolve is added to ingest. Every
article is parsed once by both models, untimed, before the rounds (their vocabularies are warm).
Prints each round's sums and ratios, and the ratio of the sums over all rounds; ``ratio_to_own_parse``
compares ingest with eventwire's own parse instead of bare spaCy (what extraction, reading, storing
and resolving cost, without the parser's own speed-up).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import sys
import tempfile
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_throughput import CLOCKS, load_texts  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=2, help="alternated rounds; the best of each is compared")
    parser.add_argument("--profile", action="store_true", help="print the top functions of the ingest run")
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="wall", help="wall-clock or process CPU time")
    parser.add_argument("--terminal", action="store_true", help="draw the progress bar and spinner as on a terminal")
    parser.add_argument("--interleave", action="store_true", help="take turns on every batch (see above)")
    args = parser.parse_args()
    clock = CLOCKS[args.clock]

    from rich.console import Console

    from eventwire import runner
    from eventwire.ingest import iter_articles
    from eventwire.nlp import keep_loaded, stock
    from eventwire.pipeline import Pipeline
    from eventwire.progress import IngestProgress, phase
    from eventwire.resolve.incidents import resolve
    from eventwire.store import Store

    texts, source = load_texts(args.n)
    with tempfile.TemporaryDirectory(prefix="bench_ingest_") as folder:
        data = Path(folder, "articles.jsonl")
        with data.open("w", encoding="utf-8") as handle:
            for number, text in enumerate(texts):
                handle.write(json.dumps({"text": text, "published": "2016-01-01",
                                         "url": f"https://news{number % 7}.example/story/{number}"}) + "\n")
        pipeline = Pipeline(batch_size=args.batch_size)
        bare = stock()
        keep_loaded()  # as `eventwire ingest` does after loading the model
        nlp = pipeline.nlp
        # The texts spaCy sees are exactly the ones ingest analyses (cleaned, captions appended).
        articles = [a for a in iter_articles([str(data)]) if hasattr(a, "analysis_text")]
        analysed = [a.analysis_text() for a in articles]
        list(pipeline.pipe(articles[:8]))  # warm up: lexicons, gazetteer, knowledge files
        if args.interleave:
            interleaved(args, Path(folder), texts, pipeline, bare, clock)
            return
        rounds: list[dict[str, float]] = []
        console = Console(file=open(os.devnull, "w"), force_terminal=True, width=120)  # noqa: SIM115
        profiler = cProfile.Profile() if args.profile else None
        list(bare.pipe(analysed[:8], batch_size=args.batch_size))  # warmed as the loaded model was
        for number in range(args.repeat):  # alternated, so a change in machine load hits all four alike
            started = clock()
            for _ in bare.pipe(analysed, batch_size=args.batch_size):
                pass
            spacy_seconds = clock() - started
            started = clock()
            for _ in nlp.pipe(analysed, batch_size=args.batch_size):
                pass
            parse_seconds = clock() - started
            started = clock()
            for _ in pipeline.pipe(articles):
                pass
            pipeline_seconds = clock() - started

            store = Store(Path(folder, f"bench{number}.db"))
            timings = {"store": 0.0}
            original_write = store.write

            def timed_write(records, original_write=original_write, timings=timings):  # type: ignore[no-untyped-def]
                began = clock()
                try:
                    return original_write(records)
                finally:
                    timings["store"] += clock() - began

            store.write = timed_write  # type: ignore[method-assign]
            timings["read"] = 0.0
            runner.iter_articles = timed_reader(iter_articles, clock, timings)  # type: ignore[assignment]
            if profiler:
                profiler.enable()
            started = clock()
            with IngestProgress(console, len(articles)) if args.terminal else nullcontext() as show:
                stats = runner.ingest([str(data)], store, pipeline, batch_size=args.batch_size, progress=show)
            ingested = clock()
            with phase(console, "resolving") if args.terminal else nullcontext():
                resolve(store.conn)
            finished = clock()
            runner.iter_articles = iter_articles
            if profiler:
                profiler.disable()
            counts = store.counts()
            store.close()
            rounds.append({
                "spacy_seconds": round(spacy_seconds, 2), "parse_seconds": round(parse_seconds, 2),
                "pipeline_seconds": round(pipeline_seconds, 2),
                "ingest_seconds": round(finished - started, 2),
                "ratio": round(spacy_seconds / (finished - started), 3),
                "pipeline_ratio": round(spacy_seconds / pipeline_seconds, 3),
                "ratio_to_own_parse": round(parse_seconds / (finished - started), 3),
                "read_seconds": round(timings["read"], 2),
                "parse_extract_seconds": round(ingested - started - timings["store"] - timings["read"], 2),
                "store_seconds": round(timings["store"], 2), "resolve_seconds": round(finished - ingested, 2)})
    best_spacy = min(r["spacy_seconds"] for r in rounds)
    best_ingest = min(r["ingest_seconds"] for r in rounds)
    best_pipeline = min(r["pipeline_seconds"] for r in rounds)
    best_parse = min(r["parse_seconds"] for r in rounds)
    result = {
        "texts": source, "clock": args.clock, "terminal": args.terminal, "articles": len(analysed), "new": stats.new,
        "events": counts["events"], "incidents": counts["incidents"], "rounds": rounds,
        "ratio_of_best": round(best_spacy / best_ingest, 3),
        "pipeline_ratio_of_best": round(best_spacy / best_pipeline, 3),
        "own_parse_ratio_of_best": round(best_spacy / best_parse, 3),
        "ratio_to_own_parse_of_best": round(best_parse / best_ingest, 3),
        "spacy_articles_per_s": round(len(analysed) / best_spacy, 2),
        "pipeline_articles_per_s": round(len(analysed) / best_pipeline, 2),
        "ingest_articles_per_s": round(len(analysed) / best_ingest, 2),
    }
    json.dump(result, sys.stdout, indent=2)
    print()
    if profiler:
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(40)


def interleaved(args: argparse.Namespace, folder: Path, texts: list[str], pipeline: Any, bare: Any, clock: Any) -> None:
    """The ``--interleave`` measurement: rounds of per-batch turns, printed as JSON."""
    from eventwire.ingest import iter_articles

    chunks = []
    for start in range(0, len(texts), args.batch_size):
        path = folder / f"batch{start:06d}.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for number in range(start, min(start + args.batch_size, len(texts))):
                handle.write(json.dumps({"text": texts[number], "published": "2016-01-01",
                                         "url": f"https://news{number % 7}.example/story/{number}"}) + "\n")
        chunks.append((path, [a for a in iter_articles([str(path)]) if hasattr(a, "analysis_text")]))
    for nlp in (pipeline.nlp, bare):
        for _ in nlp.pipe([a.analysis_text() for _, batch in chunks for a in batch], batch_size=args.batch_size):
            pass  # every text parsed once by each model before timing: their vocabularies are warm
    rounds = [interleaved_round(chunks, pipeline, bare, folder / f"interleaved{number}.db", clock, args.batch_size)
              for number in range(args.repeat)]
    parse = sum(r["parse_seconds"] for r in rounds)
    spacy, ingest = sum(r["spacy_seconds"] for r in rounds), sum(r["ingest_seconds"] for r in rounds)
    json.dump({"clock": args.clock, "interleave": True, "articles": sum(len(b) for _, b in chunks), "rounds": rounds,
               "ratio_of_sums": round(spacy / ingest, 3),
               "pipeline_ratio_of_sums": round(spacy / sum(r["pipeline_seconds"] for r in rounds), 3),
               "own_parse_ratio_of_sums": round(spacy / parse, 3),
               "ratio_to_own_parse_of_sums": round(parse / ingest, 3)},
              sys.stdout, indent=2)
    print()


def interleaved_round(chunks: list[tuple[Path, list[Any]]], pipeline: Any, bare: Any, db: Path, clock: Any,
                      batch_size: int) -> dict[str, float]:
    """One round: bare spaCy, eventwire's parse, the pipeline alone and ingest take turns on every
    batch, then resolve."""
    from eventwire import runner
    from eventwire.resolve.incidents import resolve
    from eventwire.store import Store

    totals = {"spacy": 0.0, "parse": 0.0, "pipeline": 0.0, "ingest": 0.0}
    store = Store(db)
    for number, (path, batch) in enumerate(chunks):
        texts = [article.analysis_text() for article in batch]
        steps: list[tuple[str, Any]] = [
            ("spacy", lambda texts=texts: list(bare.pipe(texts, batch_size=batch_size))),
            ("parse", lambda texts=texts: list(pipeline.nlp.pipe(texts, batch_size=batch_size))),
            ("pipeline", lambda batch=batch: list(pipeline.pipe(batch))),
            ("ingest", lambda path=path: runner.ingest([str(path)], store, pipeline, batch_size=batch_size)),
        ]
        for name, step in steps[number % len(steps):] + steps[: number % len(steps)]:
            began = clock()
            step()
            totals[name] += clock() - began
    began = clock()
    resolve(store.conn)
    resolving = clock() - began
    store.close()
    ingest = totals["ingest"] + resolving
    return {"spacy_seconds": round(totals["spacy"], 2), "parse_seconds": round(totals["parse"], 2),
            "pipeline_seconds": round(totals["pipeline"], 2),
            "ingest_seconds": round(ingest, 2), "resolve_seconds": round(resolving, 2),
            "ratio": round(totals["spacy"] / ingest, 3),
            "pipeline_ratio": round(totals["spacy"] / totals["pipeline"], 3),
            "ratio_to_own_parse": round(totals["parse"] / ingest, 3)}


def timed_reader(read: Any, clock: Any, timings: dict[str, float]) -> Any:
    """``read`` (``iter_articles``) with the time spent inside it added to ``timings["read"]``."""

    def reader(*args: Any, **kwargs: Any) -> Iterator[Any]:
        items = read(*args, **kwargs)
        while True:
            began = clock()
            item = next(items, None)
            timings["read"] += clock() - began
            if item is None:
                return
            yield item

    return reader


if __name__ == "__main__":
    main()
