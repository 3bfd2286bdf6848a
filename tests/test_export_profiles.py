"""The ACLED, GDELT and POLECAT layouts as their users' tools read them, on the examples and on
hand-built records (snapshots of each profile's header and first rows)."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from eventwire import cameo, export, refdata
from eventwire.cli import app
from eventwire.profiles import acled
from eventwire.resolve.incidents import resolve
from eventwire.store import ArticleCopy, Store
from factories import sample_record
from golden_util import assert_golden

ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]
ENV = {"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"}
FIXED_TIME = "2025-03-04T08:30:00+00:00"


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory, nlp):
    db = tmp_path_factory.mktemp("profiles") / "examples.db"
    result = CliRunner().invoke(app, ["ingest", str(ROOT / "examples"), "--db", str(db)], env=ENV)
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture()
def store():
    store = Store(":memory:")
    first = sample_record()
    second = sample_record("M23 rebels shelled Goma on Monday, killing four civilians, a local official said.")
    second.article.source, second.article.url = "Second Wire", "https://second.example/goma"
    second.events[0].id = "evt-2"
    second.events[0].fatalities.low = second.events[0].fatalities.best = second.events[0].fatalities.high = 4
    second.places[0].start, second.places[0].end = 19, 23
    for record, place_start in ((first, 29), (second, 19)):  # spans present, as real events have them
        event = record.events[0]
        event.actor_start, event.actor_end = 0, 6
        event.place_start, event.place_end = place_start, place_start + 4
    store.write([first, second])
    store.conn.execute("UPDATE articles SET ingested_at = ?", (FIXED_TIME,))
    store.record_copies([ArticleCopy(first.article.id, "Reuters", "https://www.reuters.com/goma",
                                     first_seen=FIXED_TIME)])
    resolve(store.conn)
    yield store
    store.close()


def _export(conn, profile, fmt="csv", **kwargs) -> str:
    buffer = io.StringIO()
    export._write_text(export.rows(conn, profile, **kwargs), export.columns(conn, profile), profile, fmt, buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("profile", ["acled", "gdelt", "polecat", "plover", "incidents"])
def test_profile_header_and_rows_snapshot(store, profile):
    fmt = "jsonl" if profile == "polecat" else "csv"
    text = _export(store.conn, profile, fmt)
    header = "\t".join(export.columns(store.conn, profile))
    assert_golden(f"export_rows_{profile}.txt", f"# columns: {header}\n" + "\n".join(text.splitlines()[:4]) + "\n")


def test_acled_has_acleds_31_columns_one_row_per_incident(store):
    (row,) = list(export.rows(store.conn, "acled"))
    assert list(row) == list(export.ACLED_COLUMNS) and len(row) == 31
    assert row["fatalities"] == 3  # the lowest figure reported (3 and 4)
    assert row["event_id_cnty"].startswith("COD") and row["event_id_cnty"][3:].isdigit()
    assert (row["iso"], row["region"], row["country"]) == (180, "Middle Africa", "Democratic Republic of the Congo")
    assert (row["inter1"], row["inter2"], row["interaction"]) == (2, 7, 27)
    assert row["civilian_targeting"] == "Civilian targeting"
    assert row["disorder_type"] == "Political violence"
    assert row["source"] == "example.org; Second Wire; Reuters" and row["source_scale"] == "International"
    assert row["notes"].startswith("On 3 March 2025, M23")
    assert "3 fatalities (reports range from 3 to 4)" in row["notes"]
    per_article = list(export.rows(store.conn, "acled", per_article=True))
    assert [r["fatalities"] for r in per_article] == [3, 4]


def test_acled_fatalities_are_zero_when_none_reported(store):
    store.conn.execute("UPDATE events SET fatalities_low = NULL, fatalities_best = NULL, fatalities_high = NULL")
    store.conn.execute("UPDATE incidents SET fatalities_low = NULL, fatalities_best = NULL, fatalities_high = NULL")
    assert {r["fatalities"] for r in export.rows(store.conn, "acled", per_article=True)} == {0}
    assert [r["fatalities"] for r in export.rows(store.conn, "acled")] == [0]


@pytest.mark.parametrize(("inter1", "inter2", "expected"), [(1, 7, 17), (7, 1, 17), (2, None, 20), (None, None, None)])
def test_acled_interaction_is_the_pair_lower_first(inter1, inter2, expected):
    assert acled.interaction(inter1, inter2) == expected


def test_acled_state_forces_abroad_are_external():
    assert acled.inter_code("MIL", "USA", "USA") == 1
    assert acled.inter_code("MIL", "USA", "VEN") == 8
    assert acled.inter_code("MIL", "USA", None, abroad=True) == 8
    assert acled.inter_code(None, "VEN", "VEN", kind="state") == 1


def test_gdelt_lines_have_61_tab_fields_and_no_header(store):
    text = _export(store.conn, "gdelt")
    lines = text.splitlines()
    assert len(lines) == 1 and all(len(line.split("\t")) == 61 for line in lines)
    fields = dict(zip(export.GDELT_COLUMNS, lines[0].split("\t"), strict=True))
    assert fields["GLOBALEVENTID"].isdigit() and fields["SQLDATE"] == "20250303"
    assert (fields["EventCode"], fields["EventBaseCode"], fields["EventRootCode"]) == ("194", "194", "19")
    assert fields["GoldsteinScale"] == "-10.0" and fields["QuadClass"] == "4"
    assert (fields["NumSources"], fields["NumArticles"]) == ("3", "3")  # two articles and one copy
    assert fields["ActionGeo_CountryCode"] == "CG"  # FIPS 10-4, not ISO
    assert fields["ActionGeo_FeatureID"] == "215605" and fields["ActionGeo_Type"] == "4"
    assert fields["DATEADDED"] == "20250304083000"
    assert fields["Actor1Code"] == "REB" and fields["Actor1Name"] == "M23"


@pytest.mark.parametrize(
    ("type_", "mode", "root", "trigger", "sentence", "sector", "expected"),
    [
        ("COERCE", "restrict", "19", "blockade", "ordered a total blockade of tankers", "GOV", "191"),  # naval blockade
        ("COERCE", "seize", "17", "seized", "authorities seized an oil tanker", "GOV", "1711"),
        ("COERCE", "arrest", "17", "arrested", "police arrested five protesters", "COP", "173"),
        ("ACCUSE", "disapprove", "11", "condemned", "the ministry condemned the attack", "GOV", "111"),
        ("ACCUSE", "allege", "11", "accused", "Venezuela accused the United States of piracy", "GOV", "1121"),
        ("ASSAULT", None, "18", "killing", "the military struck two boats, killing five", "MIL", "190"),
        ("ASSAULT", None, "18", "killing", "a strike destroyed a dock", None, "180"),  # nothing more to go on
        ("ASSAULT", "firearms", "19", "opened fire", "gunmen opened fire on a bus", "REB", "193"),
        ("ASSAULT", None, "18", "killed", "a suicide bomber killed ten people", "REB", "1831"),
        ("AGREE", None, "03", "ready", "he was ready to negotiate an agreement", "GOV", "036"),
        ("PROTEST", "demo", "14", "protested", "thousands protested in the capital", "CVL", "141"),
    ],
)
def test_cameo_codes_at_the_depth_the_text_supports(type_, mode, root, trigger, sentence, sector, expected):
    code = cameo.event_code(type_, mode, root, trigger, sentence, sector)
    assert code is not None and code.code == expected
    assert code.base == expected[:3] and code.root == expected[:2]
    assert code.goldstein == refdata.goldstein()[expected]


def test_reference_tables_hold_known_facts():
    assert refdata.goldstein()["191"] == -9.5 and refdata.goldstein()["0874"] == 10.0
    ven, usa = refdata.country("VEN"), refdata.country("USA")
    assert (ven.iso_numeric, ven.fips, ven.acled_region) == (862, "VE", "South America")
    assert (usa.iso_numeric, usa.fips, usa.acled_region) == (840, "US", "North America")
    assert refdata.country("SSD").fips == "OD" and refdata.country("IRN").acled_region == "Middle East"
    assert len({c.acled_region for c in refdata.countries().values()}) == 17
    assert refdata.acled_inter()[8][0] == "External/Other forces"


def test_polecat_records_nest_actor_recipient_location_story(store):
    record = next(export.rows(store.conn, "polecat"))
    assert record["actor"]["name"] == "M23" and record["actor"]["sectors"] == ["REB"]
    assert record["recipient"]["name"] == "civilians"
    assert record["location"]["geonames_id"] == 215605 and record["location"]["country"] == "COD"
    assert record["story"]["publisher"] == "example.org" and "M23" in record["story"]["organizations"]
    assert record["event_mode"] == ["shelling"] and record["contexts"] == []


def test_jsonl_lists_are_lists(store):
    native = [json.loads(line) for line in _export(store.conn, "native", "jsonl").splitlines()]
    assert isinstance(native[0]["contexts"], list) and isinstance(native[0]["evidence_spans"], list)
    assert isinstance(native[0]["quantity"], dict)
    incidents = [json.loads(line) for line in _export(store.conn, "incidents", "jsonl").splitlines()]
    assert isinstance(incidents[0]["event_ids"], list) and len(incidents[0]["event_ids"]) == 2


@pytest.mark.parametrize("profile", export.PROFILES)
def test_parquet_reads_back_for_every_profile_with_spans_present(store, profile, tmp_path):
    out = tmp_path / f"{profile}.parquet"
    n = export.export(store.conn, profile, "parquet", out, include_all=True)
    table = pq.read_table(out)
    assert n >= 1 and table.num_rows == n
    if profile == "native":
        assert str(table.schema.field("actor_start").type) == "int64"
        assert table.column("actor_start").to_pylist()[0] == 0  # a span value present
        assert str(table.schema.field("contexts").type) == "list<element: string>"


def test_a_failed_export_leaves_no_file(store, tmp_path, monkeypatch):
    out = tmp_path / "e.parquet"

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(export, "_write_parquet", broken)
    with pytest.raises(RuntimeError):
        export.export(store.conn, "native", "parquet", out)
    assert list(tmp_path.iterdir()) == []


def test_per_article_is_only_for_acled_and_gdelt(store):
    with pytest.raises(export.ExportError, match="per-article"):
        list(export.rows(store.conn, "native", per_article=True))


# -- the examples, as the acceptance reads them ------------------------------------------------

def test_examples_acled_csv_has_31_columns_and_one_row_for_the_dec_31_strike(examples_db, tmp_path):
    out = tmp_path / "acled.csv"
    with Store(examples_db) as store:
        export.export(store.conn, "acled", "csv", out)
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows[0] == list(export.ACLED_COLUMNS) and {len(r) for r in rows} == {31}
    records = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    strikes = [r for r in records if r["event_date"] == "2025-12-31" and r["event_type"] != "Strategic developments"]
    assert len(strikes) == 1 and strikes[0]["fatalities"] == "5"
    assert "Harbor Ledger" in strikes[0]["source"] and "Daily Meridian" in strikes[0]["source"]


def test_examples_gdelt_lines_have_61_tab_fields(examples_db, tmp_path):
    out = tmp_path / "gdelt.tsv"
    with Store(examples_db) as store:
        n = export.export(store.conn, "gdelt", "csv", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert n == len(lines) > 0 and {len(line.split("\t")) for line in lines} == {61}
    codes = {line.split("\t")[26] for line in lines}
    assert "191" in codes  # the naval blockade, not its root


def test_examples_native_parquet_reads_back_with_rows(examples_db, tmp_path):
    out = tmp_path / "native.parquet"
    with Store(examples_db) as store:
        n = export.export(store.conn, "native", "parquet", out)
    assert n > 0 and pq.read_table(out).num_rows == n
