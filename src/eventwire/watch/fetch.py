"""Polite HTTP fetching for ``ingest URL`` and ``watch``: one client, shared rules for every request.

- a clear User-Agent (``eventwire/VERSION (+...)``, ``EVENTWIRE_USER_AGENT`` to name yourself);
- robots.txt read once per host and day (RFC 9309: a 4xx robots.txt allows everything, a 5xx or an
  unreachable one refuses everything; it is tried again after an hour); its Crawl-delay is honoured;
- per host: at most ``per_host`` requests at once and ``host_interval`` seconds between two
  request starts; ``workers`` requests at once in all;
- conditional GET: the validators (ETag, Last-Modified) of the last complete poll are sent back and
  304 Not Modified costs no body;
- retries with exponential backoff (or the server's Retry-After, capped) on timeouts, lost
  connections, 429 and 5xx; never on other 4xx;
- timeouts (per connect/read, and a deadline for the whole response), redirects followed by hand
  (robots.txt is checked for each hop), and the size cap of the file readers
  (:data:`eventwire.ingest.SIZE_CAP`) applied while the body streams, after decompression.

Every failure is a :class:`FetchResult` with ``error`` set to a reason a user can read ("HTTP 404 Not
Found", "timed out after 20 s", "refused by robots.txt"): nothing raises. The clock and ``sleep`` are
injectable so tests never wait.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import urllib.robotparser
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from eventwire import __version__
from eventwire.ingest import SIZE_CAP

log = logging.getLogger("eventwire.watch")

DEFAULT_USER_AGENT = (f"eventwire/{__version__} (news event monitor; set EVENTWIRE_USER_AGENT to add your "
                      "contact)")
ROBOTS_AGENT = "eventwire"  # the product token robots.txt rules name
REDIRECTS = frozenset({301, 302, 303, 307, 308})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 60.0  # seconds: a longer Retry-After is a failure for this poll, tried again next poll
MAX_CRAWL_DELAY = 60.0
ROBOTS_TTL = 86_400.0  # seconds a robots.txt is trusted (RFC 9309 asks for at most 24 hours)
ROBOTS_RETRY = 3_600.0  # seconds before an unreachable robots.txt is tried again
GZIP_MAGIC = b"\x1f\x8b"


@dataclass(slots=True)
class Politeness:
    """How hard eventwire may press on the sites it reads; the defaults are deliberately gentle."""

    user_agent: str = field(default_factory=lambda: os.environ.get("EVENTWIRE_USER_AGENT") or DEFAULT_USER_AGENT)
    host_interval: float = 1.0  # seconds between two request starts to one host
    per_host: int = 1  # requests to one host at once
    workers: int = 4  # requests at once in all
    timeout: float = 20.0  # seconds to connect, and between two bytes of a response
    deadline: float = 60.0  # seconds for a whole response
    retries: int = 2  # further attempts after a transient failure
    backoff: float = 2.0  # seconds before the first retry; doubles each time
    max_bytes: int = SIZE_CAP
    max_redirects: int = 5


@dataclass(slots=True)
class FetchResult:
    """One URL fetched, or why not. ``final_url`` is where redirects led."""

    url: str
    final_url: str
    status: int | None = None
    body: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    transient: bool = False  # a failure worth trying again at the next poll (timeouts, 5xx, 429)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class _Host:
    """Per-host politeness state: a slot semaphore and the earliest start of the next request."""

    def __init__(self, slots: int, interval: float) -> None:
        self.slots = threading.BoundedSemaphore(max(1, slots))
        self.lock = threading.Lock()
        self.next_at = 0.0
        self.interval = interval


def _host_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{(parts.hostname or '').lower()}{f':{parts.port}' if parts.port else ''}"


def normalize_url(url: str) -> str:
    """The URL without its fragment, with a lower-case scheme and host (how items are keyed)."""
    parts = urlsplit(url.strip())
    netloc = parts.netloc.lower() if "@" not in parts.netloc else parts.netloc
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


class Fetcher:
    """A polite HTTP client (see the module docstring). Use as a context manager, or ``close()``."""

    def __init__(self, politeness: Politeness | None = None, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep, transport: httpx.BaseTransport | None = None) -> None:
        self.politeness = politeness or Politeness()
        self.clock = clock
        self.sleep = sleep
        p = self.politeness
        self.client = httpx.Client(
            headers={"User-Agent": p.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(p.timeout), follow_redirects=False, transport=transport)
        self._hosts: dict[str, _Host] = {}
        # host -> (rules, or why the host is refused; when to read robots.txt again)
        self._robots: dict[str, tuple[urllib.robotparser.RobotFileParser | str, float]] = {}
        self._lock = threading.Lock()
        self._robots_locks: dict[str, threading.Lock] = {}
        self.requests = 0  # requests sent (robots.txt included): tests and logs read it

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- politeness --------------------------------------------------------------------------------
    def _host(self, key: str) -> _Host:
        with self._lock:
            host = self._hosts.get(key)
            if host is None:
                host = self._hosts[key] = _Host(self.politeness.per_host, self.politeness.host_interval)
            return host

    def _turn(self, host: _Host) -> None:
        """Wait for this host's next slot in time (the caller holds one of its slots)."""
        with host.lock:
            now = self.clock()
            start = max(now, host.next_at)
            host.next_at = start + host.interval
        if start > now:
            self.sleep(start - now)

    def robots_verdict(self, url: str) -> str | None:
        """None when robots.txt lets us fetch ``url``, else the reason it does not."""
        key = _host_key(url)
        with self._lock:
            lock = self._robots_locks.setdefault(key, threading.Lock())
        with lock:
            cached = self._robots.get(key)
            if cached is None or self.clock() >= cached[1]:
                rules = self._read_robots(key)
                ttl = ROBOTS_RETRY if isinstance(rules, str) else ROBOTS_TTL
                cached = self._robots[key] = (rules, self.clock() + ttl)
            rules = cached[0]
        if isinstance(rules, str):
            return rules
        return None if rules.can_fetch(ROBOTS_AGENT, url) else "refused by robots.txt"

    def _read_robots(self, key: str) -> urllib.robotparser.RobotFileParser | str:
        result = self._get(f"{key}/robots.txt", {})
        rules = urllib.robotparser.RobotFileParser()
        if result.status is not None and 300 <= result.status < 500 and result.status not in (429,):
            rules.parse([])  # RFC 9309: no robots.txt (4xx) means no restriction
            return rules
        if not result.ok:
            return f"robots.txt unreachable ({result.error}): not fetching from this host"
        rules.parse(result.body.decode("utf-8", errors="replace").splitlines())
        delay = rules.crawl_delay(ROBOTS_AGENT)
        if delay:
            host = self._host(key)
            with host.lock:
                wanted = min(float(delay), MAX_CRAWL_DELAY)
                if wanted > host.interval:  # the robots.txt request itself already counts
                    host.next_at += wanted - host.interval
                    host.interval = wanted
        return rules

    # -- requests ----------------------------------------------------------------------------------
    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """GET ``url`` politely; ``etag``/``last_modified`` make it conditional (304: not modified)."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _hop in range(self.politeness.max_redirects + 1):
            if not is_url(current):
                return FetchResult(url, current, error=f"unsupported URL (only http and https): {current[:200]}")
            refusal = self.robots_verdict(current)
            if refusal:
                return FetchResult(url, current, error=refusal)
            result = self._get(current, headers)
            result.url = url
            if result.status in REDIRECTS:
                location = result.content_type  # _get keeps the Location header here for redirects
                if not location:
                    return FetchResult(url, current, result.status, error=f"HTTP {result.status} without Location")
                current = urljoin(current, location)
                continue
            return result
        return FetchResult(url, current, error=f"too many redirects (more than {self.politeness.max_redirects})")

    def fetch_many(self, requests: Iterable[tuple[str, str | None, str | None]]) -> Iterator[FetchResult]:
        """Fetch (url, etag, last_modified) triples, ``workers`` at once; results in the given order."""
        items = list(requests)
        if len(items) <= 1 or self.politeness.workers <= 1:
            for item in items:
                yield self.fetch(*item)
            return
        with ThreadPoolExecutor(max_workers=self.politeness.workers, thread_name_prefix="eventwire-fetch") as pool:
            yield from pool.map(lambda item: self.fetch(*item), items)

    def _get(self, url: str, headers: dict[str, str]) -> FetchResult:
        """One URL with retries on transient failures (no redirects followed)."""
        p = self.politeness
        host = self._host(_host_key(url))
        attempt = 0
        while True:
            with host.slots:
                self._turn(host)
                result, retry_after = self._once(url, headers)
            if not result.transient or attempt >= p.retries:
                return result
            wait = retry_after if retry_after is not None else p.backoff * (2 ** attempt)
            if wait > MAX_RETRY_AFTER:
                return result
            log.info("retrying %s in %.1f s: %s", url, wait, result.error)
            attempt += 1
            self.sleep(wait)

    def _once(self, url: str, headers: dict[str, str]) -> tuple[FetchResult, float | None]:
        p = self.politeness
        self.requests += 1
        started = self.clock()
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                status = response.status_code
                got = response.headers
                result = FetchResult(url, url, status, content_type=got.get("content-type"), etag=got.get("etag"),
                                     last_modified=got.get("last-modified"))
                if status in REDIRECTS:
                    result.content_type = got.get("location")
                    return result, None
                if status == 304:
                    return result, None
                if status >= 400:
                    result.error = f"HTTP {status} {response.reason_phrase}".strip()
                    result.transient = status in RETRY_STATUSES
                    return result, _retry_after(got.get("retry-after"))
                declared = got.get("content-length")
                if declared and declared.isdigit() and int(declared) > p.max_bytes:
                    result.error = f"response too large: {int(declared):,} bytes > {p.max_bytes:,} cap"
                    return result, None
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > p.max_bytes:
                        result.error = f"response too large: more than {p.max_bytes:,} bytes cap"
                        return result, None
                    if self.clock() - started > p.deadline:
                        result.error = f"too slow: response not complete after {p.deadline:g} s"
                        result.transient = True
                        return result, None
                    chunks.append(chunk)
                result.body = b"".join(chunks)
        except httpx.TimeoutException as exc:
            return FetchResult(url, url, error=f"timed out after {p.timeout:g} s ({_kind(exc)})", transient=True), None
        except httpx.ConnectError as exc:
            return FetchResult(url, url, error=f"connection failed: {exc or type(exc).__name__}", transient=True), None
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
            return FetchResult(url, url, error=f"connection lost: {exc or type(exc).__name__}", transient=True), None
        except httpx.DecodingError as exc:
            return FetchResult(url, url, error=f"undecodable response: {exc}"), None
        except (httpx.HTTPError, httpx.InvalidURL, ValueError) as exc:
            return FetchResult(url, url, error=f"request failed: {type(exc).__name__}: {exc}"), None
        if result.body.startswith(GZIP_MAGIC):  # a .gz file (sitemap.xml.gz), not a transfer encoding
            from eventwire.ingest.text import ReadError, gunzip

            try:
                result.body = gunzip(result.body, p.max_bytes)
            except ReadError as exc:
                result.error = str(exc)
        return result, None


def _kind(exc: httpx.TimeoutException) -> str:
    return {"ConnectTimeout": "connect", "ReadTimeout": "read", "WriteTimeout": "write",
            "PoolTimeout": "pool"}.get(type(exc).__name__, "timeout")


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
