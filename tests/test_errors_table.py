"""The errors table: one row per input and reason, with a count; re-runs add nothing; capped per input."""

from __future__ import annotations

import gzip
import json
import sqlite3
from importlib import resources

from eventwire.ingest import iter_articles
from eventwire.runner import IngestStats, fresh_articles
from eventwire.store import (
    ERROR_LINES_KEPT,
    ERROR_REASONS_PER_INPUT,
    OVERFLOW_REASON,
    SCHEMA_VERSION,
    Store,
    _split_sql,
)


def read_only(paths: list[str], store: Store) -> IngestStats:
    """Run the reading half of ingest (errors recorded, no NLP): enough for read errors."""
    stats = IngestStats()
    for _ in fresh_articles(iter_articles(paths), store, stats):
        pass
    return stats


def error_rows(store: Store) -> list[dict]:
    return store.rows("SELECT path, line, reason, count, lines FROM errors ORDER BY id")


def test_a_file_of_bad_lines_is_one_row_with_a_count(tmp_path):
    bad = tmp_path / "empty-records.jsonl.gz"
    with gzip.open(bad, "wt", encoding="utf-8") as handle:
        handle.write("{}\n" * 5_000)
    assert bad.stat().st_size < 200
    with Store(tmp_path / "e.db") as store:
        stats = read_only([str(bad)], store)
        rows = error_rows(store)
    assert stats.errors == 5_000 and len(stats.error_reasons) <= 1000
    assert len(rows) == 1
    assert rows[0]["reason"] == "no text or html field" and rows[0]["count"] == 5_000 and rows[0]["line"] == 1
    assert json.loads(rows[0]["lines"]) == list(range(1, ERROR_LINES_KEPT + 1))


def test_re_running_a_bad_input_adds_no_rows_and_keeps_its_count(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "feed.jsonl").write_text('{}\n{"x": 1}\nnot json\n', encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    db = tmp_path / "e.db"
    with Store(db) as store:
        read_only([str(corpus), str(tmp_path / "missing.txt")], store)
        first = error_rows(store)
    for _ in range(2):
        with Store(db) as store:  # a new run
            read_only([str(corpus), str(tmp_path / "missing.txt")], store)
            assert error_rows(store) == first
    assert {(r["reason"], r["count"]) for r in first} >= {("no text or html field", 2), ("empty file", 1),
                                                          ("no such file or directory", 1)}


def test_an_input_keeps_at_most_the_cap_of_reasons_and_counts_the_rest(tmp_path):
    with Store(tmp_path / "e.db") as store:
        for i in range(ERROR_REASONS_PER_INPUT + 30):
            store.record_error("noisy.jsonl", f"invalid JSON at column {i}", i + 1)
        store.record_error("other.jsonl", "invalid JSON at column 1", 1)
        rows = error_rows(store)
    noisy = [r for r in rows if r["path"] == "noisy.jsonl"]
    assert len(noisy) == ERROR_REASONS_PER_INPUT + 1
    assert noisy[-1]["reason"] == OVERFLOW_REASON and noisy[-1]["count"] == 30
    assert [r["path"] for r in rows].count("other.jsonl") == 1


def test_a_version_2_errors_table_is_folded_by_the_migration(tmp_path):
    path = tmp_path / "v2.db"
    conn = sqlite3.connect(path)
    for name in ("schema.sql", "002_article_copies.sql"):
        for statement in _split_sql(resources.files("eventwire.store").joinpath(name).read_text("utf-8")):
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 2")
    rows = [("a.jsonl", 1, "no text or html field", "2026-01-01T00:00:00+00:00"),
            ("a.jsonl", 2, "no text or html field", "2026-01-01T00:00:01+00:00"),
            ("a.jsonl", 1, "no text or html field", "2026-01-02T00:00:00+00:00"),  # a re-run's copy
            ("b.txt", None, "empty file", "2026-01-01T00:00:00+00:00"),
            ("b.txt", None, "empty file", "2026-01-02T00:00:00+00:00")]
    conn.executemany("INSERT INTO errors (path, line, reason, at) VALUES (?, ?, ?, ?)", rows)
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        folded = store.rows("SELECT path, line, reason, count, lines, at, last_at FROM errors ORDER BY path")
        assert [(r["path"], r["line"], r["count"], json.loads(r["lines"])) for r in folded] == [
            ("a.jsonl", 1, 2, [1, 2]), ("b.txt", None, 1, [])]
        assert folded[0]["at"] < folded[0]["last_at"] == "2026-01-02T00:00:00+00:00"
        store.record_error("b.txt", "empty file")  # the unique key holds after the migration
        assert store.counts()["errors"] == 2


def test_loading_a_shards_errors_twice_changes_nothing(tmp_path):
    with Store(":memory:") as shard:
        for line in (1, 2, 3):
            shard.record_error("x.jsonl", "no text or html field", line)
        columns, values = shard.table_rows("errors")
        rows = [dict(zip(columns, v, strict=True)) for v in values]
    with Store(tmp_path / "e.db") as store:
        store.load_tables({"errors": rows})
        store.load_tables({"errors": rows})
        assert [(r["count"], json.loads(r["lines"])) for r in error_rows(store)] == [(3, [1, 2, 3])]
