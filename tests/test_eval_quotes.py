"""`eval quotes`: BRAT reading, span matching, direct-quote gold and the PolNeAR quality floor."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import shared_path
from eventwire.eval.quotes import (
    GoldAttribution,
    Item,
    WordIndex,
    article_files,
    direct_gold,
    evaluate,
    match,
    read_brat,
)

ANN = """T1\tSource 0 6\tOkafor
T2\tCue 7 11\tsaid
T3\tContent 12 40;45 50\tthat the talks would start soon
T4\tAttribution 7 11\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T5\tCue 60 64\tsaid
T6\tContent 65 70\tlater
T7\tAttribution-no-source 60 64\tsaid
E2\tAttribution-no-source:T7 Content:T6 Cue:T5
T8\tDiscard 80 90\tRead more
"""


def test_read_brat_keeps_discontinuous_content_and_missing_source(tmp_path: Path) -> None:
    path = tmp_path / "a_1234.ann"
    path.write_text(ANN, encoding="utf-8")
    gold = read_brat(path)
    assert gold == [
        GoldAttribution(content=((12, 40), (45, 50)), source=((0, 6),)),
        GoldAttribution(content=((65, 70),), source=()),
    ]


def test_first_annotator_file_is_used(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "story.txt").write_text("x", encoding="utf-8")
    for annotator in ("ef2d", "4b22"):
        (tmp_path / "attributions" / f"story_{annotator}.ann").write_text("", encoding="utf-8")
    assert article_files(tmp_path) == [(tmp_path / "text" / "story.txt", tmp_path / "attributions" / "story_4b22.ann")]


def test_match_needs_half_of_both_sides() -> None:
    gold = [Item(frozenset(range(10)))]
    assert match(gold, [Item(frozenset(range(5, 12)))])  # 5 shared: half of 10, >= half of 7
    assert not match(gold, [Item(frozenset(range(0, 4)))])  # 4 of 10 gold tokens
    assert not match(gold, [Item(frozenset(range(0, 30)))])  # 10 of 30 predicted tokens


def test_word_index_turns_spans_into_tokens() -> None:
    words = WordIndex("He said: “we are ready.”")
    assert words.tokens([(10, 23)]) == frozenset({2, 3, 4})


def test_direct_gold_is_a_quotation_or_its_quoted_pieces() -> None:
    text = "“We are ready,” he said. Okafor said the need to “act quickly” was clear."
    whole = GoldAttribution(((0, 15),))
    mixed = GoldAttribution(((text.index("the need"), len(text) - 1),))
    assert direct_gold(text, whole) == [whole]
    pieces = direct_gold(text, mixed)
    assert [text[s:e] for p in pieces for s, e in p.content] == ["act quickly"]


def test_evaluate_on_a_tiny_split(tmp_path: Path) -> None:
    text = "“We are ready to talk,” Okafor said.\n\nOfficials said the talks would start in January.\n"
    start = text.index("the talks")
    ann = (
        "T1\tSource 24 30\tOkafor\nT2\tCue 31 35\tsaid\nT3\tContent 0 23\t“We are ready to talk,”\n"
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n"
        f"T4\tSource 38 47\tOfficials\nT5\tCue 48 52\tsaid\nT6\tContent {start} {len(text) - 2}\tx\n"
        "E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4\n"
    )
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "s.txt").write_text(text, encoding="utf-8")
    (tmp_path / "attributions" / "s_0001.ann").write_text(ann, encoding="utf-8")
    scores = evaluate(tmp_path)
    assert scores["n"] == 2
    assert scores["content_f1"] == 1.0
    assert scores["source_accuracy"] == 1.0
    assert scores["direct_content_f1"] == 1.0
    assert scores["direct_source_accuracy"] == 1.0
    assert {"seconds", "articles_per_second", "content_precision", "content_recall"} <= scores.keys()


# Measured on the first 20 dev articles (2026-11-28, after the indirect-frame work): content P 0.743
# R 0.624 F1 0.678, source 0.850, direct F1 0.880, direct source 0.797 (before: P 0.736 R 0.571 F1 0.643,
# source 0.851, direct F1 0.867, direct source 0.805). Floors sit a little below; the full split scores higher.
FLOORS = {
    "content_precision": 0.72,
    "content_recall": 0.59,
    "content_f1": 0.65,
    "source_accuracy": 0.83,
    "direct_content_f1": 0.86,
    "direct_source_accuracy": 0.78,
}


@pytest.fixture(scope="module")
def polnear_dev_slice() -> dict:
    return evaluate(shared_path("data", "polnear", "dev"), limit=20)


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_quality_floor_on_polnear_dev(polnear_dev_slice: dict, metric: str) -> None:
    assert polnear_dev_slice["n_articles"] == 20
    assert polnear_dev_slice[metric] >= FLOORS[metric], polnear_dev_slice
