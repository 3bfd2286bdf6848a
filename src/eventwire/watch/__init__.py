"""Live monitoring: poll feeds, sitemaps and section pages politely, store new articles, update
incidents incrementally and raise alerts.

- :mod:`eventwire.watch.fetch`: the polite HTTP client (User-Agent, robots.txt, per-host rate and
  concurrency, conditional GET, retries, timeouts, size cap);
- :mod:`eventwire.watch.sources`: the sources file and the items a feed, sitemap or page lists;
- :mod:`eventwire.watch.poll`: one poll (fetch, deduplicate, extract, store, resolve, alert) and the
  schedule;
- :mod:`eventwire.watch.alerts`: alert rules, stored hits, ``--on-alert`` commands;
- :mod:`eventwire.watch.pages`: articles from fetched responses (``eventwire ingest URL``).

:func:`run_watch` is what ``eventwire watch`` runs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.limits import Limits
from eventwire.store import Store
from eventwire.watch.alerts import Alert, Rule
from eventwire.watch.fetch import Fetcher, Politeness
from eventwire.watch.poll import PollStats, Watcher, run_schedule
from eventwire.watch.sources import read_sources

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline


def summary(stats: PollStats) -> str:
    """One line about a poll, for stderr."""
    return (f"{stats.sources} sources ({stats.not_modified} not modified, {stats.failed_sources} failed): "
            f"{stats.items} items listed, {stats.new_items} new, {stats.fetched} pages fetched, "
            f"{stats.stored} articles stored, {stats.copies} copies, {stats.errors} errors; "
            f"{stats.incidents_touched} incidents new or updated, {len(stats.alerts)} alerts "
            f"({stats.seconds:.1f} s, resolve and alerts {stats.resolve_seconds:.2f} s)")


def run_watch(sources_file: Path, store: Store, *, every: float, once: bool = False,
              rules: list[Rule] | None = None, on_alert: str | None = None, model: str | None = None,
              politeness: Politeness | None = None, limits: Limits | None = None,
              emit: Callable[[Alert], None] | None = None, report: Callable[[PollStats], None] | None = None,
              fetcher: Fetcher | None = None, pipeline: Pipeline | None = None,
              clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep,
              polls: int | None = None) -> int:
    """Poll the sources of ``sources_file`` (re-read before each poll, so it can be edited while
    watching) now and every ``every`` seconds; returns the number of polls. The model loads on the
    first poll that has something to extract."""
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher(politeness)

    def load() -> Pipeline:
        from eventwire.pipeline import Pipeline

        return Pipeline(model)

    watcher = Watcher(store, pipeline or load, fetcher, rules=rules or [], on_alert=on_alert, emit=emit,
                      limits=limits)

    def poll() -> None:
        stats = watcher.poll(read_sources(sources_file))
        if report:
            report(stats)

    try:
        return run_schedule(poll, every, once, clock=clock, sleep=sleep, polls=polls)
    finally:
        if own_fetcher:
            fetcher.close()


__all__ = ["Fetcher", "Politeness", "PollStats", "Watcher", "run_watch", "summary"]
