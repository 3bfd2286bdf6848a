"""Scale-out: all cores of one machine, or a Dask cluster.

- :func:`ingest_parallel` — worker processes each load the model once; the main process reads,
  skips what is stored and writes, keeping at most ``2 × workers`` batches in flight so memory
  stays flat. Records are the same as a one-process run (extraction is deterministic and ids are
  content hashes).
- :func:`ingest_dask` — the same pipeline on Dask workers (a local cluster of processes, or a
  running scheduler). Each task turns a shard of articles into Parquet files, one per table with the
  SQLite columns (``<table>-<shard>.parquet``); :func:`load_shards` merges them into a database.
  Shard names are content hashes of their article ids, so re-running rewrites the same files.

Copies from other outlets are kept on both paths: :func:`ingest_parallel` queues them as the
one-process runner does; a Dask shard extracts each article once and carries its repeats in
``article_copies``, and loading turns a shard article that is already stored (from another
source or url) into a copy as well.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import threading
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

from eventwire.ingest import IngestError, iter_articles
from eventwire.limits import Limits
from eventwire.model import Article, Record, content_hash
from eventwire.runner import (
    CopyQueue,
    IngestStats,
    Progress,
    english_only,
    extract_records,
    fresh_articles,
    record_error,
)
from eventwire.store import ERROR_LINES_KEPT, ERROR_REASONS_PER_INPUT, OVERFLOW_REASON, SHARD_TABLES, ArticleCopy, Store

_WORKER_PIPELINE: Any = None


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def workers_for(total: int | None) -> int:
    """The default worker count for an ingest of ``total`` articles (None: unknown): one below
    :data:`eventwire.options.PARALLEL_MIN_ARTICLES` or when unknown, where more workers cost more than
    they save, else one per core."""
    from eventwire.options import PARALLEL_MIN_ARTICLES

    if total is None or total < PARALLEL_MIN_ARTICLES:
        return 1
    return default_workers()


def _init_worker(model: str | None, parent: int | None = None) -> None:
    global _WORKER_PIPELINE
    from eventwire.pipeline import Pipeline

    if parent is not None:
        end_with_parent(parent)
    _WORKER_PIPELINE = Pipeline(model)


PARENT_CHECK_SECONDS = 0.5


def end_with_parent(parent: int, interval: float = PARENT_CHECK_SECONDS) -> threading.Thread:
    """End this worker process when ``parent`` is gone (killed with SIGKILL, say), whatever it is doing.

    A pool's workers share their task queue's pipe, so they never see the parent close it; a daemon
    thread watches the parent instead and exits the process as soon as it is re-parented."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(1)

    thread = threading.Thread(target=watch, name="eventwire-parent-watch", daemon=True)
    thread.start()
    return thread


def _worker_pipeline(model: str | None) -> Any:
    if _WORKER_PIPELINE is None:
        _init_worker(model)
    return _WORKER_PIPELINE


def extract_articles(batch: list[Article], model: str | None = None,
                     limits: Limits | None = None) -> list[Record | tuple[str, str]]:
    """Run the pipeline over a batch inside a worker; failures come back as (path, reason)."""
    pipeline = _worker_pipeline(model)
    return list(extract_records(batch, pipeline.nlp, limits or Limits.from_env()))


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def ingest_parallel(
    paths: Iterable[str],
    store: Store,
    model: str | None = None,
    workers: int | None = None,
    batch_size: int = 32,
    progress: Progress | None = None,
    limits: Limits | None = None,
) -> IngestStats:
    """Ingest with ``workers`` processes (default: the cores this process may use). The workers end
    with this process, however it ends."""
    workers = workers or default_workers()
    limits = limits or Limits.from_env()
    stats = IngestStats()
    copies = CopyQueue(store, stats)
    fresh = fresh_articles(english_only(iter_articles(paths, limits=limits)), store, stats, copies)
    context = multiprocessing.get_context("spawn")  # no fork of a process holding threads or a model
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                             initargs=(model, os.getpid())) as pool:
        window: deque[Future[list[Record | tuple[str, str]]]] = deque()
        for batch in _batches(fresh, batch_size):
            window.append(pool.submit(extract_articles, batch, model, limits))
            if len(window) >= 2 * workers:
                _write(window.popleft().result(), store, stats, progress)
                copies.flush()
        while window:
            _write(window.popleft().result(), store, stats, progress)
    copies.flush()
    return stats


def _write(results: list[Record | tuple[str, str]], store: Store, stats: IngestStats,
           progress: Progress | None) -> None:
    records = [r for r in results if isinstance(r, Record)]
    for failure in (r for r in results if not isinstance(r, Record)):
        record_error(store, stats, failure[0], failure[1], None)
    stats.new += store.write(records)
    stats.settled += len(results)
    if progress:
        progress(stats)


# -- Dask ------------------------------------------------------------------------------------------


@dataclass(slots=True)
class ShardStats:
    shards: int = 0
    articles: int = 0
    errors: int = 0
    loaded: int = 0  # new articles loaded into the store while the run went on


def process_shard(batch: list[Article], out_dir: str, model: str | None = None,
                  limits: Limits | None = None) -> dict[str, Any]:
    """A Dask task: extract a shard of articles and write one Parquet file per table. An article
    repeated within the shard is extracted once; its other outlets go to ``article_copies``."""
    first_of: dict[str, Article] = {}
    for article in batch:
        first_of.setdefault(article.id, article)
    unique = list(first_of.values())
    results = extract_articles(unique, model, limits)
    shard = content_hash(*sorted(a.id for a in batch), length=12)
    scratch = Store(":memory:")
    # The shard carries plain tables only; full-text and summary tables are rebuilt by the
    # database that loads it, so the scratch copy skips the triggers that maintain them.
    triggers = scratch.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()
    for (name,) in triggers:
        scratch.conn.execute(f'DROP TRIGGER "{name}"')
    scratch.write([r for r in results if isinstance(r, Record)])
    firsts = {id(a) for a in unique}
    scratch.record_copies(ArticleCopy.of(a) for a in batch if id(a) not in firsts)
    for path, reason in (r for r in results if not isinstance(r, Record)):
        scratch.record_error(path, reason)  # folded per input and reason, as a local run does
    for table in SHARD_TABLES:
        columns, rows = scratch.table_rows(table)
        _write_parquet(Path(out_dir) / f"{table}-{shard}.parquet", columns, rows)
    scratch.close()
    failed = sum(1 for r in results if not isinstance(r, Record))
    return {"articles": len(results) - failed, "errors": failed, "shard": shard}


def _write_parquet(path: Path, columns: list[str], rows: list[Any]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    data = {c: [row[i] for row in rows] for i, c in enumerate(columns)}
    table = pa.table({c: pa.array(v, type=_arrow_type(v)) for c, v in data.items()})
    tmp = path.with_suffix(".parquet.tmp")
    pq.write_table(table, tmp)
    tmp.replace(path)  # a shard file is complete or absent, never half-written


def _arrow_type(values: list[Any]) -> Any:
    import pyarrow as pa

    kinds = {type(v) for v in values if v is not None}
    if kinds == {int}:
        return pa.int64()
    if kinds and kinds <= {int, float}:
        return pa.float64()
    return pa.string()


def ingest_dask(
    paths: Iterable[str],
    shard_dir: Path,
    scheduler: str | None = None,
    model: str | None = None,
    shard_size: int = 250,
    n_workers: int | None = None,
    store: Store | None = None,
    limits: Limits | None = None,
) -> ShardStats:
    """Extract on a Dask cluster (a running scheduler, or a local cluster of processes) into shards.

    With ``store``, each finished shard is loaded into it while the workers go on with the next
    ones (what ``eventwire ingest --engine dask`` does); without, the shards wait for ``load``."""
    from dask.distributed import Client, LocalCluster

    limits = limits or Limits.from_env()
    shard_dir.mkdir(parents=True, exist_ok=True)
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=n_workers or default_workers(), threads_per_worker=1, processes=True,
                               dashboard_address=None, host="127.0.0.1")
        client = Client(cluster)
    stats = ShardStats()
    read_errors: list[dict[str, Any]] = []
    try:
        in_flight: deque[Any] = deque()
        limit = 2 * max(len(client.scheduler_info().get("workers", {})), 1)
        for batch in _batches(_articles_or_errors(paths, read_errors, limits), shard_size):
            in_flight.append(client.submit(process_shard, batch, str(shard_dir), model, limits, pure=False))
            stats.shards += 1
            if len(in_flight) >= limit:
                _finish(in_flight.popleft().result(), stats, shard_dir, store)
        while in_flight:
            _finish(in_flight.popleft().result(), stats, shard_dir, store)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    if read_errors:
        stats.errors += sum(row["count"] for row in read_errors if not row.get("kept"))
        errors_file = shard_dir / f"read-errors-{content_hash(json.dumps(read_errors), length=12)}.json"
        errors_file.write_text(json.dumps(read_errors), encoding="utf-8")
        if store is not None:
            store.load_tables({"errors": read_errors})
            errors_file.rename(errors_file.with_suffix(".loaded"))
    return stats


def _articles_or_errors(paths: Iterable[str], errors: list[dict[str, Any]],
                        limits: Limits | None = None) -> Iterator[Article]:
    """The articles; read errors are folded into ``errors``, one row per input and reason (as the store
    keeps them), so a file of bad lines is one row with a count, not one per line."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    folded: dict[tuple[str, str], dict[str, Any]] = {}
    reasons_of: Counter[str] = Counter()
    for item in english_only(iter_articles(paths, limits=limits)):
        if isinstance(item, Article):
            yield item
            continue
        row = folded.get((item.path, item.reason))
        if row is None and reasons_of[item.path] >= ERROR_REASONS_PER_INPUT:
            item = IngestError(item.path, OVERFLOW_REASON, item.line)
            row = folded.get((item.path, item.reason))
        if row is None:
            reasons_of[item.path] += 1
            row = {"path": item.path, "line": item.line, "reason": item.reason, "at": now, "last_at": now,
                   "count": 0, "lines": [], "kept": item.kept}
            folded[(item.path, item.reason)] = row
            errors.append(row)
        row["count"] += 1
        if item.line is not None and len(row["lines"]) < ERROR_LINES_KEPT:
            row["lines"].append(item.line)
    for row in errors:
        if isinstance(row["lines"], list):
            row["lines"] = json.dumps(row["lines"])


def _finish(result: dict[str, Any], stats: ShardStats, shard_dir: Path, store: Store | None) -> None:
    stats.articles += result["articles"]
    stats.errors += result["errors"]
    if store is not None:
        stats.loaded += load_shard(shard_dir, result["shard"], store)


def load_shard(shard_dir: Path, shard: str, store: Store) -> int:
    """Merge one shard's tables into ``store`` in one transaction; returns the new articles."""
    import pyarrow.parquet as pq

    tables = {}
    for table in SHARD_TABLES:
        path = shard_dir / f"{table}-{shard}.parquet"
        tables[table] = pq.read_table(path).to_pylist() if path.exists() else []
    return store.load_tables(tables)


def load_shards(shard_dir: Path, store: Store) -> int:
    """Merge every shard under ``shard_dir`` into ``store``; returns the number of new articles."""
    shards = sorted({p.name.split("-", 1)[1].removesuffix(".parquet") for p in shard_dir.glob("articles-*.parquet")})
    new = sum(load_shard(shard_dir, shard, store) for shard in shards)
    for errors_file in sorted(shard_dir.glob("read-errors-*.json")):
        store.load_tables({"errors": json.loads(errors_file.read_text(encoding="utf-8"))})
        errors_file.rename(errors_file.with_suffix(".loaded"))  # read errors are recorded once
    return new
