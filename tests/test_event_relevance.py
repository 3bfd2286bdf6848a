"""Relevance on hand-built documents: an article's own words tell whether its violent words are
about conflict (no statistical model needed: lemmas and a flat parse)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from eventwire.extract.events.relevance import MIN_DOMAIN_WORDS, relevance

VOCAB = spacy.blank("en").vocab


def flat(lemmas: list[str]) -> Doc:
    """One sentence whose every word hangs from the first."""
    n = len(lemmas)
    return Doc(VOCAB, words=lemmas, lemmas=lemmas, heads=[0] * n, deps=["ROOT"] + ["dep"] * (n - 1))


def test_a_game_report_is_off_topic_and_its_beatings_are_not_kept():
    doc = flat(["team", "beat", "rival", "in", "game", "as", "coach", "and", "player", "hail", "season", "goal"])
    subject = relevance(doc)
    assert subject.off_topic and subject.domain == "sports"
    assert not subject.keeps(doc[1])


def test_a_conflict_word_beside_the_violence_keeps_it_even_in_a_game_report():
    words = ["team", "coach", "player", "season", "game", "goal", "league"]
    doc = Doc(VOCAB, words=[*words, "police", "say", "gunman", "shoot", "fan"],
              lemmas=[*words, "police", "say", "gunman", "shoot", "fan"],
              heads=[0] * 7 + [8, 8, 10, 8, 10],
              deps=["ROOT"] + ["dep"] * 6 + ["nsubj", "ROOT", "nsubj", "ccomp", "dobj"])
    assert relevance(doc).off_topic
    assert relevance(doc).keeps(doc[10])


def test_a_conflict_article_keeps_everything():
    doc = flat(["soldier", "kill", "civilian", "as", "army", "and", "militant", "fight", "in", "game", "reserve"])
    assert not relevance(doc).off_topic


def test_a_few_domain_words_are_not_enough():
    doc = flat(["rebel", "attack", "team", "of", "aid", "worker"][: MIN_DOMAIN_WORDS])
    assert not relevance(doc).off_topic


def test_general_news_pages_assert_few_attacks():
    """The first 80 Zyte bodies labelled as reporting no violence (../shared/newsgold labels): 1
    asserted attack measured 2026-12-07 at 8aae8df (4 at 1c6f53f, 6 at e0afa55; the referee score-general-news
    gives the figure per 100 such pages on all of them, see docs/BENCHMARKS.md). The ceiling only
    falls as the count falls."""
    import csv
    import json

    from conftest import shared_path
    from eventwire.pipeline import Pipeline

    labels = csv.DictReader(shared_path("newsgold", "zyte-relevance.tsv").open(encoding="utf-8"), delimiter="\t")
    pages = json.loads(shared_path("data", "zyte", "ground-truth.json").read_text(encoding="utf-8"))
    quiet = [r["page_id"] for r in labels if r["violent"] == "no" and pages[r["page_id"]]["articleBody"].strip()][:80]
    pipeline = Pipeline()
    attacks = sum(1 for page in quiet for e in pipeline(pages[page]["articleBody"]).events
                  if e.type == "ASSAULT" and e.asserted)
    assert len(quiet) == 80
    assert attacks <= 2


def test_a_capitalized_name_is_no_conflict_word_beside_a_game_attack():
    words = ["game", "console", "player", "controller", "gameplay", "review", "combo"]
    sentence = ["use", "a", "Force", "push", "to", "attack"]
    doc = Doc(VOCAB, words=[*words, *sentence], lemmas=[*words, "use", "a", "force", "push", "to", "attack"],
              pos=["NOUN"] * 7 + ["VERB", "DET", "PROPN", "NOUN", "PART", "VERB"],
              heads=[0] * 7 + [7, 10, 10, 7, 12, 7],
              deps=["ROOT"] + ["dep"] * 6 + ["ROOT", "det", "compound", "dobj", "aux", "xcomp"],
              sent_starts=[True] + [False] * 6 + [True] + [False] * 5)
    subject = relevance(doc)
    assert subject.off_topic
    assert not subject.keeps(doc[12])


def test_a_violent_word_is_not_its_own_conflict_word_in_a_game_report():
    words = ["team", "coach", "player", "season", "game", "goal", "league", "chelsea", "bomb", "out", "of", "cup"]
    doc = flat(words)
    assert relevance(doc).off_topic
    assert not relevance(doc).keeps(doc[8])
