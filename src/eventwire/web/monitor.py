"""Read-only queries for the monitoring pages: sources, alerts, and what arrived since a time.

Databases made before ``eventwire watch`` existed have no ``sources`` or ``alerts`` table until a
writer opens them; these queries then return nothing instead of failing.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from typing import Any

LAST_VISIT_COOKIE = "eventwire_last_visit"
ARRIVALS_SHOWN = 10


def _has(conn: sqlite3.Connection, table: str) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()
    return row is not None


def sources(conn: sqlite3.Connection, limit: int = 500, offset: int = 0) -> list[dict[str, Any]]:
    """Each watched source with its last poll, status and counts, the most recently polled first."""
    if not _has(conn, "sources"):
        return []
    rows = conn.execute(
        "SELECT id, url, kind, last_poll, last_status, last_new, polls, items, errors, etag IS NOT NULL"
        " OR last_modified IS NOT NULL AS conditional FROM sources ORDER BY last_poll DESC, url LIMIT ? OFFSET ?",
        (limit, offset))
    return [dict(r) for r in rows]


def alerts(conn: sqlite3.Connection, rule: str | None = None, since: str | None = None, limit: int = 100,
           offset: int = 0) -> list[dict[str, Any]]:
    """Alerts, newest first, with their incident's JSON payload decoded."""
    if not _has(conn, "alerts"):
        return []
    where, params = [], []
    if rule:
        where.append("rule = ?")
        params.append(rule)
    if since:
        where.append("at > ?")
        params.append(since)
    sql = (f"SELECT id, rule, incident_id, at, summary, payload, command_status FROM alerts"
           f" {'WHERE ' + ' AND '.join(where) if where else ''} ORDER BY at DESC, id DESC LIMIT ? OFFSET ?")
    out = []
    for row in conn.execute(sql, [*params, limit, offset]):
        item = dict(row)
        item["payload"] = json.loads(item["payload"])
        out.append(item)
    return out


def count_alerts(conn: sqlite3.Connection, since: str | None = None) -> int:
    if not _has(conn, "alerts"):
        return 0
    if since:
        return int(conn.execute("SELECT COUNT(*) FROM alerts WHERE at > ?", (since,)).fetchone()[0])
    return int(conn.execute("SELECT COUNT(*) FROM alerts").fetchone()[0])


def arrivals(conn: sqlite3.Connection, since: str) -> dict[str, Any]:
    """What was stored after ``since`` (an ISO UTC time): article and alert counts and the latest of each."""
    n_articles = conn.execute("SELECT COUNT(*) FROM articles WHERE ingested_at > ?", (since,)).fetchone()[0]
    latest = [dict(r) for r in conn.execute(
        "SELECT id, title, source, url, published, ingested_at FROM articles WHERE ingested_at > ?"
        " ORDER BY ingested_at DESC, id LIMIT ?", (since, ARRIVALS_SHOWN))]
    return {"since": since, "articles": int(n_articles), "latest_articles": latest,
            "alerts": count_alerts(conn, since), "latest_alerts": alerts(conn, since=since, limit=ARRIVALS_SHOWN)}


def valid_stamp(value: str | None) -> str | None:
    """A last-visit cookie's value when it is an ISO time (anything else is ignored)."""
    if not value or len(value) > 40:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.astimezone(UTC).isoformat(timespec="seconds") if parsed.tzinfo else None


def now_stamp() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
