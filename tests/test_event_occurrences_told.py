"""Occurrences on whole sentences (integration through the pipeline): which telling a mention joins."""

from __future__ import annotations

from factories import extract_events


def _attacks(nlp, text: str, published: str = "2026-03-14"):
    return [e for e in extract_events(nlp, text, published) if e.type == "ASSAULT"]


def test_a_dispersal_is_not_the_shooting_that_set_off_the_protest(nlp):
    text = ("Two officers fatally shot a teenager in Brooklyn on Saturday night.\n\n"
            "On Wednesday protesters threw bottles while cops began pepper-spraying the crowd.\n\n"
            "The sister of the teen killed by police was arrested on Wednesday.")
    shooting, dispersal = _attacks(nlp, text)
    assert shooting.fatalities is not None and shooting.fatalities.best == 1
    assert dispersal.fatalities is None and dispersal.actor == "police"
