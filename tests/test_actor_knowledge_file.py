"""The user's actor knowledge file: `--actors FILE`, the EVENTWIRE_ACTORS setting and the
library function behind both (rows that add or override the shipped knowledge)."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.extract import actors as actors_module
from eventwire.extract.actors import (
    KnowledgeFileError,
    lookup_known,
    read_knowledge_file,
    resolve_code,
    row_problem,
    use_knowledge_file,
)

ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
ROWS = (
    "# roles after the shipped file's date\n"
    "Orla Venkatesan\tperson\tNZLGOV >20260105\tVenkatesan\n"
    "Tarsk Valley Front\tgroup\tNZLREB\tTVF|the Front\n"
    "\n"
)


@pytest.fixture
def user_file(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text(ROWS, encoding="utf-8")
    yield path
    use_knowledge_file(None)


def test_a_clean_file_reads_as_its_rows(user_file):
    rows = read_knowledge_file(user_file)
    assert [r[0] for r in rows] == ["Orla Venkatesan", "Tarsk Valley Front"]


def test_the_shipped_knowledge_file_passes_the_same_check():
    text = resources.files("eventwire.extract.lexicon").joinpath("actors_extra.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert [r[0] for r in rows if row_problem(r)] == []


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("Orla Venkatesan\tpersn\tNZLGOV", "kind 'persn'"),
        ("Orla Venkatesan\tperson\tNZLGOV 2026-01-05", "dates '2026-01-05'"),
        ("Orla Venkatesan\tperson\tNZLGOV >20261305", "dates '>20261305'"),
        ("Orla Venkatesan\tperson\tnzl gov", "code 'nzl gov'"),
        ("Orla Venkatesan person NZLGOV", "needs a canonical name"),
        ("Orla Venkatesan\tperson\tNZLGOV\tVenkatesan\textra", "at most 4"),
    ],
)
def test_a_malformed_row_is_named_by_its_line(tmp_path, line, says):
    path = tmp_path / "bad.tsv"
    path.write_text("# header\n" + line + "\n", encoding="utf-8")
    with pytest.raises(KnowledgeFileError, match="line 2") as caught:
        read_knowledge_file(path)
    assert says in str(caught.value)


def test_a_missing_file_is_an_error(tmp_path):
    with pytest.raises(KnowledgeFileError, match="not read"):
        read_knowledge_file(tmp_path / "none.tsv")


def test_using_a_file_adds_rows_and_dates_the_role(user_file):
    assert lookup_known("Orla Venkatesan") is None
    use_knowledge_file(user_file)
    known = lookup_known("Venkatesan")
    assert known is not None and known.name == "Orla Venkatesan"
    assert resolve_code(known, date(2026, 2, 1)) == ("NZL", "GOV")
    assert resolve_code(known, date(2025, 6, 1)) == ("NZL", None)
    use_knowledge_file(None)
    assert lookup_known("Orla Venkatesan") is None


def test_a_user_row_overrides_a_shipped_row(tmp_path):
    shipped = lookup_known("Pentagon")
    assert shipped is not None and resolve_code(shipped) == ("USA", "MIL")
    path = tmp_path / "override.tsv"
    path.write_text("Pentagon\torganization\tUSAGOV\tthe Pentagon\n", encoding="utf-8")
    try:
        use_knowledge_file(path)
        assert resolve_code(lookup_known("the Pentagon")) == ("USA", "GOV")
    finally:
        use_knowledge_file(None)


def test_the_setting_skips_a_malformed_row_and_keeps_the_rest(tmp_path, monkeypatch, caplog):
    path = tmp_path / "mixed.tsv"
    path.write_text("Broken Row\tpersn\tNZLGOV\n" + ROWS, encoding="utf-8")
    monkeypatch.setenv(actors_module.ACTORS_SETTING, str(path))
    actors_module._lexicon.cache_clear()
    try:
        assert lookup_known("Tarsk Valley Front") is not None
        assert lookup_known("Broken Row") is None
        assert "line 1 skipped" in caplog.text
    finally:
        monkeypatch.delenv(actors_module.ACTORS_SETTING)
        actors_module._lexicon.cache_clear()


def test_extract_with_actors_uses_the_file(user_file, nlp):
    text = "Venkatesan said on Tuesday that the Front had attacked a police post near Tarsk.\n"
    result = CliRunner().invoke(app, ["extract", "-", "--published", "2026-02-03", "--actors", str(user_file)],
                                input=text, env=ENV)
    assert result.exit_code == 0, result.output
    actors = {a["name"]: (a["country"], a["sector"]) for a in json.loads(result.stdout)["actors"]}
    assert actors.get("Orla Venkatesan") == ("NZL", "GOV"), actors


def test_extract_refuses_a_malformed_file_before_any_work(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("Orla Venkatesan\tperson\tNZLGOV 2026\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", "-", "--actors", str(path)], input="Some text.\n", env=ENV)
    assert result.exit_code == 2
    assert "line 1" in result.output and "--actors" in result.output


def test_the_setting_is_checked_like_the_option(tmp_path):
    env = {**ENV, "EVENTWIRE_ACTORS": str(tmp_path / "none.tsv")}
    result = CliRunner().invoke(app, ["extract", "-"], input="Some text.\n", env=env)
    assert result.exit_code == 2 and "not read" in result.output
