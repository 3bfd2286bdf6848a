"""Ingest orchestration: read sources, skip what is stored, extract in batches, write, resolve.

Memory stays flat: articles stream from the readers, parse in ``nlp.pipe`` batches and are written
one transaction per batch. One bad article is recorded in ``errors`` and the batch goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from eventwire.ingest import IngestError, iter_articles
from eventwire.model import Article, Record
from eventwire.pipeline import Pipeline, extract
from eventwire.store import Store

log = logging.getLogger("eventwire")


@dataclass(slots=True)
class IngestStats:
    read: int = 0  # articles read from the sources
    new: int = 0  # articles stored by this run
    skipped: int = 0  # already stored before this run
    errors: int = 0
    error_reasons: list[str] = field(default_factory=list)


Progress = Callable[[IngestStats], None]


def ingest(
    paths: Iterable[str],
    store: Store,
    pipeline: Pipeline,
    batch_size: int = 32,
    progress: Progress | None = None,
) -> IngestStats:
    """Ingest every article under ``paths`` into ``store``; safe to interrupt and re-run."""
    stats = IngestStats()
    fresh = fresh_articles(iter_articles(paths), store, stats)
    while batch := list(islice(fresh, batch_size)):
        records = list(extract_batch(batch, pipeline, store, stats))
        stats.new += store.write(records)
        if progress:
            progress(stats)
    return stats


def fresh_articles(items: Iterator[Article | IngestError], store: Store, stats: IngestStats) -> Iterator[Article]:
    seen: set[str] = set()
    for item in items:
        if isinstance(item, IngestError):
            record_error(store, stats, item.path, item.reason, item.line)
            continue
        stats.read += 1
        if item.id in seen or store.has_article(item.id):
            stats.skipped += 1
            continue
        seen.add(item.id)
        yield item


def extract_batch(batch: list[Article], pipeline: Pipeline, store: Store, stats: IngestStats) -> Iterator[Record]:
    texts = ((article.analysis_text(), article) for article in batch)
    for doc, article in pipeline.nlp.pipe(texts, as_tuples=True, batch_size=len(batch)):
        try:
            yield extract(doc, article)
        except Exception as exc:  # one article's failure must not stop the batch
            log.exception("extraction failed for %s", article.path or article.id)
            record_error(store, stats, article.path or article.id, f"extraction failed: {exc!r}", None)


def record_error(store: Store, stats: IngestStats, path: str, reason: str, line: int | None) -> None:
    stats.errors += 1
    stats.error_reasons.append(f"{path}{f':{line}' if line else ''}: {reason}")
    store.record_error(path, reason, line)
    log.warning("skipped %s%s: %s", path, f":{line}" if line else "", reason)
