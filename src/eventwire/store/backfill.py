"""Python steps of schema migrations: values SQL alone cannot compute for the rows already stored."""

from __future__ import annotations

import sqlite3

from eventwire.periods import date_bounds

BACKFILL_CHUNK = 20_000  # rows read, computed and written at a time


def backfill_date_bounds(conn: sqlite3.Connection) -> int:
    """Schema version 5: ``date_start`` / ``date_last`` of every stored event and incident from its
    ``date`` and ``date_end`` (an event dated 2025-W52 gets 2025-12-22 .. 2025-12-28). Runs inside the
    migration's transaction; returns the rows filled."""
    return sum(_fill_table(conn, table) for table in ("events", "incidents"))


def _fill_table(conn: sqlite3.Connection, table: str) -> int:
    """Fill one table chunk by chunk, in rowid order (a dated row at a time, never the whole table in memory)."""
    filled, after = 0, -1
    select = f"SELECT rowid, date, date_end FROM {table} WHERE rowid > ? AND date IS NOT NULL ORDER BY rowid LIMIT ?"
    update = f"UPDATE {table} SET date_start = ?, date_last = ? WHERE rowid = ?"
    while rows := conn.execute(select, (after, BACKFILL_CHUNK)).fetchall():
        conn.executemany(update, [(*date_bounds(value, end), rowid) for rowid, value, end in rows])
        filled, after = filled + len(rows), rows[-1][0]
    return filled
