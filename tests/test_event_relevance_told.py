"""Violent words of a game told beside real violence (integration through the pipeline)."""

from __future__ import annotations

from factories import extract_events

MATCH = ("Rovers sink City as derby ends in violence\n\n"
         "Rovers tore City apart on Sunday, firing three goals past a tired defence to win the derby 3-1. "
         "Striker Tom Hale opened the bombardment in the 12th minute with a header. "
         "City fought back through a penalty, but substitute Ben Ode killed off the game with a late goal.\n\n"
         "After the final whistle, fighting spread to the car parks outside the stadium, where fans hurled "
         "stones at police. Officers responded with tear gas. One supporter died in hospital after being "
         "struck by a police vehicle, and 20 people were injured, the police said.")


def test_a_match_reports_metaphors_are_no_part_of_the_riot_after_it(nlp):
    attacks = [e for e in extract_events(nlp, MATCH, "2026-05-11") if e.type == "ASSAULT"]
    words = {ev.sentence[ev.trigger_start - ev.start:ev.trigger_end - ev.start] for e in attacks for ev in e.evidence}
    assert not words & {"firing", "bombardment", "fought", "killed"}
    assert any(e.fatalities is not None and e.fatalities.best == 1 for e in attacks)
