"""Session 11 rules for recall (issue 14): acts an analyst codes that the events stage folded into
another record or did not see. Sentences through the whole pipeline, and rules on their own."""

from __future__ import annotations

from eventwire.extract.events.occurrences import _several
from eventwire.model import Event
from factories import extract_events


def _recipient(text: str) -> Event:
    return Event(type="COERCE", trigger="arrested", evidence=[], recipient_text=text)


def test_a_count_of_people_is_several_but_a_count_of_charges_is_not():
    assert _several(_recipient("21 people"))
    assert _several(_recipient("Two senior ministry officials"))
    assert _several(_recipient("dozens of protesters"))
    assert not _several(_recipient("Two Counts Of Murder"))
    assert not _several(_recipient("200 kilograms of cocaine"))
    assert not _several(_recipient("Lobin Lowe"))


def test_the_arrest_of_a_named_person_and_of_a_counted_group_are_two_acts(nlp):
    events = extract_events(nlp, "Police detained Safikul Islam, a local trader, on Saturday. A mob later set fire "
                                 "to the police station. Police said 21 people had been arrested for the arson.")
    arrests = [e for e in events if e.type == "COERCE" and e.asserted]
    assert len(arrests) == 2
    assert {e.recipient_text for e in arrests} == {"Safikul Islam", "21 people"}


def test_calling_someone_a_slur_is_an_accusation(nlp):
    events = extract_events(nlp, "After the sentencing, the prosecutor Phil Stirling called Orozco a predator.")
    accusation = next(e for e in events if e.type == "ACCUSE")
    assert accusation.actor_text is not None and "Stirling" in accusation.actor_text
    assert accusation.recipient_text == "Orozco"


def test_calling_an_attack_a_crime_accuses_whoever_did_it(nlp):
    events = extract_events(nlp, "Dissidents attacked a police station in Suarez on Saturday. President Gustavo "
                                 "Petro called the attack \"a crime against the people of Cauca\".")
    assert any(e.type == "ACCUSE" and e.actor == "Gustavo Petro" for e in events)


def test_calling_someone_a_hero_is_support(nlp):
    events = extract_events(nlp, "Police called the mechanic a hero who did a phenomenal job.")
    assert any(e.type == "SUPPORT" for e in events)


def test_a_name_given_stays_apart_from_the_verdict_against_the_same_man(nlp):
    events = extract_events(nlp, "Jose Luis Orozco was convicted of first-degree murder on Thursday. After the "
                                 "sentencing, Stirling called Orozco a \"predator.\"", published="2007-05-04")
    assert len([e for e in events if e.type == "ACCUSE" and e.asserted]) == 2


def test_troops_ordered_to_an_area_are_mobilised(nlp):
    events = extract_events(nlp, "President Gustavo Petro said on social media that he had ordered troops to the area.")
    mobilised = next(e for e in events if e.type == "MOBILIZE")
    assert mobilised.actor == "Gustavo Petro"


def test_security_forces_ordered_to_hunt_the_bombers_are_mobilised(nlp):
    events = extract_events(nlp, "The president condemned the bombing and ordered security forces to hunt down those "
                                 "responsible.")
    assert any(e.type == "MOBILIZE" for e in events)


def test_troops_ordered_to_withdraw_are_no_mobilisation(nlp):
    events = extract_events(nlp, "The general ordered troops to withdraw from the town on Monday.")
    assert [e.type for e in events] == ["RETREAT"]


def test_a_suit_promised_on_a_condition_is_a_threat(nlp):
    events = extract_events(nlp, "Governor JB Pritzker demanded that DHS give lawyers access to the detainees. The "
                                 "governor said the state would sue if access was not granted by Monday.")
    threat = next(e for e in events if e.type == "THREATEN")
    assert threat.actor == "JB Pritzker"
    assert threat.asserted


def test_a_strike_named_after_a_comma_and_promised_on_a_condition_is_a_threat(nlp):
    events = extract_events(nlp, "The union said it would call another, 36-hour strike next month if the Senate "
                                 "passes the bill.")
    assert any(e.type == "THREATEN" and e.asserted for e in events)
