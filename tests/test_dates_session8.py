"""Dates, session 8: a clock time keeps the year of its date, an act told inside a description is
not dated by the clauses around it, a day of the act's verb is finer than the period beside it, and
a day told inside a week refines the week (sentences written for these tests)."""

from __future__ import annotations

from datetime import date

from eventwire.extract.events.occurrences import _finer
from eventwire.extract.timex import normalize
from factories import extract_events


def _events(nlp, text: str, published: str):
    return extract_events(nlp, text, published)


def test_a_clock_time_on_a_dated_day_keeps_its_year():
    found = normalize("at 9:02 a.m. on April 19, 1995", date(1997, 4, 25))
    assert found is not None and found.value == "1995-04-19T09:02"


def test_a_clock_time_on_a_dated_day_needs_no_anchor():
    found = normalize("shortly after 10 p.m. on June 2, 2014", None)  # type: ignore[arg-type]
    assert found is not None and found.value == "2014-06-02T22:00"


def test_a_clock_time_on_a_day_with_no_year_still_counts_from_the_anchor():
    found = normalize("at 9 p.m. on May 3", date(1997, 4, 25))
    assert found is not None and found.value == "1997-05-03T21:00"


def test_an_act_inside_a_description_takes_the_outer_days_only_as_a_fallback(nlp):
    text = "On Friday a witness identified the man who rented the truck used in the bombing."
    [bombing] = [e for e in _events(nlp, text, "2026-04-25") if e.type == "ASSAULT"]
    assert bombing.date == "2026-04-24" and bombing.date_source == "outer"


def test_the_day_an_act_is_told_with_beats_the_day_around_its_description(nlp):
    text = ("On Friday a witness identified the man who rented the truck used in the bombing of the federal "
            "building. The building was shattered by an explosion at 9:02 a.m. on April 19, killing 168 people.")
    attacks = [e for e in _events(nlp, text, "2026-04-25") if e.type == "ASSAULT" and e.asserted]
    assert attacks and all((e.date or "").startswith("2026-04-19") for e in attacks)


def test_a_relative_clause_that_tells_the_act_itself_keeps_its_sentence_day(nlp):
    text = "He is charged over the April 15 attack, which killed three people."
    [attack] = [e for e in _events(nlp, text, "2026-06-04") if e.type == "ASSAULT"]
    assert attack.date == "2026-04-15" and attack.date_source == "sentence"


def test_a_day_inside_the_description_still_dates_the_act(nlp):
    text = "Police detained nine people who gathered outside the courthouse on Wednesday afternoon to protest."
    [protest] = [e for e in _events(nlp, text, "2026-12-03") if e.type == "PROTEST"]
    assert protest.date is not None and protest.date.startswith("2026-12-02") and protest.date_source != "outer"


def test_the_day_of_the_acts_verb_is_finer_than_the_year_beside_it(nlp):
    text = "The foreign ministry summoned the ambassador on Thursday and lodged a protest, its 12th this year."
    [summons] = [e for e in _events(nlp, text, "2026-09-17") if e.trigger == "summoned"]
    assert summons.date == "2026-09-17"


def test_a_day_of_another_verb_does_not_refine_the_acts_month(nlp):
    text = "Papiyan was charged last month with assaulting a police officer on Jan. 28."
    [charge] = [e for e in _events(nlp, text, "2016-02-23") if e.trigger == "charged"]
    assert charge.date == "2016-01"


def test_a_day_of_the_week_is_finer_than_the_week():
    assert _finer("2015-11-25", "2015-W48")
    assert not _finer("2015-11-18", "2015-W48")
    assert _finer("2026-01-13T21:00", "2026-01-13")
    assert not _finer("2015-W48", "2015-11-25")


def test_a_shooting_told_last_week_takes_the_day_told_later(nlp):
    text = ("A man was shot dead on the east side last week, police said. "
            "He was shot on Wednesday, Nov. 25, after a fight outside a store.")
    attacks = [e for e in _events(nlp, text, "2015-12-02") if e.type == "ASSAULT" and e.asserted]
    assert len(attacks) == 1 and attacks[0].date == "2015-11-25"


def test_a_clause_on_a_day_tells_what_happened_that_day(nlp):
    text = ("The judge found the commander guilty over the shooting at the square on Oct. 9, 2023, in which "
            "four protesters were killed and 11 wounded.")
    killings = [e for e in _events(nlp, text, "2026-09-22") if e.trigger == "killed"]
    assert killings and killings[0].date == "2023-10-09"


def test_a_clause_describing_a_person_is_still_not_dated_by_its_sentence(nlp):
    text = "On Wednesday police arrested the brother of a teenager killed by a stray bullet."
    [killing] = [e for e in _events(nlp, text, "2026-03-12") if e.type == "ASSAULT"]
    assert killing.date_source != "sentence"
