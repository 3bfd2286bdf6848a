"""The command line as a user runs it: ingest, listings, extract, export, errors, eval."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import shared_path
from eventwire import runner as runner_module
from eventwire.cli import app
from eventwire.pipeline import Pipeline
from eventwire.store import Store
from golden_util import assert_golden

ROOT = Path(__file__).resolve().parents[1]
ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
COMMANDS = ["ingest", "load", "extract", "events", "quotes", "actors", "incidents", "errors", "stats", "export",
            "serve", "eval"]


@pytest.fixture(scope="module")
def cli():
    return CliRunner()


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory, nlp):
    db = tmp_path_factory.mktemp("cli") / "examples.db"
    result = CliRunner().invoke(app, ["ingest", str(ROOT / "examples"), "--db", str(db)], env=ENV)
    assert result.exit_code == 0, result.output
    return db


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_snapshot(cli, command):
    args = [command, "--help"] if command else ["--help"]
    result = cli.invoke(app, args, env=ENV, terminal_width=100, prog_name="eventwire")
    assert result.exit_code == 0
    assert_golden(f"cli_help_{command or 'main'}.txt", result.output)


def test_ingest_examples_and_list(cli, examples_db):
    with Store(examples_db) as store:
        counts = store.counts()
    assert counts["articles"] == len(list((ROOT / "examples").glob("*.txt")))
    assert counts["events"] > 0 and counts["errors"] == 0
    result = cli.invoke(app, ["events", "--db", str(examples_db), "--format", "jsonl", "--type", "ASSAULT"], env=ENV)
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all(row["type"] == "ASSAULT" and row["asserted"] == 1 for row in rows)
    table = cli.invoke(app, ["events", "--db", str(examples_db)], env=ENV)
    assert table.exit_code == 0 and "ASSAULT" in table.output


def test_reingest_changes_nothing(cli, examples_db):
    with Store(examples_db) as store:
        before = store.counts()
    result = cli.invoke(app, ["ingest", str(ROOT / "examples"), "--db", str(examples_db)], env=ENV)
    assert result.exit_code == 0
    assert "0 new" in result.output
    with Store(examples_db) as store:
        assert store.counts() == before


def test_listings_and_export(cli, examples_db):
    quotes = cli.invoke(app, ["quotes", "--db", str(examples_db), "--format", "csv"], env=ENV)
    assert quotes.exit_code == 0 and quotes.output.startswith("id,")
    actors = cli.invoke(app, ["actors", "--db", str(examples_db), "--format", "jsonl", "--country", "VEN"], env=ENV)
    assert actors.exit_code == 0 and any("Venezuela" in line for line in actors.output.splitlines())
    exported = cli.invoke(app, ["export", "--profile", "plover", "--format", "csv", "--db", str(examples_db)], env=ENV)
    assert exported.exit_code == 0 and exported.stdout.splitlines()[0].startswith("event_id,story_date")
    stats = cli.invoke(app, ["stats", "--db", str(examples_db)], env=ENV)
    assert json.loads(stats.stdout)["articles"] == 6


def test_bad_inputs_are_recorded_and_good_ones_stored(cli, tmp_path, nlp):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Police arrested two men in Lagos on Monday after a robbery.\n", encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 40)
    latin1 = "Soldiers shelled the village near Goma, witnesses said. Caf\xe9".encode("latin-1")
    (corpus / "latin1.txt").write_bytes(latin1)
    (corpus / "broken.html").write_text("<html><body><p>Protesters marched in Nairobi on", encoding="utf-8")
    (corpus / "feed.jsonl").write_text(
        json.dumps({"text": "Rebels attacked a convoy in Mali on Sunday.", "published": "2025-05-04"}) + "\n"
        + "{this is not json\n"
        + json.dumps({"title": "no text here"}) + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "bad.db"
    result = cli.invoke(app, ["ingest", str(corpus), str(tmp_path / "missing.txt"), "--db", str(db)], env=ENV)
    assert result.exit_code == 1, result.output  # partial: something failed, the rest went in
    with Store(db) as store:
        stored = {row["text"][:12] for row in store.rows("SELECT text FROM articles")}
        reasons = store.rows("SELECT path, line, reason FROM errors")
    assert {"Police arres", "Rebels attac"} <= stored
    failed = {Path(r["path"]).name for r in reasons}
    assert {"empty.txt", "binary.txt", "missing.txt", "feed.jsonl"} <= failed
    assert all(r["reason"] for r in reasons)
    listing = cli.invoke(app, ["errors", "--db", str(db), "--format", "jsonl"], env=ENV)
    assert listing.exit_code == 0 and "missing.txt" in listing.output


def test_nothing_ingestable_exits_2(cli, tmp_path):
    result = cli.invoke(app, ["ingest", str(tmp_path / "nope.txt"), "--db", str(tmp_path / "x.db")], env=ENV)
    assert result.exit_code == 2


def test_interrupted_ingest_keeps_committed_batches_and_resumes(tmp_path, monkeypatch, nlp):
    corpus = tmp_path / "many"
    corpus.mkdir()
    for i in range(6):
        (corpus / f"a{i}.txt").write_text(f"Article {i}: troops clashed with rebels near Goma on day {i}.\n")
    calls = {"n": 0}
    real_extract = runner_module.extract

    def flaky(doc, article):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real_extract(doc, article)

    monkeypatch.setattr(runner_module, "extract", flaky)
    store = Store(tmp_path / "resume.db")
    with pytest.raises(KeyboardInterrupt):
        runner_module.ingest([str(corpus)], store, Pipeline(), batch_size=2)
    assert store.counts()["articles"] == 2  # the first batch is committed, the second rolled back
    monkeypatch.setattr(runner_module, "extract", real_extract)
    stats = runner_module.ingest([str(corpus)], store, Pipeline(), batch_size=2)
    assert stats.new == 4 and stats.skipped == 2
    assert store.counts()["articles"] == 6
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store.close()


def test_extract_seed_prints_a_clean_record(cli, nlp):
    seed = shared_path("seed", "venezuela-talks.txt")
    result = cli.invoke(app, ["extract", str(seed), "--published", "2026-01-02"], env=ENV)
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert "Share this @internewscast.com" not in record["article"]["text"]
    assert len(record["article"]["captions"]) == 2
    assert all("(AP Photo" in c or "via X" in c for c in record["article"]["captions"])
    assert record["events"] and record["anchor"] == "2026-01-02"


def test_extract_from_stdin(cli, nlp):
    result = cli.invoke(app, ["extract", "-", "--published", "2025-06-02"],
                        input="Police arrested 12 protesters in Lagos on Monday.\n", env=ENV)
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["article"]["published"] == "2025-06-02"


def test_eval_unknown_task_and_missing_data(cli, tmp_path):
    assert cli.invoke(app, ["eval", "nope", "--data", str(tmp_path)], env=ENV).exit_code == 2
    assert cli.invoke(app, ["eval", "seed", "--data", str(tmp_path / "none")], env=ENV).exit_code == 2


def test_serve_refuses_a_missing_database(cli, tmp_path):
    assert cli.invoke(app, ["serve", "--db", str(tmp_path / "none.db")], env=ENV).exit_code == 2

