"""The events stage: text in, expected events out (one behaviour per test)."""

from __future__ import annotations

import pytest

from eventwire.extract.events import argument_bounds, extract_events
from eventwire.model import Article, Event
from eventwire.pipeline import extract


def events_of(nlp, text: str, published: str = "2026-01-02", captions: tuple[str, ...] = ()) -> list[Event]:
    article = Article(text=text, captions=list(captions), published=published)
    return extract(nlp(article.analysis_text()), article).events


def only(events: list[Event], type_: str) -> Event:
    found = [e for e in events if e.type == type_]
    assert len(found) == 1, [(e.type, e.trigger) for e in events]
    return found[0]


def test_active_verb_gives_actor_recipient_and_clause_date(nlp):
    event = only(events_of(nlp, "Rebels attacked a government convoy on Monday."), "ASSAULT")
    assert event.trigger == "attacked"
    assert "Rebels" in (event.actor_text or "")
    assert event.recipient_text == "a government convoy"
    assert (event.date, event.date_precision, event.date_source) == ("2025-12-29", "day", "clause")
    assert event.asserted


def test_passive_voice_takes_the_agent_as_actor(nlp):
    event = only(events_of(nlp, "Five people were killed by Israeli airstrikes."), "ASSAULT")
    assert event.recipient_text == "Five people"
    assert event.actor_text is not None and "Israeli" in event.actor_text
    assert event.acled_sub_event_type == "Air/drone strike"


def test_nominal_event_has_possessor_or_modifier_actor_and_of_recipient(nlp):
    events = events_of(nlp, "Trump ordered a total blockade of Venezuela.")
    event = only(events, "COERCE")
    assert event.trigger == "blockade"
    assert event.actor == "Donald Trump" or event.actor_text == "Trump"
    assert event.recipient_text == "Venezuela"
    assert event.cameo_root == "19"  # CAMEO 191, impose blockade


def test_intent_verb_absorbs_its_content(nlp):
    events = events_of(nlp, "Jordan and Britain agreed to hold talks next month.")
    assert [e.type for e in events] == ["AGREE"]
    assert events[0].actor_text == "Jordan and Britain"


def test_intent_to_do_harm_is_a_threat(nlp):
    event = only(events_of(nlp, "The rebels vowed to attack the capital."), "THREATEN")
    assert event.mode == "violence"


def test_refusal_to_comment_is_no_event(nlp):
    events = events_of(nlp, "The minister declined to comment on the report.")
    assert not [e for e in events if e.type == "REJECT"]


def test_refusal_to_talk_about_plans_is_no_event(nlp):
    events = events_of(nlp, "The union leaders met on Sunday and refused to comment on their plans.")
    assert not [e for e in events if e.type == "REJECT"]


def test_refusal_to_answer_a_demand_is_a_rejection(nlp):
    only(events_of(nlp, "The governor refused to respond to the demand of the miners."), "REJECT")


def test_a_bare_refusal_answers_what_came_before(nlp):
    event = only(events_of(nlp, "The mayor asked the guards to open the gates. The guards refused."), "REJECT")
    assert event.actor_text == "The guards"


def test_refusal_with_content_is_a_rejection(nlp):
    event = only(events_of(nlp, "Iran refused to release the sailors."), "REJECT")
    assert event.mode == "yield"


def test_negation_flag(nlp):
    event = only(events_of(nlp, "The army did not attack the village."), "ASSAULT")
    assert event.negated and not event.asserted


def test_future_flag(nlp):
    event = only(events_of(nlp, "The government will impose sanctions on the company."), "SANCTION")
    assert event.future and not event.asserted


def test_condition_makes_the_main_clause_hypothetical(nlp):
    events = events_of(nlp, "If they want oil, Venezuela is ready for American investment.")
    assert events and all(e.hypothetical for e in events)


def test_reported_event_has_speaker_as_source_not_actor(nlp):
    text = "President Donald Trump confirmed that a strike last week targeted a port used by smugglers."
    event = only(events_of(nlp, text), "ASSAULT")
    assert event.actor is None and event.actor_text is None
    assert event.reported_by is not None and "Trump" in event.reported_by
    assert (event.date, event.date_precision) == ("2025-W52", "week")


def test_relative_clause_subject_is_the_head_noun(nlp):
    event = only(events_of(nlp, "The militia that attacked the village on Sunday fled."), "ASSAULT")
    assert event.actor_text == "The militia"


def test_caption_mention_merges_with_body_mention(nlp):
    body = "U.S. forces carried out a strike on a boat on Wednesday, Dec. 31, officials said."
    caption = "U.S. forces carried out another strike on a boat on Wednesday, Dec. 31. (Photo: Navy)"
    events = [e for e in events_of(nlp, body, captions=(caption,)) if e.type == "ASSAULT"]
    assert len(events) == 1
    assert [ev.in_caption for ev in events[0].evidence] == [False, True]


def test_running_total_is_an_aggregate_over_a_range(nlp):
    text = "At least 114 people have been killed since the U.S. began bombing boats in early September."
    event = only(events_of(nlp, text), "ASSAULT")
    assert event.aggregate and not event.asserted
    assert event.date == "2025-09" and event.date_end == "2026-01-02"
    assert event.fatalities is not None and event.fatalities.low == 114


def test_publication_date_fallback_is_flagged(nlp):
    event = only(events_of(nlp, "Protesters marched through the capital."), "PROTEST")
    assert (event.date, event.date_source) == ("2026-01-02", "publication")


def test_must_under_a_verb_of_saying_is_a_demand(nlp):
    event = only(events_of(nlp, "The minister said that Iran must release the sailors."), "REQUEST")
    assert event.mode == "yield"
    assert event.recipient_text == "Iran"


def test_workers_strike_is_a_protest(nlp):
    event = only(events_of(nlp, "Teachers began a strike over unpaid wages."), "PROTEST")
    assert event.mode == "boycott"


def test_counted_objects_become_quantities(nlp):
    event = only(events_of(nlp, "Police seized two ships carrying oil."), "COERCE")
    assert event.quantity == {"ships": 2}


def test_anaphoric_mention_is_not_a_new_event(nlp):
    events = events_of(nlp, "The spokesman talked about that attack for an hour.")
    assert not [e for e in events if e.type == "ASSAULT"]


def test_speaker_pronoun_is_the_speaker(nlp):
    event = only(events_of(nlp, "Syria says it is willing to withdraw its troops from Lebanon."), "AGREE")
    assert event.actor_text == "Syria"


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("John Smith said he had shot the intruder.", "John Smith"),
        ("The Interior Minister said she had ordered the arrests.", "The Interior Minister"),
        ("Hamas said it had fired rockets at the city.", "Hamas"),
        ("The minister said they had bombed the town.", "they"),  # "they" is not one person
        ('"He murdered the deputy and tried to murder three others," the prosecutor said.', "He"),
        ('"He is a killer.\n\nHe murdered the deputy," the prosecutor said.', "He"),  # quote opened earlier
    ],
)
def test_a_pronoun_is_the_speaker_only_when_it_can_be(nlp, text, actor):
    assert events_of(nlp, text)[0].actor_text == actor


def test_signing_an_agreement_is_support(nlp):
    event = only(events_of(nlp, "Libya and Bulgaria signed a treaty of friendship."), "SUPPORT")
    assert event.mode == "sign"
    assert event.acled_sub_event_type == "Agreement"


def test_event_ids_are_stable_and_codes_filled(nlp):
    first = events_of(nlp, "Soldiers shelled the town on Monday.")
    second = events_of(nlp, "Soldiers shelled the town on Monday.")
    assert [e.id for e in first] == [e.id for e in second]
    event = only(first, "ASSAULT")
    assert event.plover_quad == "material_conflict"
    assert event.plover_score is not None and event.plover_score < 0
    assert event.acled_sub_event_type == "Shelling/artillery/missile attack"
    assert 0.0 <= event.confidence <= 1.0


def test_stage_runs_on_an_empty_document(nlp):
    from eventwire.extract.context import Context

    article = Article(text="")
    assert extract_events(nlp(""), Context(article=article)) == []


def test_argument_bounds_stop_at_relative_clause(nlp):
    doc = nlp("The soldiers who arrived yesterday attacked.")
    start, end = argument_bounds(doc[1])
    assert doc[start:end].text == "The soldiers"


def test_background_event_long_before_the_article_is_historical(nlp):
    text = "In 1994, militias killed hundreds of thousands of civilians in Rwanda."
    event = only(events_of(nlp, text, published="2024-05-10"), "ASSAULT")
    assert event.historical and not event.asserted
    assert (event.date, event.date_precision) == ("1994", "year")
    assert event.recipient_text == "civilians"


def test_duration_is_not_a_date(nlp):
    event = only(events_of(nlp, "The army shelled the city for three weeks.", published="2024-05-10"), "ASSAULT")
    assert event.date_source == "publication"


def test_place_of_an_attack_may_be_its_target_but_not_the_state_in_talks(nlp):
    attack = only(events_of(nlp, "Soldiers shelled the city of Kharkiv on Monday.", published="2024-05-10"), "ASSAULT")
    assert attack.place == "Kharkiv" and attack.place_source == "clause"
    talks = events_of(nlp, "Maduro offered to negotiate with the United States.", published="2024-05-10")
    assert all(e.place != "United States" for e in talks)


def test_recipient_prefers_who_over_what(nlp):
    event = only(events_of(nlp, "The United States sent arms to Pakistan."), "AID")
    assert event.recipient_text == "Pakistan"


def test_event_in_a_sentence_about_this_takes_the_previous_actor(nlp):
    text = (
        "The army has been shelling rebel towns for weeks. "
        "This is part of a wider offensive, which included a large deployment to the border."
    )
    event = only(events_of(nlp, text), "MOBILIZE")
    assert event.actor_text == "The army"


def test_a_weapon_is_not_an_actor(nlp):
    event = only(events_of(nlp, "Five people were killed by a roadside bomb on Sunday."), "ASSAULT")
    assert event.actor is None and event.actor_text is None
    assert event.weapon is not None
    assert event.acled_sub_event_type == "Remote explosive/landmine/IED"


def test_an_event_as_subject_is_not_an_actor(nlp):
    events = events_of(nlp, "The blockade of the port has cut fuel exports.")
    assert all(e.actor_text is None or "blockade" not in e.actor_text for e in events)


def test_a_dateline_date_is_when_the_story_was_filed_not_the_event_date(nlp):
    text = "HARBOR CITY, Va. (Jan. 3, 2026) – Guards shot a driver at the gate on Thursday night, officials said."
    event = only(events_of(nlp, text, published="2026-01-03"), "ASSAULT")
    assert (event.date, event.date_source) == ("2026-01-01TNI", "clause")
    undated = "HARBOR CITY, Va. (Jan. 3, 2026) – Guards shot a driver at the gate, officials said."
    assert only(events_of(nlp, undated, published="2026-01-03"), "ASSAULT").date_source != "sentence"


@pytest.mark.parametrize(
    "text",
    [
        "The army has repeatedly shelled villages near the border.",
        "The group has carried out dozens of attacks in the region.",
        "Militias launched a wave of attacks on farms.",
        "Rebels have killed 300 people over the past decade.",
    ],
)
def test_a_pattern_of_events_is_an_aggregate_not_one_new_event(nlp, text):
    event = only(events_of(nlp, text), "ASSAULT")
    assert event.aggregate and not event.asserted


def test_a_superlative_singles_one_event_out_of_the_pattern(nlp):
    event = only(events_of(nlp, "The deadliest attack in recent years killed 20 people on Monday."), "ASSAULT")
    assert event.asserted and event.date == "2025-12-29"


def test_an_earlier_similar_event_is_background_with_its_own_dead(nlp):
    events = events_of(nlp, "The strike on Monday came a week after a similar strike killed three people.")
    news, earlier = sorted((e for e in events if e.type == "ASSAULT"), key=lambda e: e.historical)
    assert news.asserted and news.date == "2025-12-29" and news.fatalities is None
    assert earlier.historical and earlier.date is None and earlier.fatalities is not None
    assert earlier.fatalities.best == 3


@pytest.mark.parametrize(
    ("text", "background"),
    [
        ("In October, rebels seized the town.", True),  # a month ended over a month before the story
        ("Last year, a drone strike killed 12 people in the village.", True),  # a past year
        ("Rebels seized the town last month.", False),  # still the news of the day
        ("Rebels seized the town on Dec. 2.", False),  # a day-precise date is matched, not background
    ],
)
def test_coarse_past_dates_are_background(nlp, text, background):
    (event,) = [e for e in events_of(nlp, text, published="2026-01-07") if e.type in ("COERCE", "ASSAULT")]
    assert event.historical is background


def test_an_event_told_days_earlier_does_not_take_the_sentence_date(nlp):
    text = "Guards seized a tanker on Saturday, officials said, days after the president announced a blockade."
    by_trigger = {e.trigger: e for e in events_of(nlp, text)}
    assert by_trigger["blockade"].historical and by_trigger["blockade"].date is None
    assert by_trigger["seized"].asserted and by_trigger["seized"].date == "2025-12-27"


@pytest.mark.parametrize(
    ("text", "place", "source"),
    [
        ("WASHINGTON (Wire) - Navy ships struck a boat in the Caribbean on Tuesday, officials said.",
         "Caribbean Sea", "clause"),
        ("ROCKFORD — Two men were wounded in a shooting Monday at a car dealership on the west side.",
         "Rockford", "dateline"),
    ],
)
def test_a_dateline_place_only_when_nothing_nearer_places_the_event(nlp, text, place, source):
    event = only(events_of(nlp, text), "ASSAULT")
    assert (event.place, event.place_source) == (place, source)


@pytest.mark.parametrize(
    "text",
    [
        "A car bomb exploded in the market on Monday, killing eight people. The Red Wolves claimed responsibility "
        "for the attack.",
        "The Red Wolves took credit for the bombing of the market on Monday.",
    ],
)
def test_who_claims_an_attack_is_its_actor(nlp, text):
    event = only(events_of(nlp, text), "ASSAULT")
    assert event.actor_text == "The Red Wolves" or (event.actor or "").endswith("Red Wolves")


def test_evidence_ends_with_its_sentence_not_the_paragraph_break(nlp):
    event = only(events_of(nlp, "Rebels attacked a convoy on Monday.\n\nThe army said nothing."), "ASSAULT")
    assert event.evidence[0].sentence == "Rebels attacked a convoy on Monday."
    assert event.evidence[0].end - event.evidence[0].start == len(event.evidence[0].sentence)


def test_a_dateline_on_its_own_line_under_the_headline_places_the_paragraph_after_it(nlp):
    text = ("Driver Pleads Not Guilty\n\nTUCSON —\n\nA bus driver on Monday pleaded not guilty to charges of "
            "manslaughter.\n\nA judge ordered him held until trial.")
    events = events_of(nlp, text)
    pleaded = only(events, "REJECT")
    assert (pleaded.place, pleaded.place_source) == ("Tucson", "dateline")
    assert only(events, "COERCE").place is None  # a dateline alone is too weak a sign for a later paragraph


def test_towns_named_as_modifiers_give_the_story_its_town(nlp):
    text = ("Mourners remembered a Brooklyn mother killed by a stray bullet. Brooklyn prosecutors charged a "
            "teenager with murder on Monday.")
    charged = only(events_of(nlp, text), "ACCUSE")
    assert (charged.place, charged.country, charged.place_source) == ("Brooklyn", "USA", "article")


def test_a_capital_standing_for_its_state_is_not_the_storys_town(nlp):
    state = ("Navy ships struck a boat on Tuesday, killing three people, Washington officials said. Washington "
             "officials gave no evidence that the boat carried drugs.")
    assert only(events_of(nlp, state), "ASSAULT").place is None
    town = "Mourners remembered a Kabul teacher killed by a bomb. Kabul residents said the attack shocked them."
    assert only(events_of(nlp, town), "ASSAULT").place == "Kabul"


@pytest.mark.parametrize(
    ("trigger", "place"),
    [("called for", "Venezuela"), ("begged", "Venezuela"), ("urged", "Caracas"), ("detained", "Caracas")],
)
def test_an_act_over_the_whole_country_is_placed_at_the_country_not_a_town_named_before(nlp, trigger, place):
    text = ("Police detained two students in Caracas on Monday after a rally in Caracas turned violent. Venezuela "
            "has been tense for weeks. On Tuesday the opposition called for nationwide protests. Its leaders also "
            "begged Venezuelans to stay home on Sunday. They urged students to stay calm.")
    assert next(e for e in events_of(nlp, text) if e.trigger == trigger).place == place


def test_a_town_of_a_country_the_sentence_does_not_name_is_the_storys_town_there(nlp):
    text = ("A bomb exploded in Lyon on Friday, wounding 13 people in Lyon. Security has been tightened in "
            "France's third-largest city.")
    assert only(events_of(nlp, text), "MOBILIZE").place == "Lyon"


def test_a_town_in_an_outlets_name_is_not_the_storys_town(nlp):
    text = ("A judge on Monday sentenced a man to life in prison, the Chicago Tribune reported. His lawyers "
            "asked for a new trial, the Chicago Tribune said.")
    assert only(events_of(nlp, text), "COERCE").place is None


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        ("Chile's President Ana Torres survived an assassination attempt during a parade in Valparaiso on Monday.",
         "assassination", "Valparaíso"),
        ("Gunmen killed four people on Sunday, a Nairobi-based rights group said.", "killed", None),
        ("A Tehran-funded militia shelled the base on Sunday.", "shelled", None),
        ("Washington-brokered talks collapsed on Friday.", "talks", None),
        ("Tens of thousands of people marched against austerity in Europe on Saturday.", "marched", None),
    ],
)
def test_whose_leader_a_country_is_who_backs_a_body_and_a_continent_are_no_place_of_the_act(
    nlp, text, trigger, place
):
    assert next(e for e in events_of(nlp, text) if e.trigger == trigger).place == place


def test_a_dateline_places_only_the_events_of_its_paragraph(nlp):
    text = ("MIAMI, Dec. 31 (Wire) - Navy ships struck two boats, killing five people.\n\n"
            "The foreign ministry condemned the attack.")
    condemned = only(events_of(nlp, text), "ACCUSE")
    assert condemned.place is None


@pytest.mark.parametrize(
    ("text", "violent"),
    [
        ("The striker shot the ball into the net in the 89th minute.", False),
        ("The president fired his chief of staff on Thursday.", False),
        ("Firefighters battled a blaze at a warehouse on Tuesday.", False),
        ("The central bank launched an attack on inflation.", False),
        ("A storm killed five people on the coast on Monday.", False),
        ("Two soldiers were killed in a helicopter crash on Monday.", False),
        ("The home side beat the visitors 6-0 to win the group.", False),
        ("A deal was finally struck on Friday.", False),
        ("That struck me as odd, she said.", False),
        ("The trade fight dragged on for months.", False),
        ("Farmers hit by tariffs got payments.", False),
        ("Typhoon Ompong slammed into the coast on Saturday, killing at least 27 people.", False),
        ("The chancellor, fighting accusations of holding up the bailout, defended her plan.", False),
        ("Washington hit three ministers with sanctions on Friday.", False),
        ("The treasury targeted nine officials with sanctions.", False),
        ("The robbery is the latest to hit the city after a spate of thefts.", False),
        ("Militants hit the convoy with rockets.", True),
        ("The city is burning.", False),
        ("His sudden death shocked the town.", False),
        ("Two bodies with gunshot wounds were found on Monday.", True),
        ("Rioters burned a police station on Monday.", True),
        ("Police fired tear gas at protesters.", True),
        ("A missile hit a market in the city, killing 12.", True),
        ("The army battled rebels near the border.", True),
    ],
)
def test_a_violent_word_used_of_a_game_a_job_a_fire_or_a_storm_is_no_assault(nlp, text, violent):
    # what rioters burn is a protest turned violent (PROTEST, mode riot): violent all the same
    assert any(e.type == "ASSAULT" or e.mode == "riot" for e in events_of(nlp, text)) is violent


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Here are 15 tips to help you stop snacking.", False),
        ("The dashboard delivers the essential data to the driver.", False),
        ("Japan sent aid to the Philippines on Monday.", True),  # known actors
    ],
)
def test_a_common_word_is_an_event_only_between_known_actors(nlp, text, kept):
    assert bool(events_of(nlp, text)) is kept


@pytest.mark.parametrize(
    ("text", "trigger", "flag"),
    [
        ("Villagers fled their homes fearing attacks by militants.", "attacks", "hypothetical"),
    ],
)
def test_a_fear_told_with_the_news_is_not_news(nlp, text, trigger, flag):
    event = next(e for e in events_of(nlp, text) if e.trigger == trigger)
    assert getattr(event, flag) and not event.asserted


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Hundreds rallied in the capital on Monday after the arrest of their leader.", "arrest"),
        ("Students protested on Friday over the killing of a classmate.", "killing"),
        ("Protests erupted following the arrest of the opposition leader.", "arrest"),
        ("Following a two-day strike by dockers, the government on Thursday banned all gatherings.", "strike"),
    ],
)
def test_a_cause_told_with_the_news_happened_but_keeps_no_date_of_the_news(nlp, text, trigger):
    event = next(e for e in events_of(nlp, text) if e.trigger == trigger)
    assert event.asserted and event.date is None


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("The opposition called a 48-hour strike across the country on Monday.", "boycott"),
        ("Unions called a general strike for Friday.", "boycott"),
        ("Dockers began a three-day strike in the port city.", "boycott"),
        ("The army called in an air strike on the village.", None),
    ],
)
def test_a_strike_that_is_called_or_lasts_hours_is_a_civic_strike(nlp, text, mode):
    event = events_of(nlp, text)[0]
    assert (event.type, event.mode) == (("PROTEST", mode) if mode else ("ASSAULT", event.mode))
    assert event.asserted


def test_since_as_an_adverb_starts_no_running_total(nlp):
    event = only(events_of(nlp, "One of the two men has since been released from custody."), "RETREAT")
    assert event.asserted
    assert only(events_of(nlp, "Police have released 40 people since March."), "RETREAT").aggregate


def test_killed_after_an_attack_is_one_current_event(nlp):
    event = only(events_of(nlp, "Three people were killed after an attack on their village on Monday."), "ASSAULT")
    assert event.asserted and event.date == "2025-12-29"


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Rebels and soldiers traded fire near the border on Monday.", "ASSAULT"),
        ("Government artillery pounded Kharkiv overnight.", "ASSAULT"),
        ("Militants took over the town on Sunday.", "COERCE"),
        ("Gunmen made off with two trucks of food aid.", "COERCE"),
    ],
)
def test_more_ways_news_tells_fighting_and_seizing(nlp, text, type_):
    assert any(e.type == type_ and e.asserted for e in events_of(nlp, text))


def test_a_weak_violent_word_is_kept_beside_another_sign_of_violence(nlp):
    text = "The worst explosion was at the bus station, where at least six people were killed."
    assert any(e.type == "ASSAULT" and e.trigger == "explosion" for e in events_of(nlp, text))


def test_a_state_named_in_a_statement_is_a_party_not_the_place(nlp):
    event = only(events_of(nlp, "The president said he was ready to negotiate an agreement with Canada."), "AGREE")
    assert event.place is None


@pytest.mark.parametrize(
    "text, type_, trigger",
    [
        ("Police cordoned off the area on Friday.", "COERCE", "cordoned off"),
        ("Riot police dispersed the protesters.", "COERCE", "dispersed"),
        ("French police are hunting for the bomber.", "ACCUSE", "hunting for"),
        ("Police tightened security in the capital on Sunday.", "MOBILIZE", "tightened security"),
        ("A citizen of Kyrgyzstan pleaded not guilty on Wednesday.", "REJECT", "pleaded not guilty"),
        ("The former guard pleaded guilty on Monday.", "CONCEDE", "pleaded guilty"),
        ("Gunmen seized dozens of hostages at the hospital.", "ASSAULT", "seized"),
        ("The judge ordered him held without bond.", "COERCE", "held without bond"),
        ("He was remanded in custody until trial.", "COERCE", "remanded"),
    ],
)
def test_security_measures_manhunts_pleas_and_hostage_takings_are_events(nlp, text: str, type_: str, trigger: str):
    event = only(events_of(nlp, text), type_)
    assert event.trigger == trigger and event.asserted


def test_a_search_for_survivors_is_no_investigation(nlp):
    assert events_of(nlp, "Rescuers searched for survivors in the rubble.") == []


def test_one_attack_told_three_times_is_one_record(nlp):
    text = ("A roadside bomb killed a soldier near Kandahar on Monday. The blast also wounded three "
            "civilians. The Taliban claimed responsibility for the attack.")
    [event] = [e for e in events_of(nlp, text, published="2024-05-07") if e.type == "ASSAULT"]
    assert len(event.evidence) == 3
    assert event.actor == "Taliban"  # from the claim of responsibility
    assert event.fatalities is not None and event.fatalities.best == 1
    assert event.injured is not None and event.injured.best == 3


def test_no_one_hurt_is_no_attack(nlp):
    events = events_of(nlp, "No soldiers were injured in the operation, the army said.", published="2024-05-07")
    assert not [e for e in events if e.type == "ASSAULT" and e.asserted]


def test_seizing_things_stays_a_seizure(nlp):
    assert only(events_of(nlp, "Police seized two tons of cocaine."), "COERCE").mode == "seize"


@pytest.mark.parametrize("text", [
    "Aid workers crossed the border.", "Police issued an arrest warrant for him.",
    "Riot police in riot gear guarded the building.", "Bomb squad experts examined the device.",
])
def test_an_event_noun_that_only_modifies_another_names_no_event(nlp, text: str):
    assert events_of(nlp, text) == []


def test_the_crime_a_charge_or_plea_names_is_no_new_event(nlp):
    for text in ("He was charged with murder on Tuesday.", "He pleaded guilty to two counts of murder.",
                 "Orozco was convicted March 20 of first-degree murder for the slaying of Ortiz."):
        events = events_of(nlp, text, published="2024-05-08")
        assert not [e for e in events if e.type == "ASSAULT" and e.asserted], text


def test_a_plea_names_the_reported_attack_again(nlp):
    text = "Gunmen shot dead two guards in Kano on Monday. On Friday a man pleaded guilty to the killing."
    [attack] = [e for e in events_of(nlp, text, published="2024-05-08") if e.type == "ASSAULT"]
    assert attack.asserted and len(attack.evidence) == 2


@pytest.mark.parametrize(
    "text, actor",
    [
        ("Police were searching for a man believed to be responsible for a blast on Friday.", "a man"),
        ("Police arrested two men suspected of carrying out the attack.", "two men"),
        ("Al-Shabaab is responsible for the attack on the hotel, officials said.", "Al-Shabaab"),
    ],
)
def test_who_the_text_holds_responsible_is_the_actor(nlp, text: str, actor: str):
    assert only(events_of(nlp, text), "ASSAULT").actor_text == actor


@pytest.mark.parametrize(
    "text, actor, recipient",
    [
        ("Ortiz's killing shocked the town.", None, "Ortiz's"),
        ("His arrest by police sparked anger.", "police", "His"),
        ("The IRA's bombing of the city caused chaos.", "The IRA's", "the city"),
    ],
)
def test_the_owner_of_a_killing_is_its_victim_but_of_a_bombing_its_author(nlp, text, actor, recipient):
    event = [e for e in events_of(nlp, text) if e.type in ("ASSAULT", "COERCE")][0]
    assert (event.actor_text, event.recipient_text) == (actor, recipient)


def test_the_last_time_it_happened_is_background_without_a_publication_date(nlp):
    text = "It was the first death of a general in Syria since 2017, when a lieutenant general was killed."
    killed = [e for e in events_of(nlp, text, published=None) if e.type == "ASSAULT" and e.trigger == "killed"]
    assert killed and all(e.historical for e in killed)


def test_a_crowd_is_one_protest_and_a_dateline_is_no_actor(nlp):
    text = "NAIROBI, June 20 (Wire) - Kenyan police fired tear gas as thousands protest in Nairobi."
    events = events_of(nlp, text, published="2024-06-20")
    assert only(events, "PROTEST").asserted
    fired = [e for e in events if e.trigger == "fired"]
    assert fired and fired[0].actor_text == "Kenyan police"


@pytest.mark.parametrize(
    "text, coded",
    [
        ("The company suspended the employee on Friday.", False),
        ("The school expelled the student.", False),
        ("The EU suspended aid to Niger.", True),
        ("Russia expelled two British diplomats.", True),
    ],
)
def test_workplace_and_school_discipline_is_no_sanction(nlp, text: str, coded: bool):
    assert bool([e for e in events_of(nlp, text) if e.type == "SANCTION"]) is coded


@pytest.mark.parametrize(
    "text, aggregate",
    [
        ("Between June 1975 and February 1976, courts released the defendants.", True),
        ("From 2011 to 2014, the army shelled the town.", True),
        ("Troops were deployed to repel incursions in the 1990s.", True),
        ("Rebels attacked the town between 2 and 4 a.m. on Monday.", False),
    ],
)
def test_acts_told_over_months_or_years_are_many_events(nlp, text: str, aggregate: bool):
    events = events_of(nlp, text, published="2019-05-02")
    assert events and all(e.aggregate is aggregate for e in events)


@pytest.mark.parametrize(
    "text, agree",
    [("They found a way to commit fraud in the election.", False),
     ("The government committed to holding talks with the rebels.", True)],
)
def test_committing_a_crime_is_no_commitment(nlp, text: str, agree: bool):
    assert bool([e for e in events_of(nlp, text) if e.type == "AGREE"]) is agree


@pytest.mark.parametrize(
    "text, violent",
    [
        ("Kentucky Democrats beat incumbent Gov. Matt Bevin.", False),
        ("Officers executed a search warrant on Monday evening.", False),
        ("He deflected Republican attacks on his loyalty.", False),
        ("Sweden dropped its investigation into a 2010 rape allegation.", False),
        ("Police beat party members with batons.", True),
        ("The army executed three prisoners on Monday.", True),
    ],
)
def test_violent_words_of_elections_warrants_and_politics(nlp, text: str, violent: bool):
    assert bool([e for e in events_of(nlp, text) if e.type == "ASSAULT" and e.asserted]) is violent


def test_a_threat_to_assault_and_murder_asserts_neither(nlp):
    events = events_of(nlp, "He pleaded guilty to threatening to assault and murder a U.S. official.")
    assert not [e for e in events if e.type == "ASSAULT" and e.asserted]


def test_a_likely_slaughter_is_hypothetical(nlp):
    assert not only(events_of(nlp, "In short, slaughter is likely coming to the city."), "ASSAULT").asserted


@pytest.mark.parametrize(
    "text, aggregate",
    [
        ("The base serves as an outpost in the fight against the Islamic State group.", True),
        ("The battle for the city has cost thousands of lives.", True),
        ("A fight broke out between rival gangs on Monday.", False),
    ],
)
def test_the_fight_against_a_group_is_a_campaign(nlp, text: str, aggregate: bool):
    assert only(events_of(nlp, text), "ASSAULT").aggregate is aggregate


@pytest.mark.parametrize(
    "text, type_, asserted",
    [
        ("McVeigh is on trial on charges of murder and conspiracy.", "ACCUSE", True),
        ("French police are hunting a suspect believed to have planted the bomb.", "ACCUSE", True),
        ("Talks resumed in Doha.", "CONSULT", True),
    ],
)
def test_charges_hunts_and_talks(nlp, text: str, type_: str, asserted: bool):
    assert only(events_of(nlp, text), type_).asserted is asserted


def test_hunting_deer_is_no_manhunt(nlp):
    assert events_of(nlp, "Hunters hunted deer in the forest.") == []


def test_fired_from_a_job_is_no_shooting(nlp):
    text = "A man fired four days earlier from his job as an accountant walked into his old office."
    assert events_of(nlp, text) == []


def test_a_call_between_private_people_is_no_event_but_a_ministers_call_is(nlp):
    private = events_of(nlp, "After the argument she made several phone calls to her sister.")
    assert not [e for e in private if e.type == "CONSULT"]
    public = events_of(nlp, "The foreign minister of Peru phoned his Chilean counterpart on Monday.")
    assert only(public, "CONSULT")


def test_stopping_with_nothing_stopped_and_recalling_memories_are_no_sanctions(nlp):
    assert not [e for e in events_of(nlp, "The gunman stopped at the front desk and talked to the clerk.")
                if e.type == "SANCTION"]
    assert not [e for e in events_of(nlp, "One officer at the scene recalled the events of that night.")
                if e.type == "SANCTION"]
    assert only(events_of(nlp, "Russia stopped gas deliveries to Ukraine on Monday."), "SANCTION")


def test_refusing_to_accept_responsibility_is_a_rejection(nlp):
    assert only(events_of(nlp, "The group's leader refused to accept responsibility for the bombing."), "REJECT")


def test_a_crowd_marching_is_a_protest_but_soldiers_marching_is_not(nlp):
    assert only(events_of(nlp, "Hundreds of people marched through the capital on Sunday."), "PROTEST")
    assert not [e for e in events_of(nlp, "Soldiers marched into the town on Sunday.") if e.type == "PROTEST"]


def test_a_word_inside_a_shop_name_is_no_event(nlp):
    events = events_of(nlp, "Later that night a crowd of youths broke into a Rite Aid on the avenue and looted it.")
    assert not [e for e in events if e.type == "AID"]


def test_a_charge_without_its_agent_takes_the_prosecutors_the_article_names(nlp):
    text = "Federal prosecutors said the student had lied to them. The student was charged on Friday with fraud."
    charge = only(events_of(nlp, text), "ACCUSE")
    assert charge.actor == "prosecutor" and charge.actor_text == "prosecutors"
    assert text[charge.actor_start:charge.actor_end] == "prosecutors"


def test_an_arrest_with_no_police_named_keeps_an_empty_actor(nlp):
    assert only(events_of(nlp, "He was arrested on Monday in the north of the city."), "COERCE").actor is None


def test_a_common_word_with_a_pronoun_for_a_named_person_is_an_event(nlp):
    assert only(events_of(nlp, "He was charged on Friday with obstruction."), "ACCUSE")


def test_an_attack_that_harms_only_unarmed_people_targets_civilians(nlp):
    bombing = only(events_of(nlp, "A car bomb killed 12 people in Kabul on Monday."), "ASSAULT")
    assert bombing.recipient == "civilians" and bombing.recipient_text == "12 people"
    ambush = only(events_of(nlp, "Gunmen shot dead two soldiers in Lagos on Monday."), "ASSAULT")
    assert ambush.recipient != "civilians"


def test_who_faces_a_charge_is_its_recipient_and_the_crime_is_not(nlp):
    trial = only(events_of(nlp, "The farmer is on trial on charges of murder and arson."), "ACCUSE")
    assert trial.recipient_text == "The farmer"


def test_a_bomb_exploding_in_a_market_is_an_attack_but_a_market_exploding_is_not(nlp):
    assert only(events_of(nlp, "A bomb exploded in a market in the capital on Monday."), "ASSAULT")
    assert not events_of(nlp, "The stock market exploded after the announcement on Monday.")


def test_bombs_set_off_across_a_city_are_many_events_told_as_one(nlp):
    series = only(events_of(nlp, "On Friday the brigade detonated at least 20 bombs across the city."), "ASSAULT")
    assert series.aggregate
    assert not only(events_of(nlp, "Troops fired shells across the border on Friday."), "ASSAULT").aggregate


def test_who_dies_is_the_victim_never_the_actor(nlp):
    events = events_of(nlp, "Gunmen attacked the village on Monday. The woman died from her wounds.")
    assert all(e.actor != "woman" and e.actor_text != "The woman" for e in events)


def test_what_explodes_is_no_actor(nlp):
    events = events_of(nlp, "The car exploded near a checkpoint in Mosul on Monday, killing two policemen.")
    assert all(e.actor_text != "The car" for e in events)


def test_a_dateline_is_cut_from_the_actor_and_tear_gas_is_no_target(nlp):
    text = "NAIROBI, Dec 3 - Kenyan police fired tear gas at protesters on Wednesday."
    fired = only(events_of(nlp, text, published="2026-12-03"), "ASSAULT")
    assert fired.actor_text == "Kenyan police"
    assert fired.recipient_text != "tear gas"


def test_in_the_west_of_the_country_is_where_not_who(nlp):
    text = "One protester was shot dead by police in Kisumu, in the west of the country."
    shot = only(events_of(nlp, text), "ASSAULT")
    assert shot.recipient_text == "One protester"


def test_a_call_told_in_the_past_is_not_dated_by_the_future_it_calls_for(nlp):
    call = only(events_of(nlp, "The opposition called for more protests next week.", published="2026-12-03"), "REQUEST")
    assert call.date == "2026-12-03"


def test_what_rejected_calls_asked_for_did_not_happen(nlp):
    withdrawal = only(events_of(nlp, "Ruto has rejected calls to withdraw the bill."), "RETREAT")
    assert withdrawal.hypothetical


def test_what_a_protest_crowd_burns_is_part_of_its_protest(nlp):
    text = ("Thousands of protesters marched through the capital on Wednesday. "
            "Demonstrators burned tyres and blocked roads near parliament.")
    events = events_of(nlp, text)
    assert not [e for e in events if e.type == "ASSAULT"]
    assert len([e for e in events if e.type == "PROTEST" and e.asserted]) == 1


def test_a_headline_joins_the_story_that_tells_it_again(nlp):
    text = ("Thousands protest fuel prices in Nairobi\n\n"
            "Thousands of protesters marched through central Nairobi on Wednesday against a rise in fuel prices.")
    assert len([e for e in events_of(nlp, text) if e.type == "PROTEST"]) == 1


def test_a_verb_object_phrase_told_in_the_passive_is_found(nlp):
    assert only(events_of(nlp, "Security was tightened around the parliament on Saturday."), "MOBILIZE")
    assert only(events_of(nlp, "Talks were held in Geneva on Monday."), "CONSULT")


def test_who_orders_a_detention_is_its_actor_and_him_is_the_detainee(nlp):
    text = "Prosecutors said Ali Khan fired at two managers. Judge Anna Meyer ordered him held without bond."
    held = only(events_of(nlp, text), "COERCE")
    assert held.actor == "Anna Meyer"
    assert held.recipient == "Ali Khan"


def test_acts_told_many_times_are_many_and_a_threat_in_general_is_none(nlp):
    assert only(events_of(nlp, "The village was attacked several times last month."), "ASSAULT").aggregate
    assert not events_of(nlp, "Our mission is to counter the threat of terrorism in the region.")
    assert only(events_of(nlp, "Russia's threat of war alarmed Kyiv on Monday."), "THREATEN")


def test_an_ing_form_tagged_as_a_noun_is_still_its_verb(nlp):
    events = events_of(nlp, "Protesters threw bottles while cops began pepper-spraying and arresting.")
    assert {"ASSAULT", "COERCE"} <= {e.type for e in events}


def test_what_comes_under_attack_is_its_target(nlp):
    attack = only(events_of(nlp, "The convoy came under attack from rebels near Gao on Monday."), "ASSAULT")
    assert attack.recipient_text == "The convoy" and attack.actor_text == "rebels"


@pytest.mark.parametrize(
    "text",
    [
        "Its new electric coupe is arguably the most striking design yet.",
        "In the backstroke final, Patton was beaten out by Gantenbein for first place.",
        "The senator is accused of abusing his power.",
        "Regulators want to control the way digital ads are targeted at young voters.",
    ],
)
def test_words_of_quality_sport_office_and_advertising_are_no_assault(nlp, text):
    assert not [e for e in events_of(nlp, text) if e.type == "ASSAULT" and e.asserted]


def test_constant_attack_is_many_and_training_to_fight_is_no_fight(nlp):
    assert only(events_of(nlp, "The governor was under near-constant attack last month."), "ASSAULT").aggregate
    trained = events_of(nlp, "The army has been training local militias to fight against the rebels.")
    assert not [e for e in trained if e.type == "ASSAULT" and e.asserted]


def test_an_impression_and_a_for_to_clause_are_no_assault_but_a_missile_strike_is(nlp):
    assert not events_of(nlp, "That struck me as different from the other calls, she said.")
    text = "His comments create an opening for moderates Buttigieg, Biden and Amy Klobuchar to attack."
    opening = events_of(nlp, text)
    assert not [e for e in opening if e.type == "ASSAULT" and e.asserted]
    assert only(events_of(nlp, "A missile struck the market as people shopped on Monday."), "ASSAULT")


def test_an_attack_a_spokesman_claims_is_his_groups(nlp):
    text = "Taliban spokesman Zabiullah Mujahid claimed the attack on the base on Monday."
    assert only(events_of(nlp, text), "ASSAULT").actor == "Taliban"


def test_where_someone_is_from_is_not_where_it_happened(nlp):
    text = "A citizen of Kyrgyzstan pleaded not guilty on Wednesday. A judge ordered him held until trial."
    held = only(events_of(nlp, text), "COERCE")
    assert held.place != "Kyrgyzstan"


def test_an_outcome_foreseen_did_not_happen(nlp):
    assert only(events_of(nlp, "And that means a slaughter of some degree."), "ASSAULT").hypothetical


def test_acts_over_years_are_many_but_the_allegation_about_them_is_one(nlp):
    text = "Prosecutors alleged that the coach abused dozens of pupils at the school from 2002 to 2005."
    events = events_of(nlp, text)
    assert only(events, "ASSAULT").aggregate
    assert not only(events, "ACCUSE").aggregate


def test_a_verb_object_phrase_with_words_between_is_found(nlp):
    assert only(events_of(nlp, "Police removed the cordon around the square on Saturday."), "RETREAT")
    assert only(events_of(nlp, "The two sides held direct talks in Doha on Monday."), "CONSULT")


def test_coming_back_is_no_return_and_one_sentence_tells_one_mobilization(nlp):
    assert not [e for e in events_of(nlp, "The dismissed worker returned minutes later with a handgun.")
                if e.type == "RETREAT"]
    text = "Police chiefs mobilised all their forces on Wednesday by declaring a general state of alert."
    assert len([e for e in events_of(nlp, text) if e.type == "MOBILIZE"]) == 1


def test_what_is_to_happen_or_has_little_chance_has_not_happened(nlp):
    assert only(events_of(nlp, "Among the measures, the government is to cut bonus pay for civil servants."),
                "SANCTION").future
    appeal = events_of(nlp, "His client has little chance of winning an appeal.")
    assert not [e for e in appeal if e.asserted]


def test_a_family_gathering_for_a_news_conference_is_no_protest(nlp):
    assert not events_of(nlp, "After the hearing, the victim's family gathered for a news conference.")


def test_the_force_deployed_is_the_actor_of_its_deployment(nlp):
    deployment = only(events_of(nlp, "French soldiers were deployed to secure the area on Saturday."), "MOBILIZE")
    assert deployment.actor_text == "French soldiers"


def test_a_rejection_told_in_the_perfect_is_not_dated_by_next_week(nlp):
    text = "Ruto has rejected calls to withdraw the bill before next week's vote."
    assert only(events_of(nlp, text, published="2026-12-03"), "REJECT").date == "2026-12-03"


def test_deaths_beside_a_crash_with_no_attacker_are_no_attack_and_hit_sales_are_no_blow(nlp):
    text = ("Sales have been badly hit following two crashes of its popular jet in less than five months "
            "that killed a total of 346 people.")
    assert not [e for e in events_of(nlp, text) if e.type == "ASSAULT" and e.asserted]
    assert only(events_of(nlp, "Gunmen killed two guards at the crash site on Monday."), "ASSAULT")


def test_an_undated_article_tells_what_it_dates_years_before_its_latest_day_as_background(nlp):
    filler = "The defence minister spoke about the navy, the budget and the long history of the alliance. " * 6
    text = (filler + "The minister visited the base on November 19, 2019, officials said. "
            "Rebels attacked the town in 1967.")  # the full date is past the lead
    assert only(events_of(nlp, text, published=None), "ASSAULT").historical


def test_a_date_in_a_clause_of_what_would_happen_never_dates_an_act_done(nlp):
    text = ("The owners' association condemned the violence and said production would stay suspended "
            "until Monday.")
    assert only(events_of(nlp, text, published="2026-12-06"), "ACCUSE").date == "2026-12-06"


def test_an_attack_in_a_neighbouring_district_is_another_attack(nlp):
    text = ("A roadside bomb killed three soldiers in Arghandab district on Monday. "
            "Four militants were killed in neighboring Shah Wali Kot district when their vehicle hit a mine.")
    assert len([e for e in events_of(nlp, text) if e.type == "ASSAULT" and e.asserted]) == 2


def test_a_not_in_one_clause_does_not_negate_the_next_clause_with_its_own_subject(nlp):
    text = ("The army said the first shootings did not involve its soldiers, but that after midnight "
            "their posts came under intense gunfire.")
    assert [e for e in events_of(nlp, text) if e.trigger == "gunfire" and e.asserted]
    assert only(events_of(nlp, "Police did not arrest or charge the suspects."), "COERCE").negated


def test_a_clause_that_describes_someone_is_not_dated_by_the_sentence(nlp):
    text = "On Wednesday the sister of the teen killed by police was arrested while crossing the street."
    killing = only(events_of(nlp, text, published="2026-01-02"), "ASSAULT")
    assert killing.date_source not in ("clause", "sentence")


@pytest.mark.parametrize(
    ("text", "trigger", "hypothetical"),
    [
        ("The union leader called for a national strike if the price rise is not reversed.", "called for", False),
        ("The rebels threatened to attack the city if the army did not withdraw.", "threatened", False),
        ("If the talks fail, the union will call for a strike.", "call for", True),
        ("The suspect was asked by Judge Mary Stone if he understood the charges against him.", "asked", True),
        ("The charges carry the threat of execution if he is convicted.", "threat", True),
    ],
)
def test_an_if_after_a_demand_or_threat_states_its_terms(nlp, text, trigger, hypothetical):
    event = next(e for e in events_of(nlp, text) if e.trigger == trigger)
    assert event.hypothetical is hypothetical


@pytest.mark.parametrize("text", [
    "The talks in Istanbul ended without agreement.", "Rebels took the town without a fight.",
    "Police released the driver without charging him.",
])
def test_what_happened_without_an_event_negates_it(nlp, text):
    assert all(e.negated for e in events_of(nlp, text) if e.type in ("AGREE", "ASSAULT", "ACCUSE"))
    assert any(e.negated for e in events_of(nlp, text))


def test_a_package_of_sanctions_targeting_companies_is_no_attack(nlp):
    text = "The EU adopted a new package of sanctions against Russia, targeting 45 companies."
    assert [e.type for e in events_of(nlp, text)] == ["SANCTION"]


@pytest.mark.parametrize(
    ("text", "trigger", "negated"),
    [
        ("He shot the deputy to avoid arrest.", "arrest", True),
        ("The gang leader evaded arrest for a decade.", "arrest", True),
        ("Rebels escaped the attack on their camp.", "attack", False),  # the attack happened
    ],
)
def test_an_arrest_evaded_did_not_happen(nlp, text, trigger, negated):
    events = [e for e in events_of(nlp, text) if e.trigger == trigger]
    assert events and all(e.negated is negated for e in events)


def test_a_shooting_weeks_after_another_tells_the_other_as_background(nlp):
    text = "Thursday's shooting came just weeks after a driver fatally shot eight people at a depot."
    earlier = next(e for e in events_of(nlp, text) if e.trigger == "shot")
    assert earlier.historical and earlier.date is None


def test_the_crime_a_trial_is_for_is_no_new_event(nlp):
    text = "Neither woman was ever tried for the cafe bombing, as both were released in June 1977."
    assert not any(e.asserted for e in events_of(nlp, text) if e.type == "ASSAULT")


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Japan sent troops to the border on Monday.", "MOBILIZE"),
        ("The government sent 500 police officers to the region.", "MOBILIZE"),
        ("The UN sent food and medicine to the camps.", "AID"),
        ("Every evening, our editors send out a selection of the day's news.", None),
    ],
)
def test_what_is_sent_says_whether_it_is_aid_or_a_deployment(nlp, text, type_):
    assert [e.type for e in events_of(nlp, text)] == ([type_] if type_ else [])


@pytest.mark.parametrize(
    ("text", "actor", "recipient"),
    [
        ("Police told residents to stay indoors on Sunday.", "Police", "residents"),
        ("The commander told his men to hold the bridge.", "The commander", "his men"),
    ],
)
def test_telling_someone_to_act_is_a_demand(nlp, text, actor, recipient):
    event = only(events_of(nlp, text), "REQUEST")
    assert (event.actor_text, event.recipient_text) == (actor, recipient)


def test_telling_reporters_something_is_no_demand(nlp):
    assert not any(e.type == "REQUEST" for e in events_of(nlp, "He told reporters that the talks went well."))


@pytest.mark.parametrize(
    ("text", "accuser", "accused"),
    [
        ("The police concluded that the separatists were responsible for the attack.", "The police", "the separatists"),
        ("Officials said Hamas was responsible.", "Officials", "Hamas"),
    ],
)
def test_naming_someone_responsible_for_a_harm_is_an_accusation(nlp, text, accuser, accused):
    event = only(events_of(nlp, text), "ACCUSE")
    assert (event.actor_text, event.recipient_text) == (accuser, accused)


@pytest.mark.parametrize("text", [
    "The minister said the police were responsible for security at the stadium.",
    "The group said it was responsible for the bombing.",
])
def test_a_duty_or_a_claim_of_responsibility_is_no_accusation(nlp, text):
    assert not any(e.type == "ACCUSE" for e in events_of(nlp, text))


def test_put_the_gun_down_is_no_shooting(nlp):
    assert not any(e.type == "ASSAULT" for e in events_of(nlp, "Officers asked the man to put the gun down."))


@pytest.mark.parametrize(
    ("text", "type_", "place"),
    [
        ("The European Union on Wednesday adopted new sanctions against Iran.", "SANCTION", None),
        ("Israeli jets struck Gaza on Monday.", "ASSAULT", "Gaza"),
    ],
)
def test_the_target_of_sanctions_is_no_place_but_a_town_attacked_is(nlp, text, type_, place):
    assert only(events_of(nlp, text), type_).place == place


@pytest.mark.parametrize(
    ("text", "aggregate"),
    [
        ("Rebel attacks in the north led to Russian airstrikes.", True),  # whose strikes, not which
        ("Villages in the region are often hit by airstrikes.", True),
        ("The village was hit by Russian airstrikes on Monday.", False),  # one day's strikes on one village
        ("The village was hit by airstrikes on March 3.", False),
    ],
)
def test_a_bare_plural_is_many_events_unless_told_of_one_day(nlp, text, aggregate):
    event = next(e for e in events_of(nlp, text) if e.trigger == "airstrikes")
    assert event.aggregate is aggregate


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("The government announced the release of emergency funds for the victims.", False),
        ("Roads were blocked by fallen trees across the province.", False),
        ("The army released 20 prisoners on Monday.", True),
        ("Protesters blocked the highway on Monday.", True),
    ],
)
def test_funds_released_and_roads_blocked_by_trees_are_no_political_acts(nlp, text, kept):
    assert bool(events_of(nlp, text)) is kept


def test_protests_a_ban_forbids_are_not_told_as_happening(nlp):
    text = "On Thursday the government issued a ban on public gatherings and protests lasting until Tuesday."
    assert only(events_of(nlp, text), "PROTEST").hypothetical


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        ("Speaking from Geneva, the envoy condemned the shelling of Khartoum.", "shelling", "Khartoum"),
        ("Fighting raged in Sagaing on Thursday, a resident reached from Bangkok said.", "Fighting", "Sagaing"),
    ],
)
def test_where_a_speaker_speaks_from_is_no_place_of_the_act(nlp, text, trigger, place):
    assert next(e for e in events_of(nlp, text) if e.trigger == trigger).place == place


@pytest.mark.parametrize(
    ("text", "type_", "place"),
    [
        ("Navy ships struck a boat on Tuesday, killing three people, the defense secretary told reporters in "
         "Washington.", "ASSAULT", None),
        ("Police arrested 12 protesters, the ministry said in a statement issued in Nairobi.", "COERCE", None),
        ("Gunmen stormed a market in central Mali on Tuesday, killing 40 people, officials said.", "ASSAULT", "Mali"),
        ("Speaking in Kabul, the minister said gunmen killed five people in Herat.", "ASSAULT", "Herāt"),
        ("The minister condemned the shelling of the market in Nairobi.", "ACCUSE", "Nairobi"),
    ],
)
def test_where_an_act_was_reported_is_no_place_of_the_act(nlp, text, type_, place):
    assert only(events_of(nlp, text), type_).place == place


def test_a_relative_clause_in_the_simple_present_describes_no_act(nlp):
    text = "Doctors Without Borders, which supports the main hospital in the city, said 19 people died."
    assert not any(e.type == "SUPPORT" for e in events_of(nlp, text))


def test_a_date_inside_another_events_phrase_is_that_events(nlp):
    text = "A court has convicted a man for impeding the investigation into last year's deadly blast."
    events = events_of(nlp, text, published="2026-03-02")
    assert only(events, "ACCUSE").asserted and only(events, "ACCUSE").date != "2025"
    assert only(events, "ASSAULT").date == "2025"


def test_the_day_of_a_later_act_in_a_before_clause_is_that_acts(nlp):
    text = ("A gunman opened fire on a party late on Saturday, killing two people and wounding six, "
            "before surrendering to police on Tuesday.")
    attacks = [e for e in events_of(nlp, text, published="2026-06-10") if e.type == "ASSAULT"]
    assert [e.date for e in attacks] == ["2026-06-06"] and attacks[0].injured.best == 6


def test_injuries_in_a_story_that_tells_no_violence_are_no_attack(nlp):
    storm = "Typhoon Ompong slammed into the coast, killing 27 people. Twenty remain missing and 64 were injured."
    assert not any(e.type == "ASSAULT" for e in events_of(nlp, storm))
    raid = "Gunmen attacked a village on Monday. Five people were injured."
    assert only(events_of(nlp, raid), "ASSAULT").injured.best == 5


def test_a_date_in_a_clause_of_its_own_dates_the_act_it_tells_the_time_of(nlp):
    text = "The colonel had pleaded not guilty to charges of murder when the trial opened in September."
    assert only(events_of(nlp, text, published="2026-12-06"), "REJECT").date == "2026-09"


def test_what_did_not_happen_owns_no_date(nlp):
    text = "Talks between the two ministers in Vienna ended without agreement on Tuesday, diplomats said."
    assert only(events_of(nlp, text, published="2026-12-06"), "CONSULT").date == "2026-12-01"


def test_a_date_told_in_the_past_perfect_does_not_date_the_next_sentence(nlp):
    text = ("The colonel had pleaded not guilty when the trial opened in September. "
            "Two co-defendants pleaded guilty and were each sentenced to eight years.")
    sentence = next(e for e in events_of(nlp, text, published="2026-12-06") if e.trigger == "sentenced")
    assert sentence.date != "2026-09" and not sentence.historical


@pytest.mark.parametrize(
    ("text", "actor", "recipient"),
    [
        ("Former army colonel jailed for 20 years over massacre\n\nA military court sentenced the colonel on Thursday.",
         "A military court", "Former army colonel"),
        ("Court convicts friend of bombing suspect\n\nA court convicted the man on Monday.", "Court", "friend"),
    ],
)
def test_a_headline_that_drops_was_names_who_it_happened_to(nlp, text, actor, recipient):
    event = events_of(nlp, text)[0]
    assert event.actor_text == actor and event.recipient_text.startswith(recipient)


def test_an_argument_ends_before_a_headline_break(nlp):
    event = events_of(nlp, "Three killed as rioters bomb Greek bank\n\nThree people died on Wednesday.")[0]
    assert event.recipient_text == "Greek bank"


def test_every_act_of_a_running_tally_is_an_aggregate(nlp):
    text = "At least 300 civilians have been killed in shelling and drone strikes on the city since March."
    attacks = [e for e in events_of(nlp, text) if e.type == "ASSAULT"]
    assert attacks and all(e.aggregate for e in attacks)


def test_people_detained_in_hospital_are_patients_not_prisoners(nlp):
    events = events_of(nlp, "After the blast, forty people were detained in hospital overnight.")
    assert not [e for e in events if e.type == "COERCE"]


def test_police_detaining_someone_in_a_hospital_is_an_arrest(nlp):
    event = only(events_of(nlp, "Police detained the suspect in a hospital in Lagos."), "COERCE")
    assert event.actor_text == "Police"


def test_what_a_denial_says_did_not_happen_is_not_asserted(nlp):
    event = only(events_of(nlp, "The army denied that its troops had shelled the market."), "ASSAULT")
    assert event.hypothetical and not event.asserted


def test_a_claim_dismissed_is_not_asserted(nlp):
    events = events_of(nlp, "The ministry rejected reports that militias had attacked the convoy.")
    assert not [e for e in events if e.type == "ASSAULT" and e.asserted]


def test_what_a_spokesman_says_happened_stays_asserted(nlp):
    event = only(events_of(nlp, "The army said its troops had shelled the market."), "ASSAULT")
    assert event.asserted


def test_what_someone_is_known_for_doing_is_a_habit(nlp):
    event = only(events_of(nlp, "The gang is notorious for kidnapping truck drivers."), "ASSAULT")
    assert event.aggregate and not event.asserted


def test_one_act_someone_is_known_for_stays_one_act(nlp):
    event = only(events_of(nlp, "The colonel is known for the attack on the rebel convoy."), "ASSAULT")
    assert not event.aggregate


def test_troops_described_by_their_patrol_make_no_deployment(nlp):
    events = events_of(nlp, "Soldiers patrolling the border arrested two smugglers on Monday.")
    assert [e.type for e in events] == ["COERCE"]


def test_a_deployment_begun_is_told(nlp):
    only(events_of(nlp, "The army began deploying troops to the border on Monday."), "MOBILIZE")


def test_what_suspects_are_suspected_of_doing_is_not_told_as_news(nlp):
    events = events_of(nlp, "Police arrested four men suspected of helping the gunman.")
    assert [e.type for e in events if e.asserted] == ["COERCE"]


def test_a_not_does_not_reach_a_conjunct_with_its_own_tense(nlp):
    events = events_of(nlp, "Police had not arrested anyone yet but were searching for the car.")
    assert only(events, "COERCE").negated
    search = [e for e in events if e.trigger == "searching for"]
    assert search and not search[0].negated


def test_a_not_reaches_a_bare_conjunct(nlp):
    events = events_of(nlp, "The army did not attack or shell the town.")
    assert events and all(e.negated for e in events)


def test_a_meeting_dated_after_the_article_is_ahead(nlp):
    event = only(events_of(nlp, "Trade ministers are scheduled to meet in Lima next month."), "CONSULT")
    assert event.future and not event.asserted


def test_an_act_told_in_the_past_keeps_its_status_whatever_the_later_date(nlp):
    event = only(events_of(nlp, "The judge ordered him held without bail pending a hearing on June 19."), "COERCE")
    assert event.asserted


def test_a_number_of_attacks_told_as_one_is_an_aggregate(nlp):
    event = only(events_of(nlp, "Militants carried out four attacks in the province on Sunday, killing 30 people."),
                 "ASSAULT")
    assert event.aggregate and not event.asserted


def test_separate_attacks_told_together_are_an_aggregate(nlp):
    event = only(events_of(nlp, "Gunmen killed 12 people in separate attacks on two villages on Sunday."), "ASSAULT")
    assert event.aggregate


def test_a_headline_counting_weekend_attacks_is_an_aggregate(nlp):
    text = ("Six killed in three weekend attacks in Borno\n\nIn the first attack, on Saturday night, gunmen shot "
            "dead two farmers near Dikwa.")
    events = [e for e in events_of(nlp, text, published="2026-02-16") if e.type == "ASSAULT"]
    assert [(e.asserted, e.fatalities and e.fatalities.best) for e in events] == [(False, 6), (True, 2)]


def test_the_first_of_several_attacks_is_its_own_occurrence(nlp):
    text = ("Militants carried out three attacks in the province on Sunday. In the first attack, gunmen raided "
            "the town of Dikwa and killed 11 people. In the evening, militants ambushed an army patrol outside "
            "Monguno, killing seven soldiers.")
    asserted = [e for e in events_of(nlp, text) if e.type == "ASSAULT" and e.asserted]
    assert sorted(e.fatalities.best for e in asserted if e.fatalities) == [7, 11]


def test_who_repulsed_an_attack_did_not_carry_it_out(nlp):
    event = only(events_of(nlp, "Soldiers repulsed an attack on their base near the border."), "ASSAULT")
    assert event.actor_text is None


def test_an_undated_detail_takes_the_lead_day_not_the_dateline_day(nlp):
    text = ("Attacks in the north\n\nDIKWA, Nigeria, July 20, 2026 (Wire) - Gunmen attacked two villages on Sunday, "
            "officials said.\n\nIn a separate attack, a suicide bomber blew herself up at a market in Bama, "
            "killing nine people.")
    bombing = next(e for e in events_of(nlp, text, published="2026-07-20") if e.fatalities)
    assert bombing.date == "2026-07-19"


def test_a_raid_that_goes_on_to_shoot_is_one_attack(nlp):
    events = events_of(nlp, "Gunmen raided the village of Tamboa, shooting residents and burning houses.")
    assert [e.type for e in events] == ["ASSAULT"]


def test_a_raid_that_ends_in_arrests_stays_coercion(nlp):
    only(events_of(nlp, "Police raided the house and arrested two men."), "COERCE")


def test_one_count_of_wounded_told_with_two_words_makes_one_event(nlp):
    text = "A gunman opened fire at a depot, killing six people. Four wounded workers were taken to Grant Hospital."
    events = events_of(nlp, text)
    assert [e.type for e in events] == ["ASSAULT"]
    assert events[0].actor_text == "A gunman"


def test_a_rout_in_a_match_report_is_no_coercion(nlp):
    text = ("The Harbour Hawks demolished the Valley Rams 5-0 on Saturday to stay top of the league. The striker "
            "scored twice in the first half, the goalkeeper made four saves and the coach praised the fans "
            "after the match. The season ends next month with the cup final at the stadium.")
    assert not [e for e in events_of(nlp, text) if e.type == "COERCE"]


def test_a_meeting_struck_is_the_target_not_a_consultation(nlp):
    events = events_of(nlp, "An air strike on a meeting of tribal elders killed 12 people.")
    assert [e.type for e in events] == ["ASSAULT"]


def test_summoning_an_envoy_is_a_diplomatic_protest(nlp):
    event = only(events_of(nlp, "Norway summoned the Iranian ambassador over the arrests."), "ACCUSE")
    assert event.actor_text == "Norway"


def test_summoning_a_witness_is_no_event(nlp):
    assert not events_of(nlp, "The court summoned the minister to testify next week.")


def test_the_day_of_a_planned_march_is_not_the_warning_s_day(nlp):
    text = ("Police fired tear gas at marchers in Eldoret on Tuesday.\n\nThe minister warned protesters on "
            "Tuesday evening. He ordered the deployment of riot units to the city ahead of a second march planned "
            "for Thursday.")
    events = events_of(nlp, text, published="2026-04-15")
    order = next(e for e in events if e.type == "MOBILIZE")
    assert order.date != "2026-04-09"


def test_a_country_in_the_dateline_is_not_the_actor_of_the_lead(nlp):
    text = ("Hotel gate attacked\n\nKISMAYO, Somalia, Dec. 2, 2026 (Wire) - Gunmen fired on the gate of a hotel "
            "on Tuesday evening, police said.")
    event = only(events_of(nlp, text, published="2026-12-02"), "ASSAULT")
    assert event.actor != "Somalia" and event.actor_text == "Gunmen"


def test_deaths_in_reports_called_false_are_not_asserted(nlp):
    text = "Reports on social media that several guards had been killed were false, the minister said."
    events = events_of(nlp, text)
    assert not [e for e in events if e.type == "ASSAULT" and e.asserted]


def test_a_headline_hostage_freed_is_who_was_freed(nlp):
    text = "Kidnapped Danish nurse freed in Mali after six weeks\n\nThe nurse was released on Sunday, officials said."
    event = only(events_of(nlp, text), "RETREAT")
    assert event.actor_text is None or "nurse" not in event.actor_text


def test_stopping_a_vehicle_is_no_sanction(nlp):
    assert not [e for e in events_of(nlp, "Armed men on motorcycles stopped his car near the town.")
                if e.type == "SANCTION"]


def test_who_planted_the_bomb_is_the_actor(nlp):
    event = only(events_of(nlp, "Two soldiers were killed by a bomb planted by insurgents."), "ASSAULT")
    assert event.actor_text == "insurgents"


def test_stones_are_a_means_and_who_threw_them_the_actor(nlp):
    event = only(events_of(nlp, "Nine officers were injured by stones thrown by protesters."), "ASSAULT")
    assert event.actor_text == "protesters"


def test_a_protest_crowd_burning_buses_is_rioting(nlp):
    event = only(events_of(nlp, "Some demonstrators set fire to two buses near the square."), "PROTEST")
    assert event.mode == "riot"


def test_a_day_counted_from_another_event_is_not_the_story_s_day(nlp):
    text = ("Office shooter charged\n\nPublished April 11, 2026\n\nA man fired four days earlier from his job "
            "shot a receptionist, a sergeant said.\n\nHe was charged with murder.")
    charge = only(events_of(nlp, text, published="2026-04-11"), "ACCUSE")
    assert charge.date == "2026-04-11"


def test_a_charged_killing_keeps_the_year_its_own_phrase_gives(nlp):
    text = "Two men went on trial on Monday, accused of killing a shopkeeper in Leeds in 2019."
    killing = only(events_of(nlp, text), "ASSAULT")
    assert killing.date == "2019" and not killing.asserted


def test_pepper_spray_used_by_police_is_their_act(nlp):
    event = only(events_of(nlp, "Riot police used water cannon and pepper spray against the marchers."), "ASSAULT")
    assert event.actor_text == "Riot police"


def test_what_people_who_try_to_act_try_is_not_told(nlp):
    events = events_of(nlp, "The premier said he would not talk to those who try to seize power by force.")
    assert not [e for e in events if e.type == "COERCE" and e.asserted]


def test_a_private_caller_to_the_police_consults_no_one(nlp):
    assert not events_of(nlp, "A woman telephoned the police to report a suspicious car.")


def test_an_unresolved_she_meeting_a_minister_still_meets(nlp):
    only(events_of(nlp, "She met the interior minister in Paris on Monday."), "CONSULT")


def test_such_attacks_are_a_kind_not_one_act(nlp):
    event = only(events_of(nlp, "Such attacks have become common along the northern border."), "ASSAULT")
    assert event.aggregate and not event.asserted


def test_conceding_a_fact_is_no_concession(nlp):
    assert not events_of(nlp, "The health minister conceded that the country is short of insulin.")


def test_a_promise_of_troops_withdrawing_is_an_agreement(nlp):
    only(events_of(nlp, "The minister promised that the troops would withdraw from the town."), "AGREE")


def test_a_hope_promised_to_voters_is_no_agreement(nlp):
    assert not events_of(nlp, "He promised voters that the new assembly will bring an era of calm.")


def test_a_detention_told_again_as_an_arrest_is_one_act(nlp):
    text = ("Police detained three men in a raid on a flat in Leeds on Monday. A spokesman said the men had been "
            "arrested on suspicion of planning an attack.")
    assert len([e for e in events_of(nlp, text) if e.type == "COERCE" and e.asserted]) == 1


def test_an_indictment_told_again_as_a_charge_is_one_act(nlp):
    text = ("On Monday, the lawmaker and six officers were indicted. The lawmaker was charged with treason "
            "and conspiracy.")
    assert len([e for e in events_of(nlp, text) if e.type == "ACCUSE" and e.asserted]) == 1


def test_an_accusation_the_accused_denies_is_still_made(nlp):
    text = "Islamabad accuses the government in Kabul of sheltering militant leaders, a charge Kabul denies."
    assert only(events_of(nlp, text), "ACCUSE").asserted


def test_insurgents_killed_beating_off_an_ambush_are_its_dead(nlp):
    text = ("In the evening, militants ambushed an army patrol near Dikwa, killing seven soldiers. The army said "
            "it had repelled the attack and killed 15 insurgents.")
    ambush = only(events_of(nlp, text), "ASSAULT")
    assert ambush.fatalities.best == 22


def test_a_general_strike_and_a_march_on_parliament_are_two_protests(nlp):
    text = ("Thousands of protesters marched on parliament in Lisbon on Tuesday. The general strike shut schools "
            "and hospitals across the country.")
    protests = [e for e in events_of(nlp, text) if e.type == "PROTEST" and e.asserted]
    assert len(protests) == 2


def test_riot_police_opening_a_sentence_are_no_person_called_riot(nlp):
    text = "Thousands gathered in the square. Riot police used tear gas and pepper spray against them."
    event = only(events_of(nlp, text), "ASSAULT")
    assert event.actor != "Riot"


def test_sanctions_under_consideration_are_not_imposed(nlp):
    event = only(events_of(nlp, "The European Union is considering new sanctions on Belarus."), "SANCTION")
    assert event.hypothetical and not event.asserted


def test_aid_under_review_is_not_given(nlp):
    assert not [e for e in events_of(nlp, "Washington said it was reviewing its military aid to the country.")
                if e.type == "AID" and e.asserted]


def test_a_border_named_to_locate_a_town_is_not_the_place(nlp):
    text = "A bomber blew herself up at a market in Gwoza, near the border with Cameroon, killing nine people."
    assert only(events_of(nlp, text), "ASSAULT").place == "Gwoza"


def test_a_town_named_as_a_landmark_is_not_the_place(nlp):
    text = "Fighters raided the town of Konduga, 35 kilometres southeast of Maiduguri, shooting residents."
    assert only(events_of(nlp, text), "ASSAULT").place == "Konduga"


def test_a_border_alone_still_places_the_act(nlp):
    assert only(events_of(nlp, "Troops clashed with rebels near the border with Uganda."), "ASSAULT").place == "Uganda"


def test_a_car_of_a_make_named_like_a_town_is_no_place(nlp):
    text = "Police were searching for the getaway car, a white Toyota, on Monday."
    assert all(e.place is None for e in events_of(nlp, text))


def test_an_explosion_in_a_story_of_bombings_is_told(nlp):
    text = ("Two car bombs killed nine people in the city on Friday. Later, an explosion ripped through a market "
            "in the south of the country.")
    assert len([e for e in events_of(nlp, text) if e.type == "ASSAULT" and e.asserted]) == 2


def test_the_explosion_recalled_beside_a_nearby_restaurant_is_the_same_one(nlp):
    text = ("A bomb exploded at the Rolando cafe on Friday, killing 13 people. More than 300 people were eating "
            "in the neighbouring restaurant at the time of the explosion.")
    assert len([e for e in events_of(nlp, text) if e.type == "ASSAULT" and e.asserted]) == 1


def test_two_car_bombs_are_one_attack_told_not_a_tally(nlp):
    event = only(events_of(nlp, "Two car bombs killed nine people outside the stadium on Friday."), "ASSAULT")
    assert event.asserted and event.fatalities.best == 9


def test_the_ends_of_a_stretch_are_not_where_a_nationwide_call_happened(nlp):
    events = events_of(nlp, "Peru's opposition called for nationwide protests on Friday, asking citizens to take to "
                            "the streets from Tumbes to Tacna.")
    call = only(events, "REQUEST")
    assert call.country == "PER" and call.place == "Peru"


def test_an_unnamed_man_held_responsible_is_named_by_his_noun(nlp):
    events = events_of(nlp, "Police in Ghent were searching for a man believed to be responsible for a Sunday blast "
                            "which injured four people.")
    blast = only(events, "ASSAULT")
    assert (blast.actor, blast.actor_id) == ("man", None)
    assert only(events, "ACCUSE").recipient == "man"


def test_people_who_march_are_protesters(nlp):
    march = only(events_of(nlp, "On Sunday a group of about 200 people were marching toward the town hall."), "PROTEST")
    assert march.actor == "protesters" and march.actor_text == "a group of about 200 people"


def test_a_thing_told_by_a_common_noun_gets_no_actor_name(nlp):
    event = only(events_of(nlp, "Troops seized a fishing boat off the coast on Monday."), "COERCE")
    assert event.recipient is None and event.recipient_text == "a fishing boat"


def test_who_opened_a_probe_into_an_explosion_did_not_cause_it(nlp):
    events = events_of(nlp, "A bomb exploded outside a bank in Ghent on Friday. The federal prosecutor said it has "
                            "opened a probe into the explosion.")
    assert only(events, "ASSAULT").actor is None


@pytest.mark.parametrize(
    ("text", "asserted"),
    [
        ("The army said the offensive would go on until every village is freed.", False),
        ("Unions said the strike would go on until the decree is withdrawn.", False),
        ("The rebels held the town until the troops withdrew in March.", True),
    ],
)
def test_an_act_awaited_until_a_present_tense_clause_is_not_told(nlp, text, asserted):
    awaited = [e for e in events_of(nlp, text) if e.type == "RETREAT"]
    assert awaited and awaited[0].asserted is asserted


def test_protest_organisers_name_no_protest(nlp):
    events = events_of(nlp, "Protest organisers said the city council met on Tuesday.")
    assert not any(e.type == "PROTEST" for e in events)


def test_a_date_told_with_the_first_of_two_conjuncts_dates_both(nlp):
    events = events_of(nlp, "Early on Sunday, gunmen forced a car off the road near Culiacan and shot at it.",
                       published="2026-02-16")
    assert only(events, "ASSAULT").date == "2026-02-15"
    assert only(events, "ASSAULT").date_source == "clause"


def test_what_has_long_been_done_is_a_pattern(nlp):
    events = events_of(nlp, "The mission has long complained of shortages of helicopters.")
    assert not any(e.asserted for e in events if e.type == "ACCUSE")


def test_a_gerund_framing_a_clause_is_done_by_the_clauses_subject(nlp):
    events = events_of(nlp, "In addition to asking the court to delay the hearing, Lee's lawyers made a motion for "
                            "a new trial.")
    assert only(events, "REQUEST").actor_text == "Lee's lawyers"


def test_a_gerund_framing_a_verb_of_saying_belongs_to_what_was_said(nlp):
    from eventwire.extract.events.roles import _framing_verb

    framed = nlp("Besides attacking the convoy, the commander said the rebels burned a village.")
    assert _framing_verb(framed[1]) is None  # the parser hangs "Besides" on "said"
    own = nlp("Without warning anyone, the army shelled the town.")
    assert _framing_verb(own[1]).text == "shelled"


def test_youths_who_storm_a_building_are_protesters(nlp):
    event = only(events_of(nlp, "Hooded youths tried to storm the town hall during the strike."), "PROTEST")
    assert event.actor == "protesters"


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("A rebel spokesman said the group would attack army bases if the curfew stayed.", "A rebel spokesman"),
        ("The union leader said workers would hold a national strike unless wages were raised.", "The union leader"),
        ("The minister said Ankara would not hesitate to strike militant camps if attacks went on.", "The minister"),
    ],
)
def test_force_promised_on_a_condition_in_speech_is_a_threat(nlp, text, actor):
    events = events_of(nlp, text)
    threat = only(events, "THREATEN")
    assert threat.asserted and threat.actor_text == actor
    assert not any(e.asserted for e in events if e.type != "THREATEN")


def test_force_promised_without_a_condition_is_no_threat(nlp):
    events = events_of(nlp, "The army said troops would attack the rebel camps next week.")
    assert not any(e.type == "THREATEN" for e in events)


def test_a_place_in_what_was_agreed_or_warned_is_not_where_it_was_said(nlp):
    text = ("BRUSSELS, May 4 (Wire) - The foreign ministers of Serbia and Kosovo met in Brussels on Monday.\n\n"
            "The two ministers agreed to reopen three schools in southern Serbia, and Kosovo's minister warned "
            "that police could enter Zvecan if the deal failed.")
    events = events_of(nlp, text, published="2026-05-05")
    assert only(events, "AGREE").place == "Brussels"
    assert only(events, "THREATEN").place == "Brussels"


def test_a_place_in_what_a_suspect_is_accused_of_is_not_where_he_was_arrested(nlp):
    text = "Police arrested two men suspected of smuggling weapons from Mosul into the city on Sunday."
    assert only(events_of(nlp, text), "COERCE").place is None


@pytest.mark.parametrize(
    ("text", "type_", "place"),
    [
        ("NAIROBI (Wire) - Police fired tear gas at protesters outside Kenya's parliament on Tuesday.",
         "ASSAULT", "Nairobi"),
        ("The ministry summoned Peru's ambassador on Monday.", "ACCUSE", None),
    ],
)
def test_a_country_owning_an_organ_or_a_title_is_not_the_place(nlp, text, type_, place):
    assert only(events_of(nlp, text), type_).place == place


def test_a_town_naming_the_spot_of_an_attack_beats_a_later_clauses_town(nlp):
    text = ("A gunman opened fire at a party in a north Denver park on Saturday, killing two people, before he "
            "was arrested in Phoenix on Monday.")
    shooting = next(e for e in events_of(nlp, text) if e.type == "ASSAULT")
    assert (shooting.place, shooting.place_source) == ("Denver", "clause")


def test_an_unknown_village_in_the_events_clause_beats_the_storys_town(nlp):
    text = ("BRUSSELS (Wire) - The EU and Serbia argued for weeks in Brussels. Talks in Brussels failed.\n\n"
            "The deployment followed a gunfight in Zelenvrh that killed a police officer in 2023.")
    killed = next(e for e in events_of(nlp, text) if e.type == "ASSAULT")
    assert killed.place == "Zelenvrh"


def test_a_shoal_at_sea_is_not_placed_at_the_datelines_capital(nlp):
    text = ("MANILA (Wire) - A Chinese ship fired water cannon at a Philippine boat near Tamarind Shoal on "
            "Wednesday, injuring two sailors. China and the Philippines both claim the shoal.")
    attack = only(events_of(nlp, text, published="2026-05-07"), "ASSAULT")
    assert attack.place == "Tamarind Shoal"


def test_a_country_that_is_the_subject_of_the_act_is_a_party_not_its_place(nlp):
    text = "Peru, Chile sign fishing pact in Santiago\n\nThe two governments signed the pact on Monday."
    signed = next(e for e in events_of(nlp, text) if e.trigger == "sign")
    assert signed.place == "Santiago"


def test_no_group_claiming_an_attack_is_no_actor(nlp):
    events = events_of(nlp, "A bomb exploded outside a bakery in Ghent on Friday. He said no group had yet claimed "
                            "responsibility for the explosion.")
    blast = only(events, "ASSAULT")
    assert blast.actor is None and blast.actor_text is None


def test_an_attack_on_a_building_that_killed_people_targets_civilians(nlp):
    attack = only(events_of(nlp, "A bomb attack on a crowded cafe in Ghent killed 13 people on Friday."), "ASSAULT")
    assert attack.recipient == "civilians"


def test_an_attack_on_a_convoy_that_killed_soldiers_does_not_target_civilians(nlp):
    attack = only(events_of(nlp, "A bomb attack on an army convoy near Gao killed 13 soldiers on Friday."), "ASSAULT")
    assert attack.recipient != "civilians"


def test_of_two_sides_that_clashed_the_other_harmed_the_hurt_one(nlp):
    event = only(events_of(nlp, "A confrontation on the campus between students and riot police has left at least "
                                "one student injured."), "ASSAULT")
    assert event.actor_text == "riot police" and event.recipient_text == "at least one student"
