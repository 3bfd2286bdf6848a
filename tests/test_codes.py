"""Derived codes: PLOVER quad and score, CAMEO root, ACLED types, snippet labels."""

from __future__ import annotations

import pytest

from eventwire.extract.codes import (
    ACLED_SUBTYPES,
    QUAD_BY_TYPE,
    acled_types,
    cameo_root,
    derive_codes,
    intent_type,
    plover_quad,
    plover_score,
    snippet_label,
)
from eventwire.model import Event, Evidence

PLOVER_TYPES = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]


def make(type_: str, sentence: str, mode: str | None = None, **fields: object) -> Event:
    evidence = [Evidence(sentence=sentence, start=0, end=len(sentence))]
    event = Event(type=type_, trigger=fields.pop("trigger", "x"), evidence=evidence, mode=mode)  # type: ignore[arg-type]
    for name, value in fields.items():
        setattr(event, name, value)
    return event


def test_every_plover_type_has_a_quad_score_and_cameo_root():
    assert set(QUAD_BY_TYPE) == set(PLOVER_TYPES)
    for type_ in PLOVER_TYPES:
        assert plover_quad(type_) in {
            "verbal_cooperation",
            "material_cooperation",
            "verbal_conflict",
            "material_conflict",
        }
        score = plover_score(type_, None)
        assert score is not None and -10 <= score <= 10
        root = cameo_root(type_, None)
        assert root is not None and len(root) == 2 and "01" <= root <= "20"


def test_cooperation_scores_above_conflict():
    assert plover_score("AID", None) > plover_score("CONSULT", None) > plover_score("ACCUSE", None)
    assert plover_score("ASSAULT", "massacre") == -10.0


@pytest.mark.parametrize(
    "type_, mode, root",
    [
        ("ACCUSE", "investigate", "09"),
        ("ACCUSE", "allege", "11"),
        ("ASSAULT", "firearms", "19"),
        ("ASSAULT", "massacre", "20"),
        ("ASSAULT", "abduct", "18"),
        ("COERCE", "arrest", "17"),
        ("RETREAT", "release", "08"),
    ],
)
def test_cameo_root_by_type_and_mode(type_: str, mode: str, root: str):
    assert cameo_root(type_, mode) == root


@pytest.mark.parametrize(
    "sentence, subtype",
    [
        ("A drone strike hit a car on the highway.", "Air/drone strike"),
        ("Artillery shells landed in the market.", "Shelling/artillery/missile attack"),
        ("A roadside bomb hit the convoy.", "Remote explosive/landmine/IED"),
        ("A man threw a grenade into the bar.", "Grenade"),
        ("A suicide bomber struck the mosque.", "Suicide bomb"),
        ("Chlorine gas was used in the attack.", "Chemical weapon"),
        ("Gunmen killed three farmers in their fields.", "Attack"),
        ("Soldiers clashed with rebels near the border.", "Armed clash"),
    ],
)
def test_assault_subtypes_from_means_and_targets(sentence: str, subtype: str):
    event_type, sub = acled_types(make("ASSAULT", sentence))
    assert sub == subtype
    assert event_type == ACLED_SUBTYPES[subtype]


@pytest.mark.parametrize(
    "sentence, subtype",
    [
        ("Teachers marched peacefully to the ministry.", "Peaceful protest"),
        ("Police fired tear gas at the protesters.", "Protest with intervention"),
        ("Police opened fire on protesters, killing two.", "Excessive force against protesters"),
        ("Rioters threw stones at the police.", "Violent demonstration"),
    ],
)
def test_protest_subtypes(sentence: str, subtype: str):
    assert acled_types(make("PROTEST", sentence, mode="demo"))[1] == subtype


def test_strategic_developments():
    assert acled_types(make("COERCE", "Police arrested ten activists.", mode="arrest"))[1] == "Arrests"
    assert acled_types(make("RETREAT", "The sides agreed a ceasefire.", mode="ceasefire"))[1] == "Agreement"
    assert acled_types(make("SUPPORT", "The parties signed a deal.", mode="sign"))[1] == "Agreement"
    assert acled_types(make("CONSULT", "The ministers met.", mode="meet")) == (None, None)


def test_derive_codes_fills_every_field():
    event = make("ASSAULT", "Jets bombed the base.", mode="heavy-weapons")
    derive_codes(event)
    assert event.plover_quad == "material_conflict"
    assert event.cameo_root == "19"
    assert event.acled_event_type == "Explosions/Remote violence"
    assert event.acled_sub_event_type == "Air/drone strike"


def test_intent_type_codes_statements_as_plover_does():
    assert intent_type(make("CONSULT", "x", future=True)) == "AGREE"
    assert intent_type(make("ASSAULT", "x", hypothetical=True)) == "THREATEN"
    assert intent_type(make("AGREE", "x", negated=True)) == "REJECT"
    assert intent_type(make("ASSAULT", "x")) == "ASSAULT"


@pytest.mark.parametrize(
    "text, label",
    [
        ("The group claimed responsibility for the bombing.", "ATTRIB"),
        ("Floods after heavy rain displaced thousands.", "NATURAL_DISASTER"),
        ("A building collapsed in the city centre.", "MAN_MADE_DISASTER"),
        ("A gang of robbers stole cash from a shop.", "ORG_CRIME"),
        ("The two ministers met in the capital.", "DIPLO"),
        ("Troops exchanged fire with insurgents.", "Armed clash"),
        ("Engineers defused a bomb found under a bridge.", "Disrupted weapons use"),
    ],
)
def test_snippet_label_without_events_uses_cue_words(text: str, label: str):
    assert snippet_label([], text) == label


def test_snippet_label_prefers_the_specific_subtype():
    generic = make("ASSAULT", "x", confidence=0.9)
    generic.acled_sub_event_type = "Attack"
    specific = make("ASSAULT", "x", confidence=0.5)
    specific.acled_sub_event_type = "Grenade"
    assert snippet_label([generic, specific], "Attackers threw a grenade at a shop.") == "Grenade"


def test_no_acled_type_for_what_did_not_happen():
    event = make("ASSAULT", "Jets may bomb the base.", hypothetical=True)
    derive_codes(event)
    assert event.acled_sub_event_type is None and event.acled_event_type is None
    assert event.plover_quad == "material_conflict"
