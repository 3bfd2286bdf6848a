"""Read queries shared by the CLI, exports and the web UI. Every value is a bound parameter."""

from __future__ import annotations

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
    limit: int = 100
    offset: int = 0


def events(conn: sqlite3.Connection, f: EventFilter) -> list[dict[str, Any]]:
    where, params = _event_where(f)
    sql = (
        "SELECT e.*, a.url AS article_url, a.source AS article_source, a.published AS article_published"
        " FROM events e JOIN articles a ON a.id = e.article_id"
        f" WHERE {' AND '.join(where) or '1'}"
        " ORDER BY e.date IS NULL, e.date DESC, e.article_id, e.evidence_start LIMIT ? OFFSET ?"
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
    return where, params


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
