"""Session 10 rules for who did it and to whom (issue 14, analyst reads #12 and #13): a participle
with an object of its own is active, a passive's subject the parser hung on its auxiliary, "them"
after another group's act, a group's fighters named by the group, whom a demand asks to act, and
which attack a condemnation of "the strike" means. Rules on hand-built parses first, then
sentences through the whole pipeline."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from eventwire.extract.events.arguments import ActorIndex, argument
from eventwire.extract.events.candidate import coordinated_partner
from eventwire.extract.events.roles import (
    _others_before,
    _passive_small_clause,
    _passive_subject,
    _verbal_roles,
    subject_of,
)
from eventwire.model import Actor, Mention
from factories import extract_events

VOCAB = spacy.blank("en").vocab


def parse(words: list[str], heads: list[int], deps: list[str], tags: list[str], lemmas: list[str] | None = None,
          pos: list[str] | None = None, ents: list[str] | None = None) -> Doc:
    tag_pos = {"NNS": "NOUN", "NN": "NOUN", "NNP": "PROPN", "VBN": "VERB", "VBD": "VERB", "VB": "VERB",
               "VBG": "VERB", "CD": "NUM", "DT": "DET", "IN": "ADP", "JJ": "ADJ", "CC": "CCONJ", "TO": "PART",
               "PRP": "PRON", "PRP$": "PRON", "-LRB-": "PUNCT", "-RRB-": "PUNCT", ".": "PUNCT", ",": "PUNCT",
               ":": "PUNCT"}
    return Doc(VOCAB, words=words, heads=heads, deps=deps, tags=tags,
               pos=pos or [tag_pos[t] for t in tags], lemmas=lemmas or [w.lower() for w in words], ents=ents)


def test_a_participle_with_its_own_object_is_no_passive_small_clause():
    """"Agents detained 37 people, officials said": the parser's VBN under "said" is an active past."""
    doc = parse(["Agents", "detained", "37", "people", ",", "officials", "said", "."],
                [1, 6, 3, 1, 6, 6, 6, 6], ["nsubj", "ccomp", "nummod", "dobj", "punct", "nsubj", "ROOT", "punct"],
                ["NNS", "VBN", "CD", "NNS", ",", "NNS", "VBD", "."],
                ["agent", "detain", "37", "people", ",", "official", "say", "."])
    assert not _passive_small_clause(doc[1])
    assert _verbal_roles(doc[1]) == (doc[0], doc[3])


def test_a_bare_participle_without_an_object_stays_a_small_clause():
    """"The judge ordered him held": him underwent it."""
    doc = parse(["The", "judge", "ordered", "him", "held", "."], [1, 2, 2, 4, 2, 2],
                ["det", "nsubj", "ROOT", "nsubj", "ccomp", "punct"], ["DT", "NN", "VBD", "PRP", "VBN", "."],
                ["the", "judge", "order", "he", "hold", "."])
    assert _passive_small_clause(doc[4])


def test_a_passive_subject_hung_on_the_auxiliary_is_the_recipient():
    """"A protester was sprayed by agents", the parser hanging "protester" on "was"."""
    doc = parse(["A", "protester", "was", "sprayed", "by", "agents", "."], [1, 2, 3, 3, 3, 4, 3],
                ["det", "nsubj", "auxpass", "ROOT", "agent", "pobj", "punct"],
                ["DT", "NN", "VBD", "VBN", "IN", "NNS", "."], ["a", "protester", "be", "spray", "by", "agent", "."],
                ["DET", "NOUN", "AUX", "VERB", "ADP", "NOUN", "PUNCT"])
    assert _passive_subject(doc[3]) == doc[1]
    assert _verbal_roles(doc[3]) == (doc[5], doc[1])


def test_an_active_subject_without_a_by_agent_is_no_passive_subject():
    doc = parse(["Police", "detained", "two", "men", "."], [1, 1, 3, 1, 1],
                ["nsubj", "ROOT", "nummod", "dobj", "punct"], ["NNS", "VBD", "CD", "NNS", "."])
    assert _passive_subject(doc[1]) is None


def dispersal() -> Doc:
    """"Protesters marched and police fired gas to disperse them."""
    return parse(["Protesters", "marched", "and", "police", "fired", "gas", "to", "disperse", "them", "."],
                 [1, 1, 1, 4, 1, 4, 7, 4, 7, 1],
                 ["nsubj", "ROOT", "cc", "nsubj", "conj", "dobj", "aux", "advcl", "dobj", "punct"],
                 ["NNS", "VBD", "CC", "NNS", "VBD", "NN", "TO", "VB", "PRP", "."],
                 ["protester", "march", "and", "police", "fire", "gas", "to", "disperse", "they", "."])


def test_them_after_another_groups_act_is_the_group_named_before():
    doc = dispersal()
    assert _others_before(doc[8], doc[3]) == doc[0]


def test_them_has_no_other_antecedent_when_only_the_actor_was_named():
    doc = dispersal()
    assert _others_before(doc[8], doc[0]) == doc[3]  # the actor is never its own "them"
    doc = parse(["Police", "fired", "gas", "to", "disperse", "them", "."], [1, 1, 1, 4, 1, 4, 1],
                ["nsubj", "ROOT", "dobj", "aux", "advcl", "dobj", "punct"],
                ["NNS", "VBD", "NN", "TO", "VB", "PRP", "."])
    assert _others_before(doc[5], doc[0]) is None


def fighters(words: list[str], heads: list[int], deps: list[str], tags: list[str],
             actors: list[Actor]) -> tuple[Doc, ActorIndex]:
    return parse(words, heads, deps, tags, [w.lower().rstrip("s") for w in words]), ActorIndex.build(actors)


def test_a_groups_name_before_fighters_makes_the_group_the_actor():
    """"JNIM fighters ambushed a convoy"."""
    jnim = Actor(name="JNIM", kind="organization", mentions=[Mention("JNIM", 0, 4)])
    fighter = Actor(name="fighter", kind="group", mentions=[Mention("fighters", 5, 13)])
    doc, index = fighters(["JNIM", "fighters", "ambushed", "a", "convoy"], [1, 2, 2, 4, 2],
                          ["compound", "nsubj", "ROOT", "det", "dobj"], ["NNP", "NNS", "VBD", "DT", "NN"],
                          [jnim, fighter])
    assert argument(doc[1], index).actor is jnim


def test_fighters_from_a_group_are_the_groups():
    """"Fighters from the RSF stormed a camp"."""
    rsf = Actor(name="Rapid Support Forces", kind="organization", mentions=[Mention("RSF", 18, 21)])
    fighter = Actor(name="fighter", kind="group", mentions=[Mention("Fighters", 0, 8)])
    doc, index = fighters(["Fighters", "from", "the", "RSF", "stormed", "a", "camp"], [4, 0, 3, 1, 4, 6, 4],
                          ["nsubj", "prep", "det", "pobj", "ROOT", "det", "dobj"],
                          ["NNS", "IN", "DT", "NNP", "VBD", "DT", "NN"], [rsf, fighter])
    assert argument(doc[0], index).actor is rsf


def test_a_name_before_a_word_for_no_members_keeps_that_word():
    """"Kraft workers": a firm's workers are no force of the firm."""
    kraft = Actor(name="Kraft", kind="organization", mentions=[Mention("Kraft", 0, 5)])
    worker = Actor(name="worker", kind="group", mentions=[Mention("workers", 6, 13)])
    doc, index = fighters(["Kraft", "workers", "marched"], [1, 2, 2], ["compound", "nsubj", "ROOT"],
                          ["NNP", "NNS", "VBD"], [kraft, worker])
    assert argument(doc[1], index).actor is worker


def test_whom_a_demand_asks_to_act_is_its_recipient(nlp):
    events = extract_events(nlp, "Separately, Washington demanded that Iran halt enrichment above 3.67 percent.")
    demand = next(e for e in events if e.type == "REQUEST")
    assert demand.recipient == "Iran"


def test_a_demand_that_things_happen_names_no_recipient(nlp):
    events = extract_events(nlp, "The union demanded that the talks resume.")
    demand = next(e for e in events if e.type == "REQUEST")
    assert demand.recipient is None


def test_them_after_the_polices_act_is_the_protesters(nlp):
    events = extract_events(nlp, "About 200 supporters of the party gathered outside the court, chanting slogans, "
                                 "before police dispersed them.")
    dispersal = next(e for e in events if e.type == "COERCE")
    assert dispersal.actor == "police" and dispersal.recipient != "police"
    assert "supporters" in (dispersal.recipient_text or "")


def test_the_detainers_are_the_actor_of_a_detention_told_in_a_report(nlp):
    events = extract_events(nlp, "Federal immigration agents detained at least 37 people during raids in the "
                                 "suburb on Tuesday, officials said.")
    detention = next(e for e in events if e.type == "COERCE")
    assert detention.actor_text == "Federal immigration agents"
    assert "37 people" in (detention.recipient_text or "")


def test_the_strike_condemned_is_the_strike_told_before_not_the_latest_attack(nlp):
    events = extract_events(nlp, "An Israeli drone strike on a car killed five people in southern Lebanon on Tuesday. "
                                 "Hezbollah said it fired a salvo of rockets at an Israeli army post hours later. "
                                 "Lebanese Prime Minister Nawaf Salam condemned the strike.")
    condemnation = next(e for e in events if e.type == "ACCUSE")
    assert condemnation.recipient == "Israel"


def test_a_label_ending_in_a_colon_is_no_subject():
    """"SOMALIA: Militants attacked a base" (news in brief): the militants attacked."""
    doc = parse(["SOMALIA", ":", "Militants", "attacked", "a", "base", "."], [3, 0, 3, 3, 5, 3, 3],
                ["nsubj", "punct", "nsubj", "ROOT", "det", "dobj", "punct"],
                ["NNS", ":", "NNS", "VBD", "DT", "NN", "."])
    assert subject_of(doc[3]) == doc[2]


def test_two_subjects_without_a_label_keep_the_first():
    doc = parse(["Soldiers", "police", "attacked", "a", "base", "."], [2, 2, 2, 4, 2, 2],
                ["nsubj", "nsubj", "ROOT", "det", "dobj", "punct"], ["NNS", "NNS", "VBD", "DT", "NN", "."])
    assert subject_of(doc[2]) == doc[0]


def governor_said_while() -> Doc:
    """The governor said, while Russian shelling of the city wounded six people."""
    words = ["The", "governor", "said", ",", "while", "Russian", "shelling", "of", "the", "city", "wounded", "six",
             "people", "."]
    heads = [1, 2, 2, 2, 6, 6, 10, 6, 9, 7, 2, 12, 10, 2]
    deps = ["det", "nsubj", "ROOT", "punct", "mark", "amod", "advcl", "prep", "det", "pobj", "ccomp", "nummod", "dobj",
            "punct"]
    tags = ["DT", "NN", "VBD", ",", "IN", "JJ", "VBG", "IN", "DT", "NN", "VBD", "CD", "NNS", "."]
    lemmas = ["the", "governor", "say", ",", "while", "russian", "shell", "of", "the", "city", "wound", "six",
              "people", "."]
    ents = ["O", "O", "O", "O", "O", "B-NORP", "O", "O", "O", "O", "O", "O", "O", "O"]
    return parse(words, heads, deps, tags, lemmas, ents=ents)


def test_a_clause_opened_by_while_is_not_the_speakers_act():
    doc = governor_said_while()
    assert coordinated_partner(doc[10]) is None
    assert _verbal_roles(doc[10])[0] is None  # not the governor


def test_a_gerund_used_as_a_noun_is_done_by_the_people_named_before_it():
    doc = governor_said_while()
    assert _verbal_roles(doc[6])[0] == doc[5]


def test_the_group_that_claims_the_attack_is_its_actor(nlp):
    events = extract_events(nlp, "Militants attacked a police checkpoint in the northwest on Thursday, killing seven "
                                 "officers. The Pakistani Taliban, known as Tehreek-e-Taliban Pakistan (TTP), claimed "
                                 "responsibility for the assault in a statement.")
    attacks = [e for e in events if e.type == "ASSAULT"]
    assert len(attacks) == 1 and attacks[0].actor == "TTP"


def test_a_claimed_raid_is_part_of_the_attack_not_an_arrest(nlp):
    events = extract_events(nlp, "Gunmen on motorbikes attacked the weekly market in the village on April 16, killing "
                                 "at least 40 people. JNIM claimed the raid a week later.")
    assert [e.type for e in events] == ["ASSAULT"]
    assert events[0].actor == "JNIM" and len(events[0].evidence) == 2


def test_no_one_claiming_an_attack_gives_it_no_claimant(nlp):
    events = extract_events(nlp, "A suicide bomber killed 14 people at a market on Sunday. No group immediately "
                                 "claimed responsibility for the attack, but it bore the hallmarks of Boko Haram.")
    attack = next(e for e in events if e.type == "ASSAULT")
    assert attack.actor != "Boko Haram"


def test_a_state_told_as_the_attacker_stays_when_its_staff_claims_it(nlp):
    events = extract_events(nlp, "Ukrainian drones hit an oil depot in the Belgorod region on Tuesday. Ukraine's "
                                 "General Staff later claimed responsibility.")
    attack = next(e for e in events if e.type == "ASSAULT")
    assert attack.actor == "Ukraine"


def test_a_thing_an_armed_force_word_describes_names_that_force():
    """"Ambushed an army convoy": the army; "a security forces post": the security forces."""
    from eventwire.extract.events.arguments import _force_owning
    doc = parse(["Gunmen", "ambushed", "an", "army", "convoy"], [1, 1, 4, 4, 1],
                ["nsubj", "ROOT", "det", "compound", "dobj"], ["NNS", "VBD", "DT", "NN", "NN"])
    assert _force_owning(doc[4]) == "army"
    doc = parse(["Gunmen", "attacked", "a", "security", "forces", "post"], [1, 1, 5, 4, 5, 1],
                ["nsubj", "ROOT", "det", "compound", "compound", "dobj"], ["NNS", "VBD", "DT", "NN", "NNS", "NN"],
                ["gunman", "attack", "a", "security", "force", "post"])
    assert _force_owning(doc[5]) == "security force"


def test_a_thing_with_no_force_word_names_no_one():
    from eventwire.extract.events.arguments import _force_owning
    doc = parse(["Drones", "hit", "an", "oil", "depot"], [1, 1, 4, 4, 1], ["nsubj", "ROOT", "det", "compound", "dobj"],
                ["NNS", "VBD", "DT", "NN", "NN"])
    assert _force_owning(doc[4]) is None


def test_an_ambushed_army_convoy_names_the_army_as_recipient(nlp):
    events = extract_events(nlp, "Last week, JNIM fighters ambushed an army convoy near Kayes.")
    attack = next(e for e in events if e.type == "ASSAULT")
    assert attack.recipient == "army" and attack.recipient_text == "an army convoy"


def test_a_participle_after_a_verb_of_saying_is_the_speakers_act():
    """"A student was shot, the commission said, blaming police": the commission blames; the
    shooting is what was said."""
    from eventwire.extract.events.speech import _report_frame
    doc = parse(["A", "student", "was", "shot", ",", "the", "commission", "said", ",", "blaming", "police", "."],
                [1, 3, 3, 7, 7, 6, 7, 7, 7, 7, 9, 7],
                ["det", "nsubjpass", "auxpass", "ccomp", "punct", "det", "nsubj", "ROOT", "punct", "advcl", "dobj",
                 "punct"],
                ["DT", "NN", "VBD", "VBN", ",", "DT", "NN", "VBD", ",", "VBG", "NNS", "."],
                ["a", "student", "be", "shoot", ",", "the", "commission", "say", ",", "blame", "police", "."],
                ["DET", "NOUN", "AUX", "VERB", "PUNCT", "DET", "NOUN", "VERB", "PUNCT", "VERB", "NOUN", "PUNCT"])
    assert _report_frame(doc[9]) is None
    assert _report_frame(doc[3]) == (doc[7], doc[3])


def test_her_supporters_called_on_are_not_her(nlp):
    events = extract_events(nlp, "Marcela Quiroga called on her supporters to keep protesting peacefully.")
    call = next(e for e in events if e.type == "REQUEST")
    assert call.actor == "Marcela Quiroga" and call.recipient != "Marcela Quiroga"


def test_a_persons_assets_frozen_are_still_that_persons(nlp):
    events = extract_events(nlp, "The U.S. Treasury Department froze Vice President Tareck El Aissami's American "
                                 "assets in February.")
    freeze = next(e for e in events if e.type == "SANCTION")
    assert freeze.recipient == "Tareck El Aissami"


def test_ministers_meeting_are_who_meet():
    """"EU foreign ministers meeting in Brussels agreed": the parser's compound "ministers meeting"."""
    from eventwire.extract.events.roles import _people_meeting
    doc = parse(["EU", "foreign", "ministers", "meeting", "in", "Brussels", "agreed"], [2, 2, 3, 6, 3, 4, 6],
                ["nmod", "amod", "compound", "nsubj", "prep", "pobj", "ROOT"],
                ["NNP", "JJ", "NNS", "NN", "IN", "NNP", "VBD"],
                ["EU", "foreign", "minister", "meeting", "in", "Brussels", "agree"])
    assert _people_meeting(doc[3]) == doc[2]
    doc = parse(["The", "cabinet", "meeting", "ended"], [2, 2, 3, 3], ["det", "compound", "nsubj", "ROOT"],
                ["DT", "NN", "NN", "VBD"])
    assert _people_meeting(doc[2]) is None


def test_the_ministers_meeting_agree(nlp):
    events = extract_events(nlp, "Meanwhile, EU foreign ministers meeting in Brussels on Tuesday agreed to extend "
                                 "sanctions on Russian banks for another six months.")
    agreement = next(e for e in events if e.type == "AGREE")
    assert agreement.actor_text == "EU foreign ministers"


def test_a_name_right_before_the_verb_after_a_thing_is_the_relative_clauses_subject():
    """"A charge Kigali denied": the parser makes "charge" the subject and Kigali its apposition."""
    doc = parse(["a", "charge", "Kigali", "denied", "."], [1, 3, 1, 3, 3], ["det", "nsubj", "appos", "ROOT", "punct"],
                ["DT", "NN", "NNP", "VBD", "."], ["a", "charge", "Kigali", "deny", "."])
    assert _verbal_roles(doc[3])[0] == doc[2]
    doc = parse(["a", "charge", ",", "Kigali", "denied", "."], [1, 4, 1, 1, 4, 4],
                ["det", "nsubj", "punct", "appos", "ROOT", "punct"], ["DT", "NN", ",", "NNP", "VBD", "."],
                ["a", "charge", ",", "Kigali", "deny", "."])
    assert _verbal_roles(doc[4])[0] == doc[1]  # set off by a comma: an apposition indeed


def test_two_sides_that_clash_act_on_each_other(nlp):
    events = extract_events(nlp, "M23 rebels and the Congolese army clashed near the town of Masisi on Tuesday.")
    clash = next(e for e in events if e.type == "ASSAULT")
    assert clash.actor == "M23" and clash.recipient_text == "the Congolese army"


def test_one_side_that_attacks_another_keeps_its_object(nlp):
    events = extract_events(nlp, "Rebels and militiamen attacked an army post near the town on Tuesday.")
    attack = next(e for e in events if e.type == "ASSAULT")
    assert attack.recipient_text == "an army post"


def test_an_airstrike_an_armed_force_word_describes_is_that_forces(nlp):
    events = extract_events(nlp, "A military airstrike on a monastery in Sagaing region killed 18 people early "
                                 "Thursday.")
    strike = next(e for e in events if e.type == "ASSAULT")
    assert strike.actor == "military"


def test_owned_forces_are_not_the_one_group_called_force():
    """"Its forces shot down drones" in a story that named "Ukraine's air force" before."""
    air_force = Actor(name="Ukraine air force", kind="group", country="UKR", mentions=[Mention("air force", 30, 39)])
    doc, index = fighters(["its", "forces", "shot", "drones"], [1, 2, 2, 2], ["poss", "nsubj", "ROOT", "dobj"],
                          ["PRP$", "NNS", "VBD", "NNS"], [air_force])
    assert argument(doc[1], index).actor is not air_force
    doc, index = fighters(["the", "forces", "shot", "drones"], [1, 2, 2, 2], ["det", "nsubj", "ROOT", "dobj"],
                          ["DT", "NNS", "VBD", "NNS"], [air_force])
    assert argument(doc[1], index).actor is air_force  # "at the request of prosecutors": the one group so called


def test_its_forces_in_what_a_ministry_says_are_not_the_air_force_told_before(nlp):
    events = extract_events(nlp, "Ukraine's air force said Russia launched 58 drones overnight. Russia's defence "
                                 "ministry says its forces shot down 27 Ukrainian drones over the Belgorod region.")
    shot = next(e for e in events if e.trigger == "shot" or "shot" in e.trigger)
    assert shot.actor != "Ukraine air force"


def test_supporters_of_a_person_are_not_that_person():
    """"Supporters of Marcela Quiroga marched" (not "Photos of Marcela Quiroga")."""
    for noun, verb, expected in (("Supporters", "marched", None), ("Photos", "circulated", "Marcela Quiroga")):
        words = [noun, "of", "Marcela", "Quiroga", verb]
        start = len(noun) + 4
        quiroga = Actor(name="Marcela Quiroga", kind="person", mentions=[Mention("Marcela Quiroga", start, start + 15)])
        doc, index = fighters(words, [4, 0, 3, 1, 4], ["nsubj", "prep", "compound", "pobj", "ROOT"],
                              ["NNS", "IN", "NNP", "NNP", "VBD"], [quiroga])
        assert doc.text[start : start + 15] == "Marcela Quiroga"
        found = argument(doc[0], index).actor
        assert (found.name if found else None) == expected


def test_a_name_with_its_short_form_in_brackets_is_that_organization():
    """"The Group for the Support of Islam (JNIM) announced"."""
    group = Actor(name="Group", kind="organization", mentions=[Mention("Group", 4, 9)])
    jnim = Actor(name="JNIM", kind="organization", mentions=[Mention("JNIM", 37, 41)])
    words = ["The", "Group", "for", "the", "Support", "of", "Islam", "(", "JNIM", ")", "announced"]
    doc, index = fighters(words, [1, 10, 1, 4, 2, 4, 5, 8, 6, 8, 10],
                          ["det", "nsubj", "prep", "det", "pobj", "prep", "pobj", "punct", "appos", "punct", "ROOT"],
                          ["DT", "NNP", "IN", "DT", "NNP", "IN", "NNP", "-LRB-", "NNP", "-RRB-", "VBD"], [group, jnim])
    assert doc.text[37:41] == "JNIM"
    assert argument(doc[1], index).actor is jnim


def test_supporters_of_a_candidate_who_march_are_protesters(nlp):
    events = extract_events(nlp, "About 2,000 supporters of opposition candidate Marcela Quiroga marched to the "
                                 "electoral tribunal on Monday.")
    march = next(e for e in events if e.type == "PROTEST")
    assert march.actor != "Marcela Quiroga"


def test_a_verb_joined_to_a_report_set_inside_the_news_goes_on_with_the_news():
    """"Gang members kidnapped 12 staff, police said, and demanded a ransom": the members demanded."""
    words = ["Members", "kidnapped", "staff", ",", "police", "said", ",", "and", "demanded", "a", "ransom", "."]
    doc = parse(words, [1, 5, 1, 5, 5, 5, 5, 5, 5, 10, 8, 5],
                ["nsubj", "ccomp", "dobj", "punct", "nsubj", "ROOT", "punct", "cc", "conj", "det", "dobj", "punct"],
                ["NNS", "VBD", "NN", ",", "NNS", "VBD", ",", "CC", "VBD", "DT", "NN", "."],
                ["member", "kidnap", "staff", ",", "police", "say", ",", "and", "demand", "a", "ransom", "."])
    assert subject_of(doc[8]) == doc[0]


def test_a_verb_joined_to_a_report_before_its_content_is_the_speakers():
    """"The spokesman said the forces had shown restraint, and denied the report": the spokesman."""
    words = ["The", "spokesman", "said", "forces", "showed", "restraint", ",", "and", "denied", "it", "."]
    doc = parse(words, [1, 2, 2, 4, 2, 4, 2, 2, 2, 8, 2],
                ["det", "nsubj", "ROOT", "nsubj", "ccomp", "dobj", "punct", "cc", "conj", "dobj", "punct"],
                ["DT", "NN", "VBD", "NNS", "VBD", "NN", ",", "CC", "VBD", "PRP", "."],
                ["the", "spokesman", "say", "force", "show", "restraint", ",", "and", "deny", "it", "."])
    assert subject_of(doc[8]) == doc[1]


def test_his_counterpart_met_is_not_himself(nlp):
    events = extract_events(nlp, "British Foreign Secretary David Lammy met his Sudanese counterpart in New York on "
                                 "Friday.")
    meeting = next(e for e in events if e.type == "CONSULT")
    assert meeting.actor == "David Lammy" and meeting.recipient != "David Lammy"


def test_the_whole_title_told_again_is_its_one_holder():
    """"British Foreign Secretary David Lammy ... The foreign secretary urged": Lammy."""
    from eventwire.extract.events.arguments import title_holders
    lammy = Actor(name="David Lammy", kind="person", title="Foreign Secretary")
    assert title_holders([lammy]).get("foreign secretary") is lammy
    other = Actor(name="Yvette Cooper", kind="person", title="Foreign Secretary")
    assert "foreign secretary" not in title_holders([lammy, other])  # two holders: neither


def test_the_foreign_secretary_who_urged_is_the_one_named_before(nlp):
    events = extract_events(nlp, "British Foreign Secretary David Lammy arrived in New York on Friday. The foreign "
                                 "secretary urged both the army and the Rapid Support Forces to allow aid into El "
                                 "Fasher.")
    call = next(e for e in events if e.type == "REQUEST")
    assert call.actor == "David Lammy"
