"""`eval articles`: the Zyte shingle metric, both data layouts, and the quality floor."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from conftest import shared_path
from eventwire.eval.articles import dragnet_gold, evaluate, iter_pages, match_counts, summarize, tokens

BODY = [
    "The harbour authority reopened the northern channel on Monday after divers cleared the wreck "
    "of a fishing boat that sank there during last week's storm.",
    "Port officials said ferries would run on the normal timetable from Tuesday, while cargo ships "
    "waiting offshore would be brought in one at a time through the night.",
    "A spokesperson for the fishermen's cooperative said members had lost nets and two smaller "
    "vessels, and asked the regional government for help with the repair costs.",
]


def page(body: list[str], title: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body)
    return (
        f"<html><head><title>{title}</title></head><body>"
        f"<div class='menu'><a href='/'>Home</a></div><article>{paragraphs}</article>"
        "<div id='comments'><p>First! Great article, keep it up everyone.</p></div></body></html>"
    )


def test_tokens_and_shingle_counts() -> None:
    assert tokens("It's 5 o'clock, 2025-01-02!") == ["It", "s", "5", "o", "clock", "2025", "01", "02"]
    assert match_counts("a b c d e", "a b c d e") == (1.0, 0.0, 0.0)
    # gold shingles: abcd, bcde; predicted: abcd, bcdx -> tp 1, fp 1, fn 1
    assert match_counts("a b c d e", "a b c d x") == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert match_counts("a b c d e", "") == (0.0, 0.0, 1.0)
    assert match_counts("short", "short") == (1.0, 0.0, 0.0)  # fewer than 4 tokens: one shingle


def test_summarize_means_over_documents() -> None:
    counts = [(1.0, 0.0, 0.0), (0.5, 0.5, 0.0), (0.0, 0.0, 1.0)]
    metrics = summarize(counts, [True, False, False])
    # precision skips the empty prediction (tp + fp == 0); recall counts it as 0
    assert metrics["precision"] == pytest.approx((1.0 + 0.5) / 2)
    assert metrics["recall"] == pytest.approx((1.0 + 1.0 + 0.0) / 3)
    p, r = metrics["precision"], metrics["recall"]
    assert metrics["f1"] == pytest.approx(2 * p * r / (p + r))
    assert metrics["accuracy"] == pytest.approx(1 / 3)


def test_dragnet_gold_is_cut_at_the_comments_marker() -> None:
    raw = "Body line one.\nBody line two.\n!@#$%^&*()  COMMENTS\nA reader comment."
    assert dragnet_gold(raw) == "Body line one.\nBody line two."


def make_dragnet(root: Path) -> None:
    (root / "HTML").mkdir(parents=True)
    (root / "Corrected").mkdir()
    for name, body in (("p1", BODY), ("p2", list(reversed(BODY))), ("p3", BODY[:2])):
        (root / "HTML" / f"{name}.html.gz").write_bytes(gzip.compress(page(body, name).encode()))
        gold = "\n".join(body) + "\n!@#$%^&*()  COMMENTS\nFirst! Great article, keep it up everyone.\n"
        (root / "Corrected" / f"{name}.html.corrected.txt").write_text(gold, encoding="utf-8")
    (root / "test_ids.txt").write_text("p1\np2\n", encoding="utf-8")  # p3 is not a test page


def test_dragnet_layout(tmp_path: Path) -> None:
    make_dragnet(tmp_path)
    assert [p.id for p in iter_pages(tmp_path)] == ["p1", "p2"]
    metrics = evaluate(tmp_path)
    assert metrics["n"] == 2
    assert metrics["f1"] > 0.9 and metrics["accuracy"] == 1.0
    assert set(metrics["baseline"]) >= {"f1", "precision", "recall", "accuracy", "n", "seconds"}
    assert metrics["articles_per_second"] > 0


def test_zyte_layout_and_limit(tmp_path: Path) -> None:
    (tmp_path / "html").mkdir()
    truth = {}
    for name, body in (("z1", BODY), ("z2", BODY[1:])):
        (tmp_path / "html" / f"{name}.html.gz").write_bytes(gzip.compress(page(body, name).encode()))
        truth[name] = {"articleBody": "\n\n".join(body), "url": f"https://example.org/{name}"}
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    metrics = evaluate(tmp_path, limit=1)
    assert metrics["n"] == 1 and metrics["f1"] > 0.9


def test_unknown_layout_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        evaluate(tmp_path)


def test_quality_floor_on_zyte_slice() -> None:
    # Measured on this slice (limit=60): f1 0.970, precision 0.965, recall 0.975, accuracy 0.383;
    # cleaned body f1 0.973; bare trafilatura f1 0.949.
    metrics = evaluate(shared_path("data", "zyte"), limit=60)
    assert metrics["n"] == 60
    assert metrics["f1"] >= 0.96
    assert metrics["precision"] >= 0.955
    assert metrics["recall"] >= 0.965
    assert metrics["accuracy"] >= 0.35
    assert metrics["cleaned"]["f1"] >= 0.965
    assert metrics["f1"] >= metrics["baseline"]["f1"]
