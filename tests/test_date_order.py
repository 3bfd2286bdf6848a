"""Dates of any precision sort by their first day and filter by overlap: listings, API, overview, exports,
and the schema version 5 migration that stores date_start / date_last for databases made before it."""

from __future__ import annotations

import sqlite3
from importlib import resources

import pytest

from eventwire import export, queries
from eventwire.store import SCHEMA_VERSION, Store, _split_sql
from factories import sample_record

DATES = {"evt-21": "2025-12-21", "evt-w52": "2025-W52", "evt-23": "2025-12-23", "evt-31": "2025-12-31",
         "evt-su": "2025-SU"}


def dated_records():
    """One article per date value, each with one asserted event dated so."""
    records = []
    for event_id, value in DATES.items():
        record = sample_record(f"Rebels shelled the town of Goma, report {event_id}.")
        record.events[0].id, record.events[0].date = event_id, value
        record.events[0].date_precision = "week" if "W" in value else "season" if "SU" in value else "day"
        records.append(record)
    return records


@pytest.fixture()
def store():
    s = Store(":memory:")
    s.write(dated_records())
    yield s
    s.close()


def listed(conn, **kwargs) -> list[str]:
    return [r["id"] for r in queries.events(conn, queries.EventFilter(**kwargs))]


def test_a_week_is_listed_between_the_days_around_its_monday(store):
    assert listed(store.conn, descending=False) == ["evt-su", "evt-21", "evt-w52", "evt-23", "evt-31"]
    assert listed(store.conn) == ["evt-31", "evt-23", "evt-w52", "evt-21", "evt-su"]


def test_the_stored_days_of_a_week(store):
    row = store.conn.execute("SELECT date, date_start, date_last FROM events WHERE id = 'evt-w52'").fetchone()
    assert tuple(row) == ("2025-W52", "2025-12-22", "2025-12-28")


@pytest.mark.parametrize(("since", "until", "expected"), [
    ("2025-12-25", None, ["evt-31", "evt-w52"]),  # the week reaches Dec 25
    ("2025-12-29", None, ["evt-31"]),  # the week ended on the 28th
    (None, "2025-12-21", ["evt-21", "evt-su"]),  # the week begins on the 22nd
    (None, "2025-12-22", ["evt-w52", "evt-21", "evt-su"]),
    ("2025-12-25", "2025-12-25", ["evt-w52"]),  # one day inside the week
    ("2025-07", "2025-07", ["evt-su"]),  # a month inside the summer
    ("2025-12", None, ["evt-31", "evt-23", "evt-w52", "evt-21"]),  # a month from its first day
    ("2024", "2024", []),
])
def test_date_filters_keep_the_dates_that_overlap(store, since, until, expected):
    assert listed(store.conn, since=since, until=until) == expected
    assert queries.count_events(store.conn, queries.EventFilter(since=since, until=until)) == len(expected)


def test_a_since_filter_reads_back_as_far_as_the_longest_date(store):
    assert queries._longest_date(store.conn, include_all=False) == 91  # the summer: June 1 to August 31
    terms = queries._date_terms(store.conn, "e", "2025-09-01", None, include_all=False)
    assert terms == [("e.date_start >= ?", "2025-06-02"), ("e.date_last >= ?", "2025-09-01")]


def test_the_overview_chart_counts_a_week_in_the_month_it_begins(store):
    rolled = queries.overview(store.conn, queries.EventFilter())["timeline"]
    sampled = queries.overview(store.conn, queries.EventFilter(since="2025-01-01"))["timeline"]
    for timeline in (rolled, sampled):
        assert [(t["bucket"], t["n"]) for t in timeline] == [("2025-06", 1), ("2025-12", 4)]


def test_exports_are_in_date_order(store):
    ids = [row["id"] for row in export.rows(store.conn, "native")]
    assert ids == ["evt-su", "evt-21", "evt-w52", "evt-23", "evt-31"]


def test_incidents_keep_the_days_of_their_date_and_filter_by_overlap(store):
    store.conn.execute("INSERT INTO incidents (id, type, date, date_start, date_last, n_articles)"
                       " VALUES ('inc-w', 'ASSAULT', '2025-W52', '2025-12-22', '2025-12-28', 2),"
                       " ('inc-d', 'ASSAULT', '2025-12-30', '2025-12-30', '2025-12-30', 2)")
    assert [i["id"] for i in queries.incidents(store.conn)] == ["inc-d", "inc-w"]
    assert [i["id"] for i in queries.incidents(store.conn, since="2025-12-25", until="2025-12-25")] == ["inc-w"]


def test_resolve_stores_the_days_of_an_incidents_date(store):
    from eventwire.resolve.incidents import HELPER_SCHEMA, refresh_incidents

    for statement in HELPER_SCHEMA:
        store.conn.execute(statement)
    store.conn.execute("INSERT INTO incidents (id, type) VALUES ('inc', 'ASSAULT')")
    store.conn.execute("UPDATE events SET incident_id = 'inc' WHERE id = 'evt-w52'")
    refresh_incidents(store.conn, ["inc"])
    row = store.conn.execute("SELECT date, date_start, date_last FROM incidents WHERE id = 'inc'").fetchone()
    assert tuple(row) == ("2025-W52", "2025-12-22", "2025-12-28")


def test_a_shard_without_date_days_gets_them_when_loaded():
    with Store(":memory:") as shard:
        shard.write(dated_records())
        tables = {}
        for table in ("articles", "actors", "events"):
            columns, values = shard.table_rows(table)
            tables[table] = [dict(zip(columns, v, strict=True)) for v in values]
    for row in tables["events"]:  # as a shard written before schema version 5
        del row["date_start"], row["date_last"]
    with Store(":memory:") as store:
        store.load_tables(tables)
        assert listed(store.conn, since="2025-12-25", until="2025-12-25") == ["evt-w52"]


# -- the migration ------------------------------------------------------------------------------------


def version_4_database(path) -> None:
    """A database as schema version 4 left it, with events dated as text and one incident."""
    conn = sqlite3.connect(path)
    for name in ("schema.sql", "002_article_copies.sql", "003_error_counts.sql", "004_watch.sql"):
        for statement in _split_sql(resources.files("eventwire.store").joinpath(name).read_text("utf-8")):
            conn.execute(statement)
    conn.execute("INSERT INTO articles (id, text, ingested_at) VALUES ('a', 'Text.', '2026-01-01T00:00:00+00:00')")
    for event_id, value in DATES.items():
        conn.execute("INSERT INTO events (id, article_id, type, date, asserted) VALUES (?, 'a', 'ASSAULT', ?, 1)",
                     (event_id, value))
    conn.execute("INSERT INTO events (id, article_id, type, date, date_end, asserted)"
                 " VALUES ('evt-span', 'a', 'PROTEST', '2025-06', '2025-09-14', 0)")
    conn.execute("INSERT INTO incidents (id, type, date) VALUES ('inc', 'ASSAULT', '2025-W52')")
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()


def test_a_version_4_database_gets_the_days_of_its_dates(tmp_path):
    path = tmp_path / "v4.db"
    version_4_database(path)
    with Store(path) as store:
        conn = store.conn
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
        days = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT id, date_start, date_last FROM events")}
        assert days["evt-w52"] == ("2025-12-22", "2025-12-28") and days["evt-span"] == ("2025-06-01", "2025-09-14")
        incident = conn.execute("SELECT date_start, date_last FROM incidents").fetchone()
        assert tuple(incident) == ("2025-12-22", "2025-12-28")
        assert listed(conn, descending=False) == ["evt-su", "evt-21", "evt-w52", "evt-23", "evt-31"]
        months = conn.execute("SELECT month, SUM(n) FROM event_stats GROUP BY month ORDER BY month").fetchall()
        assert [tuple(m) for m in months] == [("2025-06", 2), ("2025-12", 4)]  # no "2025-W5" bucket left
        assert dict(conn.execute("SELECT asserted, days FROM date_spans").fetchall()) == {0: 105, 1: 91}
    with Store(path) as again:  # opening again migrates nothing and changes nothing
        assert again.conn.execute("SELECT COUNT(*) FROM events WHERE date_start IS NULL").fetchone()[0] == 0
        assert again.conn.execute("SELECT SUM(n) FROM event_stats").fetchone()[0] == 6


def test_an_interrupted_migration_leaves_the_database_at_version_4(tmp_path, monkeypatch):
    from eventwire import store as store_module
    from eventwire.store import backfill

    path = tmp_path / "v4.db"
    version_4_database(path)
    original = backfill._fill_table

    def crash_after_events(conn, table):
        if table == "incidents":
            raise KeyboardInterrupt  # the process stopped mid-migration
        return original(conn, table)

    monkeypatch.setattr(backfill, "_fill_table", crash_after_events)
    with pytest.raises(KeyboardInterrupt):
        store_module.Store(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
    assert "date_start" not in {r[1] for r in conn.execute("PRAGMA table_info(events)")}
    assert conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'events_stats_ai'").fetchone()[0] == 1
    conn.close()
    monkeypatch.undo()
    with Store(path) as store:  # the next open migrates in full
        assert store.conn.execute("SELECT COUNT(*) FROM events WHERE date_start IS NULL").fetchone()[0] == 0


def test_the_read_only_web_lists_a_version_4_database_as_before(tmp_path):
    from fastapi.testclient import TestClient

    from eventwire.web.app import create_app

    path = tmp_path / "v4.db"
    version_4_database(path)
    client = TestClient(create_app(path))
    listing = client.get("/api/events", params={"sort": "date", "order": "asc", "since": "2025"}).json()
    assert [e["id"] for e in listing["events"]] == ["evt-21", "evt-23", "evt-31", "evt-su", "evt-w52"]  # as text
    assert client.get("/").status_code == 200 and client.get("/api/incidents?since=2025").status_code == 200
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 4  # the web UI never writes
    conn.close()


def test_the_api_filters_and_sorts_by_the_days(tmp_path):
    from fastapi.testclient import TestClient

    from eventwire.web.app import create_app

    path = tmp_path / "v5.db"
    with Store(path) as s:
        s.write(dated_records())
    client = TestClient(create_app(path))
    listing = client.get("/api/events", params={"since": "2025-12-25", "until": "2025-12-25"}).json()
    assert [e["id"] for e in listing["events"]] == ["evt-w52"] and listing["total"] == 1
    ascending = client.get("/api/events", params={"order": "asc"}).json()["events"]
    assert [e["id"] for e in ascending] == ["evt-su", "evt-21", "evt-w52", "evt-23", "evt-31"]
    assert ascending[2]["date_start"] == "2025-12-22" and ascending[2]["date_last"] == "2025-12-28"
