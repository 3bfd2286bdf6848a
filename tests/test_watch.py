"""Live monitoring (issue 20): polite fetching, sources, dedup, incremental incidents, alerts.

Every request goes to a loopback server started here (tests/loopback.py) serving fixture feeds and
pages written for the project (tests/data/watch/); nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.store import Store
from eventwire.watch.alerts import RuleError, evaluate, parse_rule, read_rules
from eventwire.watch.fetch import Fetcher, Politeness, normalize_url
from eventwire.watch.poll import parse_every, run_schedule
from eventwire.watch.sources import SourceFileError, feed_entries, page_links, read_sources, sitemap_entries
from loopback import LoopbackServer, Route, courier_site, fixture

ENV = {"NO_COLOR": "1", "COLUMNS": "200"}


class FakeTime:
    """An injectable clock: sleeping advances it, nothing waits."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def quick(**kwargs: object) -> Politeness:
    base: dict[str, object] = {"host_interval": 0.0, "timeout": 0.3, "retries": 0, "backoff": 0.0}
    base.update(kwargs)
    return Politeness(**base)  # type: ignore[arg-type]


@pytest.fixture()
def site():
    with LoopbackServer() as server:
        courier_site(server)
        yield server


# -- fetching ----------------------------------------------------------------------------------------

def test_fetch_sends_user_agent_and_reads_robots_once(site: LoopbackServer) -> None:
    with Fetcher(quick()) as fetcher:
        first = fetcher.fetch(site.url("/news/2026/03/03/gunmen-kill-twelve-villagers-near-goma"))
        second = fetcher.fetch(site.url("/news/2026/03/03/traders-protest-market-fees-nairobi"))
    assert first.ok and second.ok and b"Goma" in first.body
    assert site.paths().count("/robots.txt") == 1
    agents = {h.get("User-Agent") for _p, h, _s in site.requests}
    assert len(agents) == 1 and agents.pop().startswith("eventwire/")


def test_robots_refusal_404_500_and_redirect(site: LoopbackServer) -> None:
    with Fetcher(quick()) as fetcher:
        refused = fetcher.fetch(site.url("/private/2026/03/03/staff-only-story"))
        missing = fetcher.fetch(site.url("/news/nothing-here"))
        failing = fetcher.fetch(site.url("/news/2026/03/01/story-on-failing-server"))
        moved = fetcher.fetch(site.url("/news/2026/03/02/moved-port-talks-story"))
    assert refused.error == "refused by robots.txt"
    assert "/private/2026/03/03/staff-only-story" not in site.paths()  # never requested
    assert missing.error == "HTTP 404 Not Found" and not missing.transient
    assert failing.error == "HTTP 500 Internal Server Error" and failing.transient
    assert moved.ok and moved.final_url.endswith("/news/2026/03/02/port-talks-resume") and b"Mombasa" in moved.body


def test_redirect_into_robots_refusal_and_redirect_loop(site: LoopbackServer) -> None:
    site.routes["/go-private"] = Route(status=302, headers={"Location": "/private/x"})
    site.routes["/loop"] = Route(status=302, headers={"Location": "/loop"})
    with Fetcher(quick(max_redirects=3)) as fetcher:
        assert fetcher.fetch(site.url("/go-private")).error == "refused by robots.txt"
        assert fetcher.fetch(site.url("/loop")).error == "too many redirects (more than 3)"
    assert site.paths().count("/loop") == 4


def test_retries_with_backoff_then_give_up(site: LoopbackServer) -> None:
    fake = FakeTime()
    with Fetcher(quick(retries=2, backoff=1.5), clock=fake.clock, sleep=fake.sleep) as fetcher:
        result = fetcher.fetch(site.url("/news/2026/03/01/story-on-failing-server"))
    assert result.error == "HTTP 500 Internal Server Error"
    assert site.paths().count("/news/2026/03/01/story-on-failing-server") == 3
    assert fake.sleeps == [1.5, 3.0]


def test_retry_after_is_honoured(site: LoopbackServer) -> None:
    answers = iter([Route(b"busy", 503, {"Retry-After": "7"}), Route(b"ok now", 200, {"Content-Type": "text/plain"})])
    site.routes["/busy"] = lambda handler: next(answers)
    fake = FakeTime()
    with Fetcher(quick(retries=2), clock=fake.clock, sleep=fake.sleep) as fetcher:
        result = fetcher.fetch(site.url("/busy"))
    assert result.ok and result.body == b"ok now" and fake.sleeps == [7.0]


def test_slow_server_times_out(site: LoopbackServer) -> None:
    with Fetcher(quick(timeout=0.2)) as fetcher:
        result = fetcher.fetch(site.url("/news/2026/03/01/story-on-slow-server"))
    assert result.error is not None and result.error.startswith("timed out after 0.2 s") and result.transient


def test_size_cap_and_unreachable_host() -> None:
    with LoopbackServer() as server:
        server.routes["/big"] = Route(b"x" * 5000, headers={"Content-Type": "text/plain"})
        with Fetcher(quick(max_bytes=1000)) as fetcher:
            assert fetcher.fetch(server.url("/big")).error == "response too large: 5,000 bytes > 1,000 cap"
        port = server.httpd.server_address[1]
    with Fetcher(quick()) as fetcher:  # the server is gone: nothing listens on that port
        result = fetcher.fetch(f"http://127.0.0.1:{port}/story")
    assert result.error is not None and "robots.txt unreachable" in result.error


def test_conditional_get(site: LoopbackServer) -> None:
    with Fetcher(quick()) as fetcher:
        first = fetcher.fetch(site.url("/africa/rss.xml"))
        again = fetcher.fetch(site.url("/africa/rss.xml"), etag=first.etag)
        atom = fetcher.fetch(site.url("/wire/atom.xml"))
        atom_again = fetcher.fetch(site.url("/wire/atom.xml"), last_modified=atom.last_modified)
    assert first.status == 200 and first.etag == '"feed-v1"'
    assert again.not_modified and again.body == b"" and again.ok
    assert atom_again.not_modified


def test_rate_limit_per_host_and_crawl_delay(site: LoopbackServer) -> None:
    fake = FakeTime()
    with Fetcher(quick(host_interval=2.0), clock=fake.clock, sleep=fake.sleep) as fetcher:
        for _ in range(3):
            fetcher.fetch(site.url("/news/2026/03/03/traders-protest-market-fees-nairobi"))
    assert fake.sleeps == [2.0, 2.0, 2.0]  # robots.txt, then three pages: each start two seconds apart
    site.routes["/robots.txt"] = Route(b"User-agent: eventwire\nCrawl-delay: 5\n",
                                       headers={"Content-Type": "text/plain"})
    fake = FakeTime()
    with Fetcher(quick(host_interval=1.0), clock=fake.clock, sleep=fake.sleep) as fetcher:
        fetcher.fetch(site.url("/news/2026/03/03/traders-protest-market-fees-nairobi"))
    assert fake.sleeps == [5.0]


def test_one_request_at_a_time_per_host(site: LoopbackServer) -> None:
    for n in range(4):
        site.routes[f"/slowish/{n}"] = Route(b"ok", headers={"Content-Type": "text/plain"}, delay=0.05)
    with Fetcher(quick(workers=4, per_host=1)) as fetcher:
        results = list(fetcher.fetch_many((site.url(f"/slowish/{n}"), None, None) for n in range(4)))
    assert all(r.ok for r in results) and site.most_active == 1
    site.most_active = 0
    with Fetcher(quick(workers=4, per_host=2)) as fetcher:
        list(fetcher.fetch_many((site.url(f"/slowish/{n}"), None, None) for n in range(4)))
    assert site.most_active == 2


def test_robots_is_read_again_after_a_day(site: LoopbackServer) -> None:
    fake = FakeTime()
    page = site.url("/news/2026/03/03/traders-protest-market-fees-nairobi")
    with Fetcher(quick(), clock=fake.clock, sleep=fake.sleep) as fetcher:
        assert fetcher.fetch(page).ok
        site.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /news/\n", headers={"Content-Type": "text/plain"})
        fake.now += 3600
        assert fetcher.fetch(page).ok  # the day-old rules still hold
        fake.now += 86_400
        assert fetcher.fetch(page).error == "refused by robots.txt"
    assert site.paths().count("/robots.txt") == 2


def test_robots_server_error_refuses_and_missing_robots_allows() -> None:
    with LoopbackServer() as server:
        server.routes["/robots.txt"] = Route(b"down", 503)
        server.routes["/story"] = Route(b"hello", headers={"Content-Type": "text/plain"})
        with Fetcher(quick()) as fetcher:
            assert "robots.txt unreachable (HTTP 503" in (fetcher.fetch(server.url("/story")).error or "")
    with LoopbackServer() as server:
        server.routes["/story"] = Route(b"hello", headers={"Content-Type": "text/plain"})
        with Fetcher(quick()) as fetcher:
            assert fetcher.fetch(server.url("/story")).ok


# -- sources and items -------------------------------------------------------------------------------

def test_sources_file(tmp_path: Path) -> None:
    path = tmp_path / "sources.txt"
    path.write_text("# comment\n\nhttps://A.example/rss.xml#top feed  # trailing comment\n"
                    "https://a.example/rss.xml\nhttps://b.example/world/ page\n", encoding="utf-8")
    sources = read_sources(path)
    assert [(s.url, s.kind) for s in sources] == [("https://a.example/rss.xml", "feed"),
                                                  ("https://b.example/world/", "page")]
    path.write_text("https://a.example/rss.xml podcast\n", encoding="utf-8")
    with pytest.raises(SourceFileError, match=":1: expected"):
        read_sources(path)
    path.write_text("ftp://a.example/rss.xml\n", encoding="utf-8")
    with pytest.raises(SourceFileError, match="not an http"):
        read_sources(path)


def test_feed_sitemap_and_page_items() -> None:
    base = "http://127.0.0.1:9/africa/rss.xml"
    items = feed_entries(fixture("feed.xml", "").body, base)
    assert items[1].url == "http://127.0.0.1:9/news/2026/03/03/traders-protest-market-fees-nairobi"  # no #fragment
    assert items[0].guid == "courier-1001" and items[0].text is None  # a summary is not the article
    atom = feed_entries(fixture("atom.xml", "").body, "http://127.0.0.1:9/wire/atom.xml")
    assert atom[1].url is None and atom[1].guid == "urn:valley-wire:kisumu-floods" and "Kisumu" in (atom[1].text or "")
    children = sitemap_entries(fixture("sitemap-index.xml", "").body, "http://127.0.0.1:9/sitemap-index.xml")[1]
    assert children == ["http://127.0.0.1:9/news-sitemap.xml", "http://127.0.0.1:9/missing-sitemap.xml"]
    news = sitemap_entries(fixture("news-sitemap.xml", "").body, "http://127.0.0.1:9/news-sitemap.xml")[0]
    assert news[0].title == "Traders protest new market fees in Nairobi" and news[0].published == "2026-03-03T10:00:00Z"
    links = [i.url for i in page_links(fixture("section.html", "").body, "http://127.0.0.1:9/world/")]
    assert links == ["http://127.0.0.1:9/news/2026/03/02/moved-port-talks-story",
                     "http://127.0.0.1:9/news/2026/03/03/gunmen-kill-twelve-villagers-near-goma",
                     "http://127.0.0.1:9/ads/2026/03/03/sponsored-story-about-phones"]


def test_normalize_url_and_schedule() -> None:
    assert normalize_url("HTTP://Example.ORG/a?b=1#c") == "http://example.org/a?b=1"
    assert parse_every("15m") == 900 and parse_every("30s") == 30 and parse_every("2h") == 7200
    with pytest.raises(ValueError):
        parse_every("soon")
    fake = FakeTime()
    calls: list[float] = []

    def poll() -> None:
        calls.append(fake.now)
        fake.now += 10  # a poll takes ten seconds

    assert run_schedule(poll, 60, clock=fake.clock, sleep=fake.sleep, polls=3) == 3
    assert calls == [1000.0, 1060.0, 1120.0] and fake.sleeps == [50.0, 50.0]


# -- alerts ----------------------------------------------------------------------------------------------

def _incident_db() -> sqlite3.Connection:
    store = Store(":memory:")
    conn = store.conn
    conn.execute("INSERT INTO articles (id, text, title, url, source, ingested_at) VALUES"
                 " ('a1', 'x', 'Goma attack', 'http://x/1', 'x', '2026-03-03')")
    for key, kind, country, killed, lat, lon in (("i1", "ASSAULT", "COD", 12, -1.6, 29.2),
                                                 ("i2", "ASSAULT", "COD", 2, -1.6, 29.2),
                                                 ("i3", "PROTEST", "KEN", None, -1.3, 36.8)):
        conn.execute("INSERT INTO incidents (id, type, country, place, latitude, longitude, fatalities_best, actor,"
                     " n_articles, n_sources) VALUES (?, ?, ?, 'Goma', ?, ?, ?, 'gunmen', 1, 1)",
                     (key, kind, country, lat, lon, killed))
        conn.execute("INSERT INTO events (id, article_id, type, incident_id, evidence, asserted) VALUES"
                     " (?, 'a1', ?, ?, 'Gunmen killed villagers in a night attack.', 1)", (f"e{key}", kind, key))
    return conn


def test_rules_fire_once_per_incident() -> None:
    conn = _incident_db()
    rules = [parse_rule({"name": "deadly near Goma", "types": ["ASSAULT"], "near": {"lat": -1.68, "lon": 29.22,
                         "km": 50}, "min_fatalities": 10, "keywords": ["night attack"], "actor": "Gunmen"}, "t"),
             parse_rule({"name": "kenya", "country": "ken"}, "t")]
    fired = evaluate(conn, rules, ["i1", "i2", "i3"])
    assert sorted((a.rule, a.incident_id) for a in fired) == [("deadly near Goma", "i1"), ("kenya", "i3")]
    assert fired[0].payload["articles"] == [{"url": "http://x/1", "title": "Goma attack", "source": "x"}]
    assert evaluate(conn, rules, ["i1", "i2", "i3"]) == []  # updated again: no second alert
    assert conn.execute("SELECT COUNT(*) FROM alerts").fetchone()[0] == 2
    far = parse_rule({"name": "far", "near": {"lat": 10, "lon": 10, "km": 50}}, "t")
    words = parse_rule({"name": "words", "keywords": ["attacks"]}, "t")  # whole words only
    assert evaluate(conn, [far, words], ["i1", "i2", "i3"]) == []


def test_on_alert_command_outcome_is_stored() -> None:
    from eventwire.watch.alerts import run_command

    conn = _incident_db()
    (alert,) = evaluate(conn, [parse_rule({"name": "kenya", "country": "KEN"}, "t")], ["i3"])
    check = "import json, sys; sys.exit(0 if json.load(sys.stdin)['rule'] == 'kenya' else 5)"
    assert run_command(conn, f"{sys.executable} -c \"{check}\"", alert) == "exit 0"
    assert run_command(conn, f"{sys.executable} -c \"import sys; sys.exit(3)\"", alert) == "exit 3"
    assert run_command(conn, "/nonexistent/notify", alert).startswith("could not run")
    assert run_command(conn, f"{sys.executable} -c \"import time; time.sleep(5)\"", alert,
                       timeout=0.2) == "timed out after 0.2 s"
    assert conn.execute("SELECT command_status FROM alerts").fetchone()[0] == "timed out after 0.2 s"


def test_rule_files_are_checked(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text('[[rule]]\nname = "a"\ntypes = ["ASSAULT"]\n\n[[rule]]\nname = "b"\nmin_fatalities = 3\n')
    assert [r.name for r in read_rules(path)] == ["a", "b"]
    for text, message in (('[[rule]]\nname = "a"\n', "at least one condition"),
                          ('[[rule]]\nname = "a"\ncolour = "red"\n', "unknown condition colour"),
                          ('[[rule]]\nname = "a"\nnear = {lat = 1}\n', "near needs"),
                          ('[[rule]]\nname = "a"\nmin_fatalities = -1\n', "min_fatalities"),
                          ('[[rule]]\nname = "a"\ntype = "X"\n[[rule]]\nname = "a"\ntype = "Y"\n', "unique"),
                          ("rule = [", "rules.toml")):
        path.write_text(text)
        with pytest.raises(RuleError, match=message):
            read_rules(path)
    json_rules = tmp_path / "rules.json"
    json_rules.write_text(json.dumps([{"name": "j", "keywords": "drone"}]))
    assert read_rules(json_rules)[0].name == "j"


# -- the whole loop against the loopback site ---------------------------------------------------------------

def _closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _watch_files(tmp_path: Path, site: LoopbackServer) -> tuple[Path, Path, Path]:
    sources = tmp_path / "sources.txt"
    sources.write_text("\n".join([
        "# the loopback fixture site", site.url("/africa/rss.xml"), site.url("/wire/atom.xml") + " feed",
        site.url("/broken/rss.xml") + " feed", site.url("/sitemap-index.xml") + " sitemap",
        site.url("/world/") + " page", site.url("/gone/rss.xml"),
        f"http://127.0.0.1:{_closed_port()}/nobody-listens.xml", ""]), encoding="utf-8")
    rules = tmp_path / "rules.toml"
    rules.write_text('[[rule]]\nname = "killings near Goma"\ntypes = ["ASSAULT"]\n'
                     'near = { lat = -1.68, lon = 29.22, km = 60 }\nmin_fatalities = 10\n'
                     '\n[[rule]]\nname = "never"\ncountries = ["ISL"]\n', encoding="utf-8")
    received = tmp_path / "received.jsonl"
    return sources, rules, received


def test_watch_once_end_to_end(tmp_path: Path, site: LoopbackServer, nlp: object) -> None:
    sources, rules, received = _watch_files(tmp_path, site)
    db = tmp_path / "watch.db"
    hook = f"{sys.executable} -c \"import sys; open({str(received)!r}, 'a').write(sys.stdin.read() + chr(10))\""
    args = ["watch", str(sources), "--once", "--db", str(db), "--rules", str(rules), "--on-alert", hook,
            "--delay", "0", "--retries", "0", "--timeout", "2"]
    result = CliRunner().invoke(app, args, env=ENV)
    assert result.exit_code == 0, result.output

    store = Store(db)
    urls = {r["url"] for r in store.rows("SELECT url FROM articles")}
    assert urls == {site.url("/news/2026/03/03/gunmen-kill-twelve-villagers-near-goma"),
                    site.url("/news/2026/03/03/traders-protest-market-fees-nairobi"),
                    site.url("/news/2026/03/02/port-talks-resume"), None}  # the Kisumu story: feed text, no link
    # every page fetched once, even when listed by several sources or under two GUIDs
    for path in ("/news/2026/03/03/gunmen-kill-twelve-villagers-near-goma",
                 "/news/2026/03/03/traders-protest-market-fees-nairobi", "/news/2026/03/02/port-talks-resume"):
        assert site.paths().count(path) == 1, path
    # the Atom copy of the Goma story is the same article: recorded as a copy, not extracted again
    copies = store.rows("SELECT url FROM article_copies")
    assert copies == [{"url": site.url("/wire/goma-villagers-attack-copy")}]
    reasons = {(r["path"], r["reason"]) for r in store.rows("SELECT path, reason FROM errors")}
    expected = {
        (site.url("/private/2026/03/03/staff-only-story"), "fetch failed: refused by robots.txt"),
        (site.url("/ads/2026/03/03/sponsored-story-about-phones"), "fetch failed: refused by robots.txt"),
        (site.url("/news/2026/03/01/story-that-was-removed"), "fetch failed: HTTP 404 Not Found"),
        (site.url("/news/2026/03/01/story-on-failing-server"), "fetch failed: HTTP 500 Internal Server Error"),
        (site.url("/news/2026/03/01/story-on-slow-server"), "fetch failed: timed out after 2 s (read)"),
        (site.url("/gone/rss.xml"), "fetch failed: HTTP 404 Not Found"),
        (site.url("/sitemap-index.xml"),
         f"child sitemap {site.url('/missing-sitemap.xml')}: fetch failed: HTTP 404 Not Found"),
    }
    assert expected <= reasons
    assert any(path == site.url("/broken/rss.xml") and reason.startswith("unreadable feed: broken XML")
               for path, reason in reasons)
    assert any(path.endswith("/nobody-listens.xml") and reason.startswith(
        "fetch failed: robots.txt unreachable (connection failed:") for path, reason in reasons)
    assert all(reason.startswith(("fetch failed", "unreadable feed", "child sitemap")) for _p, reason in reasons)

    alerts = store.rows("SELECT rule, incident_id, command_status FROM alerts")
    assert alerts and {a["rule"] for a in alerts} == {"killings near Goma"}
    assert all(a["command_status"] == "exit 0" for a in alerts)
    for alert in alerts:
        (incident,) = store.rows("SELECT type, country, fatalities_best FROM incidents WHERE id = ?",
                                 (alert["incident_id"],))
        assert incident["type"] == "ASSAULT" and incident["country"] == "COD" and incident["fatalities_best"] >= 10
    assert len({a["incident_id"] for a in alerts}) == len(alerts)
    payloads = [json.loads(line) for line in received.read_text().splitlines() if line]
    assert sorted(p["incident_id"] for p in payloads) == sorted(a["incident_id"] for a in alerts)
    assert result.stdout.count('"rule": "killings near Goma"') == len(alerts)
    sources_rows = {r["url"]: r for r in store.rows("SELECT * FROM sources")}
    assert sources_rows[site.url("/africa/rss.xml")]["etag"] == '"feed-v1"'
    assert sources_rows[site.url("/gone/rss.xml")]["last_status"] == "fetch failed: HTTP 404 Not Found"
    counts = store.counts()
    store.close()

    # a second run: the feeds answer 304, nothing new is fetched, stored or alerted
    before = len(site.requests)
    again = CliRunner().invoke(app, args, env=ENV)
    assert again.exit_code == 0, again.output
    second = [(p, s) for p, _h, s in site.requests[before:]]
    assert (("/africa/rss.xml", 304) in second and ("/wire/atom.xml", 304) in second
            and ("/sitemap-index.xml", 304) in second and ("/world/", 304) in second)
    assert not [p for p, _s in second if p.startswith(("/news/", "/wire/goma"))]
    store = Store(db)
    assert store.counts() == counts
    assert store.rows("SELECT COUNT(*) AS n FROM alerts")[0]["n"] == len(alerts)
    assert len(received.read_text().splitlines()) == len(payloads)
    store.close()


def test_interrupted_poll_is_taken_up_by_the_next(tmp_path: Path, site: LoopbackServer, nlp: object) -> None:
    """A crash after the articles are stored but before the source's validators are saved: the next
    run lists the feed in full again, stores nothing twice and then saves the validators."""
    from eventwire.pipeline import Pipeline
    from eventwire.watch.poll import Watcher
    from eventwire.watch.sources import Source

    store = Store(tmp_path / "crash.db")
    pipeline = Pipeline()
    with Fetcher(quick()) as fetcher:
        watcher = Watcher(store, pipeline, fetcher)
        original = watcher._finish_sources
        watcher._finish_sources = lambda states: (_ for _ in ()).throw(KeyboardInterrupt())  # type: ignore[method-assign]
        with pytest.raises(KeyboardInterrupt):
            watcher.poll([Source(site.url("/africa/rss.xml"))])
        stored = store.counts()["articles"]
        assert stored == 3 and store.rows("SELECT etag FROM sources")[0]["etag"] is None
        watcher._finish_sources = original  # type: ignore[method-assign]
        stats = watcher.poll([Source(site.url("/africa/rss.xml"))])
    # listed in full again: only the two items that failed for a transient reason (500, timeout) are tried again
    assert stats.not_modified == 0 and stats.new_items == 2 and stats.stored == 0 and stats.incidents_touched > 0
    assert store.counts()["articles"] == stored and store.rows("SELECT etag FROM sources")[0]["etag"] == '"feed-v1"'
    store.close()


def test_ingest_url_records_fetch_failures(tmp_path: Path, site: LoopbackServer, nlp: object) -> None:
    db = tmp_path / "urls.db"
    good = site.url("/news/2026/03/03/traders-protest-market-fees-nairobi")
    feed = site.url("/wire/atom.xml")
    missing = site.url("/news/2026/03/01/story-that-was-removed")
    result = CliRunner().invoke(app, ["ingest", good, feed, missing, "--db", str(db), "--workers", "1"], env=ENV)
    assert result.exit_code == 1, result.output  # some inputs failed
    store = Store(db)
    assert store.counts()["articles"] == 3  # the page and the Atom file's two entries (read as a saved feed is)
    assert store.rows("SELECT path, reason FROM errors") == [
        {"path": missing, "reason": "fetch failed: HTTP 404 Not Found"}]
    store.close()


# -- web pages ---------------------------------------------------------------------------------------------------

def test_sources_alerts_pages_and_arrivals_since_last_visit(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from eventwire.web.app import create_app

    db = tmp_path / "web.db"
    store = Store(db)
    conn = store.conn
    conn.execute("INSERT INTO sources (url, kind, last_poll, last_status, last_new, polls, items, errors, etag) VALUES"
                 " ('http://127.0.0.1:1/rss.xml', 'feed', '2026-03-03T12:00:00+00:00', '304 not modified', 0, 2, 7,"
                 " 1, '\"v1\"'), ('http://127.0.0.1:1/gone.xml', NULL, '2026-03-03T12:00:00+00:00',"
                 " 'fetch failed: HTTP 404 Not Found', 0, 2, 0, 2, NULL)")
    conn.execute("INSERT INTO articles (id, text, title, url, source, ingested_at) VALUES"
                 " ('old', 'x', 'Old story', 'http://x/old', 'x', '2026-03-01T00:00:00+00:00'),"
                 " ('new', 'y', 'Goma <attack>', 'http://x/new', 'x', '2026-03-03T12:00:00+00:00')")
    conn.execute("INSERT INTO incidents (id, type, n_articles, n_sources) VALUES ('i1', 'ASSAULT', 1, 1)")
    payload = {"rule": "goma", "incident_id": "i1", "articles": [{"url": "javascript:alert(1)", "source": "x",
                                                                  "title": "t"}]}
    conn.execute("INSERT INTO alerts (rule, incident_id, at, summary, payload, command_status) VALUES"
                 " ('goma', 'i1', '2026-03-03T12:00:01+00:00', '2026-03-02 ASSAULT in Goma', ?, 'exit 0')",
                 (json.dumps(payload),))
    store.close()
    client = TestClient(create_app(db))
    page = client.get("/sources")
    assert page.status_code == 200 and "http://127.0.0.1:1/gone.xml" in page.text and "HTTP 404" in page.text
    alerts_page = client.get("/alerts")
    assert alerts_page.status_code == 200 and "2026-03-02 ASSAULT in Goma" in alerts_page.text
    assert "javascript:" not in alerts_page.text
    assert client.get("/api/alerts").json()["alerts"][0]["payload"]["rule"] == "goma"
    assert [s["url"] for s in client.get("/api/sources").json()["sources"]][0].startswith("http://127.0.0.1:1/")

    first = client.get("/")  # first visit: nothing to compare with; the visit is remembered
    assert first.status_code == 200 and "Since your last visit" not in first.text
    assert "eventwire_last_visit" in first.headers["set-cookie"]
    client.cookies.set("eventwire_last_visit", "2026-03-02T00:00:00+00:00")
    later = client.get("/")
    assert "Since your last visit" in later.text and "Goma &lt;attack&gt;" in later.text
    assert "Old story" not in later.text and "<b>1</b> new articles" in later.text
    assert "<b>1</b> new alerts" in later.text
    client.cookies.set("eventwire_last_visit", "not a time")
    assert "Since your last visit" not in client.get("/").text
