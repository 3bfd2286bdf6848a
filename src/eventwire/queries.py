"""Read queries shared by the CLI, exports and the web UI. Every value is a bound parameter."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

MODALITY_FLAGS = ("negated", "hypothetical", "future", "historical", "aggregate")


@dataclass(slots=True)
class EventFilter:
    type: str | None = None
    actor: str | None = None  # name or alias substring, or actor id
    country: str | None = None
    since: str | None = None  # ISO date, inclusive
    until: str | None = None
    min_fatalities: int | None = None
    text: str | None = None  # substring of the evidence sentence
    include_all: bool = False  # also negated / hypothetical / future / historical / aggregate
    article_id: str | None = None
    incident_id: str | None = None
    sort: str = "date"
    descending: bool = True
    limit: int = 100
    offset: int = 0


SORTABLE = {"date": "e.date", "type": "e.type", "fatalities": "COALESCE(e.fatalities_best, e.fatalities_low)",
            "confidence": "e.confidence", "country": "e.country", "actor": "e.actor"}


def events(conn: sqlite3.Connection, f: EventFilter) -> list[dict[str, Any]]:
    where, params = _event_where(f)
    order = SORTABLE.get(f.sort, SORTABLE["date"])
    sql = (
        "SELECT e.*, a.url AS article_url, a.source AS article_source, a.published AS article_published"
        " FROM events e JOIN articles a ON a.id = e.article_id"
        f" WHERE {' AND '.join(where) or '1'}"
        f" ORDER BY {order} IS NULL, {order} {'DESC' if f.descending else 'ASC'}, e.id LIMIT ? OFFSET ?"
    )
    return [dict(r) for r in conn.execute(sql, (*params, f.limit, f.offset))]


def count_events(conn: sqlite3.Connection, f: EventFilter) -> int:
    where, params = _event_where(f)
    sql = f"SELECT COUNT(*) FROM events e WHERE {' AND '.join(where) or '1'}"
    return int(conn.execute(sql, params).fetchone()[0])


def _event_where(f: EventFilter) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if not f.include_all:
        where.append("e.asserted = 1")
    if f.type:
        where.append("e.type = ?")
        params.append(f.type.upper())
    if f.actor:
        where.append(
            "(e.actor_id = ? OR e.recipient_id = ? OR e.actor LIKE ? OR e.recipient LIKE ?"
            " OR e.actor_text LIKE ? OR e.recipient_text LIKE ?)"
        )
        like = f"%{f.actor}%"
        params += [f.actor, f.actor, like, like, like, like]
    if f.country:
        where.append("e.country = ?")
        params.append(f.country.upper())
    if f.since:
        where.append("e.date >= ?")
        params.append(f.since)
    if f.until:
        where.append("substr(e.date, 1, length(?)) <= ?")
        params += [f.until, f.until]
    if f.min_fatalities is not None:
        where.append("COALESCE(e.fatalities_best, e.fatalities_low, 0) >= ?")
        params.append(f.min_fatalities)
    if f.text:
        where.append("e.evidence LIKE ?")
        params.append(f"%{f.text}%")
    if f.article_id:
        where.append("e.article_id = ?")
        params.append(f.article_id)
    if f.incident_id:
        where.append("e.incident_id = ?")
        params.append(f.incident_id)
    return where, params


def event(conn: sqlite3.Connection, event_id: str) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT e.*, a.url AS article_url, a.source AS article_source, a.published AS article_published,"
        " a.title AS article_title FROM events e JOIN articles a ON a.id = e.article_id WHERE e.id = ?",
        (event_id,),
    ).fetchone()
    return dict(row) if row else None


def incidents(
    conn: sqlite3.Connection,
    type: str | None = None,
    country: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    where: list[str] = []
    params: list[Any] = []
    if type:
        where.append("i.type = ?")
        params.append(type.upper())
    if country:
        where.append("i.country = ?")
        params.append(country.upper())
    if since:
        where.append("i.date >= ?")
        params.append(since)
    if until:
        where.append("substr(i.date, 1, length(?)) <= ?")
        params += [until, until]
    sql = (
        f"SELECT i.* FROM incidents i WHERE {' AND '.join(where) or '1'}"
        " ORDER BY i.n_articles DESC, i.date DESC, i.id LIMIT ? OFFSET ?"
    )
    return [dict(r) for r in conn.execute(sql, (*params, limit, offset))]


def incident(conn: sqlite3.Connection, incident_id: str) -> dict[str, Any] | None:
    row = conn.execute("SELECT * FROM incidents WHERE id = ?", (incident_id,)).fetchone()
    return dict(row) if row else None


def actor(conn: sqlite3.Connection, actor_id: str) -> dict[str, Any] | None:
    row = conn.execute("SELECT * FROM actors WHERE id = ?", (actor_id,)).fetchone()
    return dict(row) if row else None


def actor_timeline(conn: sqlite3.Connection, actor_id: str) -> list[dict[str, Any]]:
    """Events per month with the actor as actor and as recipient."""
    sql = (
        "SELECT substr(date, 1, 7) AS month, SUM(actor_id = ?) AS as_actor, SUM(recipient_id = ?) AS as_recipient"
        " FROM events WHERE (actor_id = ? OR recipient_id = ?) AND asserted = 1 AND date IS NOT NULL"
        " GROUP BY month ORDER BY month"
    )
    return [dict(r) for r in conn.execute(sql, (actor_id, actor_id, actor_id, actor_id))]


def article(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    row = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    return dict(row) if row else None


def article_spans(conn: sqlite3.Connection, article_id: str) -> list[tuple[int, int, str, str | None]]:
    """(start, end, kind, link) of every extracted span in an article, for highlighting."""
    spans: list[tuple[int, int, str, str | None]] = []
    for r in conn.execute("SELECT start_char, end_char FROM places WHERE article_id = ?", (article_id,)):
        spans.append((r[0], r[1], "place", None))
    for r in conn.execute("SELECT start_char, end_char FROM timexes WHERE article_id = ?", (article_id,)):
        spans.append((r[0], r[1], "date", None))
    for r in conn.execute("SELECT start_char, end_char FROM quotes WHERE article_id = ?", (article_id,)):
        spans.append((r[0], r[1], "quote", None))
    for r in conn.execute("SELECT actor_id, mentions FROM article_actors WHERE article_id = ?", (article_id,)):
        for m in json.loads(r[1]):
            spans.append((m["start"], m["end"], "actor", f"/actors/{r[0]}"))
    for r in conn.execute("SELECT id, evidence_spans FROM events WHERE article_id = ?", (article_id,)):
        for ev in json.loads(r[1]):
            if ev.get("trigger_start") is not None:
                spans.append((ev["trigger_start"], ev["trigger_end"], "trigger", f"/events/{r[0]}"))
    return spans


def overview(conn: sqlite3.Connection, f: EventFilter) -> dict[str, Any]:
    """Counts, a timeline by type and the top actors and places for the current filter."""
    where, params = _event_where(f)
    clause = " AND ".join(where) or "1"
    timeline = conn.execute(
        f"SELECT substr(e.date, 1, 7) AS bucket, e.type, COUNT(*) FROM events e WHERE {clause}"
        " AND e.date IS NOT NULL GROUP BY bucket, e.type ORDER BY bucket",
        params,
    ).fetchall()
    top_actors = conn.execute(
        f"SELECT e.actor_id, e.actor, COUNT(*) AS n FROM events e WHERE {clause} AND e.actor_id IS NOT NULL"
        " GROUP BY e.actor_id ORDER BY n DESC LIMIT 10",
        params,
    ).fetchall()
    top_places = conn.execute(
        f"SELECT e.place, e.country, COUNT(*) AS n FROM events e WHERE {clause} AND e.place IS NOT NULL"
        " GROUP BY e.place, e.country ORDER BY n DESC LIMIT 10",
        params,
    ).fetchall()
    return {
        "timeline": [{"bucket": r[0], "type": r[1], "n": r[2]} for r in timeline],
        "top_actors": [{"id": r[0], "name": r[1], "n": r[2]} for r in top_actors],
        "top_places": [{"place": r[0], "country": r[1], "n": r[2]} for r in top_places],
    }


def quotes(
    conn: sqlite3.Connection,
    speaker: str | None = None,
    contains: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    where: list[str] = []
    params: list[Any] = []
    if speaker:
        where.append("(q.speaker LIKE ? OR q.speaker_text LIKE ? OR q.speaker_id = ?)")
        params += [f"%{speaker}%", f"%{speaker}%", speaker]
    if contains:
        where.append("q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        params.append(_fts_phrase(contains))
    sql = (
        "SELECT q.id, q.article_id, q.speaker, q.speaker_id, q.speaker_text, q.speaker_kind, q.cue, q.direct,"
        " q.text, q.start_char, q.end_char, a.url AS article_url, a.published AS article_published"
        " FROM quotes q JOIN articles a ON a.id = q.article_id"
        f" WHERE {' AND '.join(where) or '1'} ORDER BY a.published DESC, q.article_id, q.start_char"
        " LIMIT ? OFFSET ?"
    )
    return [dict(r) for r in conn.execute(sql, (*params, limit, offset))]


def actors(
    conn: sqlite3.Connection,
    name: str | None = None,
    country: str | None = None,
    sector: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    where: list[str] = []
    params: list[Any] = []
    if name:
        where.append("(ac.name LIKE ? OR ac.aliases LIKE ?)")
        params += [f"%{name}%", f"%{name}%"]
    if country:
        where.append("ac.country = ?")
        params.append(country.upper())
    if sector:
        where.append("ac.sector = ?")
        params.append(sector.upper())
    sql = (
        "SELECT ac.id, ac.name, ac.kind, ac.country, ac.sector, ac.aliases,"
        " (SELECT COUNT(*) FROM article_actors aa WHERE aa.actor_id = ac.id) AS n_articles,"
        " (SELECT COUNT(*) FROM events e WHERE e.actor_id = ac.id OR e.recipient_id = ac.id) AS n_events"
        f" FROM actors ac WHERE {' AND '.join(where) or '1'}"
        " ORDER BY n_events DESC, n_articles DESC, ac.name LIMIT ? OFFSET ?"
    )
    return [dict(r) for r in conn.execute(sql, (*params, limit, offset))]


def errors(conn: sqlite3.Connection, limit: int = 1000) -> list[dict[str, Any]]:
    sql = "SELECT id, path, line, reason, at FROM errors ORDER BY id DESC LIMIT ?"
    return [dict(r) for r in conn.execute(sql, (limit,))]


def _fts_phrase(text: str) -> str:
    """Quote user text as an FTS5 phrase so its punctuation is never parsed as query syntax."""
    return '"' + text.replace('"', '""') + '"'
