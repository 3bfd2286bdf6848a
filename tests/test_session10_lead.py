"""Session 10 rules: a division named with its noun ("in Helmand province"). Rules on hand-built
parses first, then sentences through the whole pipeline."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.extract.places import _division_kinds, _is_adjectival
from eventwire.model import Event, Place
from factories import extract_events

VOCAB = spacy.blank("en").vocab


def division(name: str, noun: str, after: str | None = None) -> Doc:
    """"fighting in <name> <noun> [after]": the name hangs on the noun as a compound, and the noun on
    "in" (or, as a compound itself, on the word after it)."""
    words = ["fighting", "in", name, noun] + ([after] if after else [])
    if after:
        heads, deps = [0, 0, 3, 4, 1], ["ROOT", "prep", "compound", "compound", "pobj"]
    else:
        heads, deps = [0, 0, 3, 1], ["ROOT", "prep", "compound", "pobj"]
    pos = ["NOUN", "ADP", "PROPN", "NOUN"] + (["NOUN"] if after else [])
    ents = ["O", "O", "B-GPE", "O"] + (["O"] if after else [])
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, ents=ents)


def test_a_name_before_its_division_noun_is_that_place_not_a_modifier():
    doc = division("Helmand", "province")
    assert not _is_adjectival(doc[2], 3)
    assert _division_kinds(doc.ents[0]) == frozenset({"admin1", "admin2"})


def test_a_state_named_with_its_noun_is_a_first_level_division():
    doc = division("Kaduna", "state")
    assert _division_kinds(doc.ents[0]) == frozenset({"admin1"})


def test_a_division_noun_that_modifies_another_noun_names_no_division():
    """"in the Plymouth District court": the court's name, not the district."""
    doc = division("Plymouth", "District", after="court")
    assert _division_kinds(doc.ents[0]) is None
    assert _is_adjectival(doc[2], 3)


def test_a_province_in_a_wire_lead_places_the_attack(nlp):
    events = extract_events(nlp, "Gunmen killed five villagers in Zamfara state on Tuesday, police said.")
    assert events[0].place == "Zamfara"


def test_a_province_named_with_its_noun_places_the_bombing(nlp):
    events = extract_events(nlp, "A roadside bomb killed four soldiers in Helmand province on Monday.")
    assert events[0].place == "Helmand"


def test_a_province_and_a_town_in_another_province_are_no_one_scene():
    from eventwire.extract.gazetteer import in_other_divisions

    assert in_other_divisions("Zamfara", "Maiduguri", "NGA")
    assert not in_other_divisions("Borno", "Maiduguri", "NGA")
    assert not in_other_divisions("Nigeria", "Maiduguri", "NGA")  # a country holds every division


BRIEFS = (
    "NEWS IN BRIEF\n\n"
    "YEMEN: Gunmen attacked a checkpoint on Monday, killing three soldiers, officials said.\n\n"
    "PERU: Police arrested 40 miners blocking a highway on Monday, a spokesman said.\n\n"
    "NIGER: An army patrol was attacked by fighters on Monday; nine soldiers were killed, the ministry said.\n"
)


def test_place_labels_open_the_briefs_of_a_news_in_brief_page():
    from eventwire.extract.places import brief_labels

    labels = [BRIEFS[s:e] for s, e in brief_labels(BRIEFS)]
    assert labels == ["YEMEN", "PERU", "NIGER"]


def test_one_label_or_a_speakers_name_makes_no_page_of_briefs():
    from eventwire.extract.places import brief_labels

    assert brief_labels("YEMEN: Gunmen attacked a checkpoint.\n\nThe army said it would respond.") == ()
    assert brief_labels("WOODRUFF: Good evening.\n\nBROOKS: Thank you, Judy.") == ()


def test_attacks_of_two_briefs_are_two_records_each_placed_by_its_label(nlp):
    events = [e for e in extract_events(nlp, BRIEFS, published="2026-03-03") if e.type == "ASSAULT"]
    assert [(e.place, (e.fatalities.best if e.fatalities else None)) for e in events] == [
        ("Yemen", 3), ("Niger", 9)]
    assert all(e.actor_text != "YEMEN" for e in events)


def test_a_killing_in_one_province_and_a_bombing_in_a_town_of_another_are_two(nlp):
    events = extract_events(nlp, "Gunmen killed five villagers in Zamfara state on Tuesday, police said. "
                                 "In Borno, a bomb exploded at a market in Maiduguri.")
    assert len([e for e in events if e.type == "ASSAULT"]) == 2


def test_a_counter_operation_told_later_is_not_the_bombing_before_it(nlp):
    events = extract_events(nlp, "Separately, a roadside bomb struck an army truck in Kurram district on Friday, "
                                 "wounding four soldiers. Troops later launched an operation in the area and killed "
                                 "six insurgents, the army said.", published="2026-02-14")
    assaults = [e for e in events if e.type == "ASSAULT"]
    assert len(assaults) == 2
    assert assaults[0].fatalities is None and assaults[1].fatalities.best == 6


def test_later_sets_a_sentence_apart_not_its_own_acts(nlp):
    events = extract_events(nlp, "Bandits raided a market in Kaura on Monday. Hours later, gunmen stormed "
                                 "a village nearby and abducted 12 farmers.", published="2026-02-14")
    stormed = [e for e in events if e.type == "ASSAULT" and "stormed" in e.evidence[0].sentence]
    assert len(stormed) == 1


def test_the_town_the_wounded_were_taken_to_does_not_place_the_attack(nlp):
    events = extract_events(nlp, "Militants attacked a police post in Lakki Marwat district on Thursday, killing "
                                 "seven officers. Three other policemen were wounded and taken to a military "
                                 "hospital in Bannu.", published="2026-02-14")
    assaults = [e for e in events if e.type == "ASSAULT"]
    assert len(assaults) == 1
    assert assaults[0].place == "Lakki Marwat District" and assaults[0].injured.best == 3


def test_the_toll_of_a_war_is_a_tally_not_the_toll_of_the_shelling_before_it(nlp):
    events = extract_events(nlp, "Russian shelling wounded six people in Kherson on Tuesday. The war has killed "
                                 "more than 14,000 civilians, according to the United Nations.", published="2026-10-28")
    shelling, tally = [e for e in events if e.type == "ASSAULT"]
    assert shelling.fatalities is None and shelling.injured.best == 6
    assert tally.aggregate and tally.fatalities.best == 14000


def test_a_conflicts_toll_in_any_tense_and_unrests_in_the_perfect_are_tallies(nlp):
    def aggregate(text: str) -> bool:
        return only_assault(extract_events(nlp, text, published="2026-10-28")).aggregate

    assert aggregate("The insurgency killed thousands of people.")
    assert aggregate("More than 3,000 people have been killed in the conflict.")
    assert aggregate("Violence has killed at least 50 people this month.")
    assert not aggregate("The fighting killed 12 soldiers near the border on Monday.")


def only_assault(events: list[Event]) -> Event:
    [event] = [e for e in events if e.type == "ASSAULT"]
    return event


def test_a_protest_in_the_town_a_where_clause_hangs_on_is_another_protest(nlp):
    events = extract_events(nlp, "Protesters marched through Cochabamba on Monday. The unrest also spread to "
                                 "Tarija, where dozens of people blocked the main road to the border for several "
                                 "hours on Monday.", published="2026-11-03")
    protests = [e for e in events if e.type == "PROTEST" and not e.aggregate]
    assert [e.place for e in protests] == ["Cochabamba", "Tarija"]


HEADLINE_TWO_ACTS = (
    "Israeli strike kills four in south Lebanon, Hezbollah fires rockets in response\n\n"
    "BEIRUT (AFP) - An Israeli drone strike on a car in the city of Tyre killed four people on Wednesday, "
    "officials said.\n\n"
    "Hezbollah said it fired a salvo of rockets at an Israeli army post in Metula hours later.\n"
)


def test_an_act_the_headline_named_and_the_body_tells_later_is_one_record_placed_by_the_body(nlp):
    assaults = [e for e in extract_events(nlp, HEADLINE_TWO_ACTS, published="2026-03-11") if e.type == "ASSAULT"]
    assert [(e.actor, e.place) for e in assaults] == [("Israel", "Tyre"), ("Hezbollah", "Metula")]


def test_what_an_act_of_force_was_done_for_is_no_record_of_its_own(nlp):
    """The dispersal is the firing; the comrades have not been freed."""
    fired = extract_events(nlp, "Police fired tear gas to disperse hundreds of protesters outside parliament in "
                                "Kampala on Tuesday.", published="2026-06-24")
    attacked = extract_events(nlp, "Rebels attacked the army base near Goma to free their jailed comrades on "
                                   "Sunday.", published="2026-06-24")
    assert [e.type for e in fired] == ["ASSAULT"] and [e.type for e in attacked] == ["ASSAULT"]


def test_the_label_of_a_brief_says_which_country_its_towns_are_in(nlp):
    page = ("NEWS IN BRIEF\n\n"
            "PERU: Thousands of miners blocked a highway near Chala on Thursday, police said.\n\n"
            "KENYA: Police arrested 30 traders in Nairobi on Thursday, officials said.\n")
    [chala] = [p for p in place_list(nlp, page) if p.text == "Chala"]
    assert chala.country == "PER"


def test_a_town_the_gazetteer_lacks_keeps_its_name_inside_the_state_named_with_it(nlp):
    [kuriga] = [p for p in place_list(nlp, "Gunmen abducted 23 pupils in Kuriga, Kaduna state, on Thursday.")
                if p.text == "Kuriga"]
    assert (kuriga.name, kuriga.country, kuriga.kind) == ("Kuriga", "NGA", "feature")
    assert kuriga.latitude is not None


def place_list(nlp: Language, text: str) -> list[Place]:
    from eventwire.extract.places import geoparse

    return geoparse(nlp(text))


def test_the_country_that_owns_the_division_named_does_not_place_the_act(nlp):
    events = extract_events(nlp, "Police opened fire on a crowd in Assam's Nagaon district on Monday, killing two "
                                 "people.", published="2026-08-19")
    assert only_assault(events).place == "Nagaon"


def test_a_capital_that_denies_a_role_is_a_speaker_not_the_place_of_the_strike(nlp):
    events = extract_events(nlp, "A drone strike on a car in the city of Idlib killed four men on Tuesday, a monitor "
                                 "said, with a Kurdish-led force claiming the attack and Ankara denying any role.",
                            published="2026-06-03")
    assert {e.place for e in events if e.type == "ASSAULT"} == {"Idlib"}


def test_where_the_attackers_fled_toward_does_not_place_what_they_did(nlp):
    events = extract_events(nlp, "Gunmen stormed the market in Djibo on Sunday, killing 11 civilians. The attackers "
                                 "burned shops before fleeing toward the border with Mali.", published="2026-03-09")
    assert "Mali" not in {e.place for e in events}


def test_gendarmes_and_militiamen_killed_are_the_attacks_toll(nlp):
    events = extract_events(nlp, "Militants attacked a post in Gorom-Gorom, killing three gendarmes and two "
                                 "militiamen.", published="2026-03-12")
    assert only_assault(events).fatalities.best == 5


def test_the_fighting_told_as_a_tally_does_not_join_the_strike_before_it(nlp):
    events = extract_events(nlp, "The air force bombed rebel positions in Nyala on Thursday, killing at least 14 "
                                 "fighters. The fighting has killed more than 150,000 people since April 2023.",
                            published="2026-10-17")
    bombing = next(e for e in events if e.type == "ASSAULT" and not e.aggregate)
    assert bombing.fatalities.best == 14


def test_an_attack_a_week_before_the_news_keeps_its_toll_to_itself(nlp):
    events = extract_events(nlp, "A car bomb exploded at a checkpoint in Mogadishu on Saturday, killing nine people. "
                                 "The attack came a week after fighters stormed a military base in the south, "
                                 "killing at least 12 soldiers.", published="2026-02-15")
    told = [e for e in events if e.type == "ASSAULT" and not e.historical]
    assert [e.fatalities.best for e in told] == [9]


def test_an_act_set_apart_by_the_opening_adverb_and_dated_by_its_own_words_is_its_own_record(nlp):
    events = extract_events(nlp, "Jets bombed a village in Sagaing region on Monday, killing five civilians. Hours "
                                 "later a second strike hit another village, killing three more people. "
                                 "Separately, the Arakan Army said on Tuesday its fighters had overrun an army base "
                                 "in Rakhine state.", published="2026-04-08")
    overrun = [e for e in events if e.type == "ASSAULT" and e.actor == "Arakan Army"]
    assert len(overrun) == 1 and overrun[0].fatalities is None


def test_a_toll_of_clashes_at_polling_stations_across_a_country_is_a_tally(nlp):
    events = extract_events(nlp, "Three people were killed and dozens injured as clashes broke out at polling "
                                 "stations across Bangladesh on Thursday, police said. A party activist was shot "
                                 "dead near a polling station in Feni district, police said.", published="2026-01-16")
    told = [e for e in events if e.type == "ASSAULT" and not e.aggregate]
    assert [e.fatalities.best for e in told] == [1]


def test_arrests_told_in_a_participle_after_a_charge_are_their_own_record(nlp):
    events = extract_events(nlp, "Riot police fired tear gas and charged hundreds of farmers on Monday, arresting 31 "
                                 "people, the interior ministry said.", published="2026-09-29")
    assert any(e.type == "COERCE" and e.recipient_text == "31 people" for e in events)
