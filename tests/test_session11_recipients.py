"""Session 11 rules for whom an act was done to (issue 14, recipients; analyst reads #12-#15 and
newsgold dev): the people a use of force was aimed at, not the officers a crowd hurt. Sentences are
our own, run through the whole pipeline."""

from __future__ import annotations

from factories import extract_events


def _force(events, type_="ASSAULT"):
    return next(e for e in events if e.type == type_ and e.actor is not None)


def test_force_whose_object_is_its_means_hits_whom_the_joined_verb_acts_on(nlp):
    """"fired water cannon and detained dozens of students": the water cannon is the means."""
    events = extract_events(nlp, "Riot police fired water cannon and detained dozens of students outside the ministry.")
    fired = next(e for e in events if e.trigger == "fired")
    assert "students" in (fired.recipient_text or "")


def test_force_told_after_the_crowd_in_a_while_clause_is_aimed_at_the_crowd(nlp):
    """Not people told after it: "Troops fired warning shots and the villagers fled" aims at no one named."""
    events = extract_events(nlp, "Students threw rocks at the building while police began firing tear gas.")
    firing = _force(events)
    assert firing.actor == "police" and firing.recipient_text == "Students"
    fired = _force(extract_events(nlp, "Troops fired warning shots and the villagers fled."))
    assert "villagers" not in (fired.recipient_text or "")


def test_officers_hurt_in_another_mention_are_not_whom_the_police_acted_on(nlp):
    events = extract_events(nlp, "Police fired tear gas at hundreds of farmers who had blocked the highway in Lyon "
                                 "on Monday, the prefecture said. Three officers were slightly hurt.")
    fired = next(e for e in events if e.trigger == "fired")
    assert fired.recipient != "officer" and "farmers" in (fired.recipient_text or "")


def test_a_refused_call_answers_whom_it_came_by(nlp):
    events = extract_events(nlp, "Seoul rejected fresh calls by Pyongyang for talks.")
    refusal = next(e for e in events if e.type == "REJECT")
    assert refusal.recipient == "North Korea"


def test_an_accepted_offer_answers_whom_it_came_from(nlp):
    events = extract_events(nlp, "The cabinet accepted an offer from Japan to rebuild the port.")
    acceptance = next(e for e in events if e.type == "AGREE")
    assert acceptance.recipient == "Japan"


def test_a_demand_of_something_from_someone_asks_them(nlp):
    """Not where those released come from: "demanded the release of the detainees from prison"."""
    events = extract_events(nlp, "The miners demanded higher wages from the mining companies.")
    demand = next(e for e in events if e.type == "REQUEST")
    assert demand.recipient_text == "the mining companies"
    events = extract_events(nlp, "Protesters demanded the release of the detainees from prison.")
    demand = next(e for e in events if e.type == "REQUEST")
    assert "prison" not in (demand.recipient_text or "")


def test_whom_a_demand_asks_to_act_is_its_recipient_when_the_clause_tells_no_event(nlp):
    events = extract_events(nlp, "Rights groups are demanding that the governor abandon the plan.")
    demand = next(e for e in events if e.type == "REQUEST")
    assert demand.recipient == "governor"


def test_fire_opened_on_people_hits_them_not_what_they_had_attacked(nlp):
    """The "fire" of "opened fire" is the trigger's own word; who it was opened on is hit."""
    events = extract_events(nlp, "Soldiers opened fire on villagers who had attacked an army post.")
    fired = next(e for e in events if e.trigger == "opened fire")
    assert fired.recipient_text == "villagers"
    events = extract_events(nlp, "Settlers set fire to the offices of the local council overnight after a man "
                                 "was killed.")
    arson = next(e for e in events if e.trigger == "set fire")
    assert arson.recipient_text == "the offices of the local council"


def test_civilians_named_for_the_dead_stay_over_a_thing_another_mention_destroyed(nlp):
    events = extract_events(nlp, "The bombing was an attack on a cafe in Madrid which killed 13 people and wounded 71. "
                                 "The explosion also destroyed two cars parked nearby.")
    bombing = next(e for e in events if e.type == "ASSAULT")
    assert bombing.recipient == "civilians"
