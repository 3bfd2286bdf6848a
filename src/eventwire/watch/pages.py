"""Articles from fetched responses, read by the same readers as files (HTML with trafilatura, feeds,
text, JSONL, WARC), under the same size cap and checks. Used by ``eventwire ingest URL``."""

from __future__ import annotations

import atexit
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from eventwire.ingest import IngestError, read_path, sniff_kind
from eventwire.ingest.html import article_from_html
from eventwire.ingest.text import ReadError, check_not_binary, host_source
from eventwire.model import Article
from eventwire.watch.fetch import Fetcher, FetchResult

_shared: Fetcher | None = None
_shared_lock = threading.Lock()


def shared_fetcher() -> Fetcher:
    """One polite fetcher per process (its robots.txt cache and host timers span the whole run)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Fetcher()
            atexit.register(_shared.close)
        return _shared


def result_articles(result: FetchResult) -> Iterator[Article | IngestError]:
    """The articles a successful response holds; errors name the URL asked for."""
    body = result.body
    if not body.strip():
        yield IngestError(result.url, "empty response")
        return
    try:
        check_not_binary(body)
    except ReadError as exc:
        yield IngestError(result.url, f"{exc} ({result.content_type or 'no content type'})")
        return
    kind = sniff_kind(body[:4096])
    if kind == "html":
        yield article_from_html(body, path=result.url, url=result.final_url)
        return
    with tempfile.TemporaryDirectory(prefix="eventwire-url-") as folder:
        spool = Path(folder, "response")
        spool.write_bytes(body)
        for item in read_path(spool):
            if item.path == str(spool):
                item.path = result.url
            if isinstance(item, Article):
                item.url = item.url or result.final_url
                item.source = item.source or host_source(item.url)
            yield item


def url_articles(url: str, fetcher: Fetcher | None = None) -> Iterator[Article | IngestError]:
    """Fetch one URL politely and read it; a failed fetch is an IngestError with the HTTP status or
    the network reason."""
    result = (fetcher or shared_fetcher()).fetch(url)
    if not result.ok:
        yield IngestError(url, f"fetch failed: {result.error}")
        return
    yield from result_articles(result)
