from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from eventwire import export
from eventwire.store import Store
from factories import sample_record
from golden_util import assert_golden


@pytest.fixture()
def store():
    store = Store(":memory:")
    record = sample_record()
    talk = sample_record("Officials from both sides met in Nairobi for talks.")
    talk.events[0].type = "CONSULT"
    talk.events[0].acled_event_type = None
    talk.events[0].acled_sub_event_type = None
    talk.events[0].hypothetical = True
    talk.events[0].id = "evt-2"
    store.write([record, talk])
    yield store
    store.close()


@pytest.fixture()
def conn(store):
    return store.conn


@pytest.mark.parametrize("profile", export.PROFILES)
def test_profile_columns_snapshot(conn, profile):
    assert_golden(f"export_columns_{profile}.json", json.dumps(list(export.columns(conn, profile)), indent=1) + "\n")


def test_only_asserted_events_by_default(conn):
    assert len(list(export.rows(conn, "native"))) == 1
    assert len(list(export.rows(conn, "native", include_all=True))) == 2


def test_acled_profile_keeps_only_acled_kinds_and_lowest_fatalities(conn):
    rows = list(export.rows(conn, "acled", include_all=True, per_article=True))
    assert len(rows) == 1
    row = rows[0]
    assert row["sub_event_type"] == "Shelling/artillery/missile attack"
    assert row["fatalities"] == 3 and row["time_precision"] == 1 and row["inter1"] == 2 and row["year"] == 2025


def test_gdelt_profile_codes(conn):
    (row,) = list(export.rows(conn, "gdelt", per_article=True))
    assert row["EventRootCode"] == "19" and row["QuadClass"] == 4 and row["SQLDATE"] == 20250303


def test_csv_and_jsonl_round_trip(conn, tmp_path):
    out = tmp_path / "e.csv"
    assert export.export(conn, "plover", "csv", out) == 1
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows[0]["event_type"] == "ASSAULT" and rows[0]["placename"] == "Goma"
    out = tmp_path / "e.jsonl"
    export.export(conn, "native", "jsonl", out, include_all=True)
    assert {json.loads(line)["type"] for line in out.read_text().splitlines()} == {"ASSAULT", "CONSULT"}


def test_parquet_has_typed_columns(conn, tmp_path):
    out = tmp_path / "e.parquet"
    assert export.export(conn, "native", "parquet", out, include_all=True) == 2
    table = pq.read_table(out)
    assert table.num_rows == 2
    assert str(table.schema.field("latitude").type) == "double"
    assert str(table.schema.field("fatalities_best").type) == "int64"


def test_unknown_profile_or_format_is_a_clear_error(conn):
    with pytest.raises(export.ExportError, match="unknown profile"):
        list(export.rows(conn, "nope"))
    with pytest.raises(export.ExportError, match="unknown format"):
        export.export(conn, "native", "xml")


def test_gdelt_counts_every_outlet_of_the_article(store, conn):
    from eventwire.store import ArticleCopy

    (row,) = list(export.rows(conn, "gdelt", per_article=True))
    assert (row["NumSources"], row["NumArticles"]) == (1, 1)
    article_id = conn.execute("SELECT article_id FROM events WHERE id = 'evt-1'").fetchone()[0]
    store.record_copies([ArticleCopy(article_id, "Second Wire", "https://second.example/a"),
                         ArticleCopy(article_id, "Example.org", "https://example.org/a-syndicated")])
    (row,) = list(export.rows(conn, "gdelt", per_article=True))
    assert (row["NumSources"], row["NumArticles"]) == (2, 3)  # example.org twice counts once as a source
    assert [r["id"] for r in export.rows(conn, "native")] == ["evt-1"]  # other profiles unchanged


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        ("2025-12-31", "day", ("2025-12-31", 1)),
        ("2026-01-04TNI", "time", ("2026-01-04", 1)),
        ("2025-W52", "week", ("2025-12-24", 2)),  # the middle of the week
        ("2025-W52-WE", "week", ("2025-12-27", 2)),  # a weekend: its Saturday
        ("2025-09", "month", ("2025-09-15", 3)),
        ("2025", "year", (None, None)),  # ACLED codes nothing vaguer than a month
        ("2025-SU", "season", (None, None)),
    ],
)
def test_acled_dates_are_days_with_their_precision(value, precision, expected):
    assert export.acled_date(value, precision) == expected


@pytest.mark.parametrize(
    ("recipient_text", "killed", "expected"),
    [("five people", 5, "five people"), ("a dock", None, None)],
)
def test_acled_actor2_is_a_victim_group_never_a_thing_hit(recipient_text, killed, expected):
    from eventwire.profiles import acled

    row = {"recipient_text": recipient_text, "fatalities_best": killed, "fatalities_low": killed,
           "injured_best": None, "injured_low": None}
    assert acled._victims(row) is (expected is not None)
