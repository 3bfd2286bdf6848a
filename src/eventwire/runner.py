"""Ingest orchestration: read sources, skip what is stored, extract in batches, write, resolve.

Memory stays flat: articles stream from the readers, parse in ``nlp.pipe`` batches and are written
one transaction per batch. One bad article is recorded in ``errors`` and the batch goes on.
An article already stored (or met earlier in the run) is not extracted again; when it comes from
another outlet (a new source or url) that copy is recorded in ``article_copies`` once the article
is stored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.ingest import IngestError, iter_articles
from eventwire.language import skip_reason
from eventwire.limits import Budget, BudgetExceeded, Limits
from eventwire.model import Article, Record
from eventwire.pipeline import Pipeline, extract
from eventwire.store import ArticleCopy, Store

log = logging.getLogger("eventwire")


@dataclass(slots=True)
class IngestStats:
    read: int = 0  # articles read from the sources
    new: int = 0  # articles stored by this run
    skipped: int = 0  # already stored before this run
    copies: int = 0  # new copies of stored articles from other outlets (recorded, not extracted)
    errors: int = 0
    notes: int = 0  # articles stored with a note in errors (split into parts, a metadata field dropped)
    settled: int = 0  # articles and failed inputs dealt with so far (stored, skipped or failed): progress
    error_reasons: list[str] = field(default_factory=list)


Progress = Callable[[IngestStats], None]
COPY_FLUSH = 512  # ready copies held before they are written: memory stays flat on a re-run


@dataclass(slots=True)
class CopyQueue:
    """Copies of stored articles met while reading, written in batches. A copy of an article
    still in flight (read earlier in this run, not written yet) waits for it, once per (source,
    url); if that article never gets stored (its extraction failed) the copy is dropped."""

    store: Store
    stats: IngestStats
    ready: list[ArticleCopy] = field(default_factory=list)
    waiting: dict[str, dict[tuple[str | None, str | None], ArticleCopy]] = field(default_factory=dict)

    def add(self, article: Article) -> None:
        if not (article.source or article.url):
            return  # no outlet to name or follow
        copy = ArticleCopy.of(article)
        if article.id not in self.waiting and self.store.has_article(article.id):
            self.ready.append(copy)
            if len(self.ready) >= COPY_FLUSH:
                self.flush()
        else:
            self.waiting.setdefault(article.id, {}).setdefault((copy.source, copy.url), copy)

    def flush(self) -> None:
        """Write the ready copies and those whose article has been stored since they were met."""
        for article_id in [a for a in self.waiting if self.store.has_article(a)]:
            self.ready.extend(self.waiting.pop(article_id).values())
        if self.ready:
            self.stats.copies += self.store.record_copies(self.ready)
            self.ready = []


def ingest(
    paths: Iterable[str],
    store: Store,
    pipeline: Pipeline,
    batch_size: int = 32,
    progress: Progress | None = None,
    limits: Limits | None = None,
) -> IngestStats:
    """Ingest every article under ``paths`` into ``store``; safe to interrupt and re-run.

    ``limits`` (default: :meth:`Limits.from_env`) bound each article's length, time and memory."""
    limits = limits or Limits.from_env()
    stats = IngestStats()
    copies = CopyQueue(store, stats)
    fresh = fresh_articles(english_only(iter_articles(paths, limits=limits)), store, stats, copies)
    while batch := list(islice(fresh, batch_size)):
        records = list(extract_batch(batch, pipeline, store, stats, limits))
        stats.new += store.write(records)
        stats.settled += len(batch)
        copies.flush()
        if progress:
            progress(stats)
    copies.flush()
    return stats


def english_only(items: Iterable[Article | IngestError]) -> Iterator[Article | IngestError]:
    """The items, with an article in another language turned into an error that names it: the
    stages read English only, and an article they cannot read is never dropped silently."""
    for item in items:
        if isinstance(item, Article):
            reason = skip_reason(item.lang)
            if reason:
                yield IngestError(item.path or item.url or "-", reason)
                continue
        yield item


def fresh_articles(items: Iterator[Article | IngestError], store: Store, stats: IngestStats,
                   copies: CopyQueue | None = None) -> Iterator[Article]:
    """The articles not stored yet, each once; the others are counted as skipped and, with
    ``copies``, queued as copies from their outlet."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, IngestError):
            if item.kept:  # a note about an article that goes in (split, a metadata field dropped)
                record_note(store, stats, item.path, item.reason, item.line)
            else:
                record_error(store, stats, item.path, item.reason, item.line)
                stats.settled += 1
            continue
        stats.read += 1
        if item.id in seen or store.has_article(item.id):
            stats.skipped += 1
            stats.settled += 1
            if copies is not None:
                copies.add(item)
            continue
        seen.add(item.id)
        yield item


def extract_batch(batch: list[Article], pipeline: Pipeline, store: Store, stats: IngestStats,
                  limits: Limits | None = None) -> Iterator[Record]:
    for result in extract_records(batch, pipeline.nlp, limits or Limits.from_env()):
        if isinstance(result, Record):
            yield result
        else:
            record_error(store, stats, result[0], result[1], None)


PARSE_BATCH_CHARS = 100_000  # characters parsed together: spaCy holds a whole parse batch in memory


def extract_records(batch: list[Article], nlp: Language, limits: Limits) -> Iterator[Record | tuple[str, str]]:
    """A Record per article of ``batch``, or (path, reason) for one that failed: nothing one article
    does (a parser error, a stage's exception, overrunning its time or memory budget) costs the others.

    Articles are parsed with ``nlp.pipe`` in groups of at most PARSE_BATCH_CHARS characters (one
    article at least), so the parts of a long text are never in memory at once; if a group's parse
    fails, the articles it had not given yet are parsed one by one, so the failure is pinned on its
    article."""
    group: list[Article] = []
    size = 0
    for article in batch:
        length = len(article.analysis_text())
        if group and size + length > PARSE_BATCH_CHARS:
            yield from _extract_group(group, nlp, limits)
            group, size = [], 0
        group.append(article)
        size += length
    if group:
        yield from _extract_group(group, nlp, limits)


def _extract_group(batch: list[Article], nlp: Language, limits: Limits) -> Iterator[Record | tuple[str, str]]:
    done = 0
    try:
        texts = ((article.analysis_text(), article) for article in batch)
        for doc, article in nlp.pipe(texts, as_tuples=True, batch_size=len(batch) or 1):
            done += 1
            yield _extract_one(doc, article, limits)
    except Exception:
        log.warning("batch parse failed; parsing its remaining %d articles one by one", len(batch) - done,
                    exc_info=True)
        for article in batch[done:]:
            try:
                budget = Budget.of(limits)
                with budget:
                    doc = nlp(article.analysis_text())
            except BudgetExceeded:
                yield article.path or article.id, f"parse stopped: {budget.reason}"
                continue
            except Exception as exc:
                yield article.path or article.id, f"parse failed: {type(exc).__name__}: {exc}"
                continue
            yield _extract_one(doc, article, limits)


def _extract_one(doc: Doc, article: Article, limits: Limits) -> Record | tuple[str, str]:
    budget = Budget.of(limits)
    try:
        with budget:
            return extract(doc, article)
    except BudgetExceeded:
        log.warning("extraction stopped for %s: %s", article.path or article.id, budget.reason)
        return article.path or article.id, f"extraction stopped: {budget.reason}"
    except Exception as exc:  # one article's failure must not stop the batch
        log.exception("extraction failed for %s", article.path or article.id)
        return article.path or article.id, f"extraction failed: {exc!r}"


REASONS_KEPT = 1000  # error messages an IngestStats keeps for its caller (the store keeps them all, folded)


def record_error(store: Store, stats: IngestStats, path: str, reason: str, line: int | None) -> None:
    stats.errors += 1
    if len(stats.error_reasons) < REASONS_KEPT:
        stats.error_reasons.append(f"{path}{f':{line}' if line else ''}: {reason}")
    store.record_error(path, reason, line)
    log.warning("skipped %s%s: %s", path, f":{line}" if line else "", reason)


def record_note(store: Store, stats: IngestStats, path: str, reason: str, line: int | None) -> None:
    """A note in ``errors`` about an article that was stored anyway; not a failure (exit code 0)."""
    stats.notes += 1
    store.record_error(path, reason, line)
    log.info("note on %s%s: %s", path, f":{line}" if line else "", reason)
