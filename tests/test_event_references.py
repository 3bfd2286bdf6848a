"""Mentions that are not new events: back-references, labels, publications, infinitives on nouns."""

from __future__ import annotations

import pytest

from eventwire.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline(nlp):
    return Pipeline()


def _events(pipeline, text):
    return pipeline(text, published="2025-06-04").events


def test_the_strike_after_a_strike_is_the_same_event(pipeline):
    events = _events(pipeline, "Jets struck a fuel depot in Kherson on Monday, killing three workers.\n"
                               "The regional governor condemned the strike.")
    assaults = [e for e in events if e.type == "ASSAULT"]
    assert len(assaults) == 1 and len(assaults[0].evidence) == 2
    assert any(e.type == "ACCUSE" for e in events)


def test_a_definite_first_mention_is_still_an_event(pipeline):
    events = _events(pipeline, "The attack on the market killed four people on Sunday.")
    assert [e.type for e in events if e.asserted] == ["ASSAULT"]


def test_a_label_for_what_was_told_is_no_new_event(pipeline):
    events = _events(pipeline, "Troops shot two farmers near the border on Friday.\n"
                               "The ministry called it an execution.")
    assert len([e for e in events if e.type == "ASSAULT"]) == 1


def test_releasing_a_video_is_no_release(pipeline):
    events = _events(pipeline, "The army released a video of the operation on Tuesday.")
    assert not [e for e in events if e.type == "RETREAT"]
    freed = _events(pipeline, "The army released 40 prisoners on Tuesday.")
    assert [e.type for e in freed if e.asserted] == ["RETREAT"]


def test_an_infinitive_on_a_noun_is_not_asserted(pipeline):
    events = _events(pipeline, "Officials said the navy had no right to kill fishermen at sea.")
    assert not [e for e in events if e.type == "ASSAULT" and e.asserted]


def test_one_incident_among_several_is_told_apart(pipeline):
    events = _events(pipeline, "Gunmen attacked three villages in the district on Monday.\n"
                               "In one incident, militants shot dead a farmer in his field.")
    assert len([e for e in events if e.type == "ASSAULT"]) == 2
