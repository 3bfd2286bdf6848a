"""A finite verb the parser hangs on an infinitive before it ("ordered troops to deploy and imposed
a curfew") is a clause of the main verb's subject, told as done: rules on hand-built parses, then
a few sentences through the whole pipeline."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from eventwire.extract.events.candidate import coordinated_partner
from eventwire.extract.events.roles import subject_of
from eventwire.model import Article
from eventwire.pipeline import extract
from factories import extract_events

VOCAB = spacy.blank("en").vocab


def threatened_and_seized(second_tag: str) -> Doc:
    """"Rebels threatened to attack the town and seized/seize villages" as the parser reads it:
    the second verb is a conjunct of the infinitive."""
    words = ["Rebels", "threatened", "to", "attack", "the", "town", "and", "seized", "villages"]
    return Doc(VOCAB, words=words, heads=[1, 1, 3, 1, 5, 3, 3, 3, 7],
               deps=["nsubj", "ROOT", "aux", "xcomp", "det", "dobj", "cc", "conj", "dobj"],
               pos=["NOUN", "VERB", "PART", "VERB", "DET", "NOUN", "CCONJ", "VERB", "NOUN"],
               tags=["NNS", "VBD", "TO", "VB", "DT", "NN", "CC", second_tag, "NNS"])


def test_a_past_tense_conjunct_of_an_infinitive_stands_beside_it():
    doc = threatened_and_seized("VBD")
    assert coordinated_partner(doc[7]) == doc[1]


def test_a_bare_conjunct_of_an_infinitive_shares_its_to():
    """"to attack the town and seize villages": both are what was threatened."""
    assert coordinated_partner(threatened_and_seized("VB")[7]) is None


def test_the_finite_conjunct_takes_the_main_verbs_subject():
    doc = threatened_and_seized("VBD")
    assert subject_of(doc[7]).text == "Rebels"


def test_an_ordered_force_is_not_who_imposed_the_curfew(nlp):
    events = extract_events(nlp, "The government ordered troops to reinforce positions around the town "
                                 "and imposed a curfew in the province on Monday.")
    curfew = next(e for e in events if e.trigger == "curfew")
    assert curfew.actor_text == "The government"


def test_a_seizure_told_after_a_threat_is_asserted_with_its_actor(nlp):
    events = extract_events(nlp, "The rebels threatened to attack the town and seized two villages on Monday.")
    seized = next(e for e in events if e.trigger == "seized")
    assert seized.actor_text == "The rebels"
    assert not (seized.hypothetical or seized.future)


def test_a_rejection_after_a_vow_keeps_the_vowers_name(nlp):
    events = extract_events(nlp, "The junta has vowed to retake the north and rejected calls for talks.")
    rejected = next(e for e in events if e.type == "REJECT")
    assert rejected.actor_text == "The junta"


STORY_WITH_A_SEPARATE_BLAST = (
    "OUAGADOUGOU, March 9 (Wire) - Gunmen killed at least 14 civilians at a cattle market in the northern "
    "town of Djibo on Sunday, officials said on Monday.\n\n"
    "In a separate incident on Saturday, an improvised explosive device hit a military convoy, killing "
    "three soldiers, the army said.\n")


def test_a_separate_incident_is_its_own_current_attack(nlp):
    """Its participle's toll is the blast's, and "separate" tells another incident of the news,
    not one from the past."""
    events = [e for e in extract_events(nlp, STORY_WITH_A_SEPARATE_BLAST, published="2026-03-10")
              if e.type == "ASSAULT"]
    assert len(events) == 2
    blast = events[1]
    assert (blast.date, blast.fatalities.best, blast.historical) == ("2026-03-07", 3, False)
    assert blast.recipient_text != "a separate incident"


def test_a_visit_someone_is_due_to_make_is_a_plan_even_on_the_day_of_the_story(nlp):
    events = extract_events(nlp, "The interior minister is due to visit the wounded in hospital on Friday.",
                            published="2026-06-12")  # a Friday
    visit = next(e for e in events if e.type == "CONSULT")
    assert visit.future and not visit.asserted


def test_talks_set_to_resume_are_not_yet_held(nlp):
    events = extract_events(nlp, "Talks between the government and the rebels are set to resume in Doha.")
    assert all(not e.asserted for e in events if e.type == "CONSULT")


def test_whoever_is_scheduled_to_meet_is_who_meets(nlp):
    events = extract_events(nlp, "President Ruto is scheduled to meet rebel leaders in Nairobi.")
    meeting = next(e for e in events if e.type == "CONSULT")
    assert meeting.actor_text == "President Ruto" and meeting.future


def test_a_fire_set_to_a_camp_is_no_plan(nlp):
    events = extract_events(nlp, "Soldiers set fire to the camp on Monday.")
    assert any(e.asserted for e in events)


def test_failing_to_reach_agreement_stays_a_refusal(nlp):
    events = extract_events(nlp, "The two sides failed to reach agreement on the border after hours of talks.")
    agreement = next(e for e in events if e.trigger == "agreement")
    assert agreement.negated


def test_a_headline_participle_tells_who_it_was_done_to(nlp):
    story = ("Eight police officers killed in ambush near Apatzingan\n\n"
             "Gunmen ambushed a police convoy outside the town on Friday, officials said.\n")
    attack = next(e for e in extract_events(nlp, story, published="2026-04-18") if e.type == "ASSAULT")
    assert attack.actor_text == "Gunmen"
    assert attack.recipient_text == "Eight police officers"


def test_a_body_sentence_in_the_past_keeps_its_subject_as_actor(nlp):
    events = extract_events(nlp, "Regional leaders condemned the coup on Monday.")
    assert next(e for e in events if e.type == "ACCUSE").actor_text == "Regional leaders"


def test_a_dateline_in_accented_capitals_is_where_it_was_filed_not_who_acted(nlp):
    story = "APATZINGÁN, Michoacán — Gunmen ambushed a convoy of state police on Friday, killing eight officers.\n"
    attack = next(e for e in extract_events(nlp, story, published="2026-04-18") if e.type == "ASSAULT")
    assert attack.actor_text == "Gunmen"
    assert attack.place == "Apatzingán"


def test_rebels_backed_by_a_state_are_described_not_backed_that_day(nlp):
    events = extract_events(nlp, "Rebels backed by Rwanda seized the town on Monday.")
    assert [e.type for e in events] == ["COERCE"]


def test_militias_collaborating_with_a_junta_are_who_was_targeted(nlp):
    events = extract_events(nlp, "The group said it had targeted militias collaborating with the junta.")
    assert all(e.type != "COOPERATE" for e in events)


def test_backing_told_as_an_act_is_still_an_event(nlp):
    events = extract_events(nlp, "The United States backed the resolution on Monday.")
    assert [e.type for e in events] == ["SUPPORT"]


def test_a_denial_that_something_happened_is_a_rejection_by_whoever_denies(nlp):
    events = extract_events(nlp, "The commissioner denied that any ransom was paid.")
    assert [(e.type, e.actor_text) for e in events] == [("REJECT", "The commissioner")]


def test_denying_any_role_is_a_rejection(nlp):
    events = extract_events(nlp, "Men who said they belonged to the group denied any role in the ambush.")
    assert any(e.type == "REJECT" for e in events)


def test_a_denial_told_beside_a_statement_is_the_speakers(nlp):
    events = extract_events(nlp, "Government spokesman Amara Camara said the security forces had shown restraint, "
                                 "denied that they had used live ammunition and blamed delinquents for the violence.")
    denial = next(e for e in events if e.type == "REJECT")
    assert denial.actor_text == "Government spokesman Amara Camara"


def test_bombing_that_goes_on_in_the_present_is_a_pattern(nlp):
    events = extract_events(nlp, "The junta continues to bomb schools, clinics and monasteries, the EU said.")
    assert all(e.aggregate for e in events if e.type == "ASSAULT")


def test_firing_that_went_on_that_night_is_one_act(nlp):
    events = extract_events(nlp, "Police continued to fire tear gas at the crowd late into the night.")
    assert not any(e.aggregate for e in events)


def test_air_strikes_in_general_are_many_but_a_days_strikes_are_one(nlp):
    general = extract_events(nlp, "The goods had enabled air strikes that killed hundreds of civilians.")
    assert all(e.aggregate for e in general if e.type == "ASSAULT")
    one_day = extract_events(nlp, "Air strikes killed 20 people in the town on Tuesday.")
    assert [e.aggregate for e in one_day if e.type == "ASSAULT"] == [False]


def test_a_tiny_namesake_abroad_is_not_the_town_of_a_story_that_names_its_country(nlp):
    """A Conakry neighbourhood the gazetteer lacks shares its name with a village of 98 people in Spain."""
    story = ("CONAKRY (Wire) — Security forces shot dead two men in Conakry as Guinea voted on Sunday.\n\n"
             "In the afternoon, a second man was shot dead by police in Cosa, about three kilometres away.\n")
    events = extract_events(nlp, story, published="2026-12-07")
    assert all(e.country in (None, "GIN") for e in events)


def test_a_town_the_model_left_untagged_is_placed_when_it_lies_in_the_storys_country(nlp):
    story = ("OUAGADOUGOU (Wire) - Jihadists attacked a market in northern Burkina Faso on Sunday.\n\n"
             "Separately, soldiers killed eight militants near Dori on Monday, the army said.\n")
    events = extract_events(nlp, story, published="2026-11-20")
    assert [e.place for e in events if e.type == "ASSAULT"][-1] == "Dori"


def test_a_name_after_in_that_is_no_town_of_the_story_stays_out(nlp):
    story = ("OUAGADOUGOU (Wire) - Jihadists attacked a market in northern Burkina Faso on Sunday.\n\n"
             "Soldiers killed eight militants in May, the army said.\n")
    assert all(e.place != "May" for e in extract_events(nlp, story, published="2026-11-20"))


def test_a_toll_told_as_unverified_yields_to_the_one_told_plainly(nlp):
    story = ("Al-Shabaab fighters stormed a military base in southern Somalia on Wednesday, officials said.\n\n"
             "Al-Shabaab said on its radio station that it had killed 47 soldiers, a figure that could not be "
             "independently verified.\n\nThe army said 11 soldiers were killed and 16 wounded in the attack.\n")
    attack = next(e for e in extract_events(nlp, story, published="2026-03-19") if e.type == "ASSAULT")
    assert (attack.fatalities.best, attack.injured.best) == (11, 16)


def test_a_phrase_set_beside_a_fronted_place_is_not_the_subject(nlp):
    events = extract_events(nlp, "In Bambeto, a suburb on the Le Prince road that has long been a flashpoint, "
                                 "youths blocked the road with burning tyres in the morning.")
    assert next(e for e in events if e.trigger == "blocked").actor_text == "youths"


def test_a_body_set_beside_an_opening_subject_is_not_the_subject(nlp):
    events = extract_events(nlp, "Members of the Association of African Jurists, a body linked to the African "
                                 "Union, investigated the detention of 2,000 migrants.")
    assert next(e for e in events if e.type == "ACCUSE").actor_text.startswith("Members")


DHAKA_STORY = (
    "DHAKA (Wire) - Police fired rubber bullets at students protesting at Dhaka University on Wednesday "
    "afternoon, leaving 45 people injured.\n\n"
    "Police detained 27 students, officials said.\n\n"
    "The student alliance called a nationwide strike for Sunday.\n")


def test_a_day_told_with_its_afternoon_is_the_storys_day(nlp):
    events = extract_events(nlp, DHAKA_STORY, published="2026-06-03")
    detained = next(e for e in events if e.type == "COERCE")
    assert detained.date == "2026-06-03"


def test_a_day_a_strike_is_called_for_lies_ahead(nlp):
    events = extract_events(nlp, DHAKA_STORY, published="2026-06-03")
    strike = next(e for e in events if e.trigger == "strike")
    assert strike.date == "2026-06-07"


def test_a_month_of_a_reduced_relative_in_the_past_is_this_years(nlp):
    story = ("NIAMEY (Wire) - The group still holds five foreigners, including an Austrian woman kidnapped "
             "in Agadez in January, according to a tally.\n")
    kidnapping = next(e for e in extract_events(nlp, story, published="2026-08-04") if e.type == "ASSAULT")
    assert kidnapping.date == "2026-01" and not kidnapping.future


def test_a_headline_clause_across_a_semicolon_is_its_own_act(nlp):
    events = extract_events(nlp, "Poland expels Hungarian diplomat over espionage case; Budapest vows response")
    assert {e.type for e in events} == {"SANCTION", "THREATEN"}


def test_ordering_a_diplomat_out_of_the_country_is_an_expulsion(nlp):
    events = extract_events(nlp, "Poland ordered a Hungarian diplomat to leave the country within 72 hours.")
    expulsion = next(e for e in events if e.type == "SANCTION")
    assert (expulsion.actor_text, expulsion.recipient_text) == ("Poland", "a Hungarian diplomat")


def test_telling_ones_own_citizens_to_leave_is_no_expulsion(nlp):
    events = extract_events(nlp, "Several Western governments told their citizens to leave the country.")
    assert all(e.type != "SANCTION" for e in events)


def test_vowing_a_response_is_a_threat(nlp):
    events = extract_events(nlp, "Hungary vowed a response.")
    assert [e.type for e in events if e.trigger == "vowed"] == ["THREATEN"]


def test_a_separate_incident_the_same_day_is_still_another_attack(nlp):
    story = ("RIO DE JANEIRO (Wire) - Police shot dead 12 suspected traffickers in a raid on a favela on Thursday.\n\n"
             "In a separate incident on Thursday evening, gunmen shot at a police patrol car in a nearby "
             "neighbourhood. No one was hit, police said.\n")
    attacks = [e for e in extract_events(nlp, story, published="2026-10-29") if e.type == "ASSAULT" and e.asserted]
    assert len(attacks) == 2


def test_a_gang_named_like_a_town_abroad_is_no_place(nlp):
    story = ("Fighting broke out on Wednesday between the Los Lobos and Los Choneros gangs in the Litoral "
             "Penitentiary, killing nine inmates.\n\nThe prison service blamed Los Lobos for the violence.\n")
    assert all(e.country != "MEX" for e in extract_events(nlp, story, published="2026-04-22"))


def test_a_curated_organization_the_model_missed_is_the_actor(nlp):
    events = extract_events(nlp, "Human Rights Watch accused the police of summary executions.")
    accusation = next(e for e in events if e.type == "ACCUSE")
    assert accusation.actor == "Human Rights Watch"


def test_a_charge_at_a_crowd_with_batons_is_a_blow_not_a_charge_in_law(nlp):
    events = extract_events(nlp, "Officers charged the crowd with batons outside the university.")
    assert [e.type for e in events if e.trigger == "charged"] == ["ASSAULT"]
    in_law = extract_events(nlp, "Police charged him with murder.")
    assert [e.type for e in in_law] == ["ACCUSE"]


def test_speaking_with_a_leader_by_phone_is_a_call(nlp):
    events = extract_events(nlp, "NATO chief Mark Rutte spoke with Lithuanian President Gitanas Nauseda by phone.")
    call = next(e for e in events if e.type == "CONSULT")
    assert call.recipient_text == "Lithuanian President Gitanas Nauseda"
    assert extract_events(nlp, "The minister spoke to reporters on Thursday.") == []


def test_a_protest_note_delivered_at_a_summons_is_no_protest_or_aid(nlp):
    events = extract_events(nlp, "The ministry summoned the Belarusian envoy to deliver a protest note.")
    assert [e.type for e in events] == ["ACCUSE"]


def test_a_toll_the_parser_hangs_below_a_dateline_is_still_the_attacks(nlp):
    story = ("BUNIA (Wire) - Suspected ADF militants killed at least 23 people in an overnight attack on a "
             "village, local officials said on Tuesday.\n")
    attack = next(e for e in extract_events(nlp, story, published="2026-03-10") if e.type == "ASSAULT")
    assert attack.fatalities.best == 23


RSF_STORY = ("Rapid Support Forces shelling killed 31 civilians in El Obeid on Saturday, in one of the deadliest "
             "attacks on the city this year.\n\nIn a statement, the paramilitary group accused the army of using "
             "civilians as human shields and said its forces had targeted only military positions.\n")


def test_a_period_that_only_ranks_the_attack_makes_no_tally(nlp):
    attack = next(e for e in extract_events(nlp, RSF_STORY, published="2026-07-19") if e.type == "ASSAULT")
    assert not attack.aggregate and attack.fatalities.best == 31


def test_its_forces_are_the_speaking_groups_not_a_group_named_between(nlp):
    events = extract_events(nlp, RSF_STORY, published="2026-07-19")
    assert all(e.actor != "civilians" for e in events)
    assert next(e for e in events if e.type == "ACCUSE").actor == "Rapid Support Forces"


def test_a_curated_acronym_the_model_missed_is_the_actor_over_its_country(nlp):
    story = ("ARAUCA, Colombia, Aug 20 (Wire) - Colombia's ELN guerrilla group on Thursday released a police officer "
             "it had held for five months.\n\nThe ELN attacked a military base near Tame on Wednesday.\n")
    events = extract_events(nlp, story, published="2026-08-21")
    assert [e.actor for e in events if e.trigger in ("released", "attacked")] == ["ELN", "ELN"]


def test_a_dateline_with_a_colon_is_where_and_when_the_story_was_filed(nlp):
    story = ("Militants, soldier killed in Kupwara gunfight\n\nBy Our Correspondent\n\n"
             "Srinagar, June 9: Two militants and a soldier were killed in a gunfight in north Kashmir's "
             "Kupwara district on Monday evening, officials said.\n")
    attack = next(e for e in extract_events(nlp, story, published="2026-06-09") if e.type == "ASSAULT")
    assert attack.date.startswith("2026-06-08") and attack.place == "Kupwara"


def test_a_town_the_model_took_for_a_product_is_placed_after_the_town_of(nlp):
    story = ("PORT-AU-PRINCE, Haiti (Wire) - Armed gangs attacked the central Haitian town of Mirebalais before "
             "dawn on Monday, killing at least 15 people, officials in Haiti said.\n")
    attack = next(e for e in extract_events(nlp, story, published="2026-04-21") if e.type == "ASSAULT")
    assert attack.place == "Mirebalais"


def test_a_ministry_in_the_possessive_of_a_state_is_that_states(nlp):
    story = ("KYIV (Wire) - A missile strike on Dnipro killed 12 people on Tuesday, Ukrainian officials said.\n\n"
             "Russia's defence ministry said its forces had hit a command post.\n")
    record = extract(nlp(story), Article(text=story, published="2026-06-10"))
    ministry = next(a for a in record.actors if a.name == "defence ministry")
    assert ministry.country == "RUS"


def test_an_attack_on_another_city_does_not_join_a_strike_first_told_in_a_headline_phrase(nlp):
    story = ("Death toll from Russian strike on Dnipro rises to 34\n\n"
             "DNIPRO, Ukraine (Wire) - The death toll from a Russian missile strike on a residential building "
             "in the city of Dnipro rose to 34 on Tuesday, officials said.\n\n"
             "Overnight into Tuesday, Russian drones also attacked Kharkiv, wounding five people, the city's "
             "mayor said.\n")
    attacks = [e for e in extract_events(nlp, story, published="2026-10-06") if e.type == "ASSAULT" and e.asserted]
    assert sorted(e.place for e in attacks) == ["Dnipro", "Kharkiv"]
