"""SQLite store: schema with migrations, idempotent writes, listings.

Writes are batched in transactions; an interrupted ingest loses at most the batch in flight
and never leaves a half-written article (each article's rows go in with it or not at all).
Articles are keyed by a content hash, so writing the same article twice changes nothing; the
same article met again from another outlet (a new source or url) is kept as a row of
``article_copies`` — no second extraction, no second set of events.
"""

from __future__ import annotations

import json
import sqlite3
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from eventwire import queries
from eventwire.model import Actor, Article, Event, Place, Quote, Record, TimeExpr, content_hash
from eventwire.periods import date_bounds
from eventwire.store import fts
from eventwire.store.backfill import backfill_date_bounds

SCHEMA_VERSION = 5
# Tables a shard carries, in the order they load (parents before children).
SHARD_TABLES = ("articles", "article_copies", "actors", "article_actors", "timexes", "places", "quotes", "events",
                "errors")
# Each version's steps, in order: a script of the package, or a function over the connection (a
# backfill computed in Python). A version's steps and its version number commit together or not at all.
_MIGRATIONS: dict[int, tuple[str | Callable[[sqlite3.Connection], object], ...]] = {
    1: ("schema.sql",), 2: ("002_article_copies.sql",), 3: ("003_error_counts.sql",), 4: ("004_watch.sql",),
    5: ("005_date_bounds.sql", backfill_date_bounds, "005_date_bounds_index.sql"),
}
# errors: one row per (input, reason). An input keeps at most ERROR_REASONS_PER_INPUT different reasons
# (the rest are counted under OVERFLOW_REASON) and the first ERROR_LINES_KEPT line numbers of each.
ERROR_REASONS_PER_INPUT = 50
ERROR_LINES_KEPT = 20
OVERFLOW_REASON = f"more errors: over {ERROR_REASONS_PER_INPUT} different reasons in this input"
_RUN_MEMORY = 10_000  # (input, reason) pairs a Store remembers as already met in this run


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass(slots=True, frozen=True)
class ArticleCopy:
    """One more outlet's copy of a stored article: the same content, another source or url."""

    article_id: str
    source: str | None
    url: str | None
    published: str | None = None
    path: str | None = None
    first_seen: str | None = None  # when ingest met it; now when not given

    @classmethod
    def of(cls, article: Article) -> ArticleCopy:
        return cls(article.id, article.source, article.url, article.published, article.path)


_INSERT_COPY = (  # only for a stored article, and only when the pair is not the article's own
    "INSERT INTO article_copies (article_id, source, url, published, path, first_seen)"
    " SELECT a.id, ?, ?, ?, ?, ? FROM articles a WHERE a.id = ? AND NOT (a.source IS ? AND a.url IS ?)"
    " ON CONFLICT DO NOTHING"
)


class Store:
    """An eventwire database. ``Store(":memory:")`` for tests, ``Store("eventwire.db")`` on disk."""

    def __init__(self, path: str | Path = "eventwire.db") -> None:
        self.path = str(path)
        self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        self._column_cache: dict[str, set[str]] = {}
        self._errors_met: OrderedDict[tuple[str, str], None] = OrderedDict()
        self._variable_limit: int | None = None
        self.conn.execute("PRAGMA foreign_keys = ON")
        if self.path != ":memory:":
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
        self.migrate()

    # -- lifecycle -----------------------------------------------------------------------------
    def migrate(self) -> None:
        """Bring the schema to SCHEMA_VERSION, one numbered migration at a time."""
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise RuntimeError(
                f"{self.path} has schema version {version}, newer than this eventwire ({SCHEMA_VERSION})"
            )
        for number in range(version + 1, SCHEMA_VERSION + 1):
            with self.transaction():
                for step in _MIGRATIONS[number]:
                    _run_step(self.conn, step)
                self.conn.execute(f"PRAGMA user_version = {number}")
        if self.conn.execute("SELECT 1 FROM sqlite_master WHERE sql LIKE '%content=''%'").fetchone():
            with self.transaction():
                fts.repair(self.conn)  # full-text tables declared the way Datasette finds them

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- writes --------------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def write(self, records: Iterable[Record]) -> int:
        """Write records in one transaction; returns how many articles were new.

        Each table's rows of the whole batch go in with one statement (a few when the batch has more
        rows than SQLite takes parameters): SQLite's full-text tables do their bookkeeping once per
        statement, so inserting row by row cost about 1.6 times as much for news articles."""
        with self.transaction():
            return self._write_batch(list(records))

    def record_error(self, path: str, reason: str, line: int | None = None) -> None:
        """Record that ``path`` (at ``line``) could not be ingested, and why.

        One row per input and reason: the first time this Store (one run) meets the pair, its row is
        created or, from an earlier run, restarted at count 1; each further time adds to ``count`` and
        keeps the line number while fewer than ERROR_LINES_KEPT are kept. Re-running an input therefore
        leaves the same rows. An input with more than ERROR_REASONS_PER_INPUT different reasons counts
        the others under OVERFLOW_REASON."""
        now = _now()
        with self.transaction():
            key = (path, reason)
            if (key not in self._errors_met and not self._error_row_exists(path, reason)
                    and self._error_reasons_of(path) >= ERROR_REASONS_PER_INPUT):
                key = (path, OVERFLOW_REASON)
            if key in self._errors_met:
                self.conn.execute(
                    "UPDATE errors SET count = count + 1, last_at = ?,"
                    " lines = CASE WHEN ? IS NOT NULL AND json_array_length(lines) < ?"
                    " THEN json_insert(lines, '$[#]', ?) ELSE lines END WHERE path = ? AND reason = ?",
                    (now, line, ERROR_LINES_KEPT, line, *key))
                return
            self.conn.execute(
                "INSERT INTO errors (path, line, reason, at, last_at, count, lines) VALUES (?, ?, ?, ?, ?, 1, ?)"
                " ON CONFLICT(path, reason) DO UPDATE SET line = excluded.line, last_at = excluded.last_at,"
                " count = 1, lines = excluded.lines",
                (key[0], line, key[1], now, now, _json([] if line is None else [line])))
            self._errors_met[key] = None
            if len(self._errors_met) > _RUN_MEMORY:
                self._errors_met.popitem(last=False)

    def _error_row_exists(self, path: str, reason: str) -> bool:
        sql = "SELECT 1 FROM errors WHERE path = ? AND reason = ?"
        return self.conn.execute(sql, (path, reason)).fetchone() is not None

    def _error_reasons_of(self, path: str) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM errors WHERE path = ?", (path,)).fetchone()[0])

    def _write_batch(self, records: list[Record]) -> int:
        """The rows of the records' new articles, table by table in the records' order (the same rows
        and rowids as writing them one record at a time); an article already stored, or met earlier
        in the batch, adds at most a copy (its outlet), never a second extraction."""
        fresh, copies = self._split_stored(records)
        self._insert_many(_INSERT_ARTICLE, [article_row(r) for r in fresh], " ON CONFLICT(id) DO NOTHING")
        self._insert_copies(copies)
        self._write_actors(fresh)
        for table, rows in _child_rows(fresh):
            self._insert_many(f"INSERT INTO {table}", rows, " ON CONFLICT(id) DO NOTHING")
        return len(fresh)

    def _split_stored(self, records: list[Record]) -> tuple[list[Record], list[ArticleCopy]]:
        """The records whose article is new, and a copy for each of the others."""
        stored = self._stored_ids([r.article.id for r in records])
        fresh: list[Record] = []
        copies: list[ArticleCopy] = []
        for record in records:
            if record.article.id in stored:
                copies.append(ArticleCopy.of(record.article))
                continue
            stored.add(record.article.id)
            fresh.append(record)
        return fresh, copies

    def _stored_ids(self, article_ids: list[str]) -> set[str]:
        found: set[str] = set()
        step = self._max_variables()
        for at in range(0, len(article_ids), step):
            chunk = article_ids[at : at + step]
            sql = f"SELECT id FROM articles WHERE id IN ({', '.join('?' * len(chunk))})"
            found.update(row[0] for row in self.conn.execute(sql, chunk))
        return found

    def _write_actors(self, records: list[Record]) -> None:
        """Each actor once, merged as if upserted article by article: the first name and kind, every
        alias, the first country and sector given; then each article's link to its actors."""
        merged: dict[str, dict[str, Any]] = {}
        for record in records:
            for actor in record.actors:
                self._merge_actor(merged, actor)
        new = [m for m in merged.values() if not m["stored"]]
        self._insert_many("INSERT INTO actors (id, name, kind, country, sector, aliases)",
                          [(m["id"], m["name"], m["kind"], m["country"], m["sector"], _json(sorted(m["aliases"])))
                           for m in new])
        self.conn.executemany(
            "UPDATE actors SET aliases = ?, country = ?, sector = ? WHERE id = ?",
            [(_json(sorted(m["aliases"])), m["country"], m["sector"], m["id"]) for m in merged.values() if m["stored"]],
        )
        self._insert_many("INSERT INTO article_actors (article_id, actor_id, title, country, sector, mentions)",
                          [article_actor_row(r.article.id, actor) for r in records for actor in r.actors],
                          " ON CONFLICT(article_id, actor_id) DO NOTHING")

    def _merge_actor(self, merged: dict[str, dict[str, Any]], actor: Actor) -> None:
        known = merged.get(actor.id)
        if known is None:
            row = self.conn.execute("SELECT aliases, country, sector FROM actors WHERE id = ?", (actor.id,)).fetchone()
            if row is None:
                merged[actor.id] = {"id": actor.id, "name": actor.name, "kind": actor.kind, "country": actor.country,
                                    "sector": actor.sector, "aliases": set(actor.aliases), "stored": False}
                return
            known = merged[actor.id] = {"id": actor.id, "country": row["country"], "sector": row["sector"],
                                        "aliases": set(json.loads(row["aliases"])), "stored": True}
        known["aliases"].update(actor.aliases)
        if known["country"] is None:
            known["country"] = actor.country
        if known["sector"] is None:
            known["sector"] = actor.sector

    def _insert_many(self, head: str, rows: list[tuple[Any, ...]], tail: str = "") -> None:
        """``head VALUES (...), (...) tail`` over the rows in order, as few statements as SQLite's limit
        on parameters allows."""
        if not rows:
            return
        width = len(rows[0])
        step = max(1, self._max_variables() // width)
        one = f"({', '.join('?' * width)})"
        for at in range(0, len(rows), step):
            chunk = rows[at : at + step]
            self.conn.execute(f"{head} VALUES {', '.join([one] * len(chunk))}{tail}",
                              [value for row in chunk for value in row])

    def _max_variables(self) -> int:
        if self._variable_limit is None:
            self._variable_limit = self.conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        return self._variable_limit

    def record_copies(self, copies: Iterable[ArticleCopy]) -> int:
        """Record other outlets' copies of stored articles in one transaction; returns the new rows.

        A copy of an article not stored, one with the article's own (source, url), one already
        recorded, or one with neither source nor url (no outlet to name or follow) adds nothing.
        """
        with self.transaction():
            return self._insert_copies(copies)

    def _insert_copies(self, copies: Iterable[ArticleCopy]) -> int:
        now = _now()
        cursor = self.conn.executemany(_INSERT_COPY, [
            (c.source, c.url, c.published, c.path, c.first_seen or now, c.article_id, c.source, c.url)
            for c in copies if c.source or c.url])
        return max(cursor.rowcount, 0)

    # -- table rows (Parquet shards) -------------------------------------------------------------
    def table_rows(self, table: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Column names and rows of one of SHARD_TABLES, for writing shards."""
        if table not in SHARD_TABLES:
            raise ValueError(f"not a shard table: {table}")
        cursor = self.conn.execute(f"SELECT * FROM {table}")
        return [d[0] for d in cursor.description], cursor.fetchall()

    def load_tables(self, tables: dict[str, list[dict[str, Any]]]) -> int:
        """Merge rows produced by another store (a shard) in one transaction; returns new articles.

        Articles already stored are skipped with all their rows, so loading a shard twice
        changes nothing; actors merge their aliases as they do on ingest. An article already
        stored from another source or url, and the shard's own ``article_copies``, become copies.
        """
        with self.transaction():
            articles = tables.get("articles", [])
            new_ids = {row["id"] for row in articles if self._insert_row("articles", row)}
            self._insert_copies([
                *(ArticleCopy(r["id"], r["source"], r["url"], r["published"], r["path"], r["ingested_at"])
                  for r in articles if r["id"] not in new_ids),
                *(ArticleCopy(r["article_id"], r["source"], r["url"], r["published"], r["path"], r["first_seen"])
                  for r in tables.get("article_copies", [])),
            ])
            for row in tables.get("actors", []):
                self._merge_actor_row(row)
            for table in ("article_actors", "timexes", "places", "quotes", "events"):
                rows = [row for row in tables.get(table, []) if row["article_id"] in new_ids]
                self._insert_rows(table, [with_date_bounds(r) for r in rows] if table == "events" else rows)
            for row in tables.get("errors", []):  # already folded by the shard; loading twice changes nothing
                self.conn.execute(
                    "INSERT INTO errors (path, line, reason, at, last_at, count, lines) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT(path, reason) DO UPDATE SET count = MAX(count, excluded.count),"
                    " last_at = MAX(COALESCE(last_at, at), excluded.last_at)",
                    (row["path"], row.get("line"), row["reason"], row["at"], row.get("last_at") or row["at"],
                     row.get("count") or 1,
                     row.get("lines") or _json([] if row.get("line") is None else [row["line"]])))
        return len(new_ids)

    def _insert_rows(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        columns = [c for c in rows[0] if c in self._columns(table)]
        sql = (f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
               " ON CONFLICT DO NOTHING")
        self.conn.executemany(sql, ([row[c] for c in columns] for row in rows))

    def _insert_row(self, table: str, row: dict[str, Any]) -> bool:
        columns = [c for c in row if c in self._columns(table)]
        sql = (f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
               " ON CONFLICT DO NOTHING")
        return self.conn.execute(sql, [row[c] for c in columns]).rowcount > 0

    def _merge_actor_row(self, row: dict[str, Any]) -> None:
        actor = Actor(name=row["name"], kind=row["kind"], country=row["country"], sector=row["sector"],
                      aliases=json.loads(row["aliases"] or "[]"), id=row["id"])
        existing = self.conn.execute("SELECT aliases FROM actors WHERE id = ?", (actor.id,)).fetchone()
        if existing is None:
            self._insert_row("actors", row)
            return
        aliases = sorted(set(json.loads(existing["aliases"])) | set(actor.aliases))
        self.conn.execute(
            "UPDATE actors SET aliases = ?, country = COALESCE(country, ?), sector = COALESCE(sector, ?) WHERE id = ?",
            (_json(aliases), actor.country, actor.sector, actor.id),
        )

    def _columns(self, table: str) -> set[str]:
        if table not in self._column_cache:
            self._column_cache[table] = {r[1] for r in self.conn.execute(f"PRAGMA table_info({table})")}
        return self._column_cache[table]

    # -- reads ---------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        tables = ["articles", "article_copies", "events", "actors", "places", "quotes", "timexes", "incidents",
                  "errors"]
        return {t: self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}

    def copies(self, article_id: str) -> list[dict[str, Any]]:
        """Other outlets' copies of an article (source, url, published, path, first_seen), first met first."""
        return queries.article_copies(self.conn, article_id)

    def article_source_count(self, article_id: str) -> int:
        """Distinct outlets that published an article: its own source and its copies' (0 if unknown)."""
        return queries.count_sources(queries.article_outlets(self.conn, article_id))

    def incident_source_count(self, incident_id: str) -> int:
        """Distinct outlets behind an incident: its member articles, their near duplicates and copies."""
        return queries.count_sources(queries.incident_outlets(self.conn, incident_id))

    def rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        return [dict(row) for row in self.conn.execute(sql, tuple(params))]


EVENT_COLUMNS: tuple[str, ...] = (
    "id", "article_id", "type", "mode", "contexts", "trigger", "actor", "actor_id", "actor_text",
    "actor_start", "actor_end", "recipient", "recipient_id", "recipient_text", "recipient_start", "recipient_end",
    "date", "date_end", "date_precision", "date_source", "timex_start", "timex_end",
    "place", "country", "latitude", "longitude", "geo_precision", "place_source", "place_start", "place_end",
    "fatalities_low", "fatalities_best", "fatalities_high", "fatalities_text",
    "injured_low", "injured_best", "injured_high", "injured_text", "quantity", "weapon",
    "asserted", "negated", "hypothetical", "future", "historical", "aggregate", "reported_by", "confidence",
    "evidence", "evidence_start", "evidence_end", "evidence_spans",
    "acled_event_type", "acled_sub_event_type", "cameo_root", "plover_quad", "plover_score",
    "date_start", "date_last",
)


def with_date_bounds(row: dict[str, Any]) -> dict[str, Any]:
    """An events row with ``date_start`` / ``date_last`` from its ``date`` and ``date_end`` (a shard
    written before schema version 5 has none): ``{"date": "2025-W52"}`` gains 2025-12-22 .. 2025-12-28."""
    start, last = date_bounds(row.get("date"), row.get("date_end"))
    return {**row, "date_start": start, "date_last": last}


_INSERT_ARTICLE = ("INSERT INTO articles (id, url, source, title, published, anchor, anchor_kind, text, captions,"
                   " removed, lang, duplicate_of, path, ingested_at)")


def _child_rows(records: list[Record]) -> Iterator[tuple[str, list[tuple[Any, ...]]]]:
    """(table, rows) of the records' timexes, places, quotes and events, in the order they are written."""
    known = [{actor.id for actor in r.actors} for r in records]
    yield "timexes", [timex_row(r.article.id, t) for r in records for t in r.timexes]
    yield "places", [place_row(r.article.id, p) for r in records for p in r.places]
    yield "quotes", [quote_row(r.article.id, q, ids) for r, ids in zip(records, known, strict=True) for q in r.quotes]
    yield (f"events ({', '.join(EVENT_COLUMNS)})",
           [event_row(r.article.id, e, ids) for r, ids in zip(records, known, strict=True) for e in r.events])


def article_row(record: Record) -> tuple[Any, ...]:
    a = record.article
    return (a.id, a.url, a.source, a.title, a.published, record.anchor, record.anchor_kind, a.text,
            _json(a.captions), _json(a.removed), a.lang, a.duplicate_of, a.path, _now())


def article_actor_row(article_id: str, actor: Actor) -> tuple[Any, ...]:
    mentions = [{"text": m.text, "start": m.start, "end": m.end, "kind": m.kind} for m in actor.mentions]
    return (article_id, actor.id, actor.title, actor.country, actor.sector, _json(mentions))


def timex_row(article_id: str, t: TimeExpr) -> tuple[Any, ...]:
    return (content_hash(article_id, "timex", str(t.start), str(t.end)), article_id, t.text, t.start, t.end, t.type,
            t.value, t.precision, t.mod, t.begin, t.end_value, t.anchor, t.anchor_kind)


def place_row(article_id: str, p: Place) -> tuple[Any, ...]:
    return (content_hash(article_id, "place", str(p.start), str(p.end)), article_id, p.text, p.start, p.end, p.name,
            p.kind, p.country, p.latitude, p.longitude, p.gazetteer_id, p.geo_precision, p.ucdp_precision)


def quote_row(article_id: str, q: Quote, known_actors: set[str]) -> tuple[Any, ...]:
    return (q.id or content_hash(article_id, "quote", str(q.start), str(q.end)), article_id, q.text, q.start, q.end,
            int(q.direct), q.speaker, q.speaker_id if q.speaker_id in known_actors else None,
            q.speaker_text, q.speaker_kind, q.cue)


def event_row(article_id: str, e: Event, known_actors: set[str]) -> tuple[Any, ...]:
    """One events-table row, in EVENT_COLUMNS order."""
    first = e.evidence[0] if e.evidence else None
    fat, inj = e.fatalities, e.injured
    spans = [{"sentence": ev.sentence, "start": ev.start, "end": ev.end, "trigger_start": ev.trigger_start,
              "trigger_end": ev.trigger_end, "in_caption": ev.in_caption, "actor_text": ev.actor_text,
              "recipient_text": ev.recipient_text, "place": ev.place} for ev in e.evidence]
    return (
        e.id, article_id, e.type, e.mode, _json(e.contexts), e.trigger, e.actor,
        e.actor_id if e.actor_id in known_actors else None, e.actor_text, e.actor_start, e.actor_end,
        e.recipient, e.recipient_id if e.recipient_id in known_actors else None, e.recipient_text,
        e.recipient_start, e.recipient_end,
        e.date, e.date_end, e.date_precision, e.date_source, e.timex_start, e.timex_end,
        e.place, e.country, e.latitude, e.longitude, e.geo_precision, e.place_source, e.place_start, e.place_end,
        fat.low if fat else None, fat.best if fat else None, fat.high if fat else None, fat.text if fat else None,
        inj.low if inj else None, inj.best if inj else None, inj.high if inj else None, inj.text if inj else None,
        _json(e.quantity), e.weapon,
        int(e.asserted), int(e.negated), int(e.hypothetical), int(e.future), int(e.historical), int(e.aggregate),
        e.reported_by, e.confidence,
        first.sentence if first else None, first.start if first else None, first.end if first else None,
        _json(spans),
        e.acled_event_type, e.acled_sub_event_type, e.cameo_root, e.plover_quad, e.plover_score,
        *date_bounds(e.date, e.date_end),
    )


def _run_step(conn: sqlite3.Connection, step: str | Callable[[sqlite3.Connection], object]) -> None:
    """One migration step: every statement of a package script (``"005_date_bounds.sql"``), or a function."""
    if callable(step):
        step(conn)
        return
    for statement in _split_sql(resources.files("eventwire.store").joinpath(step).read_text("utf-8")):
        conn.execute(statement)


def _split_sql(script: str) -> list[str]:
    """Split a schema script into statements, keeping trigger bodies whole."""
    statements, current = [], []
    for line in script.splitlines():
        if line.strip().startswith("--") or not line.strip():
            continue
        current.append(line)
        joined = "\n".join(current)
        if sqlite3.complete_statement(joined):
            statements.append(joined)
            current = []
    return statements
