"""newsgold benchmark: matching predicted events to coded ones, the field checks, the metrics, and
a quality floor on a slice of the shared dev set."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import shared_path
from eventwire.eval.newsgold import (
    Candidate,
    GoldArticle,
    GoldEvent,
    GoldPlace,
    Party,
    Prediction,
    Tally,
    candidates,
    date_matches,
    evaluate,
    field_checks,
    find_clause,
    mention_spans,
    name_words,
    party_matches,
    place_matches,
    predictions,
    read_gold,
    score_article,
    squeeze,
)
from eventwire.model import Actor, Article, Count, Event, Evidence, Record

STRIKE = "Rebels shelled the market in Varna on Monday, killing three traders."
ARREST = "Police later  arrested two men\nin Varna."
RAID = "No one was hurt in a second raid, officials said."
TEXT = f"{STRIKE}\n\n{ARREST}\n\n{RAID}"


def _event(type_: str, sentence: str, trigger: str, **fields: Any) -> Event:
    start = TEXT.index(sentence)
    at = start + sentence.index(trigger)
    evidence = Evidence(sentence=sentence, start=start, end=start + len(sentence), trigger_start=at,
                        trigger_end=at + len(trigger))
    return Event(type=type_, trigger=trigger, evidence=[evidence], **fields)


def _golds() -> list[GoldEvent]:
    return [
        GoldEvent("g1", "ASSAULT", "asserted", mentions=[(STRIKE, "shelled")], actor=Party("rebels", None, "REB"),
                  date="2025-03-03", place=GoldPlace("Varna", "BGR", 43.21, 27.91), killed=3),
        GoldEvent("g2", "COERCE", "asserted", mentions=[("Police later arrested two men in Varna.", "arrested")]),
        GoldEvent("g3", "ASSAULT", "negated", mentions=[(RAID, "hurt")]),
    ]


def _score(events: list[Event], golds: list[GoldEvent] | None = None, actors: list[Actor] | None = None) -> Tally:
    tally = Tally()
    record = Record(article=Article(text=TEXT), events=events, actors=actors or [])
    score_article(GoldArticle("d1", TEXT, events=golds if golds is not None else _golds()), record, tally)
    return tally


# --- locating clauses ---------------------------------------------------------------------------


def test_clauses_are_found_whatever_their_line_breaks_and_spaces() -> None:
    squeezed = squeeze(TEXT)
    assert find_clause(squeezed, "Police later arrested two men in Varna.") == squeezed.index("Police")
    assert find_clause(squeezed, " Police later\narrested ") == squeezed.index("Police")
    assert find_clause(squeezed, "a clause the article never had") == -1


def test_mention_spans_point_at_the_trigger_and_skip_clauses_not_in_the_text() -> None:
    squeezed = squeeze(TEXT)
    gold = GoldEvent("g", "ASSAULT", "asserted", mentions=[(STRIKE, "shelled"), ("not in the text", "text")])
    [span] = mention_spans(squeezed, gold)
    assert (span.start, span.end) == (0, len(STRIKE))
    assert squeezed[span.trigger:].startswith("shelled")


# --- matching -----------------------------------------------------------------------------------


def test_an_event_belongs_to_the_gold_event_whose_clause_holds_its_trigger() -> None:
    golds = _golds()
    [prediction] = predictions(Record(Article(TEXT), events=[_event("COERCE", ARREST, "arrested")]), golds,
                               squeeze(TEXT))
    assert prediction.gold == 1
    assert prediction.best == Candidate(outside=False, other_type=False, distance=0, gold=1)


def test_the_same_type_wins_between_two_gold_events_in_one_sentence() -> None:
    golds = [GoldEvent("kill", "ASSAULT", "asserted", mentions=[(STRIKE, "killing")]),
             GoldEvent("shell", "COERCE", "asserted", mentions=[(STRIKE, "shelled")])]
    spans = [mention_spans(squeeze(TEXT), g) for g in golds]
    found = candidates(_event("ASSAULT", STRIKE, "shelled"), golds, spans, squeeze(TEXT), TEXT)
    assert min(found, key=lambda c: c.key).gold == 0


def test_an_event_whose_sentence_is_not_in_the_text_has_no_gold_event() -> None:
    event = Event(type="ASSAULT", trigger="bombed", evidence=[Evidence("Jets bombed a bridge.", 0, 21, 5, 11)])
    [prediction] = predictions(Record(Article(TEXT), events=[event]), _golds(), squeeze(TEXT))
    assert prediction.gold is None
    assert prediction.rank() == (2, 2, 0, 0)


def test_a_matched_event_counts_for_precision_and_recall() -> None:
    strike = _event("ASSAULT", STRIKE, "shelled", actor="Rebels", date="2025-03-03", country="BGR",
                    latitude=43.2, longitude=27.9, fatalities=Count(best=3))
    metrics = _score([strike, _event("COERCE", ARREST, "arrested")]).metrics()
    assert (metrics["precision"], metrics["recall"], metrics["f1"]) == (1.0, 1.0, 1.0)
    assert metrics["errors"] == {}


def test_a_second_report_of_one_event_is_a_duplicate_and_the_fuller_one_is_scored() -> None:
    bare = _event("ASSAULT", STRIKE, "killing")
    full = _event("ASSAULT", STRIKE, "shelled", actor="rebels", date="2025-03-03")
    metrics = _score([bare, full]).metrics()
    assert metrics["duplicate_share"] == 0.5
    assert metrics["precision"] == 0.5
    assert (metrics["actor_accuracy"], metrics["date_accuracy"]) == (1.0, 1.0)


def test_an_asserted_event_the_gold_codes_as_negated_is_a_status_false_positive() -> None:
    metrics = _score([_event("ASSAULT", RAID, "hurt")]).metrics()
    assert metrics["status_fp_share"] == 1.0
    assert metrics["errors"]["status:negated"] == 1
    assert metrics["precision"] == 0.0


def test_an_event_flagged_negated_is_not_scored() -> None:
    metrics = _score([_event("ASSAULT", RAID, "hurt", negated=True)]).metrics()
    assert metrics["predicted_asserted"] == 0
    assert metrics["precision"] is None


def test_an_event_on_no_gold_clause_is_spurious() -> None:
    golds = [g for g in _golds() if g.id != "g2"]
    metrics = _score([_event("COERCE", ARREST, "arrested")], golds).metrics()
    assert metrics["spurious_share"] == 1.0


def test_a_wrong_type_counts_only_untyped_and_still_takes_the_gold_event() -> None:
    metrics = _score([_event("COERCE", STRIKE, "shelled")]).metrics()
    assert (metrics["untyped_precision"], metrics["precision"]) == (1.0, 0.0)
    assert metrics["type_accuracy"] == 0.0
    assert metrics["errors"]["type"] == 1
    assert metrics["errors"]["missed"] == 1  # g2; g1 is taken, if with the wrong type


def test_background_events_are_found_by_any_event_but_left_out_of_recall() -> None:
    golds = _golds()
    golds[1].background = True
    metrics = _score([_event("COERCE", ARREST, "arrested", historical=True)], golds).metrics()
    assert metrics["background_recall"] == 1.0
    assert metrics["gold_events"] == 1
    assert metrics["recall"] == 0.0
    assert metrics["errors"]["missed"] == 1


# --- fields -------------------------------------------------------------------------------------


def test_name_words_drop_articles_of_us_and_a_plural_s() -> None:
    assert name_words("The rebels of the North") == {"rebel", "north"}
    assert name_words("U.S. forces") == {"force"}
    assert name_words("Ministry of Defence") == {"ministry", "defence"}
    assert name_words("press") == {"press"}
    assert name_words(None) == set()


def test_a_party_matches_by_name_words_or_by_country_and_sector() -> None:
    police = Actor(name="Varna police", country="BGR", sector="COP", id="a1")
    actors = {"a1": police, "Varna police": police}
    by_words = Event(type="COERCE", trigger="arrested", evidence=[], actor="Varna police")
    assert party_matches(Party("police"), by_words, "actor", actors)
    by_text = Event(type="COERCE", trigger="arrested", evidence=[], actor=None, actor_text="the police")
    assert party_matches(Party("police"), by_text, "actor", actors)
    by_codes = Event(type="COERCE", trigger="arrested", evidence=[], actor="Varna police", actor_id="a1")
    assert party_matches(Party("interior ministry", "BGR", "COP"), by_codes, "actor", actors)
    assert not party_matches(Party("interior ministry", "BGR", "GOV"), by_codes, "actor", actors)


def test_a_date_must_agree_at_the_gold_precision_and_not_be_coarser() -> None:
    assert date_matches("2025-03", "2025-03-03")
    assert date_matches("2025-03-03", "2025-03-03")
    assert not date_matches("2025-03-03", "2025-03")
    assert not date_matches("2025-03-03", None)


def test_a_place_needs_the_country_and_a_point_within_161_km() -> None:
    varna = GoldPlace("Varna", "BGR", 43.21, 27.91)
    near = Event(type="ASSAULT", trigger="x", evidence=[], country="BGR", latitude=43.0, longitude=27.5)
    far = Event(type="ASSAULT", trigger="x", evidence=[], country="BGR", latitude=42.70, longitude=23.32)
    no_point = Event(type="ASSAULT", trigger="x", evidence=[], country="BGR")
    assert place_matches(varna, near)
    assert not place_matches(varna, far)  # Sofia, some 380 km away
    assert place_matches(varna, no_point)
    assert not place_matches(varna, Event(type="ASSAULT", trigger="x", evidence=[], country="ROU"))


def test_counts_are_checked_where_either_side_gives_one() -> None:
    gold = GoldEvent("g", "ASSAULT", "asserted", killed=3)
    three = Event(type="ASSAULT", trigger="x", evidence=[], fatalities=Count(best=3))
    assert field_checks(gold, three, {}) == {"killed": True}
    invented = Event(type="ASSAULT", trigger="x", evidence=[], injured=Count(best=2))
    assert field_checks(gold, invented, {}) == {"killed": False, "injured": False}


def test_ratios_with_nothing_to_count_are_none() -> None:
    metrics = Tally().metrics()
    assert metrics["precision"] is None and metrics["actor_accuracy"] is None
    assert metrics["f1"] == 0.0 and metrics["actor_n"] == 0


def test_prediction_rank_puts_the_fuller_event_first_among_equals() -> None:
    where = Candidate(outside=False, other_type=False, distance=4, gold=0)
    bare = Prediction(Event(type="ASSAULT", trigger="x", evidence=[]), where)
    full = Prediction(Event(type="ASSAULT", trigger="x", evidence=[], actor="rebels", country="BGR"), where)
    assert sorted([bare, full], key=Prediction.rank)[0] is full


# --- reading ------------------------------------------------------------------------------------


def test_read_gold_reads_one_article_a_line_and_folds_old_type_names(tmp_path: Path) -> None:
    record = {"id": "e1", "type": "DISAPPROVE", "status": "asserted", "background": False,
              "mentions": [{"text": STRIKE, "trigger": "shelled"}], "actor": {"name": "rebels", "country": None,
                                                                            "sector": "REB"},
              "place": {"name": "Varna", "country": "BGR", "lat": 43.21, "lon": 27.91}, "killed": 3}
    line = {"doc_id": "d1", "published": "2025-03-04", "title": "Market shelled", "text": TEXT, "events": [record]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(line) + "\n\n", encoding="utf-8")
    [article] = read_gold(path)
    assert read_gold(tmp_path)[0].doc_id == "d1"
    [event] = article.events
    assert event.type == "ACCUSE"
    assert event.actor == Party("rebels", None, "REB")
    assert event.place == GoldPlace("Varna", "BGR", 43.21, 27.91)
    assert (event.killed, event.injured, event.recipient, event.date) == (3, None, None, None)
    assert event.mentions == [(STRIKE, "shelled")]


# --- quality floor on the shared dev set ----------------------------------------------------------


def test_newsgold_dev_slice_quality_floor(nlp) -> None:
    # The first 10 dev articles; place_accuracy 0.955 since the story's town is read from the dateline
    # under a headline and from towns named as modifiers, and an act over a whole country is placed at
    # the country (issue 15, places helper).
    # Measured 2026-12-07 (session 5's end): precision 0.716, recall
    # 0.739, f1 0.728, duplicate_share 0.075, date_accuracy 0.833, place_accuracy 0.727,
    # actor_accuracy 0.643 (at 1c6f53f: 0.652, 0.652, 0.652, 0.087, 0.818, 0.632, 0.550; at
    # e0afa55: 0.632, 0.609, 0.620, 0.103, 0.80, 0.667; at 26d15e3: 0.568, 0.543, 0.555, 0.162).
    # actor_accuracy 0.762 at the arguments helper's last landing (session 6; recipient 0.488).
    # Session 6, after the lead's events steps: precision 0.800, recall 0.761, f1 0.780,
    # duplicate_share 0.050 (62 asserted records; precision gains had shrunk the denominator so that
    # the same 5 duplicates read 0.081 before 'detained' ... 'arrested' became one act).
    # Session 7 (actors helper): actor_accuracy 0.810 at 5f012a7, 0.833 at 0805d9c; recipient 0.512.
    # Session 7, after the lead's events steps (at b33cade): precision 0.814, recall 0.761, f1 0.786,
    # duplicate_share 0.017, date_accuracy 0.833 (status_fp_share 0.119, killed 0.75: not floored).
    # Floors only rise.
    metrics = evaluate(shared_path("newsgold", "dev.jsonl"), limit=10)
    assert (metrics["n"], metrics["failed"], metrics["gold_events"]) == (10, 0, 46)
    assert metrics["precision"] >= 0.80
    assert metrics["recall"] >= 0.75
    assert metrics["f1"] >= 0.78
    assert metrics["duplicate_share"] <= 0.03
    assert metrics["date_accuracy"] >= 0.83
    assert metrics["place_accuracy"] >= 0.93
    assert metrics["actor_accuracy"] >= 0.81
    assert metrics["recipient_accuracy"] >= 0.50
