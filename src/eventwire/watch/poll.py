"""One poll of the watched sources, and the schedule that repeats it.

A poll: fetch every source conditionally (ETag / Last-Modified of its last complete poll); list its
items; drop those met before (by URL, or by the feed's GUID for that source); fetch the new items'
pages (politely, see :mod:`eventwire.watch.fetch`) unless the feed carries the whole text; drop
articles already stored (content hash: another outlet's copy is recorded as a copy, as ``ingest``
does); extract and store the rest in batches; resolve incidents incrementally (only the new events
are matched, only the incidents they touch are recomputed); evaluate alert rules on the incidents
created or updated.

Nothing is lost on a crash or Ctrl-C: an item is marked as met only after its article is committed
(or its failure recorded), and a source's validators are saved only after every item of the poll is
marked, so the next run lists the source in full again and takes up the items not marked yet (their
content hash keeps anything from being stored twice). An item whose page failed for a transient
reason (timeout, 5xx) is tried again by the next polls, up to MAX_ATTEMPTS times.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from eventwire.ingest import IngestError
from eventwire.ingest.text import ReadError, collecting_notes, make_article
from eventwire.limits import Limits, apply_limits
from eventwire.model import Article
from eventwire.runner import CopyQueue, IngestStats, extract_batch, record_note
from eventwire.store import Store
from eventwire.watch.alerts import Alert, Rule, evaluate, run_command
from eventwire.watch.fetch import Fetcher, FetchResult
from eventwire.watch.pages import result_articles
from eventwire.watch.sources import (
    Item,
    Source,
    detect_kind,
    feed_entries,
    page_links,
    sitemap_entries,
    xml_problem,
)

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

log = logging.getLogger("eventwire.watch")

MAX_ATTEMPTS = 3  # polls that may try an item whose page failed for a transient reason


@dataclass(slots=True)
class PollStats:
    sources: int = 0
    not_modified: int = 0
    failed_sources: int = 0
    items: int = 0  # items the sources listed
    new_items: int = 0  # items not met before
    fetched: int = 0  # pages fetched for them
    stored: int = 0  # new articles stored
    copies: int = 0  # articles already stored (another outlet's copy, or an item met under another URL)
    errors: int = 0  # failed sources, pages and extractions (rows in `errors`)
    incidents_touched: int = 0
    alerts: list[Alert] = field(default_factory=list)
    resolve_seconds: float = 0.0
    seconds: float = 0.0


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(slots=True)
class _SourceState:
    source: Source
    id: int
    etag: str | None
    last_modified: str | None
    result: FetchResult | None = None
    items: list[Item] = field(default_factory=list)
    new: int = 0
    errors: int = 0
    status: str = ""


@dataclass(slots=True)
class _Pending:
    """A new item on its way: what it produced, and where it came from."""

    state: _SourceState
    item: Item
    articles: list[Article] = field(default_factory=list)
    failure: str | None = None
    transient: bool = False


class Watcher:
    """Polls sources into a store. ``pipeline`` is a Pipeline or a callable returning one (loaded on
    first use: a poll with nothing new never loads the model). ``emit`` receives each new alert."""

    def __init__(self, store: Store, pipeline: Pipeline | Callable[[], Pipeline], fetcher: Fetcher, *,
                 rules: Sequence[Rule] = (), on_alert: str | None = None,
                 emit: Callable[[Alert], None] | None = None, limits: Limits | None = None,
                 batch_size: int = 32, now: Callable[[], str] = _now) -> None:
        self.store = store
        self._pipeline = pipeline
        self.fetcher = fetcher
        self.rules = list(rules)
        self.on_alert = on_alert
        self.emit = emit
        self.limits = limits or Limits.from_env()
        self.batch_size = batch_size
        self.now = now

    def pipeline(self) -> Pipeline:
        if callable(self._pipeline) and not hasattr(self._pipeline, "nlp"):
            self._pipeline = self._pipeline()
        return self._pipeline  # type: ignore[return-value]

    # -- the poll --------------------------------------------------------------------------------
    def poll(self, sources: Sequence[Source]) -> PollStats:
        started = time.perf_counter()
        stats = PollStats(sources=len(sources))
        states = self._states(sources)
        requests = [(s.source.url, s.etag, s.last_modified) for s in states]
        for state, result in zip(states, self.fetcher.fetch_many(requests), strict=True):
            state.result = result
            self._list_items(state, stats)
        pending = self._new_items(states, stats)
        self._fetch_pages(pending, stats)
        self._store(pending, stats)
        self._finish_sources(states)
        began = time.perf_counter()
        from eventwire.resolve.incidents import resolve

        resolved = resolve(self.store.conn)
        stats.incidents_touched = len(resolved.touched)
        if self.rules:
            stats.alerts = evaluate(self.store.conn, self.rules, resolved.touched, now=self.now)
            for alert in stats.alerts:
                if self.emit:
                    self.emit(alert)
                if self.on_alert:
                    run_command(self.store.conn, self.on_alert, alert)
        stats.resolve_seconds = round(time.perf_counter() - began, 3)
        stats.seconds = round(time.perf_counter() - started, 3)
        return stats

    def _states(self, sources: Sequence[Source]) -> list[_SourceState]:
        conn = self.store.conn
        with self.store.transaction():
            conn.executemany("INSERT INTO sources (url, kind) VALUES (?, ?) ON CONFLICT(url) DO UPDATE SET"
                             " kind = COALESCE(excluded.kind, sources.kind)", [(s.url, s.kind) for s in sources])
        states = []
        for source in sources:
            row = conn.execute("SELECT id, etag, last_modified FROM sources WHERE url = ?", (source.url,)).fetchone()
            states.append(_SourceState(source, row[0], row[1], row[2]))
        return states

    def _fail_source(self, state: _SourceState, stats: PollStats, reason: str) -> None:
        state.status = reason
        state.errors += 1
        stats.failed_sources += 1
        stats.errors += 1
        self.store.record_error(state.source.url, reason)
        log.warning("source %s: %s", state.source.url, reason)

    def _list_items(self, state: _SourceState, stats: PollStats) -> None:
        result = state.result
        assert result is not None
        if not result.ok:
            self._fail_source(state, stats, f"fetch failed: {result.error}")
            return
        if result.not_modified:
            state.status = "304 not modified"
            stats.not_modified += 1
            return
        state.status = str(result.status)
        kind = state.source.kind or detect_kind(result.body, result.content_type)
        try:
            if kind == "feed":
                state.items = feed_entries(result.body, result.final_url)
            elif kind == "sitemap":
                state.items = self._sitemap_items(state, result, stats)
            else:
                state.items = page_links(result.body, result.final_url)
        except ReadError as exc:
            self._fail_source(state, stats, f"unreadable {kind}: {exc}")
            state.items = []
            return
        problem = xml_problem(result.body) if kind in ("feed", "sitemap") else None
        if problem and not state.items:
            self._fail_source(state, stats, f"unreadable {kind}: broken XML: {problem}")
        elif problem:  # what could be recovered is read; the breakage is still reported
            self.store.record_error(state.source.url, f"broken {kind} XML ({len(state.items)} items recovered):"
                                                      f" {problem}")
            state.errors += 1
            stats.errors += 1
        if not state.items and kind == "feed":
            log.info("source %s lists no items", state.source.url)
        stats.items += len(state.items)

    def _sitemap_items(self, state: _SourceState, result: FetchResult, stats: PollStats) -> list[Item]:
        items, children = sitemap_entries(result.body, result.final_url)
        for child in self.fetcher.fetch_many((url, None, None) for url in children):
            if not child.ok:
                self._fail_source(state, stats, f"child sitemap {child.url}: fetch failed: {child.error}")
                continue
            try:
                more, _nested = sitemap_entries(child.body, child.final_url)  # one level of indexes only
            except ReadError as exc:
                self._fail_source(state, stats, f"child sitemap {child.url}: unreadable: {exc}")
                continue
            items.extend(more)
        return items

    def _new_items(self, states: Sequence[_SourceState], stats: PollStats) -> list[_Pending]:
        """Items neither met before (URL, or GUID for the source) nor listed twice in this poll; an
        item that failed for a transient reason is due again while under MAX_ATTEMPTS."""
        conn = self.store.conn
        pending: list[_Pending] = []
        urls: set[str] = set()
        for state in states:
            guids: set[str] = set()
            for item in state.items:
                if (item.url and item.url in urls) or (item.guid and item.guid in guids):
                    continue
                row = None
                if item.url:
                    row = conn.execute("SELECT status, reason, attempts FROM watch_items WHERE url = ?",
                                       (item.url,)).fetchone()
                if row is None and item.guid:
                    row = conn.execute("SELECT status, reason, attempts FROM watch_items WHERE source_id = ?"
                                       " AND guid = ?", (state.id, item.guid)).fetchone()
                if row is not None and not (row[0] == "retry" and row[2] < MAX_ATTEMPTS):
                    continue
                if item.url:
                    urls.add(item.url)
                if item.guid:
                    guids.add(item.guid)
                pending.append(_Pending(state, item))
                state.new += 1
        stats.new_items = len(pending)
        return pending

    def _fetch_pages(self, pending: Sequence[_Pending], stats: PollStats) -> None:
        to_fetch = [p for p in pending if p.item.text is None and p.item.url]
        results = self.fetcher.fetch_many((p.item.url or "", None, None) for p in to_fetch)
        for entry, result in zip(to_fetch, results, strict=True):
            stats.fetched += 1
            if not result.ok:
                entry.failure, entry.transient = f"fetch failed: {result.error}", result.transient
                continue
            entry.articles, entry.failure = self._read(entry, partial(result_articles, result))
        for entry in pending:
            if entry.item.text is not None:
                entry.articles, entry.failure = self._read(entry, partial(_feed_text, entry))

    def _read(self, entry: _Pending, read: Callable[[], Iterator[Article | IngestError]]
              ) -> tuple[list[Article], str | None]:
        """Articles of one item (notes recorded; the listing's title and date fill what the page lacks)."""
        articles: list[Article] = []
        problems: list[str] = []
        with collecting_notes() as notes:
            produced = list(read())
        for item in apply_limits([*notes, *produced], self.limits):
            if isinstance(item, IngestError):
                if item.kept:
                    record_note(self.store, IngestStats(), item.path, item.reason, item.line)
                else:
                    problems.append(item.reason)
                    self.store.record_error(item.path, item.reason, item.line)
                continue
            item.title = item.title or entry.item.title
            if not item.published and entry.item.published:
                with collecting_notes():
                    dated = make_article(item.text, path=item.path, published=entry.item.published)
                if isinstance(dated, Article) and dated.published:
                    item.published = dated.published
            articles.append(item)
        return articles, (None if articles else "; ".join(problems) or "no article")

    def _store(self, pending: Sequence[_Pending], stats: PollStats) -> None:
        """Extract and store in batches; each batch's items are marked once their articles are in."""
        ingest_stats = IngestStats()
        copies = CopyQueue(self.store, ingest_stats)
        batch: list[_Pending] = []
        size = 0
        for entry in pending:
            batch.append(entry)
            size += max(1, len(entry.articles))
            if size >= self.batch_size:
                self._store_batch(batch, stats, ingest_stats, copies)
                batch, size = [], 0
        if batch:
            self._store_batch(batch, stats, ingest_stats, copies)
        copies.flush()
        stats.copies += ingest_stats.copies

    def _store_batch(self, batch: Sequence[_Pending], stats: PollStats, ingest_stats: IngestStats,
                     copies: CopyQueue) -> None:
        fresh: list[Article] = []
        seen: set[str] = set()
        for entry in batch:
            for article in entry.articles:
                if article.id in seen or self.store.has_article(article.id):
                    copies.add(article)  # another outlet's copy is recorded; the same outlet's adds nothing
                    continue
                seen.add(article.id)
                fresh.append(article)
        if fresh:
            errors_before = ingest_stats.errors
            records = list(extract_batch(fresh, self.pipeline(), self.store, ingest_stats, self.limits))
            stats.stored += self.store.write(records)
            stats.errors += ingest_stats.errors - errors_before
        copies.flush()
        now = self.now()
        rows = []
        for entry in batch:
            stored = [a for a in entry.articles if self.store.has_article(a.id)]
            if stored:
                status = "stored" if any(a.id in seen for a in stored) else "copy"
                reason = None
            else:
                status = "retry" if entry.transient else "failed"
                reason = entry.failure or "extraction failed (see `eventwire errors`)"
                if entry.failure and entry.item.url and entry.failure.startswith("fetch failed"):
                    self.store.record_error(entry.item.url, entry.failure)
                stats.errors += 1
                entry.state.errors += 1
            rows.append((entry.state.id, entry.item.url, entry.item.guid, stored[0].id if stored else None,
                         status, reason, now, now))
        with self.store.transaction():
            for row in rows:
                self._mark(row)

    def _mark(self, row: tuple[Any, ...]) -> None:
        source_id, url, guid, article_id, status, reason, now, _ = row
        conn = self.store.conn
        existing = None
        if url:
            existing = conn.execute("SELECT id FROM watch_items WHERE url = ?", (url,)).fetchone()
        if existing is None and guid:
            existing = conn.execute("SELECT id FROM watch_items WHERE source_id = ? AND guid = ?",
                                    (source_id, guid)).fetchone()
        if existing is None:
            conn.execute("INSERT INTO watch_items (source_id, url, guid, article_id, status, reason, first_seen,"
                         " last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", row)
        else:
            conn.execute("UPDATE watch_items SET article_id = ?, status = ?, reason = ?, attempts = attempts + 1,"
                         " last_seen = ? WHERE id = ?", (article_id, status, reason, now, existing[0]))

    def _finish_sources(self, states: Sequence[_SourceState]) -> None:
        """Every item is marked: now the sources' validators can be saved (a crash before this point
        makes the next poll list them in full again)."""
        now = self.now()
        with self.store.transaction():
            for s in states:
                result = s.result
                keep = result is not None and result.ok and not result.not_modified
                self.store.conn.execute(
                    "UPDATE sources SET etag = CASE WHEN ? THEN ? ELSE etag END,"
                    " last_modified = CASE WHEN ? THEN ? ELSE last_modified END, last_poll = ?, last_status = ?,"
                    " last_new = ?, polls = polls + 1, items = items + ?, errors = errors + ? WHERE id = ?",
                    (keep, result.etag if result else None, keep, result.last_modified if result else None, now,
                     s.status, s.new, s.new, s.errors, s.id))


def _feed_text(entry: _Pending) -> Iterator[Article | IngestError]:
    """The article a feed item carries whole."""
    item = entry.item
    yield make_article(item.text or "", path=item.url or f"{entry.state.source.url}#{item.guid}", url=item.url,
                       title=item.title, published=item.published)


# -- the schedule ------------------------------------------------------------------------------------

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(text: str) -> float:
    """'15m', '30s', '2h', '1d' or a number of seconds -> seconds; ValueError when unreadable."""
    value = text.strip().lower()
    unit = _UNITS.get(value[-1:]) if value else None
    number = value[:-1] if unit else value
    try:
        seconds = float(number) * (unit or 1)
    except ValueError:
        raise ValueError(f"not a period: {text!r} (use e.g. 15m, 30s, 2h)") from None
    if not seconds > 0:
        raise ValueError(f"the period must be positive: {text!r}")
    return seconds


def run_schedule(poll: Callable[[], Any], every: float, once: bool = False, *,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep,
                 polls: int | None = None) -> int:
    """Call ``poll`` now and then every ``every`` seconds (measured from each poll's start; a poll
    longer than the period is followed at once by the next). ``once`` or ``polls`` bound the number
    of polls; returns how many ran."""
    done = 0
    while True:
        started = clock()
        poll()
        done += 1
        if once or (polls is not None and done >= polls):
            return done
        wait = started + every - clock()
        if wait > 0:
            sleep(wait)
