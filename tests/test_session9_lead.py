"""Session 9 rules of the events stage: whose arms struck, the clause that places an act the parser
hangs below its harm verb, an owner that is no place, the damage an attack does. Rules on
hand-built parses first, then sentences through the whole pipeline."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from eventwire.extract.events.roles import _wielder
from factories import extract_events

VOCAB = spacy.blank("en").vocab


def arms(words: list[str], pos: list[str], ents: list[str]) -> Doc:
    """"<owner> ... drones hit the base": every word before "drones" hangs on it."""
    n = words.index("drones")
    heads = [n] * n + [n + 1, n + 1, n + 3, n + 1]
    deps = ["amod" if p == "ADJ" else "compound" for p in pos[:n]] + ["nsubj", "ROOT", "det", "dobj"]
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, ents=ents)


def test_a_peoples_drones_are_that_peoples_arms():
    doc = arms(["Russian", "drones", "hit", "the", "base"], ["ADJ", "NOUN", "VERB", "DET", "NOUN"],
               ["B-NORP", "O", "O", "O", "O"])
    assert _wielder(doc[1]) == doc[0]


def test_a_kind_of_drone_between_owner_and_arms_keeps_the_owner():
    doc = arms(["Russian", "attack", "drones", "hit", "the", "base"], ["ADJ", "NOUN", "NOUN", "VERB", "DET", "NOUN"],
               ["B-NORP", "O", "O", "O", "O", "O"])
    assert _wielder(doc[2]) == doc[0]


def test_a_group_between_a_country_and_its_drones_is_not_the_countrys():
    """"Myanmar resistance drones": the drones are the resistance's, not Myanmar's."""
    doc = arms(["Myanmar", "resistance", "drones", "hit", "the", "base"],
               ["PROPN", "NOUN", "NOUN", "VERB", "DET", "NOUN"], ["B-GPE", "O", "O", "O", "O", "O"])
    assert _wielder(doc[2]) is None


def test_drones_with_no_owner_have_no_wielder():
    doc = arms(["armed", "drones", "hit", "the", "base"], ["ADJ", "NOUN", "VERB", "DET", "NOUN"],
               ["O", "O", "O", "O", "O"])
    assert _wielder(doc[1]) is None


def test_the_state_whose_drones_attacked_is_the_actor(nlp):
    events = extract_events(nlp, "Overnight, Russian drones attacked the city of Kharkiv, wounding five people.")
    attack = next(e for e in events if e.type == "ASSAULT")
    assert attack.actor == "Russia"


def test_the_state_whose_missiles_struck_is_the_actor_when_the_missiles_are_the_trigger(nlp):
    events = extract_events(nlp, "Russian missiles struck energy facilities in the Odesa region overnight.")
    attack = next(e for e in events if e.type == "ASSAULT")
    assert attack.actor == "Russia"


def test_made_in_a_country_is_not_fired_by_it(nlp):
    events = extract_events(nlp, "Russian-made drones attacked a market in the city of Sumy on Monday.")
    attack = next(e for e in events if e.type == "ASSAULT")
    assert attack.actor != "Russia"


def test_power_cut_by_a_strike_is_its_damage_not_a_sanction(nlp):
    events = extract_events(nlp, "Russian forces struck energy facilities overnight, cutting power to thousands "
                                 "of homes.")
    assert [e.type for e in events] == ["ASSAULT"]


def test_a_government_cutting_power_is_still_a_sanction(nlp):
    events = extract_events(nlp, "The government cut power to the rebel-held region on Monday.")
    assert any(e.type == "SANCTION" for e in events)


def test_the_owner_of_the_arms_is_not_where_they_struck(nlp):
    events = extract_events(nlp, "Israel's missiles struck a house in Gaza on Monday.")
    attack = next(e for e in events if e.type == "ASSAULT")
    assert attack.place == "Gaza"


def test_a_town_fronting_the_harm_verb_places_the_attack_told_below_it(nlp):
    """The parser hangs "shelling" below "killed"; the town is in the clause of "killed"."""
    events = extract_events(nlp, "In the southern city of Kherson, a man was killed by Russian shelling on "
                                 "Tuesday morning, regional authorities said.")
    attack = next(e for e in events if e.type == "ASSAULT")
    assert attack.place == "Kherson"
    assert attack.place_source == "clause"


def test_the_day_a_toll_rose_is_not_the_day_of_the_strike_it_counts(nlp):
    events = extract_events(nlp, "The death toll from a Russian missile strike on a building in Dnipro rose to 34 "
                                 "on Tuesday, officials said. Russia fired the missile at the building late on "
                                 "Sunday.", published="2026-10-06")
    strike = next(e for e in events if e.type == "ASSAULT")
    assert strike.date == "2026-10-04"


def test_a_day_inside_the_event_nouns_own_phrase_still_dates_it(nlp):
    events = extract_events(nlp, "The ringleader of Saturday's attack on a police post in Kano was arrested on "
                                 "Tuesday.", published="2026-10-06")
    attack = next(e for e in events if e.type == "ASSAULT")
    assert attack.date == "2026-10-03"


def test_a_month_of_that_year_takes_the_year_told_before():
    from datetime import date

    from eventwire.extract.timex import tag

    found = tag("Fuel prices rose twice in 2025, and protests in July of that year left 19 dead.", None,
                date(2026, 8, 26), "publication")
    assert [(t.text, t.value) for t in found] == [("2025", "2025"), ("July", "2025-07"), ("that year", "2025")]


def test_a_month_alone_still_takes_the_storys_year():
    from datetime import date

    from eventwire.extract.timex import tag

    found = tag("Prices rose in 2025, and protests in July left 19 dead.", None, date(2026, 8, 26), "publication")
    assert [(t.text, t.value) for t in found][1] == ("July", "2026-07")
