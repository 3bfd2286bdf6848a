"""Trigger words the events stage keeps as mentions, and how `eval wikievents` counts them
(issue 16: WikiEvents annotates every event word; eventwire folds some into one mention)."""

from __future__ import annotations

from eventwire.eval import wikievents
from eventwire.model import Event, Evidence
from factories import extract_events


def events_of(nlp, text: str) -> list[Event]:
    return extract_events(nlp, text)


def folded_words(text: str, events: list[Event]) -> list[tuple[str, str]]:
    return sorted((text[s:e], t) for ev in events for x in ev.evidence for s, e, t in x.folded_triggers)


def test_a_blast_merged_into_its_killing_keeps_its_word(nlp):
    text = "A car bomb exploded outside the barracks, killing four soldiers."
    events = events_of(nlp, text)
    assert [e.type for e in events] == ["ASSAULT"]
    assert ("exploded", "ASSAULT") in folded_words(text, events)


def test_the_act_of_a_charge_is_kept_as_a_folded_word(nlp):
    text = "Prosecutors charged the two brothers with planning the ambush on the convoy."
    events = events_of(nlp, text)
    assert ("ambush", "ASSAULT") in folded_words(text, events)


def test_a_sentence_with_one_trigger_folds_nothing(nlp):
    text = "Rebels attacked a government convoy on Monday."
    assert folded_words(text, events_of(nlp, text)) == []


def _doc(text: str, word: str) -> wikievents.Document:
    start = text.index(word)
    return wikievents.Document(text, [wikievents.GoldEvent("ASSAULT", start, start + len(word))])


def _event(text: str, trigger: str, folded: list[tuple[int, int, str]], type_: str = "ASSAULT") -> Event:
    start = text.index(trigger)
    evidence = Evidence(sentence=text, start=0, end=len(text), trigger_start=start,
                        trigger_end=start + len(trigger), folded_triggers=folded)
    return Event(type=type_, trigger=trigger, evidence=[evidence])


def _record(events: list[Event]) -> object:
    return type("Rec", (), {"events": events, "places": [], "casualties": []})()


def test_eval_counts_a_folded_word_as_a_mention_of_its_own():
    text = "The device went off, killing two."
    start = text.index("went off")
    record = _record([_event(text, "killing", [(start, start + 8, "ASSAULT")])])
    counts = wikievents.Counts()
    wikievents._score_document(_doc(text, "went off"), record, counts)  # type: ignore[arg-type]
    assert counts.trigger == [1, 2, 1, 1]  # the folded word matches the gold; the killing is unannotated


def test_eval_leaves_out_a_folded_word_of_an_unscored_type():
    text = "The two sides agreed to resume talks."
    start = text.index("talks")
    record = _record([_event(text, "agreed", [(start, start + 5, "CONSULT")], "AGREE"),
                      _event(text, "agreed", [(start, start + 5, "AID")], "AGREE")])
    counts = wikievents.Counts()
    wikievents._score_document(wikievents.Document(text, []), record, counts)  # type: ignore[arg-type]
    assert counts.trigger[1] == 1  # the CONSULT word once; AGREE and AID are not scored


def test_bombs_going_off_are_an_explosion(nlp):
    events = events_of(nlp, "By nightfall at least a dozen bombs had gone off across the capital.")
    assert [(e.type, e.trigger, e.mode) for e in events] == [("ASSAULT", "gone off", "explosives")]


def test_an_alarm_going_off_is_no_event(nlp):
    assert events_of(nlp, "The fire alarm went off twice during the hearing.") == []


def test_a_bomber_blowing_himself_up_is_an_attack(nlp):
    event = only_type(events_of(nlp, "A suicide bomber blew himself up outside the ministry on Sunday."), "ASSAULT")
    assert event.trigger == "blew himself up"
    assert event.mode == "explosives"


def test_blowing_up_a_bridge_stays_destruction(nlp):
    assert [e.type for e in events_of(nlp, "Militants blew up a railway bridge near the border.")] == ["COERCE"]


def test_instructing_officials_to_act_is_a_request(nlp):
    event = only_type(events_of(nlp, "The minister instructed the regional governors to close the border."), "REQUEST")
    assert event.trigger == "instructed"
    assert "governors" in (event.recipient_text or "")


def only_type(events: list[Event], type_: str) -> Event:
    found = [e for e in events if e.type == type_]
    assert len(found) == 1, [(e.type, e.trigger) for e in events]
    return found[0]


def test_a_charge_joined_to_an_arrest_shares_its_subject(nlp):
    event = only_type(events_of(nlp, "In April, he was arrested and charged with sedition."), "ACCUSE")
    assert event.trigger == "charged"
    assert event.recipient_text == "he"


def test_people_blown_to_pieces_in_a_bombing_story_were_attacked(nlp):
    text = "A car bomb exploded at the market on Friday. Several shoppers were blown to pieces."
    events = events_of(nlp, text)
    words = [text[x.trigger_start:x.trigger_end] for e in events if e.type == "ASSAULT" for x in e.evidence
             if x.trigger_start is not None]
    assert "blown to pieces" in words


def test_a_plan_blown_to_pieces_is_no_attack(nlp):
    assert events_of(nlp, "The budget plan was blown to pieces by the court ruling.") == []


def test_a_subheading_inside_a_story_tells_no_event(nlp):
    text = ("Rebels attack convoy\n\nGunmen attacked a police convoy on Monday, officials said.\n\n"
            "Car bombs\n\nSoldiers later found wires near the base, the army said.\n")
    words = [text[x.trigger_start:x.trigger_end] for e in events_of(nlp, text) for x in e.evidence
             if x.trigger_start is not None]
    assert "Car bombs" not in words
    assert "attacked" in words


def test_a_headline_without_a_verb_still_names_its_event(nlp):
    text = "Bomb attack in Kabul\n\nA bomb exploded at a market in Kabul on Monday, police said.\n"
    words = [text[x.trigger_start:x.trigger_end] for e in events_of(nlp, text) for x in e.evidence
             if x.trigger_start is not None]
    assert "attack" in words


def test_a_verb_told_of_the_event_noun_is_not_folded(nlp):
    text = "On Friday an explosion targeted a crowded bakery in the old town."
    assert [w for w, _ in folded_words(text, events_of(nlp, text))] == []


def test_a_participle_heading_is_a_subheading(nlp):
    text = ("Talks resume\n\nThe two sides met in Geneva on Monday, officials said.\n\nCollapsed truce\n\n"
            "Fighting resumed in the north last week, residents said.\n")
    words = [text[x.trigger_start:x.trigger_end] for e in events_of(nlp, text) for x in e.evidence
             if x.trigger_start is not None]
    assert "truce" not in words
