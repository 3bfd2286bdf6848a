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
