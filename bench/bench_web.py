"""Latency of every web page and API listing over a generated database of 1,000,000 events.

    python bench/bench_web.py [--db /tmp/eventwire-1m.db] [--events 1000000] [--requests 30]
                              [--regenerate] [--only PREFIX] [--json FILE]

The database is generated once and cached at --db (regenerated when the schema changes or with
--regenerate): ~200k articles, ~20k actors, place and date mentions, quotes, ~100k incidents and
the events, with Zipf-like actors, countries and places, dates over five years, the 16 PLOVER types
skewed to a few, ~30% non-asserted events and fatalities on some. It is created by ``Store`` (the real
schema, indexes and triggers) and filled with plain ``executemany`` in large transactions. It is never
ANALYZEd, as a database made by ``eventwire ingest`` is not.

Every route is then requested in-process through FastAPI's TestClient (the full ASGI stack: routing,
validation, queries, templates), round-robin over the routes so machine noise spreads evenly; the
table gives p50 / p95 / max in milliseconds per route, then a JSON summary. Target: p95 < 200 ms.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import random
import statistics
import sys
import time
import warnings
from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from eventwire.periods import date_bounds
from eventwire.store import EVENT_COLUMNS, Store

GENERATOR_VERSION = "2"  # 2: events and incidents carry date_start / date_last (schema version 5)
TARGET_MS = 200.0
PLOVER_WEIGHTS = {
    "ASSAULT": 24, "CONSULT": 14, "ACCUSE": 10, "PROTEST": 8, "COERCE": 7, "SUPPORT": 6, "AGREE": 5,
    "THREATEN": 5, "REQUEST": 4, "COOPERATE": 4, "MOBILIZE": 3, "REJECT": 3, "SANCTION": 2, "AID": 2,
    "RETREAT": 1.5, "CONCEDE": 1.5,
}
VERBS = {
    "ASSAULT": "attacked", "CONSULT": "met", "ACCUSE": "accused", "PROTEST": "protested against",
    "COERCE": "arrested members of", "SUPPORT": "praised", "AGREE": "signed a deal with",
    "THREATEN": "threatened", "REQUEST": "called on", "COOPERATE": "worked with", "MOBILIZE": "deployed troops near",
    "REJECT": "rejected the demands of", "SANCTION": "imposed sanctions on", "AID": "sent aid to",
    "RETREAT": "withdrew from positions held by", "CONCEDE": "released prisoners held by",
}
MODES = {"ASSAULT": ("shelling", "firearms", "aerial", "bombing"), "PROTEST": ("demonstrate", "riot"),
         "COERCE": ("arrest", "seize"), "MOBILIZE": ("troops", "police")}
SECTORS = ("GOV", "MIL", "REB", "CVL", "POL", "BUS", "MED", "IGO", "NGO", "COP", "JUD", "OPP", "REL")
KINDS = ("person", "group", "organization", "country")
UNLINKED = ("gunmen", "unidentified attackers", "protesters", "residents", "security forces", "officials",
            "witnesses", "a crowd", "police officers", "militants")
FLAGS = ("negated", "hypothetical", "future", "historical", "aggregate")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SYLLABLES = ("ka", "ro", "mi", "ta", "lun", "sa", "ve", "dor", "na", "bel", "ri", "zo", "ham", "el", "tu", "gar",
             "os", "an", "qui", "fe", "lo", "mar", "in", "dis", "ba", "kol", "ne", "per", "wa", "shi")
START_DAY = date(2021, 1, 1)
DAYS = 5 * 365


# -- generation ----------------------------------------------------------------------------------


def _zipf(n: int, s: float = 1.05) -> list[float]:
    """Cumulative Zipf weights for n ranks (for random.choices(cum_weights=...))."""
    total, cumulative = 0.0, []
    for rank in range(1, n + 1):
        total += 1.0 / rank**s
        cumulative.append(total)
    return cumulative


def _hid(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3)))


def _cities() -> list[tuple[str, str, float, float]]:
    """The most populous gazetteer cities: (name, ISO3 country, latitude, longitude)."""
    path = resources.files("eventwire").joinpath("data/places_gazetteer.tsv.gz")
    rows: list[tuple[int, str, str, float, float]] = []
    with gzip.open(str(path), "rt", encoding="utf-8") as handle:
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 8 and cols[1] == "city" and cols[3] and cols[7].isdigit():
                rows.append((int(cols[7]), cols[2], cols[3], float(cols[5]), float(cols[6])))
    rows.sort(reverse=True)
    return [(name, country, lat, lon) for _, name, country, lat, lon in rows[:6000]]


class Generator:
    """Synthetic but realistically shaped eventwire data."""

    def __init__(self, n_events: int, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.n_events = n_events
        self.n_articles = max(n_events // 5, 1)
        self.n_actors = max(n_events // 50, 10)
        self.n_incidents = max(n_events // 10, 1)
        self.vocabulary = [_word(self.rng) for _ in range(6000)]
        self.vocab_cum = _zipf(len(self.vocabulary))
        cities = _cities()
        by_country: dict[str, list[tuple[str, str, float, float]]] = defaultdict(list)
        for city in cities:
            by_country[city[1]].append(city)
        self.countries = sorted(by_country, key=lambda c: -len(by_country[c]))
        self.rng.shuffle(self.countries)  # Zipf rank independent of how many cities the gazetteer lists
        self.country_cum = _zipf(len(self.countries), 1.2)
        self.cities = by_country
        self.city_cum = {c: _zipf(len(v), 1.0) for c, v in by_country.items()}
        self.actor_cum = _zipf(self.n_actors, 1.0)
        self.sources = [f"{_word(self.rng)}{_word(self.rng)}.example" for _ in range(300)]
        self.source_cum = _zipf(len(self.sources))
        self.actors = [self._actor(i) for i in range(self.n_actors)]

    def _actor(self, i: int) -> tuple[str, str, str, str | None, str, list[str]]:
        rng = self.rng
        kind = rng.choices(KINDS, weights=(40, 35, 20, 5))[0]
        base = " ".join(_word(rng).capitalize() for _ in range(rng.randint(1, 3)))
        name = base if kind == "person" else f"{base} {rng.choice(('Front', 'Forces', 'Party', 'Ministry', 'Union'))}"
        country = rng.choices(self.countries, cum_weights=self.country_cum)[0] if rng.random() < 0.85 else None
        aliases = sorted({name, base, *(f"{_word(rng).capitalize()} {base}" for _ in range(rng.randint(0, 2)))})
        return (_hid("actor", i, name), name, kind, country, rng.choice(SECTORS), aliases)

    def words(self, n: int) -> str:
        return " ".join(self.rng.choices(self.vocabulary, cum_weights=self.vocab_cum, k=n))

    def day(self) -> str:
        # Mildly rising volume over the five years.
        offset = int(DAYS * self.rng.random() ** 0.8)
        return (START_DAY + timedelta(days=offset)).isoformat()

    def city(self) -> tuple[str, str, float, float]:
        country = self.rng.choices(self.countries, cum_weights=self.country_cum)[0]
        return self.rng.choices(self.cities[country], cum_weights=self.city_cum[country])[0]

    def actor_index(self) -> int:
        return self.rng.choices(range(self.n_actors), cum_weights=self.actor_cum)[0]


def generate(path: Path, n_events: int) -> dict[str, Any]:
    """Create the database at ``path`` (removing any old one); returns sizes and timings."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    gen = Generator(n_events)
    store = Store(path)
    conn = store.conn
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -400000")
    conn.execute("PRAGMA foreign_keys = OFF")  # rows are consistent by construction
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO actors (id, name, kind, country, sector, aliases) VALUES (?, ?, ?, ?, ?, ?)",
                     [(a[0], a[1], a[2], a[3], a[4], json.dumps(a[5])) for a in gen.actors])
    conn.execute("COMMIT")
    incident_ids = [_hid("incident", i) for i in range(gen.n_incidents)]
    incident_rows: dict[str, list[Any]] = {}
    per_article = [1] * gen.n_articles  # every article has an event; the rest spread at random
    for a in gen.rng.choices(range(gen.n_articles), k=max(n_events - gen.n_articles, 0)):
        per_article[a] += 1
    event_no = 0
    batch = 20_000
    for first in range(0, gen.n_articles, batch):
        rows = _article_batch(gen, first, min(first + batch, gen.n_articles), per_article, event_no,
                              incident_ids, incident_rows)
        event_no += len(rows["events"])
        conn.execute("BEGIN")
        for table, table_rows in rows.items():
            if table_rows:
                width = len(table_rows[0])
                columns = EVENT_COLUMNS if table == "events" else None
                names = f" ({', '.join(columns)})" if columns else ""
                conn.executemany(f"INSERT INTO {table}{names} VALUES ({', '.join('?' * width)})", table_rows)
        conn.execute("COMMIT")
        print(f"  generated {first + batch:,} articles, {event_no:,} events", file=sys.stderr, flush=True)
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO incidents (id, type, date, date_end, date_precision, place, country, latitude, longitude,"
        " actor, recipient, fatalities_low, fatalities_best, fatalities_high, n_articles, n_sources, first_seen,"
        " last_seen, date_start, date_last) VALUES (?, ?, ?, ?, 'day', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(i, *r, *date_bounds(r[1])) for i, r in incident_rows.items()],
    )
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    counts = store.counts()
    store.close()
    seconds = time.perf_counter() - started
    return {"seconds": round(seconds, 1), "bytes": path.stat().st_size, "counts": counts}


def _article_batch(gen: Generator, first: int, last: int, per_article: list[int], event_no: int,
                   incident_ids: list[str], incidents: dict[str, list[Any]]) -> dict[str, list[tuple[Any, ...]]]:
    rng = gen.rng
    out: dict[str, list[tuple[Any, ...]]] = {t: [] for t in ("articles", "article_actors", "timexes", "places",
                                                                "quotes", "events")}
    types = list(PLOVER_WEIGHTS)
    type_weights = list(PLOVER_WEIGHTS.values())
    for a in range(first, last):
        article_id = _hid("article", a)
        published = gen.day()
        source = rng.choices(gen.sources, cum_weights=gen.source_cum)[0]
        city = gen.city()
        n_events = per_article[a]
        sentences: list[str] = []
        offset = 0
        article_actor_ids: dict[str, tuple[str, int, int]] = {}
        places: list[tuple[Any, ...]] = []
        timexes: list[tuple[Any, ...]] = []
        for _ in range(n_events):
            event_type = rng.choices(types, weights=type_weights)[0]
            actor = gen.actors[gen.actor_index()] if rng.random() < 0.85 else None
            recipient = gen.actors[gen.actor_index()] if rng.random() < 0.6 else None
            actor_text = rng.choice(actor[5]) if actor else (rng.choice(UNLINKED) if rng.random() < 0.7 else None)
            recipient_text = rng.choice(recipient[5]) if recipient else rng.choice(UNLINKED)
            place = city if rng.random() < 0.7 else gen.city()
            has_place = rng.random() < 0.85
            day = gen.day() if rng.random() < 0.5 else published
            has_date = rng.random() < 0.95
            weekday = WEEKDAYS[date.fromisoformat(day).weekday()]
            sentence = (f"{(actor_text or 'Someone').capitalize()} {VERBS[event_type]} {recipient_text} in "
                        f"{place[0]} on {weekday}, {gen.words(rng.randint(6, 18))}.")
            start = offset
            sentences.append(sentence)
            offset += len(sentence) + 1
            trigger_start = start + len(actor_text or "Someone") + 1
            trigger_end = trigger_start + len(VERBS[event_type].split()[0])
            place_start = start + sentence.index(f" in {place[0]}") + 4
            place_end = place_start + len(place[0])
            timex_start = sentence.index(weekday) + start
            for who, text, pos in ((actor, actor_text, start), (recipient, recipient_text, None)):
                if who and text:
                    mention_start = pos if pos is not None else start + sentence.index(text)
                    article_actor_ids.setdefault(who[0], (text, mention_start, mention_start + len(text)))
            places.append((_hid(article_id, "place", place_start), article_id, place[0], place_start, place_end,
                           place[0], "city", place[1], place[2], place[3], None, 1, 1))
            timexes.append((_hid(article_id, "timex", timex_start), article_id, weekday, timex_start,
                            timex_start + len(weekday), "DATE", day, "day", None, None, None, published,
                            "publication"))
            asserted = rng.random() >= 0.3
            flags = [0] * len(FLAGS)
            if not asserted:
                flags[rng.randrange(len(FLAGS))] = 1
            lethal = event_type in ("ASSAULT", "COERCE") and rng.random() < 0.45
            killed = int(rng.paretovariate(1.2)) if lethal else None
            fatality_cols = ((max(killed - 1, 0), killed, killed + rng.randint(0, 3), f"{killed} people")
                             if killed is not None else (None, None, None, None))
            incident_id = rng.choice(incident_ids) if rng.random() < 0.4 else None
            event_date = day if has_date else None
            lat, lon = (place[2], place[3]) if has_place else (None, None)
            event_id = _hid("event", event_no)
            event_no += 1
            evidence_spans = [{"sentence": sentence, "start": start, "end": start + len(sentence),
                               "trigger_start": trigger_start, "trigger_end": trigger_end, "in_caption": False}]
            out["events"].append((
                event_id, article_id, event_type, rng.choice(MODES.get(event_type, (None,))), "[]",
                VERBS[event_type].split()[0],
                actor[1] if actor else None, actor[0] if actor else None, actor_text,
                start if actor_text else None, start + len(actor_text) if actor_text else None,
                recipient[1] if recipient else None, recipient[0] if recipient else None, recipient_text,
                None, None,
                event_date, None, "day" if has_date else None, "sentence" if has_date else None,
                timex_start if has_date else None, timex_start + len(weekday) if has_date else None,
                place[0] if has_place else None, place[1] if has_place else None, lat, lon,
                1 if has_place else None, "sentence" if has_place else None,
                place_start if has_place else None, place_end if has_place else None,
                *fatality_cols, None, None, None, None, "{}", None,
                int(asserted), *flags, None, round(rng.uniform(0.3, 0.99), 2),
                sentence, start, start + len(sentence), json.dumps(evidence_spans),
                None, None, None, None, None, *date_bounds(event_date),
            ))
            if incident_id is not None:
                _fold_incident(incidents, incident_id, event_type, event_date, place if has_place else None,
                               actor, recipient, killed, published)
        body = " ".join(sentences) + " " + gen.words(rng.randint(80, 200)) + "."
        out["articles"].append((article_id, f"https://{source}/{a}", source, gen.words(rng.randint(4, 9)).title(),
                                published, published, "publication", body, "[]", "[]", "en", None, None,
                                "2026-01-01T00:00:00+00:00"))
        for actor_id, (text, s, e) in article_actor_ids.items():
            mentions = json.dumps([{"text": text, "start": s, "end": e, "kind": "name"}])
            out["article_actors"].append((article_id, actor_id, None, None, None, mentions))
        out["places"] += places
        out["timexes"] += timexes
        for q in range(rng.choice((0, 1, 1, 2, 3))):
            speaker = gen.actors[gen.actor_index()] if rng.random() < 0.8 else None
            text = gen.words(rng.randint(8, 30))
            out["quotes"].append((_hid(article_id, "quote", q), article_id, text, offset + q * 10,
                                  offset + q * 10 + len(text), int(rng.random() < 0.6),
                                  speaker[1] if speaker else None, speaker[0] if speaker else None,
                                  rng.choice(speaker[5]) if speaker else rng.choice(UNLINKED),
                                  speaker[2] if speaker else None, rng.choice(("said", "told", "added", "warned"))))
    return out


def _fold_incident(incidents: dict[str, list[Any]], incident_id: str, event_type: str, day: str | None,
                   place: tuple[str, str, float, float] | None, actor: Any, recipient: Any, killed: int | None,
                   published: str) -> None:
    """Merged incident fields: first member's facts, fatality spread, article and date counts."""
    row = incidents.get(incident_id)
    if row is None:
        incidents[incident_id] = [event_type, day, day, place[0] if place else None, place[1] if place else None,
                                  place[2] if place else None, place[3] if place else None,
                                  actor[1] if actor else None, recipient[1] if recipient else None,
                                  killed, killed, killed, 1, 1, published, published]
        return
    if killed is not None:
        row[9] = killed if row[9] is None else min(row[9], killed)
        row[11] = killed if row[11] is None else max(row[11], killed)
        row[10] = row[10] if row[10] is not None else killed
    row[12] += 1
    row[13] = min(row[13] + 1, 12)
    row[14], row[15] = min(row[14], published), max(row[15], published)


def _fingerprint(n_events: int) -> str:
    schema = resources.files("eventwire.store").joinpath("schema.sql").read_bytes()
    return hashlib.sha256(schema + f"{GENERATOR_VERSION}:{n_events}".encode()).hexdigest()[:16]


def ensure_db(path: Path, n_events: int, regenerate: bool) -> dict[str, Any]:
    meta_path = Path(f"{path}.meta.json")
    fingerprint = _fingerprint(n_events)
    if not regenerate and path.exists() and meta_path.exists():
        meta: dict[str, Any] = json.loads(meta_path.read_text())
        if meta.get("fingerprint") == fingerprint:
            meta["cached"] = True
            return meta
    print(f"generating {n_events:,} events into {path} ...", file=sys.stderr, flush=True)
    meta = {"fingerprint": fingerprint, **generate(path, n_events)}
    meta_path.write_text(json.dumps(meta, indent=2))
    meta["cached"] = False
    return meta


# -- measurement ---------------------------------------------------------------------------------


def sample_ids(path: Path) -> dict[str, list[str]]:
    """Ids for the detail routes: random rows, plus the heaviest actor and a busy speaker."""
    import sqlite3

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    rng = random.Random(11)

    def rows_at(table: str, column: str, k: int) -> list[str]:
        top = conn.execute(f"SELECT MAX(rowid) FROM {table}").fetchone()[0] or 0
        picks = [rng.randint(1, top) for _ in range(k * 3)]
        found = [conn.execute(f"SELECT {column} FROM {table} WHERE rowid = ?", (p,)).fetchone() for p in picks]
        return [r[0] for r in found if r and r[0] is not None][:k]

    # The generator gives actor rank 0 the most events; its id is in the first actors row.
    heavy = [r[0] for r in conn.execute("SELECT id FROM actors ORDER BY rowid LIMIT 3")]
    speaker = conn.execute("SELECT name FROM actors ORDER BY rowid LIMIT 1 OFFSET 1").fetchone()[0]
    ids = {"event": rows_at("events", "id", 50), "incident": rows_at("incidents", "id", 50),
           "article": rows_at("articles", "id", 50), "heavy_actor": heavy, "speaker": [speaker],
           "word": [conn.execute("SELECT place FROM events WHERE rowid = 5").fetchone()[0]],
           "quote_word": [conn.execute("SELECT text FROM quotes WHERE rowid = 3").fetchone()[0].split()[2]]}
    conn.close()
    return ids


def routes(ids: dict[str, list[str]]) -> list[tuple[str, list[str]]]:
    """(name, candidate URLs) for every listing and page; detail routes rotate over sampled ids."""
    actor = ids["heavy_actor"][0]
    speaker = ids["speaker"][0]
    word = ids["word"][0]

    def each(template: str, key: str) -> list[str]:
        return [template.format(i) for i in ids[key]]

    listing_filters = [
        ("default", ""), ("type", "type=PROTEST"), ("actor id", f"actor={actor}"),
        ("actor name", f"actor={speaker.split()[0]}"), ("country", "country=IND"),
        ("date range", "since=2023-03-01&until=2023-04-15"), ("min_fatalities", "min_fatalities=10"),
        ("q text", f"q={word}"), ("all", "all=true"),
        *((f"sort {s} {o}", f"sort={s}&order={o}") for s in ("date", "type", "fatalities", "confidence",
                                                                "country", "actor") for o in ("desc", "asc")),
        ("offset 10k", "offset=10000"), ("offset 100k", "offset=100000"),
        ("type+country+since", "type=ASSAULT&country=IND&since=2024-01-01"),
        ("type+sort fatalities", "type=ASSAULT&sort=fatalities"),
        ("actor id+sort type asc", f"actor={actor}&sort=type&order=asc"),
        ("country+sort confidence", "country=IND&sort=confidence"),
    ]
    table: list[tuple[str, list[str]]] = [("/ (overview)", ["/"]), ("/ ?type", ["/?type=PROTEST"]),
                                          ("/ ?country", ["/?country=IND"])]
    for name, query in listing_filters:
        table.append((f"/events {name}", [f"/events?{query}"]))
        table.append((f"/api/events {name}", [f"/api/events?{query}"]))
    table += [
        ("/events/{id}", each("/events/{}", "event")), ("/api/events/{id}", each("/api/events/{}", "event")),
        ("/incidents", ["/incidents"]), ("/incidents ?type", ["/incidents?type=ASSAULT"]),
        ("/api/incidents", ["/api/incidents"]),
        ("/incidents/{id}", each("/incidents/{}", "incident")),
        ("/api/incidents/{id}", each("/api/incidents/{}", "incident")),
        ("/actors/{heavy}", [f"/actors/{a}" for a in ids["heavy_actor"]]),
        ("/api/actors/{heavy}", [f"/api/actors/{a}" for a in ids["heavy_actor"]]),
        ("/api/actors", ["/api/actors"]), ("/api/actors ?name", [f"/api/actors?name={speaker.split()[0]}"]),
        ("/quotes", ["/quotes"]), ("/quotes ?speaker", [f"/quotes?speaker={speaker}"]),
        ("/quotes ?q", [f"/quotes?q={ids['quote_word'][0]}"]),
        ("/api/quotes ?speaker", [f"/api/quotes?speaker={speaker}"]),
        ("/api/quotes ?q", [f"/api/quotes?q={ids['quote_word'][0]}"]),
        ("/map", ["/map"]), ("/map ?type", ["/map?type=ASSAULT"]),
        ("/map ?country+since", ["/map?country=IND&since=2024-06-01"]),
        ("/articles/{id}", each("/articles/{}", "article")),
        ("/api/articles/{id}", each("/api/articles/{}", "article")),
        ("/api/stats", ["/api/stats"]),
        ("csv download type+country", ["/api/events?type=ASSAULT&country=IND&since=2025-01-01&format=csv"]),
    ]
    return table


def measure(path: Path, table: Sequence[tuple[str, list[str]]], n_requests: int,
            budget_seconds: float) -> dict[str, dict[str, Any]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from eventwire.web.app import create_app

    client = TestClient(create_app(path))
    timings: dict[str, list[float]] = {name: [] for name, _ in table}
    spent: dict[str, float] = defaultdict(float)
    statuses: dict[str, set[int]] = defaultdict(set)
    for name, urls in table:  # one warm-up request each: imports, templates, page cache
        statuses[name].add(client.get(urls[0]).status_code)
    for i in range(n_requests):
        for name, urls in table:
            if spent[name] > budget_seconds:
                continue
            started = time.perf_counter()
            response = client.get(urls[i % len(urls)])
            elapsed = time.perf_counter() - started
            statuses[name].add(response.status_code)
            timings[name].append(elapsed * 1000.0)
            spent[name] += elapsed
    return {name: _summary(values, statuses[name], table_urls) for (name, table_urls), values in
            ((item, timings[item[0]]) for item in table)}


def _summary(values: list[float], statuses: set[int], urls: list[str]) -> dict[str, Any]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, max(0, int(round(0.95 * len(ordered) + 0.5)) - 1))]
    return {"url": urls[0], "n": len(values), "p50": round(statistics.median(ordered), 1), "p95": round(p95, 1),
            "max": round(ordered[-1], 1), "status": sorted(statuses), "ok": p95 < TARGET_MS}


def _print_table(results: dict[str, dict[str, Any]]) -> None:
    print(f"{'route':<40} {'n':>4} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9}  status")
    for name, r in results.items():
        flag = "" if r["ok"] else "  > 200 ms"
        print(f"{name:<40} {r['n']:>4} {r['p50']:>9.1f} {r['p95']:>9.1f} {r['max']:>9.1f}  {r['status']}{flag}")


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: Iterator[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=Path("/tmp/eventwire-1m.db"))
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--budget", type=float, default=60.0, help="max seconds spent on one route")
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--only", help="only routes whose name starts with one of these (comma-separated)")
    parser.add_argument("--json", type=Path, help="also write the summary here")
    args = parser.parse_args(list(argv) if argv is not None else None)

    meta = ensure_db(args.db, args.events, args.regenerate)
    print(f"database {args.db}: {meta['bytes'] / 1e9:.2f} GB, {meta['counts']}, generated in {meta['seconds']} s"
          f"{' (cached)' if meta['cached'] else ''}", file=sys.stderr)
    table = routes(sample_ids(args.db))
    if args.only:
        table = [t for t in table if any(t[0].startswith(p) for p in args.only.split(","))]
    load_before = _load()
    started = time.perf_counter()
    results = measure(args.db, table, args.requests, args.budget)
    summary = {"db": str(args.db), "generation": meta, "requests_per_route": args.requests,
               "load_average_before": load_before, "load_average_after": _load(),
               "seconds": round(time.perf_counter() - started, 1),
               "all_under_200ms": all(r["ok"] for r in results.values()), "routes": results}
    _print_table(results)
    print(f"load average before {load_before}, after {summary['load_average_after']}")
    print(json.dumps({k: v for k, v in summary.items() if k != "routes"}))
    for name, r in results.items():
        print(json.dumps({"route": name, **r}))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
