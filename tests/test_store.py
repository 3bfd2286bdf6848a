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


def many_records(n: int) -> list:
    records = []
    for number in range(n):
        record = sample_record(f"Report {number}: rebels shelled the town of Goma on Monday, killing three civilians.")
        record.events[0].id = f"evt-{number}"
        record.quotes[0].id = f"q-{number}"
        records.append(record)
    return records


def stored_rows(store) -> list:
    store.conn.execute("UPDATE articles SET ingested_at = ''")  # the one column that differs (when written)
    return [tuple(row) for table in ("articles", "actors", "article_actors", "timexes", "places", "quotes", "events")
            for row in store.conn.execute(f"SELECT rowid, * FROM {table} ORDER BY rowid")]


def test_a_batch_with_more_rows_than_sqlite_takes_parameters_goes_in_whole(store, monkeypatch):
    with Store(":memory:") as reference:
        reference.write(many_records(12))
        monkeypatch.setattr(Store, "_max_variables", lambda self: 70)  # an event row alone has 61
        assert store.write(many_records(12)) == 12
        assert stored_rows(store) == stored_rows(reference)
    assert store.counts()["events"] == 12 and store.counts()["actors"] == 2
    assert len(queries.quotes(store.conn, contains="hold the town")) == 12  # full-text rows for every quote


def test_an_article_met_twice_in_one_batch_is_stored_once_and_the_second_outlet_kept(store):
    first = sample_record()
    again = sample_record()
    again.article.source, again.article.url = "Second Outlet", "https://second.example/story"
    assert store.write([first, again]) == 1
    assert store.counts()["events"] == 1 and store.counts()["article_copies"] == 1


def test_an_actor_met_in_several_articles_of_a_batch_keeps_its_first_country_and_every_alias(store):
    first, second, third = many_records(3)
    second.actors[0].aliases, second.actors[0].country = ["Mouvement du 23 mars"], "COD"
    third.actors[0].aliases, third.actors[0].country = ["March 23 Movement"], "RWA"
    store.write([first, second, third])
    row = store.conn.execute("SELECT country, aliases FROM actors WHERE name = 'M23'").fetchone()
    assert row["country"] == "COD"
    assert row["aliases"] == '["M23 rebels","March 23 Movement","Mouvement du 23 mars"]'


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


# -- copies of one article from other outlets (article_copies) ------------------------------------------


def copy_of(record, source: str | None, url: str | None, published: str | None = "2025-03-05"):
    from eventwire.store import ArticleCopy

    return ArticleCopy(record.article.id, source, url, published, path=f"{source}.jsonl")


def test_a_copy_needs_a_stored_article_and_a_new_outlet(store):
    record = sample_record()
    assert store.record_copies([copy_of(record, "Other Wire", "https://other.example/x")]) == 0  # not stored
    store.write([record])
    assert store.record_copies([copy_of(record, "example.org", "https://example.org/a")]) == 0  # its own pair
    assert store.record_copies([copy_of(record, None, None)]) == 0  # no outlet to name or follow
    assert store.record_copies([copy_of(record, "Other Wire", "https://other.example/x"),
                                copy_of(record, "Other Wire", "https://other.example/x")]) == 1
    assert store.record_copies([copy_of(record, "Other Wire", "https://other.example/x")]) == 0  # idempotent
    assert store.record_copies([copy_of(record, "Other Wire", None)]) == 1  # a new pair, the same outlet
    copies = store.copies(record.article.id)
    assert [(c["source"], c["url"]) for c in copies] == [("Other Wire", "https://other.example/x"),
                                                         ("Other Wire", None)]
    assert copies[0]["published"] == "2025-03-05" and copies[0]["first_seen"]
    assert store.article_source_count(record.article.id) == 2  # example.org and other wire (case-folded)


def test_writing_a_stored_article_from_another_outlet_keeps_the_outlet_not_the_rows(store):
    first = sample_record()
    second = sample_record()
    second.article.source, second.article.url = "Second Outlet", "https://second.example/story"
    assert store.write([first]) == 1
    before = store.counts()
    assert store.write([second, first]) == 0
    after = store.counts()
    assert after["article_copies"] == 1 and {**after, "article_copies": 0} == before
    assert store.article_source_count(first.article.id) == 2


def test_copies_go_with_their_article(store):
    record = sample_record()
    store.write([record])
    store.record_copies([copy_of(record, "Other Wire", "https://other.example/x")])
    store.conn.execute("DELETE FROM articles WHERE id = ?", (record.article.id,))
    assert store.counts()["article_copies"] == 0


def test_incident_sources_count_copies_once_per_outlet(store):
    from eventwire.resolve.incidents import resolve

    record = sample_record()
    store.write([record])
    resolve(store.conn)
    incident_id = store.conn.execute("SELECT incident_id FROM events").fetchone()[0]
    assert store.rows("SELECT n_articles, n_sources FROM incidents") == [{"n_articles": 1, "n_sources": 1}]
    store.record_copies([copy_of(record, "Other Wire", "https://other.example/x"),
                         copy_of(record, None, "https://www.third.example/y"),
                         copy_of(record, "EXAMPLE.ORG", "https://example.org/b")])  # a known outlet again
    resolve(store.conn)  # nothing new to cluster; the incident of the copied article is refreshed
    assert store.rows("SELECT n_articles, n_sources FROM incidents") == [{"n_articles": 4, "n_sources": 3}]
    assert store.incident_source_count(incident_id) == 3
    assert store.rows("SELECT COUNT(*) AS n FROM article_copies WHERE counted = 0") == [{"n": 0}]
    assert store.counts()["events"] == 1 and store.counts()["incidents"] == 1


def test_loading_shard_rows_turns_a_stored_article_from_another_outlet_into_a_copy(store):
    record = sample_record()
    store.write([record])
    columns, rows = store.table_rows("articles")
    shard_article = dict(zip(columns, rows[0], strict=True))
    shard_article.update(source="Shard Outlet", url="https://shard.example/s")
    shard_copy = {"id": 1, "article_id": record.article.id, "source": "Fourth", "url": None, "published": None,
                  "path": None, "first_seen": "2025-03-06T00:00:00+00:00", "counted": 0}
    tables = {"articles": [shard_article], "article_copies": [shard_copy]}
    assert store.load_tables(tables) == 0
    assert store.load_tables(tables) == 0
    assert sorted(c["source"] for c in store.copies(record.article.id)) == ["Fourth", "Shard Outlet"]
    assert store.counts()["events"] == 1


def test_a_version_1_database_migrates_in_place(tmp_path):
    from importlib import resources

    from eventwire.store import _split_sql

    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    for statement in _split_sql(resources.files("eventwire.store").joinpath("schema.sql").read_text("utf-8")):
        conn.execute(statement)
    conn.execute("INSERT INTO articles (id, url, source, text, ingested_at) VALUES ('old', 'https://a.example/1',"
                 " 'A', 'An old article.', '2025-01-01T00:00:00+00:00')")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.counts()["articles"] == 1 and store.counts()["article_copies"] == 0
        from eventwire.store import ArticleCopy

        assert store.record_copies([ArticleCopy("old", "B", "https://b.example/1")]) == 1
        assert store.article_source_count("old") == 2
    with Store(path) as again:  # opening again migrates nothing and keeps the copy
        assert again.counts()["article_copies"] == 1
