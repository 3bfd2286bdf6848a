"""A poll of a few new articles on a database of 100,000 events: does it take seconds?

    .venv/bin/python bench/bench_watch.py [--events 100000] [--new 5] [--workdir DIR]

1. Generates the synthetic database of bench_resolve.py (true incidents reported by several
   articles, 275 events a day), here dated 2025 so that the new articles' dates (December 2025)
   fall inside it, and resolves it in full once (timed: what a full rebuild would cost per poll).
2. Serves an RSS feed and ``--new`` article pages (the project's examples/ articles as HTML) from a
   loopback server, and runs one ``Watcher.poll`` with an alert rule, the model loaded beforehand:
   fetch, dedupe, extract, store, incremental resolve, alerts. Reports the poll's time and its parts.
3. Polls again: the feed answers 304 Not Modified; reports that time too.

Requests go to 127.0.0.1 only, with the per-host delay set to 0 (loopback); with the default delay
of 1 s a poll of one host spends about one more second per page waiting, which is politeness, not
work, and is reported separately.
"""

from __future__ import annotations

import argparse
import html
import json
import sys
import tempfile
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_resolve  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def _page(text: str) -> bytes:
    from eventwire.ingest.text import split_front_matter

    meta, body = split_front_matter(text)
    paragraphs = "".join(f"<p>{html.escape(p.strip())}</p>" for p in body.split("\n\n") if p.strip())
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(str(meta.get('title', '')))}"
            f"</title><meta property='article:published_time' content='{meta.get('published', '')}'></head>"
            f"<body><article class='story-body'><h1>{html.escape(str(meta.get('title', '')))}</h1>{paragraphs}"
            "</article></body></html>").encode()


def serve(pages: dict[str, bytes]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802
            body = pages.get(self.path)
            status = 200 if body is not None else 404
            if self.path == "/feed.xml" and self.headers.get("If-None-Match") == '"v1"':
                status, body = 304, b""
            body = body or b""
            self.send_response(status)
            if self.path == "/feed.xml":
                self.send_header("ETag", '"v1"')
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--new", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()

    from eventwire.pipeline import Pipeline
    from eventwire.resolve.incidents import resolve
    from eventwire.store import Store
    from eventwire.watch.alerts import parse_rule
    from eventwire.watch.fetch import Fetcher, Politeness
    from eventwire.watch.poll import Watcher
    from eventwire.watch.sources import Source

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench_watch_"))
    db = workdir / f"watch_{args.events}.db"
    result: dict[str, object] = {"events_before": args.events}
    if not db.exists():
        bench_resolve.START = date(2025, 1, 1)
        started = time.perf_counter()
        bench_resolve.generate(db, args.events)
        result["generate_seconds"] = round(time.perf_counter() - started, 1)
        store = Store(db)
        started = time.perf_counter()
        resolve(store.conn)
        result["full_resolve_seconds"] = round(time.perf_counter() - started, 1)
        store.close()

    examples = sorted((ROOT / "examples").glob("*.txt"))[: args.new]
    pages = {f"/story/{n}": _page(p.read_text(encoding="utf-8")) for n, p in enumerate(examples)}
    items = "".join(f"<item><title>story {n}</title><link>/story/{n}</link><guid>g{n}</guid></item>"
                    for n in range(len(examples)))
    pages["/feed.xml"] = f"<?xml version='1.0'?><rss version='2.0'><channel>{items}</channel></rss>".encode()
    server = serve(pages)
    base = f"http://127.0.0.1:{server.server_address[1]}"

    store = Store(db)
    result["incidents_before"] = store.counts()["incidents"]
    started = time.perf_counter()
    pipeline = Pipeline()
    result["model_load_seconds"] = round(time.perf_counter() - started, 1)
    rule = parse_rule({"name": "Caribbean strikes", "types": ["ASSAULT"], "near": {"lat": 15, "lon": -70,
                                                                                   "km": 1500}}, "bench")
    with Fetcher(Politeness(host_interval=0.0)) as fetcher:
        watcher = Watcher(store, pipeline, fetcher, rules=[rule])
        stats = watcher.poll([Source(f"{base}/feed.xml", "feed")])
        again = watcher.poll([Source(f"{base}/feed.xml", "feed")])
    server.shutdown()
    result.update({
        "new_articles": stats.stored, "new_events": store.counts()["events"] - args.events,
        "poll_seconds": stats.seconds, "resolve_and_alerts_seconds": stats.resolve_seconds,
        "fetch_extract_store_seconds": round(stats.seconds - stats.resolve_seconds, 3),
        "incidents_touched": stats.incidents_touched, "alerts": len(stats.alerts),
        "politeness_wait_at_default_delay_seconds": float(stats.fetched + 2),  # robots.txt, feed, pages: 1 s apart
        "second_poll_seconds": again.seconds, "second_poll_not_modified": again.not_modified,
    })
    store.close()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
