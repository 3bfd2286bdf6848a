"""Day-one usability (issue 18): every option checked before work starts, one-line errors with exit
code 2, --version, listing hints, the extract redirect, languages, and the library's inputs."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire import language, options
from eventwire.cli import app
from eventwire.ingest.text import read_text
from eventwire.model import Article
from eventwire.progress import IngestProgress, estimate_total
from eventwire.scale import workers_for

ROOT = Path(__file__).resolve().parents[1]
ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
SPANISH = ("El gobierno de Venezuela anunció el viernes que está dispuesto a dialogar con Estados Unidos sobre el "
           "narcotráfico, después de semanas de ataques contra embarcaciones en el Caribe que dejaron decenas de "
           "muertos, según informaron fuentes oficiales en Caracas.\n")


@pytest.fixture(scope="module")
def cli():
    return CliRunner()


@pytest.fixture
def empty_db(tmp_path):
    from eventwire.store import Store

    db = tmp_path / "empty.db"
    Store(db).close()
    return db


def one_line_error(result) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.exit_code == 2, result.output
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    return lines[0]


BAD_VALUES = [
    (["events", "--since", "12/01/2025"], "YYYY-MM-DD"),
    (["events", "--since", "yesterdayy"], "yesterday"),
    (["events", "--until", "2025-02-30"], "not a real date"),
    (["incidents", "--since", "2025-13"], "YYYY-MM"),
    (["events", "--type", "FOO"], "ASSAULT"),
    (["incidents", "--type", "FIGHTS"], "PROTEST"),
    (["events", "--country", "Venezuela"], "alpha-3"),
    (["events", "--country", "XYZ"], "alpha-3"),
    (["actors", "--sector", "ARMY"], "MIL"),
    (["events", "--format", "xml"], "table, csv, jsonl"),
    (["export", "--profile", "foo"], "native, acled, gdelt, polecat, plover, incidents"),
    (["export", "--format", "xlsx"], "csv, jsonl, parquet"),
    (["ingest", "x.txt", "--engine", "spark"], "local, dask"),
    (["ingest", "x.txt", "--scheduler", "localhost"], "tcp://HOST:8786"),
    (["ingest", "x.txt", "--model", "en_no_such_model"], "installed"),
    (["extract", "x.txt", "--published", "last tuesday"], "YYYY-MM-DD"),
    (["extract", "x.txt", "--url", "example.org/a"], "https://"),
    (["eval", "nope", "--data", "."], "newsgold"),
    (["events", "--contains", " "], "not blank"),
    (["events", "--since", "2026", "--until", "2025-06"], "comes after"),
    (["events", "--limit", "0"], "greater than or equal to 1"),
]


@pytest.mark.parametrize(("args", "accepted"), BAD_VALUES, ids=[" ".join(a) for a, _ in BAD_VALUES])
def test_a_bad_option_value_exits_2_with_one_line_saying_what_is_accepted(cli, empty_db, args, accepted):
    result = cli.invoke(app, args if args[0] in ("eval", "extract") else [*args, "--db", str(empty_db)], env=ENV,
                        prog_name="eventwire")
    line = one_line_error(result)
    assert accepted in line
    assert line.startswith("eventwire ")


def test_a_bad_value_is_refused_before_any_work_starts(cli, tmp_path):
    db = tmp_path / "never.db"
    result = cli.invoke(app, ["ingest", str(ROOT / "examples"), "--db", str(db), "--engine", "spark"], env=ENV)
    one_line_error(result)
    assert not db.exists()


def test_an_unknown_option_names_the_help(cli, empty_db):
    line = one_line_error(cli.invoke(app, ["events", "--sincee", "2025", "--db", str(empty_db)], env=ENV))
    assert "--sincee" in line and "--help" in line


def test_a_file_that_is_not_a_database_exits_2_without_traceback(cli, tmp_path):
    not_db = tmp_path / "notes.txt"
    not_db.write_text("hello\n")
    assert "not a SQLite database" in one_line_error(cli.invoke(app, ["events", "--db", str(not_db)], env=ENV))
    assert "does not exist" in one_line_error(cli.invoke(app, ["stats", "--db", str(tmp_path / "no/x.db")], env=ENV))
    assert "is a folder" in one_line_error(cli.invoke(app, ["stats", "--db", str(tmp_path)], env=ENV))


def test_an_unexpected_failure_is_one_line_not_a_traceback(cli, empty_db, monkeypatch):
    from eventwire import queries

    def broken(*args, **kwargs):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(queries, "events", broken)
    line = one_line_error(cli.invoke(app, ["events", "--db", str(empty_db)], env=ENV))
    assert "malformed" in line and "--verbose" in line


def test_export_to_a_missing_folder_is_refused(cli, empty_db, tmp_path):
    result = cli.invoke(app, ["export", "--db", str(empty_db), "-o", str(tmp_path / "no" / "out.csv")], env=ENV)
    assert "does not exist" in one_line_error(result)


def test_version_prints_the_version(cli):
    from eventwire import __version__

    result = cli.invoke(app, ["--version"], env=ENV)
    assert result.exit_code == 0 and result.stdout.strip() == f"eventwire {__version__}"


@pytest.mark.parametrize(("value", "expected"), [
    ("2025", "2025"), ("2025-12", "2025-12"), ("2025-12-01", "2025-12-01"), ("today", "2026-01-10"),
    ("yesterday", "2026-01-09"), ("7d", "2026-01-03"), ("2w", "2025-12-27"), ("1m", "2025-12-10"),
    ("3y", "2023-01-10"), ("TODAY", "2026-01-10"),
])
def test_dates_take_iso_forms_and_relative_forms_counted_from_today(value, expected):
    assert options.check_date(value, today=date(2026, 1, 10)) == expected


def test_case_of_types_and_countries_does_not_matter():
    assert options.check_type("assault") == "ASSAULT"
    assert options.check_country("ven") == "VEN"
    assert options.check_sector("mil") == "MIL"


def test_help_texts_match_the_code(cli):
    from eventwire import nlp

    model_help = cli.invoke(app, ["extract", "--help"], env=ENV, terminal_width=200).stdout
    assert nlp.DEFAULT_MODEL in model_help
    eval_help = cli.invoke(app, ["eval", "--help"], env=ENV, terminal_width=200).stdout
    assert "newsgold" in eval_help and "DESIGN.md" not in eval_help
    for named in ("README.md", "docs/BENCHMARKS.md"):
        assert named in eval_help and (ROOT / named).exists()


def test_extract_does_not_read_its_own_output_file_as_a_sidecar(tmp_path, monkeypatch):
    article = tmp_path / "k.txt"
    article.write_text("Police arrested two men in Lagos on Monday after a robbery, officials said.\n")
    with (tmp_path / "k.json").open("w") as output:  # `extract k.txt > k.json`: the shell made it empty
        monkeypatch.setattr("sys.stdout", output)
        items = list(read_text(article, 1 << 20))
    assert len(items) == 1 and isinstance(items[0], Article)


def test_a_real_sidecar_is_still_read(tmp_path):
    article = tmp_path / "k.txt"
    article.write_text("Police arrested two men in Lagos on Monday after a robbery, officials said.\n")
    (tmp_path / "k.json").write_text(json.dumps({"url": "https://example.org/k"}))
    items = list(read_text(article, 1 << 20))
    assert items[0].url == "https://example.org/k"


def test_listings_say_how_many_rows_they_hold_back(cli, examples_db):
    result = cli.invoke(app, ["events", "--db", str(examples_db), "-n", "2", "--format", "jsonl"], env=ENV)
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 2
    assert "showing 2 of " in result.stderr and "(use --limit / --all)" in result.stderr
    hidden = cli.invoke(app, ["events", "--db", str(examples_db), "--format", "jsonl"], env=ENV)
    assert "not asserted" in hidden.stderr  # the examples have hypothetical and aggregate events
    for command in ("quotes", "actors", "incidents"):
        listed = cli.invoke(app, [command, "--db", str(examples_db), "-n", "1", "--format", "jsonl"], env=ENV)
        assert listed.exit_code == 0 and "showing 1 of " in listed.stderr and "--limit" in listed.stderr
    quiet = cli.invoke(app, ["--quiet", "events", "--db", str(examples_db), "-n", "2"], env=ENV)
    assert quiet.exit_code == 0 and "showing" not in quiet.stderr


def test_a_complete_listing_adds_no_hint(cli, examples_db):
    result = cli.invoke(app, ["incidents", "--db", str(examples_db), "--format", "jsonl"], env=ENV)
    assert result.exit_code == 0 and "showing" not in result.stderr


def test_ingest_prints_a_phase_line_for_resolution_and_quiet_hides_it(cli, tmp_path, nlp):
    article = tmp_path / "a.txt"
    article.write_text("Rebels attacked a convoy near Goma on Monday, killing three soldiers, officials said.\n")
    loud = cli.invoke(app, ["ingest", str(article), "--db", str(tmp_path / "a.db")], env=ENV)
    assert loud.exit_code == 0 and "resolving near-duplicate articles and incidents: done in" in loud.stderr
    quiet = cli.invoke(app, ["ingest", str(article), "--db", str(tmp_path / "b.db"), "--quiet"], env=ENV)
    assert quiet.exit_code == 0 and "resolving" not in quiet.stderr


def test_the_ingest_total_is_counted_before_the_run(tmp_path):
    (tmp_path / "a.txt").write_text("One.\n")
    (tmp_path / "b.html").write_text("<html><body><p>Two.</p></body></html>")
    (tmp_path / "c.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n{"text": "z"}')
    assert estimate_total([str(tmp_path), str(tmp_path / "missing.txt")]) == 1 + 1 + 3 + 1
    (tmp_path / "d.warc").write_text("WARC/1.0\r\n")
    assert estimate_total([str(tmp_path)]) is None  # archives hold an unknown number of articles
    assert estimate_total(["-"]) is None


def test_progress_is_off_when_stderr_is_not_a_terminal():
    from rich.console import Console

    console = Console(file=open("/dev/null", "w"), force_terminal=False)  # noqa: SIM115
    with IngestProgress(console, 10) as progress:
        assert not progress.enabled


def test_the_default_worker_count_is_one_below_the_measured_crossover(monkeypatch):
    monkeypatch.setattr("eventwire.scale.default_workers", lambda: 2)
    assert workers_for(None) == 1
    assert workers_for(6) == 1
    assert workers_for(options.PARALLEL_MIN_ARTICLES - 1) == 1
    assert workers_for(options.PARALLEL_MIN_ARTICLES) == 2


def test_language_is_detected_and_stored_and_unknown_when_too_short():
    assert language.language_of(SPANISH) == "es"
    assert language.language_of("Rebels attacked a convoy near Goma on Monday, killing three soldiers.") == "en"
    assert language.language_of("MADURO SAYS READY") is None  # too short to tell: read as English
    assert language.skip_reason("en") is None and language.skip_reason(None) is None
    assert "Spanish" in (language.skip_reason("es") or "")


def test_a_spanish_article_is_recorded_with_its_language_and_a_reason(cli, tmp_path, nlp):
    corpus = tmp_path / "mixed"
    corpus.mkdir()
    (corpus / "en.txt").write_text("Rebels attacked a convoy near Goma on Monday, killing three soldiers, "
                                   "officials said.\n")
    (corpus / "es.txt").write_text(SPANISH)
    db = tmp_path / "mixed.db"
    result = cli.invoke(app, ["ingest", str(corpus), "--db", str(db)], env=ENV)
    assert result.exit_code == 1  # partial: one article was not extracted, and that is said
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT lang FROM articles").fetchall() == [("en",)]
    reasons = conn.execute("SELECT path, reason FROM errors").fetchall()
    assert len(reasons) == 1 and reasons[0][0].endswith("es.txt")
    assert "Spanish" in reasons[0][1] and "'es'" in reasons[0][1] and "English only" in reasons[0][1]


def test_extract_of_a_spanish_article_says_why_it_gives_nothing(cli, tmp_path, nlp):
    path = tmp_path / "es.txt"
    path.write_text(SPANISH)
    result = cli.invoke(app, ["extract", str(path)], env=ENV)
    assert result.exit_code == 2 and "Spanish" in result.stderr and not result.stdout.strip()


def test_pipeline_pipe_takes_strings_dicts_and_articles(nlp):
    from eventwire.pipeline import Pipeline

    text = "Rebels attacked a convoy near Goma on Monday, killing three soldiers, officials said."
    records = list(Pipeline().pipe([text, {"text": text, "published": "2025-03-04", "url": "https://e.org/1"},
                                    Article(text=text, published="2025-03-04")]))
    assert len(records) == 3
    assert records[1].article.url == "https://e.org/1" and records[1].article.published == "2025-03-04"
    assert {r.article.text for r in records} == {text}
    with pytest.raises(TypeError):
        list(Pipeline().pipe([42]))  # type: ignore[list-item]


def test_pipeline_call_strips_front_matter_as_ingest_does(nlp):
    from eventwire.pipeline import Pipeline

    text = ("---\ntitle: Convoy attacked\npublished: 2025-03-04\nurl: https://e.org/c\n---\n"
            "Rebels attacked a convoy near Goma on Monday, killing three soldiers, officials said.\n")
    record = Pipeline()(text)
    assert record.article.text.startswith("Rebels attacked")
    assert record.article.title == "Convoy attacked" and record.article.published == "2025-03-04"
    assert Pipeline()(text, published="2025-03-05").article.published == "2025-03-05"  # the caller's wins


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory, nlp):
    db = tmp_path_factory.mktemp("usability") / "examples.db"
    result = CliRunner().invoke(app, ["ingest", str(ROOT / "examples"), "--db", str(db), "--quiet"], env=ENV)
    assert result.exit_code == 0, result.output
    return db
