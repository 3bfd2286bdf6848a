"""The showcase: the seed article end to end against what a careful analyst records from it."""

from __future__ import annotations

import json

import pytest

from conftest import shared_path
from eventwire.eval import seed as seed_eval
from eventwire.pipeline import Pipeline


@pytest.fixture(scope="module")
def scored(nlp):
    folder = shared_path("seed")
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    text = (folder / expected["article"]["file"]).read_text(encoding="utf-8")
    record = Pipeline()(text, published=expected["article"]["published"])
    return seed_eval.score(record, expected), record


@pytest.mark.parametrize(
    ("metric", "floor"),
    [("events_recall", 1.0), ("events_precision", 0.9), ("quotes_recall", 1.0), ("dates_accuracy", 1.0),
     ("actors_accuracy", 1.0), ("places_accuracy", 1.0)],
)
def test_seed_floor(scored, metric, floor):
    metrics, _ = scored
    assert metrics[metric] >= floor, json.dumps(metrics["details"], default=str)[:3000]


def test_seed_cleaning(scored):
    metrics, record = scored
    assert metrics["cleaning_ok"]
    assert "Share this @internewscast.com" not in record.article.text
    assert len(record.article.captions) == 2


def test_seed_strike_mentions_merge_and_tally_is_aggregate(scored):
    _, record = scored
    strikes = [e for e in record.events if e.type == "ASSAULT" and e.fatalities and e.fatalities.best == 5]
    assert len(strikes) == 1
    assert any(ev.in_caption for ev in strikes[0].evidence), "the caption's mention joins the body's"
    tally = [e for e in record.events if e.aggregate and e.fatalities and e.fatalities.low == 114]
    assert tally and not tally[0].asserted


def test_seed_port_strike_has_no_asserted_attacker(scored):
    _, record = scored
    port = [e for e in record.events if e.type == "ASSAULT" and e.date == "2025-W52"]
    assert port and all(e.actor is None for e in port)
    assert any(e.reported_by == "Donald Trump" for e in port)


def test_seed_not_events_are_not_asserted(scored):
    _, record = scored
    for event in record.events:
        sentence = event.evidence[0].sentence
        if "declined to comment" in sentence and event.trigger.lower() in ("comment", "declined"):
            raise AssertionError("a refusal to comment is no event")
        if "may be signaling" in sentence and event.type in ("MOBILIZE", "ASSAULT"):
            assert not event.asserted, "a possible expansion is hypothetical"
