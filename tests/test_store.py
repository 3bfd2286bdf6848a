from __future__ import annotations

import sqlite3

import pytest

from eventwire import queries
from eventwire.store import SCHEMA_VERSION, Store
from factories import sample_record
from golden_util import assert_golden


@pytest.fixture()
def store():
    s = Store(":memory:")
    yield s
    s.close()


def test_schema_snapshot(store):
    rows = store.conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE '%fts_%'"
        " ORDER BY type, name"
    ).fetchall()
    assert_golden("schema.sql", "\n\n".join(f"-- {r[0]} {r[1]}\n{r[2]};" for r in rows) + "\n")


def test_writing_the_same_record_twice_changes_nothing(store):
    record = sample_record()
    assert store.write([record]) == 1
    before = store.counts()
    assert store.write([record]) == 0
    assert store.counts() == before
    assert before["articles"] == 1 and before["events"] == 1 and before["actors"] == 2


def test_foreign_keys_hold(store):
    store.write([sample_record()])
    assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    row = store.conn.execute("SELECT actor_id, recipient_id, asserted FROM events").fetchone()
    assert row["actor_id"] and row["recipient_id"] and row["asserted"] == 1


def test_unknown_actor_ids_are_not_written_as_dangling_keys(store):
    record = sample_record()
    record.events[0].actor_id = "not-an-actor"
    store.write([record])
    assert store.conn.execute("SELECT actor_id FROM events").fetchone()[0] is None


def test_failed_batch_leaves_nothing_behind(store):
    good = sample_record()
    bad = sample_record("Another article entirely, about talks.")
    bad.events[0].type = None  # type: ignore[assignment]  # violates NOT NULL: the batch must roll back
    with pytest.raises(sqlite3.IntegrityError):
        store.write([good, bad])
    assert store.counts()["articles"] == 0


def test_actor_aliases_merge_across_articles(store):
    first = sample_record()
    second = sample_record("Rebels attacked a convoy near Goma.")
    second.actors[0].aliases = ["March 23 Movement"]
    store.write([first, second])
    rows = queries.actors(store.conn, name="M23")
    assert len(rows) == 1 and "March 23 Movement" in rows[0]["aliases"] and "M23 rebels" in rows[0]["aliases"]
    assert rows[0]["n_articles"] == 2


def test_reopening_a_file_migrates_once(tmp_path):
    path = tmp_path / "x.db"
    Store(path).close()
    with Store(path) as again:
        assert again.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert again.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_newer_database_is_refused(tmp_path):
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(RuntimeError, match="newer"):
        Store(path)


def test_event_filters_are_parameterized(store):
    store.write([sample_record()])
    hostile = "x' OR 1=1; DROP TABLE events; --"
    assert queries.events(store.conn, queries.EventFilter(actor=hostile)) == []
    assert store.counts()["events"] == 1
    assert len(queries.events(store.conn, queries.EventFilter(type="assault", country="cod"))) == 1
    assert queries.events(store.conn, queries.EventFilter(since="2025-03-04")) == []
    assert len(queries.events(store.conn, queries.EventFilter(until="2025-03"))) == 1
    assert len(queries.events(store.conn, queries.EventFilter(min_fatalities=3))) == 1


def test_quote_search_uses_fts_and_survives_query_syntax(store):
    store.write([sample_record()])
    assert len(queries.quotes(store.conn, contains="hold the town")) == 1
    assert queries.quotes(store.conn, contains='"unbalanced AND (') == []
    assert len(queries.quotes(store.conn, speaker="M23")) == 1
