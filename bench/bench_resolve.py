"""Benchmark: near-duplicate marking and incident resolution over generated events.

    .venv/bin/python bench/bench_resolve.py --events 10000 100000 1000000

For each size, one child process writes a fresh SQLite database of synthetic articles and
events (true incidents reported by 1-10 articles with the noise real extraction has: dates off
by a day or only a month, places at city or country level, named or common-noun actors,
differing fatality figures, syndicated copies; 40 countries, 275 events a day, so a larger
corpus covers a longer period), and a second child process runs
``eventwire.resolve.incidents.resolve`` on it and reports wall time, peak memory (max RSS of
that process) and B-cubed precision/recall of the incidents against the generator's truth.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

TYPES = ["ASSAULT"] * 6 + ["PROTEST"] * 3 + ["COERCE"] * 2 + ["CONSULT", "AGREE", "ACCUSE", "SANCTION", "AID",
                                                                "THREATEN", "MOBILIZE", "REQUEST", "SUPPORT"]
SECTORS = ["GOV", "MIL", "COP", "REB", "CVL", "OPP", "JRN", "BUS"]
GENERIC = {"REB": "gunmen", "MIL": "soldiers", "COP": "police", "CVL": "civilians", "OPP": "protesters",
           "GOV": "officials", "JRN": "journalists", "BUS": "traders"}
START = date(2015, 1, 1)
# Constant density, so the sizes compare like for like: 100,000 events span a year, a million ten.
EVENTS_PER_DAY = 275


def generate(path: Path, n_events: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(20000)]
    countries = [(f"C{i:02d}", rng.uniform(-30, 50), rng.uniform(-20, 120)) for i in range(40)]
    cities = {c: [(f"{c}-city{j}", lat + rng.uniform(-4, 4), lon + rng.uniform(-4, 4)) for j in range(25)]
              for c, lat, lon in countries}
    actors = {c: [(f"{c} actor {k}", rng.choice(SECTORS)) for k in range(60)] for c, _, _ in countries}

    span_days = max(30, round(n_events / EVENTS_PER_DAY))
    conn = _fresh_db(path)
    articles: list[tuple[object, ...]] = []
    events: list[tuple[object, ...]] = []
    actor_rows: dict[str, tuple[object, ...]] = {}
    truth: list[tuple[str, int]] = []
    incident = written = 0
    while written < n_events:
        incident += 1
        country, clat, clon = rng.choice(countries)
        city = rng.choice(cities[country])
        kind = rng.choice(TYPES)
        day = START + timedelta(days=rng.randrange(span_days))
        actor, recipient = rng.sample(actors[country], 2)
        killed = rng.choice([None, None, rng.randint(1, 40)]) if kind == "ASSAULT" else None
        topic = rng.sample(vocab, 40)
        for report in range(min(10, 1 + int(rng.expovariate(0.6)))):
            published = day + timedelta(days=rng.choice([0, 0, 0, 1, 1, 2]))
            text = " ".join(rng.choices(topic, k=60) + rng.choices(vocab, k=60))
            copies = [text] + ([_light_rewrite(rng, text, vocab)] if rng.random() < 0.1 else [])
            for copy_number, body in enumerate(copies):
                if written >= n_events:
                    break
                article_id = f"a{incident}-{report}-{copy_number}"
                source = f"source{rng.randrange(300)}"
                articles.append((article_id, f"https://{source}.example/{article_id}", source, None,
                                 published.isoformat(), body, "[]", "[]", "en", "2026-01-01T00:00:00"))
                row = _event_row(rng, f"e{incident}-{report}-{copy_number}", article_id, kind, day, country,
                                 city, (clat, clon), actor, recipient, killed, topic, vocab, actor_rows)
                events.append(row)
                truth.append((str(row[0]), incident))
                written += 1
        if len(articles) >= 5000:
            _flush(conn, articles, events, actor_rows)
    _flush(conn, articles, events, actor_rows)
    conn.execute("CREATE TABLE bench_truth (event_id TEXT PRIMARY KEY, incident INTEGER)")
    conn.executemany("INSERT INTO bench_truth VALUES (?, ?)", truth)
    conn.commit()
    conn.close()


def _light_rewrite(rng: random.Random, text: str, vocab: list[str]) -> str:
    words = text.split()
    for _ in range(len(words) // 20):
        words[rng.randrange(len(words))] = rng.choice(vocab)
    return " ".join(words)


def _event_row(rng: random.Random, event_id: str, article_id: str, kind: str, day: date, country: str,
               city: tuple[str, float, float], center: tuple[float, float], actor: tuple[str, str],
               recipient: tuple[str, str], killed: int | None, topic: list[str], vocab: list[str],
               actor_rows: dict[str, tuple[object, ...]]) -> tuple[object, ...]:
    roll = rng.random()
    if roll < 0.7:
        event_date, precision, date_source = day.isoformat(), "day", "sentence"
    elif roll < 0.8:
        event_date, precision, date_source = (day + timedelta(days=rng.choice([-1, 1]))).isoformat(), "day", "sentence"
    elif roll < 0.85:
        event_date, precision, date_source = day.isoformat()[:7], "month", "paragraph"
    else:
        event_date, precision, date_source = day.isoformat(), "day", "publication"
    roll = rng.random()
    if roll < 0.7:
        place, lat, lon, geo = city[0], city[1], city[2], 1
    elif roll < 0.9:
        place, lat, lon, geo = country, center[0], center[1], 3
    else:
        place, lat, lon, geo = None, None, None, None
    actor_name, actor_id = _pick_actor(rng, actor, country, actor_rows)
    recipient_name, recipient_id = _pick_actor(rng, recipient, country, actor_rows)
    fatalities = None if killed is None or rng.random() < 0.3 else max(0, killed + rng.choice([0, 0, 0, -1, 2]))
    evidence = " ".join(rng.choices(topic, k=7) + rng.choices(vocab, k=7))
    return (event_id, article_id, kind, actor_name, actor_id, recipient_name, recipient_id, event_date, precision,
            date_source, place, country if place else None, lat, lon, geo, fatalities, fatalities, fatalities,
            1, evidence)


def _pick_actor(rng: random.Random, actor: tuple[str, str], country: str,
                actor_rows: dict[str, tuple[object, ...]]) -> tuple[str | None, str | None]:
    roll = rng.random()
    if roll < 0.15:
        return None, None
    name, sector = actor if roll < 0.75 else (GENERIC[actor[1]], actor[1])
    actor_id = f"act-{country}-{name}"
    actor_rows[actor_id] = (actor_id, name, "group", country, sector, "[]")
    return name, actor_id


_EVENT_COLUMNS = ("id, article_id, type, actor, actor_id, recipient, recipient_id, date, date_precision, date_source,"
                  " place, country, latitude, longitude, geo_precision, fatalities_low, fatalities_best,"
                  " fatalities_high, asserted, evidence")


def _flush(conn: sqlite3.Connection, articles: list[tuple[object, ...]], events: list[tuple[object, ...]],
           actor_rows: dict[str, tuple[object, ...]]) -> None:
    conn.executemany("INSERT OR IGNORE INTO actors (id, name, kind, country, sector, aliases) VALUES (?,?,?,?,?,?)",
                     list(actor_rows.values()))
    conn.executemany("INSERT INTO articles (id, url, source, title, published, text, captions, removed, lang,"
                     " ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?)", articles)
    marks = ",".join("?" * 20)
    conn.executemany(f"INSERT INTO events ({_EVENT_COLUMNS}) VALUES ({marks})", events)
    conn.commit()
    articles.clear()
    events.clear()
    actor_rows.clear()


def _fresh_db(path: Path) -> sqlite3.Connection:
    from eventwire.store import Store

    Store(path).close()  # creates the schema
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER IF EXISTS articles_ai")  # full-text indexing is not what is measured
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    return conn


def run_resolve(path: Path) -> dict[str, float | int]:
    from eventwire.resolve.incidents import resolve

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    started = time.perf_counter()
    stats = resolve(conn)
    seconds = time.perf_counter() - started
    precision, recall = _bcubed(conn)
    n_events = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    return {
        "events": n_events, "seconds": round(seconds, 1), "events_per_second": round(n_events / seconds),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "incidents": conn.execute("SELECT COUNT(*) FROM incidents").fetchone()[0],
        "true_incidents": conn.execute("SELECT COUNT(DISTINCT incident) FROM bench_truth").fetchone()[0],
        "duplicates": stats.duplicates, "bcubed_precision": round(precision, 3), "bcubed_recall": round(recall, 3),
    }


def _bcubed(conn: sqlite3.Connection) -> tuple[float, float]:
    rows = conn.execute("SELECT e.incident_id, t.incident FROM events e JOIN bench_truth t ON t.event_id = e.id")
    predicted: dict[str, list[int]] = defaultdict(list)
    for incident_id, truth in rows:
        predicted[incident_id].append(truth)
    gold_sizes: dict[int, int] = defaultdict(int)
    overlap: dict[tuple[str, int], int] = defaultdict(int)
    for incident_id, truths in predicted.items():
        for truth in truths:
            gold_sizes[truth] += 1
            overlap[(incident_id, truth)] += 1
    n = sum(gold_sizes.values())
    precision = sum(count * count / len(predicted[p]) for (p, _t), count in overlap.items()) / n
    recall = sum(count * count / gold_sizes[t] for (_p, t), count in overlap.items()) / n
    return precision, recall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--phase", choices=["generate", "resolve"], help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, default=None, help="where the databases go (default: a temp dir)")
    args = parser.parse_args()
    if args.phase == "generate":
        generate(args.db, args.events[0])
        return
    if args.phase == "resolve":
        print(json.dumps(run_resolve(args.db)))
        return
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench_resolve_"))
    for n in args.events:
        db = workdir / f"resolve_{n}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        started = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--phase", "generate", "--db", str(db), "--events", str(n)],
                       check=True)
        generated = time.perf_counter() - started
        out = subprocess.run([sys.executable, __file__, "--phase", "resolve", "--db", str(db)],
                             check=True, capture_output=True, text=True).stdout
        result = json.loads(out)
        result["generate_seconds"] = round(generated, 1)
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
