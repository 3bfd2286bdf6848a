"""Derived codes: PLOVER quad and score, CAMEO root, ACLED types, snippet labels."""

from __future__ import annotations

import pytest

from eventwire.extract.codes import (
    ACLED_SUBTYPES,
    QUAD_BY_TYPE,
    acled_types,
    cameo_root,
    derive_codes,
    has_cue,
    intent_type,
    plover_quad,
    plover_score,
    rule_snippet_label,
)
from eventwire.model import Count, Event, Evidence

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
        ("Soldiers kicked students at the peaceful sit-in, leaving several of them hospitalised.",
         "Excessive force against protesters"),
        ("A marcher died in hospital after officers clubbed the crowd.", "Excessive force against protesters"),
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
    assert rule_snippet_label([], text) == label


@pytest.mark.parametrize(
    "text, label",
    [
        ("Health officials declared an outbreak of measles in two northern districts.", "NATURAL_DISASTER"),
        ("The ministry reported 900 new cholera cases and eleven deaths this week.", "NATURAL_DISASTER"),
        ("Heavy snowfall cut off mountain villages and two shepherds froze to death.", "NATURAL_DISASTER"),
        ("A blast tore through a fertiliser plant outside the city, killing five workers.", "MAN_MADE_DISASTER"),
        ("Crude oil spilled from a ruptured tanker onto the beaches.", "MAN_MADE_DISASTER"),
        ("Twelve villagers died after drinking bootleg liquor at a wedding.", "MAN_MADE_DISASTER"),
    ],
)
def test_epidemics_spills_and_poisoned_liquor_are_no_acled_events(text: str, label: str):
    assert rule_snippet_label([], text) == label


@pytest.mark.parametrize(
    "text", ["A shop was looted during the pandemic lockdown.", "An outbreak of violence hit the market town."]
)
def test_a_pandemic_named_in_passing_or_an_outbreak_of_violence_is_no_disaster(text: str):
    assert not has_cue("natural", text)


@pytest.mark.parametrize(
    "text, label",
    [
        ("Army units recovered the locality of Rutshuru from the rebels on Sunday.", "Government regains territory"),
        ("Soldiers freed the village of Bambui from separatist control after a dawn raid.",
         "Government regains territory"),
        ("Militia fighters swept into the district capital and hoisted the flag over the prefecture.",
         "Non-state actor overtakes territory"),
    ],
)
def test_ground_recovered_freed_or_flagged_changed_hands(text: str, label: str):
    assert rule_snippet_label([], text) == label


@pytest.mark.parametrize(
    "sentence, subtype",
    [
        ("Shells filled with irritant chemicals were dropped on the trenches, the army said.", "Chemical weapon"),
        ("Witnesses spoke of a yellowish cloud after the attack on the suburb.", "Chemical weapon"),
        ("Police said a man detonated explosives strapped to his body at the gate, wounding six guards.",
         "Suicide bomb"),
        ("Two boys were killed when an unexploded shell they were playing with blew up.",
         "Remote explosive/landmine/IED"),
        ("Rebels triggered a powerful blast under an army truck on the highway.", "Remote explosive/landmine/IED"),
        ("A bomb left in a parked car killed three people near the market.", "Remote explosive/landmine/IED"),
        ("Guards shot the attacker before he could detonate his vest at the checkpoint.", "Disrupted weapons use"),
        ("An old mortar round that was found in a field was destroyed in a controlled blast.",
         "Disrupted weapons use"),
    ],
)
def test_weapon_cues_from_the_codebook(sentence: str, subtype: str):
    assert acled_types(make("ASSAULT", sentence))[1] == subtype


@pytest.mark.parametrize(
    "sentence, subtype",
    [
        ("Bottles, stones and fireworks were thrown at officers as the march reached the square.",
         "Violent demonstration"),
        ("Striking dockers fought running battles with riot police outside the port.", "Violent demonstration"),
        ("Officers removed dozens of demonstrators who had occupied the lobby of the ministry.",
         "Protest with intervention"),
        ("Gunmen opened fire on a crowd of peaceful protesters in the market, killing three.",
         "Excessive force against protesters"),
    ],
)
def test_protest_cues_from_the_codebook(sentence: str, subtype: str):
    assert acled_types(make("PROTEST", sentence, mode="demo"))[1] == subtype


@pytest.mark.parametrize(
    "sentence, group",
    [
        ("Hundreds marched through the city; police reported no arrests.", "arrest"),
        ("The crowd dispersed peacefully after the speeches.", "intervention"),
    ],
)
def test_arrests_not_made_and_a_crowd_leaving_peacefully_are_no_intervention(sentence: str, group: str):
    assert not has_cue(group, sentence)


def test_arms_found_in_a_hideout_and_a_named_air_defence_zone():
    assert has_cue("disrupt", "Troops raided a hideout in the hills where the gang kept rifles and explosives.")
    assert not has_cue("disrupt", "Two bombers flew through the air defence identification zone on Monday.")
    assert has_cue("disrupt", "The drone was brought down by air defences over the port.")


@pytest.mark.parametrize(
    "text, label",
    [
        ("Soldiers dislodged the insurgents from the market town after a day of fighting.",
         "Government regains territory"),
        ("The militia has taken over the gold mining site near the border, miners said.",
         "Non-state actor overtakes territory"),
        ("Eight villagers died after drinking toxic home-brewed alcohol at a funeral.", "MAN_MADE_DISASTER"),
        ("A UN panel held the militia responsible for the massacre of the herders.", "ATTRIB"),
    ],
)
def test_more_codebook_cases_without_events(text: str, label: str):
    assert rule_snippet_label([], text) == label


def test_hospital_words_outside_a_protest_are_no_excessive_force():
    assert not has_cue("force", "Ten people were taken to hospital after the bombing at the market.")


def test_violence_that_spills_over_is_no_spill():
    assert not has_cue("manmade", "Violence spilled over into the neighbouring district.")


def test_a_protest_about_an_epidemic_is_the_protest():
    text = "Residents marched to the town hall to protest against the rise of dengue cases in the city."
    events = [coded("PROTEST", text, "Peaceful protest", 0.8)]
    assert rule_snippet_label(events, text) == "Peaceful protest"


def test_snippet_label_prefers_the_specific_subtype():
    generic = make("ASSAULT", "x", confidence=0.9)
    generic.acled_sub_event_type = "Attack"
    specific = make("ASSAULT", "x", confidence=0.5)
    specific.acled_sub_event_type = "Grenade"
    assert rule_snippet_label([generic, specific], "Attackers threw a grenade at a shop.") == "Grenade"


def test_no_acled_type_for_what_did_not_happen():
    event = make("ASSAULT", "Jets may bomb the base.", hypothetical=True)
    derive_codes(event)
    assert event.acled_sub_event_type is None and event.acled_event_type is None
    assert event.plover_quad == "material_conflict"


# --- ACLED labels on unseen snippets: cue words --------------------------------------------------


@pytest.mark.parametrize(
    "text, label",
    [
        ("Rebels took over a border post near the river.", "Non-state actor overtakes territory"),
        ("Government troops took back the village from the insurgents.", "Government regains territory"),
        ("Militants recaptured the hill town after a week.", "Non-state actor overtakes territory"),
        ("The insurgents entered the market town without resistance.", "Non-violent transfer of territory"),
        ("Soldiers found a cache of AK-47 rifles in a farmhouse.", "Disrupted weapons use"),
        ("An air defence unit downed two drones over the port.", "Disrupted weapons use"),
        ("A stash of rifles and grenades was found in a farmhouse near the border.", "Disrupted weapons use"),
        ("Explosives have been discovered in a parked car outside the stadium.", "Disrupted weapons use"),
        ("Villagers said the shells released a poisonous gas that left dozens gasping.", "Chemical weapon"),
        ("Two men set off explosives at the gate, killing themselves and a guard.", "Suicide bomb"),
        ("Insurgents detonated explosives under the culvert as the patrol passed.", "Remote explosive/landmine/IED"),
        ("Two soldiers were accused of molesting a schoolgirl at a checkpoint.", "Sexual violence"),
        ("The mayor and three aides were charged over a bribery scheme at the port.", "ORG_CRIME"),
        ("A refinery blast killed four workers and injured dozens.", "MAN_MADE_DISASTER"),
        ("In a video the cell claimed the beheadings of four engineers last year.", "ATTRIB"),
        ("Mounted police chased away protesters at the ministry gates.", "Protest with intervention"),
        ("Nurses staged a die-in on the hospital steps over staff shortages.", "Peaceful protest"),
        ("The group has claimed the ambush on the convoy.", "ATTRIB"),
        ("The minister said the bombing bore the hallmarks of the separatists.", "ATTRIB"),
        ("Officials pinned the raid on the village on a rival militia.", "ATTRIB"),
        ("A student leader has been missing since men in uniform took him away.", "Abduction/forced disappearance"),
        ("Police took four suspects into custody.", "Arrests"),
        ("Protesters torch a bank branch after the verdict", "Violent demonstration"),
        ("Striking miners put up barricades across the mine road on Tuesday.", "Violent demonstration"),
        ("Villagers protesting the eviction blocked the highway with rocks and logs.", "Violent demonstration"),
        ("Villagers protesting the eviction blocked the highway for an hour.", "Peaceful protest"),
        ("The two sides signed an accord to end the fighting in the valley.", "Agreement"),
        ("A market fire killed nine traders.", "MAN_MADE_DISASTER"),
        ("A strong tremor shook the coastal towns.", "NATURAL_DISASTER"),
        ("The militia has named a new commander.", "Change to group/activity"),
        ("Workers walked off the job to demand higher wages.", "Peaceful protest"),
        ("Unknown men burned down several huts in the hamlet.", "Looting/property destruction"),
        ("Gunmen hacked to death a farmer near the river.", "Attack"),
        ("Artillery pounded the northern suburbs overnight.", "Shelling/artillery/missile attack"),
        ("Two marchers were seriously injured when police broke up the rally.", "Excessive force against protesters"),
        ("Four people died in the crackdown on the sit-in outside the palace.", "Excessive force against protesters"),
        ("The crackdown on the strikers left six people dead.", "Excessive force against protesters"),
        ("Several villages were handed over to the army under the accord.", "Non-violent transfer of territory"),
        ("Militia fighters left their positions in the old city under a deal brokered by elders.",
         "Non-violent transfer of territory"),
    ],
)
def test_snippet_label_cue_words_on_unseen_phrasings(text: str, label: str):
    assert rule_snippet_label([], text) == label


@pytest.mark.parametrize(
    "text",
    [
        "On 4 March, the two presidents met in the capital.",  # a date, not a march
        "Jets carried out an air strike on the depot.",  # not a labour strike
    ],
)
def test_dates_and_air_strikes_are_not_protests(text: str):
    assert rule_snippet_label([], text) not in ("Peaceful protest", "Protest with intervention")


def test_liberation_in_a_group_name_is_not_a_recapture():
    text = "Fighters of the National Liberation Front clashed with a rival faction."
    assert rule_snippet_label([], text) == "Armed clash"


def test_a_gold_mine_is_not_a_landmine():
    assert rule_snippet_label([], "Two workers were led away from the gold mine by armed men.") == (
        "Abduction/forced disappearance"
    )


# --- ACLED labels on unseen snippets: event-based rules -----------------------------------------


def deaths(n: int) -> Count:
    return Count(low=n, best=n, high=n)


@pytest.mark.parametrize(
    "event, subtype",
    [
        (
            make("COERCE", "Gunmen seized two nurses from the clinic.", mode="seize", recipient_text="two nurses"),
            "Abduction/forced disappearance",
        ),
        (
            make("COERCE", "Gunmen seized the clinic's generator.", mode="seize", recipient_text="the generator"),
            "Looting/property destruction",
        ),
        (
            make("COERCE", "Angry protesters set fire to the town hall.", mode="seize", actor_text="Angry protesters"),
            "Violent demonstration",
        ),
        (
            make(
                "ASSAULT", "Police shot a man during a protest over rents.", actor_text="Police", fatalities=deaths(1)
            ),
            "Excessive force against protesters",
        ),
        (
            make("ASSAULT", "Police fired tear gas at a protest over rents.", mode="firearms", actor_text="Police"),
            "Protest with intervention",
        ),
        (
            make("ASSAULT", "Rioters attacked traders in the old town.", actor_text="Rioters"),
            "Mob violence",
        ),
        (
            make("ASSAULT", "Ten villagers were killed when gunmen raided the hamlet.", recipient_text="Ten villagers"),
            "Attack",
        ),
        (
            make("ASSAULT", "Gunmen killed six people and burned houses.", actor_text="Gunmen", fatalities=deaths(6)),
            "Attack",
        ),
        (
            make("ASSAULT", "The army killed dozens of terrorists.", recipient_text="dozens of terrorists"),
            "Armed clash",
        ),
        (make("ASSAULT", "A device went off at the bus park.", weapon="explosive"), "Remote explosive/landmine/IED"),
        (
            make("COERCE", "He disappeared after being arrested by agents.", mode="arrest", trigger="arrested"),
            "Abduction/forced disappearance",
        ),
        (
            make("CONCEDE", "The battalion ceded its outpost to the army.", trigger="ceded"),
            "Non-violent transfer of territory",
        ),
        (
            make("COOPERATE", "Troops established a forward operating base.", trigger="established"),
            "Headquarters or base established",
        ),
        (make("COERCE", "The governor imposed a curfew.", mode="curfew"), "Other"),
        (
            make("COERCE", "Rebels seized Kafr Salem from regime forces.", mode="seize", actor_text="Rebels"),
            "Non-state actor overtakes territory",
        ),
    ],
)
def test_acled_subtype_of_an_event(event: Event, subtype: str):
    assert acled_types(event)[1] == subtype


def test_a_diplomatic_agreement_is_not_an_acled_agreement():
    event = make("AGREE", "The two ministers agreed to restore diplomatic relations.", trigger="agreed")
    assert acled_types(event) == (None, None)
    assert acled_types(make("AGREE", "The rebels and the army agreed a truce.", trigger="agreed"))[1] == "Agreement"


def coded(type_: str, sentence: str, sub: str, confidence: float = 0.8, **fields: object) -> Event:
    event = make(type_, sentence, confidence=confidence)
    for name, value in fields.items():
        setattr(event, name, value)
    event.acled_sub_event_type = sub
    event.acled_event_type = ACLED_SUBTYPES[sub]
    return event


def test_arrests_at_a_protest_are_a_protest_with_intervention():
    text = "Police arrested 12 people during a rally in the capital."
    events = [coded("COERCE", text, "Arrests", 0.9), coded("PROTEST", text, "Peaceful protest", 0.6)]
    assert rule_snippet_label(events, text) == "Protest with intervention"


def test_arrests_at_a_protest_where_demonstrators_fought_are_a_violent_demonstration():
    text = "A student was arrested during clashes that broke out at the march on the ministry."
    events = [coded("COERCE", text, "Arrests", 0.9), coded("PROTEST", text, "Peaceful protest", 0.6)]
    assert rule_snippet_label(events, text) == "Violent demonstration"


@pytest.mark.parametrize(
    "sentence",
    [
        "Scuffles broke out between marchers and police outside the parliament building.",
        "Supporters of the party fired firecrackers at the riot police during the rally.",
        "Clashes erupted in the city centre as the demonstration reached the governor's office.",
        "The protesters reached the square, where violence broke out after the speeches.",
    ],
)
def test_physical_clashes_at_a_protest_make_it_violent(sentence: str):
    assert has_cue("riot", sentence)
    assert acled_types(make("PROTEST", sentence, mode="demo"))[1] == "Violent demonstration"


@pytest.mark.parametrize(
    "sentence",
    [
        "Clashes broke out between the army and the rebels near the border town.",
        "Fighting erupted in the north after the talks collapsed.",
        "Fireworks lit up the sky over the capital on new year's eve.",
    ],
)
def test_clashes_without_a_protest_are_no_riot(sentence: str):
    assert not has_cue("riot", sentence)


@pytest.mark.parametrize(
    "sentence, strike",
    [
        ("Jets bombed the base overnight.", True),
        ("The market was hit by a drone on Sunday.", True),
        ("A helicopter gunship fired on the convoy.", True),
        ("Warplanes pounded the outskirts of the town.", True),
        ("Two helicopters opened fire on the fleeing gunmen.", True),
        ("The depot was bombed from the air before dawn.", True),
        ("Fighter jets were scrambled after two foreign aircraft entered the air defence zone.", False),
        ("The aircraft carrier docked in the port for repairs.", False),
        ("The guard unit said it had formed a new drone squadron.", False),
    ],
)
def test_an_air_strike_needs_aircraft_that_strike(sentence: str, strike: bool):
    assert has_cue("air", sentence) is strike


def test_a_killing_outranks_a_strategic_development():
    text = "Militants set up a checkpoint on the highway and killed two drivers."
    events = [
        coded("ASSAULT", text, "Attack", 0.9, trigger="killed"),
        coded("COOPERATE", text, "Headquarters or base established", 0.5),
    ]
    assert rule_snippet_label(events, text) == "Attack"


def test_violence_by_a_gang_is_organized_crime():
    text = "A drug gang killed two rival dealers in the port city."
    events = [coded("ASSAULT", text, "Attack", actor_text="A drug gang")]
    assert rule_snippet_label(events, text) == "ORG_CRIME"
    rebels = "Rebels killed two drug dealers in the port city."
    assert rule_snippet_label([coded("ASSAULT", rebels, "Attack", actor_text="Rebels")], rebels) == "Attack"


def test_an_agreed_handover_is_a_territory_transfer():
    text = "The militia agreed to hand the town over to the army and left on Monday."
    assert rule_snippet_label([coded("AGREE", text, "Agreement")], text) == "Non-violent transfer of territory"


def test_an_attack_only_feared_is_not_reported():
    text = "Hundreds of families fled the district, fearing attacks."
    assert rule_snippet_label([coded("ASSAULT", text, "Attack", trigger="attacks")], text) == "Other"


def test_a_person_seized_is_abducted_even_when_a_place_word_comes_first():
    event = make(
        "COERCE",
        "Gunmen seized a village head near the market.",
        mode="seize",
        actor_text="Gunmen",
        recipient_text="a village head",
    )
    assert acled_types(event)[1] == "Abduction/forced disappearance"
    town = make("COERCE", "Rebels seized the village of Tamba.", mode="seize", recipient_text="the village of Tamba")
    assert acled_types(town)[1] == "Non-state actor overtakes territory"


def test_who_takes_control_is_read_from_the_words_before_the_verb_when_no_actor_was_found():
    state = "On Sunday army units took control of the river port from the separatist militia."
    assert rule_snippet_label([], state) == "Government regains territory"
    rebels = "On Sunday separatist fighters took control of the river port from the army."
    assert rule_snippet_label([], rebels) == "Non-state actor overtakes territory"
    named_army = "The Kachin Independence Army seized control of a jade-mining town near the border."
    assert rule_snippet_label([], named_army) == "Non-state actor overtakes territory"


@pytest.mark.parametrize(
    "sentence", ["Soldiers gang-raped two women in the village.", "A girl was gang raped by militiamen."]
)
def test_a_gang_rape_names_no_criminal_gang(sentence: str):
    assert not has_cue("crime", sentence)


def test_a_crime_attributed_to_a_gang_is_organized_crime():
    assert rule_snippet_label([], "Police said a drug gang was behind the shooting at the bar.") == "ORG_CRIME"
    assert rule_snippet_label([], "Police said the militants were behind the shooting at the bar.") == "ATTRIB"


def test_a_chemical_attack_is_not_an_accidental_poisoning():
    text = "Doctors said the shelling victims showed signs of chlorine poisoning."
    assert rule_snippet_label([coded("ASSAULT", text, "Chemical weapon")], text) == "Chemical weapon"


@pytest.mark.parametrize("type_", ["ACCUSE", "REQUEST", "REJECT", "THREATEN", "CONSULT"])
def test_a_statement_is_no_acled_event_whatever_its_words(type_: str):
    sentence = "The president urged allies to deliver more air defence systems after missiles were intercepted."
    assert acled_types(make(type_, sentence)) == (None, None)


def test_a_fire_started_by_rioting_demonstrators_is_no_accident():
    """"blaze" says man-made disaster only when nobody set it: at a demonstration that turned to
    rioting, the fire is part of the violent demonstration."""
    text = "Students marched through the old town and some smashed shop windows and started a blaze."
    march = coded("PROTEST", text, "Peaceful protest", actor_text="Students")
    assert rule_snippet_label([march], text) == "Violent demonstration"
    accident = "A blaze gutted a timber warehouse near the docks."
    assert rule_snippet_label([], accident) == "MAN_MADE_DISASTER"


def test_the_army_with_allied_militias_regains_territory_but_a_militia_alone_overtakes_it():
    """A group named as the state's ally does not make state forces a non-state actor; named
    alone it is still a militia."""
    assert rule_snippet_label([], "The army and pro-government militias took control of the district capital.") == (
        "Government regains territory"
    )
    assert rule_snippet_label([], "A pro-government militia captured the district from a rival militia.") == (
        "Non-state actor overtakes territory"
    )
    assert rule_snippet_label([], "Rebels and allied militias took control of the district capital.") == (
        "Non-state actor overtakes territory"
    )


def test_a_sanction_in_response_to_an_attack_is_diplomatic_news():
    text = "The union imposed sanctions on three generals in response to the massacre of villagers in May."
    sanction = coded("SANCTION", text, "Other", trigger="sanctions")
    massacre = coded("ASSAULT", text, "Attack", trigger="massacre", confidence=0.9)
    sanction.evidence[0].trigger_start = text.index("sanctions")
    massacre.evidence[0].trigger_start = text.index("massacre")
    assert rule_snippet_label([sanction, massacre], text) == "DIPLO"
    shelled = "Rebels shelled the town in response to the refusal to free prisoners."
    shelling = coded("ASSAULT", shelled, "Shelling/artillery/missile attack", trigger="shelled")
    shelling.evidence[0].trigger_start = shelled.index("shelled")
    assert rule_snippet_label([shelling], shelled) == "Shelling/artillery/missile attack"


def test_a_peoples_army_is_no_people():
    """'People's' in a group's name ('New People's Army', 'People's Defence Forces') names no
    civilians: its camps seized are no abduction."""
    assert not has_cue("civilian", "two New People's Army camps")
    assert has_cue("civilian", "people fleeing the camps")


def test_a_countrys_forces_named_by_its_demonym_are_state_forces():
    assert rule_snippet_label([], "Nigerian forces seized the rebel stronghold after two days.") == (
        "Government regains territory"
    )
    assert rule_snippet_label([], "Kurdish forces seized the rebel stronghold after two days.") == (
        "Non-state actor overtakes territory"
    )
