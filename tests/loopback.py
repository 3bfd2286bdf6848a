"""A loopback HTTP server for tests: routes set per test, every request recorded. Binds 127.0.0.1 only."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "data" / "watch"


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (a slow server)
    etag: str | None = None  # answer 304 to a matching If-None-Match
    last_modified: str | None = None  # answer 304 to a matching If-Modified-Since


def fixture(name: str, content_type: str, **kwargs: object) -> Route:
    return Route((FIXTURES / name).read_bytes(), headers={"Content-Type": content_type}, **kwargs)  # type: ignore[arg-type]


class LoopbackServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route | Callable[[BaseHTTPRequestHandler], Route]] = {}
        self.requests: list[tuple[str, dict[str, str], int]] = []  # path, headers, status answered
        self.active: dict[str, int] = {}  # requests being answered, by path prefix
        self.most_active = 0  # the most requests answered at once
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
                route = server.routes.get(self.path)
                if callable(route):
                    route = route(self)
                if route is None:
                    route = Route(b"not found", 404, {"Content-Type": "text/plain"})
                with server.lock:
                    server.active[self.path] = server.active.get(self.path, 0) + 1
                    server.most_active = max(server.most_active, sum(server.active.values()))
                if route.delay:
                    time.sleep(route.delay)
                with server.lock:
                    server.active[self.path] -= 1
                status = route.status
                if (route.etag and self.headers.get("If-None-Match") == route.etag) or (
                        route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified):
                    status = 304
                server.requests.append((self.path, dict(self.headers), status))
                try:
                    self.send_response(status)
                    headers = dict(route.headers)
                    if route.etag:
                        headers["ETag"] = route.etag
                    if route.last_modified:
                        headers["Last-Modified"] = route.last_modified
                    body = b"" if status == 304 else route.body
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self, status: int | None = None) -> list[str]:
        return [p for p, _h, s in self.requests if status is None or s == status]

    def __enter__(self) -> LoopbackServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def courier_site(server: LoopbackServer, slow: float = 4.0) -> None:
    """The fixture site: feeds, a sitemap index, a section page, article pages and the failure cases."""
    html = "text/html; charset=utf-8"
    server.routes.update({
        "/robots.txt": fixture("robots.txt", "text/plain"),
        "/africa/rss.xml": fixture("feed.xml", "application/rss+xml", etag='"feed-v1"'),
        "/wire/atom.xml": fixture("atom.xml", "application/atom+xml",
                                  last_modified="Tue, 03 Mar 2026 12:00:00 GMT"),
        "/broken/rss.xml": fixture("broken-feed.xml", "application/rss+xml"),
        "/sitemap-index.xml": fixture("sitemap-index.xml", "application/xml", etag='"index-v1"'),
        "/news-sitemap.xml": fixture("news-sitemap.xml", "application/xml"),
        "/world/": fixture("section.html", html, etag='"world-v1"'),
        "/news/2026/03/03/gunmen-kill-twelve-villagers-near-goma": fixture("goma-attack.html", html),
        "/wire/goma-villagers-attack-copy": fixture("goma-attack.html", html),
        "/news/2026/03/03/traders-protest-market-fees-nairobi": fixture("nairobi-protest.html", html),
        "/news/2026/03/02/moved-port-talks-story": Route(
            status=301, headers={"Location": "/news/2026/03/02/port-talks-resume"}),
        "/news/2026/03/02/port-talks-resume": fixture("harbour-talks.html", html),
        "/news/2026/03/01/story-on-failing-server": Route(b"oops", 500, {"Content-Type": "text/plain"}),
        "/news/2026/03/01/story-on-slow-server": fixture("harbour-talks.html", html, delay=slow),
        "/private/2026/03/03/staff-only-story": fixture("goma-attack.html", html),
        "/ads/2026/03/03/sponsored-story-about-phones": fixture("goma-attack.html", html),
    })
