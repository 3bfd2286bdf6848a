"""Per-article limits: long texts split or refused with a reason, time and memory budgets, never a lost batch."""

from __future__ import annotations

import time

import pytest
from typer.testing import CliRunner

from eventwire import runner as runner_module
from eventwire.cli import app
from eventwire.ingest import IngestError, iter_articles
from eventwire.limits import Budget, BudgetExceeded, LimitError, Limits, article_parts, split_text
from eventwire.model import Article
from eventwire.pipeline import Pipeline
from eventwire.store import Store

ENV = {"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"}
SENTENCE = "Rebels attacked a convoy near Goma on Monday. "


def test_a_text_is_split_at_paragraphs_then_sentences_then_words_and_nothing_is_lost():
    paragraphs = "\n\n".join(f"Paragraph {i}. " + "word " * 30 for i in range(40))
    pieces = split_text(paragraphs, 1_000)
    assert all(len(p) <= 1_000 for p in pieces) and all(p.startswith("Paragraph") for p in pieces)
    one_paragraph = SENTENCE * 100
    pieces = split_text(one_paragraph, 1_000)
    assert all(len(p) <= 1_000 and p.endswith("Monday.") for p in pieces)
    assert " ".join(pieces) == one_paragraph.strip()
    unbroken = "x" * 2_500
    assert split_text(unbroken, 1_000) == ["x" * 1_000, "x" * 1_000, "x" * 500]


def test_a_long_article_becomes_labelled_parts_with_its_metadata():
    article = Article(text=SENTENCE * 300, title="Convoy attacks", url="https://x.example/a", source="x.example",
                      published="2025-03-04", captions=["A convoy near Goma. (Photo: X)"], path="a.txt")
    parts = article_parts(article, 5_000)
    assert len(parts) == 3 and [p.title for p in parts] == [f"Convoy attacks [part {i}/3]" for i in (1, 2, 3)]
    assert all(len(p.analysis_text()) <= 5_000 for p in parts)
    assert parts[0].captions == article.captions and parts[1].captions == []
    assert {(p.url, p.source, p.published, p.path) for p in parts} == {
        ("https://x.example/a", "x.example", "2025-03-04", "a.txt")}
    assert len({p.id for p in parts}) == 3
    assert article_parts(Article(text="short"), 5_000)[0].title is None


def test_readers_split_long_texts_and_refuse_texts_over_the_limit(tmp_path):
    (tmp_path / "long.txt").write_text(SENTENCE * 300, encoding="utf-8")
    (tmp_path / "huge.txt").write_text(SENTENCE * 1_000, encoding="utf-8")
    items = list(iter_articles([str(tmp_path)], limits=Limits(part_chars=5_000, max_chars=20_000)))
    errors = [i for i in items if isinstance(i, IngestError)]
    articles = [i for i in items if isinstance(i, Article)]
    assert len(articles) == 3
    refused = [e for e in errors if not e.kept]
    assert len(refused) == 1 and refused[0].path.endswith("huge.txt")
    assert refused[0].reason == "text too long: 45,999 characters > 20,000 limit (EVENTWIRE_MAX_CHARS)"
    (note,) = [e for e in errors if e.kept]
    assert note.path.endswith("long.txt") and "split into 3 parts" in note.reason


def test_limits_are_settings_read_from_the_environment(monkeypatch):
    assert Limits.from_env() == Limits()
    monkeypatch.setenv("EVENTWIRE_PART_CHARS", "20_000")
    monkeypatch.setenv("EVENTWIRE_TIME_BUDGET", "0")
    limits = Limits.from_env()
    assert limits.part_chars == 20_000 and limits.time_budget == 0 and limits.memory_budget == 1024
    assert limits.with_options(part_chars=None, max_chars=10).max_chars == 10
    monkeypatch.setenv("EVENTWIRE_MEMORY_BUDGET", "lots")
    with pytest.raises(LimitError, match="EVENTWIRE_MEMORY_BUDGET"):
        Limits.from_env()
    result = CliRunner().invoke(app, ["ingest", "x.txt", "--db", "unused.db"], env={**ENV,
                                                                               "EVENTWIRE_MEMORY_BUDGET": "lots"})
    assert result.exit_code == 2 and "EVENTWIRE_MEMORY_BUDGET" in result.output


def test_a_budget_stops_a_block_that_runs_too_long():
    budget = Budget(seconds=0.3, memory_mb=0)
    started = time.monotonic()
    with pytest.raises(BudgetExceeded), budget:
        while True:
            time.sleep(0.01)
    assert time.monotonic() - started < 2 and "time budget: more than 0.3 s" in budget.reason
    with Budget(seconds=0.3, memory_mb=0):  # a block that finishes in time is left alone
        time.sleep(0.05)
    time.sleep(0.5)  # and nothing lands after it ended


def test_a_budget_stops_a_block_that_grows_memory_too_much():
    budget = Budget(seconds=0, memory_mb=60)
    hoard = []
    with pytest.raises(BudgetExceeded), budget:
        for _ in range(200):  # up to 2 GB, 10 MB at a time
            hoard.append(bytearray(10 * 1_048_576))
            time.sleep(0.02)
    assert 6 <= len(hoard) < 60 and "memory budget: grew memory by more than 60 MB" in budget.reason
    hoard.clear()


def _corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(4):
        (corpus / f"a{i}.txt").write_text(f"Article {i}: troops clashed with rebels near Goma on day {i}.\n")
    return corpus


def test_an_article_over_its_time_budget_is_an_error_and_the_batch_goes_on(tmp_path, monkeypatch, nlp):
    real_extract = runner_module.extract

    def slow_on_a2(doc, article):
        while article.path.endswith("a2.txt"):  # a stage that never ends, in Python code
            time.sleep(0.01)
        return real_extract(doc, article)

    pipeline = Pipeline()
    pipeline("Troops clashed with rebels near Goma on Monday.")  # lexicons load on first use: not timed here
    monkeypatch.setattr(runner_module, "extract", slow_on_a2)
    with Store(tmp_path / "t.db") as store:
        stats = runner_module.ingest([str(_corpus(tmp_path))], store, pipeline, batch_size=4,
                                     limits=Limits(time_budget=0.5))
        errors = store.rows("SELECT path, reason FROM errors")
        assert stats.new == 3 and stats.errors == 1 and store.counts()["articles"] == 3
    assert errors[0]["path"].endswith("a2.txt")
    assert errors[0]["reason"] == "extraction stopped: over the time budget: more than 0.5 s (EVENTWIRE_TIME_BUDGET)"


def test_a_parser_failure_is_pinned_on_its_article_and_the_batch_goes_on(tmp_path, monkeypatch, nlp):
    pipeline = Pipeline()
    real_call = type(pipeline.nlp).__call__

    def failing_pipe(self, texts, **kwargs):
        raise ValueError("E088-like failure")

    def failing_call(self, text, *args, **kwargs):
        if "Article 1:" in text:
            raise ValueError("cannot parse this one")
        return real_call(self, text, *args, **kwargs)

    monkeypatch.setattr(type(pipeline.nlp), "pipe", failing_pipe)
    monkeypatch.setattr(type(pipeline.nlp), "__call__", failing_call)
    with Store(tmp_path / "p.db") as store:
        stats = runner_module.ingest([str(_corpus(tmp_path))], store, pipeline, batch_size=4, limits=Limits())
        reasons = [r["reason"] for r in store.rows("SELECT reason FROM errors")]
        assert stats.new == 3 and store.counts()["articles"] == 3
    assert reasons == ["parse failed: ValueError: cannot parse this one"]


def test_a_folder_with_an_oversized_file_ingests_every_other_file(tmp_path, nlp):
    corpus = _corpus(tmp_path)
    (corpus / "huge.txt").write_text("Rebels attacked a convoy near Goma. " * 90_000, encoding="utf-8")
    db = tmp_path / "big.db"
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(db), "--workers", "1"], env=ENV)
    assert result.exit_code == 1, result.output  # some failed, the rest went in
    with Store(db) as store:
        assert store.counts()["articles"] == 4
        (error,) = store.rows("SELECT path, reason FROM errors")
    assert error["path"].endswith("huge.txt") and error["reason"].startswith("text too long: 3,239,999 characters")
